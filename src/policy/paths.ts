// The contract's default protected paths, as classes of canonical paths rather than a list of
// globs: "delete /var/log" is refused but "delete /var/log/old.gz" is the operator's business.
// Everything here works on normalized absolute paths; resolving them is the caller's I/O.

/** What a destructive command does to a path. */
export type Operation =
  | 'delete' // rm, unlink, rmdir, find -delete, rsync --delete, shred -u
  | 'move' // mv's sources: moved away from where they were
  | 'write' // > and >|, tee, dd of=, cp onto, shred: the contents are overwritten
  | 'truncate'
  | 'replace' // mv and install onto a path: the entry itself is replaced
  | 'append' // >>, tee -a: nothing is lost, so only devices and the policy's own globs count
  | 'chmod'
  | 'chown'
  | 'format'; // mkfs, mkswap, wipefs -a, blkdiscard

export interface Touch {
  op: Operation;
  recursive: boolean;
  /** The command reaches what is in the folder (a glob, find's start folder, rsync --delete's destination). */
  contents: boolean;
  /** A glob names it: `rm ~/*.txt` deletes what is directly in the home folder. */
  globbed?: boolean;
  /** chmod that only takes access away from group and others (`chmod 600 ~/.ssh/id_ed25519`). */
  narrows?: boolean;
}

export interface PathHit {
  rule: string;
  /** The path as the reason names it: `/etc, a top-level system folder`. */
  what: string;
  /** Not even the policy's `paths.allow` lets a command touch it: `/`, `/etc`, `/home`, disks, `$HOME`. */
  hard: boolean;
}

const topLevel = new Set(['bin', 'boot', 'dev', 'etc', 'home', 'opt', 'root', 'sbin', 'srv', 'usr', 'var', 'proc', 'sys', 'run', 'mnt', 'media']);
const systemTrees = new Set(['etc', 'usr', 'boot', 'bin', 'sbin']);
const credentialFolders = new Set(['.ssh', '.gnupg', '.aws', '.kube']);
const harmlessDevices = new Set(['null', 'zero', 'full', 'random', 'urandom', 'stdout', 'stderr', 'stdin', 'tty', 'fd', 'shm', 'console', 'ptmx', 'pts', 'kmsg', 'log']);

export const isTopLevel = (name: string | undefined): boolean => name !== undefined && (topLevel.has(name) || name.startsWith('lib'));
const isSystemTree = (name: string | undefined): boolean => name !== undefined && (systemTrees.has(name) || name.startsWith('lib'));

/** The contract's block devices: `/dev/sd*`, `/dev/nvme*`, …, `/dev/mapper/*`, `/dev/disk/**`. */
export function isBlockDevice(segments: string[]): boolean {
  if (segments[0] !== 'dev' || segments.length < 2) return false;
  const name = segments[1]!;
  if (name === 'disk') return true;
  if (name === 'mapper') return segments.length >= 3 && segments[2] !== 'control';
  return segments.length === 2 && /^(sd|nvme|vd|xvd|mmcblk|md|dm-|hd)/.test(name);
}

export const segmentsOf = (path: string): string[] => path.split('/').filter((segment) => segment !== '' && segment !== '.');

/** /dev/null, /dev/stdout, /dev/fd/3…: writing into them destroys nothing. */
export const isHarmlessDevice = (path: string): boolean => {
  const segments = segmentsOf(path);
  return segments[0] === 'dev' && harmlessDevices.has(segments[1] ?? '') && (segments.length === 2 || segments[1] === 'fd' || segments[1] === 'pts');
};

const removes = (op: Operation) => op === 'delete' || op === 'move';
const writes = (op: Operation) => op === 'write' || op === 'truncate' || op === 'replace' || op === 'append';

