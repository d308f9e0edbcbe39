import type {ParseCache} from './tree.js';

/** A file the code wrote: its text, why guard cannot know it, or the file it is a copy of. */
export type WrittenFile = {text: string} | {problem: string} | {copyOf: string};
/** What the caller knows of the shell the command will run in; the layer reads nothing else. */
export interface ShellContext {
  env: Record<string, string | undefined>;
  cwd: string;
  home: string;
  /** $0..$N when the text is a script file run with arguments; otherwise $1… are unknown. */
  args?: string[];
  /** Nesting of re-parsed code strings (`bash -c`, `eval`, heredocs fed to a shell). */
  maxDepth?: number;
  /** Named in every location, for refusals of script files. */
  file?: string;
  /** The user the command runs as: `~user` is known only for this user (it is `home`). */
  user?: string;
  /** Scripts a command runs, program identity, globs in program paths; without it no file is read. */
  files?: FileAccess;
  /** Parse code of plain words too instead of reading it without the parser (plain.ts): only for the test that compares the two. */
  parseAll?: boolean;
  /** Trees of code parsed by earlier runs (the state folder's parse cache); without it every text is parsed. */
  trees?: ParseCache;
  /** Counts the simple commands walked (a call or loop body walked again counts again): the measure of the walk's work. */
  work?: {commands: number};
}

/** One shell word after expansion; `known: false` when guard cannot know what the shell will make of it. */
export type Word =
  | {value: string; known: true; raw: string; glob?: boolean}
  | {value: null; known: false; raw: string; why: string};

export type RedirectOp =
  | '>' | '>>' | '>|' | '<' | '<>' | '<<' | '<<-' | '<<<' | '&>' | '&>>' | '>&' | '<&' | '>&-' | '<&-';

/** `target` of `<<`/`<<-` is the body, of `<<<` the string, of `>&` the fd or file. */
export interface Redirect {
  op: RedirectOp;
  fd?: number;
  target: Word;
}

export interface Location {
  line: number;
  column: number;
  text: string;
  file?: string;
  /** Where in its own source the command stands (code depth and offset): tells apart commands of one code string, which share line and column. */
  site?: string;
}

export interface SimpleCommand {
  /** Basename of the program after wrappers are removed: `/usr/bin/sudo -u x /bin/rm` → `rm`. */
  program: Word;
  /** The program word as written (after expansion), then its arguments. */
  argv: Word[];
  /** Its own redirections, then those of the compound commands around it. */
  redirects: Redirect[];
  cwd: Word;
  /** The environment the program gets; `null` is a variable set to a value guard cannot know. */
  env: Record<string, string | null>;
  /** Wrappers removed to reach the program, outermost first: `["sudo", "env", "nice"]`. */
  wrappers: string[];
  /** How it is reached, outermost first: `["bash -c"]`, `["$(...)"]`, `["find -exec"]`… */
  via: string[];
  /** In the top-level input; a command inside a code string points at that string. */
  location: Location;
  /** Its output is code a shell runs: `curl … | sh`, `bash <(curl …)`, `sh -c "$(curl …)"`. */
  feedsShell: boolean;
  /**
   * What a pipe brings to its standard input, unless a redirection of its own replaces it: the
   * commands upstream, and the text they print where it is plain (`echo …`, `printf TEXT`,
   * `cat <<EOF`), parts guard cannot know written as `${__guard_unknown_N}`.
   */
  piped?: {from: SimpleCommand[]; text?: string};
  /** Where it runs when not here: `on prod-db` (ssh), `in container db` (docker exec). It is judged as if here. */
  where?: string;
  /** It runs in a network namespace of its own, new and empty (`unshare -n`): its firewall and links are not the machine's. */
  ownNetwork?: boolean;
  /** Network interfaces and namespaces the code made before this command (`link dummy0`, `netns lab`): taking them down cuts nothing off. */
  madeNetwork?: ReadonlySet<string>;
  /**
   * What the code wrote before this command: every write of the walk, by absolute path, each as it
   * was when written and numbered in order; this command sees those up to `upTo` (writtenFile).
   */
  written?: {files: ReadonlyMap<string, ReadonlyArray<readonly [number, WrittenFile]>>; upTo: number};
  /** What the code surely made before this command, on every path to it (made.ts: a namespace its create made, for taking it away again). */
  made?: ReadonlySet<string>;
  /**
   * Symbolic links the code made before this command (`ln -s /etc ./e`), by absolute path, with
   * where each leads: a path through one (`rm -rf ./e/`) is judged where it leads too.
   */
  links?: ReadonlyMap<string, string>;
  /** Code it runs that guard cannot read (an interpreter's `eval` of a computed string), and why. */
  unread?: string;
  /**
   * A function the code defined, called: its body is walked with these arguments and judged
   * command by command, so the rules that judge a program by its name do not judge the call
   * (`rm() { echo "would rm $*"; }; rm -rf /etc` only prints). Its redirections still count.
   * `script`: likewise a shell script of the project's own that guard read and walked (`./rm`,
   * or `rm` found on a PATH the command set): what it runs is judged, not the name it has.
   */
  calls?: 'function' | 'script';
}

