import {type CodeText, codeFromWords, replacePlaceholder} from './code.js';
import {type Launched, envRecord, runCommand} from './command.js';
import {brief} from './expand.js';
import {scanOptions} from './options.js';
import type {Anchor, Frame, Session} from './session.js';
import {ShellState, type Value, known, unknown} from './state.js';
import type {SimpleCommand, Word} from './types.js';

const shells = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'rbash', 'posh', 'yash']);

/** Runs what a command runs in its turn: code strings, scripts fed to shells, find -exec. */
export function launch(launched: Launched, session: Session): void {
  const name = launched.command.program.value!;
  if (shells.has(name)) runShell(launched, session);
  else if (name === 'eval') runEval(launched, session);
  else if (name === 'source' || name === '.') sourceFile(launched, session);
  else if (Object.hasOwn(launchers, name)) launchers[name]!(launched, session);
}

function feed(words: Word[], session: Session): SimpleCommand[] {
  const producers = words.flatMap((word) => session.producers.get(word) ?? []);
  for (const producer of producers) producer.feedsShell = true;
  return producers;
}

/** A new shell process: it sees only the exported environment. */
function childState({env, cwd, raw}: Launched, args: Value[] | string): ShellState {
  return ShellState.fromEnv(envRecord(env), raw.state.home, raw.state.user, cwd, args);
}

function argsOf(words: Word[], zero: string): Value[] | string {
  const missing = words.find((word) => !word.known);
  if (missing && !missing.known) return `positional parameters are not known: ${missing.why}`;
  return words.length > 0 ? words.map((word) => known(word.value!)) : [known(zero)];
}

function frameOf(launched: Launched): Frame {
  return {...launched.raw.frame, via: launched.command.via, pipeIn: undefined, pipeOut: undefined, redirects: []};
}

const label = (command: SimpleCommand, rest: string) => [...command.wrappers, command.program.value, rest].filter(Boolean).join(' ');

function runShell(launched: Launched, session: Session): void {
  const {command, words, raw} = launched;
  const name = command.program.value!;
  let i = 1;
  let code = false;
  let stdin = false;
  for (; i < words.length; i++) {
    const text = words[i]!.value;
    if (text === null) break;
    if (text === '--' || text === '-') {
      i++;
      break;
    }

    if (text.startsWith('--')) {
      if (text === '--rcfile' || text === '--init-file') i++;
      continue;
    }

    if (!/^[-+]./.test(text)) break;
    code ||= text.startsWith('-') && text.includes('c');
    stdin ||= text.startsWith('-') && text.includes('s');
    if (/[oO]/.test(text)) i++;
  }

  const operands = words.slice(i);
  if (code) {
    const script = operands[0];
    if (!script) return;
    feed([script], session);
    const state = childState(launched, argsOf(operands.slice(1), name));
    session.runCode(codeFromWords([script]), state, frameOf(launched), label(command, '-c'), raw.location);
    return;
  }

  if (operands.length > 0 && !stdin) {
    const producers = feed([operands[0]!], session);
    if (producers.length > 0) session.problem('unanalysable', `${name} runs a script produced by ${describe(producers)}, which guard cannot see`, raw.location);
    return;
  }

  const state = childState(launched, argsOf([{value: name, known: true, raw: name}, ...operands], name));
  readScriptFromStdin(launched, state, session);
}

function describe(commands: SimpleCommand[]): string {
  return commands.map((command) => `\`${brief(command.location.text)}\``).join(', ');
}

function readScriptFromStdin(launched: Launched, state: ShellState, session: Session): void {
  const {command, raw} = launched;
  const name = command.program.value!;
  const stdin = raw.stdin;
  if (stdin?.kind === 'heredoc') {
    const at = session.position(stdin.start, raw.frame, '');
    const anchor: Anchor = {line: at.line, column: at.column, exact: !raw.frame.anchor || raw.frame.anchor.exact};
    session.runCode(stdin.code, state, frameOf(launched), `heredoc fed to ${label(command, '')}`, raw.location, anchor);
  } else if (stdin?.kind === 'herestring') {
    session.runCode(stdin.code, state, frameOf(launched), `herestring fed to ${label(command, '')}`, raw.location);
  } else if (!stdin && raw.frame.pipeIn) {
    const tap = raw.frame.pipeIn;
    for (const producer of tap.commands) producer.feedsShell = true;
    const only = tap.commands.length === 1 ? tap.outputs.get(tap.commands[0]!) : undefined;
    if (only) session.runCode(only, state, frameOf(launched), `pipe into ${label(command, '')}`, raw.location);
    else session.problem('unanalysable', `${name} runs code read from a pipe (${describe(tap.commands)}), which guard cannot see`, raw.location);
  }
}

function runEval({command, words, raw}: Launched, session: Session): void {
  const args = words.slice(1);
  if (args.length === 0) return;
  feed(args, session);
  const code = codeFromWords(args);
  session.runCode(code, raw.state, {...raw.frame, via: command.via}, 'eval', raw.location);
  if (code.unknowns.size > 0) raw.state.spoil('may be changed by eval of code guard cannot see');
}

