// How a launcher hands on what it runs: a string of shell code (`bash -c`, `watch`, a hook
// option), a child command (`find -exec`, `docker exec`), or a script read on standard input
// (`bash -s <<EOF`, `at`). Each launcher is data with examples (test/shell/launchers.test.ts):
// every `runs` example reaches `rm x` through it, every `runsNothing` example runs no command of
// its own, every `unreadable` example hands on code guard cannot read, which is refused.
import {posix} from 'node:path';
import {type CodeText, codeFromWords} from './code.js';
import {envRecord} from './environment.js';
import {brief} from './expand.js';
import {ShellState, type Value, known} from './state.js';
import {tapOutput} from './static-output.js';
import {writtenFile} from './written.js';
import type {Redirect, SimpleCommand, Word} from './types.js';
import type {Volume} from './volumes.js';
import type {Anchor, Frame, Input} from './frame.js';
import type {Launched, RawCommand} from './launched.js';
import type {Session} from './session-port.js';

export interface Launcher {
  names: string[];
  run: (launched: Launched, session: Session) => void;
  examples(): {runs: string[]; runsNothing: string[]; unreadable?: string[]};
}

export const shells = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'rbash', 'posh', 'yash', 'fish', 'csh', 'tcsh', 'elvish', 'rc', 'sash']);

/** Marks the commands whose output built these words as feeding code to a shell (`sh -c "$(curl …)"`). */
export function feed(words: Word[], session: Session): SimpleCommand[] {
  const producers = words.flatMap((word) => session.producers.get(word) ?? []);
  for (const producer of producers) producer.feedsShell = true;
  return producers;
}

/** A new shell process: it sees only the exported environment. */
export function childState({env, cwd, raw}: Launched, args: Value[] | string): ShellState {
  return ShellState.fromEnv(envRecord(env), raw.state.home, raw.state.user, cwd, args);
}

export function argsOf(words: Word[], zero: string): Value[] | string {
  const missing = words.find((word) => !word.known);
  if (missing && !missing.known) return `positional parameters are not known: ${missing.why}`;
  return words.length > 0 ? words.map((word) => known(word.value!)) : [known(zero)];
}

/** The frame of code a command runs: reached through it, without the shell's pipes and redirections. */
export function frameOf(launched: Launched, where = launched.command.where): Frame {
  const frame: Frame = {...launched.raw.frame, via: launched.command.via, pipeIn: undefined, pipeOut: undefined, redirects: []};
  // A new process's code is not sourced into this shell.
  delete frame.sourced;
  if (where) frame.where = where;
  // Not into a container or onto another host: their network is their own (`docker run --net=host`).
  if (launched.command.ownNetwork && !where) frame.ownNetwork = true;
  return frame;
}

export const label = (command: SimpleCommand, rest: string) => [...command.wrappers, command.program.value, rest].filter(Boolean).join(' ');

export function describe(commands: SimpleCommand[]): string {
  return commands.map((command) => `\`${brief(command.location.text)}\``).join(', ');
}

const readsInput = (redirect: Redirect) => (redirect.fd === undefined || redirect.fd === 0) && (redirect.op === '<' || redirect.op === '<>' || redirect.op.startsWith('<<'));

/** What a command reads on its standard input, for the code or command it hands it to. */
export function inputOf(raw: RawCommand): Input {
  // A file the launcher's shell redirects in is opened there, in its working folder, wherever the command it hands on runs.
  const here = raw.state.cwd;
  const opened = (redirect: Redirect): Redirect =>
    (redirect.op === '<' || redirect.op === '<>') && redirect.target.known && !redirect.target.value.startsWith('/') && here.known ? {...redirect, target: {...redirect.target, value: posix.resolve(here.value, redirect.target.value)}} : redirect;
  const input: Input = {redirects: raw.redirects.filter(readsInput).map(opened)};
  if (raw.stdin) input.stdin = raw.stdin;
  if (raw.frame.pipeIn) input.pipeIn = raw.frame.pipeIn;
  return input;
}

export interface Handing {
  /** Where the code runs when not here (`on HOST`, `in container NAME`). */
  where?: string;
  /** The code reads the launcher's standard input (`ssh HOST 'bash -s' <<EOF`). */
  input?: boolean;
  state?: ShellState;
}

/** Runs a string of shell code as `sh -c` would, in a fresh shell with the command's environment. */
export function runCodeString(launched: Launched, session: Session, code: CodeText, via: string, handing: Handing | ShellState = {}): void {
  const {where, input, state} = handing instanceof ShellState ? {state: handing} : handing;
  const frame = frameOf(launched, where ?? launched.command.where);
  if (input) frame.input = inputOf(launched.raw);
  session.runCode(code, state ?? childState(launched, [known('sh')]), frame, via, launched.raw.location);
}

/** Runs shell code given as words joined by spaces, as `ssh HOST CMD…` and `watch CMD…` do. */
export const runWords = (launched: Launched, session: Session, words: Word[], via: string, handing: Handing = {}) => runCodeString(launched, session, codeFromWords(words), via, handing);

