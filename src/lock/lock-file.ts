import {closeSync, constants, fstatSync, mkdirSync, openSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {GuardError} from '../errors.js';

/**
 * Opens (creating) `<dir>/<name>.lock`, 0600 in a 0700 folder. Never follows a symlink and
 * never unlinks: a second process must always lock the same inode.
 */
export function openLockFile(dir: string, name: string): number {
  const path = join(dir, `${name}.lock`);
  const failed = (error: unknown) =>
    new GuardError(`lock ${path}: ${(error as NodeJS.ErrnoException).code === 'ELOOP' ? 'is a symlink' : (error as Error).message}`, 70);
  let folderMode: number;
  try {
    mkdirSync(dir, {mode: 0o700, recursive: true});
    folderMode = statSync(dir).mode;
  } catch (error) {
    throw failed(error);
  }

  // Anyone who may write to the folder may unlink a held lock file and lock a new one in its
  // place: two holders at once. A folder shared that way needs the sticky bit, as /tmp has.
  if ((folderMode & 0o002) !== 0 && (folderMode & 0o1000) === 0) {
    throw new GuardError(`lock folder ${dir}: writable by others; refusing to use it`, 70);
  }

  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
  } catch (error) {
    throw failed(error);
  }

  const stat = fstatSync(fd);
  const uid = process.geteuid?.() ?? stat.uid;
  if (!stat.isFile() || (stat.uid !== uid && stat.uid !== 0) || (stat.mode & 0o022) !== 0) {
    closeSync(fd);
    throw new GuardError(`lock ${path}: not a private regular file of this user; refusing to use it`, 70);
  }

  return fd;
}
