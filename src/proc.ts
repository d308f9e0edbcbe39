import {readdirSync, readFileSync} from 'node:fs';

/** What /proc/PID/stat says of a process that matters for groups and liveness. */
export interface ProcessStat {
  pgrp: number;
  pid: number;
  /** Clock ticks after boot: with the pid, names one process for ever (pids are reused). */
  startTime: number;
  state: string;
}

export function readProcessStat(pid: number): ProcessStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }

  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {pgrp: Number(fields[2]), pid, startTime: Number(fields[19]), state: fields[0] ?? '?'};
}

// A zombie has finished; it only waits for a parent that may never reap it.
function isRunning(stat: ProcessStat): boolean {
  return stat.state !== 'Z' && stat.state !== 'X';
}

/** Whether the process started at `startTime` with this pid still runs. */
export function isProcessAlive(pid: number, startTime: number): boolean {
  const stat = readProcessStat(pid);
  return stat !== undefined && stat.startTime === startTime && isRunning(stat);
}

// Whether any process, zombies included, is in the group: one syscall instead of a /proc scan.
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running (not zombie) members of a process group. */
export function groupMembers(pgid: number): number[] {
  if (pgid <= 1 || !groupExists(pgid)) return [];
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readProcessStat(pid);
    if (stat && stat.pgrp === pgid && isRunning(stat)) members.push(pid);
  }

  return members;
}
