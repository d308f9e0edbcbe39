import {execFileSync, spawn} from 'node:child_process';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {randomFillSync} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {heldMemoryBytes} from '../../src/run/request.js';
import {bin, guard, sandbox} from '../helpers/guard.js';
import {eventually, isRunning} from '../helpers/processes.js';

let box: ReturnType<typeof sandbox>;
let tmp: string;
let env: Record<string, string>;
beforeEach(() => {
  box = sandbox();
  // guard's temporary files (its FIFOs, held output) go here: the tests see what is left.
  tmp = join(box.dir, 'tmp');
  mkdirSync(tmp);
  env = {...box.env, HOME: box.dir, TMPDIR: tmp};
});
afterEach(() => box.remove());

const quiet = (script: string, options: {env?: Record<string, string>; flags?: string[]} = {}) =>
  guard(['run', '--quiet', ...(options.flags ?? []), '--', 'sh', '-c', script], {env: options.env ?? env, cwd: box.dir, encoding: 'buffer', stripFinalNewline: false});
const text = (bytes: unknown) => Buffer.from(bytes as Uint8Array).toString('latin1');
const seq = (last: number) => execFileSync('seq', ['1', String(last)], {encoding: 'latin1', maxBuffer: 1 << 26});
const rowCount = () => (existsSync(box.env.GUARD_DB!) ? Number(execFileSync('sqlite3', [box.env.GUARD_DB!, "select count(*) from runs where status != 'running' and status != 'starting'"], {encoding: 'utf8'})) : 0);
const statusLine = (pid: number) => readFileSync(`/proc/${pid}/status`, 'utf8');

