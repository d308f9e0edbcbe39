// The contract's default protected paths, as classes of canonical paths rather than a list of
// globs: "delete /var/log" is refused but "delete /var/log/old.gz" is the operator's business.
// Everything here works on normalized absolute paths; resolving them is the caller's I/O.

import {findNameMatcher} from './globs.js';

/** What a destructive command does to a path. */
export type Operation =
  | 'delete' // rm, unlink, rmdir, find -delete, rsync --delete, shred -u
  | 'move' // mv's sources: moved away from where they were
  | 'write' // > and >|, tee, dd of=, cp onto, shred, sort -o, sed -i: the contents are overwritten
  | 'truncate'
  | 'replace' // mv, install and ln onto a path: the entry itself is replaced
  | 'append' // >>, tee -a: a write all the same (one line in sudoers or authorized_keys is enough)
  | 'unpack' // tar -x -C, unzip -d, cpio -i, rsync onto a folder: writes files anywhere below it
  | 'chmod' // chmod, setfacl, chattr, setcap, chcon
  | 'chown'
  | 'format' // mkfs, mkswap, pvcreate, zpool create: a new filesystem or label over what was there
  | 'partition' // fdisk, sfdisk, sgdisk, parted: a new partition table
  | 'erase'; // wipefs, blkdiscard, cryptsetup luksFormat/erase, hdparm and nvme erase, badblocks -w

export interface Touch {
  op: Operation;
  recursive: boolean;
  /** The command reaches what is in the folder (a glob, find's start folder, rsync --delete's destination). */
  contents: boolean;
  /** A glob names it: `rm ~/*.txt` deletes what is directly in the home folder. */
  globbed?: boolean;
  /** chmod that only takes access away from group and others (`chmod 600 ~/.ssh/id_ed25519`). */
  narrows?: boolean;
  /** Only some of what is in the folder (find's tests on names, ages, sizes). */
  filtered?: boolean;
  /** …and the names it picks, when known (Target's `names`). */
  names?: readonly string[];
  /** …by age too (Target's `aged`). */
  aged?: boolean;
  /** chmod that gives others no write (Target's `othersOut`). */
  othersOut?: boolean;
  /** chgrp, or chown to a group alone (Target's `groupOnly`). */
  groupOnly?: boolean;
  /** What is below the folder, not the folder itself (Target's `notItself`). */
  notItself?: boolean;
  /** The folder is made a copy of another (`rsync --delete`): it loses what the other lacks. */
  mirrors?: boolean;
  /** …of a folder named for being empty (`./empty/`, `/var/empty`): it loses everything. */
  fromEmpty?: boolean;
}

export interface PathHit {
  rule: string;
  /** The path as the reason names it: `/etc, a top-level system folder`. */
  what: string;
  /** Not even the policy's `paths.allow` lets a command touch it: `/`, `/etc`, `/home`, disks, `$HOME`. */
  hard: boolean;
}

// A Mac's /System and /Users are what /usr and /home are here.
const topLevel = new Set(['bin', 'boot', 'dev', 'etc', 'home', 'opt', 'root', 'sbin', 'srv', 'usr', 'var', 'proc', 'sys', 'run', 'mnt', 'media', 'System', 'Users']);
const systemTrees = new Set(['etc', 'usr', 'boot', 'bin', 'sbin', 'System']);
const credentialFolders = new Set(['.ssh', '.gnupg', '.aws', '.kube']);
const harmlessDevices = new Set(['null', 'zero', 'full', 'random', 'urandom', 'stdout', 'stderr', 'stdin', 'tty', 'fd', 'shm', 'console', 'ptmx', 'pts', 'kmsg', 'log']);
/** Folders of /dev that hold no disks: /dev/VG/LV is a logical volume, /dev/shm/x is not. */
const deviceFolders = new Set(['shm', 'pts', 'fd', 'mqueue', 'hugepages', 'net', 'input', 'snd', 'bus', 'char', 'cpu', 'dri', 'usb', 'serial', 'v4l', 'vfio', 'tcp', 'udp', 'dma_heap', 'infiniband', 'xen', 'vhost-vsock']);
const memoryDevices = new Set(['mem', 'kmem', 'port']);

export const isTopLevel = (name: string | undefined): boolean => name !== undefined && (topLevel.has(name) || name.startsWith('lib'));
const isSystemTree = (name: string | undefined): boolean => name !== undefined && (systemTrees.has(name) || name.startsWith('lib'));

/**
 * The contract's block devices (`/dev/sd*`, `/dev/nvme*`, …, `/dev/mapper/*`, `/dev/disk/**`),
 * and the other names disks and volumes go by: loop, zvol, rbd, nbd, tape, `/dev/VG/LV`.
 */
export function isBlockDevice(segments: string[]): boolean {
  if (segments[0] !== 'dev' || segments.length < 2) return false;
  const name = segments[1]!;
  if (name === 'disk' || name === 'zvol' || name === 'block') return true;
  // Oracle ASM's labelled disks.
  if (name === 'oracleasm') return segments[2] === 'disks' && segments.length === 4;
  if (name === 'mapper') return segments.length >= 3 && segments[2] !== 'control';
  if (segments.length === 3) return !deviceFolders.has(name) && !harmlessDevices.has(name);
  // A Mac's disks are /dev/disk4 and, raw, /dev/rdisk4; the BSDs' are /dev/(r)sd1c, (r)wd0c, FreeBSD's da0, ada0, nvd0, vtbd0.
  return segments.length === 2 && /^(sd|nvme|vd|xvd|mmcblk|md|dm-|hd|loop\d|zd\d|rbd\d|nbd\d|bcache\d|zram\d|sr\d|fd\d|ram\d|pmem\d|sg\d|n?st\d|mtdblock|mtd\d|r?disk\d|r(?:sd|wd|cd|vnd)\d|wd\d|a?da\d|nvd\d|vtbd\d)/.test(name);
}

export const segmentsOf = (path: string): string[] => path.split('/').filter((segment) => segment !== '' && segment !== '.');

let lastHome: [string, string[]] = ['', []];
/** The home folder's segments: one home per decision, asked for at every path. */
function homeSegmentsOf(home: string): string[] {
  if (lastHome[0] !== home) lastHome = [home, segmentsOf(home)];
  return lastHome[1];
}

