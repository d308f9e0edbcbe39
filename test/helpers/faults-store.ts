import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, readFileSync, readlinkSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {bin} from './guard.js';
import {eventually, livingInGroup} from './processes.js';

/** Rows of a query on an audit log, through the sqlite3 command a user would use. */
export function rowsOf(db: string, query: string): Record<string, unknown>[] {
  const text = execFileSync('sqlite3', ['-json', db, query], {encoding: 'utf8'}).trim();
  return text === '' ? [] : (JSON.parse(text) as Record<string, unknown>[]);
}

/** SQLite's own verdict on the file: `ok` when nothing is half-written or broken. */
export function integrity(db: string): string {
  return execFileSync('sqlite3', [db, 'PRAGMA integrity_check'], {encoding: 'utf8'}).trim();
}

/** Whether the named lock is free: util-linux flock(1) takes it at once and lets it go. */
export function lockIsFree(stateDir: string, name: string): boolean {
  const file = join(stateDir, 'guard/locks', `${name}.lock`);
  if (!existsSync(file)) return true;
  return spawnSync('flock', ['--nonblock', '--conflict-exit-code', '75', file, 'true']).status === 0;
}

/** True once no process of the group is alive. */
export function groupGone(pgid: number): Promise<boolean> {
  return eventually(() => livingInGroup(pgid).length === 0, 10_000);
}

/** A number a command wrote to a file, once the whole line is there. */
export async function numberIn(file: string): Promise<number> {
  const complete = () => existsSync(file) && readFileSync(file, 'utf8').endsWith('\n');
  if (!(await eventually(complete, 15_000))) throw new Error(`${file} was never written`);
  return Number(readFileSync(file, 'utf8'));
}

/** The built CLI as a background process, for faults that strike while it runs. */
export function startGuard(args: readonly string[], env: Record<string, string>): ChildProcess & {ended: Promise<number | null>} {
  const child = spawn(process.execPath, [bin, ...args], {env: {...process.env, NODE_OPTIONS: undefined, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
  const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return Object.assign(child, {ended});
}

/** Inodes of the TCP sockets listening on this network namespace. */
function listeningInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // Field 3 is the state: 0A is LISTEN; field 9 the socket's inode.
      if (fields[3] === '0A') inodes.add(fields[9]!);
    }
  }

  return inodes;
}

/** Whether the process holds a listening TCP socket (Node's inspector is one). */
export function listens(pid: number): boolean {
  const listening = listeningInodes();
  const dir = `/proc/${pid}/fd`;
  return readdirSync(dir).some((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(join(dir, fd)));
      return match !== null && listening.has(match[1]!);
    } catch {
      return false;
    }
  });
}
