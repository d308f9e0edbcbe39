// Who waits for the audit log, in the order they came: one empty file per waiter in
// `<log>-waiting/`, named by the system's monotonic clock, pid and process start time.
//
// Why: when every waiter retries at random, each release of the log goes to whoever happens
// to try first, a lottery. Two hundred guards on two cores hold it ~50 ms a write, so a wait
// averaged 8 s but its tail ran past 100 s. Waiters near the front of the line try often,
// those far back rarely, so the log goes to the oldest waiters almost every time, while a
// waiter that stopped (SIGSTOP) or died at the front holds nobody back for long: the others
// still try, and a dead one's file is removed by whoever finds it ahead of them.
import {lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {isProcessAlive, readProcessStat} from '../proc.js';

let ownStart: number | undefined;

// Anything else in the folder (a stray file, a folder) is no waiter, and is left alone.
const entry = /^\d{20}-(\d+)-(\d+)$/;

export class WaitingLine {
  private constructor(
    private readonly dir: string,
    private readonly name: string,
  ) {}

  /** Joins the line of the log at `path`; undefined when the folder cannot be written (waiting goes on, in no order). */
  static join(path: string): WaitingLine | undefined {
    const dir = `${path}-waiting`;
    ownStart ??= readProcessStat(process.pid)?.startTime ?? 0;
    const name = `${process.hrtime.bigint().toString().padStart(20, '0')}-${process.pid}-${ownStart}`;
    try {
      mkdirSync(dir, {mode: 0o700});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }

    try {
      // Never through a symbolic link: guard may be root, and the files are made inside.
      if (!lstatSync(dir).isDirectory()) return undefined;
      writeFileSync(join(dir, name), '', {flag: 'wx', mode: 0o600});
    } catch {
      return undefined;
    }

    return new WaitingLine(dir, name);
  }

  /** How many live waiters came before this one. */
  place(): number {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return 0;
    }

    const ahead = names.filter((name) => name < this.name && entry.test(name));
    if (ahead.length === 0) return 0;
    // The front of the line is the one that must be alive; a dead one there is removed.
    const front = ahead.reduce((first, name) => (name < first ? name : first));
    const [, pid, start] = entry.exec(front)!.map(Number);
    if (isProcessAlive(pid!, start!)) return ahead.length;
    this.remove(front);
    return ahead.length - 1;
  }

  leave(): void {
    this.remove(this.name);
  }

  private remove(name: string): void {
    try {
      rmSync(join(this.dir, name), {force: true});
    } catch {}
  }
}