/** /dev/null, /dev/stdout, /dev/fd/3…: writing into them destroys nothing. */
export const isHarmlessDevice = (path: string): boolean => {
  const segments = segmentsOf(path);
  return segments[0] === 'dev' && harmlessDevices.has(segments[1] ?? '') && (segments.length === 2 || segments[1] === 'fd' || segments[1] === 'pts');
};

/**
 * Top-level folders outside the system subtrees that hold something protected further down:
 * files written anywhere into them can land there. /opt, /srv, /mnt, /media and /run hold
 * nothing of the kind, so unpacking into them is the operator's business.
 */
const protectedBelow: Record<string, string> = {
  var: 'the cron spool is below it',
  home: "every user's .ssh is below it",
  root: "root's .ssh is below it",
  proc: "the kernel's switches are below it",
  sys: "the kernel's switches are below it",
};

const packageDatabases = new Set(['dpkg', 'rpm', 'pacman', 'apk']);

const varWholes: Record<string, string> = {
  lib: "the package database and every service's state",
  log: 'every log and audit trail; services whose log folders vanish fail to start',
  www: 'every site the web server serves',
  mail: "every local user's mailbox",
};

const removes = (op: Operation) => op === 'delete' || op === 'move';
const reformats = (op: Operation) => op === 'format' || op === 'partition' || op === 'erase';
const writes = (op: Operation) => op === 'write' || op === 'truncate' || op === 'replace' || op === 'append' || reformats(op);
/** Writes files anywhere below the folder: an archive unpacked into it, or every file find reaches overwritten. */
const fills = ({op, contents}: Touch) => op === 'unpack' || (writes(op) && contents);

/** The default protected class a path falls in for this operation, or null when it is the operator's business. */
export function protectedClass(path: string, touch: Touch, home: string): PathHit | null {
  const segments = segmentsOf(path);
  const {op, contents} = touch;
  const top = segments[0];
  if (top === 'dev') return deviceClass(path, segments, touch);
  const control = kernelControl(path, segments);
  if (control) return control;
  // /etc/nologin or /run/nologin made: PAM turns away every login but root's.
  if (writes(op) && (path === '/etc/nologin' || path === '/run/nologin' || path === '/var/run/nologin')) return {rule: 'system.remote-lockout', what: `${path}, whose presence turns away every login but root's`, hard: false};
  if (segments.length === 0) {
    if (fills(touch)) return {rule: 'fs.protected-path', what: contents ? 'everything in the root filesystem' : 'the root filesystem', hard: true};
    if (writes(op)) return null;
    return {rule: removes(op) ? 'fs.rm-root' : 'fs.protected-path', what: contents ? 'everything in the root filesystem' : 'the root filesystem', hard: true};
  }

  // A Mac's /private/etc and /private/var are its /etc and /var.
  if (top === 'private' && (segments[1] === 'etc' || segments[1] === 'var' || segments[1] === 'tmp')) return protectedClass(`/${segments.slice(1).join('/')}`, touch, home);
  // A Windows drive as WSL mounts it (`/mnt/c/Windows/System32`, `/mnt/c/Users/alice`).
  if (top === 'mnt' && segments.length > 1 && /^[a-z]$/.test(segments[1]!) && removes(op)) {
    const windows = windowsPathClass(segments[1]!, segments.slice(2), touch.recursive || contents);
    if (windows) return {rule: 'fs.protected-path', what: `${path}, ${windows}`, hard: false};
  }

  const access = accessFile(path, segments, touch, home);
  if (access !== undefined) return access;
  const history = shellHistory(path, segments, touch, home);
  if (history) return history;
  const inHome = homeClass(path, segments, touch, home);
  if (inHome !== undefined) return inHome;
  const homes = othersHomes(segments, touch);
  if (homes) return homes;
  const tmp = path === '/tmp' || path === '/var/tmp';
  // Any other folder directly under / (a data volume's /data, /backup, /nix) deleted or changed
  // wholesale: as much a part of the machine as the standard ones.
  if (segments.length === 1 && !isTopLevel(top) && top !== 'tmp' && (touch.recursive || contents) && !writes(op)) {
    return {rule: 'fs.protected-path', what: contents ? `everything in ${path}` : `${path}, a folder directly under /`, hard: false};
  }

  if ((segments.length === 1 && (isTopLevel(top) || top === 'tmp')) || tmp) {
    if (fills(touch)) {
      const below = protectedBelow[top!];
      if (tmp || (!isSystemTree(top) && below === undefined)) return null;
      const what = contents ? `everything in ${path}` : `${path}, a top-level system folder${below ? ` (${below})` : ''}`;
      return {rule: isSystemTree(top) ? 'fs.system-path' : 'fs.protected-path', what, hard: false};
    }

    if (writes(op)) return null;
    if (contents) return tmp ? null : {rule: 'fs.protected-path', what: `everything in ${path}`, hard: true};
    return {rule: 'fs.protected-path', what: `${path}, a top-level ${tmp ? 'temporary' : 'system'} folder`, hard: true};
  }

  // Everything in /var/lib or /var/log at once (`rm -rf /var/lib/*`, `rsync --delete empty/
  // /var/lib/`): the package database and every service's state, every log and audit trail.
  // One service's folder in them, or the files a find picks by name or age, is the operator's.
  // The package manager's own database (`rm -rf /var/lib/dpkg`): the system no longer knows what is installed.
  // Its lock files are another matter (`rm /var/lib/dpkg/lock-frontend`).
  const database = top === 'var' && segments[1] === 'lib' && packageDatabases.has(segments[2] ?? '') && (segments.length === 3 || /^(?:status|available|info|updates|triggers|Packages|db|local)$/.test(segments[3] ?? ''));
  if (database && (removes(op) || writes(op) || ((op === 'chmod' || op === 'chown') && touch.recursive && !touch.narrows) || (segments.length === 3 && fills(touch)))) {
    return {rule: 'fs.protected-path', what: `${path}, the package manager's database`, hard: false};
  }

  // A hosting panel's account registry (cPanel's /var/cpanel/users): the panel no longer knows whose sites, mail and databases are whose.
  if (top === 'var' && segments[1] === 'cpanel' && (segments[2] === 'users' || segments[2] === 'userdata') && segments.length <= 4 && (segments.length === 4 || touch.recursive || contents) && (removes(op) || op === 'truncate') && !touch.filtered) {
    return {rule: 'fs.protected-path', what: `${contents ? `everything in ${path}` : path}, cPanel's record of its hosting accounts`, hard: false};
  }

  const data = databaseData(path, segments, touch, home);
  if (data) return data;
  const trail = auditTrail(path, segments, touch);
  if (trail) return trail;
  // Plesk's /var/www/vhosts holds every site it hosts, as /var/www does.
  const vhosts = segments.length === 3 && top === 'var' && segments[1] === 'www' && segments[2] === 'vhosts' ? 'every site Plesk hosts' : undefined;
  const wholeOf = vhosts ?? (segments.length === 2 && top === 'var' ? varWholes[segments[1]!] : undefined);
  // Every file there emptied or overwritten (`find /var/log -type f -exec truncate -s 0 {} \;`) is as gone.
  if (wholeOf && contents && !touch.filtered && (removes(op) || op === 'truncate' || op === 'write' || op === 'replace' || ((op === 'chmod' || op === 'chown') && touch.recursive && !touch.narrows))) {
    return {rule: 'fs.protected-path', what: `everything in ${path} (${wholeOf})`, hard: false};
  }

  // An application's folder in /srv or /opt emptied whole (`rm -rf /srv/app/*`, `find /srv/app -mindepth 1 -delete`): as gone as deleted.
  if (segments.length === 2 && (top === 'srv' || top === 'opt') && contents && removes(op) && !touch.filtered && !/^(?:tmp|temp|cache|scratch)$/i.test(segments[1]!)) {
    return {rule: 'fs.protected-path', what: `everything in ${path}, directly in /${top}`, hard: false};
  }

  if (segments.length === 2 && isTopLevel(top) && !contents && op !== 'unpack' && (!writes(op) || top === 'proc' || top === 'sys')) {
    return {rule: 'fs.protected-path', what: `${path}, directly in /${top}`, hard: false};
  }

  if (isSystemTree(top)) return {rule: 'fs.system-path', what: `${path}, in the system folder /${top}`, hard: false};
  const backups = backupsDeleted(path, segments, touch, home);
  if (backups) return backups;
  if (segments.includes('.git')) return {rule: 'fs.git-dir', what: `${path}, a git repository's own folder`, hard: false};
  return null;
}

