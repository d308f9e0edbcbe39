// The policy's shared vocabulary: what a rule says, what a merged policy holds, and what
// a decision reports. The pure engine (evaluate, packs) and the I/O side (policy files,
// merging layers) both build on these types and nothing else of each other.
import type {Analysis, Location, OptionSpec, SimpleCommand} from '../shell/index.js';

export type Level = 'deny' | 'confirm' | 'warn';
export type Verdict = 'allow' | Level;

/** The packs of the contract's list: on unless the system policy turns one off. */
export const packNames = ['filesystem', 'devices', 'system', 'git', 'databases', 'clusters', 'cloud', 'remote-code'] as const;
export type PackName = (typeof packNames)[number];

/**
 * Packs no policy turns off: `analysis` refuses what guard cannot see (a script that does not
 * parse or cannot be read, a program known only when it runs), `paths` enforces the policy's
 * own protected paths and confinement. They are rules as data all the same, so a policy can
 * name them and `policy show` lists them.
 */
export const corePackNames = ['analysis', 'paths'] as const;
export type BuiltinPackName = PackName | (typeof corePackNames)[number];

/**
 * What a rule matches: a program with conditions on its words, or, as a last resort, a
 * regular expression over the normalized command text. All conditions given must hold.
 */
export interface CommandMatch {
  /** Program names as the shell layer normalizes them (basename, wrappers removed); empty: any program (a `regex`-only rule). */
  program: string[];
  /** Leading operands, in order, after options: `['push']` for git push, `['delete', 'namespace']`. */
  subcommand?: string[];
  /** How the program reads its options, so `-rf` ≡ `-r -f` ≡ `--recursive --force`. */
  options?: OptionSpec;
  /** Options (canonical spellings, after `options.aliases`) that must all be present. */
  allFlags?: string[];
  /** At least one of these options is present. */
  anyFlags?: string[];
  /** None of these options is present (`--dry-run` makes a command harmless). */
  noFlags?: string[];
  /** Some operand lies under one of these path globs (after `~`, relative paths and symlinks are resolved). */
  operandsUnder?: string[];
  /** Last resort: a regular expression over `program arg1 arg2…` (the expanded words, joined by spaces). */
  regex?: string;
}

export interface Rule {
  id: string;
  level: Level;
  reason: string;
  /** The safe way to do it, when there is one (`git push --force-with-lease`). */
  alternative?: string;
  /** A later layer may lower or lift this rule; without it, no later layer can. */
  overridable?: boolean;
  match: CommandMatch;
}

/** The context a built-in rule's own check gets. */
export interface EvaluationContext {
  home: string;
  /** Canonicalizes a path as the kernel would; the I/O is the caller's. */
  resolvePath(path: string, cwd: string): ResolvedPath;
  /**
   * The text of a file a command reads as code (SQL fed to psql, a manifest kubectl deletes),
   * or why it cannot be read; the I/O is the caller's. Without it, no file can be read.
   */
  readFile?(path: string): {text: string} | {problem: string};
  /** Whether a path is a folder on disk now; the I/O is the caller's. Without it, any may be. */
  isFolder?(path: string): boolean;
  /** guard's own files (its state folder, its audit log, its policy): no command it runs may change them. Without it, `~/.local/state/guard`. */
  guardFiles?: readonly GuardFile[];
}

/**
 * One of guard's own files or folders: its state folder (audit log, locks, caches), its audit
 * log kept elsewhere, or its policy (the user's policy folder, a policy file in force).
 */
export interface GuardFile {
  kind: 'state' | 'audit log' | 'policy';
  path: string;
  /**
   * Only this of it counts. `permissions`: a folder guard climbs through to the project policy in
   * force, which opened to others or given away is passed by. `names`: a file of one of these names
   * at or below it, a project policy a later run there would take first.
   */
  only?: 'permissions' | {names: readonly string[]};
}

/** What a built-in rule's check found: the offending word and the reason, in words that name it. */
export interface Hit {
  reason?: string;
  word: string;
}

