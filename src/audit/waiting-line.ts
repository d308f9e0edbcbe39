// Who waits for the audit log, in the order they came: one empty file per waiter in
// `<log>-waiting/`, named by the system's monotonic clock, pid and process start time.
//
// Why: when every waiter retries at random, each release of the log goes to whoever happens
// to try first, a lottery. Two hundred guards on two cores hold it ~50 ms a write, so a wait
// averaged 8 s but its tail ran past 100 s. Waiters near the front of the line try often,
// those far back rarely, so the log goes to the oldest waiters almost every time, while a
// waiter that stopped (SIGSTOP) or died at the front holds nobody back for long: the others
// still try, and a dead one's file is removed by whoever finds it ahead of them.
import {mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {isProcessAlive, readProcessStat} from '../proc.js';

let ownStart: number | undefined;


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
      mkdirSync(dir, {mode: 0o700, recursive: false});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }

    try {
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

    const ahead = names.filter((name) => name < this.name);
    if (ahead.length === 0) return 0;
    // The front of the line is the one that must be alive; a dead one there is removed.
    const front = ahead.reduce((first, name) => (name < first ? name : first));
    const [, pid, start] = front.split('-').map(Number);
    if (isProcessAlive(pid!, start!)) return ahead.length;
    rmSync(join(this.dir, front), {force: true});
    return ahead.length - 1;
  }

  leave(): void {
    rmSync(join(this.dir, this.name), {force: true});
  }
}
