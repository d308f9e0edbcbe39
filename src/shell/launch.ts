// Programs that run shell code or other commands in their turn: shells (`-c`, a script on
// stdin), eval, source, trap, alias, find -exec, watch, flock -c, su/runuser/sg; and, from their
// own files, sessions and schedulers (sessions.ts), other hosts and containers (elsewhere.ts),
// and the escape hatches of ordinary tools (hatches.ts). Those three load the first time a
// command names one of their programs: most commands name none, and start-up is part of the product.
import {codeFromWords, replacePlaceholder} from './code.js';
import {runEnvCommands} from './env-commands.js';
import {type Launcher, argsOf, childState, describe, feed, frameOf, label, readScriptFromStdin, runChild, runCodeString, runWords, shells} from './handoff.js';
import {type LauncherModule, lazyLaunchers, mayLaunch} from './launcher-index.js';
import {scanOptions} from './options.js';
import {printsShellSetup} from './outputs.js';
import {runPathScript, runShellFile, sourceScript} from './script-files.js';
import {type Value, known, profileTaint, unknown} from './state.js';
import {writtenFile} from './written.js';
import type {SimpleCommand, Word} from './types.js';
import type {Frame} from './frame.js';
import type {Launched} from './launched.js';
import type {Session} from './session-port.js';

const modules: Record<LauncherModule, () => Promise<Launcher[]>> = {
  sessions: () => import('./sessions.js').then((module) => module.sessions),
  elsewhere: () => import('./elsewhere.js').then((module) => module.elsewhere),
  hatches: () => import('./hatches.js').then((module) => module.hatches),
  interpreters: () => import('./interpreters/index.js').then((module) => module.interpreters),
};

const loaded: Partial<Record<LauncherModule, Record<string, Launcher>>> = {};

/** A command names a launcher whose module is not loaded yet: load it, then analyse again. */
export class LauncherNeeded extends Error {
  constructor(readonly module: LauncherModule) {
    super(`the ${module} launchers are needed`);
  }
}

/** Loads launcher modules ahead, so an analysis does not stop half-way for them. */
export async function loadLaunchers(names: Iterable<LauncherModule>): Promise<void> {
  await Promise.all([...new Set(names)].filter((name) => !loaded[name]).map(async (name) => {
    const table = await modules[name]();
    loaded[name] = Object.fromEntries(table.flatMap((launcher) => launcher.names.map((program) => [program, launcher] as const)));
  }));
}

// Interpreters whose script files the same code wrote are read (interpreters/index.ts).
const scriptInterpreter = /^(?:python[\d.]*|pypy[\d.]*|perl[\d.]*|ruby[\d.]*|node|nodejs|php[\d.]*|lua[\d.]*|tclsh[\d.]*|wish|expect)$/;

/** A file the code wrote whose `#!` names an interpreter (`#!/usr/bin/env python3`): run as `python3 FILE ARGS`. */
function writtenInterpreterScript(launched: Launched, session: Session): boolean {
  const file = launched.words[0]!;
  if (!file.known) return false;
  const written = writtenFile(session, file.value, launched.cwd);
  const shebang = written && 'text' in written ? /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(written.text) : null;
  if (!shebang) return false;
  const program = shebang[1]!.split('/').at(-1) === 'env' ? (shebang[2] ?? '') : shebang[1]!.split('/').at(-1)!;
  if (!scriptInterpreter.test(program)) return false;
  runChild(launched, session, [{value: program, known: true, raw: program}, ...launched.words], `${file.value} (#!${program})`);
  return true;
}

/** Runs what a command runs in its turn: code strings, scripts fed to shells, find -exec. */
export function launch(launched: Launched, session: Session): void {
  const name = launched.command.program.value!;
  const path = launched.words[0]!.value!;
  const before = path.includes('/') && !shells.has(name) ? {commands: session.commands.length, problems: session.problems.length} : undefined;
  if (before && runPathScript(launched, session)) {
    // A shell script run by its path: walked as the shell it names would run it. A stub of the
    // project's own (`./rm`, a `reboot` on a PATH the command set) that only prints is judged
    // by what it runs, not by its name; any other script (a wrapper that runs the real tool in
    // a container, `exec python3 -m awscli "$@"`) keeps its name's rules too, and one named by
    // an absolute path may be the system's own (/usr/sbin/service).
    const ran = session.commands.slice(before.commands);
    const onlyPrints = session.problems.length === before.problems && ran.every((inner) => inner.program.known && printers.has(inner.program.value));
    if ((!path.startsWith('/') || launched.searched) && onlyPrints) launched.command.calls = 'script';
  } else if (before && writtenInterpreterScript(launched, session)) {
    // `./x.py` the same code wrote with a `#!` of an interpreter: run as that interpreter runs it.
  } else if (shells.has(name)) runShell(launched, session);
  else if (Object.hasOwn(launchers, name)) launchers[name]!.run(launched, session);
  else if (Object.hasOwn(lazyLaunchers, name) && (!Object.hasOwn(mayLaunch, name) || mayLaunch[name]!(launched))) {
    const module = lazyLaunchers[name]!;
    const table = loaded[module];
    if (!table) throw new LauncherNeeded(module);
    table[name]!.run(launched, session);
  }

  runEnvCommands(launched, session);
}

