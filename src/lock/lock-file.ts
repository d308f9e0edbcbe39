import {closeSync, constants, fstatSync, mkdirSync, openSync} from 'node:fs';
import {join} from 'node:path';
import {GuardError} from '../errors.js';

/**
 * Opens (creating) `<dir>/<name>.lock`, 0600 in a 0700 folder. Never follows a symlink and
 * never unlinks: a second process must always lock the same inode.
 */
export function openLockFile(dir: string, name: string): number {
  const path = join(dir, `${name}.lock`);
  let fd: number;
  try {
    mkdirSync(dir, {mode: 0o700, recursive: true});
    fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
  } catch (error) {
    throw new GuardError(`lock ${path}: ${(error as NodeJS.ErrnoException).code === 'ELOOP' ? 'is a symlink' : (error as Error).message}`, 70);
  }

  const stat = fstatSync(fd);
  const uid = process.geteuid?.() ?? stat.uid;
  if (!stat.isFile() || (stat.uid !== uid && stat.uid !== 0) || (stat.mode & 0o022) !== 0) {
    closeSync(fd);
    throw new GuardError(`lock ${path}: not a private regular file of this user; refusing to use it`, 70);
  }

  return fd;
}