export type ProblemKind = 'syntax' | 'too-deep' | 'dynamic-program' | 'unanalysable' | 'foreign-code';

export interface Problem {
  kind: ProblemKind;
  message: string;
  line: number;
  column: number;
  file?: string;
}

export interface Analysis {
  commands: SimpleCommand[];
  problems: Problem[];
}

/** A script file's text, or why it could not be read. */
export type ScriptText = {text: string} | {problem: string};

/**
 * What the analysis may ask of the file system, only when a command names a file: the caller
 * gives it (the shell layer reads nothing of its own).
 */
export interface FileAccess {
  /** A shell script a command runs or sources: undefined when there is no such file. */
  script(path: string): ScriptText | undefined;
  /** Whether a shell that runs this existing file runs it as a shell script: a shebang naming sh, bash or dash, or a text file with none. */
  isShellScript(path: string): boolean;
  /** The known program an existing file really is (a symlink to /bin/rm, a copy of bash), if any. */
  identify(path: string): string | undefined;
  /** The existing paths a glob matches, as the shell would expand it. */
  glob(pattern: string, cwd: string): string[];
  /**
   * The file a command name runs when the shell searches `searchPath` from `cwd`, only when it
   * lies in a folder the caller's own PATH lacks (one the command put there: `PATH=./bin:$PATH
   * deploy`); undefined when the shell would find it where that PATH does, or nowhere. Unless
   * `milder` (the PATH is the one the program is searched on), a file other than a shell script
   * never stands in for a name the policy judges.
   */
  addedToPath(name: string, searchPath: string, cwd: string, milder?: boolean): string | undefined;
}

/** A shell value guard either knows or can explain why it does not. */
/** A known value may be an array's (`a=(x y)`): `value` is its first element, as `$a` reads it, and `elements` all of them. */
/**
 * A variable's value; `glob`: a loop variable over a glob's matches (`for f in /var/log/*`), which
 * stands for all of them wherever it expands; `globbed`: an array set from globs (`a=(/var/lib/*)`),
 * whose elements with a glob's characters stand for their matches.
 */
export type Value = {known: true; value: string; elements?: string[]; glob?: true; globbed?: true} | {known: false; why: string};

/**
 * Shell code guard will re-parse: the known text, with each part it cannot know replaced by a
 * variable that expands to an unknown value, so `sh -c "rm -rf $(pwd)"` still shows `rm`.
 */
export interface CodeText {
  text: string;
  unknowns: Map<string, string>;
  /** What the whole pipe up to this command prints (a decoder fed known text), not only this command. */
  whole?: true;
}
