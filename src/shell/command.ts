import {posix} from 'node:path';
import {launch} from './launch.js';
import {scanOptions} from './options.js';
import {madeBy, switchesCluster} from './made.js';
import {ShellState, type Value, known, profileTaint, unknown} from './state.js';
import type {SimpleCommand, Word} from './types.js';
import {mapRedirect, mapWord} from './volumes.js';
import {basename, splitString, wrappers as wrapperTable} from './wrappers.js';
import {noteWrites, programIdentity, startupCode} from './script-files.js';
import {envRecord, environmentOf} from './environment.js';
import {staticOutput, tapOutput} from './static-output.js';
import {printfOutput} from './printf.js';
import {plainCode} from './code.js';
import type {Frame, Stdin, Tap} from './frame.js';
import type {Launched, RawCommand} from './launched.js';
import type {Session} from './session-port.js';

/** Wrappers that run the program as another user, searching a PATH of their own (sudo's secure_path). */
const privileged = new Set(['sudo', 'doas', 'su', 'runuser', 'pkexec']);

const fileWriters = new Set(['cp', 'install', 'ln', 'mv', 'tee', 'curl', 'wget', 'git', 'sed', 'perl', 'ruby', 'gawk', 'awk']);

// What bash runs itself, whatever PATH holds (`help`): a file of the same name is never looked up.
const builtins = new Set([
  '.', ':', '[', 'alias', 'bg', 'bind', 'break', 'builtin', 'caller', 'cd', 'command', 'compgen', 'complete', 'compopt', 'continue', 'declare', 'dirs', 'disown', 'echo', 'enable', 'eval', 'exec', 'exit',
  'export', 'false', 'fc', 'fg', 'getopts', 'hash', 'help', 'history', 'jobs', 'kill', 'let', 'local', 'logout', 'mapfile', 'popd', 'printf', 'pushd', 'pwd', 'read', 'readarray', 'readonly', 'return',
  'set', 'shift', 'shopt', 'source', 'suspend', 'test', 'times', 'trap', 'true', 'type', 'typeset', 'ulimit', 'umask', 'unalias', 'unset', 'wait',
]);

export const valueWord = (value: Value, raw: string): Word =>
  value.known ? {value: value.value, known: true, raw} : {value: null, known: false, raw, why: value.why};

// Words the shell reads as syntax where a command starts. tree-sitter-bash reads some of them
// as a program when the syntax around them is broken (`do rm -rf /` with no loop) or new to it
// (`coproc NAME { …; }`), and the commands after them would hide as its arguments.
const reservedWords = new Set(['{', '}', 'do', 'done', 'then', 'else', 'elif', 'fi', 'esac', 'in', ']]']);

/** The reserved word a shell-level command starts with, written unquoted; undefined when none. */
function misreadSyntax(words: Word[]): string | undefined {
  const first = words[0];
  if (!first?.known || first.raw !== first.value) return undefined;
  if (reservedWords.has(first.value)) return first.value;
  const compound = first.value === 'coproc' ? words.slice(1, 3).find((word) => word.raw === '{' || word.raw === '(') : undefined;
  return compound ? `coproc … ${compound.raw}` : undefined;
}

