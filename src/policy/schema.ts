// What a policy file may say, strictly: an unknown key, a wrong type or a regular
// expression that does not compile rejects the whole file, never just the bad part (a
// denylist that drops a bad line fails open). zod enters guard here and nowhere else.
import {z} from 'zod';
import {durationSpellings, readAge, readDuration} from '../duration.js';
import {regexProblem} from '../linear-regex.js';
import {parseExitCodes} from './exit-codes.js';
import {isFleetUrl} from './fleet-url.js';
import {fieldPath, PolicyInvalid, type PolicyIssue} from './schema-errors.js';
import {packNames} from './types.js';

const text = z.string().trim().min(1, 'must not be empty');

// Every pattern a policy supplies runs on RE2 (src/linear-regex.ts): one it cannot take is
// refused here, at the field, rather than when a command or an output first meets it.
function compiles(source: string, context: z.RefinementCtx): void {
  const problem = regexProblem(source);
  if (problem !== undefined) context.addIssue({code: 'custom', message: `invalid regular expression (${problem})`});
}

const flag = z.string().regex(/^--?[^-\s=][^\s=]*$/, 'an option is spelled as typed: -r, --recursive');

const optionSpec = z.strictObject({
  aliases: z.record(flag, flag).optional(),
  long: z.array(z.string().regex(/^--[^-\s=][^\s=]*$/, 'a long option starts with --')).optional(),
  short: z.string().regex(/^[^\s-]*$/, 'the short option letters, without dashes: "rRfi"').optional(),
  stopAtOperand: z.boolean().optional(),
  takesValue: z.array(flag).optional(),
});

// A program is matched by its name as the shell layer normalizes it: `/bin/rm` is `rm`.
const programName = text.transform((name) => name.slice(name.lastIndexOf('/') + 1)).pipe(text);

const commandMatch = z
  .strictObject({
    allFlags: z.array(flag).optional(),
    anyFlags: z.array(flag).optional(),
    noFlags: z.array(flag).optional(),
    operandsUnder: z.array(text).optional(),
    options: optionSpec.optional(),
    program: z
      .union([programName.transform((name) => [name]), z.array(programName).min(1, 'name at least one program')], {
        error: 'expected a program name or a list of them',
      })
      .optional(),
    regex: z.string().min(1, 'must not be empty').superRefine(compiles).optional(),
    subcommand: z.array(text).optional(),
  })
  .superRefine((match, context) => {
    if (match.program === undefined && match.regex === undefined) {
      context.addIssue({code: 'custom', message: 'needs a program or a regex'});
    }
  })
  .transform(({program, ...rest}) => ({program: program ?? [], ...rest}));

export const ruleLevels = ['deny', 'confirm', 'warn', 'off'] as const;

const rule = z.strictObject({
  alternative: text.optional(),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a rule id is letters, digits, ".", "_" and "-" (fs.rm-root)'),
  level: z.enum(ruleLevels),
  /** Absent when the rule names an earlier layer's rule to change its level. */
  match: commandMatch.optional(),
  overridable: z.boolean().optional(),
  reason: text,
});

const durationHint = `not a duration (use ${durationSpellings}, at most a year)`;
const duration = z.union([z.string(), z.number().nonnegative()], {error: durationHint}).transform((value, context) => {
  const read = readDuration(String(value));
  if (typeof read === 'number') return read;
  context.addIssue({code: 'custom', message: read.kind === 'compound' ? `not a duration (${read.why})` : durationHint});
  return z.NEVER;
});

// Retention may be longer than a year (audit trails are often kept for years): days alone then.
const retention = z.union([z.string(), z.number().nonnegative()], {error: 'expected a duration such as 90d'}).transform((value, context) => {
  const read = readAge(String(value));
  if (typeof read === 'number') return read;
  context.addIssue({code: 'custom', message: 'not a duration (use 90d, 12h, or a number of seconds)'});
  return z.NEVER;
});

const units = {B: 1, GiB: 1024 ** 3, KiB: 1024, MiB: 1024 ** 2} as const;
const byteHint = 'expected a number of bytes or a size such as 64KiB, 1MiB (at most 1GiB)';
const bytes = z.union([z.string(), z.number().int().nonnegative()], {error: byteHint}).transform((value, context) => {
  const match = /^(\d+)\s*(B|KiB|MiB|GiB)?$/.exec(String(value).trim());
  const size = match ? Number(match[1]) * units[(match[2] ?? 'B') as keyof typeof units] : Number.NaN;
  if (!(size <= units.GiB)) {
    context.addIssue({code: 'custom', message: byteHint});
    return z.NEVER;
  }

  return size;
});

// The lock-name grammar of src/lock/name.ts: a file name under the lock folder.
const lockName = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;
const lockHint = 'a lock name is 1-64 letters, digits, ".", "_" or "-", not starting with "."';

const exitCodes = z
  .union([z.string(), z.array(z.union([z.number(), z.string()]))], {error: 'expected a list of exit codes and "timeout"'})
  .transform((value, context) => {
    const parsed = parseExitCodes(typeof value === 'string' ? value.split(',') : value);
    if ('codes' in parsed) return parsed.codes;
    context.addIssue({code: 'custom', message: `'${parsed.bad}' is neither an exit code (0-255) nor "timeout"`});
    return z.NEVER;
  });

const runSettingsShape = {
  captureBytes: bytes.optional(),
  killAfter: duration.optional(),
  lock: z.union([z.boolean(), z.string().regex(lockName, lockHint)], {error: `expected true, false or a lock name (${lockHint})`}).optional(),
  lockWait: duration.optional(),
  quiet: z.boolean().optional(),
  retries: z.number().int('expected a whole number').min(0).max(100).optional(),
  retryDelay: duration.optional(),
  retryOn: exitCodes.optional(),
  timeout: duration.optional(),
};

