import {lstatSync, realpathSync} from 'node:fs';
import {isAbsolute, posix} from 'node:path';
import type {ResolvedPath} from '../policy/types.js';

// One decision looks at the same folders again and again ($BACKUP_DIR/…); within it, the
// file system is taken as it is at that moment, so each component is looked up once.
const links = new Map<string, string | null>();

/** Where a symlink leads, or null when the path is not one (or does not exist). */
function linkTarget(path: string): string | null {
  let target = links.get(path);
  if (target === undefined) {
    // Below a folder that does not exist nothing exists either: no need to ask.
    const parent = posix.dirname(path);
    const missing = parent !== path && absent.has(parent);
    let stat;
    try {
      stat = missing ? undefined : lstatSync(path, {throwIfNoEntry: false});
      target = stat?.isSymbolicLink() ? realpathSync.native(path) : null;
    } catch {
      // ENOTDIR (a path through a file), ELOOP, EACCES: nothing guard can follow.
      target = null;
    }

    if (!stat) absent.add(path);

    links.set(path, target);
  }

  return target;
}

const absent = new Set<string>();

// Walks the path one component at a time as the kernel does: a symlink is replaced by what it
// points to before `..` is applied, so `link/..` is the parent of the link's target, not of
// the link. Components that do not exist are kept as written. `followLast` decides whether a
// final symlink is followed (rm, unlink and mv act on the link itself unless a `/` follows it).
function walk(path: string, followLast: boolean): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  let current = '/';
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    if (part === '..') {
      current = posix.dirname(current);
      continue;
    }

    // `current` is absolute and normal, `part` one plain name: what join would give, without normalizing again.
    const next = current === '/' ? `/${part}` : `${current}/${part}`;
    const last = index === parts.length - 1;
    current = (!last || followLast ? linkTarget(next) : null) ?? next;
  }

  return current;
}

/**
 * A path as the kernel will see it, relative paths taken from `cwd`: `lexical` is what an
 * operation on the path itself touches (a symlink, not its target), `resolved` where it leads.
 * A trailing `/` or `/.` makes both follow the link, as `rm -rf link/` empties the target.
 */
export function resolvePath(path: string, cwd: string): ResolvedPath {
  const absolute = isAbsolute(path) ? path : `${cwd}/${path}`;
  let found = resolved.get(absolute);
  if (!found) {
    const followsLink = /\/\.?$/.test(path) && absolute !== '/';
    found = {lexical: walk(absolute, followsLink), resolved: walk(absolute, true)};
    resolved.set(absolute, found);
  }

  return found;
}

// A long script names the same paths hundreds of times (`>> "$LOG"`): each is walked once,
// as each component is looked up once (links).
const resolved = new Map<string, ResolvedPath>();