describe('guard run --quiet', () => {
  it('prints nothing at all when a noisy command succeeds, its warnings included', async () => {
    writeFileSync(join(box.dir, '.guardrc.json'), JSON.stringify({rules: [{id: 'local.seq', level: 'warn', reason: 'seq is watched here', match: {program: 'seq'}}]}));
    const result = await quiet('seq 1 300000; seq 1 100000 >&2');
    expect(result.exitCode).toBe(0);
    expect(text(result.stdout)).toBe('');
    expect(text(result.stderr)).toBe('');
  });

  it('prints everything a failing command wrote, stdout to stdout and stderr to stderr, beyond what memory holds, then how it ended', async () => {
    // 3.4 MB and 2 MB: far past the memory guard keeps, so most of it went through the file.
    const result = await quiet('seq 1 500000; seq 1 300000 >&2; exit 3');
    expect(result.exitCode).toBe(3);
    expect(text(result.stdout)).toBe(seq(500_000));
    const stderr = text(result.stderr);
    expect(stderr.slice(0, seq(300_000).length)).toBe(seq(300_000));
    expect(stderr.slice(seq(300_000).length)).toMatch(/^guard: sh failed with exit status 3 after \S+ \(run 1\)\n$/);
  });

  it('gives back binary output byte for byte', async () => {
    writeFileSync(join(box.dir, 'out.bin'), randomFillSync(Buffer.alloc(3_000_001)));
    writeFileSync(join(box.dir, 'err.bin'), randomFillSync(Buffer.alloc(700_003)));
    const result = await quiet('cat out.bin; cat err.bin >&2; exit 1');
    expect(result.exitCode).toBe(1);
    expect(Buffer.from(result.stdout as Uint8Array).equals(readFileSync(join(box.dir, 'out.bin')))).toBe(true);
    const stderr = Buffer.from(result.stderr as Uint8Array);
    expect(stderr.subarray(0, 700_003).equals(readFileSync(join(box.dir, 'err.bin')))).toBe(true);
    expect(stderr.subarray(700_003).toString()).toMatch(/^guard: sh failed with exit status 1 after \S+ \(run 1\)\n$/);
  });

  it('prints its warnings after the output when the run fails', async () => {
    writeFileSync(join(box.dir, '.guardrc.json'), JSON.stringify({rules: [{id: 'local.seq', level: 'warn', reason: 'seq is watched here', match: {program: 'seq'}}]}));
    const result = await quiet('seq 1 3; echo broken >&2; exit 2');
    expect(result.exitCode).toBe(2);
    expect(text(result.stdout)).toBe('1\n2\n3\n');
    expect(text(result.stderr)).toMatch(/^broken\nguard: warning by rule local\.seq: seq: seq is watched here\nguard: sh failed with exit status 2 after \S+ \(run 1\)\n$/);
  });

  it('replays the output of a run it stopped at the timeout, then says so', async () => {
    const result = await quiet('echo before; echo trouble >&2; exec sleep 30', {flags: ['--timeout', '500ms']});
    expect(result.exitCode).toBe(124);
    expect(text(result.stdout)).toBe('before\n');
    expect(text(result.stderr)).toMatch(/^trouble\nguard: timed out after 500ms; stopped its process group\nguard: sh timed out with exit status 124 after 0?\.?\d+m?s \(run 1\)\n$/);
  });

  it('replays the output when guard itself is interrupted', async () => {
    const ready = join(box.dir, 'ready');
    const run = quiet(`seq 1 200000; echo stopping >&2; touch ${ready}; exec sleep 30`);
    expect(await eventually(() => existsSync(ready), 15_000)).toBe(true);
    run.kill('SIGTERM');
    const result = await run;
    expect(result.exitCode).toBe(143);
    expect(text(result.stdout)).toBe(seq(200_000));
    expect(text(result.stderr)).toMatch(/^stopping\nguard: interrupted by SIGTERM; passed it on to the command\nguard: sh was interrupted by SIGTERM with exit status 143 after \S+ \(run 1\)\n$/);
  });

  it('records the tails and byte counts in the audit log, as without --quiet', async () => {
    for (const script of ['seq 1 100000', 'seq 1 100000; exit 1']) await quiet(script, {flags: ['--json']});
    const rows = JSON.parse(execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, 'select status, stdout_bytes, stdout_tail from runs order by id'], {encoding: 'utf8'}));
    const bytes = seq(100_000).length;
    // The last 64 KiB, from the first whole line on (a line cut in two is dropped, see Secrets).
    const cut = seq(100_000).slice(-65_536);
    const tail = cut.slice(cut.indexOf('\n') + 1);
    expect(rows).toEqual([
      {status: 'succeeded', stdout_bytes: bytes, stdout_tail: tail},
      {status: 'failed', stdout_bytes: bytes, stdout_tail: tail},
    ]);
  });

  it('survives a reader that goes away during the replay, and keeps the status', async () => {
    const script = `node ${JSON.stringify(bin)} run --quiet -- sh -c 'seq 1 300000; echo last >&2; exit 4' 2>${join(box.dir, 'err')} | head -1; echo "\${PIPESTATUS[0]}"`;
    const result = await execa('bash', ['-c', script], {env: {...process.env, NODE_OPTIONS: '', ...env}, reject: false});
    expect(result.stdout).toBe('1\n4');
    expect(readFileSync(join(box.dir, 'err'), 'utf8')).toMatch(/^last\nguard: sh failed with exit status 4 after \S+ \(run 1\)\n$/);
  });

  it('leaves nothing in the temporary folder, whether the run succeeds or fails', async () => {
    for (const script of ['seq 1 500000', 'seq 1 500000 >&2; exit 1']) {
      await quiet(script);
      expect(readdirSync(tmp)).toEqual([]);
    }
  });

  it('keeps what spills past memory in a file nobody can see, even when guard is killed with SIGKILL', async () => {
    const pidFile = join(box.dir, 'pid');
    const child = spawn(process.execPath, [bin, 'run', '--quiet', '--', 'sh', '-c', `seq 1 500000; echo $$ > ${pidFile}; exec sleep 30`], {
      env: {...process.env, NODE_OPTIONS: '', ...env},
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      expect(await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').endsWith('\n'), 15_000)).toBe(true);
      const heldFile = () =>
        readdirSync(`/proc/${child.pid}/fd`)
          .map((fd) => {
            try {
              return readlinkSync(`/proc/${child.pid}/fd/${fd}`);
            } catch {
              return '';
            }
          })
          .find((target) => target.startsWith(join(tmp, 'guard-held-')));
      expect(await eventually(() => heldFile() !== undefined)).toBe(true);
      expect(heldFile()).toMatch(/ \(deleted\)$/);
      expect(readdirSync(tmp)).toEqual([]);
      child.kill('SIGKILL');
      await exited;
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      const pgid = Number(readFileSync(pidFile, 'utf8'));
      if (pgid > 1 && isRunning(pgid)) process.kill(-pgid, 'SIGKILL');
    }
  });

  it('prints nothing for a success even when its ping fails; a failure ends with its failed pings, then how it ended', async () => {
    // Nothing listens there: every ping is refused at once.
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const {port} = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const ping = `http://127.0.0.1:${closed}/check`;
    const succeeded = await quiet('echo fine', {flags: ['--ping', ping]});
    expect(succeeded.exitCode).toBe(0);
    expect(text(succeeded.stdout)).toBe('');
    expect(text(succeeded.stderr)).toBe('');
    const failed = await quiet('echo broken; exit 5', {flags: ['--ping', ping]});
    expect(failed.exitCode).toBe(5);
    expect(text(failed.stdout)).toBe('broken\n');
    expect(text(failed.stderr).split('\n')).toEqual([
      `guard: ping to http://127.0.0.1:${closed}/check/start failed: connect ECONNREFUSED 127.0.0.1:${closed}`,
      `guard: ping to http://127.0.0.1:${closed}/check/5 failed: connect ECONNREFUSED 127.0.0.1:${closed}`,
      expect.stringMatching(/^guard: sh failed with exit status 5 after \S+ \(run 2\)$/),
      '',
    ]);
  });

  it.each([
    ['killed by a signal', 'echo dying; kill -KILL $$', [], 137, /^guard: job was killed by SIGKILL with exit status 137 after \S+ \(run 1\)$/],
    ['not found', 'exec no-such-program-here', [], 127, /^guard: job failed with exit status 127 after \S+ \(run 1\)$/],
    ['failed on every retry', 'echo again; exit 6', ['--retries', '1', '--retry-delay', '10ms'], 6, /^guard: job failed with exit status 6 after \S+ \(run 2, attempt 2 of 2\)$/],
  ])('ends a run %s with one line: the job, how it ended, its status, how long, and its run', async (_, script, flags, status, last) => {
    const result = await quiet(script, {flags: ['--name', 'job', ...flags]});
    expect(result.exitCode).toBe(status);
    const lines = text(result.stderr).trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(last);
    expect(lines.filter((line) => line.startsWith('guard: job '))).toHaveLength(1);
  });

  it('says so when a signal ends it while it waits to retry', async () => {
    const marker = join(box.dir, 'failed-once');
    const run = quiet(`touch ${marker}; exit 1`, {flags: ['--name', 'job', '--retries', '1', '--retry-delay', '1h']});
    expect(await eventually(() => existsSync(marker), 15_000)).toBe(true);
    // The first attempt's end is recorded before the wait begins.
    expect(await eventually(() => rowCount() === 1, 15_000)).toBe(true);
    run.kill('SIGTERM');
    const result = await run;
    expect(result.exitCode).toBe(143);
    expect(text(result.stderr).trimEnd().split('\n').at(-1)).toMatch(/^guard: job was interrupted by SIGTERM while waiting to retry with exit status 143 after \S+ \(run 2, attempt 2 of 2\)$/);
  });

  it('says what it could not keep when there is no temporary folder, and still prints what fit in memory', async () => {
    const result = await quiet('seq 1 500000; exit 1', {env: {...box.env, TMPDIR: join(box.dir, 'missing')}});
    expect(result.exitCode).toBe(1);
    const printed = text(result.stdout);
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.length).toBeLessThanOrEqual(heldMemoryBytes);
    expect(seq(500_000).startsWith(printed)).toBe(true);
    expect(text(result.stderr)).toMatch(/^guard: --quiet could not keep the end of the output \(\d+ bytes of stdout\): ENOENT/);
  });
});

