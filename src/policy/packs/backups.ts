// Backups and the remotes they are copied to: a whole backup repository deleted, or every backup
// in it (borg, kopia, duplicity, WAL-G), and rclone deleting files of a remote (purge, delete, a
// sync that deletes what its source lacks). Pruning by name or by age, listing and dry runs pass.
import {type OptionSpec, type SimpleCommand, normalizeOptions} from '../../shell/index.js';
import {spelled, written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';
import {asksHelp} from './hits.js';

const rcloneSpec: OptionSpec = {
  takesValue: [
    '--config', '--log-file', '--log-level', '--transfers', '--checkers', '--bwlimit', '--include', '--exclude', '--filter', '--filter-from', '--include-from', '--exclude-from', '--files-from',
    '--min-age', '--max-age', '--min-size', '--max-size', '--backup-dir', '--suffix', '--max-delete', '--max-transfer', '--retries', '--low-level-retries', '--timeout', '--contimeout', '--stats',
    '--user-agent', '--order-by', '--compare-dest', '--copy-dest', '--track-renames-strategy', '--drive-root-folder-id', '--s3-chunk-size', '--tpslimit', '--cache-dir', '--temp-dir',
  ],
  aliases: {'-n': '--dry-run', '-i': '--interactive'},
};

/** borg delete REPO: the whole repository (`REPO::ARCHIVE`, `-a`/`--glob-archives`, a dry run and `--cache-only` are narrower). */
function borgDelete(command: SimpleCommand): Hit | null {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {
    takesValue: ['--remote-path', '--rsh', '--lock-wait', '--umask', '--upload-ratelimit', '--upload-buffer', '--debug-topic', '-a', '--glob-archives', '--match-archives', '--first', '--last', '--sort-by', '--checkpoint-interval', '--repo', '-r'],
    long: ['dry-run', 'cache-only', 'force', 'save-space', 'keep-security-info', 'list', 'stats', 'help'],
    aliases: {'--dry-run': '-n'},
  });
  const verb = operands[0];
  if (verb?.value !== 'delete' || flags.has('-n') || flags.has('--cache-only') || flags.has('--help') || flags.has('-h')) return null;
  if (['-a', '--glob-archives', '--match-archives', '--first', '--last'].some((flag) => flags.has(flag))) return null;
  const repo = operands[1];
  // An archive named, even one known only when it runs (`REPO::{}` from xargs): that archive.
  if (repo && /::./.test(repo.known ? repo.value : repo.raw)) return null;
  if (operands.length > 2) return null;
  return {word: written(repo ?? verb), reason: `borg delete ${repo ? `${spelled(repo)} ` : ''}deletes the whole repository, every archive in it`};
}

// duplicity's time units, in seconds (`1s`, `3D`, `2W`); a time given as a date is a cut-off guard does not compare.
const duplicityUnits: Record<string, number> = {s: 1, m: 60, h: 3600, D: 86400, W: 604800, M: 2592000, Y: 31536000};

/**
 * Every backup a tool keeps, deleted: borg's whole repository (borgDelete), kopia's every
 * snapshot of a source (`snapshot delete --all-snapshots-for-source … --delete`), duplicity's
 * every set older than under a day (`remove-older-than 1s --force`), WAL-G's `delete everything`
 * with `--confirm`. Without the flag that makes it real, each only lists what it would delete.
 */
function backupsGone(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  if (name === 'borg' || name === 'borgbackup') return borgDelete(command);
  const words = command.argv.slice(1);
  const has = (flag: string) => words.some((word) => word.value === flag);
  if (has('--help') || has('-h')) return null;
  const operands = words.filter((word) => !(word.known && word.value.startsWith('-')));
  if (name === 'kopia') {
    const all = words.find((word) => word.value === '--all-snapshots-for-source');
    return operands[0]?.value === 'snapshot' && operands[1]?.value === 'delete' && all && has('--delete') ? {word: written(all), reason: 'kopia snapshot delete --all-snapshots-for-source --delete deletes every snapshot of that source'} : null;
  }

  if (name === 'duplicity') {
    const at = operands.findIndex((word) => word.value === 'remove-older-than');
    const time = at === -1 ? undefined : /^(\d+)([smhDWMY])$/.exec(operands[at + 1]?.value ?? '');
    const now = at !== -1 && operands[at + 1]?.value === 'now';
    if (!has('--force') || !(now || (time && Number(time[1]) * duplicityUnits[time[2]!]! < 86400))) return null;
    return {word: written(operands[at + 1]!), reason: `duplicity remove-older-than ${operands[at + 1]!.value} --force deletes every backup set older than that: the backups are gone`};
  }

  // wal-g (and wal-g-pg, wal-g-mysql…) `delete everything [FORCE] --confirm`.
  const everything = operands.findIndex((word) => word.value === 'everything');
  return everything > 0 && operands[everything - 1]?.value === 'delete' && has('--confirm') ? {word: written(operands[everything]!), reason: `${name} delete everything --confirm deletes every base backup and WAL segment in storage`} : null;
}

