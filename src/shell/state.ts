import type {SyntaxNode as Node} from './tree.js';
import {type Inputs, mergedInputs} from './descriptors.js';
import type {Frame} from './frame.js';
import type {Value} from './types.js';
import {copyMap, Variables} from './variables.js';

export type {Value} from './types.js';

export const known = (value: string): Value => ({known: true, value});

/** Why a variable is unknown in a login or interactive shell (and one sudo or doas starts): its profile may set it. */
export const profileTaint = 'is not set here, but the profile a login or interactive shell reads may set it';
export const unknown = (why: string): Value => ({known: false, why});

/** A function defined by the script: its body is walked where it is called. */
export interface FunctionDef {
  name: string;
  body: Node;
  frame: Frame;
  /** The state where it was defined, for a function no one calls. */
  definedIn: ShellState;
  called: boolean;
}

/** The part of a shell's state that changes what later commands do. */
export class ShellState {
  // Forks share these until one side writes (copy on write): scripts fork at every pipe,
  // substitution and branch, and environments hold dozens of variables.
  // Declared, not initialized: fork() hands over its parent's, and a fresh state gets new ones.
  private varMap!: Variables;
  private exportSet!: Set<string>;
  private functionMap!: Map<string, FunctionDef>;
  private sharedVars = false;
  private sharedExports = false;
  private sharedFunctions = false;

  get vars(): Pick<Variables, 'get' | 'has' | 'keys'> {
    return this.varMap;
  }

  get exported(): ReadonlySet<string> {
    return this.exportSet;
  }

  get functions(): ReadonlyMap<string, FunctionDef> {
    return this.functionMap;
  }
  cwd: Value;
  oldCwd: Value | undefined;
  /** Set by `cd`: the cwd if that cd failed; resolved by `&&`, `||` or the next `;`. */
  cwdIfFailed: Value | undefined;
  /** The part of cwdIfFailed that `set -e` does not stop: failures left of `&&`. */
  cwdIfFailedSurvives: Value | undefined;
  /** $0..$N, or why they are not known. */
  args: Value[] | string;
  errexit = false;
  /** `set -u`: expanding a variable that is not set stops the shell, as `${NAME:?}` does. */
  nounset = false;
  /** This shell ran code that may set variables in ways guard does not follow (arithmetic, `declare -i`…): one guard has as unset may be set. */
  untracked = false;
  /** An alias named echo or printf: what they print is the alias's. */
  ownPrinters = false;
  /** `hash -p PATH NAME`: the file the shell runs for NAME, instead of searching PATH. */
  hashed: ReadonlyMap<string, string> | undefined;
  /** The shell stops here (exit, return, exec): this path does not reach what follows. */
  exited: false | 'exit' | 'return' = false;
  /** Set while a command's words expand when one stops the shell (`${DIR:?}` with DIR unset): that command never runs. */
  stopped: string | undefined;
  /** Any variable not assigned since is unknown for this reason (after `source`, `eval "$X"`). */
  taint: string | undefined;
  /** What the code surely made on this path (`namespace NAME`: a create that fails stops it), for rules to tell the code's own things from others'. */
  made: ReadonlySet<string> | undefined;
  /**
   * What the last command made, if it succeeded: made for `&&`, `then` and after `|| exit`,
   * forgotten for `||`, `else` and `;`. Not for `;` under `set -e` either: bash suspends it in
   * conditions, on the left of `&&` and `||`, under `!` and in `$(…)`, and in every function and
   * group run there, which the walk does not follow.
   */
  madeIfSucceeded: readonly string[] | undefined;
  /** The descriptors `exec` opened for reading (0: the shell's own input), for what reads them later (descriptors.ts). */
  inputs: Inputs | undefined;

  constructor(readonly home: string, readonly user: string | undefined, cwd: Value, args: Value[] | string, from?: ShellState) {
    this.cwd = cwd;
    this.args = args;
    if (from) {
      this.varMap = from.varMap;
      this.exportSet = from.exportSet;
      this.functionMap = from.functionMap;
      this.sharedVars = this.sharedExports = this.sharedFunctions = true;
    } else {
      this.varMap = Variables.of(new Map());
      this.exportSet = new Set();
      this.functionMap = new Map();
    }
  }

