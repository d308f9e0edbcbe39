// What the audit-store, policy-file and security fault tests need beyond test/helpers/faults.ts.
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, readFileSync, readlinkSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {bin} from './guard.js';
import {eventually, livingInGroup} from './processes.js';

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
