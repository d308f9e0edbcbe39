import {existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {WaitingLine} from '../../src/audit/waiting-line.js';
import {readProcessStat} from '../../src/proc.js';
import {sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());
const log = () => join(box.dir, 'audit.db');
const line = () => `${log()}-waiting`;
// The kernel's largest pid: nothing runs there in a test container.
const deadPid = 4_194_303;
const waiter = (clock: bigint, pid: number, start: number) => `${clock.toString().padStart(20, '0')}-${pid}-${start}`;

describe('the line of guards waiting for the log', () => {
  it('puts each waiter behind those that came before, and takes it out when it leaves', () => {
    const first = WaitingLine.join(log())!;
    const second = WaitingLine.join(log())!;
    expect([first.place(), second.place()]).toEqual([0, 1]);
    first.leave();
    expect(second.place()).toBe(0);
    second.leave();
    expect(readdirSync(line())).toEqual([]);
  });

  it('removes a dead waiter at the front, and counts a live one', () => {
    mkdirSync(line(), {mode: 0o700});
    writeFileSync(join(line(), waiter(1n, deadPid, 1)), '');
    writeFileSync(join(line(), waiter(2n, process.pid, readProcessStat(process.pid)!.startTime)), '');
    const mine = WaitingLine.join(log())!;
    expect(mine.place()).toBe(1);
    expect(existsSync(join(line(), waiter(1n, deadPid, 1)))).toBe(false);
  });

  it('counts nothing but waiters: a stray file or folder is left alone', () => {
    mkdirSync(join(line(), '0'), {recursive: true});
    writeFileSync(join(line(), '00000000000000000000-notes'), '');
    expect(WaitingLine.join(log())!.place()).toBe(0);
    expect(readdirSync(line()).sort()).toContain('0');
  });

  it('does not make its files through a symbolic link', () => {
    mkdirSync(join(box.dir, 'elsewhere'));
    symlinkSync(join(box.dir, 'elsewhere'), line());
    expect(WaitingLine.join(log())).toBeUndefined();
    expect(readdirSync(join(box.dir, 'elsewhere'))).toEqual([]);
  });
});
