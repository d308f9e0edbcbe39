// The analysis as the commands and launchers see it: what they report into, and the walk they
// hand code and child commands back to. The walker's session (session.ts) fills it in and is
// passed down at run time, so a launcher reaches the walker without loading it.
import type {CodeText, FileAccess, Location, Problem, ProblemKind, SimpleCommand, Word, WrittenFile} from './types.js';
import type {Anchor, Frame, Written} from './frame.js';
import type {RawCommand} from './launched.js';
import type {FunctionDef, ShellState} from './state.js';
import type {SyntaxNode as Node} from './tree.js';

export interface Session {
  readonly maxDepth: number;
  /** Named in every location. */
  readonly file: string | undefined;
  readonly files?: FileAccess;
  commands: SimpleCommand[];
  problems: Problem[];
  /** The commands run by the substitutions of a word, for code built from that word. */
  producers: WeakMap<Word, SimpleCommand[]>;
  definitions: FunctionDef[];
  /** How many loops the walk is inside, to bound the work of nested loops. */
  loopDepth: number;
  /** Files the code writes (`cat > x.sh <<EOF`, `cp /bin/rm ./x`), by absolute path, for when it runs them. */
  written: Map<string, Written>;
  /** Every write as commands read it (SimpleCommand.written), numbered by `writes`: resolved when written, a copy as what it copied then. */
  writtenFiles: Map<string, Array<readonly [number, WrittenFile]>>;
  writes: number;
  /** `. FILE` commands whose file was walked: they leave the shell as the file made it. */
  sourced: WeakSet<object>;
  /** Script files read so far: the work stays bounded whatever the files do. */
  scriptsRead: number;
  /** The argv's own script file is read by the caller (decide): not again here. */
  argvScriptRead: boolean;
  /** Aliases the code defined, by name: their text, or null for one guard cannot know. */
  aliases: Map<string, string | null>;
  /** git aliases the code set with `git config alias.NAME …`: their text, or null for one guard cannot know. */
  gitAliases: Map<string, string | null>;
  /** Names commands in case branches not taken call: a function only those call never runs. */
  notTaken: Set<string>;
  /** Trap handlers, with the live state of the shell that set them: walked again at the end, as they fire then. */
  traps: Array<{code: CodeText; state: ShellState; frame: Frame; at: Location}>;
  /** The code exported a function (`export -f`): child shells may call any, so every one no one called is walked. */
  exportsFunctions: boolean;
  /** Symbolic links the code made so far, link → target: replaced, never changed, so each command keeps those made before it. */
  links: ReadonlyMap<string, string>;
  /** Network interfaces and namespaces the code made so far (`link dummy0`, `netns lab`): replaced, never changed, as links are. */
  madeNetwork: ReadonlySet<string>;
  /** The caller's count of simple commands walked, when it keeps one (ShellContext.work). */
  readonly work: {commands: number} | undefined;
  emit(command: SimpleCommand): void;
  problem(kind: ProblemKind, message: string, at: {line: number; column: number; file?: string}): void;
  /** Runs `walk` with its findings set aside, to be kept (commit) or dropped. */
  capture(walk: () => void): {commands: SimpleCommand[]; problems: Problem[]};
  commit(found: {commands: SimpleCommand[]; problems: Problem[]}): void;
  locate(node: Node, frame: Frame): Location;
  position(point: {row: number; column: number}, frame: Frame, text: string): Location;
  /** Parses and walks code a command runs (`bash -c`, `eval`, a heredoc fed to a shell). */
  runCode(code: CodeText, state: ShellState, frame: Frame, via: string, at: Location, anchor?: Anchor): void;
  /** Walks a script file's code as the shell would run it; its locations are the file's own lines. */
  runFile(code: CodeText, state: ShellState, frame: Frame, via: string, at: Location): void;
  /** Walks a function's body where it is called. */
  walkFunction(body: Node, state: ShellState, frame: Frame): void;
  /** Unwraps, emits and launches a command another program starts (`find -exec`, `docker exec`). */
  runCommand(raw: RawCommand): void;
}
