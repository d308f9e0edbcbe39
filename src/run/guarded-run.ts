import {formatDuration} from '../duration.js';
import {log} from '../log.js';
import {runCommand} from '../runner/run-command.js';
import {SignalWatch} from '../runner/signals.js';
import type {RunContext, RunRequest} from './request.js';
import {defaultTailBytes} from './request.js';
import {runRecord} from './record.js';
import {settle} from './settle.js';

/** Runs one command under guard's control and returns the exit status the contract gives it. */
export async function guardedRun(request: RunRequest, context: RunContext): Promise<number> {
  const signals = new SignalWatch();
  const outcome = await runCommand({
    argv: request.command,
    cwd: context.cwd,
    env: context.env,
    killAfterMs: request.killAfterMs,
    leaveOrphans: request.leaveOrphans,
    signals,
    stopSignal: 'SIGTERM',
    tailBytes: defaultTailBytes,
    timeoutMs: request.timeoutMs,
  });
  const settlement = settle(outcome, request.command[0]!);

  if (settlement.problem) log().error(settlement.problem);
  if (settlement.status === 'timed_out') {
    log().warn(`timed out after ${formatDuration(request.timeoutMs)}; stopped its process group${outcome.killed ? ' (SIGKILL was needed)' : ''}`);
  }

  if (settlement.status === 'interrupted') log().warn(`interrupted by ${outcome.interruptedBy}; passed it on to the command`);
  if (request.json) process.stderr.write(JSON.stringify(runRecord(request, outcome, settlement)) + '\n');
  return settlement.exitCode;
}
