// Where a walk is and what flows into it: the vocabulary the walker, the commands and the
// launchers share, with no code of its own.
import type {CodeText, Redirect, SimpleCommand, Value, Word} from './types.js';
import type {Volume} from './volumes.js';

/** Where positions of re-parsed code point in the top-level input. */
export interface Anchor {
  line: number;
  column: number;
  /** True when the code's rows map one to one onto the input's (a heredoc body). */
  exact: boolean;
}

/** Commands upstream in a pipeline, and what each prints when that is known. */
export interface Tap {
  commands: SimpleCommand[];
  outputs: Map<SimpleCommand, CodeText>;
}

/** Where a walk is: the text its nodes index into and how it was reached. */
export interface Frame {
  source: string;
  via: string[];
  depth: number;
  anchor?: Anchor;
  /** Redirections of the compound commands around this point. */
  redirects: Redirect[];
  pipeIn?: Tap;
  pipeOut?: Tap;
  /** Functions being called, to stop recursion. */
  calls: string[];
  /** Variables declared `local` in the function being walked, with the values they hide. */
  locals?: Map<string, Value | undefined>;
  /** Where the commands run when not here (`on prod-db`, `in container db`): judged as if here, said where. */
  where?: string;
  /** The commands run in a network namespace of their own, new and empty (`unshare -n sh -c …`). */
  ownNetwork?: boolean;
  /** The standard input of the program that runs this code, which the code inherits (`ssh HOST 'bash -s' <<EOF`). */
  input?: Input;
  /** In a container: its folders that are host folders (`docker run -v /:/host`). */
  volumes?: Volume[];
  /** The script file this code was read from, named in locations. */
  file?: string;
  /** Script files being walked, outermost first: a file that runs itself is not walked again. */
  scripts?: string[];
  /** Code of a sourced library: its functions run only where they are called. */
  library?: boolean;
  /** Code sourced into the shell (`. FILE`, `. /dev/stdin`): a `return` at its top ends only the sourcing. */
  sourced?: boolean;
  /** Walked without knowing the state it will run in (a function no one calls): no test is taken as decided. */
  guessing?: boolean;
}

/** A file the analysed code itself writes, as far as guard can tell what it holds. */
export type Written =
  | {kind: 'text'; code: CodeText}
  /** What a command printed into it (`cat > x.sh <<EOF`), read only if the file is run. */
  | {kind: 'output'; command: SimpleCommand; stdin: Stdin | undefined}
  | {kind: 'program'; name: string}
  /** A copy or link of another file, looked at only if the copy is run. */
  | {kind: 'copy'; from: string}
  /** `download`: fetched from the network (curl -o), so not even sourcing it is vouched for; `folder`: all that is in it (git clone). */
  | {kind: 'unknown'; why: string; download?: boolean; folder?: boolean};

/** A program's standard input, handed on to the code or command it runs. */
export interface Input {
  /** Its input redirections (`<`, `<<`, `<<<`), which the commands inside read. */
  redirects: Redirect[];
  stdin?: Stdin;
  pipeIn?: Tap;
}

/** Where a command's standard input comes from, when that may be code for a shell. */
export type Stdin =
  | {kind: 'heredoc'; code: CodeText; start: {row: number; column: number}}
  | {kind: 'herestring'; code: CodeText}
  /** `from`: the folder of the shell that opened it, for a relative name read by a command that runs elsewhere (`ssh host bash < x.sh`). */
  | {kind: 'file'; target: Word; from?: string};
