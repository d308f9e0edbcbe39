// Opening a policy file as sudo and OpenSSH do, before a byte of it is read or run: every
// folder on the way (and every folder a symbolic link leads through) must be owned by root
// or the running user and not writable by others, then the file is opened without
// following a final link and without blocking (a FIFO must never hang guard), and the open
// descriptor is checked: a regular file, owned by root or the running user, not writable by
// others or by a group other than its owner's private group, at most 1 MiB. The content is
// then read from that descriptor only.
import {closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, type Stats} from 'node:fs';
import {dirname, join} from 'node:path';
import {PolicyError} from '../policy/schema-errors.js';
import {groupLabel, isPrivateGroup, userLabel} from './owners.js';

export const largestPolicy = 1024 * 1024;
const maxLinks = 40;

/** A policy file that passed every check, open for reading. */
export interface OpenedPolicy {
  fd: number;
  /** The file as found (may go through symbolic links). */
  path: string;
  /** The same file with every link resolved: what was checked and opened. */
  realPath: string;
  stat: Stats;
}

export class UnsafePolicy extends PolicyError {
  constructor(path: string, reason: string) {
    super(`policy ${path} is unsafe to load: ${reason}`);
  }
}

const mode = (stat: Stats) => (stat.mode & 0o7777).toString(8).padStart(4, '0');
const trusted = (uid: number) => uid === 0 || uid === process.geteuid!();

// Writable by others or by a group other than the owner's private group: someone else can change it.
function writer(stat: Stats): string | null {
  if (stat.mode & 0o002) return 'others';
  if (stat.mode & 0o020 && !isPrivateGroup(stat.uid, stat.gid)) return `group ${groupLabel(stat.gid)}`;
  return null;
}

function checkFolder(path: string, stat: Stats, file: string): void {
  if (!stat.isDirectory()) throw new UnsafePolicy(file, `${path} is not a folder`);
  if (!trusted(stat.uid)) throw new UnsafePolicy(file, `its folder ${path} is owned by ${userLabel(stat.uid)}, neither root nor you`);
  const by = writer(stat);
  // The sticky bit (/tmp) stops others from replacing entries they do not own.
  if (by && !(stat.mode & 0o1000)) throw new UnsafePolicy(file, `its folder ${path} is writable by ${by} without the sticky bit (mode ${mode(stat)})`);
}

function lstatOrFail(path: string, file: string): Stats {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new PolicyError(`policy ${file}: cannot look at ${path} (${code})`);
    throw new PolicyError(path === file ? `policy ${file}: no such file` : `policy ${file}: ${path} does not exist`);
  }
}

/**
 * The path with every symbolic link resolved, checking each folder walked through on the
 * way, including folders a link leads to, and the owner of every link (in a sticky folder a
 * link's owner can replace it). `path` must be absolute.
 */
export function resolveSafely(path: string): string {
  checkFolder('/', lstatOrFail('/', path), path);
  const pending = path.split('/').filter(Boolean);
  let resolved = '/';
  let links = 0;
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (name === '.') continue;
    if (name === '..') {
      resolved = dirname(resolved);
      continue;
    }

    const next = join(resolved, name);
    const stat = lstatOrFail(next, path);
    if (stat.isSymbolicLink()) {
      if (++links > maxLinks) throw new PolicyError(`policy ${path}: too many symbolic links`);
      if (!trusted(stat.uid)) throw new UnsafePolicy(path, `the symbolic link ${next} is owned by ${userLabel(stat.uid)}, neither root nor you`);
      const target = readlinkSync(next);
      if (target.startsWith('/')) resolved = '/';
      pending.unshift(...target.split('/').filter(Boolean));
      continue;
    }

    if (pending.length > 0) checkFolder(next, stat, path);
    resolved = next;
  }

  return resolved;
}

/** Checks the file behind an open descriptor; throws UnsafePolicy naming the reason. */
export function checkOpenFile(path: string, stat: Stats): void {
  if (!stat.isFile()) throw new UnsafePolicy(path, 'not a regular file');
  if (!trusted(stat.uid)) throw new UnsafePolicy(path, `owned by ${userLabel(stat.uid)}, neither root nor you (chown it)`);
  const by = writer(stat);
  if (by) throw new UnsafePolicy(path, `writable by ${by} (mode ${mode(stat)}; chmod go-w ${path})`);
  if (stat.size > largestPolicy) throw new UnsafePolicy(path, `larger than 1 MiB (${stat.size} bytes)`);
}

/** Opens a policy file after every check; throws PolicyError (78) when it is missing or unsafe. */
export function openPolicy(path: string): OpenedPolicy {
  const realPath = resolveSafely(path);
  let fd: number;
  try {
    fd = openSync(realPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: the file became a symbolic link after it was resolved.
    throw code === 'ELOOP' ? new UnsafePolicy(path, `${realPath} changed into a symbolic link while it was checked`) : new PolicyError(`policy ${path}: cannot open (${code})`);
  }

  try {
    const stat = fstatSync(fd);
    checkOpenFile(path, stat);
    return {fd, path, realPath, stat};
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The whole file, from the checked descriptor only; closes it. */
export function readOpened(opened: OpenedPolicy): Buffer {
  try {
    const buffer = Buffer.allocUnsafe(largestPolicy + 1);
    let length = 0;
    for (;;) {
      const read = readSync(opened.fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > largestPolicy) throw new UnsafePolicy(opened.path, 'grew past 1 MiB while it was read');
    }

    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    throw new PolicyError(`policy ${opened.path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  } finally {
    closeSync(opened.fd);
  }
}