/**
 * The folders database servers and container engines keep their data in, where their packages
 * put it: everything in them is the data (a database is a folder of MySQL's, a collection a file
 * of MongoDB's), but for the logs, pid and lock files a server leaves beside it.
 */
const dataFolders: Record<string, string> = {
  mysql: 'MySQL', mariadb: 'MariaDB', mongodb: 'MongoDB', mongo: 'MongoDB', cassandra: 'Cassandra', scylla: 'ScyllaDB', etcd: 'etcd',
  elasticsearch: 'Elasticsearch', opensearch: 'OpenSearch', clickhouse: 'ClickHouse', influxdb: 'InfluxDB', couchdb: 'CouchDB', neo4j: 'Neo4j',
  rabbitmq: 'RabbitMQ', zookeeper: 'ZooKeeper', kafka: 'Kafka', cockroach: 'CockroachDB', mssql: 'SQL Server', 'mysql-cluster': 'MySQL Cluster',
  firebird: 'Firebird', rook: 'Rook (the Ceph cluster\'s monitors and OSDs)', longhorn: 'Longhorn (every replica of every volume)', redis: 'Redis', valkey: 'Valkey', vault: 'Vault', consul: 'Consul', minio: 'MinIO', 'libvirt/images': 'libvirt (its virtual machines\' disks)',
  'vz/images': 'Proxmox (its virtual machines\' disks)', 'ceph/osd': 'Ceph (an OSD\'s objects)', 'ceph/mon': 'Ceph (its monitors\' map of the cluster)',
  'rancher/k3s/server/db': 'k3s (the cluster\'s state)',
  // Vector stores, and metrics and log stores: their history is their data.
  // Prometheus's own folder also holds node_exporter's text files (`prometheus/node-exporter`), which pass below. Thanos and
  // Mimir keep their history in object storage: their folders here are caches.
  redpanda: 'Redpanda', nats: 'NATS (its JetStream streams)', pulsar: 'Pulsar', activemq: 'ActiveMQ', artemis: 'ActiveMQ Artemis',
  qdrant: 'Qdrant', milvus: 'Milvus', weaviate: 'Weaviate', chroma: 'Chroma', 'prometheus/metrics2': 'Prometheus (every metric\'s history)', 'prometheus/data': 'Prometheus (every metric\'s history)',
  prometheus: 'Prometheus (every metric\'s history)', 'victoria-metrics-data': 'VictoriaMetrics', 'victoria-metrics': 'VictoriaMetrics', loki: 'Loki', tempo: 'Tempo',
};
/** The longest of the data folders a path below /var/lib is in (`libvirt/images/vm.qcow2` is libvirt's), with the names below it. */
function dataFolderOf(below: string[]): {name: string; inside: string[]} | undefined {
  for (let depth = Math.min(below.length, 4); depth > 0; depth--) {
    const key = below.slice(0, depth).join('/');
    if (Object.hasOwn(dataFolders, key)) return {name: dataFolders[key]!, inside: below.slice(depth)};
  }

  return undefined;
}

// PostgreSQL's folder is also the postgres user's home, where dumps are kept: its clusters are
// the version folders (`/var/lib/postgresql/16/main`) and RHEL's `data`.
const postgresFolders = new Set(['postgresql', 'pgsql', 'postgres']);
// A folder of copies, by its whole name (`backup`, `db-backups`, `dumps`, `snapshots`): `archivelog` or a database named `wp_backup_db` is data.
const backups = /^(?:[\w.-]*[-_.])?(?:backups?|dumps?|snapshots?)$/i;
const postgresCluster = /^(?:\d+(?:\.\d+)?|data)$/;
// The files a data folder holds that are not the data.
// Logs (rotated and compressed too), pid, socket and lock files, configuration, a server's own
// dotfiles and ids (`.erlang.cookie`, ZooKeeper's `myid`), lost+found, diagnostics and temporary dumps.
const besideTheData = /\.(?:log|err|pid|sock|lock)(?:[.-]\d+|\.(?:gz|bz2|xz|zst|old))*$|^(?:log|pg_log|logs)(?:\.old)?$|\.(?:conf|cnf|signal)$|^\.|^(?:myid|lock|lost\+found|diagnostic\.data|PG_VERSION)$|^temp-\d+\.rdb$|^core\.\d+$/;
// Container engines: their folders as a whole, and the named volumes in them (a database's data, as often as not).
const engineFolders: Record<string, string> = {docker: 'Docker', containerd: 'containerd', containers: 'Podman'};

