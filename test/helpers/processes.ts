import {readdirSync, readFileSync} from 'node:fs';

export interface ProcStat {
  /** CPU time used so far, all its threads, user and system, in clock ticks (1/100 s on Linux). */
  cpuTicks: number;
  pgrp: number;
  ppid: number;
  state: string;
}

/** A process's parent, group, state and CPU time from /proc/PID/stat (undefined once it is gone). */
export function procStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {cpuTicks: Number(fields[11]) + Number(fields[12]), pgrp: Number(fields[2]), ppid: Number(fields[1]), state: fields[0]!};
  } catch {
    return undefined;
  }
}

/** Running members of a process group; zombies have ended and only wait to be reaped. */
export function livingInGroup(pgid: number): number[] {
  return readdirSync('/proc')
    .map(Number)
    .filter((pid) => Number.isInteger(pid))
    .filter((pid) => {
      const s = procStat(pid);
      return s !== undefined && s.pgrp === pgid && s.state !== 'Z' && s.state !== 'X';
    });
}

export function isRunning(pid: number): boolean {
  const s = procStat(pid);
  return s !== undefined && s.state !== 'Z' && s.state !== 'X';
}

/** Polls until `check` holds or the deadline passes; returns whether it held. */
export async function eventually(check: () => boolean, withinMs = 5000, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
