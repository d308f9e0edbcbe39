import {closeSync, constants, existsSync, fstatSync, openSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {makeFolders} from '../paths.js';
import {GuardError} from '../errors.js';
import {exitStatus} from '../exit-status.js';

/**
 * Opens (creating) `<dir>/<name>.lock`, 0600 in a 0700 folder. Never follows a symlink and
 * never unlinks: a second process must always lock the same inode.
 *
 * A `shared` folder (the policy's `locks.dir`, for jobs of several users) is made 1777 like
 * /run/lock when missing, and its lock files 0644: flock(2) needs only a descriptor open for
 * reading, so a user who cannot write another's lock file still locks it read-only. Such a
 * file may belong to any user; the sticky bit keeps others from unlinking it.
 */
export function openLockFile(dir: string, name: string, shared = false): number {
  const path = join(dir, `${name}.lock`);
  // A symlink in the lock's place is unsafe (configuration, 78); any other failure is I/O (74).
  const failed = (error: unknown) =>
    (error as NodeJS.ErrnoException).code === 'ELOOP'
      ? new GuardError(`lock ${path}: is a symlink`, exitStatus.policyInvalid)
      : new GuardError(`lock ${path}: ${(error as Error).message}`, exitStatus.auditUnavailable);
  let folderMode: number;
  try {
    // Missing parents are made as plain folders; the lock folder itself private, or 1777
    // like /run/lock when shared (exactly: the umask never reaches it, nor is an existing
    // folder changed). One level at a time: a recursive mkdir spins for ever under /proc.
    if (!existsSync(dir)) {
      makeFolders(dirname(dir), shared ? 0o755 : 0o700);
      makeFolders(dir, shared ? 0o1777 : 0o700);
    }

    folderMode = statSync(dir).mode;
  } catch (error) {
    throw failed(error);
  }

  // Anyone who may write to the folder may unlink a held lock file and lock a new one in its
  // place: two holders at once. A folder shared that way needs the sticky bit, as /tmp has.
  if ((folderMode & 0o002) !== 0 && (folderMode & 0o1000) === 0) {
    throw new GuardError(`lock folder ${dir}: writable by others; refusing to use it`, exitStatus.policyInvalid);
  }

  let fd: number;
  const flags = constants.O_NOFOLLOW | constants.O_NONBLOCK;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_CREAT | flags, shared ? 0o644 : 0o600);
  } catch (error) {
    if (!(shared && (error as NodeJS.ErrnoException).code === 'EACCES')) throw failed(error);
    try {
      fd = openSync(path, constants.O_RDONLY | flags);
    } catch (readError) {
      throw failed(readError);
    }
  }

  const stat = fstatSync(fd);
  const uid = process.geteuid?.() ?? stat.uid;
  const owner = shared || stat.uid === uid || stat.uid === 0;
  if (!stat.isFile() || !owner || (stat.mode & 0o022) !== 0) {
    closeSync(fd);
    throw new GuardError(`lock ${path}: not a private regular file of this user; refusing to use it`, exitStatus.policyInvalid);
  }

  return fd;
}