// The machine's record of who logged in and what was done: the audit daemon's log, the login
// records, the authentication log, the journal. A rotated copy (`auth.log.3.gz`) or a find's
// pick by age is housekeeping; the live file or the whole folder is the trail.
const trailFiles: Record<string, string> = {wtmp: 'the record of every login', btmp: 'the record of failed logins', lastlog: 'the record of each user\'s last login', faillog: 'the record of failed logins', 'auth.log': 'the authentication log', secure: 'the authentication log', 'sudo.log': 'sudo\'s log of every command run through it'};

// A shell's history file, in a home folder: what was typed there.
const historyFiles = new Set(['.bash_history', '.zsh_history', '.zhistory', '.sh_history', '.ash_history', '.history', 'fish_history']);

/** A shell history deleted, emptied, overwritten or replaced (`rm ~/.bash_history`, `ln -sf /dev/null ~/.zsh_history`): it hides what was run. */
function shellHistory(path: string, segments: string[], touch: Touch, home: string): PathHit | null {
  const {op} = touch;
  const name = segments.at(-1)!;
  // fish keeps its history in a folder of its own: deleted whole, it goes.
  if (path === `${home}/.local/share/fish` && removes(op) && op !== 'move' && touch.recursive) return {rule: 'fs.protected-path', what: `${path}, where fish keeps the shell's history: it hides what was run on this machine`, hard: false};
  // Moved aside (`mv ~/.bash_history ~/.bash_history.old`), it is kept.
  if (touch.filtered || op === 'append' || op === 'move' || !(removes(op) || writes(op)) || !historyFiles.has(name)) return null;
  const folder = path.slice(0, path.length - name.length - 1).replace(/\/\.local\/share\/fish$/, '');
  const inHome = folder === home || /^\/(?:root|home\/[^/]+)$/.test(folder);
  if (!inHome || (name === 'fish_history') !== path.endsWith('/.local/share/fish/fish_history')) return null;
  return {rule: 'fs.protected-path', what: `${path}, a shell's history: it hides what was run on this machine`, hard: false};
}

/**
 * A file-integrity checker's baseline (AIDE's `aide.db`, Tripwire's `*.twd`, Samhain's database),
 * or its folder whole, deleted, emptied or moved away: without it, changes to system files can no
 * longer be found. Copies, a new database not yet put in place (`aide.db.new`) and one moved or copied into
 * place pass. Tripwire names its
 * database for the host (`$(hostname).twd`): a name made at run time there is taken as it.
 */
function integrityBaseline(path: string, segments: string[], touch: Touch): PathHit | null {
  const [, , tool, file] = segments;
  if (tool !== 'aide' && tool !== 'tripwire' && tool !== 'samhain') return null;
  const whole = segments.length === 3 && (touch.recursive || touch.contents);
  // A glob there (`aide.db*`) or a name made at run time may be the database.
  const baseline = segments.length === 4 && (file === '\u0000' || (tool === 'aide' ? /^aide\.db(?:\.gz)?$/.test(file!) : tool === 'tripwire' ? file!.endsWith('.twd') : /^samhain_file$/.test(file!)));
  return whole || baseline ? {rule: 'fs.protected-path', what: `${touch.contents ? `everything in ${path}` : path}, the file-integrity baseline: changes to system files can no longer be found`, hard: false} : null;
}

