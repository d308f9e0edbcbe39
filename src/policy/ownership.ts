// Which policy layer may set what, in one table. The merge of rules, packs and paths
// (merge.ts) and the merge of settings (merge-settings.ts) both ask it, and `guard policy
// validate` runs those merges, so a run, `policy show` and `policy validate` refuse the same
// things with the same words. The guiding sentence is the contract's: a repository cannot
// ship a .guardrc that disarms the machine's policy. The system and user layers are the
// machine's (its administrator, and the user guard runs as, who could pass flags anyway);
// the project layer is whatever repository the run starts in.
import {formatDuration} from '../duration.js';
import {builtinSettings} from './job-settings.js';
import type {JobSettingName} from './schema.js';
import type {LayerName} from './settings-types.js';

/** A value a later layer would replace, with where it came from: `defaults.timeout in /etc/guard/policy.yaml`, `built-in`. */
export interface Earlier {
  /** The layer that set it (a policy file's path), absent for guard's built-in value. */
  source?: string;
  value: unknown;
  where: string;
}

/** A setting a later layer may only tighten. */
interface Tightening {
  /** The later layers it binds: the project alone, or every later layer (a safeguard, once on, stays on). */
  binds: 'project' | 'later';
  /** Whether `later` loosens `earlier`. */
  looser(later: unknown, earlier: unknown): boolean;
  /** The refusal, naming both values and where the earlier one came from. */
  refusal(later: unknown, earlier: Earlier, path: string): string;
}

export type Ownership =
  /** Any layer sets it; a later value replaces an earlier one. */
  | {kind: 'free'; why: string}
  /** Any layer adds to it; nothing an earlier layer added is taken away. */
  | {kind: 'additive'; why: string}
  /** Only the system and user layers set it (`when`: only such values; others are free). */
  | {kind: 'machine-only'; refusal: string; tighten?: Tightening; when?: (value: unknown) => boolean}
  /** Only the system layer sets it (`when`: only such values). */
  | {kind: 'system-only'; refusal: string; when?: (value: unknown) => boolean}
  | {kind: 'tighten-only'; tighten: Tightening}
  /** A rule's level: raised by any layer; lowered or lifted only as the layer that set it allows (see `mayLower`). */
  | {kind: 'rule-level'; why: string};

const disarms = 'a repository cannot ship a .guardrc that disarms the machine\'s policy';

// 0 is no timeout at all: longer than any.
const timeoutLength = (ms: unknown) => (ms === 0 ? Number.POSITIVE_INFINITY : Number(ms));
const durationText = (ms: unknown) => (ms === 0 ? '0 (none)' : formatDuration(Number(ms)));

/** A duration a project may shorten, never lengthen. */
function shorter(what: string, length: (ms: unknown) => number = Number, text: (ms: unknown) => string = (ms) => formatDuration(Number(ms))): Ownership {
  return {
    kind: 'tighten-only',
    tighten: {
      binds: 'project',
      looser: (later, earlier) => length(later) > length(earlier),
      refusal: (later, earlier) => `${text(later)} is longer than ${text(earlier.value)} (${earlier.where}): a project policy may shorten ${what}, never lengthen it`,
    },
  };
}

const lockText = (lock: unknown) => (lock === true ? 'true (the job\'s own lock)' : lock === false ? 'false' : `'${String(lock)}'`);

