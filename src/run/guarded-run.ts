import {openAuditStore} from '../audit/store.js';
import {formatDuration} from '../duration.js';
import {log} from '../log.js';
import {auditDbPath} from '../paths.js';
import {openOutputPipes} from '../runner/pipes.js';
import {runCommand} from '../runner/run-command.js';
import {SignalWatch} from '../runner/signals.js';
import {endFields, printedRecord, startFields} from './record.js';
import {defaultTailBytes, type RunContext, type RunRequest} from './request.js';
import {settle} from './settle.js';

/**
 * check → record the start → run → record the end → exit status. Nothing runs unless its
 * start is committed to the audit log.
 */
export async function guardedRun(request: RunRequest, context: RunContext): Promise<number> {
  const signals = new SignalWatch();
  const pipes = openOutputPipes();
  const store = openAuditStore(auditDbPath({env: context.env, flag: request.db}));
  try {
    const startedAt = new Date();
    const start = startFields(request, context, startedAt);
    const id = store.recordStart(start);
    const outcome = await runCommand({
      argv: request.command,
      cwd: context.cwd,
      env: {...context.env, GUARD_RUN_ID: String(id)},
      killAfterMs: request.killAfterMs,
      leaveOrphans: request.leaveOrphans,
      pipes,
      onSpawn: (child) => {
        try {
          store.markRunning(id, {child_pid: child.pid, child_start: child.startTime});
        } catch (error) {
          log().warn(`${(error as Error).message}; the command runs on`);
        }
      },
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

    const end = endFields(outcome, settlement, startedAt);
    let row;
    try {
      row = store.recordEnd(id, end);
      log().info('run ended', {id, status: row.status, exit_code: row.exit_code, head: row.hash});
    } catch (error) {
      // The command has run: its status is still the truth a scheduler needs.
      log().error(`${(error as Error).message}; the run ended with status ${settlement.exitCode} but is not recorded as ended`);
    }

    if (request.json) process.stderr.write(JSON.stringify(printedRecord(row ?? {id, ...start, ...end}, outcome)) + '\n');
    return settlement.exitCode;
  } finally {
    store.close();
  }
}