/** The audit trail deleted, emptied, overwritten or replaced (`: > /var/log/wtmp`, `shred -u /var/log/audit/audit.log`, `ln -sf /dev/null /var/log/wtmp`). */
function auditTrail(path: string, segments: string[], touch: Touch): PathHit | null {
  const {op} = touch;
  // A new database moved or copied into place (`mv aide.db.new aide.db`, `cp …`) is how the baseline is updated: only deleting or emptying it counts.
  if (segments[0] === 'var' && segments[1] === 'lib' && !touch.filtered && (op === 'delete' || op === 'truncate' || op === 'erase' || op === 'move')) return integrityBaseline(path, segments, touch);
  if (segments[0] !== 'var' || segments[1] !== 'log' || op === 'append' || !(removes(op) || writes(op))) return null;
  const [, , name, file] = segments;
  // What a find picks by its names in /var/log (`-name '*.log' -exec truncate -s 0 {} +`), when they take a file of the trail.
  if (touch.filtered) {
    // By age (`-mtime +7`), it takes old rotated logs: the trail's live files are written all the time.
    // An exact name (`-name auth.log`) is judged as that file, on its own.
    const taken = segments.length === 2 && !touch.aged ? Object.keys(trailFiles).find((trail) => touch.names?.some((pattern) => /[*?[]/.test(pattern) && findNameMatcher(pattern)(trail))) : undefined;
    return taken ? {rule: 'fs.protected-path', what: `what its names pick in ${path}, ${taken} (${trailFiles[taken]}) among them: it hides what was done on this machine`, hard: false} : null;
  }

  // sudo's recordings of each session run through it (`Defaults log_output`), whole or any of them.
  if (name === 'sudo-io' && (segments.length > 3 || touch.recursive || touch.contents)) return {rule: 'fs.protected-path', what: `${touch.contents ? `everything in ${path}` : path}, sudo's recordings of the sessions run through it: it hides what was done on this machine`, hard: false};
  // The audit daemon's log, and an audit log kept elsewhere under /var/log (the Kubernetes API server's, `/var/log/kubernetes/audit/audit.log`).
  const audit = (name === 'audit' && (segments.length === 3 ? touch.recursive || touch.contents : segments.length === 4 && file === 'audit.log')) || (segments.length >= 4 && segments.at(-1) === 'audit.log') || (segments.length > 3 && segments.at(-1) === 'audit' && (touch.recursive || touch.contents));
  // The journal's folder, the one of this machine's id in it, or its live file.
  const journal = name === 'journal' && (((segments.length === 3 || (segments.length === 4 && /^[0-9a-f]{32}$/.test(file!))) && (touch.recursive || touch.contents)) || (segments.length === 5 && segments[4] === 'system.journal'));
  // A file's, not a folder's: a glob that only reaches into folders of /var/log (`/var/log/*/*.gz`) leaves it.
  const what = audit ? (name === 'audit' ? 'the audit daemon\'s log' : 'an audit log') : journal ? 'the system journal' : segments.length === 3 && Object.hasOwn(trailFiles, name!) && !touch.contents ? trailFiles[name!] : undefined;
  return what ? {rule: 'fs.protected-path', what: `${touch.contents ? `everything in ${path}` : path}, ${what}: it hides what was done on this machine`, hard: false} : null;
}

// The folders a container engine's storage driver keeps every layer in.
const layerStores = new Set(['overlay2', 'overlay', 'aufs', 'btrfs', 'zfs', 'devicemapper', 'vfs', 'fuse-overlayfs', 'image', 'containers', 'io.containerd.snapshotter.v1.overlayfs', 'io.containerd.content.v1.content']);

// The files a data store keeps its tables in: InnoDB's and MyISAM's, WiredTiger's, SQL Server's, Oracle's datafiles, SSTables.
const tableFiles = /\.(?:ibd|frm|myd|myi|wt|mdf|ndf|ldf|dbf|sst)$/i;

/**
 * A database server's data, deleted, emptied or overwritten: the folder its package keeps it in,
 * and wherever they are, the files no server starts without (PostgreSQL's WAL and commit log,
 * InnoDB's system tablespace and redo logs, etcd's member folder, WiredTiger's own files).
 * Moving it aside keeps it, and so does re-permissioning it: both pass.
 */
function databaseData(path: string, segments: string[], touch: Touch, home: string): PathHit | null {
  const {op} = touch;
  if (!(op === 'delete' || op === 'erase' || (writes(op) && op !== 'append'))) return null;
  // A copy is not the data: backups and dumps kept anywhere, a server's own folder included (`/var/lib/mysql/backup`).
  if (segments.some((segment) => backups.test(segment))) return null;
  const top = segments[0];
  const hit = (what: string): PathHit => ({rule: 'fs.database-data', what: `${touch.contents ? `everything in ${path}` : path}, ${what}`, hard: false});
  const last = segments.at(-1)!;
  const marker = segments.findIndex((segment) => /^(?:pg_wal|pg_xlog|pg_xact|pg_clog|pg_multixact)$/.test(segment));
  if (marker > 0) return hit(`${segments[marker] === 'pg_wal' || segments[marker] === 'pg_xlog' ? "PostgreSQL's write-ahead log" : "PostgreSQL's commit log"}: the cluster cannot start or recover without it`);
  if (/^(?:ibdata\d+|ib_logfile\d+|#innodb_redo|mysql\.ibd)$/.test(last) && segments.length > 1) return hit("InnoDB's system tablespace or redo log: MySQL loses every table with it");
  if (last === 'pg_control' && segments.at(-2) === 'global') return hit("PostgreSQL's control file: the cluster cannot start without it");
  if (/^WiredTiger(?:\.wt|\.turtle)?$/.test(last)) return hit("WiredTiger's own files: MongoDB cannot open a collection without them");
  const member = segments.indexOf('member');
  if (member > 0 && (segments[member + 1] === 'wal' || segments[member + 1] === 'snap') && segments.slice(0, member).includes('etcd')) return hit("etcd's write-ahead log and snapshots: the cluster's whole state");
  // What a find picks by name or age in a data folder (`-name '*.qcow2.part' -mtime +2`) is the operator's pick; in the WAL, above, it is not,
  // nor are a store's own table files picked by age (`-name '*.ibd' -mtime +30`): a table rarely written is a table.
  if (touch.filtered) return touch.names?.some((name) => tableFiles.test(name)) ? databaseData(path, segments, {...touch, filtered: false}, home) : null;
  // A new name given to a folder (`mv repositories repositories.old`) replaces nothing of the data.
  if (op === 'replace') return null;
  // Oracle's datafiles and the recovery area's archived logs and backups, wherever ORACLE_BASE is; SQL Server's data folder.
  const oracle = segments.findIndex((segment) => /^(?:oradata|fast_recovery_area|flash_recovery_area)$/.test(segment));
  if (oracle >= 0 && (segments.length > oracle + 1 || touch.recursive || touch.contents)) return hit(segments[oracle] === 'oradata' ? "where Oracle keeps the database's datafiles" : "Oracle's recovery area: the archived logs and backups a recovery needs");
  if (segments[0] === 'var' && segments[1] === 'opt' && segments[2] === 'mssql' && segments[3] === 'data' && ((segments.length === 4 && (touch.recursive || touch.contents)) || /\.(?:mdf|ldf|ndf)$/i.test(segments.at(-1)!))) return hit("where SQL Server keeps every database's files");
  // An ESXi datastore's every VM (`/vmfs/volumes/datastore1/*`), a Synology share (`/volume1/homes`; a mirror made onto it is a backup).
  if (top === 'vmfs' && segments[1] === 'volumes' && (segments.length === 3 || (segments.length === 2 && touch.contents)) && (touch.recursive || touch.contents)) return hit("an ESXi datastore: every virtual machine's disks on it");
  if (/^volume\d+$/.test(top ?? '') && segments.length === 2 && (touch.recursive || touch.contents) && !segments[1]!.startsWith('@') && !(touch.mirrors && !touch.fromEmpty)) return hit('a NAS volume\'s whole shared folder');
  // A PostgreSQL cluster wherever a server keeps one (`/var/opt/gitlab/postgresql/data`, `/srv/pgsql/16`); not a
  // developer's own in a project or temporary folder (`rm -rf ./postgres/data` resets a local database).
  const personal = top === 'home' || top === 'root' || top === 'tmp' || (home !== '/' && path.startsWith(`${home}/`));
  const cluster = personal ? -1 : segments.findIndex((segment, i) => i > 0 && postgresCluster.test(segment) && postgresFolders.has(segments[i - 1]!));
  if (cluster > 1 && !segments.slice(cluster + 1).some((segment) => besideTheData.test(segment))) {
    return hit("a PostgreSQL cluster's data folder");
  }

  if (segments[0] === 'var' && segments[1] === 'opt' && segments[2] === 'gitlab' && segments[3] === 'git-data' && (segments.length > 4 || touch.recursive || touch.contents)) {
    return hit("where GitLab keeps every repository");
  }

  // A server's data folder kept elsewhere by its name (`/data/mysql`, `/srv/mongodb/data`), deleted or emptied whole.
  // Logs, caches and run-time files are named for their server too (`/var/log/mongodb`, `/var/cache/redis`): not its data.
  const transient = top === 'var' && /^(?:log|cache|run|tmp)$/.test(segments[1] ?? '');
  const named = personal || transient || !(touch.recursive || touch.contents) ? -1 : segments.findIndex((segment, i) => i > 0 && /^(?:mysql|mariadb|mongodb|mongo|cassandra|scylla|elasticsearch|opensearch|clickhouse|etcd|couchdb|neo4j|influxdb|minio|redis|rabbitmq|kafka|zookeeper|consul|cockroach|prometheus)$/.test(segment));
  if (named > 0 && segments.length - named <= 2 && (segments.length === named + 1 || segments[named + 1] === 'data')) return hit(`where ${segments[named]} keeps its data`);
  if (segments[0] !== 'var' || segments[1] !== 'lib' || segments.length < 3) return null;
  const folder = segments[2]!;
  const inside = segments.slice(3);
  if (Object.hasOwn(engineFolders, folder)) {
    // Podman's is one folder down, /var/lib/containers/storage (its graphRoot).
    const whole = inside.length === 0 || (folder === 'containers' && inside.length === 1 && inside[0] === 'storage');
    if (whole && (touch.recursive || touch.contents)) return hit(`where ${engineFolders[folder]} keeps every image, container and volume`);
    // The storage driver's layers (`/var/lib/docker/overlay2/*`): every image and container's files, whole or emptied.
    const layers = inside[0] !== undefined && layerStores.has(inside[0]) ? 1 : inside[0] === 'storage' && inside[1] !== undefined && layerStores.has(inside[1].replace(/-(?:images|containers|layers)$/, '')) ? 2 : 0;
    if (layers > 0 && inside.length === layers && (touch.recursive || touch.contents)) return hit(`${engineFolders[folder]}'s storage of every image's and container's files`);
    const volumes = inside[0] === 'volumes' ? 1 : inside[0] === 'storage' && inside[1] === 'volumes' ? 2 : 0;
    return volumes > 0 && (inside.length > volumes || touch.recursive || touch.contents) ? hit(`${engineFolders[folder]}'s named volumes, the data containers keep`) : null;
  }

  if (inside.some((segment) => besideTheData.test(segment))) return null;
  if (postgresFolders.has(folder)) {
    if (inside.length === 0 ? touch.recursive || touch.contents : postgresCluster.test(inside[0]!)) return hit("where PostgreSQL keeps its clusters' data");
    return null;
  }

  const found = dataFolderOf(segments.slice(2));
  if (!found || (found.inside.length === 0 && !(touch.recursive || touch.contents))) return null;
  // One of Prometheus's blocks (a folder named by its ULID) is removed by hand when it is corrupt, and node_exporter's text files
  // sit beside its TSDB: not its whole TSDB, its write-ahead log or every block at once (`01*`). A store's cache is rebuilt.
  if (/^Prometheus/.test(found.name) && found.inside.length > 0 && !/^(?:wal|chunks_head)$|[*?[]/.test(found.inside[0]!)) return null;
  if (/^(?:Loki|VictoriaMetrics|Tempo|Redpanda|ActiveMQ|ActiveMQ Artemis)$/.test(found.name) && found.inside.some((name) => /cache|^tmp$|^coredump$/i.test(name))) return null;
  // A virtual machine's disk folder: new disks are written there every day, and installer images are not disks.
  if (/disks/.test(found.name) && (op === 'write' || /\.(?:iso|part)$/.test(segments.at(-1)!))) return null;
  return hit(`where ${found.name} keeps its data`);
}

/**
 * A Windows path deleted (from cmd, PowerShell or through WSL's `/mnt/c`), as the class it falls
 * in, or undefined: the drive itself, the Windows folder and everything in it, Program Files and
 * ProgramData themselves, the Users folder and each user's profile, the web root.
 */
export function windowsPathClass(drive: string, parts: string[], reaching: boolean): string | undefined {
  const names = parts.map((part) => part.toLowerCase());
  const letter = `${drive.toUpperCase()}:\\`;
  const shown = letter + parts.join('\\');
  if (names.length === 0) return reaching ? `the whole drive ${letter}` : undefined;
  const [first] = names;
  // The Windows folder itself and what it runs from; its temporary, update-download and log folders are cleaned routinely.
  if (first === 'windows' && (names.length === 1 || /^(?:system32|syswow64|winsxs|boot|servicing|system|fonts|inf|assembly)$/.test(names[1]!))) return `in ${letter}Windows, the system folder`;
  if (names.length === 1 && /^(?:program files(?: \(x86\))?|programdata|users|boot|efi|recovery|inetpub)$/.test(first!)) return `${shown}, a folder of the system itself`;
  if (first === 'users' && names.length === 2 && reaching && !/^(?:public|default|all users)$/.test(names[1]!)) return `${shown}, a user's whole profile`;
  if (first === 'inetpub' && names[1] === 'wwwroot' && names.length === 2 && reaching) return `${shown}, every site the web server serves`;
  return undefined;
}

const transientFolder = /^(?:\.?(?:tmp|temp|cache|trash)|old|staging|partial|incomplete|scratch|restores?|logs?|work|lost\+found|\.snapshots?)$|\.(?:old|tmp)$/i;
/** A name a retention job gives: a date (`2024-05-01`, `20240501`), a number (`7`, `daily.3`, `backup-12`), a period (`weekly`). */
// A server named with its major version (`postgres-16`, `mysql8`) is that server's folder, not a dated copy.
// `mysql.7` is the seventh rotation of a dump, not MySQL 7.
const versioned = /^(?:postgres(?:ql)?|pg|mysql|mariadb|mongo(?:db)?|redis|elasticsearch|opensearch|clickhouse|cassandra)[-_]?\d{1,2}(?:\.\d{1,2})?$/i;
const datedName = (name: string): boolean => /^\d{4}-?\d{2}/.test(name) || /^\d+$/.test(name) || (/[._-]\d+$/.test(name) && !versioned.test(name)) || /\d{4}-\d{2}-\d{2}/.test(name) || /^(?:hourly|daily|weekly|monthly|yearly)[._-]?\d/i.test(name);

/** A folder that holds backups, by its name: `/mnt/backup`, `/srv/backups`, `/var/backups`, `/data/db-backups`. */
// A one-off copy (`html.bak`), heap dumps or test snapshots are not a store of backups.
const backupFolder = /^(?:[\w.-]*[-_.])?(?:backups?|backupdb)$|^(?:bkp|dumps|db-?dumps|sql-?dumps)$/i;

/**
 * Every backup at once: a backup folder deleted whole or emptied (`rm -rf /mnt/backup/*`, `find
 * /srv/backups -type f -delete`, `rsync --delete empty/ /mnt/backup/`). A retention job deletes
 * some (one dated folder, what a find picks by age or name) and passes; so does a scratch or
 * project folder of the user's own.
 */
function backupsDeleted(path: string, segments: string[], touch: Touch, home: string): PathHit | null {
  const {op, recursive, contents} = touch;
  // A mirror made of the data (`rsync -a --delete /srv/data/ /mnt/backup/`) is how backups are made.
  if (op !== 'delete' || touch.filtered || (touch.mirrors && !touch.fromEmpty) || !(recursive || contents) || segments.length < 2) return null;
  const top = segments[0];
  if (top === 'tmp' || (top === 'var' && segments[1] === 'tmp') || (home !== '/' && path.startsWith(`${home}/`))) return null;
  const last = segments.at(-1)!;
  if (backupFolder.test(last)) return {rule: 'fs.backups-delete', what: contents ? `every backup in ${path}` : `${path}, a folder of backups, and every backup in it`, hard: false};
  // One service's or host's folder in a backup folder (`/mnt/backup/postgres/*`, `/mnt/backup/db01`):
  // every backup of it. A dated one (`2024-05-01`, `daily.3`) is a retention job's, a scratch one is no
  // backup, and a pattern (`2023-*`, `*.tar.gz`) picks some.
  if (!backupFolder.test(segments.at(-2)!) || touch.globbed || last.includes('\0') || datedName(last) || transientFolder.test(last)) return null;
  return {rule: 'fs.backups-delete', what: contents ? `every backup in ${path}, all of ${last}'s` : `${path}, and every backup of ${last} in it`, hard: false};
}

function deviceClass(path: string, segments: string[], touch: Touch): PathHit | null {
  const {op} = touch;
  const rule = op === 'partition' ? 'devices.partition' : reformats(op) ? 'devices.format' : 'devices.write';
  const name = segments[1] ?? '';
  if (isBlockDevice(segments)) return {rule, what: `${path}, a block device`, hard: true};
  if (reformats(op) && !harmlessDevices.has(name)) return {rule, what: `${path}, a device`, hard: true};
  if (segments.length === 2 && memoryDevices.has(name) && writes(op)) return {rule: 'devices.write', what: `${path}, the machine's memory`, hard: true};
  if (fills(touch) && segments.length <= 2) return {rule: 'fs.protected-path', what: segments.length === 1 ? '/dev, the folder of device nodes' : `${path}, a device node`, hard: true};
  if (writes(op) && op !== 'replace') return null;
  if (segments.length === 1) return {rule: 'fs.protected-path', what: touch.contents ? 'everything in /dev' : '/dev, the folder of device nodes', hard: true};
  if (segments.length === 2) return {rule: 'fs.protected-path', what: touch.contents ? `everything in ${path}` : `${path}, a device node`, hard: true};
  return null;
}

/**
 * The kernel's switches that act when written: the magic SysRq trigger (reboot, crash, kill
 * every process), suspend, detaching a disk or a PCI device, the firmware's EFI variables.
 */
function kernelControl(path: string, segments: string[]): PathHit | null {
  const [top, second, third] = segments;
  const hit = (what: string): PathHit => ({rule: 'system.kernel-control', what: `${path}, ${what}`, hard: false});
  if (top === 'proc' && second === 'sysrq-trigger' && segments.length === 2) return hit('the magic SysRq trigger (reboot, crash or kill every process at once)');
  if (top !== 'sys') return null;
  if (second === 'power' && (third === 'state' || third === 'disk') && segments.length === 3) return hit('which suspends or powers off the machine');
  if (second === 'firmware' && third === 'efi' && segments[3] === 'efivars') return hit("the firmware's EFI variables (a machine can fail to boot without them)");
  const last = segments.at(-1);
  if (last === 'request' && segments.at(-2) === 'ppi') return hit("the TPM's physical presence request: the firmware clears the TPM (and every key sealed under it) at the next boot");
  // cgroup.kill of the root, a whole slice (every service, every user, one user's all) or init's scope; a service's own is routine.
  const cgroup = second === 'fs' && third === 'cgroup' ? segments.slice(3, -1) : undefined;
  if (cgroup && last === 'cgroup.kill' && (cgroup.length === 0 || /^(?:system|user|machine|user-\d+)\.slice$|^init\.scope$/.test(cgroup.at(-1)!))) return hit(`which kills every process of ${cgroup.length === 0 ? 'the machine' : cgroup.at(-1)} at once`);
  if ((second === 'block' || second === 'class' || second === 'bus' || second === 'devices') && (last === 'delete' || last === 'remove')) return hit('which detaches a device from the running machine');
  if (second === 'fs' && third === 'selinux' && last === 'enforce' && segments.length === 4) return hit("SELinux's enforcing switch (0 sets it permissive: every confined service runs unconfined)");
  return null;
}

/**
 * Who may log in and what runs as whom: every authorized_keys file, the credentials folders
 * of any home (root's, /home/*), the cron spools. Undefined when the path is none of these.
 */
function accessFile(path: string, segments: string[], touch: Touch, home: string): PathHit | null | undefined {
  const last = segments.at(-1)!;
  const narrowing = touch.op === 'chmod' && touch.narrows && !touch.recursive;
  const [top, second] = segments;
  if (/^authorized_keys2?$/.test(last) && !inertKeys(segments, home)) return narrowing ? null : {rule: 'fs.credentials', what: `${path}, which says who may log in over ssh`, hard: false};
  const spool = top === 'var' && second === 'spool' && (segments[2] === 'cron' || segments[2] === 'at' || segments[2] === 'atjobs' || (segments.length === 2 && fills(touch)));
  if (spool) {
    return {rule: 'system.crontab-replace', what: `${path}, in the spool where crontabs and at jobs are kept`, hard: false};
  }

  const homeSegments = homeSegmentsOf(home);
  const inOwnHome = homeSegments.length > 0 && homeSegments.every((segment, i) => segments[i] === segment);
  if (inOwnHome) return undefined;
  // A Mac's homes are in /Users.
  const owner = top === 'root' ? 'root' : top === 'home' || top === 'Users' ? second : undefined;
  const folder = top === 'root' ? second : top === 'home' || top === 'Users' ? segments[2] : undefined;
  if (owner === undefined || folder === undefined || !credentialFolders.has(folder)) return undefined;
  if (narrowing || knownHostsAppend(segments, touch)) return null;
  return {rule: 'fs.credentials', what: `${path}, where ${owner}'s ${folder} credentials are kept`, hard: false};
}

/**
 * An authorized_keys file sshd never reads: in a home, sshd reads only the one in `.ssh` (a copy
 * kept in a project, `~/keys.audit/authorized_keys`, logs no one in); in the temporary folders,
 * none. Elsewhere (`/etc/ssh/keys/deploy/authorized_keys`, a service's own folder) sshd may be set
 * to read it, and it counts.
 */
function inertKeys(segments: string[], home: string): boolean {
  const [top, second] = segments;
  const homeSegments = homeSegmentsOf(home);
  const inHome = top === 'root' || ((top === 'home' || top === 'Users') && segments.length > 2) || (homeSegments.length > 0 && homeSegments.every((segment, i) => segments[i] === segment));
  // A Mac's file system ignores case: `~/.SSH` is `~/.ssh`.
  if (inHome) return segments.at(-2)!.toLowerCase() !== '.ssh';
  return top === 'tmp' || (top === 'var' && second === 'tmp') || (top === 'dev' && second === 'shm');
}

// What a home keeps that is only a cache or a bin: emptying it in every home loses nothing of anyone's.
// A cache anywhere below (`snap/firefox/common/.cache`, `.config/google-chrome/Default/Cache`), or a tool's own folder of them.
const disposable = /^(?:\.thumbnails|\.local\/share\/Trash|\.npm|\.yarn\/cache|\.gradle\/caches|\.m2\/repository|\.cargo\/registry|\.pnpm-store|\.vscode-server|\.cursor-server)(?:\/|$)|(?:^|\/)(?:\.?cache\d?|caches|\.?tmp|\.?temp|\.?trash|__pycache__|node_modules)(?:\/|$)/i;

/**
 * Another user's home emptied (`rm -rf /home/alice/*`), as root's and your own are, or the same
 * folder of every user's home at once (`for u in /home/*; do rm -rf "$u"/Documents/*`): their files. Caches and bins, and what a find picks by name or age, pass.
 */
function othersHomes(segments: string[], touch: Touch): PathHit | null {
  const [top, user, ...rest] = segments;
  // fsck's folder and a Mac's shared one are no one's home.
  if ((top !== 'home' && top !== 'Users') || user === undefined || touch.filtered || user === 'lost+found' || user === 'Shared') return null;
  if (!(removes(touch.op) && (touch.recursive || touch.contents || touch.globbed)) && !touch.mirrors) return null;
  const everyone = /[*?[]/.test(user);
  if (rest.length === 0) return touch.contents ? {rule: 'fs.protected-path', what: everyone ? `everything in every home in /${top}` : `everything in ${user}'s home /${top}/${user}`, hard: false} : null;
  if (!everyone || disposable.test(rest.join('/'))) return null;
  return {rule: 'fs.protected-path', what: `${touch.contents ? 'everything in ' : ''}every user's ${rest.join('/')} in /${top}`, hard: false};
}

/** ssh itself appends to known_hosts (`ssh-keyscan host >> ~/.ssh/known_hosts`): nothing is lost and no one gains a login. */
const knownHostsAppend = (segments: string[], touch: Touch) => touch.op === 'append' && segments.at(-2) === '.ssh' && /^known_hosts2?$/.test(segments.at(-1)!);

/** `$HOME` and everything directly in it, and the credentials below it; undefined outside home. */
function homeClass(path: string, segments: string[], touch: Touch, home: string): PathHit | null | undefined {
  const homeSegments = homeSegmentsOf(home);
  if (homeSegments.length === 0 || segments.length < homeSegments.length) return undefined;
  if (homeSegments.some((segment, i) => segments[i] !== segment)) return undefined;
  const below = segments.slice(homeSegments.length);
  const {op, recursive, contents} = touch;
  if (below.length === 0) {
    if (op === 'chmod' && touch.narrows && !recursive) return null;
    if (removes(op) || (contents && writes(op)) || ((op === 'chmod' || op === 'chown') && (recursive || contents))) {
      return {rule: 'fs.rm-home', what: contents ? `everything in your home folder ${path}` : `your home folder ${path}`, hard: true};
    }

    return writes(op) || op === 'unpack' ? null : undefined;
  }

  if (credentialFolders.has(below[0]!)) {
    // Taking access away from group and others, on the folder or its whole tree (`chmod -R go-rwx ~/.ssh`), is what ssh asks for.
    if (op === 'chmod' && touch.narrows) return null;
    if (knownHostsAppend(segments, touch)) return null;
    return {rule: 'fs.credentials', what: `${path}, where your ${below[0]} credentials are kept`, hard: false};
  }

  if (below.length === 1 && removes(op) && !contents && (recursive || touch.globbed)) {
    return {rule: 'fs.rm-home-child', what: `${path}, directly in your home folder`, hard: false};
  }

  return segments.includes('.git') ? {rule: 'fs.git-dir', what: `${path}, a git repository's own folder`, hard: false} : null;
}

/** Paths a glob could reach that some class protects: top-level folders, the audit trail, home and its credentials and history, `.git`. */
export function knownPlaces(home: string, folder: string): string[] {
  const places = ['/tmp', '/var/tmp', ...[...topLevel].map((name) => `/${name}`), '/lib', '/lib32', '/lib64', '/libx32', '/var/lib', '/var/log', '/usr/local', '/usr/bin', '/usr/lib', '/dev/sda', '/dev/nvme0n1', '/dev/vda', '/dev/xvda', '/dev/mmcblk0'];
  // `: > /var/log/*.log` empties auth.log with the rest.
  if (folder === '/var/log') places.push(...Object.keys(trailFiles).map((name) => `/var/log/${name}`), '/var/log/audit/audit.log');
  // An audit log below /var/log is kept in a folder named for it or for the API server (`/var/log/kubernetes/audit.log`), not in nginx's.
  if (/^\/var\/log\/(?:.*\/)?(?:audit|kubernetes|kube-apiserver|apiserver|openshift-apiserver)(?:\/|$)/.test(folder)) places.push(`${folder}/audit.log`);
  // `rm -rf /var/lib/d*` takes the package database with it.
  if (folder === '/var/lib') places.push('/var/lib/dpkg', '/var/lib/rpm');
  places.push(home, ...[...credentialFolders].map((name) => `${home}/${name}`), ...[...historyFiles].filter((name) => name.startsWith('.')).map((name) => `${home}/${name}`), `${folder}/.git`);
  return places;
}
