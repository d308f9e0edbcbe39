// Output faults (reliability plan §6, T13 and T14, and the output cases of the fault list):
// bytes that are not text, output that does not end a line, a command that closes its own
// stdout, and guard's stdout closed or on a full device. guard passes the command's bytes
// through unchanged, keeps a bounded tail, and its exit status stays the command's.
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {execa} from 'execa';
import {waitFor} from '../helpers/gate.js';
import {bin, guard} from '../helpers/guard.js';
import {expectNoLeftovers, type FaultBox, faultBox, needsRoot, rows} from '../helpers/faults.js';
import {eventually} from '../helpers/processes.js';

// Many guards start here, each a Node process: generous limits for a loaded machine.
vi.setConfig({hookTimeout: 180_000, testTimeout: 180_000});

let box: FaultBox;
beforeEach(() => {
  box = faultBox();
});
afterEach(() => box.remove());

const run = (args: string[], options: Parameters<typeof guard>[1] = {}) => guard(['run', ...args], {env: box.env, ...options});

/** guard run through sh, so its own stdout and stderr can be redirected as a crontab line would. */
const redirected = (redirections: string, args: string[]) =>
  execa('sh', ['-c', `exec "$@" ${redirections}`, 'sh', process.execPath, bin, 'run', ...args], {
    env: {...process.env, NODE_OPTIONS: undefined, ...box.env},
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
  });

needsRoot();

describe('what the command prints', () => {
  it('binary and invalid UTF-8 output passes through byte for byte', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x0a, 0x80, 0xe2, 0x82, 0x00, 0x1b, 0x5b, 0x32, 0x4a]);
    writeFileSync(box.file('bytes'), bytes);
    const result = await run(['--', 'sh', '-c', `cat ${box.file('bytes')}; cat ${box.file('bytes')} >&2`], {encoding: 'buffer'});
    expect(result.exitCode).toBe(0);
    expect(Buffer.compare(result.stdout as unknown as Buffer, bytes)).toBe(0);
    expect(Buffer.compare(result.stderr as unknown as Buffer, bytes)).toBe(0);
    expect(rows(box.db, 'SELECT status, stdout_bytes, stderr_bytes, length(CAST(stdout_tail AS BLOB)) > 0 AS kept FROM runs')).toEqual([
      {status: 'succeeded', stdout_bytes: bytes.length, stderr_bytes: bytes.length, kept: 1},
    ]);
    await expectNoLeftovers(box);
  });

  it('output without a final newline is passed on and kept whole', async () => {
    const result = await run(['--', 'sh', '-c', 'printf "no newline"; printf "nor here" >&2']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('no newline');
    expect(result.stderr).toBe('nor here');
    expect(rows(box.db, 'SELECT stdout_tail, stderr_tail FROM runs')).toEqual([{stdout_tail: 'no newline', stderr_tail: 'nor here'}]);
    await expectNoLeftovers(box);
  });

  it('a command that closes its stdout early runs on to its own end', async () => {
    const result = await run(['--', 'sh', '-c', 'echo before; exec >&-; sleep 0.5; echo after >&2; exit 3']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('before');
    expect(result.stderr).toBe('after');
    expect(rows(box.db, 'SELECT status, exit_code, stdout_tail, stderr_tail FROM runs')).toEqual([
      {status: 'failed', exit_code: 3, stdout_tail: 'before\n', stderr_tail: 'after\n'},
    ]);
    await expectNoLeftovers(box);
  });

  it('T14: 200 MiB of output keeps guard\'s memory flat and the stored tail at 64 KiB', async () => {
    const go = box.file('go');
    const child = run(['--', 'sh', '-c', `head -c 209715200 /dev/zero; echo $$ > ${box.file('pid')}; ${waitFor(go)}`], {
      buffer: false,
      stdout: 'ignore',
    });
    expect(await eventually(() => existsSync(box.file('pid')), 120_000)).toBe(true);
    // The command has written everything and waits: guard's peak memory is final.
    const peak = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid!}/status`, 'utf8'))![1]);
    writeFileSync(go, '');
    expect((await child).exitCode).toBe(0);
    expect(peak).toBeLessThan(200 * 1024);
    expect(rows(box.db, 'SELECT stdout_bytes, length(CAST(stdout_tail AS BLOB)) AS kept FROM runs')).toEqual([{stdout_bytes: 209_715_200, kept: 65_536}]);
    await expectNoLeftovers(box);
  }, 300_000);
});

describe('guard\'s own stdout and stderr', () => {
  // The command writes into guard's pipe, not onto the device, so its `echo` succeeds.
  it('T13: on /dev/full, guard does not crash, exits with the command\'s status and records the run', async () => {
    const result = await redirected('>/dev/full 2>/dev/full', ['--', 'sh', '-c', 'echo hi; echo there >&2; exit 6']);
    expect(result.signal).toBeUndefined();
    expect(result.exitCode).toBe(6);
    // Both outputs are /dev/full, one file: the command wrote both streams into one pipe.
    expect(rows(box.db, 'SELECT status, exit_code, stdout_tail, stderr_tail FROM runs')).toEqual([
      {status: 'failed', exit_code: 6, stdout_tail: 'hi\nthere\n', stderr_tail: ''},
    ]);
    await expectNoLeftovers(box);
  });

  it('T13: closed, guard exits with the command\'s status and records the run', async () => {
    const result = await redirected('>&- 2>&-', ['--', 'true']);
    expect(result.signal).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(rows(box.db, 'SELECT status, exit_code FROM runs')).toEqual([{status: 'succeeded', exit_code: 0}]);
    await expectNoLeftovers(box);
  });

  it('closed, a command that writes 100 KB to it still runs to its end, and the log is not written through fd 1', async () => {
    const result = await redirected('>&- 2>&-', ['--', 'sh', '-c', 'head -c 100000 /dev/zero | tr "\\0" x; exit 4']);
    expect(result.signal).toBeUndefined();
    expect(result.exitCode).toBe(4);
    expect(rows(box.db, 'SELECT status, exit_code FROM runs')).toEqual([{status: 'failed', exit_code: 4}]);
    await expectNoLeftovers(box);
  });
});