// The aliases being expanded: an alias is not expanded again inside its own text, as in the shell.
const expanding = new Set<string>();
// Alias text that is more than words: expanded as code, the command's redirections lost.
const aliasSyntax = /[;&|<>()`$*?[\]~\n{}]/;

/**
 * `ll /etc` after `alias ll='rm -rf'`: the alias's words in place of its name, the command's
 * other words, redirections and assignments kept. sh expands aliases in scripts, and bash does
 * after `shopt -s expand_aliases`: guard takes the expansion as on, the reading that runs more.
 * As in bash, the word after `time` is expanded too, and the word after an alias whose text
 * ends in a blank (`alias sudo='sudo '`).
 */
function expandAlias(raw: RawCommand, session: Session): boolean {
  let words = raw.words;
  let at = words[0]?.known && words[0].raw === 'time' ? (words[1]?.value === '-p' ? 2 : 1) : 0;
  const names: string[] = [];
  for (;;) {
    const word = words[at];
    if (raw.child || !word?.known || word.raw !== word.value || !session.aliases.has(word.value) || expanding.has(word.value) || names.includes(word.value)) break;
    const name = word.value;
    const text = session.aliases.get(name);
    if (text === null || text === undefined) {
      session.problem('unanalysable', `alias ${name} stands for code guard cannot know`, raw.location);
      return true;
    }

    if (aliasSyntax.test(text) || /^\s*[A-Za-z_]\w*=/.test(text)) {
      // Its text is walked as code; what the command adds around it is not carried into that code.
      if (raw.assignments.size > 0 || raw.redirects.length > 0) session.problem('unanalysable', `alias ${name} is shell code, and the assignments or redirections given with it are not followed into it`, raw.location);
      names.push(name);
      for (const expanded of names) expanding.add(expanded);
      try {
        session.runCode(plainCode([...words.slice(0, at).map((w) => w.raw), text, ...words.slice(at + 1).map((w) => w.raw)].join(' ')), raw.state, raw.frame, `alias ${name}`, raw.location);
      } finally {
        for (const expanded of names) expanding.delete(expanded);
      }

      return true;
    }

    const replaced = splitString(text);
    words = [...words.slice(0, at), ...replaced, ...words.slice(at + 1)];
    names.push(name);
    if (!/\s$/.test(text)) break;
    at += replaced.length;
  }

  if (names.length === 0) return false;
  for (const name of names) expanding.add(name);
  try {
    runCommand({...raw, words}, session);
  } finally {
    for (const name of names) expanding.delete(name);
  }

  return true;
}

/** `alias NAME=TEXT…` and `unalias [-a] NAME…`: what later commands expand. */
function defineAliases(program: string, args: Word[], session: Session): void {
  if (program === 'unalias') {
    for (const arg of args) {
      if (arg.value === '-a') session.aliases.clear();
      else if (arg.known) session.aliases.delete(arg.value);
    }

    return;
  }

  for (const arg of args) {
    const match = arg.known ? /^([^=\s/$`'"]+)=([\s\S]*)$/.exec(arg.value) : /^([^=\s/$`'"]+)=/.exec(arg.raw);
    if (match) session.aliases.set(match[1]!, arg.known ? match[2]! : null);
  }
}

/** Whether a command before this one named the file or its folder (`rm bin/rm`, `mv bin/rm …`), or ran `hash`. */
function touchedBefore(file: string, session: Session): boolean {
  const folder = posix.dirname(file);
  return session.commands.some((command) => {
    if (command.program.value === 'hash') return true;
    const cwd = command.cwd.value;
    return command.argv.slice(1).some((word) => {
      if (!word.known) return false;
      const path = word.value.startsWith('/') ? posix.normalize(word.value) : cwd === null ? undefined : posix.resolve(cwd, word.value);
      return path === file || path === folder;
    });
  });
}

