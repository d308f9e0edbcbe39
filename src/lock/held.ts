import {readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';

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

function heldFiles(): Set<string> {
  const held = new Set<string>();
  for (const line of readFileSync('/proc/locks', 'latin1').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] !== 'FLOCK' || fields[0]?.endsWith('->')) continue;
    const [major, minor, inode] = (fields[5] ?? '').split(':');
    if (inode) held.add(`${Number.parseInt(major!, 16)}:${Number.parseInt(minor!, 16)}:${inode}`);
  }

  return held;
}

/** Which of these named locks some process holds right now, as the kernel says. */
export function heldLocks(dir: string, names: readonly string[]): Set<string> {
  const held = heldFiles();
  return new Set(names.filter((name) => held.has(fileKey(join(dir, `${name}.lock`)) ?? '')));
}
