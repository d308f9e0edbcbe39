// Fills an audit database with N realistic, correctly chained runs (90 days, ~50 jobs,
// ~10% failures) for the benchmarks: `node scripts/fill-audit.js DB N`. Needs `npm run build`.
// Bulk inserts in large transactions (synchronous off: a generator needs no durability), then
// recomputes the stats rollups (job_hours, job_days) from all rows, as sealing each row would.
import {hostname} from 'node:os';
import Database from 'better-sqlite3';
import {chainHead, genesisHash, rowHash} from '../dist/audit/chain.js';
import {columnList, columns} from '../dist/audit/columns.js';
import {rebuildRollups} from '../dist/audit/rollup.js';
import {openAuditStore} from '../dist/audit/store.js';

const [path, countText] = process.argv.slice(2);
const count = Number(countText);
if (!path || !Number.isInteger(count) || count < 1) {
  process.stderr.write('usage: node scripts/fill-audit.js DB N\n');
  process.exit(64);
}

openAuditStore(path).close();
const db = new Database(path);
db.pragma('synchronous = OFF');

// A small deterministic generator: the same N gives the same log.
let state = 0x9e3779b9;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const programs = [
  ['backup', ['/usr/local/bin/backup.sh', '--full']],
  ['pg-dump', ['sh', '-c', 'pg_dump -Fc app | gzip > /backups/app.sql.gz']],
  ['logrotate', ['logrotate', '/etc/logrotate.conf']],
  ['certbot', ['certbot', 'renew', '--quiet']],
  ['rsync-media', ['rsync', '-a', '--delete', '/srv/media/', 'backup:/media/']],
  ['report', ['python3', '/opt/reports/nightly.py', '--email', 'ops@example.com']],
  ['cleanup', ['find', '/tmp', '-mtime', '+7', '-delete']],
  ['deploy', ['ansible-playbook', 'site.yml', '--limit', 'web']],
  ['reindex', ['psql', '-c', 'REINDEX DATABASE app']],
  ['sync-users', ['node', '/opt/sync/users.js']],
];
const jobs = Array.from({length: 50}, (_, index) => {
  const [base, argv] = programs[index % programs.length];
  return {argv, name: `${base}-${String(index).padStart(2, '0')}`};
});
const failures = ['failed', 'failed', 'failed', 'failed', 'timed_out', 'killed', 'lock_busy', 'blocked', 'error', 'interrupted'];

const head = chainHead(db) ?? {hash: genesisHash, seq: 0};
const firstId = (db.prepare('SELECT max(id) AS id FROM runs').get().id ?? 0) + 1;
const insert = db.prepare(`INSERT INTO runs (${columnList}) VALUES (${columns.map(() => '?').join(', ')})`);
const host = hostname();
const span = 90 * 86_400_000;
const end = Date.now();
let previous = head.hash;

function row(index) {
  const job = pick(jobs);
  const failed = random() < 0.1;
  const status = failed ? pick(failures) : 'succeeded';
  const startedMs = end - span + Math.floor(((index + random()) / count) * span);
  const duration = Math.floor(200 + random() ** 3 * 600_000);
  const command = job.argv.map((word) => (/[\s|>]/.test(word) ? `'${word}'` : word)).join(' ');
  const ran = status !== 'blocked' && status !== 'lock_busy';
  const values = {
    argv: JSON.stringify(job.argv), attempt: 1, child_pid: ran ? 20_000 + (index % 40_000) : null, child_start: ran ? 1000 + index : null,
    command, cwd: '/srv', decision: 'allow', duration_ms: ran ? duration : 0, ended_at: new Date(startedMs + duration).toISOString(),
    error: status === 'failed' || !failed ? null : `${status.replace('_', ' ')}`, exit_code: status === 'succeeded' ? 0 : status === 'timed_out' ? 124 : status === 'failed' ? 1 + (index % 3) : null,
    group_id: null, guard_version: '0.1.0', host, id: firstId + index, killed: status === 'killed' ? 1 : 0, lock: job.name, lock_epoch: null,
    name: job.name, notes: null, orphans: 0, pid: 10_000 + (index % 50_000), pid_start: 1000 + index, reason: null, rules: null,
    seq: head.seq + index + 1, signal: status === 'killed' ? 'SIGKILL' : null, started_at: new Date(startedMs).toISOString(), status,
    stderr_bytes: failed ? 120 : 0, stderr_tail: failed ? `${job.name}: error: something went wrong on step ${index % 7}\n` : '',
    stdout_bytes: 2048, stdout_tail: `${job.name} finished step ${index % 7}\n`, timed_out: status === 'timed_out' ? 1 : 0, user: 'ops',
    prev_hash: previous, hash: null,
  };
  values.hash = rowHash(values);
  previous = values.hash;
  return columns.map((column) => values[column]);
}

const batch = 50_000;
const fill = db.transaction((from, to) => {
  for (let index = from; index < to; index++) insert.run(row(index));
});
for (let from = 0; from < count; from += batch) fill.immediate(from, Math.min(count, from + batch));
db.transaction(() => rebuildRollups(db)).immediate();
db.pragma('optimize');
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