/** The default protected class a path falls in for this operation, or null when it is the operator's business. */
export function protectedClass(path: string, touch: Touch, home: string): PathHit | null {
  const segments = segmentsOf(path);
  const {op, contents} = touch;
  const top = segments[0];
  if (top === 'dev') return deviceClass(path, segments, touch);
  if (op === 'append') return null;
  if (segments.length === 0) {
    if (writes(op)) return null;
    return {rule: removes(op) ? 'fs.rm-root' : 'fs.protected-path', what: contents ? 'everything in the root filesystem' : 'the root filesystem', hard: true};
  }

  const inHome = homeClass(path, segments, touch, home);
  if (inHome !== undefined) return inHome;
  const tmp = path === '/tmp' || path === '/var/tmp';
  if ((segments.length === 1 && (isTopLevel(top) || top === 'tmp')) || tmp) {
    if (writes(op)) return null;
    if (contents) return tmp ? null : {rule: 'fs.protected-path', what: `everything in ${path}`, hard: true};
    return {rule: 'fs.protected-path', what: `${path}, a top-level ${tmp ? 'temporary' : 'system'} folder`, hard: true};
  }

  if (segments.length === 2 && isTopLevel(top) && !contents && (!writes(op) || top === 'proc' || top === 'sys')) {
    return {rule: 'fs.protected-path', what: `${path}, directly in /${top}`, hard: false};
  }

  if (isSystemTree(top)) return {rule: 'fs.system-path', what: `${path}, in the system folder /${top}`, hard: false};
  if (segments.includes('.git')) return {rule: 'fs.git-dir', what: `${path}, a git repository's own folder`, hard: false};
  return null;
}

function deviceClass(path: string, segments: string[], touch: Touch): PathHit | null {
  const rule = touch.op === 'format' ? 'devices.format' : 'devices.write';
  if (isBlockDevice(segments)) return {rule, what: `${path}, a block device`, hard: true};
  if (touch.op === 'format' && !harmlessDevices.has(segments[1] ?? '')) return {rule, what: `${path}, a device`, hard: true};
  if (touch.op === 'append' || (writes(touch.op) && touch.op !== 'replace')) return null;
  if (segments.length === 1) return {rule: 'fs.protected-path', what: touch.contents ? 'everything in /dev' : '/dev, the folder of device nodes', hard: true};
  if (segments.length === 2) return {rule: 'fs.protected-path', what: touch.contents ? `everything in ${path}` : `${path}, a device node`, hard: true};
  return null;
}

/** `$HOME` and everything directly in it, and the credentials below it; undefined outside home. */
function homeClass(path: string, segments: string[], touch: Touch, home: string): PathHit | null | undefined {
  const homeSegments = segmentsOf(home);
  if (homeSegments.length === 0 || segments.length < homeSegments.length) return undefined;
  if (homeSegments.some((segment, i) => segments[i] !== segment)) return undefined;
  const below = segments.slice(homeSegments.length);
  const {op, recursive, contents} = touch;
  if (below.length === 0) {
    if (op === 'chmod' && touch.narrows && !recursive) return null;
    if (removes(op) || ((op === 'chmod' || op === 'chown') && (recursive || contents))) {
      return {rule: 'fs.rm-home', what: contents ? `everything in your home folder ${path}` : `your home folder ${path}`, hard: true};
    }

    return writes(op) ? null : undefined;
  }

  if (credentialFolders.has(below[0]!)) {
    if (op === 'chmod' && touch.narrows && !recursive) return null;
    return {rule: 'fs.credentials', what: `${path}, where your ${below[0]} credentials are kept`, hard: false};
  }

  if (below.length === 1 && removes(op) && !contents && (recursive || touch.globbed)) {
    return {rule: 'fs.rm-home-child', what: `${path}, directly in your home folder`, hard: false};
  }

  return segments.includes('.git') ? {rule: 'fs.git-dir', what: `${path}, a git repository's own folder`, hard: false} : null;
}

/** Paths a glob could reach that some class protects: top-level folders, home and its credentials, `.git`. */
export function knownPlaces(home: string, folder: string): string[] {
  const places = ['/tmp', '/var/tmp', ...[...topLevel].map((name) => `/${name}`), '/lib', '/lib32', '/lib64', '/libx32', '/var/lib', '/var/log', '/usr/local', '/usr/bin', '/usr/lib', '/dev/sda', '/dev/nvme0n1', '/dev/vda', '/dev/xvda', '/dev/mmcblk0'];
  places.push(home, ...[...credentialFolders].map((name) => `${home}/${name}`), `${folder}/.git`);
  return places;
}
