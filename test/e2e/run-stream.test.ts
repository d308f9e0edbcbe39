import {spawn} from 'node:child_process';
import {execFileSync} from 'node:child_process';
import {closeSync, constants, existsSync, openSync, readFileSync, readSync, statSync} from 'node:fs';
import {Socket} from 'node:net';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin, sandbox} from '../helpers/guard.js';
import {eventually, livingInGroup} from '../helpers/processes.js';

// Most e2e tests capture guard's output through execa, whose stdio is a socket pair. Here
// guard's stdout is what it usually is in production: a pipe, a file, /dev/null.

let box: ReturnType<typeof sandbox>;
let open: number[] = [];
beforeEach(() => {
  box = sandbox();
});
afterEach(() => {
  for (const fd of open) closeSync(fd);
  open = [];
  box.remove();
});

const env = () => ({...process.env, NODE_OPTIONS: '', ...box.env});
const pidFile = () => join(box.dir, 'pid');
const readPid = () => Number(readFileSync(pidFile(), 'utf8').trim());

/** A pipe for guard's stdout: the test holds the read end (non-blocking) and the blocking write end. */
function pipe(): {read: number; write: number} {
  const path = join(box.dir, `pipe-${open.length}`);
  execFileSync('mkfifo', [path]);
  const read = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const write = openSync(path, constants.O_WRONLY);
  open.push(read, write);
  return {read, write};
}

function runWithStdout(stdout: number, args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], {env: env(), stdio: ['ignore', stdout, 'pipe']});
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{code: number | null; at: number; stderr: string}>((resolve) => {
    child.once('exit', (code) => resolve({code, at: Date.now(), stderr}));
  });
  return {child, exited};
}

const flagsOf = (fd: number) => Number.parseInt(/^flags:\s+(\d+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1]!, 8);

describe('guard run streams into pipes, files and devices', () => {
  it('exits at the timeout while nobody reads its stdout pipe, and leaves that pipe blocking', async () => {
    const {write} = pipe();
    const began = Date.now();
    const {exited} = runWithStdout(write, ['run', '--timeout', '1s', '--', 'sh', '-c', `echo $$ > ${pidFile()}; exec yes`]);
    const {code, at, stderr} = await exited;
    expect(code).toBe(124);
    expect(stderr).toContain('timed out after 1s');
    // About a second: 1 s of timeout, 250 ms of draining, start-up on a loaded machine.
    expect(at - began).toBeLessThan(4000);
    expect(livingInGroup(readPid())).toEqual([]);
    // The write end is the same open file description guard inherited: a shell writing to it next must not get EAGAIN.
    expect(flagsOf(write) & constants.O_NONBLOCK).toBe(0);
  });

  it('holds the command back while its reader is slow, and delivers every byte in order', async () => {
    const guard = `node ${JSON.stringify(bin)} run --`;
    const sum = (command: string) => execFileSync('bash', ['-c', `${command} | sha256sum`], {encoding: 'utf8'});
    const out = await execa('bash', ['-c', `${guard} seq 1 2000000 | (sleep 1; sha256sum)`], {env: env(), reject: false});
    expect(out.stdout + '\n').toBe(sum('seq 1 2000000'));
    const err = await execa('bash', ['-c', `${guard} sh -c 'seq 1 300000 >&2' 2>&1 >/dev/null | (sleep 1; sha256sum)`], {env: env(), reject: false});
    expect(err.stdout + '\n').toBe(sum('seq 1 300000'));
  });

  it('still delivers everything the command wrote to a reader that is slow but reading', async () => {
    const {read, write} = pipe();
    let received = 0;
    const buffer = Buffer.alloc(4096);
    // About 80 KB/s: when the command ends, a pipeful still waits in guard's FIFO, and more
    // than guard's 250 ms of draining can pass on.
    const reading = setInterval(() => {
      try {
        received += readSync(read, buffer, 0, buffer.length, null);
      } catch {}
    }, 50);
    const {exited} = runWithStdout(write, ['run', '--json', '--', 'head', '-c', '300000', '/dev/zero']);
    const {code, stderr} = await exited;
    expect(await eventually(() => received >= 300_000, 10_000)).toBe(true);
    clearInterval(reading);
    expect(code).toBe(0);
    expect(received).toBe(300_000);
    expect(JSON.parse(stderr)).toMatchObject({stdout_bytes: 300_000});
  });

  it('writes to a regular file and to /dev/null, and counts every byte', async () => {
    const file = join(box.dir, 'out');
    const result = await execa('bash', ['-c', `node ${JSON.stringify(bin)} run --json -- seq 1 1000000 > ${file}`], {env: env(), reject: false});
    expect(result.exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(execFileSync('seq', ['1', '1000000'], {encoding: 'utf8', maxBuffer: 1 << 26}));
    expect(JSON.parse(result.stderr)).toMatchObject({stdout_bytes: statSync(file).size, stdout_kept: 65_536});

    const devNull = await execa('bash', ['-c', `node ${JSON.stringify(bin)} run --json -- head -c 50000000 /dev/zero > /dev/null`], {env: env(), reject: false});
    expect(devNull.exitCode).toBe(0);
    expect(JSON.parse(devNull.stderr)).toMatchObject({stdout_bytes: 50_000_000, stdout_kept: 65_536});
  });

  it('drops the copy but keeps counting when its stdout fails (/dev/full)', async () => {
    const result = await execa('bash', ['-c', `node ${JSON.stringify(bin)} run --json -- head -c 300000 /dev/zero > /dev/full`], {env: env(), reject: false});
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stderr)).toMatchObject({status: 'succeeded', stdout_bytes: 300_000, stdout_kept: 65_536});
  });

  it('passes the end of a fast burst through before the command pauses', async () => {
    const {read, write} = pipe();
    const reader = new Socket({fd: read, readable: true, writable: false});
    let seen = '';
    let markerAt = 0;
    reader.on('data', (chunk: Buffer) => {
      // Only the end matters: 20 MB of zeros come first.
      seen = (seen + chunk.toString('latin1')).slice(-64);
      if (!markerAt && seen.includes('marker\n')) markerAt = Date.now();
    });
    const {exited} = runWithStdout(write, ['run', '--', 'sh', '-c', 'head -c 20000000 /dev/zero; echo marker; sleep 3; echo end']);
    const {code, at} = await exited;
    expect(code).toBe(0);
    expect(await eventually(() => seen.endsWith('marker\nend\n'))).toBe(true);
    reader.destroy();
    open = open.filter((fd) => fd !== read);
    expect(markerAt).toBeGreaterThan(0);
    // The marker arrived while the command slept (3 s before guard exited), not at its end.
    expect(at - markerAt).toBeGreaterThan(2000);
  });

  it('keeps writing into a pipe that another process shares after guard exits', async () => {
    const file = join(box.dir, 'shared');
    const script = `{ node ${JSON.stringify(bin)} run -- head -c 200000 /dev/zero; head -c 300000 /dev/zero || echo FAILED >&2; } | (sleep 0.5; wc -c > ${file})`;
    const result = await execa('bash', ['-c', script], {env: env(), reject: false});
    expect(result.stderr).not.toContain('FAILED');
    expect(existsSync(file) && readFileSync(file, 'utf8').trim()).toBe('500000');
  });
});
