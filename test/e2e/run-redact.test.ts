import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin, guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

// Each secret once, in one place: any trace of it anywhere guard stores or prints is a leak.
const secrets = {
  argvFlag: 'ArgvPw7f3k9q',
  argvNextWord: 'ArgvTok2m8x',
  argvUrl: 'UrlPw5t1zQ',
  envAssignment: 'EnvAssign4k2p',
  stdoutAssignment: 'OutTok9c4vB',
  stdoutToken: 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx',
  stderrBearer: 'ErrBearer4h7jR',
  stderrKey: 'MIIEowIBAAKCAQEA7yn3bRHQ5FHMQcutHere',
  policyArgv: 'acme-0f1e2d3c4b5a',
  policyStdout: 'acme-9a8b7c6d5e4f',
  environment: 'EnvOnlyN0tStored',
};

// Prints what it was given (so the test can see the real values arrived), then the output
// secrets kept in files, so none of them is also a word of the command.
const job = [
  'printf "%s\\n" "$@" > "$JOB_DIR/argv.seen"',
  'printf "%s\\n" "$JOB_TOKEN" > "$JOB_DIR/env.seen"',
  'cat "$JOB_DIR/stdout.txt"',
  'cat "$JOB_DIR/stderr.txt" >&2',
].join('\n');

const argv = [
  'sh',
  'job.sh',
  `--password=${secrets.argvFlag}`,
  '--token',
  secrets.argvNextWord,
  `postgres://app:${secrets.argvUrl}@db.internal/shop`,
  `PGPASSWORD=${secrets.envAssignment}`,
  secrets.policyArgv,
  'plain-word',
];

function prepare(): Record<string, string> {
  writeFileSync(join(box.dir, 'job.sh'), job);
  writeFileSync(join(box.dir, 'stdout.txt'), `export API_TOKEN=${secrets.stdoutAssignment}\nfetched with ghp_${secrets.stdoutToken}\nlicence ${secrets.policyStdout}\n`);
  writeFileSync(
    join(box.dir, 'stderr.txt'),
    `> Authorization: Bearer ${secrets.stderrBearer}\n-----BEGIN RSA PRIVATE KEY-----\n${secrets.stderrKey}\nq3Zy9+/a==\n-----END RSA PRIVATE KEY-----\n`,
  );
  // A policy pattern with a capture group masks the group: `acme-` stays readable.
  writeFileSync(join(box.dir, 'policy.json'), JSON.stringify({redact: ['acme-([0-9a-f]{12})']}));
  return {...box.env, JOB_DIR: box.dir, JOB_TOKEN: secrets.environment};
}

const run = (args: string[], env: Record<string, string>) => guard(['run', '--policy', join(box.dir, 'policy.json'), ...args, '--', ...argv], {cwd: box.dir, env});

function leaks(text: string): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

// guard's stderr carries the command's own stderr, which guard passes on unchanged: only
// guard's lines (JSON here) are guard's to redact.
const guardLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('{'));