/** Unwraps, emits, launches what the command runs, and applies its effect on the shell. */
export function runCommand(raw: RawCommand, session: Session): void {
  if (session.work) session.work.commands += 1;
  const misread = raw.child ? undefined : misreadSyntax(raw.words);
  if (misread) session.problem('syntax', `\`${misread}\` where a command starts is shell syntax guard cannot follow here`, raw.location);
  if (expandAlias(raw, session)) return;
  let env = raw.child?.env ?? environmentOf(raw.state, raw.assignments);
  let cwd = raw.child?.cwd ?? raw.state.cwd;
  const volumes = raw.frame.volumes;
  let words = volumes ? raw.words.map((word) => mapWord(word, volumes)) : raw.words;
  const wrappers: string[] = [];
  const via = raw.frame.via.slice();
  if (raw.child) via.push(raw.child.via);
  let where = raw.frame.where;
  let ownNetwork = raw.frame.ownNetwork === true;
  const also: Array<{words: Word[]; via: string}> = [];
  const owned: Array<{words: Word[]; env: Map<string, Value>; cwd: Value}> = [];
  for (let head = words[0]; head?.known; head = words[0]) {
    // A path to a symlink or copy of a wrapper is that wrapper (`./run rm …`, run → /usr/bin/env).
    const name = (head.value.includes('/') ? programIdentity(head.value, cwd, session) : undefined) ?? basename(head.value);
    // Only xargs reads its input to make its command: worked out for it alone.
    const input = name === 'xargs' ? knownInput(raw) : undefined;
    const unwrapped = Object.hasOwn(wrapperTable, name) ? wrapperTable[name]!.unwrap({words, env, cwd, ...(input === undefined ? {} : {input})}) : undefined;
    if (!unwrapped) break;
    wrappers.push(name);
    // The wrapper's own words are a command too: `strace -o FILE` writes FILE whatever it traces.
    const own = words.length - unwrapped.words.length;
    if (own > 1 && unwrapped.words.every((word, i) => word === words[own + i])) owned.push({words: words.slice(0, own), env, cwd});
    ({words} = unwrapped);
    env = unwrapped.env ?? env;
    cwd = unwrapped.cwd ?? cwd;
    if (unwrapped.via) via.push(unwrapped.via);
    where = unwrapped.where ?? where;
    if (unwrapped.ownNetwork || (unwrapped.namespace !== undefined && session.madeNetwork.has(`netns ${unwrapped.namespace}`))) ownNetwork = true;
    // nsenter joins another process's namespaces (`nsenter -t 1 -n`): the host's, often.
    else if (name === 'nsenter') ownNetwork = false;
    for (const extra of unwrapped.also ?? []) also.push({words: extra, via: name});
  }

  let head = words[0];
  let searched = false;
  // A glob as the program path runs what it matches (`/???/r? -rf /` is /bin/rm).
  if (head?.known && head.glob && session.files && head.value.includes('/')) {
    const matches = cwd.known || head.value.startsWith('/') ? session.files.glob(head.value, cwd.known ? cwd.value : '/') : [];
    if (matches.length > 0) {
      // The first match runs, the rest its arguments; which files match is the machine's at run
      // time (`/???/?m` is `/bin/nm /bin/rm` here, `/bin/rm` where nm is not installed): each
      // match is also judged as the program.
      const args = words.slice(1);
      for (const other of matches.slice(1)) also.push({words: [{value: other, known: true, raw: head.raw}, ...args], via: `the glob ${head.raw}`});
      words = [...matches.map((path): Word => ({value: path, known: true, raw: head!.raw})), ...args];
      head = words[0]!;
    }
  }

  // The shell itself looks the name up (not a wrapper's exec), and may find a builtin or, unless
  // `command` or `builtin` asks past it, a function of that name before any file.
  const byShell = !raw.child && wrappers.every((wrapper) => wrapper === 'command' || wrapper === 'builtin');
  const shellsOwn = (name: string) => byShell && (builtins.has(name) || (wrappers.length === 0 && raw.state.functions.has(name)));
  const onPath = head?.known && !head.value.includes('/') && !shellsOwn(head.value) ? head.value : undefined;

  // A name `hash -p` tied to a file may run that file (`hash -p /bin/rm ls; ls -rf /srv` runs rm in
  // bash; dash has no -p, and a PATH set again forgets it): judged as both.
  // `builtin NAME` runs a builtin or nothing: never the hashed file.
  const hashedPath = onPath !== undefined && byShell && !wrappers.includes('builtin') ? raw.state.hashed?.get(onPath) : undefined;
  if (hashedPath?.startsWith('\u0000')) session.problem('dynamic-program', `${onPath} runs the file hash -p gave it, which is not known: ${hashedPath.slice(1)}`, raw.location);
  else if (hashedPath !== undefined) also.push({words: [{value: hashedPath, known: true, raw: head!.raw}, ...words.slice(1)], via: `hash -p ${hashedPath} ${onPath}`});

  // A name the shell finds in a folder the command put on PATH is that file (`PATH="$PWD:$PATH"
  // tidy` runs ./tidy), judged by what it is and read when it is a script. A name found where
  // guard's own PATH has it is what it is called.
  if (head?.known && onPath !== undefined) {
    const searchPath = env.get('PATH');
    // sudo, doas and a login shell search a PATH of their own: there a stub never stands in for a program guard judges.
    const ownPath = !wrappers.some((wrapper) => privileged.has(wrapper)) && raw.state.taint !== profileTaint;
    const found = searchPath?.known && cwd.known ? session.files?.addedToPath(head.value, searchPath.value, cwd.value, ownPath) : undefined;
    // A stub the code itself removed, moved, edited or hashed past earlier is not what runs.
    if (found && !touchedBefore(found, session)) {
      words = [{...head, value: found}, ...words.slice(1)];
      head = words[0]!;
      searched = true;
    }
  }

  // A path to a symlink or copy of a known program is that program (`./myrm` → /bin/rm).
  const identity = head?.known && head.value.includes('/') ? programIdentity(head.value, cwd, session) : undefined;
  const program: Word = !head ? {value: '', known: true, raw: ''} : head.known ? {value: identity ?? basename(head.value), known: true, raw: head.raw} : head;
  const command: SimpleCommand = {
    program,
    argv: words,
    redirects: volumes ? [...raw.redirects, ...raw.frame.redirects].map((redirect) => mapRedirect(redirect, volumes)) : [...raw.redirects, ...raw.frame.redirects],
    cwd: valueWord(cwd, cwd.known ? cwd.value : ''),
    env: envRecord(env),
    wrappers,
    via,
    location: raw.location,
    feedsShell: false,
  };
  if (where) command.where = where;
  if (ownNetwork) command.ownNetwork = true;
  if (!raw.child && wrappers.length === 0 && head?.known && !head.value.includes('/') && raw.state.functions.has(program.value!)) command.calls = 'function';
  const upstream = raw.child || raw.stdin ? undefined : raw.frame.pipeIn;
  if (upstream) command.piped = pipedInput(upstream);
  if (session.links.size > 0) command.links = session.links;
  if (session.madeNetwork.size > 0) command.madeNetwork = session.madeNetwork;
  if (raw.state.made) command.made = raw.state.made;
  if (session.writes > 0) command.written = {files: session.writtenFiles, upTo: session.writes};
  session.emit(command);
  // One that exists already is the machine's: the add fails, and what follows acts on it (without a file reader, in tests, none is taken to exist).
  const madeNames = program.value === 'ip' ? madeByIp(words.slice(1)) : program.value === 'ovs-vsctl' ? madeByOvs(words.slice(1)) : [];
  const made = madeNames.filter((name) => (session.files?.glob(name.startsWith('netns ') ? `/run/netns/${name.slice(6)}` : `/sys/class/net/${name.slice(name.indexOf(' ') + 1)}`, '/').length ?? 0) === 0);
  if (made.length > 0) session.madeNetwork = new Set([...session.madeNetwork, ...made]);
  // What a command writes on another host or in a container is not here for what runs here to read.
  if ((command.redirects.length > 0 || fileWriters.has(program.value ?? '')) && command.where === undefined) {
    noteWrites(command, raw.stdin, cwd, session);
    for (const {path, code} of startupCode(command, raw.stdin, cwd)) {
      // What the login code writes or links is not there for the commands after this one.
      const saved = {written: session.written, writtenFiles: session.writtenFiles, writes: session.writes, links: session.links, madeNetwork: session.madeNetwork};
      session.written = new Map(saved.written);
      session.writtenFiles = new Map([...saved.writtenFiles].map(([file, versions]) => [file, [...versions]]));
      // A login starts in the home folder, with the environment and none of this code's functions or unexported variables.
      const login = ShellState.fromEnv(envRecord(env), raw.state.home, raw.state.user, known(raw.state.home), [known('bash')]);
      const frame: Frame = {...raw.frame, pipeIn: undefined, pipeOut: undefined, redirects: []};
      login.forget('PROMPT_COMMAND');
      session.runCode(code, login, frame, `${path} (it runs at every login)`, raw.location);
      // PROMPT_COMMAND is code bash runs before every prompt of that shell.
      const prompt = login.lookup('PROMPT_COMMAND');
      if (prompt?.known) session.runCode(plainCode(prompt.value), login.fork(), frame, `${path}: PROMPT_COMMAND (it runs before every prompt)`, raw.location);
      Object.assign(session, saved);
    }
  }
  const tap = raw.frame.pipeOut;
  if (tap && !raw.child) {
    tap.commands.push(command);
    const output = staticOutput(command, raw.stdin);
    if (output) tap.outputs.set(command, output);
  }

  for (const wrapper of owned) {
    const name = wrapper.words[0]!;
    if (!name.known) continue;
    session.emit({
      program: {value: basename(name.value), known: true, raw: name.raw},
      argv: wrapper.words,
      redirects: [],
      cwd: valueWord(wrapper.cwd, wrapper.cwd.known ? wrapper.cwd.value : ''),
      env: envRecord(wrapper.env),
      wrappers: [],
      via: [...raw.frame.via],
      location: raw.location,
      feedsShell: false,
      ...(raw.frame.where ? {where: raw.frame.where} : {}),
    });
  }

  // What a wrapper runs besides its command (`systemd-run -p ExecStartPre=…`) is a child of its own.
  for (const extra of also) runCommand({words: extra.words, assignments: new Map(), redirects: [], location: raw.location, state: raw.state, frame: {...raw.frame, via, ...(where ? {where} : {})}, child: {env, cwd, via: extra.via}}, session);
  if (head && !head.known) session.problem('dynamic-program', `the program is not known: ${head.why}`, raw.location);
  if (!head?.known) return;
  const programName = identity ?? basename(head.value);
  const launched: Launched = {command, raw, words, env, cwd};
  if (searched) launched.searched = true;
  const inShell = !raw.child && wrappers.every((wrapper) => wrapper === 'command' || wrapper === 'builtin');
  const fn = raw.state.functions.get(programName);
  if (inShell && wrappers.length === 0 && fn && !head.value.includes('/')) callFunction(launched, session);
  else {
    launch(launched, session);
    if (!raw.child) {
      if (switchesCluster(command)) raw.state.made = undefined;
      raw.state.makes(madeBy(command));
    }
  }
  if (inShell && !session.sourced.has(raw)) {
    applyEffect(programName, words.slice(1), raw.state, raw.frame, {stdin: raw.stdin, ifs: raw.assignments.get('IFS')});
    if (programName === 'alias' || programName === 'unalias') defineAliases(programName, words.slice(1), session);
    if (programName === 'alias' && words.slice(1).some((word) => !word.known || /^(?:echo|printf)=/.test(word.value))) raw.state.ownPrinters = true;
  } else if (wrappers[0] === 'exec' && !raw.child) raw.state.exited = 'exit';
}

