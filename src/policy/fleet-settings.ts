// The fleet block resolved to the values a run goes by: the policy's (system and user
// layers alone, see ownership.ts), else guard's defaults; the URL from the policy, else
// GUARD_FLEET_URL from guard's own environment. The fleet code imports FleetConfig from
// here and nothing else of the policy.
import {formatDuration} from '../duration.js';
import {builtinSettings} from './job-settings.js';
import {isFleetUrl} from './fleet-url.js';
import {PolicyError, type PolicyIssue} from './schema-errors.js';
import type {PolicySettings} from './settings-types.js';

/** Everything the fleet needs to know, durations in milliseconds. */
export interface FleetConfig {
  /** Whether runs go to the central history (through the outbox). */
  history: boolean;
  heartbeatMs: number;
  connectTimeoutMs: number;
  keepalive: {count: number; idleMs: number; intervalMs: number};
  /** Whether locked jobs take the fleet lock (a job may opt out: jobs.NAME.fleet: false). */
  lock: boolean;
  /** How long a vanished holder keeps new holders off after its last heartbeat (server clock). */
  lockDelayMs: number;
  /** No successful heartbeat for this long: the lock is lost. */
  lostAfterMs: number;
  /** Re-acquire attempts after a lost session, before onLost applies. */
  monitorRetry: number;
  onLost: 'continue' | 'stop';
  onUnavailable: 'local' | 'skip';
  /** Whether output tails are shipped (already redacted). */
  output: boolean;
  /** An absolute path; read and checked by the fleet code. */
  passwordFile: string | null;
  /** The PostgreSQL schema of guard's tables. */
  schema: string;
  shipTimeoutMs: number;
  /** Where the URL came from: a policy file's path, or `GUARD_FLEET_URL`. */
  source: string;
  /** A postgres:// or postgresql:// URL; it may hold a password, so never print it whole. */
  url: string;
  userTimeoutMs: number;
}

/** Guard's values for every field the block leaves out (research fleet.md §8.2). */
export const fleetDefaults = {
  connectTimeout: 3000,
  heartbeat: 5000,
  history: true,
  keepalive: {count: 3, idle: 10_000, interval: 5000},
  lock: true,
  lockDelay: 15_000,
  lostAfter: 15_000,
  monitorRetry: 2,
  onLost: 'stop',
  onUnavailable: 'skip',
  output: true,
  schema: 'guard',
  shipTimeout: 2000,
  userTimeout: 25_000,
} as const;

type Block = PolicySettings['fleet'];

function valueOf<K extends keyof typeof fleetDefaults>(block: Block, key: K): NonNullable<Block[K]>['value'] | (typeof fleetDefaults)[K] {
  return block[key]?.value ?? fleetDefaults[key];
}

function timing(block: Block) {
  const keepalive = {...fleetDefaults.keepalive, ...block.keepalive?.value};
  const probes = keepalive.idle + keepalive.interval * keepalive.count;
  const userTimeout = valueOf(block, 'userTimeout');
  return {heartbeat: valueOf(block, 'heartbeat'), keepalive, lockDelay: valueOf(block, 'lockDelay'), lostAfter: valueOf(block, 'lostAfter'), serverDetect: Math.min(probes, userTimeout), userTimeout};
}

const where = (block: Block, key: keyof Block) => (block[key] ? block[key].source : 'built-in');

/**
 * The fleet's timing rules, on the merged settings: a heartbeat more often than the lock is
 * declared lost, and a holder that lost its session must have stopped its command (lostAfter,
 * then the grace before SIGKILL) before the server lets another host take the lock (the
 * server notices the dead session, capped by tcp_user_timeout, then lockDelay). Otherwise
 * two hosts run the job at once. Empty when there is no fleet block.
 */
export function fleetTimingIssues(settings: PolicySettings): PolicyIssue[] {
  return Object.keys(settings.fleet).length === 0 ? [] : timingIssues(settings);
}

function timingIssues(settings: PolicySettings): PolicyIssue[] {
  const block = settings.fleet;
  const t = timing(block);
  const d = formatDuration;
  const issues: PolicyIssue[] = [];
  if (t.heartbeat >= t.lostAfter) {
    issues.push({
      message: `heartbeat ${d(t.heartbeat)} (${where(block, 'heartbeat')}) must be shorter than lostAfter ${d(t.lostAfter)} (${where(block, 'lostAfter')}), or one late heartbeat loses the lock`,
      path: 'fleet.heartbeat',
    });
  }

  const killAfter = settings.defaults.killAfter;
  const grace = killAfter?.value ?? builtinSettings.killAfter;
  if (t.lostAfter + grace >= t.serverDetect + t.lockDelay) {
    const {count, idle, interval} = t.keepalive;
    issues.push({
      message:
        `lostAfter ${d(t.lostAfter)} + killAfter ${d(grace)} (${killAfter ? `defaults.killAfter in ${killAfter.source}` : 'built-in'}) must be less than ` +
        `the time before another host may take the lock: keepalive ${d(idle)} + ${d(interval)} × ${count} (capped by userTimeout ${d(t.userTimeout)}) + lockDelay ${d(t.lockDelay)} = ${d(t.serverDetect + t.lockDelay)}; ` +
        'otherwise a second host may start the job while this one is still stopping it',
      path: 'fleet.lostAfter',
    });
  }

  return issues;
}

/**
 * The fleet a run joins, or null when neither the policy's fleet block nor GUARD_FLEET_URL
 * says there is one. Throws PolicyError (78) for a block without a URL, a bad
 * GUARD_FLEET_URL, or timing the fleet cannot keep safe.
 */
export function fleetSettings(settings: PolicySettings, env: NodeJS.ProcessEnv): FleetConfig | null {
  const block = settings.fleet;
  const fromEnv = env.GUARD_FLEET_URL;
  const hasBlock = Object.keys(block).length > 0;
  if (!hasBlock && !fromEnv) return null;
  let url: string;
  let source: string;
  if (block.url) {
    ({source, value: url} = block.url);
  } else if (fromEnv) {
    if (!isFleetUrl(fromEnv)) throw new PolicyError('GUARD_FLEET_URL: expected a postgres:// or postgresql:// URL');
    [url, source] = [fromEnv, 'GUARD_FLEET_URL'];
  } else {
    const files = [...new Set(Object.values(block).map((field) => field.source))].join(', ');
    throw new PolicyError(`${files}: fleet: no url (set fleet.url, or GUARD_FLEET_URL in guard's environment)`);
  }

  const issue = timingIssues(settings)[0];
  if (issue) throw new PolicyError(`${issue.path}: ${issue.message}`);
  const t = timing(block);
  return {
    connectTimeoutMs: valueOf(block, 'connectTimeout'),
    heartbeatMs: t.heartbeat,
    history: valueOf(block, 'history'),
    keepalive: {count: t.keepalive.count, idleMs: t.keepalive.idle, intervalMs: t.keepalive.interval},
    lock: valueOf(block, 'lock'),
    lockDelayMs: t.lockDelay,
    lostAfterMs: t.lostAfter,
    monitorRetry: valueOf(block, 'monitorRetry'),
    onLost: valueOf(block, 'onLost'),
    onUnavailable: valueOf(block, 'onUnavailable'),
    output: valueOf(block, 'output'),
    passwordFile: block.passwordFile?.value ?? null,
    schema: valueOf(block, 'schema'),
    shipTimeoutMs: valueOf(block, 'shipTimeout'),
    source,
    url,
    userTimeoutMs: t.userTimeout,
  };
}
