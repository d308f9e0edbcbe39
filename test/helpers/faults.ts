import {execFileSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {expect} from 'vitest';
import {runStatuses} from '../../src/audit/row.js';
import {openAuditStore} from '../../src/audit/store.js';
import {guard, sandbox} from './guard.js';
import {eventually, procStat, type ProcStat} from './processes.js';

/**
 * The variable that marks every process of one test's runs. guard passes the caller's
 * environment on, so the command, its children and a daemon that left the process group
 * with setsid all carry it: scanning /proc for it finds whatever a run left alive.
 */
export const runMark = 'GUARD_TEST_RUN';

/** Statuses a run ends with; `starting` and `running` are the only live ones. */
export const finalStatuses = runStatuses.filter((status) => status !== 'starting' && status !== 'running');

export interface FaultBox {
  /** The private folder; removed by `remove()`. */
  dir: string;
  /** The environment to run guard with: the sandbox's state paths plus the run mark. */
  env: Record<string, string>;
  /** This box's value of `runMark`. */
  mark: string;
  /** The audit log's path. */
  db: string;
  /** The folder the lock files live in. */
  lockDir: string;
  /** A path inside the box. */
  file(name: string): string;
  /** Kills whatever carries the mark (and its process group), then removes the folder. */
  remove(): void;
}

/** A sandbox whose runs carry a mark of their own, for the "nothing left behind" checks. */
export function faultBox(): FaultBox {
  const box = sandbox();
  const mark = randomUUID();
  return {
    dir: box.dir,
    env: {...box.env, [runMark]: mark},
    mark,
    db: box.env.GUARD_DB!,
    lockDir: join(box.dir, 'state/guard/locks'),
    file: (name) => join(box.dir, name),
    remove() {
      killMarked(mark);
      box.remove();
    },
  };
}

/** Rows of a query on the audit log, through sqlite3 as a person would read it. */
export function rows(db: string, query: string): Array<Record<string, unknown>> {
  const text = execFileSync('sqlite3', ['-json', '-cmd', '.timeout 10000', db, query], {encoding: 'utf8'}).trim();
  return text === '' ? [] : (JSON.parse(text) as Array<Record<string, unknown>>);
}

/** `PRAGMA integrity_check` of the audit log: 'ok' when the file is sound. */
export function integrity(db: string): string {
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', db, 'PRAGMA integrity_check'], {encoding: 'utf8'}).trim();
}

function carriesMark(pid: number, mark: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`${runMark}=${mark}`);
  } catch {
    return false;
  }
}

const pids = () =>
  readdirSync('/proc')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid);

const living = (stat: ProcStat | undefined): stat is ProcStat => stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';

/**
 * Living processes (zombies have ended) that belong to a run: they carry the mark, or they
 * are members of one of `groups` (the command's process groups, for a process that cleared
 * its environment). Each is given with its command line, so a failure says what survived.
 */
export function processesOf(mark: string, groups: readonly number[] = []): string[] {
  return pids().flatMap((pid) => {
    const stat = procStat(pid);
    if (!living(stat)) return [];
    if (!carriesMark(pid, mark) && !groups.includes(stat.pgrp)) return [];
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').trim();
    } catch {}

    return [`${pid} (${stat.state}) ${cmdline}`];
  });
}

/**
 * SIGKILLs every process carrying the mark and every process group one of them leads or
 * belongs to, except the test runner's own group. For cleanup after a test, pass or fail.
 */
export function killMarked(mark: string): void {
  const ownGroup = procStat(process.pid)?.pgrp;
  for (const pid of pids()) {
    const stat = procStat(pid);
    if (!stat || !carriesMark(pid, mark)) continue;
    for (const target of stat.pgrp > 1 && stat.pgrp !== ownGroup ? [-stat.pgrp, pid] : [pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {}
    }
  }
}

// /proc/locks names a file by its device (hex major:minor) and inode.
function fileKey(path: string): string | undefined {
  try {
    const {dev, ino} = statSync(path);
    const major = (dev >> 8) & 0xfff;
    const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
    return `${major}:${minor}:${ino}`;
  } catch {
    return undefined;
  }
}

/** Names of the lock files in `lockDir` that some process holds a lock on, as the kernel says. */
export function heldLockFiles(lockDir: string): string[] {
  if (!existsSync(lockDir)) return [];
  const held = new Set<string>();
  for (const line of readFileSync('/proc/locks', 'latin1').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0]?.endsWith('->')) continue; // a waiter, not a holder
    const [major, minor, inode] = (fields[5] ?? '').split(':');
    if (inode) held.add(`${Number.parseInt(major!, 16)}:${Number.parseInt(minor!, 16)}:${inode}`);
  }

  return readdirSync(lockDir).filter((name) => held.has(fileKey(join(lockDir, name)) ?? ''));
}