/** The bridge `ovs-vsctl add-br NAME` makes (`--may-exist` may find the machine's own: not counted). */
function madeByOvs(words: Word[]): string[] {
  if (words.some((word) => word.value === '--may-exist')) return [];
  const at = words.findIndex((word) => word.value === 'add-br');
  const name = words[at + 1];
  return at !== -1 && name?.known ? [`ovs ${name.value}`] : [];
}

/** The interfaces or namespace an `ip` command makes: `ip link add [link DEV] [dev|name] NAME type … [peer name PEER]`, `ip tuntap add [dev] NAME`, `ip netns add NAME`. */
function madeByIp(words: Word[]): string[] {
  const texts = words.map((word) => (word.known ? word.value : undefined));
  const at = texts.findIndex((text) => text !== undefined && !text.startsWith('-'));
  const [object, verb] = [texts[at], texts[at + 1]];
  if (verb !== 'add' || object === undefined) return [];
  const rest = texts.slice(at + 2);
  if (/^netns?$/.test(object) || object === 'net') return rest[0] ? [`netns ${rest[0]}`] : [];
  if (object === 'tuntap' || object === 'tunt') return (rest[0] === 'dev' ? rest[1] : rest[0]) ? [`link ${rest[0] === 'dev' ? rest[1] : rest[0]}`] : [];
  if (!/^l(?:i(?:nk?)?)?$/.test(object)) return [];
  const type = rest.indexOf('type');
  const before = (type === -1 ? rest : rest.slice(0, type)).filter((text, i, all) => text !== 'link' && all[i - 1] !== 'link' && text !== 'dev' && text !== 'name');
  const peer = rest.findIndex((text, i) => text === 'name' && rest[i - 1] === 'peer');
  return [before[0], peer === -1 ? undefined : rest[peer + 1]].filter((name): name is string => name !== undefined).map((name) => `link ${name}`);
}