/** Runs a command another program starts with these words (`find -exec`, `docker exec`): it inherits the program's standard input. */
export function runChild(launched: Launched, session: Session, words: Word[], via: string, options: {cwd?: Value; env?: Map<string, Value>; where?: string; volumes?: Volume[]; redirects?: Redirect[]} = {}): void {
  const {raw} = launched;
  const frame = frameOf(launched, options.where ?? launched.command.where);
  if (raw.frame.pipeIn) frame.pipeIn = raw.frame.pipeIn;
  if (options.volumes) frame.volumes = options.volumes;
  const child: RawCommand = {words, assignments: new Map(), redirects: [...inputOf(raw).redirects, ...(options.redirects ?? [])], location: raw.location, state: raw.state, frame, child: {env: options.env ?? launched.env, cwd: options.cwd ?? launched.cwd, via}};
  if (raw.stdin) child.stdin = raw.stdin;
  session.runCommand(child);
}

/**
 * Code that reaches a shell through a decoder (`echo cm0gLXJm… | base64 -d | sh`) was hidden from
 * whoever reads the command: refused whatever it is, and still judged for what it decodes to. (Other
 * tools that read code are not given it at all: inputText.)
 */
function hiddenCode(launched: Launched, session: Session, code: CodeText, reader: string): void {
  const tap = launched.raw.frame.pipeIn;
  if (code.whole && tap) session.problem('unanalysable', `${reader} runs code hidden in an encoding (${describe(tap.commands)}); it decodes to \`${brief(code.text.trim())}\``, launched.raw.location);
}

/** The text a tool reads on standard input, when guard can see it: a heredoc, a here-string, what `echo` pipes in. */
export function inputText(launched: Launched): CodeText | 'unseen' | undefined {
  const {raw} = launched;
  const stdin = raw.stdin ?? (raw.frame.pipeIn ? undefined : raw.frame.input?.stdin);
  if (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring') return stdin.code;
  if (stdin?.kind === 'file') return 'unseen';
  const tap = raw.frame.pipeIn;
  if (!tap) return undefined;
  const only = tapOutput(tap);
  // Code a decoder hands a tool (`… | base64 -d | make -f -`) is not read as its own: it was hidden.
  return only && !only.whole ? only : 'unseen';
}

/** A shell reading its script on standard input: a heredoc, a here-string, or what a pipe brings. */
export function readScriptFromStdin(launched: Launched, state: ShellState, session: Session, reader = launched.command.program.value!, sourced = false): void {
  const {command, raw} = launched;
  const inherited = raw.frame.pipeIn ? undefined : raw.frame.input?.stdin;
  const stdin = raw.stdin ?? inherited;
  const frame = frameOf(launched);
  if (sourced) frame.sourced = true;
  if (stdin?.kind === 'heredoc') {
    const at = session.position(stdin.start, raw.frame, '');
    const anchor: Anchor = {line: at.line, column: at.column, exact: !raw.frame.anchor || raw.frame.anchor.exact};
    session.runCode(stdin.code, state, frame, `heredoc fed to ${label(command, '')}`, raw.location, anchor);
  } else if (stdin?.kind === 'herestring') {
    session.runCode(stdin.code, state, frame, `herestring fed to ${label(command, '')}`, raw.location);
  } else if (stdin?.kind === 'file') {
    // A file on the input (`ssh host < x.sh`): what the code wrote there, else the file on disk.
    const {target} = stdin;
    if (!target.known) {
      session.problem('unanalysable', `${reader} runs the script on its input, ${target.raw}, which is only known when it runs: ${target.why}`, raw.location);
      return;
    }

    if (/^\/dev\/(?:null|tty|stdin|fd\/0)$/.test(target.value)) return;
    const folder = stdin.from ?? command.cwd.value ?? '/';
    const written = writtenFile(session, target.value, folder);
    if (written && 'problem' in written) session.problem('unanalysable', `${reader} runs what ${target.value} holds, which guard cannot know: ${written.problem}`, raw.location);
    const read = written ?? session.files?.script(posix.resolve(folder, target.value));
    if (read && 'text' in read) session.runCode({text: read.text, unknowns: new Map()}, state, frame, `${target.value} fed to ${label(command, '')}`, raw.location);
  } else if (!stdin && raw.frame.pipeIn) {
    const tap = raw.frame.pipeIn;
    for (const producer of tap.commands) producer.feedsShell = true;
    const only = tapOutput(tap);
    if (only) hiddenCode(launched, session, only, reader);
    if (only) session.runCode(only, state, frame, `pipe into ${label(command, '')}`, raw.location);
    else session.problem('unanalysable', `${reader} runs code read from a pipe (${describe(tap.commands)}), which guard cannot see`, raw.location);
  }
}

/**
 * A project file (a justfile, package.json) in folder `from` or, where the tool looks further
 * (`up`), in the nearest folder above that has one: as the same code wrote it, else on disk.
 */
export function projectFile(session: Session, from: string, names: string[], up = false, reader?: Launched): {text: string; dir: string} | undefined {
  for (let dir = from; ; dir = posix.dirname(dir)) {
    for (const name of names) {
      const written = writtenFile(session, posix.join(dir, name), dir);
      if (written && 'text' in written) return {text: written.text, dir};
      // A project file the code fills with what guard cannot know (`curl … > Makefile`) runs code guard cannot see.
      if (written) {
        if (reader) session.problem('unanalysable', `${reader.command.program.value} runs what ${posix.join(dir, name)} holds, which guard cannot know: ${written.problem}`, reader.raw.location);
        return undefined;
      }
      const read = session.files?.script(posix.join(dir, name));
      if (read && 'text' in read) return {text: read.text, dir};
    }

    if (!up || dir === '/') return undefined;
  }
}
