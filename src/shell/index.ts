/**
 * The shell layer: an argv or a script in, every simple command it would run out, each with
 * its program and words as the shell will see them. Pure: it reads no files (save the grammar),
 * no process.env and no process.cwd(); the caller passes the environment, cwd, home and args.
 *
 *   analyzeArgv(['sudo', 'rm', '-rf', '/'], context)       → rm -rf /, wrappers ["sudo"]
 *   await analyzeScript('X=/tmp; cd "$X" && rm -rf *', c)  → rm with cwd /tmp and a glob word
 *   normalizeOptions(words, {long: ['recursive', 'force']}) → -rf ≡ -r -f ≡ --rec --forc
 *
 * A word guard cannot know (command substitution, loop variable, `read`) is `known: false`
 * with `why`; an unset variable expands to nothing, as in the shell (`"$DIR/"` → `/`). What it
 * cannot see at all is a Problem: `syntax` (refuse the script), `too-deep`, `dynamic-program`
 * (`$(echo rm) -rf /`), `unanalysable` (`curl … | sh`: code read from a pipe).
 * An argv is analysed without loading the parser unless it runs code (`sh -c`, `eval`…) that is
 * more than plain words (plain.ts).
 */
import {runCommand} from './command.js';
import {atomsOf} from './expand.js';
import {LauncherNeeded, isLauncher, loadLaunchers} from './launch.js';
import {modulesNamedIn} from './launcher-index.js';
import {loadParser, loadedParser} from './parser.js';
import {ParserNeeded, WalkSession} from './session.js';
import {ShellState, type Value, known} from './state.js';
import type {Analysis, ShellContext, SimpleCommand, Word, WrittenFile} from './types.js';
import type {RawCommand} from './launched.js';
import {wrappers} from './wrappers.js';

export type {Analysis, Location, Problem, ProblemKind, Redirect, RedirectOp, ShellContext, SimpleCommand, Word, WrittenFile} from './types.js';
export {type OptionSpec, type Options, normalizeOptions} from './options.js';
export {checkoutMade, databaseMade, namespaceMade, principalMade, principalsAdded} from './made.js';
/** What the code wrote at an absolute path before this command, if it wrote there. */
export function writtenFile(command: SimpleCommand, path: string): WrittenFile | undefined {
  const writes = command.written?.files.get(path) ?? [];
  for (let i = writes.length - 1; i >= 0; i--) if (writes[i]![0] <= command.written!.upTo) return writes[i]![1];
  return undefined;
}
export {isParserLoaded} from './parser.js';

/** Whether the shell layer follows a program of this name: a wrapper (sudo, env, nice…) or a launcher of code. */
export const followsProgram = (name: string): boolean => Object.hasOwn(wrappers, name) || isLauncher(name);

const defaultDepth = 5;

/** The word's parts: its known characters, and each part only known at run time with why (`command substitution $(date +%F)`). */
export function wordParts(word: Word): Array<{known: string} | {why: string}> | undefined {
  const parts: Array<{known: string} | {why: string}> = [];
  for (const atom of atomsOf(word)) {
    // A break splits it into words: not one path.
    if (atom.kind === 'break') return undefined;
    if (atom.kind === 'char') {
      const last = parts.at(-1);
      if (last && 'known' in last) last.known += atom.ch;
      else parts.push({known: atom.ch});
    } else parts.push({why: atom.why});
  }

  return parts;
}

export {knownText} from './expand.js';
export {echoOutput, printfOutput} from './printf.js';

function initialState(context: ShellContext): ShellState {
  const args: Value[] | string = context.args ? context.args.map(known) : 'positional parameters ($1…) are not known: no arguments were given';
  return ShellState.fromEnv(context.env, context.home, context.user, known(context.cwd), args);
}

function newSession(context: ShellContext): WalkSession {
  const session = new WalkSession(loadedParser(), context.maxDepth ?? defaultDepth, context.file, context.files, context.trees);
  session.parseAll = context.parseAll === true;
  session.work = context.work;
  return session;
}

function finish(session: WalkSession): Analysis {
  session.walkTraps();
  session.walkUncalledFunctions();
  return {commands: session.commands, problems: session.problems};
}

function analyzeArgvNow(argv: string[], context: ShellContext): Analysis {
  const session = newSession(context);
  session.argvScriptRead = true;
  const words: Word[] = argv.map((value) => ({value, known: true, raw: value}));
  const text = argv.join(' ');
  const raw: RawCommand = {
    words,
    assignments: new Map(),
    redirects: [],
    location: {line: 1, column: 1, text, ...(context.file === undefined ? {} : {file: context.file})},
    state: initialState(context),
    frame: {source: text, via: [], depth: 0, redirects: [], calls: []},
  };
  if (words.length > 0) runCommand(raw, session);
  return finish(session);
}

/**
 * The commands an argv runs; synchronous unless it hands code to a shell and the parser must
 * load, or names a program whose launcher is in a module not loaded yet.
 */
export function analyzeArgv(argv: string[], context: ShellContext): Analysis | Promise<Analysis> {
  try {
    return analyzeArgvNow(argv, context);
  } catch (error) {
    if (error instanceof ParserNeeded) return loadParser().then(() => analyzeArgv(argv, context));
    if (error instanceof LauncherNeeded) return loadLaunchers([error.module]).then(() => analyzeArgv(argv, context));
    throw error;
  }
}

/** The commands a script runs, in order, with what each sees. Never throws on bad input. */
export async function analyzeScript(text: string, context: ShellContext): Promise<Analysis> {
  // With a parse cache the grammar loads only for a text it does not hold.
  await Promise.all([context.trees ? undefined : loadParser(), loadLaunchers(modulesNamedIn(text))]);
  for (;;) {
    try {
      const session = newSession(context);
      const state = initialState(context);
      // `#!/bin/bash -eu`: the options the script's own first line gives its shell.
      const flags = /^#!\S*(?:\s+\S*env\s+\S+)?\s+-(\w+)/.exec(text.slice(0, text.indexOf('\n') >>> 0))?.[1] ?? '';
      if (flags.includes('e')) state.errexit = true;
      if (flags.includes('u')) state.nounset = true;
      session.walkRoot(text, state, {source: text, via: [], depth: 0, redirects: [], calls: []});
      return finish(session);
    } catch (error) {
      // A program named only through an expansion (`$TOOL …`): load its launchers and walk again.
      if (error instanceof LauncherNeeded) await loadLaunchers([error.module]);
      else if (error instanceof ParserNeeded) await loadParser();
      else throw error;
    }
  }
}