/** All the text a command reads on its input, when guard knows it: a heredoc or here-string, or a pipe from one command printing plain text. */
function knownInput(raw: RawCommand): string | undefined {
  if (raw.child) return undefined;
  const stdin = raw.stdin;
  if (stdin) return (stdin.kind === 'heredoc' || stdin.kind === 'herestring') && stdin.code.unknowns.size === 0 ? stdin.code.text : undefined;
  const upstream = raw.frame.pipeIn ? tapOutput(raw.frame.pipeIn) : undefined;
  return upstream && upstream.unknowns.size === 0 ? upstream.text : undefined;
}

/** What a pipe feeds a command: its text when one command upstream prints plain text. */
function pipedInput(tap: Tap): NonNullable<SimpleCommand['piped']> {
  const only = tapOutput(tap);
  return {from: tap.commands, ...(only ? {text: only.text} : {})};
}

/** A word as a positional parameter: a glob the call expanded (`f /var/lib/*`) stands for all its matches wherever "$@" or "$1" expands it. */
const positional = (word: Word): Value => (word.known && word.glob ? {known: true, value: word.value, glob: true} : known(word.value!));

function callFunction({command, raw, words}: Launched, session: Session): void {
  const {state, frame} = raw;
  const fn = state.functions.get(command.program.value ?? '')!;
  // A call from inside a function of the same name is not walked again; it does not count as
  // a call of a new definition either (`f() { f() { rm -rf /; }; f; }`), which is then walked
  // as a function no one called.
  if (frame.calls.includes(fn.name)) return;
  fn.called = true;
  const savedArgs = state.args;
  const zero = typeof savedArgs === 'string' ? unknown(savedArgs) : (savedArgs[0] ?? unknown('$0 is not known'));
  const args = words.slice(1);
  const missing = args.find((word) => !word.known);
  state.args = missing && !missing.known ? `the function's arguments are not known: ${missing.why}` : [zero, ...args.map(positional)];
  const locals = new Map<string, Value | undefined>();
  const body: Frame = {...fn.frame, via: [...command.via, `function ${fn.name}`], calls: [...frame.calls, fn.name], locals, redirects: command.redirects, pipeIn: frame.pipeIn, pipeOut: frame.pipeOut};
  // Its body reads the call's heredoc or here-string (`f <<EOF` where f runs `bash`), or else what its caller was fed.
  if (raw.stdin) body.input = {redirects: command.redirects, stdin: raw.stdin};
  else if (frame.input) body.input = frame.input;
  session.walkFunction(fn.body, state, body);
  for (const [name, value] of locals) {
    if (value === undefined) state.forget(name);
    else state.assign(name, value);
  }

  state.args = savedArgs;
  if (state.exited === 'return') state.exited = false;
}

