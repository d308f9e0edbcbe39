import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

interface LogLine {
  level: number;
  msg: string;
  time: number;
  [field: string]: unknown;
}

/** Every line must be a JSON object with level, msg and time: the test fails on anything else. */
function jsonLines(text: string): LogLine[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const parsed = JSON.parse(line) as LogLine;
      expect(parsed).toMatchObject({level: expect.any(Number), msg: expect.any(String), time: expect.any(Number)});
      return parsed;
    });
}

const refusal = 'refused by rule fs.rm-root: rm -rf / would delete the root filesystem';

describe('GUARD_LOG=json', () => {
  it.each([
    ['a refusal', ['run', '--', 'rm', '-rf', '/'], /^refused by rule fs\.rm-root: /, 77],
    ['a timeout', ['run', '--timeout', '200ms', '--kill-after', '0', '--', 'sleep', '30'], /^timed out after 200ms; stopped its process group/, 124],
    ['a bad flag of run', ['run', '--bogus', '--', 'true'], /^unknown flag --bogus/, 64],
    ['a bad flag of another command', ['history', '--bogus'], /^unknown flag --bogus; see guard history --help$/, 64],
    ['a log that is not there', ['show', '12345'], /^audit log .*: does not exist /, 74],
    ['an unknown command', ['policy', 'nosuch'], /^unknown command policy nosuch; see guard policy --help$/, 64],
  ])('turns every line guard writes on stderr into a JSON object: %s', async (_, args, message, status) => {
    const result = await guard(args, {env: {...box.env, GUARD_LOG: 'json'}});
    const lines = jsonLines(result.stderr);
    expect(lines.map((line) => line.msg)).toContainEqual(expect.stringMatching(message));
    expect(result.exitCode).toBe(status);
  });

  it('turns the problems policy validate finds into JSON lines naming the file', async () => {
    const path = join(box.dir, 'bad.json');
    writeFileSync(path, JSON.stringify({defaults: {timeout: 'soon'}, rules: [{id: 'x', level: 'maybe', reason: 'r', match: {program: 'rm'}}]}));
    const result = await guard(['policy', 'validate', path], {env: {...box.env, GUARD_LOG: 'json'}});
    const lines = jsonLines(result.stderr);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({file: path, layer: 'project', level: 50, msg: expect.stringContaining(`${path}: defaults.timeout: not a duration`)});
    expect(result.exitCode).toBe(78);
  });

  it("ends each run with a line carrying its id, status, exit_code and the audit log's new head", async () => {
    const result = await guard(['run', '--', 'sh', '-c', 'exit 3'], {env: {...box.env, GUARD_LOG: 'json'}});
    expect(result.exitCode).toBe(3);
    const [end] = jsonLines(result.stderr);
    expect(end).toMatchObject({exit_code: 3, id: 1, level: 30, msg: 'run ended', status: 'failed', head: expect.stringMatching(/^[0-9a-f]{64}$/)});

    const verified = await guard(['verify', '--head', String(end!.head)], {env: box.env});
    expect(verified.stdout).toContain(`head ${end!.head}`);
    expect(verified.exitCode).toBe(0);
  });
});

describe('GUARD_LOG_FILE', () => {
  it('appends JSON lines to the file, making its folder, while stderr keeps the readable lines', async () => {
    const file = join(box.dir, 'logs/guard/guard.log');
    const env = {...box.env, GUARD_LOG_FILE: file};
    const refused = await guard(['run', '--', 'rm', '-rf', '/'], {env});
    expect(refused.stderr).toBe(`guard: ${refusal}`);
    expect(refused.exitCode).toBe(77);
    expect((await guard(['run', '--', 'true'], {env})).exitCode).toBe(0);

    const lines = jsonLines(readFileSync(file, 'utf8'));
    expect(lines).toEqual([
      expect.objectContaining({level: 50, msg: refusal}),
      expect.objectContaining({exit_code: 77, id: 1, msg: 'run ended', status: 'blocked'}),
      expect.objectContaining({exit_code: 0, id: 2, msg: 'run ended', status: 'succeeded'}),
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(box.dir, 'logs')).mode & 0o777).toBe(0o700);
  });

  it('with GUARD_LOG=json too, writes the JSON lines to the file and nothing to stderr', async () => {
    const file = join(box.dir, 'guard.log');
    const result = await guard(['run', '--', 'rm', '-rf', '/'], {env: {...box.env, GUARD_LOG: 'json', GUARD_LOG_FILE: file}});
    expect(result.stderr).toBe('');
    expect(jsonLines(readFileSync(file, 'utf8')).map((line) => line.msg)).toEqual([refusal, 'run ended']);
    expect(result.exitCode).toBe(77);
  });

  it.each([
    ['is a folder', () => box.dir, 'it is a folder (EISDIR)'],
    ['lies under a file', () => join(box.env.XDG_CONFIG_HOME, 'guard.log'), 'a part of the path is not a folder (ENOTDIR)'],
  ])('that %s stops guard before anything runs: one line, exit 64', async (_, fileOf, cause) => {
    writeFileSync(box.env.XDG_CONFIG_HOME, 'not a folder');
    const marker = join(box.dir, 'ran');
    const env = {...box.env, GUARD_LOG_FILE: fileOf()};
    const result = await guard(['run', '--', 'touch', marker], {env});
    expect(result.stderr).toBe(`guard: GUARD_LOG_FILE ${fileOf()}: cannot open it: ${cause}`);
    expect(result.exitCode).toBe(64);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(box.env.GUARD_DB)).toBe(false);

    const history = await guard(['history'], {env: {...env, GUARD_LOG: 'json'}});
    expect(jsonLines(history.stderr)).toEqual([expect.objectContaining({level: 50, msg: `GUARD_LOG_FILE ${fileOf()}: cannot open it: ${cause}`})]);
    expect(history.exitCode).toBe(64);
  });

  it('that fails after it was opened moves the JSON lines to stderr, so the head is not lost', async () => {
    const result = await guard(['run', '--', 'true'], {env: {...box.env, GUARD_LOG_FILE: '/dev/full'}});
    const [first, ...rest] = result.stderr.split('\n');
    expect(first).toBe('guard: GUARD_LOG_FILE /dev/full: cannot write to it: no space left on device (ENOSPC); the JSON log lines follow on stderr');
    expect(jsonLines(rest.join('\n'))).toEqual([expect.objectContaining({head: expect.stringMatching(/^[0-9a-f]{64}$/), msg: 'run ended', status: 'succeeded'})]);
    expect(result.exitCode).toBe(0);
  });
});
