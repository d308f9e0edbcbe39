import {spawn} from 'node:child_process';
import {openOutputPipes} from './pipes.js';
import {groupMembers, readProcessStat} from '../proc.js';
import {pump} from './pump.js';
import {signalGroup, stopGroup} from './signal-group.js';
import {Tail} from './tail.js';
import {startTimer, type Timer} from './timer.js';

export interface RunSpec {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Grace between the stop signal and SIGKILL; 0 sends SIGKILL at once. */
  killAfterMs: number;
  leaveOrphans: boolean;
  onSpawn?: (child: SpawnedChild) => void;
  stopSignal: NodeJS.Signals;
  tailBytes: number;
  /** 0: no timeout. */
  timeoutMs: number;
}

export interface SpawnedChild {
  pid: number;
  startTime: number;
}

export interface StreamOutcome {
  bytes: number;
  tail: Buffer;
}

/** How a command ended, as a flat record that maps onto an audit row. */
export interface Outcome {
  durationMs: number;
  exitCode: number | null;
  /** Signal guard itself received and passed on, which ended the run. */
  interruptedBy: NodeJS.Signals | null;
  /** SIGKILL was needed. */
  killed: boolean;
  /** Processes still in the command's group after the command itself ended. */
  orphans: number;
  pid: number | null;
  signal: NodeJS.Signals | null;
  spawnError: NodeJS.ErrnoException | null;
  stderr: StreamOutcome;
  stdout: StreamOutcome;
  timedOut: boolean;
}

const interrupting = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
// Passed on without ending the run; handling SIGUSR1 also keeps Node's inspector shut.
const passedOn = ['SIGUSR1', 'SIGUSR2'] as const;
const pollMs = 25;
// Output still in flight when the group is gone; longer means a process outside the group holds the pipe.
const drainMs = 250;

/**
 * Runs argv in a new session and process group, streams its output through, and ends
 * with nothing of that group left running: on timeout, on a signal to guard, and when
 * the command exits leaving processes behind (unless `leaveOrphans`).
 */
export async function runCommand(spec: RunSpec): Promise<Outcome> {
  const [stdoutPipe, stderrPipe] = await openOutputPipes();
  const started = process.hrtime.bigint();
  const stdoutTail = new Tail(spec.tailBytes);
  const stderrTail = new Tail(spec.tailBytes);
  let pgid = 0;
  let spawnError: NodeJS.ErrnoException | null = null;
  let exit: {code: number | null; signal: NodeJS.Signals | null} | undefined;
  let timedOut = false;
  let killed = false;
  let orphans = 0;
  let interruptedBy: NodeJS.Signals | null = null;
  let stopping = false;
  let timeout: Timer | undefined;
  let escalation: Timer | undefined;

  const child = spawn(spec.argv[0]!, spec.argv.slice(1), {
    cwd: spec.cwd,
    detached: true,
    env: spec.env,
    stdio: ['inherit', stdoutPipe.childEnd, stderrPipe.childEnd],
  });
  stdoutPipe.closeChildEnd();
  stderrPipe.closeChildEnd();
  const stdout = stdoutPipe.reader(child.stdout);
  const stderr = stderrPipe.reader(child.stderr);
  const streams = Promise.all([pump(stdout, 1, stdoutTail), pump(stderr, 2, stderrTail)]);

  const kill = () => {
    if (groupMembers(pgid).length > 0) {
      killed = true;
      signalGroup(pgid, 'SIGKILL');
    }
  };

  const stop = (signal: NodeJS.Signals) => {
    if (pgid === 0) return;
    if (spec.killAfterMs === 0) return kill();
    stopGroup(pgid, signal);
    if (!stopping) escalation = startTimer(spec.killAfterMs, kill);
    stopping = true;
  };

  const onInterrupt = (signal: NodeJS.Signals) => {
    interruptedBy ??= signal;
    stop(signal);
  };

  const onPassedOn = (signal: NodeJS.Signals) => {
    if (pgid !== 0) signalGroup(pgid, signal);
  };

  for (const signal of interrupting) process.on(signal, onInterrupt);
  for (const signal of passedOn) process.on(signal, onPassedOn);

  return new Promise<Outcome>((resolve) => {
    const finish = async () => {
      timeout?.cancel();
      escalation?.cancel();
      const drained = new Promise((settle) => {
        setTimeout(settle, drainMs).unref();
      });
      await Promise.race([streams, drained]);
      stdout.destroy();
      stderr.destroy();
      await streams;
      for (const signal of interrupting) process.off(signal, onInterrupt);
      for (const signal of passedOn) process.off(signal, onPassedOn);
      // A late signal must not kill guard while it records the run.
      for (const signal of interrupting) process.on(signal, () => {});
      resolve({
        durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
        exitCode: exit?.code ?? null,
        interruptedBy,
        killed,
        orphans,
        pid: pgid || null,
        signal: exit?.signal ?? null,
        spawnError,
        stderr: {bytes: stderrTail.bytes, tail: stderrTail.contents()},
        stdout: {bytes: stdoutTail.bytes, tail: stdoutTail.contents()},
        timedOut,
      });
    };

    const awaitEmptyGroup = () => {
      if (groupMembers(pgid).length === 0) return void finish();
      setTimeout(awaitEmptyGroup, pollMs);
    };

    child.once('spawn', () => {
      pgid = child.pid!;
      spec.onSpawn?.({pid: pgid, startTime: readProcessStat(pgid)?.startTime ?? 0});
      if (interruptedBy) stop(interruptedBy);
      if (spec.timeoutMs > 0) {
        timeout = startTimer(spec.timeoutMs, () => {
          timedOut = true;
          stop(spec.stopSignal);
        });
      }
    });

    child.once('error', (error: NodeJS.ErrnoException) => {
      if (pgid !== 0) return;
      spawnError = error;
      void finish();
    });

    child.once('exit', (code, signal) => {
      exit = {code, signal};
      timeout?.cancel();
      const left = groupMembers(pgid);
      orphans = left.length;
      if (left.length === 0) return void finish();
      if (spec.leaveOrphans && !stopping) return void finish();
      stop(spec.stopSignal);
      awaitEmptyGroup();
    });
  });
}