  static fromEnv(env: Record<string, string | null | undefined>, home: string, user: string | undefined, cwd: Value, args: Value[] | string): ShellState {
    const state = new ShellState(home, user, cwd, args);
    const start = new Map<string, Value>();
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) continue;
      start.set(name, value === null ? unknown(`${name} comes from an environment guard cannot know`) : known(value));
      state.exportSet.add(name);
    }

    // A shell starts with IFS at space, tab and newline, whatever its environment says.
    start.set('IFS', known(' \t\n'));
    state.varMap = Variables.of(start);

    return state;
  }

  fork(): ShellState {
    const copy = new ShellState(this.home, this.user, this.cwd, this.args, this);
    this.sharedVars = this.sharedExports = this.sharedFunctions = true;
    copy.oldCwd = this.oldCwd;
    copy.cwdIfFailed = this.cwdIfFailed;
    copy.cwdIfFailedSurvives = this.cwdIfFailedSurvives;
    copy.errexit = this.errexit;
    copy.nounset = this.nounset;
    copy.untracked = this.untracked;
    copy.ownPrinters = this.ownPrinters;
    copy.hashed = this.hashed;
    copy.exited = this.exited;
    copy.taint = this.taint;
    copy.made = this.made;
    copy.madeIfSucceeded = this.madeIfSucceeded;
    copy.inputs = this.inputs;
    copy.envCache = this.envCache;
    return copy;
  }

  /** A variable's value; undefined when it is unset. */
  lookup(name: string): Value | undefined {
    if (name === 'PWD' && !this.vars.has('PWD')) return this.cwd;
    if (name === 'OLDPWD' && this.oldCwd && !this.vars.has('OLDPWD')) return this.oldCwd;
    const value = this.vars.get(name);
    if (value === undefined && this.taint !== undefined) return unknown(`${name} ${this.taint}`);
    return value;
  }

  private ownVars(): Variables {
    if (this.sharedVars) {
      this.varMap = this.varMap.copy();
      this.sharedVars = false;
    }

    return this.varMap;
  }

  private ownExports(): Set<string> {
    if (this.sharedExports) {
      const exported = new Set<string>();
      this.exportSet.forEach((name) => exported.add(name));
      this.exportSet = exported;
      this.sharedExports = false;
    }

    return this.exportSet;
  }

  assign(name: string, value: Value): void {
    this.ownVars().set(name, value);
    if (this.exportSet.has(name)) this.envCache = undefined;
  }

  /** Removes the value but keeps the export flag (`local x`, restoring a local). */
  forget(name: string): void {
    this.ownVars().delete(name);
    if (this.exportSet.has(name)) this.envCache = undefined;
  }

  unset(name: string): void {
    this.forget(name);
    this.ownExports().delete(name);
  }

  export(name: string, exported = true): void {
    if (exported) this.ownExports().add(name);
    else this.ownExports().delete(name);
    this.envCache = undefined;
  }

  define(name: string, fn: FunctionDef | undefined): void {
    if (this.sharedFunctions) {
      this.functionMap = copyMap(this.functionMap);
      this.sharedFunctions = false;
    }

    if (fn) this.functionMap.set(name, fn);
    else this.functionMap.delete(name);
  }

  /** True when both states hold the very same variables (no write since they forked). */
  sameVars(other: ShellState): boolean {
    return this.varMap === other.varMap;
  }

  /** The variables whose values may differ between these states (Variables.mayDiffer). */
  static varsThatMayDiffer(states: readonly ShellState[]): Set<string> {
    return Variables.mayDiffer(states.map((state) => state.varMap));
  }

  /** The exported variables, shared by the commands that see the same environment. */
  exportedEnv(): Map<string, Value> {
    if (this.envCache) return this.envCache;
    const env = new Map<string, Value>();
    for (const name of this.exported) {
      const value = this.vars.get(name);
      if (value) env.set(name, value);
    }

    this.envCache = env;
    return env;
  }

  private envCache: Map<string, Value> | undefined;

  /** Every variable and the cwd become unknown: code guard cannot see ran in this shell. */
  spoil(why: string): void {
    const vars = this.ownVars();
    for (const name of vars.keys()) vars.set(name, unknown(`${name} ${why}`));
    this.envCache = undefined;
    this.taint = why;
    this.cwd = unknown(`the working directory ${why}`);
    this.args = `positional parameters ${why}`;
  }

  /** The environment a program started from here gets. */
  environment(extra?: Map<string, Value>): Record<string, string | null> {
    const env: Record<string, string | null> = {};
    for (const name of this.exported) {
      const value = this.vars.get(name);
      if (value) env[name] = value.known ? value.value : null;
    }

    if (extra) for (const [name, value] of extra) env[name] = value.known ? value.value : null;
    return env;
  }

  /** Takes another path's state as this one's (after a list or a branch). */
  adopt(other: ShellState): void {
    Object.assign(this, other);
    this.sharedVars = this.sharedExports = this.sharedFunctions = true;
    other.sharedVars = other.sharedExports = other.sharedFunctions = true;
  }

  /** A cd whose success nobody checked: the cwd is either place. */
  settle(): void {
    const failed = this.errexit ? this.cwdIfFailedSurvives : this.cwdIfFailed;
    if (failed !== undefined) this.cwd = mergeValues([this.cwd, failed], 'the previous cd may have failed (use `cd DIR &&`, `|| exit` or `set -e`)');
    this.clearFailure();
    this.madeIfSucceeded = undefined;
  }

  /** What the last command made, if it succeeds (a command that makes something calls this). */
  makes(names: readonly string[]): void {
    this.madeIfSucceeded = names.length > 0 ? names : undefined;
  }

  /** The last command succeeded: what it made is made. */
  private keepMade(): void {
    const pending = this.madeIfSucceeded;
    if (!pending) return;
    const made = new Set(this.made);
    for (const name of pending) made.add(name);
    this.made = made;
    this.madeIfSucceeded = undefined;
  }

  clearFailure(): void {
    this.cwdIfFailed = undefined;
    this.cwdIfFailedSurvives = undefined;
  }

  /** The state after the last command succeeded (for `&&`, `then`). */
  succeeded(): ShellState {
    const state = this.fork();
    state.clearFailure();
    state.keepMade();
    return state;
  }

  /** The state after the last command failed (for `||`, `else`). */
  failed(): ShellState {
    const state = this.fork();
    if (state.cwdIfFailed !== undefined) state.cwd = state.cwdIfFailed;
    state.clearFailure();
    state.madeIfSucceeded = undefined;
    return state;
  }
}