// What a stub may run and still be only a stub: printing, and asking the machine harmless questions.
const printers = new Set(['echo', 'printf', 'true', 'false', ':', 'test', '[', 'date', 'hostname', 'whoami', 'id', 'uname', 'sleep', 'logger', 'cat', 'tee', 'basename', 'dirname', 'pwd', 'exit', 'return', 'set', 'shift', 'local', 'export', 'readonly', 'declare']);

function runShell(launched: Launched, session: Session): void {
  const {command, words, raw} = launched;
  const name = command.program.value!;
  let i = 1;
  let code = false;
  let stdin = false;
  let profile = false;
  for (; i < words.length; i++) {
    const text = words[i]!.value;
    if (text === null) break;
    if (text === '--' || text === '-') {
      i++;
      break;
    }

    if (text.startsWith('--')) {
      if (text === '--rcfile' || text === '--init-file') i++;
      profile ||= text === '--login' || text === '--interactive' || text === '--rcfile' || text === '--init-file';
      continue;
    }

    if (!/^[-+]./.test(text)) break;
    code ||= text.startsWith('-') && text.includes('c');
    stdin ||= text.startsWith('-') && text.includes('s');
    profile ||= text.startsWith('-') && /[li]/.test(text);
    if (/[oO]/.test(text)) i++;
  }

  startupFiles(launched, session, name, profile, words.slice(1, i));
  // sudo and doas set the environment anew (sudo -i through a login shell): what is unset here may be set there.
  profile ||= command.wrappers.some((wrapper) => wrapper === 'sudo' || wrapper === 'doas');
  const shellState = (args: Value[] | string) => {
    const state = childState(launched, args);
    if (profile) state.taint ??= profileTaint;
    return state;
  };

  const operands = words.slice(i);
  if (code) {
    const script = operands[0];
    if (!script) return;
    feed([script], session);
    const state = shellState(argsOf(operands.slice(1), name));
    session.runCode(codeFromWords([script]), state, frameOf(launched), label(command, '-c'), raw.location);
    return;
  }

  if (operands.length > 0 && !stdin) {
    const producers = feed([operands[0]!], session);
    if (producers.length > 0) session.problem('unanalysable', `${name} runs a script produced by ${describe(producers)}, which guard cannot see`, raw.location);
    else runShellFile(launched, session, operands, profile ? profileTaint : undefined);
    return;
  }

  const state = shellState(argsOf([{value: name, known: true, raw: name}, ...operands], name));
  // A script on a redirected input: a file (`bash < deploy.sh`) is read as `bash deploy.sh` would be; what a process
  // substitution prints (`bash < <(curl …)`) is code guard cannot see, as `curl … | bash` is.
  const input = raw.stdin ?? (raw.frame.pipeIn ? undefined : raw.frame.input?.stdin);
  if (input?.kind === 'file') {
    const producers = feed([input.target], session);
    if (producers.length > 0) session.problem('unanalysable', `${name} runs a script produced by ${describe(producers)}, which guard cannot see`, raw.location);
    else if (!input.target.known) session.problem('unanalysable', `${name} runs the script on its input, ${input.target.raw}, which is only known when it runs: ${input.target.why}`, raw.location);
    else if (!/^\/dev\/(?:null|tty|stdin|fd\/0)$/.test(input.target.value)) runShellFile(input.from ? {...launched, cwd: known(input.from)} : launched, session, [input.target, ...operands], profile ? profileTaint : undefined);
    return;
  }

  readScriptFromStdin(launched, state, session);
}