describe('guard run --quiet keeps its memory flat', () => {
  let runs = 0;
  /** guard's peak resident memory (kB) after the command printed `bytes`, read while the command still runs. */
  async function peakRss(bytes: number): Promise<number> {
    const dir = join(box.dir, `run-${bytes}-${(runs += 1)}`);
    mkdirSync(dir);
    execFileSync('mkfifo', [join(dir, 'gate')]);
    const script = `head -c ${bytes} /dev/zero; touch ${dir}/printed; read line < ${dir}/gate`;
    const child = spawn(process.execPath, [bin, 'run', '--quiet', '--', 'sh', '-c', script], {env: {...process.env, NODE_OPTIONS: '', ...env}, stdio: 'ignore'});
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(await eventually(() => existsSync(join(dir, 'printed')), 60_000)).toBe(true);
    // The command is done writing; what it wrote last is read once guard wakes. VmHWM only grows.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const peak = Number(/^VmHWM:\s+(\d+) kB/m.exec(statusLine(child.pid!))![1]);
    writeFileSync(join(dir, 'gate'), 'go\n');
    expect(await exited).toBe(0);
    return peak;
  }

  it('grows by less than its memory cap and a few MiB of Node noise, for 10 MiB and for 100 MiB of output', async () => {
    // Measured over a silent run: 100 MiB grows guard's peak by about 2.6 MiB on Node 20 and
    // 7–8 MiB on Node 22 (its heap settles higher once output flows), 1 GiB by 3.5 MiB on
    // Node 20; keeping the output in memory would grow it by 10 and 100 MiB. So: from 10 to
    // 100 MiB of output, no more than the cap and Node's noise; from none to 10 MiB, the cost
    // of streaming at all, still less than holding those 10 MiB would be.
    const boundKb = heldMemoryBytes / 1024 + 5 * 1024;
    const streamingKb = heldMemoryBytes / 1024 + 8 * 1024;
    // A first run writes guard's code cache, and later ones load it: each measured run starts alike.
    await peakRss(0);
    const silent = await peakRss(0);
    const tenMiB = await peakRss(10 << 20);
    const hundredMiB = await peakRss(100 << 20);
    expect(tenMiB - silent).toBeLessThan(streamingKb);
    expect(hundredMiB - tenMiB).toBeLessThan(boundKb);
  });
});