export const jobSettingNames = [...(Object.keys(runSettingsShape) as Array<keyof typeof runSettingsShape>), 'ping', 'reasonRequired', 'fleet'] as const;

const job = z.strictObject({
  ...runSettingsShape,
  /** false: the job's lock stays on this host even when the machine is in a fleet. */
  fleet: z.boolean().optional(),
  /** Settings no later layer (and no flag) may change for this job. */
  fixed: z.array(z.enum(jobSettingNames)).optional(),
  ping: z.url({error: 'expected an http(s) URL', protocol: /^https?$/}).optional(),
  reasonRequired: z.boolean().optional(),
});

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

const positive = duration.refine((ms) => ms > 0, 'must be longer than 0');

// Never echoed in a message: the URL may hold a password.
const fleetUrl = z.string().refine(isFleetUrl, 'expected a postgres:// or postgresql:// URL');

// The fleet: one lock and one history across hosts, on PostgreSQL. Only the machine's layers
// may say it (ownership.ts); the timing between its fields is checked on the merged values
// (fleet-settings.ts), since they may come from two layers.
const fleet = z.strictObject({
  connectTimeout: positive.optional(),
  heartbeat: positive.optional(),
  history: z.boolean().optional(),
  keepalive: z
    .strictObject({
      count: z.number().int('expected a whole number').min(1).max(127).optional(),
      idle: positive.optional(),
      interval: positive.optional(),
    })
    .optional(),
  lock: z.boolean().optional(),
  lockDelay: duration.optional(),
  lostAfter: positive.optional(),
  monitorRetry: z.number().int('expected a whole number').min(0).max(100).optional(),
  onLost: z.enum(['stop', 'continue']).optional(),
  onUnavailable: z.enum(['skip', 'local']).optional(),
  output: z.boolean().optional(),
  passwordFile: z.string().startsWith('/', 'must be an absolute path').optional(),
  schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a schema name is 1-63 lower-case letters, digits and "_", not starting with a digit').optional(),
  shipTimeout: duration.optional(),
  url: fleetUrl.optional(),
  userTimeout: positive.optional(),
});

export const policyFileSchema = z.strictObject({
  audit: z
    .strictObject({
      captureBytes: bytes.optional(),
      onError: z.enum(['fail', 'run']).optional(),
      retention: retention.optional(),
    })
    .optional(),
  defaults: z.strictObject(runSettingsShape).optional(),
  env: z
    .strictObject({
      remove: z.array(z.string().regex(/^[A-Za-z0-9_*?]+$/, 'a variable name, or a glob of them (LD_*)')).optional(),
      removeDangerous: z.boolean().optional(),
      require: z.array(z.string().regex(envName, 'a variable name')).optional(),
    })
    .optional(),
  fleet: fleet.optional(),
  jobs: z.record(z.string().regex(lockName, `not a job name (${lockHint})`), job).optional(),
  locks: z.strictObject({dir: z.string().startsWith('/', 'must be an absolute path').optional()}).optional(),
  packs: z.strictObject(Object.fromEntries(packNames.map((name) => [name, z.boolean().optional()])) as Record<(typeof packNames)[number], z.ZodOptional<z.ZodBoolean>>).optional(),
  paths: z
    .strictObject({
      allow: z.array(text).optional(),
      confine: z.array(text).optional(),
      protect: z.array(text).optional(),
    })
    .optional(),
  redact: z.array(z.string().min(1, 'must not be empty').superRefine(compiles)).optional(),
  rules: z
    .array(rule)
    .superRefine((rules, context) => {
      const seen = new Map<string, number>();
      for (const [index, {id}] of rules.entries()) {
        const first = seen.get(id);
        if (first === undefined) seen.set(id, index);
        else context.addIssue({code: 'custom', message: `duplicate rule id ${id} (also rules[${first}])`, path: [index, 'id']});
      }
    })
    .optional(),
});

/** A policy file as validated: durations in milliseconds, sizes in bytes, programs as lists. */
export type PolicyFile = z.output<typeof policyFileSchema>;
export type PolicyFileRule = NonNullable<PolicyFile['rules']>[number];
export type RunSettings = NonNullable<PolicyFile['defaults']>;
export type JobSettings = NonNullable<PolicyFile['jobs']>[string];
export type JobSettingName = (typeof jobSettingNames)[number];

// In the order the file says things, so the first issue is the first a reader meets.
function issuesOf(error: z.ZodError, data: unknown): PolicyIssue[] {
  const keys = data && typeof data === 'object' ? Object.keys(data) : [];
  const order = (issue: z.core.$ZodIssue) => {
    const key = issue.code === 'unrecognized_keys' && issue.path.length === 0 ? issue.keys[0] : issue.path[0];
    return keys.indexOf(String(key));
  };
  const issues = [...error.issues].sort((a, b) => order(a) - order(b));
  return issues.flatMap((issue): PolicyIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({message: 'unknown field', path: fieldPath([...issue.path, key])}));
    }

    const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    return [{message: message.replace(/^Invalid (input|option): /, ''), path: fieldPath(issue.path)}];
  });
}

/**
 * Validates what a loader read from `source` (a file path, for messages). Throws
 * PolicyInvalid with every issue, each at its field path; an empty file is an empty policy.
 */
export function parsePolicyFile(data: unknown, source: string): PolicyFile {
  const result = policyFileSchema.safeParse(data ?? {});
  if (!result.success) throw new PolicyInvalid(source, issuesOf(result.error, data));
  return result.data;
}
