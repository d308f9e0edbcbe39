import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
  // A real SQLite database in the scratch folder: what a refused command would have destroyed.
  execFileSync('sqlite3', [join(box.dir, 'app.db'), 'CREATE TABLE users (id INTEGER); INSERT INTO users VALUES (1), (2);']);
});
afterEach(() => box.remove());

const write = (name: string, text: string) => writeFileSync(join(box.dir, name), text);
const run = (args: string[]) => guard(['run', ...args], {cwd: box.dir, env: box.env});
const check = (script: string) => guard(['check', '--', 'sh', '-c', script], {cwd: box.dir, env: box.env});
const rows = (query: string) => JSON.parse(execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}).trim() || '[]') as Array<Record<string, unknown>>;
const users = () => execFileSync('sqlite3', [join(box.dir, 'app.db'), 'SELECT count(*) FROM users'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim();
const userPolicy = (yaml: string) => {
  mkdirSync(join(box.env.XDG_CONFIG_HOME!, 'guard'), {recursive: true});
  writeFileSync(join(box.env.XDG_CONFIG_HOME!, 'guard/policy.yaml'), yaml, {mode: 0o644});
};

describe('SQL reaches a database client by file, input or pipe, and guard reads it', () => {
  it('refuses an SQL file redirected into the client, runs nothing, and leaves a blocked row naming the rule', async () => {
    write('wipe.sql', '-- tidy up\nDROP TABLE users;\n');
    const result = await run(['--', 'sh', '-c', 'sqlite3 ./app.db < ./wipe.sql']);
    expect(result.stderr).toBe('guard: refused by rule db.drop: sqlite3 runs DROP TABLE users (in ./wipe.sql), which deletes it and everything in it');
    expect(result.exitCode).toBe(77);
    expect(users()).toBe('2');
    expect(rows('select status, decision, rules from runs')).toEqual([{status: 'blocked', decision: 'deny', rules: '["db.drop"]'}]);
  });

  it('runs a file that only reads', async () => {
    write('report.sql', 'SELECT count(*) FROM users;\n');
    const result = await run(['--', 'sh', '-c', 'sqlite3 ./app.db < ./report.sql']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('2');
  });

  it.each([
    ['a pipe from echo', "echo 'DELETE FROM users;' | sqlite3 ./app.db", 'db.delete-all'],
    ['a pipe from cat of a file', 'cat ./wipe.sql | sqlite3 ./app.db', 'db.drop'],
    ['a heredoc', "sqlite3 ./app.db <<'SQL'\nBEGIN;\nDROP TABLE users;\nCOMMIT;\nSQL", 'db.drop'],
    ['a here-string', "sqlite3 ./app.db <<< 'UPDATE users SET id = 0'", 'db.update-all'],
    ['the client reading a file itself', "sqlite3 ./app.db '.read ./wipe.sql'", 'db.drop'],
    ['a file included by a file', "sqlite3 ./app.db '.read ./outer.sql'", 'db.drop'],
    ['psql -f', 'psql -v ON_ERROR_STOP=1 -f ./wipe.sql app', 'db.drop'],
    ['mysql, a dump whose DROP hides in a versioned comment', 'mysql shop < ./dump.sql', 'db.drop'],
    ['mongosh --file', 'mongosh --file ./wipe.js', 'db.drop'],
    ['a WHERE that holds for every row', "psql -c 'DELETE FROM users WHERE 1=1'", 'db.delete-all'],
    ['a DO block', 'psql -c "DO \\$\\$ BEGIN EXECUTE \'TRUNCATE \' || \'users\'; END \\$\\$"', 'db.truncate'],
    ['redis commands on its input', 'echo FLUSHALL | redis-cli', 'db.redis-flush'],
    ['Redis told to dump into ~/.ssh', 'redis-cli config set dir /root/.ssh', 'db.redis-file-write'],
    ['a Debian cluster dropped', 'pg_dropcluster 15 main --stop', 'db.dropdb'],
    ['etcd emptied', "etcdctl del '' --prefix", 'db.etcd-delete-all'],
    ['a restore that drops first', 'pg_restore --clean -d prod app.dump', 'db.restore-over'],
  ])('refuses SQL or commands fed by %s', async (_how, script, rule) => {
    write('wipe.sql', 'DROP TABLE users;\n');
    write('outer.sql', 'SELECT 1;\n.read ./wipe.sql\n');
    write('dump.sql', '/*!40101 SET NAMES utf8 */;\n/*!40000 DROP DATABASE IF EXISTS `shop`*/;\nCREATE DATABASE shop;\n');
    write('wipe.js', "db.getSiblingDB('app').dropDatabase();\n");
    const result = await check(script);
    expect(result.stderr).toMatch(new RegExp(`^guard: refused by rule ${rule.replace('.', '\\.')}: `));
    expect(result.exitCode).toBe(77);
  });

  it.each([
    ["psql -c \"SELECT 'DROP TABLE x' AS example\""],
    ["echo 'DROP TABLE users;' > ./examples.sql"],
    ["grep -rn 'DROP TABLE' ."],
    ["sqlite3 ./app.db 'SELECT count(*) FROM users'"],
    ['sqlite3 ./app.db .dump > ./backup.sql'],
    ["psql -c 'SELECT 1' < ./wipe.sql"],
    ["psql -c 'DROP INDEX idx_users_email'"],
    ["mongosh --eval 'db.users.deleteMany({inactive: true})'"],
    ['redis-cli --scan --pattern "session:*"'],
    ['for f in migrations/*.sql; do psql -f "$f"; done'],
  ])('lets through what only reads, or names no data to destroy: %s', async (script) => {
    write('wipe.sql', 'DROP TABLE users;\n');
    const result = await check(script);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });
});

describe('an SQL file guard cannot read is refused (db.unreadable)', () => {
  // Over 1 MiB: padding comments, then the statement guard would not have seen.
  const bigFile = () => write('big.sql', `${'-- padding\n'.repeat(110_000)}DROP TABLE users;\n`);

  it('refuses a missing file by name', async () => {
    const result = await check('psql -f ./missing.sql');
    expect(result.stderr).toBe(`guard: refused by rule db.unreadable: cannot read ${join(box.dir, 'missing.sql')}: no such file or folder (ENOENT): guard cannot vouch for what psql would run from a file it cannot read`);
    expect(result.exitCode).toBe(77);
  });

  it('refuses a file over 1 MiB, and runs it with a warning when the user policy lowers the rule', async () => {
    bigFile();
    const refused = await run(['--', 'sh', '-c', 'sqlite3 ./app.db < ./big.sql']);
    expect(refused.stderr).toBe(`guard: refused by rule db.unreadable: ${join(box.dir, 'big.sql')} is over 1 MiB, too large to check: guard cannot vouch for what sqlite3 would run from a file it cannot read`);
    expect(refused.exitCode).toBe(77);
    expect(users()).toBe('2');
    userPolicy('rules:\n  - id: db.unreadable\n    level: warn\n    reason: our generated migrations are large\n');
    const lowered = await run(['--', 'sh', '-c', 'sqlite3 ./app.db < ./big.sql']);
    // A warning now, in whichever words the lowering policy's layer gives it.
    expect(lowered.stderr).toMatch(/^guard: warning by rule db\.unreadable: /);
    expect(lowered.exitCode).toBe(0);
    expect(rows('select status, decision, rules from runs order by id')).toEqual([
      {status: 'blocked', decision: 'deny', rules: '["db.unreadable"]'},
      {status: 'succeeded', decision: 'warn', rules: '["db.unreadable"]'},
    ]);
    expect(() => users()).toThrow(/no such table/);
  });

  it('refuses a project policy that lowers it, with 78', async () => {
    bigFile();
    const project = join(box.dir, '.guardrc.yaml');
    writeFileSync(project, 'rules:\n  - id: db.unreadable\n    level: off\n    reason: trust me\n');
    const result = await run(['--', 'sh', '-c', 'sqlite3 ./app.db < ./big.sql']);
    expect(result.stderr).toBe(`guard: ${project}: rules[0].level: cannot lift rule db.unreadable to off: built-in sets it to deny; only the system or user policy may lift it`);
    expect(result.exitCode).toBe(78);
    expect(users()).toBe('2');
  });
});

describe('the delete verbs of the cloud CLIs and clusters', () => {
  it('refuses an argv run of aws terminate-instances, and records the rule', async () => {
    const result = await run(['--', 'aws', '--profile', 'prod', 'ec2', 'terminate-instances', '--instance-ids', 'i-0abc1234def567890']);
    expect(result.stderr).toBe('guard: refused by rule cloud.aws-delete: aws ec2 terminate-instances terminates them for good, with every volume set to go with them');
    expect(result.exitCode).toBe(77);
    expect(rows('select status, rules from runs')).toEqual([{status: 'blocked', rules: '["cloud.aws-delete"]'}]);
  });

  it.each([
    ['aws s3api delete-bucket --bucket prod-logs', 'cloud.aws-delete'],
    ['aws kms schedule-key-deletion --key-id alias/prod --pending-window-in-days 7', 'cloud.aws-delete'],
    ['aws s3 rb s3://prod-assets', 'cloud.s3-remove-bucket'],
    ['gcloud sql instances delete prod-db', 'cloud.gcloud-delete'],
    ['gcloud container clusters delete prod --region europe-west1 --quiet', 'cloud.gcloud-delete'],
    ['gsutil -m rm -r gs://prod-bucket', 'cloud.gcs-delete'],
    ['gcloud storage rm -r gs://prod-bucket', 'cloud.gcs-delete'],
    ['az group delete --name prod-rg --yes --no-wait', 'cloud.azure-delete'],
    ['az storage blob delete-batch -s backups --account-name prodstore', 'cloud.azure-delete'],
    ['terragrunt run-all destroy', 'cloud.terraform-destroy'],
    ['pulumi destroy --yes', 'cloud.pulumi-destroy'],
    ['pulumi stack rm prod --force --yes', 'cloud.pulumi-destroy'],
    ['rclone sync ./empty remote:backup', 'cloud.rclone-delete'],
    ['rclone purge remote:old', 'cloud.rclone-delete'],
    ['eksctl delete cluster --name prod', 'cloud.other-delete'],
    ['kubectl delete -f ./k8s/', 'clusters.delete-manifests'],
    ['kubectl delete pvc data-postgres-0 -n prod', 'clusters.delete-storage'],
    ['kubectl delete crd certificates.cert-manager.io', 'clusters.delete-all'],
    ['helm delete --purge prod-db', 'clusters.helm-uninstall'],
    ['docker rm -f $(docker ps -aq)', 'clusters.docker-remove-all'],
  ])('refuses %s', async (script, rule) => {
    const result = await check(script);
    expect(result.stderr).toMatch(new RegExp(`^guard: refused by rule ${rule.replace('.', '\\.')}: `));
    expect(result.exitCode).toBe(77);
  });

  it.each([
    ['aws ec2 describe-instances --filters Name=tag:env,Values=prod'],
    ['aws ec2 terminate-instances --instance-ids i-1 --dry-run'],
    ['aws sqs delete-message --queue-url "$Q" --receipt-handle "$H"'],
    ['aws s3 rm s3://b/tmp/one.txt'],
    ['gcloud compute instances list --format=json'],
    ['gsutil cp ./backup.tgz gs://backups/'],
    ['az storage blob delete-batch -s backups --account-name s --dryrun'],
    ['terraform plan -destroy -out=destroy.plan'],
    ['pulumi preview -s prod'],
    ['rclone sync ./backups remote:backups --dry-run'],
    ['rclone sync /data remote:current --backup-dir remote:old'],
    ['kubectl delete ns scratch --dry-run=client'],
    ['kubectl diff -f ./k8s/'],
    ['helm uninstall web --dry-run'],
    ['docker rm $(docker ps -aq -f status=exited)'],
  ])('lets through reading, planning, dry runs and single deletes: %s', async (script) => {
    const result = await check(script);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
