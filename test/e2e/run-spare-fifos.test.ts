import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

// A run's pipes come from FIFOs made ahead of time in the state folder (guard/fifos): the
// run that finds too few makes its own and a stock for the next runs in one fork of mkfifo.

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const spares = () => join(box.env.XDG_STATE_HOME!, 'guard/fifos');
const names = () => readdirSync(spares()).sort();
const realPipes = 'echo out > /dev/stdout; echo err > /dev/stderr';

describe('guard run takes its pipes from spare FIFOs', () => {
  it('leaves a private stock after the first run, and the next run takes two of them', async () => {
    const first = await guard(['run', '--', 'sh', '-c', realPipes], {env: box.env});
    expect(first).toMatchObject({exitCode: 0, stdout: 'out', stderr: 'err'});
    expect(lstatSync(spares()).mode & 0o777).toBe(0o700);
    const stock = names();
    expect(stock).toHaveLength(16);
    for (const name of stock) {
      const stat = lstatSync(join(spares(), name));
      expect(stat.isFIFO()).toBe(true);
      // No one opens a spare before a run has claimed it, the owner neither (root aside).
      expect(stat.mode & 0o777).toBe(0o000);
    }

    const second = await guard(['run', '--', 'sh', '-c', realPipes], {env: box.env});
    expect(second).toMatchObject({exitCode: 0, stdout: 'out', stderr: 'err'});
    const left = names();
    expect(left).toHaveLength(14);
    expect(stock).toEqual(expect.arrayContaining(left));
  });

  it('gives each of many runs started at once its own pipes', async () => {
    await guard(['run', '--', 'true'], {env: box.env});
    const runs = await Promise.all(Array.from({length: 12}, (_, index) => guard(['run', '--', 'sh', '-c', `echo out${index}; echo err${index} >&2`], {env: box.env})));
    runs.forEach((run, index) => expect(run).toMatchObject({exitCode: 0, stdout: `out${index}`, stderr: `err${index}`}));
    expect(names().every((name) => name.startsWith('fifo-'))).toBe(true);
  });

  it('sets aside what is not a private FIFO of the user and does not write to it', async () => {
    mkdirSync(spares(), {mode: 0o700, recursive: true});
    writeFileSync(join(spares(), 'fifo-planted'), 'planted\n', {mode: 0o600});
    const result = await guard(['run', '--', 'sh', '-c', realPipes], {env: box.env});
    expect(result).toMatchObject({exitCode: 0, stdout: 'out', stderr: 'err'});
    const odd = names().filter((name) => !name.startsWith('fifo-'));
    expect(odd).toHaveLength(1);
    expect(odd[0]).toMatch(/^odd-.*-fifo-planted$/);
    expect(readFileSync(join(spares(), odd[0]!), 'utf8')).toBe('planted\n');
  });

  it('sets aside a FIFO that is not at mode 000, and removes what a killed guard had claimed', async () => {
    mkdirSync(spares(), {mode: 0o700, recursive: true});
    execFileSync('mkfifo', ['-m', '600', join(spares(), 'fifo-readable')]);
    // A pid that no longer runs: a guard killed between claiming a spare and removing it.
    const gone = spawnSync('true').pid!;
    execFileSync('mkfifo', ['-m', '000', join(spares(), `taken-${gone}-abc-0`)]);
    const result = await guard(['run', '--', 'sh', '-c', realPipes], {env: box.env});
    expect(result).toMatchObject({exitCode: 0, stdout: 'out', stderr: 'err'});
    const left = names();
    expect(left.filter((name) => name.startsWith('odd-'))).toEqual([expect.stringMatching(/-fifo-readable$/)]);
    expect(left.filter((name) => name.startsWith('taken-'))).toEqual([]);
    expect(left.filter((name) => name.startsWith('fifo-'))).toHaveLength(16);
  });

  it('leaves no claimed FIFO behind when the run ends before its command (an audit log it cannot use)', async () => {
    const result = await guard(['run', '--', 'true'], {env: {...box.env, GUARD_DB: box.dir}});
    expect(result.exitCode).toBe(74);
    const left = names();
    expect(left.every((name) => name.startsWith('fifo-')), left.join(' ')).toBe(true);
    expect(left).toHaveLength(16);
  });

  it('makes its pipes elsewhere when the spares folder is open to others or is a link', async () => {
    mkdirSync(spares(), {recursive: true});
    chmodSync(spares(), 0o777);
    const open = await guard(['run', '--', 'sh', '-c', realPipes], {env: box.env});
    expect(open).toMatchObject({exitCode: 0, stdout: 'out', stderr: 'err'});
    expect(names()).toEqual([]);

    const elsewhere = join(box.dir, 'elsewhere');
    mkdirSync(elsewhere, {mode: 0o700});
    const linked = {...box.env, XDG_STATE_HOME: join(box.dir, 'linked')};
    mkdirSync(join(box.dir, 'linked/guard'), {recursive: true});
    symlinkSync(elsewhere, join(box.dir, 'linked/guard/fifos'));
    const link = await guard(['run', '--', 'sh', '-c', realPipes], {env: linked});
    expect(link).toMatchObject({exitCode: 0, stdout: 'out', stderr: 'err'});
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('still gives real pipes when the state folder cannot be written', async () => {
    const stateIsAFile = join(box.dir, 'state-file');
    writeFileSync(stateIsAFile, '');
    const result = await guard(['run', '--', 'sh', '-c', realPipes], {env: {...box.env, XDG_STATE_HOME: stateIsAFile}});
    expect(result).toMatchObject({exitCode: 0, stdout: 'out', stderr: 'err'});
  });
});