/** rclone purge, delete (but a retention cleanup by age), sync (but with --backup-dir, where deletions are kept). */
function rclone(command: SimpleCommand): Hit | null {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), rcloneSpec);
  const [verb, ...paths] = operands;
  if (!verb?.known || flags.has('--dry-run') || flags.has('--interactive') || asksHelp(command.argv)) return null;
  const where = paths.map(spelled).join(' ');
  if (verb.value === 'purge') return {word: written(verb), reason: `rclone purge ${where} deletes the path and everything in it`};
  if (verb.value === 'delete' && !flags.has('--min-age')) return {word: written(verb), reason: `rclone delete ${where} deletes every file under the path`};
  if (verb.value === 'sync' && !flags.has('--backup-dir') && values.get('--max-delete')?.value !== '0') {
    const [source, destination] = paths;
    return {word: written(verb), reason: `rclone sync ${where} deletes every file at ${destination ? spelled(destination) : 'the destination'} that ${source ? spelled(source) : 'the source'} lacks: an empty or wrong source empties it`};
  }

  return null;
}

export const rcloneDelete: BuiltinRule = {
  id: 'cloud.rclone-delete',
  pack: 'cloud',
  level: 'deny',
  reason: 'deletes files of a remote (rclone purge, delete, or a sync that deletes what its source lacks)',
  alternative: 'run it with --dry-run first; sync with --backup-dir, so what it deletes is kept',
  match: {program: ['rclone']},
  check: rclone,
  examples() {
    return {
      refuse: ['rclone sync ./empty remote:backup', 'rclone purge remote:backups/old', 'rclone delete remote:backups', 'rclone sync -P /data b2:bucket/data', 'rclone --config ./rclone.conf sync /srv s3:prod', 'rclone sync /data remote:backup --delete-excluded'],
      allow: ['rclone copy ./backups remote:backups', 'rclone sync ./backups remote:backups --dry-run', 'rclone sync -n /data remote:backup', 'rclone ls remote:backups', 'rclone delete remote:backups --min-age 30d', 'rclone sync /data remote:current --backup-dir remote:old/2024-05-01', 'rclone deletefile remote:tmp/x', 'rclone rmdirs remote:empty'],
    };
  },
};

export const backupRepositoryDelete: BuiltinRule = {
  id: 'cloud.backup-repository-delete',
  pack: 'cloud',
  level: 'deny',
  reason: 'deletes a whole backup repository or every backup in it (borg delete of a repository, not of one archive; kopia snapshot delete --all-snapshots-for-source --delete; duplicity remove-older-than under a day with --force; wal-g delete everything --confirm)',
  alternative: 'delete or prune archives by name or by age (borg prune --keep-*, kopia snapshot expire, duplicity remove-all-but-n-full N, wal-g delete retain N), and keep the repository',
  match: {program: ['borg', 'borgbackup', 'kopia', 'duplicity', 'wal-g', 'wal-g-pg', 'wal-g-mysql', 'wal-g-mongo', 'wal-g-redis']},
  check: backupsGone,
  examples() {
    return {
      refuse: ['kopia snapshot delete --all-snapshots-for-source root@db01:/var/lib/postgresql --delete', 'duplicity remove-older-than 1s --force sftp://backup@vault//srv/dup/web01', 'duplicity remove-older-than now --force file:///mnt/b', 'wal-g delete everything FORCE --confirm', 'wal-g-pg delete everything --confirm', 'borg delete ssh://borg@backup01/./srv-repo', 'BORG_DELETE_I_KNOW_WHAT_I_AM_DOING=YES borg delete /mnt/backup/repo', 'borg --remote-path borg1 delete --force ssh://b/./r', 'borg delete ::'],
      allow: ['borg delete /mnt/backup/repo::host-2024-05-01', 'borg delete --dry-run /mnt/backup/repo', 'borg prune --keep-daily 7 /mnt/backup/repo', 'borg list /mnt/backup/repo', 'borg delete --cache-only /mnt/backup/repo', 'borg delete -a "host-2023-*" /mnt/backup/repo', 'borg delete --help', 'kopia snapshot delete --all-snapshots-for-source root@db01:/var/lib/postgresql', 'kopia snapshot delete k5a6 --delete', 'duplicity remove-older-than 6M --force file:///mnt/b', 'duplicity remove-older-than 1s file:///mnt/b', 'wal-g delete everything', 'wal-g delete retain FULL 7 --confirm'],
    };
  },
};