/** The run settings, each as it stands in `defaults` and in `jobs.NAME`. */
const runSettings: Record<JobSettingName, Ownership> = {
  timeout: shorter('a timeout', timeoutLength, durationText),
  killAfter: shorter('the grace before SIGKILL'),
  lockWait: shorter('the wait for a busy lock'),
  retryDelay: shorter('the wait between retries'),
  retries: {
    kind: 'tighten-only',
    tighten: {
      binds: 'project',
      looser: (later, earlier) => Number(later) > Number(earlier),
      refusal: (later, earlier) => `${String(later)} retries are more than ${String(earlier.value)} (${earlier.where}): a project policy may run a command fewer times, never more`,
    },
  },
  lock: {
    kind: 'tighten-only',
    tighten: {
      binds: 'project',
      // Off may become on; a lock that is on keeps its name, or runs of one job stop excluding each other.
      looser: (later, earlier) => earlier !== false && later !== earlier,
      refusal: (later, earlier) => `lock ${lockText(later)} would ${later === false ? 'turn off' : 'rename'} the lock ${lockText(earlier.value)} (${earlier.where}): a project policy may turn a lock on, never off or onto another name`,
    },
  },
  ping: {
    kind: 'tighten-only',
    tighten: {
      binds: 'project',
      looser: (later, earlier) => earlier !== null && later !== earlier,
      refusal: (_later, earlier) => `the job already has a ping (${earlier.where}): a project policy may add a ping where none is set, never send the machine's monitoring elsewhere`,
    },
  },
  reasonRequired: {
    kind: 'tighten-only',
    tighten: {
      binds: 'later',
      looser: (later, earlier) => earlier === true && later === false,
      refusal: (_later, earlier, path) => `${earlier.source ?? earlier.where} requires a reason for job ${jobOf(path)}; a later layer cannot drop that`,
    },
  },
  captureBytes: {kind: 'machine-only', refusal: 'only the system or user policy may say how much output the audit log keeps'},
  quiet: {kind: 'free', why: 'how output is shown; a run that fails prints it all whatever quiet says'},
  fleet: {kind: 'machine-only', refusal: 'only the system or user policy may take a job out of the fleet lock', when: (on) => on === false},
  retryOn: {kind: 'free', why: 'which failures are retried, within the number of retries the machine allows'},
};

const defaultsOnly = new Set<JobSettingName>(['ping', 'reasonRequired', 'fleet']);

/**
 * Setting path → who may set it. `*` stands for a job or pack name, or for any field of a
 * section; `rules[]` for any rule. Adding a section to the schema means adding its row here
 * (test/policy/ownership.test.ts fails on a field without one).
 */
export const ownershipTable: Readonly<Record<string, Ownership>> = {
  'packs.*': {kind: 'system-only', refusal: 'only the system policy may turn a pack off', when: (on) => on === false},
  'rules[]': {kind: 'additive', why: 'any layer may add rules of its own'},
  'rules[].level': {kind: 'rule-level', why: 'any layer may raise a rule; lowering or lifting one needs the layer that set it to allow it'},
  'rules[].overridable': {kind: 'machine-only', refusal: 'only the system or user policy may mark a rule overridable', when: (value) => value === true},
  'paths.protect': {kind: 'additive', why: 'any layer may protect more paths'},
  'paths.allow': {kind: 'additive', why: 'a user or project allow carves only out of its own layer\'s protect globs; the system\'s out of every layer\'s'},
  // Root by root: each later root must lie inside one of the earlier roots.
  'paths.confine': {
    kind: 'tighten-only',
    tighten: {
      binds: 'later',
      looser: (root, roots) => !(roots as string[]).some((outer) => inside(String(root), outer)),
      refusal: (root, earlier) => `${String(root)} is outside the confinement set by ${earlier.where} (${(earlier.value as string[]).join(', ')}); a later layer can only narrow it`,
    },
  },
  ...Object.fromEntries(
    (Object.entries(runSettings) as Array<[JobSettingName, Ownership]>).flatMap(([name, owner]) => [
      ...(defaultsOnly.has(name) ? [] : [[`defaults.${name}`, owner]]),
      [`jobs.*.${name}`, owner],
    ]),
  ),
  'jobs.*.fixed': {kind: 'machine-only', refusal: 'only the system or user policy may fix a job\'s settings against flags and later layers'},
  'env.remove': {kind: 'additive', why: 'any layer may remove more variables'},
  'env.require': {kind: 'additive', why: 'any layer may require more variables'},
  'env.removeDangerous': {
    kind: 'tighten-only',
    tighten: {
      binds: 'later',
      looser: (later, earlier) => earlier === true && later === false,
      refusal: (_later, earlier) => `${earlier.where} removes dangerous variables; a later layer cannot keep them`,
    },
  },
  redact: {kind: 'additive', why: 'any layer may mask more secrets'},
  'audit.*': {kind: 'machine-only', refusal: 'only the system or user policy may change the audit log\'s settings'},
  'audit.onError': {
    kind: 'machine-only',
    refusal: 'only the system or user policy may change the audit log\'s settings',
    tighten: {
      binds: 'later',
      looser: (later, earlier) => earlier === 'fail' && later === 'run',
      refusal: (_later, earlier) => `${earlier.where} makes guard fail closed when the audit log is unusable; a later layer cannot change that`,
    },
  },
  'locks.dir': {kind: 'machine-only', refusal: 'only the system or user policy may say where locks live'},
  'fleet.*': {kind: 'machine-only', refusal: 'only the system or user policy may join the machine to a fleet'},
};