/** A built-in rule: data with examples a test runs, and code where a matcher cannot say enough. */
export interface BuiltinRule extends Rule {
  /**
   * Commands (as `sh -c` text) this rule must refuse, and near-misses it must let through. A
   * method: the tests call it, a run never does, so some 2,500 strings are neither built at
   * start-up nor kept in the code cache (~110 KB of it).
   */
  examples(): {
    allow: string[];
    refuse: string[];
    /** The examples are argv (words split at spaces) decided as `guard run` decides them, reading real files: for what a file decides. */
    argv?: true;
    /** Under a policy whose paths say this: for the rules that enforce the policy's own paths. */
    paths?: {confine?: string[]; protect?: string[]};
  };
  /** Not overridable by a project, but the system or user policy may lower it (what guard cannot read, the machine's owner may choose to run). */
  lowerable?: 'machine';
  pack: BuiltinPackName;
  check?: (command: SimpleCommand, context: EvaluationContext) => Hit | null;
  /**
   * For what no single command shows (a fork bomb is a function calling itself twice): sees every
   * command, when one of them names a program of `match` (or always, when it names none).
   */
  checkAll?: (commands: SimpleCommand[], context: EvaluationContext) => Array<{command: SimpleCommand; hit: Hit}>;
  /**
   * Fired by something other than `match` or `check`: path protection (a destructive command
   * touching a protected path), or what the analysis could not see (a shell problem, a script
   * that could not be read).
   */
  firedBy?: 'paths' | 'analysis';
}

/**
 * A path as the kernel will see it: the link itself, and what it resolves to. For
 * `/tmp/link/../etc` with `link → /etc`: lexical `/etc` (parents resolved, the last part not
 * followed: what `rm` removes), resolved `/etc`; for `/bin` on merged /usr: `/bin` and `/usr/bin`.
 */
export interface ResolvedPath {
  lexical: string;
  resolved: string;
}

export interface PathPolicy {
  /** Globs destructive commands and output redirections may touch despite `protect`. */
  allow: string[];
  /** When set, destructive commands may touch only these roots (allow-list mode). */
  confine: string[] | null;
  /** Globs destructive commands and output redirections may not touch. */
  protect: string[];
}

/** Where a part of the effective policy came from: `built-in`, or a policy file's path. */
export type Source = string;

/**
 * One layer's protected globs and the allow globs that may carve out of them. A user or
 * project allow carves only out of its own layer's protect globs; the system policy's allow
 * (the machine's administrator) carves out of every layer's, the built-in ones included: a
 * project cannot un-protect what the machine protects. A path is protected when some
 * scope's `protect` matches it and that scope's `allow` does not.
 */
export interface ProtectScope {
  allow: string[];
  protect: string[];
  source: Source;
}

/** The layers merged into what evaluation uses. */
export interface Policy {
  packs: Record<PackName, boolean>;
  /**
   * `protect` holds every layer's protect globs and `allow` only the system policy's (which
   * applies to all); `scopes`, when present, adds each user or project allow to its own
   * layer's protect globs. Reading only the flat lists ignores those allows: fail-safe.
   */
  paths: PathPolicy & {sources: Record<string, Source>; scopes?: ProtectScope[]};
  /** Rules from policy files, in layer order; built-in rules come from the packs. */
  rules: Array<Rule & {source: Source}>;
  /**
   * Rule ids a later layer lowered or lifted (only overridable ones), with their new level
   * and that layer's reason; also a tightened built-in rule. File rules in `rules` already
   * carry their final level, and the reason of the layer that defined them.
   */
  overrides: Record<string, {level: Level | 'off'; reason?: string; source: Source}>;
}

export interface Finding {
  alternative?: string;
  /** The simple command, as it reads after expansion. */
  command: string;
  level: Level;
  location: Location;
  /** One line for a person, naming the word: `rm -rf / would delete the root filesystem`. */
  reason: string;
  rule: string;
  source: Source;
  /** The offending word, as the command wrote it. */
  word: string;
}

export interface Decision {
  findings: Finding[];
  /** The strongest level found, or allow. */
  verdict: Verdict;
}

/** A script file the command runs that guard could not read: too large, unreadable, not a regular file. */
export interface UnreadScript {
  /** The file as the command names it. */
  file: string;
  /** Why: `backup.sh is over 1 MiB, too large to check`. */
  problem: string;
}

/** What evaluation judges: the shell layer's analysis, and the script files that could not be read for it. */
export interface Inspection extends Analysis {
  unread?: UnreadScript[];
}

