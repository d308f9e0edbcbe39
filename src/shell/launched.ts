// A command as the walker hands it on, and as the launchers receive it once emitted.
import type {Frame, Stdin} from './frame.js';
import type {ShellState} from './state.js';
import type {Location, Redirect, SimpleCommand, Value, Word} from './types.js';

/** A command as the walker found it: words expanded, wrappers still on. */
export interface RawCommand {
  words: Word[];
  assignments: Map<string, Value>;
  redirects: Redirect[];
  stdin?: Stdin;
  location: Location;
  state: ShellState;
  frame: Frame;
  /** Set for commands another program starts (find -exec, runuser -u): they cannot change the shell. */
  child?: {env: Map<string, Value>; cwd: Value; via: string};
}

/** Everything the launchers need to know about the command that was emitted. */
export interface Launched {
  command: SimpleCommand;
  raw: RawCommand;
  words: Word[];
  env: Map<string, Value>;
  cwd: Value;
  /** The program was found in a folder the command put on PATH. */
  searched?: boolean;
}
