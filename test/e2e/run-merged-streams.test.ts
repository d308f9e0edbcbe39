import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {mergedNote} from '../../src/run/record.js';
import {bin, sandbox} from '../helpers/guard.js';

// cron gives a job one pipe for stdout and stderr, and `>log 2>&1` one file: guard's two
// outputs are then one open file, and the command must get one pipe for both, or the
// order of its lines is lost between two pipes read side by side.

let box: ReturnType<typeof sandbox>;
let env: Record<string, string>;
beforeEach(() => {
  box = sandbox();
  env = {...process.env, NODE_OPTIONS: '', ...box.env, HOME: box.dir} as Record<string, string>;
});
afterEach(() => box.remove());

const guardLine = `node ${JSON.stringify(bin)}`;
// 100 lines to each stream, alternating: two pipes read side by side never keep this order.
const alternating = `i=0; while [ $i -lt 100 ]; do i=$((i+1)); echo out$i; echo err$i >&2; done`;
const interleaved = Array.from({length: 100}, (_, index) => `out${index + 1}\nerr${index + 1}\n`).join('');
const only = (stream: 'err' | 'out') => Array.from({length: 100}, (_, index) => `${stream}${index + 1}\n`).join('');

const bash = (script: string) => execa('bash', ['-c', `set -o pipefail; ${script}`], {env, reject: false, stripFinalNewline: false, extendEnv: false});
const rows = (query: string) => JSON.parse(execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}) || '[]') as Array<Record<string, unknown>>;
const file = (name: string) => join(box.dir, name);

describe('guard run with stdout and stderr on one file', () => {
  it('keeps the order of stdout and stderr lines in one pipe (2>&1 |), as cron gives', async () => {
    const result = await bash(`${guardLine} run -- sh -c '${alternating}' 2>&1 | cat`);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(interleaved);
  });

  it('keeps their order in one file (>log 2>&1), and the row says stdout_tail holds both', async () => {
    const result = await bash(`${guardLine} run -- sh -c '${alternating}' >${file('log')} 2>&1`);
    expect(result.exitCode).toBe(0);
    expect(readFileSync(file('log'), 'utf8')).toBe(interleaved);
    expect(rows('select stdout_tail, stderr_tail, stdout_bytes, stderr_bytes, notes from runs')).toEqual([
      {notes: JSON.stringify([mergedNote]), stderr_bytes: 0, stderr_tail: '', stdout_bytes: interleaved.length, stdout_tail: interleaved},
    ]);
  });

  it('keeps their order in one socket for both, as a service manager gives', async () => {
    // A socket pair: guard's stdout and stderr are the same socket, read here to the end.
    const script = [
      'import socket, subprocess, sys',
      'mine, theirs = socket.socketpair()',
      `child = subprocess.Popen(sys.argv[1:], stdout=theirs, stderr=theirs, stdin=subprocess.DEVNULL)`,
      'theirs.close()',
      'data = b""',
      'while chunk := mine.recv(65536): data += chunk',
      'sys.stdout.write(data.decode())',
      'sys.exit(child.wait())',
    ].join('\n');
    const result = await execa('python3', ['-c', script, process.execPath, bin, 'run', '--', 'sh', '-c', alternating], {env, reject: false, stripFinalNewline: false, extendEnv: false});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(interleaved);
  });

  it('gives the command one pipe: its stdout and stderr are the same open file', async () => {
    const result = await bash(`${guardLine} run -- sh -c '[ "$(readlink /proc/$$/fd/1)" = "$(readlink /proc/$$/fd/2)" ] && echo one pipe' 2>&1 | cat`);
    expect(result.stdout).toBe('one pipe\n');
  });

  it('keeps two pipes, and no note, when stdout and stderr are different files', async () => {
    const result = await bash(`${guardLine} run -- sh -c '${alternating}' >${file('out')} 2>${file('err')}`);
    expect(result.exitCode).toBe(0);
    expect(readFileSync(file('out'), 'utf8')).toBe(only('out'));
    expect(readFileSync(file('err'), 'utf8')).toBe(only('err'));
    expect(rows('select stdout_tail, stderr_tail, notes from runs')).toEqual([{notes: null, stderr_tail: only('err'), stdout_tail: only('out')}]);
  });

  it('under --quiet replays a failed run in the order written, then the outcome; prints nothing for a success', async () => {
    const failed = await bash(`${guardLine} run --quiet -- sh -c '${alternating}; exit 3' 2>&1 | cat`);
    const lines = failed.stdout.split('\n');
    expect(lines.slice(0, 200).join('\n') + '\n').toBe(interleaved);
    expect(lines.slice(200)).toEqual([expect.stringMatching(/^guard: sh failed with exit status 3 after \S+ \(run 1\)$/), '']);
    const succeeded = await bash(`${guardLine} run --quiet -- sh -c '${alternating}' 2>&1 | cat`);
    expect(succeeded.stdout).toBe('');
    expect(rows('select stdout_tail, notes from runs order by id')).toEqual([
      {notes: JSON.stringify([mergedNote]), stdout_tail: interleaved},
      {notes: JSON.stringify([mergedNote]), stdout_tail: interleaved},
    ]);
  });

  it('under --foreground leaves the command on guard own file, in order, and keeps nothing', async () => {
    const result = await bash(`${guardLine} run --foreground -- sh -c '${alternating}' >${file('log')} 2>&1`);
    expect(result.exitCode).toBe(0);
    expect(readFileSync(file('log'), 'utf8')).toBe(interleaved);
    expect(rows('select stdout_tail, stdout_bytes, notes from runs')).toEqual([{notes: null, stdout_bytes: 0, stdout_tail: ''}]);
  });

  it('gives each retry one pipe too: every attempt in order, and every row notes it', async () => {
    const result = await bash(`${guardLine} run --retries 1 --retry-delay 10ms -- sh -c '${alternating}; exit 2' 2>&1 | cat`);
    expect(result.exitCode).toBe(2);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 200).join('\n') + '\n').toBe(interleaved);
    expect(lines[200]).toMatch(/^guard: attempt 1 of 2 failed with status 2; retrying in /);
    expect(lines.slice(201).join('\n')).toBe(interleaved);
    expect(rows('select attempt, stdout_tail, stderr_bytes, notes from runs order by id')).toEqual([
      {attempt: 1, notes: JSON.stringify([mergedNote]), stderr_bytes: 0, stdout_tail: interleaved},
      {attempt: 2, notes: JSON.stringify([mergedNote]), stderr_bytes: 0, stdout_tail: interleaved},
    ]);
  });
});