/**
 * What a shell runs before its own code because of its environment: bash, not interactive,
 * sources the file BASH_ENV names; an interactive shell sources the one ENV names, and bash
 * runs PROMPT_COMMAND before each prompt. A name guard cannot know is refused.
 */
function startupFiles(launched: Launched, session: Session, name: string, profile: boolean, options: Word[]): void {
  const interactive = options.some((word) => word.value === '--interactive' || /^-[a-zA-Z]*i/.test(word.value ?? ''));
  const bash = name === 'bash' || name === 'rbash';
  const sourced = [bash && !interactive ? 'BASH_ENV' : undefined, interactive && !(bash && profile && !options.some((word) => word.value === '--posix')) ? 'ENV' : undefined].filter((variable) => variable !== undefined);
  for (const variable of sourced) {
    const value = launched.env.get(variable);
    if (!value || (value.known && value.value === '')) continue;
    if (!value.known) session.problem('unanalysable', `${name} first sources the file ${variable} names, which guard cannot know (${value.why})`, launched.raw.location);
    else runCodeString(launched, session, {text: `. ${quoteWord(value.value)}`, unknowns: new Map()}, `${name} (${variable})`);
  }

  const prompt = bash && interactive ? launched.env.get('PROMPT_COMMAND') : undefined;
  if (prompt?.known && prompt.value.trim() !== '') runCodeString(launched, session, {text: prompt.value, unknowns: new Map()}, `${name} (PROMPT_COMMAND)`);
  else if (prompt && !prompt.known) session.problem('unanalysable', `${name} runs PROMPT_COMMAND before each prompt, which guard cannot know (${prompt.why})`, launched.raw.location);
}

const quoteWord = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function runEval({command, words, raw}: Launched, session: Session): void {
  const args = words.slice(1);
  if (args.length === 0) return;
  feed(args, session);
  const code = codeFromWords(args);
  session.runCode(code, raw.state, {...raw.frame, via: command.via}, 'eval', raw.location);
  if (code.unknowns.size > 0) raw.state.spoil('may be changed by eval of code guard cannot see');
}

const printsSetup = (command: SimpleCommand) => printsShellSetup([command.program.value, ...command.argv.slice(1).map((word) => word.value)]);

function sourceFile(launched: Launched, session: Session): void {
  const {words, raw} = launched;
  const file = words[1];
  if (!file) return;
  // `. /dev/stdin <<< CODE`, `… | source /dev/stdin`: the shell's own input, read as a script in this shell.
  // Its own arguments are its $1, $2…; a `return` in it ends only the sourcing.
  if (file.known && /^\/dev\/(?:stdin|fd\/0)$|^\/proc\/self\/fd\/0$/.test(file.value)) {
    const state = raw.state;
    const saved = state.args;
    if (words.length > 2) {
      const rest = argsOf(words.slice(2), file.value);
      state.args = typeof rest === 'string' ? rest : [typeof saved === 'string' ? known('sh') : (saved[0] ?? known('sh')), ...rest];
    }

    readScriptFromStdin(launched, state, session, words[0]!.value!, true);
    if (words.length > 2) state.args = saved;
    if (state.exited === 'return') state.exited = false;
    if (!raw.child && launched.command.wrappers.length === 0) session.sourced.add(raw);
    return;
  }

  const producers = feed([file], session);
  // `source <(kubectl completion bash)`: shell setup a well-known tool prints, nothing to read.
  if (producers.length > 0 && producers.every(printsSetup)) return;
  if (producers.length > 0) session.problem('unanalysable', `${words[0]!.value} runs a script produced by ${describe(producers)}, which guard cannot see`, raw.location);
  else if (!raw.child && launched.command.wrappers.length === 0 && sourceScript(launched, session)) session.sourced.add(raw);
}

const suOptions = {
  takesValue: ['-c', '--command', '--session-command', '-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment', '-u', '--user'],
  long: ['command', 'session-command', 'shell', 'group', 'supp-group', 'whitelist-environment', 'login', 'preserve-environment', 'fast', 'pty', 'user'],
};