function changeDirectory(state: ShellState, target: Word | undefined): void {
  let next: Value;
  if (!target) next = state.lookup('HOME') ?? known(state.home);
  else if (!target.known) next = unknown(`cd ${target.raw}: ${target.why}`);
  else if (target.value === '-') next = state.oldCwd ?? unknown('cd - goes back to a directory that is not known');
  else if (target.value.startsWith('/')) next = known(posix.normalize(target.value));
  else next = state.cwd.known ? known(posix.resolve(state.cwd.value, target.value)) : state.cwd;
  state.oldCwd = state.cwd;
  state.cwdIfFailed = state.cwd;
  state.cwd = next;
}

const readValue = (name: string, how: string): Value => unknown(`${name} is ${how} at run time`);

/**
 * What `read NAME…` puts in each name from a here-string or heredoc guard knows (`IFS=: read -r
 * a b c <<< "x:y:z"`): its first line split at IFS, the last name taking the rest; undefined
 * when the input, IFS or a backslash in it (without -r) is not plain.
 */
function readFields(stdin: Stdin | undefined, count: number, given: Value | undefined, raw: boolean): string[] | undefined {
  if (!stdin || stdin.kind === 'file' || stdin.code.unknowns.size > 0) return undefined;
  const line = stdin.code.text.split('\n')[0]!;
  const ifs = given ?? known(' \t\n');
  if (!ifs.known || (!raw && line.includes('\\'))) return undefined;
  const separators = new Set(ifs.value);
  const white = (ch: string) => separators.has(ch) && /\s/.test(ch);
  const fields: string[] = [];
  let at = 0;
  const skipWhite = () => {
    while (at < line.length && white(line[at]!)) at++;
  };
  skipWhite();
  while (fields.length < count - 1 && at < line.length) {
    let end = at;
    while (end < line.length && !separators.has(line[end]!)) end++;
    fields.push(line.slice(at, end));
    at = end;
    skipWhite();
    if (at < line.length && separators.has(line[at]!) && !white(line[at]!)) at++;
    skipWhite();
  }

  // The last name takes the rest of the line, less the whitespace of IFS at its end.
  let rest = line.slice(at);
  while (rest.length > 0 && white(rest.at(-1)!)) rest = rest.slice(0, -1);
  fields.push(rest);
  while (fields.length < count) fields.push('');
  return fields;
}