describe('S8 argv secrets and S9 output secrets never reach what guard stores or prints', () => {
  it('masks them in the audit file, the -wal, history, show, run --json and the JSON log, while the command gets the real values', {timeout: 120_000}, async () => {
    // Eight guard processes in a row: more than the usual time limit on a loaded machine.
    const env = prepare();
    const logFile = join(box.dir, 'guard.log');
    // The first run creates the log; a reader kept open stops the last writer from folding
    // the -wal back into the file, so the second run's rows are still in the -wal to read.
    expect((await run([], env)).exitCode).toBe(0);
    const reader = new Database(box.env.GUARD_DB!, {readonly: true});
    expect(reader.prepare('SELECT count(*) AS runs FROM runs').get()).toEqual({runs: 1});
    try {
      const printed = await run(['--json'], {...env, GUARD_LOG: 'json'});
      expect(printed.exitCode).toBe(0);
      const logged = await run(['--lock', 'nightly'], {...env, GUARD_LOG_FILE: logFile});
      expect(logged.exitCode).toBe(0);

      // The command itself saw every word and variable as given.
      expect(readFileSync(join(box.dir, 'argv.seen'), 'utf8')).toBe(argv.slice(2).join('\n') + '\n');
      expect(readFileSync(join(box.dir, 'env.seen'), 'utf8')).toBe(`${secrets.environment}\n`);
      // And its output reached guard's stdout and stderr unchanged.
      expect(logged.stdout).toContain(secrets.stdoutToken);
      expect(logged.stderr).toContain(secrets.stderrKey);

      const wal = `${box.env.GUARD_DB}-wal`;
      expect(existsSync(wal)).toBe(true);
      expect(readFileSync(wal).length).toBeGreaterThan(0);
      for (const file of [box.env.GUARD_DB!, wal]) expect(leaks(readFileSync(file).toString('latin1')), file).toEqual([]);

      const lines = guardLines(String(printed.stderr));
      expect(lines.some((line) => JSON.parse(line).msg === 'run ended')).toBe(true);
      const record = JSON.parse(lines.find((line) => 'argv' in JSON.parse(line))!);
      expect(record.argv).toEqual([
        'sh',
        'job.sh',
        '--password=***',
        '--token',
        '***',
        'postgres://app:***@db.internal/shop',
        'PGPASSWORD=***',
        'acme-***',
        'plain-word',
      ]);
      expect(leaks(lines.join('\n'))).toEqual([]);
      expect(readFileSync(logFile, 'utf8')).toContain('run ended');
      expect(leaks(readFileSync(logFile, 'utf8'))).toEqual([]);
    } finally {
      reader.close();
    }

    const queries = [['history'], ['history', '--json'], ['show', '3'], ['show', '3', '--json']];
    const results = await Promise.all(queries.map((args) => guard(args, {env: box.env})));
    for (const [index, result] of results.entries()) {
      expect(result.exitCode, queries[index]!.join(' ')).toBe(0);
      expect(leaks(String(result.stdout) + String(result.stderr)), queries[index]!.join(' ')).toEqual([]);
    }

    const row = JSON.parse(String(results[3]!.stdout));
    expect(row.stdout_tail).toBe('export API_TOKEN=***\nfetched with ghp_***\nlicence acme-***\n');
    expect(row.stderr_tail).toBe('> Authorization: Bearer ***\n-----BEGIN RSA PRIVATE KEY-----\n***\n-----END RSA PRIVATE KEY-----\n');
    expect(JSON.parse(String(results[1]!.stdout))).toHaveLength(3);
  });

  it('drops the piece of a line where the tail cut a secret in two', async () => {
    const secret = 'CutInTwo8y3n';
    const line = `export API_TOKEN=${secret}\n`;
    // The tail keeps the last 64 KiB: this places its first byte inside API_TOKEN.
    const cutAt = line.indexOf('KEN=');
    const rest = 64 * 1024 - (line.length - cutAt);
    writeFileSync(join(box.dir, 'out.txt'), `${'x'.repeat(99)}\n${line}${'y'.repeat(rest - 1)}\n`);
    const result = await guard(['run', '--', 'cat', 'out.txt'], {cwd: box.dir, env: box.env});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(secret);
    const row = JSON.parse(String((await guard(['show', '1', '--json'], {env: box.env})).stdout));
    expect(row.stdout_bytes).toBe(100 + line.length + rest);
    expect(row.stdout_tail).toBe(`${'y'.repeat(rest - 1)}\n`);
    expect(readFileSync(box.env.GUARD_DB!).toString('latin1')).not.toContain(secret);
  });

  it('masks the words guard quotes when it refuses, in the log line, the row and guard check', async () => {
    const command = ['rm', '-rf', '/etc/PGPASSWORD=RefusedPw6d1s'];
    const logFile = join(box.dir, 'guard.log');
    const refused = await guard(['run', '--', ...command], {cwd: box.dir, env: {...box.env, GUARD_LOG_FILE: logFile}});
    expect(refused.exitCode).toBe(77);
    expect(refused.stderr).toBe('guard: refused by rule fs.protected-path: rm -rf /etc/PGPASSWORD=*** would delete /etc/PGPASSWORD=*** directly in /etc');
    expect(readFileSync(logFile, 'utf8')).toContain('refused by rule fs.protected-path');
    expect(readFileSync(logFile, 'utf8')).not.toContain('RefusedPw6d1s');
    expect(readFileSync(box.env.GUARD_DB!).toString('latin1')).not.toContain('RefusedPw6d1s');

    const checked = await guard(['check', '--', ...command], {cwd: box.dir, env: box.env});
    expect(checked.exitCode).toBe(77);
    expect(checked.stdout).toContain('[word: /etc/PGPASSWORD=***]');
    const json = await guard(['check', '--json', '--', ...command], {cwd: box.dir, env: box.env});
    expect(JSON.parse(String(json.stdout)).findings[0]).toMatchObject({word: '/etc/PGPASSWORD=***'});
    expect(String(checked.stdout) + String(checked.stderr) + String(json.stdout) + String(json.stderr)).not.toContain('RefusedPw6d1s');
  });

  it('masks the words of a confirm rule asked about on the terminal', () => {
    const policy = join(box.dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({rules: [{id: 'local.ask', level: 'confirm', reason: 'touches the job folder', match: {program: 'touch', operandsUnder: [`${box.dir}/**`]}}]}));
    const target = join(box.dir, 'PGPASSWORD=TtyPw3v8k');
    const command = `node ${bin} run --name deploy --policy ${policy} -- touch ${target}`;
    const shown = execFileSync('sh', ['-c', `printf 'nope\\n' | script -qec "${command}" /dev/null; echo "status $?"`], {
      cwd: box.dir,
      encoding: 'utf8',
      env: {...process.env, ...box.env},
    });
    expect(shown).toMatch(/type the job name \(deploy\) to go on/);
    expect(shown).toContain(`[word: ${box.dir}/PGPASSWORD=***]`);
    expect(shown).not.toContain('TtyPw3v8k');
    expect(shown.trim()).toMatch(/status 77$/);
    expect(existsSync(target)).toBe(false);
  });
});