/** su and runuser read options anywhere (`su - deploy -c CODE`); runuser -u USER -- CMD runs a command. */
function runAsUser(launched: Launched, session: Session): void {
  const {options} = scanOptions(launched.words.slice(1), suOptions);
  const code = options.values.get('-c') ?? options.values.get('--command') ?? options.values.get('--session-command');
  const name = launched.command.program.value!;
  if (code) {
    feed([code], session);
    const keep = options.flags.has('-m') || options.flags.has('-p') || options.flags.has('--preserve-environment');
    const state = childState(launched, [known('sh')]);
    // `su -`, `su -l`: a login shell, which reads the user's profile.
    if (options.flags.has('-l') || options.flags.has('--login') || launched.words.some((word) => word.value === '-')) state.taint ??= profileTaint;
    if (!keep) for (const variable of [...state.vars.keys()]) state.assign(variable, unknown(`${name} resets ${variable} for the target user`));
    runCodeString(launched, session, codeFromWords([code]), label(launched.command, '-c'), state);
  } else if (name === 'runuser' && (options.flags.has('-u') || options.flags.has('--user'))) {
    if (options.operands.length > 0) runChild(launched, session, options.operands, 'runuser');
  } else readScriptFromStdin(launched, childState(launched, [known(name)]), session, name);
}

/** sg GROUP -c CODE, or sg GROUP CODE: the code runs through /bin/sh -c. */
function runAsGroup(launched: Launched, session: Session): void {
  const {options} = scanOptions(launched.words.slice(1), {takesValue: ['-c']});
  const code = options.values.get('-c') ?? options.operands[1];
  if (code) runCodeString(launched, session, codeFromWords([code]), label(launched.command, '-c'));
  else readScriptFromStdin(launched, childState(launched, [known('sg')]), session, 'sg');
}

/** Wrappers that start a shell when given no command; it reads its commands on stdin (`sudo -i <<EOF`). */
const startsShell: Record<string, (args: Word[]) => boolean> = {
  sudo: (args) => args.some((word) => /^-[A-Za-z]*[is]|^--(?:login|shell)$/.test(word.value ?? '')),
  doas: (args) => args.some((word) => /^-[A-Za-z]*s/.test(word.value ?? '')),
  chroot: (args) => args.filter((word) => !word.value?.startsWith('-')).length === 1,
  'arch-chroot': (args) => args.filter((word) => !word.value?.startsWith('-')).length === 1,
  nsenter: () => true,
  unshare: () => true,
  setarch: () => true,
  'systemd-nspawn': (args) => !args.some((word) => word.value === '-b' || word.value === '--boot'),
};

function runDefaultShell(launched: Launched, session: Session): void {
  const name = launched.command.program.value!;
  if (startsShell[name]?.(launched.words.slice(1))) readScriptFromStdin(launched, childState(launched, [known(name)]), session, name);
}

function runWatched(launched: Launched, session: Session): void {
  const {options, firstOperand} = scanOptions(launched.words.slice(1), {takesValue: ['-n', '--interval', '-q', '--equexit'], stopAtOperand: true});
  const rest = launched.words.slice(1 + firstOperand);
  if (rest.length === 0) return;
  if (options.flags.has('-x') || options.flags.has('--exec')) runChild(launched, session, rest, 'watch');
  else runWords(launched, session, rest, 'watch');
}

function runLocked(launched: Launched, session: Session): void {
  const words = launched.words;
  const at = words.findIndex((word, i) => i > 0 && (word.value === '-c' || word.value === '--command'));
  const code = at === -1 ? undefined : words[at + 1];
  if (code) runCodeString(launched, session, codeFromWords([code]), 'flock -c');
}

function runTrap({words, raw}: Launched, session: Session): void {
  const code = words[1];
  if (!code || words.length < 3 || code.value === '-' || code.value === '' || code.value?.startsWith('-')) return;
  // A handler is neither a sourced script nor a function body: a `return` in it does not end it.
  const frame: Frame = {...raw.frame, via: [...raw.frame.via]};
  delete frame.sourced;
  delete frame.locals;
  session.runCode(codeFromWords([code]), raw.state.fork(), frame, 'trap', raw.location);
  // It runs again when it fires, mostly at the end, with the values the code has left by then
  // (`D=/tmp/x; trap 'rm -rf "$D"' EXIT; D=/etc`): walked once more after everything else.
  session.traps.push({code: codeFromWords([code]), state: raw.state, frame: {...frame, via: [...frame.via]}, at: raw.location});
}

function runAlias({words, raw}: Launched, session: Session): void {
  for (const word of words.slice(1)) {
    const body = word.known ? /^[^=]+=([\s\S]*)$/.exec(word.value)?.[1] : undefined;
    if (body) session.runCode(codeFromWords([{value: body, known: true, raw: word.raw}]), raw.state.fork(), raw.frame, 'alias', raw.location);
  }
}

const foundPath = 'a path find found';

