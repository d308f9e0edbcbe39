import {lstatSync, readdirSync, readFileSync, statSync, type BigIntStats} from 'node:fs';
import {join} from 'node:path';
import {readProcessStat} from '../proc.js';

/** A process holding a lock: one of its descriptors is the open file the kernel's flock is on. */
export interface LockHolder {
  argv: string[];
  pgrp: number;
  pid: number;
  startTime: number;
}

/** A lock file of the folder that some process holds right now, as the kernel says. */
export interface HeldLockFile {
  /** Every process this user may see holding it (a daemon that inherited the descriptor, a shell's flock(1)…). */
  holders: LockHolder[];
  /** The lock's name: the file's, without `.lock`. */
  name: string;
  /** The process that took the lock (/proc/locks): for guard's locks a flock(1) helper long gone. */
  takenBy: number;
}

// /proc/locks names a file by its device (hex major:minor, as the kernel splits dev_t) and inode.
function fileKey({dev, ino}: BigIntStats): string {
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return `${major}:${minor}:${ino}`;
}

// Taken flock(2) locks by file, with the pid that took each; `->` lines are waiters.
function takenFlocks(): Map<string, number> {
  const taken = new Map<string, number>();
  for (const line of readFileSync('/proc/locks', 'latin1').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] !== 'FLOCK' || fields[0]?.endsWith('->')) continue;
    const [major, minor, inode] = (fields[5] ?? '').split(':');
    if (inode) taken.set(`${BigInt(`0x${major}`)}:${BigInt(`0x${minor}`)}:${inode}`, Number(fields[4]));
  }

  return taken;
}

// A descriptor's link is followed to its file; a folder entry is not (a lock file is never a symlink).
function statKey(path: string, follow: boolean): string | undefined {
  try {
    const stat = follow ? statSync(path, {bigint: true}) : lstatSync(path, {bigint: true});
    return stat.isFile() ? fileKey(stat) : undefined;
  } catch {
    return undefined;
  }
}

function readDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

// A descriptor holds the lock when its open file carries it: fdinfo lists the flock under it
// (a run waiting for the lock has the file open too, but no lock on its own open file).
function holdsFlock(pid: string, fd: string): boolean {
  try {
    return /^lock:\s+\d+: FLOCK\s/m.test(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'latin1'));
  } catch {
    return false;
  }
}

function holder(pid: number): LockHolder | undefined {
  const stat = readProcessStat(pid);
  if (!stat) return undefined;
  let argv: string[] = [];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv.at(-1) === '') argv.pop();
  } catch {}

  return {argv, pgrp: stat.pgrp, pid, startTime: stat.startTime};
}

/**
 * Every process holding one of these files, found by their open descriptors: the pid in
 * /proc/locks is only the one that took the lock. Processes of other users stay unseen
 * unless guard runs as root.
 */
function holdersByKey(keys: ReadonlySet<string>): Map<string, LockHolder[]> {
  const found = new Map<string, LockHolder[]>();
  for (const pid of readDir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const held = new Set<string>();
    for (const fd of readDir(`/proc/${pid}/fd`)) {
      const key = statKey(`/proc/${pid}/fd/${fd}`, true);
      if (key && keys.has(key) && !held.has(key) && holdsFlock(pid, fd)) held.add(key);
    }

    const proc = held.size > 0 ? holder(Number(pid)) : undefined;
    if (!proc) continue;
    for (const key of held) found.set(key, [...(found.get(key) ?? []), proc]);
  }

  return found;
}

/** The lock files (`NAME.lock`) of the folder that some process holds, each with its holders, by name. */
export function heldLockFiles(dir: string): HeldLockFile[] {
  const taken = takenFlocks();
  const files = new Map<string, string>();
  for (const entry of readDir(dir)) {
    if (!entry.endsWith('.lock') || entry === '.lock') continue;
    const key = statKey(join(dir, entry), false);
    if (key && taken.has(key)) files.set(key, entry.slice(0, -'.lock'.length));
  }

  if (files.size === 0) return [];
  const holders = holdersByKey(new Set(files.keys()));
  return [...files]
    .map(([key, name]) => ({holders: holders.get(key) ?? [], name, takenBy: taken.get(key)!}))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The process to name for a held lock: the one that took it while it still holds it, else the oldest holder. */
export function mainHolder(file: HeldLockFile): LockHolder | undefined {
  return file.holders.find((holder) => holder.pid === file.takenBy) ?? [...file.holders].sort((a, b) => a.startTime - b.startTime || a.pid - b.pid)[0];
}