export interface Leftovers {
  /** Living processes of the run (pid, state, command line). */
  processes: string[];
  /** Rows not in a final status after a guard has opened the log (and reconciled it). */
  unfinished: Array<Record<string, unknown>>;
  /** Lock files some process still holds (/proc/locks). */
  heldLocks: string[];
  /** What `guard locks --json` lists. */
  listedLocks: unknown[];
  /** `guard verify`'s exit status and stderr (0 and '' for a sound chain). */
  verify: {exitCode: number | undefined; stderr: string};
  /** `PRAGMA integrity_check`, or 'no audit log' when none was created. */
  integrity: string;
}

export interface LeftoverOptions {
  /** Process groups of the run (the command's pid, which leads its group), scanned as well. */
  groups?: readonly number[];
  /** How long processes of the run may take to go away before they count as left over. */
  withinMs?: number;
}

/**
 * What a finished (or killed) run left behind. Waits for the run's processes to go, then
 * opens the log as a writer does (which marks the rows of dead guards abandoned: readers
 * never write), and reads the rows, `guard verify`, the kernel's locks, `guard locks` and
 * SQLite's own integrity check.
 */
export async function leftovers(box: FaultBox, options: LeftoverOptions = {}): Promise<Leftovers> {
  const groups = options.groups ?? [];
  await eventually(() => processesOf(box.mark, groups).length === 0, options.withinMs ?? 10_000, 50);
  const processes = processesOf(box.mark, groups);
  if (!existsSync(box.db)) {
    return {processes, unfinished: [], heldLocks: heldLockFiles(box.lockDir), listedLocks: [], verify: {exitCode: 0, stderr: ''}, integrity: 'no audit log'};
  }

  try {
    openAuditStore(box.db).close();
  } catch {
    // An unreadable log: `guard verify` below says why.
  }

  const verified = await guard(['verify'], {env: box.env});
  const listed = await guard(['locks', '--json'], {env: box.env});
  const placeholders = finalStatuses.map((status) => `'${status}'`).join(', ');
  return {
    processes,
    unfinished: rows(box.db, `SELECT id, status FROM runs WHERE status NOT IN (${placeholders}) ORDER BY id`),
    heldLocks: heldLockFiles(box.lockDir),
    listedLocks: listed.exitCode === 0 ? (JSON.parse(String(listed.stdout)) as unknown[]) : [`guard locks failed: ${String(listed.stderr)}`],
    verify: {exitCode: verified.exitCode, stderr: String(verified.stderr)},
    integrity: integrity(box.db),
  };
}

/**
 * Asserts a run left nothing behind: no process alive, every row final, no lock held or
 * listed, the chain verifies and SQLite finds the file sound. `log: false` when the case
 * must not have created an audit log at all.
 */
export async function expectNoLeftovers(box: FaultBox, options: LeftoverOptions & {log?: boolean} = {}): Promise<void> {
  expect(await leftovers(box, options)).toEqual({
    processes: [],
    unfinished: [],
    heldLocks: [],
    listedLocks: [],
    verify: {exitCode: 0, stderr: ''},
    integrity: options.log === false ? 'no audit log' : 'ok',
  });
}

/**
 * The fault suite changes owners (chown nobody), mounts (unshare --mount) and users
 * (setpriv): it needs root. As anyone else a fault file fails at once with this one line,
 * rather than skipping or failing a hundred ways.
 */
export function needsRoot(): void {
  if (process.getuid?.() !== 0) throw new Error('the fault suite (test/faults) needs root: run it as root in a throwaway VM or container');
}
