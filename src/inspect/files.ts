// What the shell layer may ask of the file system while it analyses a command: the text of a
// shell script a command runs or sources, what program a path really is (a symlink to
// /bin/rm, a copy of bash under another name), and what a glob in a program path matches.
// Nothing is read unless a command names a file; each answer is kept for the decision.
import {closeSync, openSync, readSync, readdirSync, readlinkSync, realpathSync, statSync} from 'node:fs';
import {basename, delimiter, join, posix} from 'node:path';
import {sha256} from '../digest.js';
import type {UnreadScript} from '../policy/types.js';
import type {FileAccess, ScriptText} from '../shell/types.js';
import {isExecutable, isPlainText, readText} from './script-file.js';

/**
 * Programs guard knows by name, beside those the policy judges: a copy is compared with both
 * (deleters, writers, disk tools, shells, and the harmless ones a dangerous name may really
 * be: a file named `rm` that is /bin/echo only prints).
 */
const knownPrograms = [
  'rm', 'rmdir', 'unlink', 'shred', 'dd', 'mv', 'cp', 'install', 'ln', 'tee', 'truncate', 'chmod', 'chown', 'chgrp', 'find', 'rsync',
  'mkfs', 'wipefs', 'blkdiscard', 'fdisk', 'sfdisk', 'parted', 'kill', 'pkill', 'killall', 'reboot', 'shutdown', 'halt', 'poweroff',
  'sh', 'bash', 'dash', 'zsh', 'ksh', 'env', 'sudo', 'xargs', 'perl', 'python3', 'python', 'ruby', 'node',
  'echo', 'printf', 'true', 'false', 'cat', 'ls',
];

/**
 * Programs that act as the name they are run by (argv[0]): a link to one is what it is called
 * when that is a name guard knows (reboot, lvremove, rm), else the program itself (`./sc
 * poweroff`, sc → systemctl, is systemctl).
 * busybox and toybox carry most of a system's tools; systemctl is reboot, halt, poweroff and
 * shutdown; lvm every LVM command; kmod modprobe and rmmod; coreutils is a build of its tools in one file.
 */
const multiCall = new Set(['busybox', 'toybox', 'coreutils', 'systemctl', 'lvm', 'kmod']);

/** Names a symlink may lead to that guard takes as the program they are (others keep the name written). */
const identities = new Set(knownPrograms);