const jobPath = /^jobs(?:\.([^.[\]]+)|\["([^"]*)"\])\./;
const jobOf = (path: string) => {
  const match = jobPath.exec(path);
  return match ? (match[1] ?? match[2]) : '';
};

/**
 * The table's row for a field path as issues name it: `jobs.backup.timeout` → `jobs.*.timeout`,
 * `rules[2].level` → `rules[].level`, `paths.confine[1]` → `paths.confine`; a field without a
 * row of its own has its section's (`rules[].reason` → `rules[]`, `audit.x` → `audit.*`).
 */
export function ownerOf(path: string): Ownership | undefined {
  let key = path.replace(jobPath, 'jobs.*.').replace(/^packs\.[^.]+$/, 'packs.*').replace(/\[\d+\]/g, '[]');
  // An item of a list is owned as its list; a rule is the one list whose items have fields of their own.
  if (!key.startsWith('rules[')) key = key.replaceAll('[]', '');
  const parts = key.split('.');
  for (let length = parts.length; length > 0; length--) {
    const at = parts.slice(0, length).join('.');
    const row = ownershipTable[at] ?? ownershipTable[`${at}.*`];
    if (row) return row;
  }

  return undefined;
}

const isMachine = (layer: LayerName) => layer !== 'project';

/**
 * Why `layer` may not give `path` this value, or undefined when it may. `earlier` is the
 * value it would replace: for a setting a project may only tighten, the effective value the
 * earlier layers (and guard's built-in defaults) give the job; for a safeguard binding every
 * later layer, what the earlier layers merged.
 */
export function refusalOf(path: string, layer: LayerName, value: unknown, earlier?: Earlier): string | undefined {
  const owner = ownerOf(path);
  if (!owner) return undefined;
  if (owner.kind === 'system-only' && layer !== 'system' && (owner.when?.(value) ?? true)) return `${owner.refusal} (this is the ${layer} policy)`;
  if (owner.kind === 'machine-only' && !isMachine(layer) && (owner.when?.(value) ?? true)) return `${owner.refusal}: ${disarms}`;
  const tighten = owner.kind === 'tighten-only' || owner.kind === 'machine-only' ? owner.tighten : undefined;
  if (!tighten || earlier === undefined) return undefined;
  if (tighten.binds === 'project' && isMachine(layer)) return undefined;
  return tighten.looser(value, earlier.value) ? tighten.refusal(value, earlier, path) : undefined;
}

/** The built-in value of a run setting, where `tighten-only` compares against nothing a file set. */
export function builtinEarlier(name: JobSettingName): Earlier {
  return {value: builtinSettings[name], where: 'built-in'};
}

/**
 * Who may take a rule below the level a layer set: every later layer (the rule is marked
 * `overridable: true`), the machine's layers alone (a built-in rule such as script.unreadable:
 * what guard cannot read, the machine's owner may choose to run), or nobody.
 */
export type Lowering = 'later' | 'machine' | 'nobody';

export function mayLower(lowering: Lowering, layer: LayerName): boolean {
  return lowering === 'later' || (lowering === 'machine' && isMachine(layer));
}

const globChars = /[*?[\]{}()!+@]/;

// A later confinement root must lie within an earlier one; anything not provably inside is refused.
function inside(root: string, outer: string): boolean {
  const trim = (path: string) => path.replace(/(\/\*\*)+$/, '').replace(/(.)\/+$/, '$1');
  const [inner, base] = [trim(root), trim(outer)];
  if (inner === base) return true;
  if (globChars.test(base)) return false;
  return base === '/' ? inner.startsWith('/') : inner.startsWith(`${base}/`);
}
