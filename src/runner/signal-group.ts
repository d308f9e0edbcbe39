/**
 * Sends a signal to every process of a group. Refuses pgid 0 and 1, which would
 * reach guard's own group or every process the user may signal.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Stops the group with `signal`, then SIGCONT so stopped members can act on it, as timeout(1) does. */
export function stopGroup(pgid: number, signal: NodeJS.Signals): boolean {
  const sent = signalGroup(pgid, signal);
  if (sent && signal !== 'SIGKILL' && signal !== 'SIGCONT') signalGroup(pgid, 'SIGCONT');
  return sent;
}

/** Sends a signal to one process (`--foreground`), never to a group. */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