const scriptShells = new Set(['sh', 'bash', 'dash']);
const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/;
const globChars = /[*?[]/;

interface Binary {
  name: string;
  size: number;
  path: string;
  hash?: string;
}

function hashOf(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const hash = sha256();
    const buffer = Buffer.alloc(1 << 16);
    for (let count = readSync(fd, buffer); count > 0; count = readSync(fd, buffer)) hash.update(buffer.subarray(0, count));
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether the shell would run this file when it finds it on PATH: a regular file with an execute bit. */
function isProgram(path: string): boolean {
  try {
    const stat = statSync(path, {throwIfNoEntry: false});
    return stat !== undefined && stat.isFile() && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** The names a symlink leads through, link by link (at most 16, as the kernel follows 40). */
function linkNames(path: string): string[] {
  const names: string[] = [];
  let at = path;
  for (let hop = 0; hop < 16; hop++) {
    let link: string;
    try {
      link = readlinkSync(at);
    } catch {
      break;
    }
    at = posix.resolve(posix.dirname(at), link);
    names.push(basename(at));
  }

  return names;
}

/** The regular expression of one glob segment (`r?`, `*.sh`, `[a-z]m`). */
function segmentPattern(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '\\' && i + 1 < segment.length) source += segment[++i]!.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        const body = segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }

  return new RegExp(`^${source}$`);
}

export interface FileReader extends FileAccess {
  /** Script files a command runs that could not be read, for the policy (script.unreadable). */
  unread: UnreadScript[];
}

// Where the system keeps its programs, searched for copies whatever PATH holds.
const systemFolders = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * File access for one decision, with the PATH the command will search for copies of known
 * programs. `judged`: whether the policy judges a program of that name, so a symlink to it
 * (or through a chain of them) is taken for it; other links keep the name they are called by.
 */
/** A root-owned program that neither group nor others may write, in a root-owned folder of guard's PATH. */
function machineProgram(path: string, inPath: (dir: string) => boolean): boolean {
  try {
    const real = realpathSync.native(path);
    const folder = posix.dirname(real);
    if (!inPath(folder)) return false;
    const file = statSync(real);
    const dir = statSync(folder);
    return file.uid === 0 && dir.uid === 0 && (file.mode & 0o022) === 0 && (dir.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

export function fileAccess(env: NodeJS.ProcessEnv, judged: (name: string) => boolean = () => false): FileReader {
  let binaries: Binary[] | undefined;
  const identity = new Map<string, string | undefined>();
  // The folders of a PATH value as searched from a folder; null when guard's own PATH holds them all.
  const searchDirs = new Map<string, string[] | null>();
  // What a name comes to along such a PATH: the file, or null for none to take.
  const found = new Map<string, string | null>();
  const unread: UnreadScript[] = [];
  let pathDirs: Set<string> | undefined;
  const inPath = (dir: string): boolean => {
    if (!pathDirs) {
      pathDirs = new Set();
      for (const entry of (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter)) {
        if (!entry.startsWith('/')) continue;
        pathDirs.add(posix.normalize(entry));
        try {
          pathDirs.add(realpathSync.native(entry));
        } catch {}
      }
    }

    return pathDirs.has(dir);
  };

  const knownBinaries = (): Binary[] => {
    if (binaries) return binaries;
    binaries = [];
    const seen = new Set<string>();
    // The system's own folders too: a copy of /usr/sbin/tc is tc where PATH lacks /usr/sbin.
    const dirs = new Set([...(env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter), ...systemFolders]);
    for (const dir of dirs) {
      if (!dir.startsWith('/')) continue;
      // Every program of the folder guard knows or the policy judges (passwd, userdel,
      // iptables…), read once: a listing costs less than asking for each name in turn.
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }

      for (const name of names) {
        if (seen.has(name) || !(identities.has(name) || judged(name))) continue;
        try {
          const stat = statSync(join(dir, name), {throwIfNoEntry: false});
          if (!stat?.isFile()) continue;
          seen.add(name);
          binaries.push({name, size: stat.size, path: join(dir, name)});
        } catch {}
      }
    }

    return binaries;
  };

  const copyOf = (path: string, size: number): string | undefined => {
    const same = knownBinaries().filter((binary) => binary.size === size);
    if (same.length === 0) return undefined;
    const hash = hashOf(path);
    if (hash === undefined) return undefined;
    for (const binary of same) {
      binary.hash ??= hashOf(binary.path);
      if (binary.hash === hash) return binary.name;
    }

    return undefined;
  };

  return {
    unread,
    script(path: string): ScriptText | undefined {
      let stat;
      try {
        stat = statSync(path);
      } catch {
        return undefined;
      }

      if (stat.isDirectory()) return undefined;
      const text = readText(path);
      if (typeof text !== 'string') {
        unread.push({file: path, problem: text.problem});
        return {problem: text.problem};
      }

      return {text};
    },
    isShellScript(path: string): boolean {
      // The machine's own programs (`/usr/bin/lesspipe`, `/usr/sbin/update-grub`), named by their
      // path, are what they are named, as when a PATH lookup finds them: root's, in a folder of
      // guard's PATH, and no one else's to change.
      if (machineProgram(path, inPath)) return false;
      const head = readText(path, 256);
      if (typeof head !== 'string') return false;
      const match = shebang.exec(head);
      // A text file with no `#!` line is run by the shell that starts it (ENOEXEC): a shell script.
      if (!match) return isPlainText(head) && isExecutable(path);
      const program = basename(match[1]!);
      return scriptShells.has(program === 'env' ? (match[2] ?? '') : program);
    },
    identify(path: string): string | undefined {
      if (identity.has(path)) return identity.get(path);
      let name: string | undefined;
      try {
        const real = realpathSync.native(path);
        const stat = statSync(real);
        if (stat.isFile()) {
          // What runs is the real file: its own name when guard knows it or the policy judges
          // it, else what it is a copy of (found by size and then content; a program in a
          // folder of PATH is what it is called there, so only others are compared), else the
          // name nearest it along a chain of links that guard knows (./py → python3 →
          // python3.11 is python3). A program that acts as the name it is called by
          // (/sbin/reboot → systemctl, lvremove → lvm, rm → busybox) is that name.
          const knows = (program: string) => identities.has(program) || judged(program);
          const target = basename(real);
          const trusted = inPath(posix.dirname(real));
          const called = basename(path);
          if (multiCall.has(target)) name = knows(called) ? undefined : target;
          else if (knows(target) && (real !== path || trusted)) name = target;
          else {
            // A shell script is not compared: guard reads its code, as the shell would run it.
            // Sparing the comparison spares listing every folder of PATH for a long script.
            if (stat.size > 4096 && !trusted && !this.isShellScript(real)) name = copyOf(real, stat.size);
            if (name === undefined && real !== path) name = linkNames(path).reverse().find(knows);
          }
        }
      } catch {}

      identity.set(path, name);
      return name;
    },
    addedToPath(name: string, searchPath: string, cwd: string, milder = false): string | undefined {
      // Asked of every command a script runs: the PATH is read once per value and folder.
      const key = `${cwd}\0${searchPath}`;
      let dirs = searchDirs.get(key);
      if (dirs === undefined) {
        // An empty entry is the current folder, as `.` is.
        dirs = searchPath.split(delimiter).map((entry) => posix.resolve(cwd, entry || '.'));
        if (dirs.every(inPath)) dirs = null;
        searchDirs.set(key, dirs);
      }

      if (dirs === null) return undefined;
      const asked = `${key}\0${name}\0${milder}`;
      if (found.has(asked)) return found.get(asked) ?? undefined;
      let file: string | null = null;
      for (const dir of dirs) {
        const candidate = join(dir, name);
        if (!isProgram(candidate)) continue;
        // A shell script is read whatever its name. Any other file makes a name guard judges
        // (rm, ls) into what it is (a link to echo only prints) only where this PATH is the one
        // searched: a program run through sudo, doas or `bash -l` searches another, and would
        // find the real one.
        if (!inPath(dir) && (milder || this.isShellScript(candidate) || !(identities.has(name) || judged(name)))) file = candidate;
        break;
      }

      found.set(asked, file);
      return file ?? undefined;
    },
    glob(pattern: string, cwd: string): string[] {
      const absolute = pattern.startsWith('/') ? pattern : `${cwd}/${pattern}`;
      let paths = ['/'];
      for (const segment of absolute.split('/').filter((part) => part !== '')) {
        const next: string[] = [];
        for (const dir of paths) {
          if (!globChars.test(segment)) {
            next.push(posix.join(dir, segment.replace(/\\(.)/g, '$1')));
            continue;
          }

          const match = segmentPattern(segment);
          let names: string[] = [];
          try {
            names = readdirSync(dir);
          } catch {}
          for (const name of names.sort()) if ((!name.startsWith('.') || segment.startsWith('.')) && match.test(name)) next.push(posix.join(dir, name));
        }

        paths = next.slice(0, 64);
      }

      return paths.filter((path) => {
        try {
          statSync(path);
          return true;
        } catch {
          return false;
        }
      });
    },
  };
}
