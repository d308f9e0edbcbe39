import {readProcessStat} from '../../src/proc.js';
import type {RunStatus} from '../../src/audit/row.js';
import {openAuditStore} from '../../src/audit/store.js';
import {endFields, startFields} from './sample-run.js';

// The kernel's largest pid: nothing runs there in a test container.
const deadPid = 4_194_303;
const statuses: RunStatus[] = ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'timed_out', 'killed', 'dry_run', 'blocked', 'lock_busy', 'error', 'interrupted'];
const names = ['backup', 'certbot', 'deploy', 'logrotate', 'report'];

/**
 * A log of `count` runs over the `days` before `endMs`, through the store as guard writes
 * them: most recorded whole, some started and ended later (so sealed out of start order),
 * some left `starting` by a dead guard (abandoned at the next open), a few still live (this
 * process owns them, so they stay live). Durations from 0 ms to hours, deterministic per seed.
 */
export function fillMixedLog(path: string, {count = 600, days = 3, endMs = Date.now(), seed = 1}: {count?: number; days?: number; endMs?: number; seed?: number} = {}): void {
  let state = 0x9e3779b9 ^ seed;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };

  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const live = {pid: process.pid, pid_start: readProcessStat(process.pid)!.startTime};
  const store = openAuditStore(path);
  const pending: number[] = [];
  try {
    for (let index = 0; index < count; index++) {
      // Mostly in start order, as a real log is, with a little jitter.
      const started_at = new Date(endMs - days * 86_400_000 * (1 - (index + random() * 3) / (count + 3))).toISOString();
      const name = pick(names);
      const duration_ms = Math.floor(random() ** 4 * 4 * 3_600_000);
      const kind = random();
      if (kind < 0.03) {
        store.recordStart(startFields({name, pid: deadPid, pid_start: 1, started_at}));
      } else if (kind < 0.05) {
        store.recordStart(startFields({...live, name, started_at}));
      } else if (kind < 0.2) {
        pending.push(store.recordStart(startFields({...live, name, started_at})));
      } else {
        store.recordFinished({...startFields({name, started_at}), ...endFields(pick(statuses), {duration_ms})});
      }

      if (pending.length > 5 || (pending.length > 0 && random() < 0.1)) {
        const id = pending.splice(Math.floor(random() * pending.length), 1)[0]!;
        store.recordEnd(id, endFields(pick(statuses), {duration_ms: Math.floor(random() * 90_000)}));
      }
    }

    for (const id of pending) store.recordEnd(id, endFields('succeeded', {duration_ms: 5}));
  } finally {
    store.close();
  }

  // Reconciles the dead guard's rows into `abandoned`.
  openAuditStore(path).close();
}