function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.known && b.known && a.value === b.value && (a.elements ?? []).join('\0') === (b.elements ?? []).join('\0') && (a.elements === undefined) === (b.elements === undefined) && a.glob === b.glob && a.globbed === b.globbed;
}

export function mergeValues(values: Value[], why: string): Value {
  const first = values[0]!;
  if (values.every((value) => sameValue(value, first))) return first;
  const unknownOne = values.find((value) => !value.known);
  return unknownOne ?? unknown(why);
}

/** The state after one of several paths ran; what they disagree on becomes unknown. */
export function mergeStates(paths: ShellState[], why: string): ShellState {
  const live = paths.filter((path) => !path.exited);
  if (live.length === 0) return paths[0]!;
  const first = live[0]!;
  if (live.length === 1) return first;
  const rest = live.slice(1);
  const merged = first.fork();
  if (!rest.every((path) => path.sameVars(first) && path.taint === first.taint)) {
    ShellState.varsThatMayDiffer(live).forEach((name) => {
      const head = first.lookup(name);
      let differs = false;
      let unknownOne = head !== undefined && !head.known ? head : undefined;
      for (const path of rest) {
        const value = path.lookup(name);
        if (!sameValue(value, head)) differs = true;
        if (unknownOne === undefined && value !== undefined && !value.known) unknownOne = value;
      }

      if (differs) merged.assign(name, unknownOne ?? unknown(`${name} is set differently ${why}`));
    });
  }

  for (const path of rest) {
    if (path.exported !== first.exported) for (const name of path.exported) if (!merged.exported.has(name)) merged.export(name);
    if (path.functions !== first.functions) for (const [name, fn] of path.functions) if (merged.functions.get(name) !== fn) merged.define(name, fn);
    merged.taint ??= path.taint;
    merged.errexit &&= path.errexit;
    merged.nounset &&= path.nounset;
    merged.untracked ||= path.untracked;
    merged.ownPrinters ||= path.ownPrinters;
    if (path.hashed !== merged.hashed && path.hashed) merged.hashed = new Map([...(merged.hashed ?? []), ...path.hashed]);
  }

  merged.inputs = mergedInputs(live);
  merged.made = madeOnEvery(live);
  merged.madeIfSucceeded = undefined;
  merged.cwd = mergeValues(live.map((path) => path.cwd), `the working directory differs ${why}`);
  const args = live.map((path) => path.args);
  if (!args.every((list) => list === args[0])) merged.args = `positional parameters differ ${why}`;
  merged.clearFailure();
  return merged;
}

/** What every one of these paths made (made and, when they end alike, made if their last command succeeded: `ifSucceeded`). */
export function madeOnEvery(paths: readonly ShellState[], ifSucceeded = false): ReadonlySet<string> | undefined {
  const sets = paths.map((path) => (ifSucceeded && path.madeIfSucceeded ? new Set([...(path.made ?? []), ...path.madeIfSucceeded]) : path.made));
  if (sets.every((set) => set === sets[0])) return sets[0];
  if (sets.some((set) => set === undefined || set.size === 0)) return undefined;
  const [first, ...rest] = sets as ReadonlySet<string>[];
  const common = new Set([...first!].filter((name) => rest.every((set) => set.has(name))));
  return common.size > 0 ? common : undefined;
}
