// Files a run keeps in guard's state folder for later runs to trust (parsed trees, decisions):
// each is read only when it is a regular file of this user's with no other name (one hard
// link), private (0600), in a folder no one else may write, opened without following a symlink; written atomically (a private
// temporary file renamed into place); and a folder of them keeps about the newest `kept`.
// Anything odd is a miss, never an error.
import {closeSync, constants, fstatSync, futimesSync, lstatSync, openSync, readdirSync, readSync, renameSync, unlinkSync, writeSync, type Stats} from 'node:fs';
import {join} from 'node:path';
import {randomHex} from './digest.js';
import {makeFolders} from './paths.js';

const mine = (stat: Stats) => stat.uid === process.geteuid!();
const privateFolder = (stat: Stats) => stat.isDirectory() && mine(stat) && (stat.mode & 0o022) === 0;

/** Whether this platform can tell a file's owner: without it nothing is kept or trusted. */
export const canKeepFiles = (): boolean => typeof process.geteuid === 'function';

/** The bytes of `dir/name` when it is sound to trust them (and at most `largest`), marked as used unless `touch` is false; else undefined. */
export function readPrivate(dir: string, name: string, largest: number, touch = true): Buffer | undefined {
  return readStamped(dir, name, largest, touch)?.bytes;
}

/**
 * As readPrivate, with the file's own stamp: its device, inode and change time, in
 * nanoseconds. A copy, an unpacked archive's file or a hard link made later has another.
 */
export function readStamped(dir: string, name: string, largest: number, touch = true): {bytes: Buffer; stamp: string} | undefined {
  if (!canKeepFiles()) return undefined;
  try {
    if (!privateFolder(lstatSync(dir))) return undefined;
    const fd = openSync(join(dir, name), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(fd, {bigint: true});
      // A second name for it (a hard link made elsewhere) is a way to write it that guard cannot see.
      if (!stat.isFile() || stat.nlink !== 1n || stat.uid !== BigInt(process.geteuid!()) || (stat.mode & 0o077n) !== 0n || stat.size > BigInt(largest)) return undefined;
      const size = Number(stat.size);
      const bytes = Buffer.allocUnsafe(size);
      if (readSync(fd, bytes, 0, size, 0) !== size) return undefined;
      // Used: the newest are kept. A folder guard may read but not write keeps them all the same.
      if (touch) {
        try {
          futimesSync(fd, new Date(), new Date());
        } catch {}
      }

      return {bytes, stamp: `${stat.dev}:${stat.ino}:${stat.ctimeNs}`};
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Writes `dir/name` (0600) from its parts, atomically; the file's path, or undefined when it could not be written. */
export function writePrivate(dir: string, name: string, parts: readonly Uint8Array[]): string | undefined {
  if (!canKeepFiles()) return undefined;
  const file = join(dir, name);
  const temporary = join(dir, `.${name.slice(0, 16)}.${process.pid}.${randomHex(4)}`);
  try {
    makeFolders(dir, 0o700);
    if (!privateFolder(lstatSync(dir))) return undefined;
    const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      for (const part of parts) writeSync(fd, part);
    } finally {
      closeSync(fd);
    }

    renameSync(temporary, file);
    return file;
  } catch {
    try {
      unlinkSync(temporary);
    } catch {}
    return undefined;
  }
}

// A temporary file of writePrivate's: `.NAME.PID.HEX`.
const temporaryName = /^\.[^./]+\.\d+\.[0-9a-f]+$/;
// A write takes milliseconds: a temporary file this old was left by a process killed mid-write.
const orphanedAfterMs = 60 * 60 * 1000;

/**
 * Removes the oldest files named `*suffix` beyond `kept` (never `written`), and temporary files
 * left by a process killed between writing and renaming one: only this user's regular files.
 */
export function trimFolder(dir: string, suffix: string, kept: number, written: string): void {
  try {
    const all = readdirSync(dir);
    removeOrphans(dir, all);
    const names = all.filter((name) => name.endsWith(suffix));
    if (names.length <= kept) return;
    const files: {file: string; mtime: number}[] = [];
    for (const name of names) {
      const file = join(dir, name);
      const stat = lstatSync(file, {throwIfNoEntry: false});
      if (file !== written && stat?.isFile() && mine(stat)) files.push({file, mtime: stat.mtimeMs});
    }

    files.sort((a, b) => b.mtime - a.mtime);
    for (const {file} of files.slice(kept - 1)) {
      try {
        unlinkSync(file);
      } catch {}
    }
  } catch {}
}

function removeOrphans(dir: string, names: readonly string[]): void {
  const before = Date.now() - orphanedAfterMs;
  for (const name of names) {
    if (!temporaryName.test(name)) continue;
    const file = join(dir, name);
    const stat = lstatSync(file, {throwIfNoEntry: false});
    if (!stat?.isFile() || !mine(stat) || stat.mtimeMs > before) continue;
    try {
      unlinkSync(file);
    } catch {}
  }
}