describe('masking never hides the command', () => {
  // A project folder under a HOME of its own: the .guardrc search stops there.
  function project(): {dir: string; env: Record<string, string>} {
    const dir = join(box.dir, 'project');
    mkdirSync(join(dir, 'sub/X'), {recursive: true});
    writeFileSync(join(dir, 'victim'), '');
    return {dir, env: {...box.env, HOME: box.dir}};
  }

  const row = async (id: number, env: Record<string, string>) => JSON.parse(String((await guard(['show', String(id), '--json'], {env})).stdout));
  const grep = async (text: string, env: Record<string, string>) =>
    (JSON.parse(String((await guard(['history', '--grep', text, '--json'], {env})).stdout)) as Array<{id: number}>).map((run) => run.id);

  it('stores a sh -c script with its secrets masked and every command, operator and path kept', async () => {
    const {dir, env} = project();
    const piped = await guard(['run', '--', 'sh', '-c', 'echo --secret PipedPw4r|rm -f victim'], {cwd: dir, env});
    expect(piped.exitCode).toBe(0);
    expect(existsSync(join(dir, 'victim'))).toBe(false);
    const listed = await guard(['run', '--', 'sh', '-c', 'DEPLOY_KEY=ListPw7q; rm -rf sub/X'], {cwd: dir, env});
    expect(listed.exitCode).toBe(0);
    expect(existsSync(join(dir, 'sub/X'))).toBe(false);

    expect(await row(1, env)).toMatchObject({argv: ['sh', '-c', 'echo --secret ***|rm -f victim'], command: "sh -c 'echo --secret ***|rm -f victim'"});
    expect(await row(2, env)).toMatchObject({argv: ['sh', '-c', 'DEPLOY_KEY=***; rm -rf sub/X'], command: "sh -c 'DEPLOY_KEY=***; rm -rf sub/X'"});
    expect(await grep('rm -', env)).toEqual([2, 1]);
    expect(String((await guard(['history', '--grep', 'rm'], {env})).stdout)).toMatch(/DEPLOY_KEY=\*\*\*; rm/);
    const file = readFileSync(box.env.GUARD_DB!).toString('latin1');
    expect(file).not.toContain('PipedPw4r');
    expect(file).not.toContain('ListPw7q');
  });

  it("keeps the programs and operators when a repository's .guardrc masks everything it can", async () => {
    const {dir, env} = project();
    writeFileSync(join(dir, '.guardrc.json'), JSON.stringify({redact: ['.+', 'rm.*', String.raw`[\s\S]*`]}));
    const script = await guard(['run', '--', 'sh', '-c', 'echo hi|rm -f victim'], {cwd: dir, env});
    expect(script.exitCode).toBe(0);
    expect(existsSync(join(dir, 'victim'))).toBe(false);
    const wrapped = await guard(['run', '--', 'env', 'X=1', 'rm', '-rf', 'sub/X'], {cwd: dir, env});
    expect(wrapped.exitCode).toBe(0);

    // Each word the patterns match is masked, save the programs; the blanks and operators stay.
    expect(await row(1, env)).toMatchObject({argv: ['sh', '***', 'echo ***|rm *** ***'], command: "sh '***' 'echo ***|rm *** ***'"});
    expect(await row(2, env)).toMatchObject({argv: ['env', '***', 'rm', '***', '***'], command: "env '***' rm '***' '***'"});
    expect(await grep('rm', env)).toEqual([2, 1]);
  });

  it('masks curl -u, sshpass -p and --password VALUE in a script, and password keys in JSON and YAML output', async () => {
    const {dir, env} = project();
    writeFileSync(
      join(dir, 'out.txt'),
      ['{"user": "app", "password": "Json Pw 5k"}', 'db:', '  db_password: YamlPw6m', '+ curl -u ci:TracePw8z https://example.invalid', ''].join('\n'),
    );
    const script = 'cat out.txt; : curl -fsS -u ci:CurlPw1a https://example.invalid; : sshpass -p SshPw2b ssh -p 2222 host uptime; : mysql --password MyPw3c shop';
    const result = await guard(['run', '--', 'sh', '-c', script], {cwd: dir, env});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Json Pw 5k');

    const masked = 'cat out.txt; : curl -fsS -u ci:*** https://example.invalid; : sshpass -p *** ssh -p 2222 host uptime; : mysql --password *** shop';
    const ran = await row(1, env);
    expect(ran).toMatchObject({argv: ['sh', '-c', masked], command: `sh -c '${masked}'`});
    expect(ran.stdout_tail).toBe('{"user": "app", "password": "***"}\ndb:\n  db_password: ***\n+ curl -u ci:*** https://example.invalid\n');
    const file = readFileSync(box.env.GUARD_DB!).toString('latin1');
    for (const secret of ['CurlPw1a', 'SshPw2b', 'MyPw3c', 'Json Pw 5k', 'YamlPw6m', 'TracePw8z']) expect(file, secret).not.toContain(secret);
  });
});