/** What a builtin changes in the shell that runs it. */
function applyEffect(name: string, args: Word[], state: ShellState, frame: Frame, input: {stdin?: Stdin; ifs?: Value} = {}): void {
  switch (name) {
    case 'cd':
    case 'pushd': {
      const operands = args.filter((word) => !(word.known && /^-[LPe@]+$/.test(word.value)));
      if (name === 'pushd' && operands[0]?.value?.match(/^[+-]\d+$/)) state.cwd = unknown('pushd rotated the directory stack');
      else changeDirectory(state, operands[0]);
      return;
    }

    case 'popd':
      state.cwd = unknown('popd returns to a directory from the stack');
      return;
    case 'read': {
      const {options} = scanOptions(args, {takesValue: ['-a', '-d', '-i', '-n', '-N', '-p', '-t', '-u'], stopAtOperand: true});
      const names = options.operands.length > 0 ? options.operands : [{value: 'REPLY', known: true, raw: 'REPLY'} as Word];
      const array = options.values.get('-a');
      const fields = array || options.values.size > 0 ? undefined : readFields(input.stdin, names.length, input.ifs ?? state.lookup('IFS'), options.flags.has('-r'));
      for (const [i, word] of (array ? [array, ...names] : names).entries()) if (word.known) state.assign(word.value, fields?.[i] !== undefined ? known(fields[i]!) : readValue(word.value, 'read from input'));
      return;
    }

    case 'mapfile':
    case 'readarray': {
      const last = args.at(-1);
      const target = last?.known && /^[A-Za-z_]\w*$/.test(last.value) ? last.value : 'MAPFILE';
      state.assign(target, readValue(target, 'read from input'));
      return;
    }

    case 'getopts':
      for (const target of [args[1]?.value, 'OPTARG', 'OPTIND']) if (target) state.assign(target, readValue(target, 'set by getopts'));
      return;
    case 'printf': {
      const joined = args[0]?.value === '-v' ? 2 : 1;
      const target = joined === 2 ? args[1]?.value : /^-v(.+)$/.exec(args[0]?.value ?? '')?.[1];
      if (!target) return;
      // `printf -v cmd '%s%s' mk fs.xfs`: what it formats, where every word is known.
      const rest = args.slice(joined);
      const words = rest[0]?.value === '--' ? rest.slice(1) : rest;
      const text = words.length > 0 && words.every((word) => word.known) ? printfOutput(words[0]!.value!, words.slice(1).map((word) => word.value!)) : undefined;
      state.assign(target, text === undefined ? readValue(target, 'formatted by printf') : known(text));
      return;
    }

    case 'hash': {
      // `hash -p PATH NAME` runs PATH for NAME; `-r` forgets every name, `-d NAME` one.
      const at = args.findIndex((word) => word.value === '-p');
      if (args.some((word) => word.value === '-r')) state.hashed = undefined;
      // A file guard cannot know is kept as why, after a NUL no path holds.
      else if (at !== -1 && args[at + 1] && args[at + 2]?.known) {
        const file = args[at + 1]!;
        state.hashed = new Map([...(state.hashed ?? []), [args[at + 2]!.value!, file.known ? file.value : `\u0000${file.why}`]]);
      }
      else if (args[0]?.value === '-d' && state.hashed) state.hashed = new Map([...state.hashed].filter(([name]) => !args.slice(1).some((word) => word.value === name)));
      return;
    }

    case 'let':
      for (const word of args) {
        const target = /^([A-Za-z_]\w*)/.exec(word.value ?? '')?.[1];
        if (target) state.assign(target, readValue(target, 'computed by let'));
      }

      return;
    case 'set':
      setOptions(args, state);
      return;
    case 'shift': {
      const count = args[0] ? Number(args[0].value) : 1;
      if (typeof state.args === 'string') return;
      state.args = Number.isInteger(count) ? [state.args[0] ?? unknown('$0 is not known'), ...state.args.slice(1 + count)] : 'positional parameters were shifted by an unknown count';
      return;
    }

    case 'trap':
      // A handler may run between any two commands (DEBUG, a signal the code sends itself) and set variables there.
      if (args.length > 1) state.untracked = true;
      return;
    case 'exit':
      state.exited = 'exit';
      return;
    case 'return':
      // Outside a function or a sourced script bash says it cannot return and goes on (dash stops): what follows is judged.
      if (frame.locals || frame.sourced) state.exited = 'return';
      return;
    case 'exec':
      return;
    case 'source':
    case '.':
      if (args[0]) state.spoil(`may be changed by the sourced file ${args[0].raw}`);
      return;
    default:
  }
}

function setOptions(args: Word[], state: ShellState): void {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    if (text === '--' || text === null || !/^[-+]/.test(text) || text === '-' ) {
      const rest = args.slice(text === '--' || text === '-' ? i + 1 : i);
      if (text !== '--' && rest.length === 0) return;
      const missing = rest.find((arg) => !arg.known);
      const zero = typeof state.args === 'string' ? unknown(state.args) : (state.args[0] ?? unknown('$0 is not known'));
      state.args = missing && !missing.known ? `positional parameters were set from unknown words: ${missing.why}` : [zero, ...rest.map(positional)];
      return;
    }

    const on = text.startsWith('-');
    if (text.slice(1).includes('e')) state.errexit = on;
    if (text.slice(1).includes('u')) state.nounset = on;
    // Each `o` in a cluster takes the next word as an option's name (`set -euo pipefail`): never a positional parameter.
    for (const letter of text.slice(1)) {
      if (letter !== 'o') continue;
      if (args[i + 1]?.value === 'errexit') state.errexit = on;
      if (args[i + 1]?.value === 'nounset') state.nounset = on;
      i++;
    }
  }
}