function sourceFile({words, raw}: Launched, session: Session): void {
  const file = words[1];
  if (!file) return;
  const producers = feed([file], session);
  if (producers.length > 0) session.problem('unanalysable', `${words[0]!.value} runs a script produced by ${describe(producers)}, which guard cannot see`, raw.location);
}

function runCodeString(launched: Launched, session: Session, code: CodeText, via: string, state?: ShellState): void {
  session.runCode(code, state ?? childState(launched, [known('sh')]), frameOf(launched), via, launched.raw.location);
}

function runChild(launched: Launched, session: Session, words: Word[], via: string, cwd = launched.cwd): void {
  const {raw} = launched;
  runCommand({words, assignments: new Map(), redirects: [], location: raw.location, state: raw.state, frame: frameOf(launched), child: {env: launched.env, cwd, via}}, session);
}

const suOptions = {
  takesValue: ['-c', '--command', '--session-command', '-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment', '-u', '--user'],
  long: ['command', 'session-command', 'shell', 'group', 'supp-group', 'whitelist-environment', 'login', 'preserve-environment', 'fast', 'pty', 'user'],
};

function runAsUser(launched: Launched, session: Session): void {
  const {options, firstOperand} = scanOptions(launched.words.slice(1), {...suOptions, stopAtOperand: launched.command.program.value === 'runuser'});
  const code = options.values.get('-c') ?? options.values.get('--command') ?? options.values.get('--session-command');
  const name = launched.command.program.value!;
  if (code) {
    feed([code], session);
    const keep = options.flags.has('-m') || options.flags.has('-p') || options.flags.has('--preserve-environment');
    const state = childState(launched, [known('sh')]);
    if (!keep) for (const variable of [...state.vars.keys()]) state.assign(variable, unknown(`${name} resets ${variable} for the target user`));
    runCodeString(launched, session, codeFromWords([code]), label(launched.command, '-c'), state);
  } else if (name === 'runuser' && (options.flags.has('-u') || options.flags.has('--user'))) {
    const rest = launched.words.slice(1 + firstOperand);
    if (rest.length > 0) runChild(launched, session, rest, 'runuser');
  }
}

const sshValues = [...'BbcDEeFIiJLlmOoPpQRSWw'].map((letter) => `-${letter}`);

function runRemote(launched: Launched, session: Session): void {
  const {firstOperand} = scanOptions(launched.words.slice(1), {takesValue: sshValues, stopAtOperand: true});
  const [host, ...command] = launched.words.slice(1 + firstOperand);
  if (!host || command.length === 0) return;
  const state = ShellState.fromEnv({}, launched.raw.state.home, undefined, unknown("the remote user's home folder"), 'positional parameters of the remote shell are not known');
  state.taint = 'is set on the remote host';
  runCodeString(launched, session, codeFromWords(command), `ssh ${host.value ?? host.raw}`, state);
}

function runWatched(launched: Launched, session: Session): void {
  const {options, firstOperand} = scanOptions(launched.words.slice(1), {takesValue: ['-n', '--interval', '-q', '--equexit'], stopAtOperand: true});
  const rest = launched.words.slice(1 + firstOperand);
  if (rest.length === 0) return;
  if (options.flags.has('-x') || options.flags.has('--exec')) runChild(launched, session, rest, 'watch');
  else runCodeString(launched, session, codeFromWords(rest), 'watch');
}

function runTrap({words, raw}: Launched, session: Session): void {
  const code = words[1];
  if (!code || words.length < 3 || code.value === '-' || code.value === '' || code.value?.startsWith('-')) return;
  session.runCode(codeFromWords([code]), raw.state.fork(), {...raw.frame, via: [...raw.frame.via]}, 'trap', raw.location);
}

function runAlias({words, raw}: Launched, session: Session): void {
  for (const word of words.slice(1)) {
    const body = word.known ? /^[^=]+=([\s\S]*)$/.exec(word.value)?.[1] : undefined;
    if (body) session.runCode(codeFromWords([{value: body, known: true, raw: word.raw}]), raw.state.fork(), raw.frame, 'alias', raw.location);
  }
}

function runLocked(launched: Launched, session: Session): void {
  const words = launched.words;
  const at = words.findIndex((word, i) => i > 0 && (word.value === '-c' || word.value === '--command'));
  const code = at === -1 ? undefined : words[at + 1];
  if (code) runCodeString(launched, session, codeFromWords([code]), 'flock -c');
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
      runChild(launched, session, command.map((word) => replacePlaceholder(word, '{}', foundPath)), `find ${action}`, cwd);
    }

    i = end;
  }
}

const launchers: Record<string, (launched: Launched, session: Session) => void> = {
  su: runAsUser,
  runuser: runAsUser,
  ssh: runRemote,
  watch: runWatched,
  trap: runTrap,
  alias: runAlias,
  flock: runLocked,
  find: runFound,
};