function runFound(launched: Launched, session: Session): void {
  const words = launched.words;
  for (let i = 1; i < words.length; i++) {
    const action = words[i]!.value;
    if (action !== '-exec' && action !== '-execdir' && action !== '-ok' && action !== '-okdir') continue;
    let end = i + 1;
    while (end < words.length && words[end]!.value !== ';' && !(words[end]!.value === '+' && words[end - 1]!.value === '{}')) end++;
    const command = words.slice(i + 1, end).filter((word, k, all) => !(word.value === '+' && k === all.length - 1));
    if (command.length > 0) {
      const inDir = action.endsWith('dir');
      const cwd = inDir ? unknown('-execdir runs in the folder of each file found') : launched.cwd;
      runChild(launched, session, command.map((word) => replacePlaceholder(word, '{}', foundPath)), `find ${action}`, {cwd});
    }

    i = end;
  }
}

const own: Launcher[] = [
  {names: ['eval'], run: runEval, examples() { return {runs: ["eval 'rm x'", 'eval rm x'], runsNothing: ['eval']}; }},
  {names: ['source', '.'], run: sourceFile, examples() { return {runs: ['. /dev/stdin <<< "rm x"', 'echo "rm x" | source /dev/stdin'], runsNothing: ['. ./lib.sh', '. /dev/stdin']}; }},
  {names: ['trap'], run: runTrap, examples() { return {runs: ["trap 'rm x' EXIT"], runsNothing: ['trap - EXIT', 'trap -p']}; }},
  {names: ['alias'], run: runAlias, examples() { return {runs: ["alias c='rm x'"], runsNothing: ['alias', 'alias ll']}; }},
  {names: ['find'], run: runFound, examples() { return {runs: ['find . -exec rm x {} +', 'find . -execdir rm x \\;', 'find / -ok rm x {} \\;'], runsNothing: ['find . -name x -print']}; }},
  {names: ['watch'], run: runWatched, examples() { return {runs: ["watch 'rm x'", 'watch -n 60 rm x', 'watch -x rm x', 'watch -d -n 5 -- rm x'], runsNothing: ['watch']}; }},
  {names: ['flock'], run: runLocked, examples() { return {runs: ["flock -c 'rm x' /tmp/x.lock", "flock -n /tmp/x.lock -c 'rm x'"], runsNothing: ['flock -u 9']}; }},
  {names: ['su', 'runuser'], run: runAsUser, examples() { return {runs: ["su -c 'rm x'", "su - deploy -c 'rm x'", "su -c 'rm x' root", "su -s /bin/bash -l deploy -c 'rm x'", "runuser -l deploy -c 'rm x'", 'runuser -u deploy -- rm x', "runuser -u postgres rm x", "su - <<< 'rm x'", "su deploy <<'EOF'\nrm x\nEOF"], runsNothing: ['su -', 'su deploy', 'runuser -l deploy']}; }},
  {names: Object.keys(startsShell), run: runDefaultShell, examples() { return {runs: ["sudo -i <<'EOF'\nrm x\nEOF", "sudo -s <<< 'rm x'", "echo 'rm x' | sudo -i", "doas -s <<< 'rm x'", "chroot /mnt <<< 'rm x'", "nsenter -t 1 -a <<< 'rm x'", "unshare -m <<< 'rm x'"], runsNothing: ['sudo -l', 'sudo -i', 'chroot /mnt', "chroot /mnt ls <<< 'rm x'", "sudo -e f <<< 'rm x'"]}; }},
  {names: ['sg'], run: runAsGroup, examples() { return {runs: ["sg docker -c 'rm x'", "sg docker 'rm x'", "sg docker <<< 'rm x'"], runsNothing: ['sg docker']}; }},
];

/** Every launcher, its module loaded, for the tests that run their examples. */
export async function allLaunchers(): Promise<Array<Launcher & {module?: LauncherModule}>> {
  const tables = await Promise.all(Object.entries(modules).map(async ([name, load]) => (await load()).map((launcher) => ({...launcher, module: name as LauncherModule}))));
  return [...own, ...tables.flat()];
}

const launchers: Record<string, Launcher> = Object.fromEntries(own.flatMap((launcher) => launcher.names.map((name) => [name, launcher] as const)));

/** Whether a program of this name launches code guard follows (a shell, sudo, ssh, an interpreter…). */
export const isLauncher = (name: string): boolean => Object.hasOwn(launchers, name) || Object.hasOwn(lazyLaunchers, name);
