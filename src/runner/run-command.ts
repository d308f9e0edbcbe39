import {spawn} from 'node:child_process';
import {groupMembers, readProcessStat} from '../proc.js';
import {HeldOutput, holdStream, type Held} from './held-output.js';
import type {OutputPipes} from './pipes.js';
import {pump} from './pump.js';
import {signalGroup, signalProcess, stopGroup} from './signal-group.js';
import type {SignalWatch} from './signals.js';
import {Tail} from './tail.js';
import {startTimer, type Timer} from './timer.js';

export interface RunSpec {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Keep the output instead of printing it (`--quiet`): in memory up to `memoryBytes` for both streams, then in a private temporary file. */
  hold?: {memoryBytes: number};
  /** Descriptors the command inherits from fd 3 on (the lock, so it outlives a killed guard). */
  inheritFds: readonly number[];
  /** Grace between the stop signal and SIGKILL; 0 sends SIGKILL at once. */
  killAfterMs: number;
  leaveOrphans: boolean;
  onSpawn?: (child: SpawnedChild) => void;
  /** From openOutputPipes(), started early so making them overlaps guard's other start-up work. */
  pipes: Promise<OutputPipes> | null;
  /**
   * `--foreground`: the command stays in guard's session and process group, with guard's
   * terminal as its stdin, stdout and stderr (no pipes: `pipes` is null, nothing is copied or
   * kept). Only the command itself is signalled, as `timeout --foreground` does: what it
   * starts is neither timed out nor swept.
   */
  foreground?: boolean;
  signals: SignalWatch;
  /** Stops the command (stop signal, grace, SIGKILL) when it settles: the run's fleet lock was lost. */
  stopWhen?: Promise<unknown>;
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
  /** With `hold`: the output, for the caller to replay (the run failed) or discard. */
  held?: Held;
  /** Signal guard itself received and passed on, which ended the run. */
  interruptedBy: NodeJS.Signals | null;
  /** SIGKILL was needed. */
  killed: boolean;
  /** The command's stdout and stderr were one pipe: `stdout` holds both, in the order written. */
  merged: boolean;
  /** Processes still in the command's group after the command itself ended. */
  orphans: number;
  /** guard stopped the command because `stopWhen` settled. */
  halted: boolean;
  pid: number | null;
  signal: NodeJS.Signals | null;
  spawnError: NodeJS.ErrnoException | null;
  stderr: StreamOutcome;
  stdout: StreamOutcome;
  timedOut: boolean;
}

const pollMs = 25;
// Output still in flight when the group is gone; longer means a process outside the group holds the pipe.
const drainMs = 250;

/**
 * Runs argv in a new session and process group, streams its output through, and ends
 * with nothing of that group left running: on timeout, on a signal to guard, and when
 * the command exits leaving processes behind (unless `leaveOrphans`).
 */
export async function runCommand(spec: RunSpec): Promise<Outcome> {
  const started = process.hrtime.bigint();
  const stdoutTail = new Tail(spec.tailBytes);
  const stderrTail = new Tail(spec.tailBytes);
  const outcome = (fields: Partial<Outcome>): Outcome => ({
    durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
    exitCode: null,
    halted: false,
    interruptedBy: spec.signals.received,
    killed: false,
    merged: false,
    orphans: 0,
    pid: null,
    signal: null,
    spawnError: null,
    stderr: {bytes: stderrTail.bytes, tail: stderrTail.contents()},
    stdout: {bytes: stdoutTail.bytes, tail: stdoutTail.contents()},
    timedOut: false,
    ...fields,
  });

  const pipes = spec.pipes && (await spec.pipes);
  if (spec.signals.received) return outcome({});
  const foreground = spec.foreground === true;

  let pgid = 0;
  let timedOut = false;
  let halted = false;
  let killed = false;
  let stopping = false;
  let timeout: Timer | undefined;
  let escalation: Timer | undefined;

  // Merged, the child's stdout and stderr are one open pipe, as after `2>&1`.
  const stderrEnd = pipes && (pipes.stderr ?? pipes.stdout).childEnd;
  const child = spawn(spec.argv[0]!, spec.argv.slice(1), {
    cwd: spec.cwd,
    detached: !foreground,
    env: spec.env,
    stdio: pipes ? ['inherit', pipes.stdout.childEnd, stderrEnd, ...spec.inheritFds] : ['inherit', 'inherit', 'inherit', ...spec.inheritFds],
  });
  pipes?.stdout.closeChildEnd();
  pipes?.stderr?.closeChildEnd();
  const merged = pipes !== null && pipes.stderr === null;
  const stdout = pipes?.stdout.reader(child.stdout);
  const stderr = pipes?.stderr?.reader(child.stderr);
  const held = spec.hold && pipes ? new HeldOutput(spec.hold.memoryBytes, spec.signals) : undefined;
  const copy = (source: NonNullable<typeof stdout>, fd: 1 | 2, tail: Tail) => (held ? holdStream(source, fd, tail, held) : pump(source, fd, tail));
  const streams = stdout ? Promise.all([copy(stdout, 1, stdoutTail), stderr && copy(stderr, 2, stderrTail)]) : Promise.resolve();

  // In the foreground the command alone is the target; otherwise its whole process group.
  const alive = () => (foreground ? child.exitCode === null && child.signalCode === null : groupMembers(pgid).length > 0);
  const send = (signal: NodeJS.Signals) => (foreground ? signalProcess(pgid, signal) : signalGroup(pgid, signal));
  const kill = () => {
    if (alive()) {
      killed = true;
      send('SIGKILL');
    }
  };

  const stop = (signal: NodeJS.Signals) => {
    if (pgid === 0) return;
    if (spec.killAfterMs === 0) return kill();
    if (foreground) {
      if (signalProcess(pgid, signal) && signal !== 'SIGKILL' && signal !== 'SIGCONT') signalProcess(pgid, 'SIGCONT');
    } else stopGroup(pgid, signal);
    if (!stopping) escalation = startTimer(spec.killAfterMs, kill);
    stopping = true;
  };

  spec.signals.attach({interrupt: stop, passOn: (signal) => send(signal)});

  let ended = false;
  return new Promise<Outcome>((resolve) => {
    const finish = async (fields: Partial<Outcome>) => {
      timeout?.cancel();
      escalation?.cancel();
      spec.signals.detach();
      const drained = new Promise((resolve) => {
        setTimeout(resolve, drainMs).unref();
      });
      await Promise.race([streams, drained]);
      stdout?.destroy();
      stderr?.destroy();
      await streams;
      resolve(outcome({halted, held, killed, merged, pid: pgid || null, timedOut, ...fields}));
    };

    const awaitEmptyGroup = (fields: Partial<Outcome>) => {
      if (groupMembers(pgid).length === 0) return void finish(fields);
      setTimeout(() => awaitEmptyGroup(fields), pollMs);
    };

    child.once('spawn', () => {
      pgid = child.pid!;
      spec.onSpawn?.({pid: pgid, startTime: readProcessStat(pgid)?.startTime ?? 0});
      if (spec.signals.received) stop(spec.signals.received);
      void spec.stopWhen?.then(() => {
        if (ended) return;
        halted = true;
        stop(spec.stopSignal);
      });
      if (spec.timeoutMs > 0) {
        timeout = startTimer(spec.timeoutMs, () => {
          timedOut = true;
          stop(spec.stopSignal);
        });
      }
    });

    child.once('error', (spawnError: NodeJS.ErrnoException) => {
      if (pgid === 0) void finish({spawnError});
    });

    child.once('exit', (exitCode, signal) => {
      ended = true;
      timeout?.cancel();
      // guard shares the foreground command's group: what it left there is not guard's to stop.
      if (foreground) return void finish({exitCode, signal});
      const fields = {exitCode, orphans: groupMembers(pgid).length, signal};
      if (fields.orphans === 0 || (spec.leaveOrphans && !stopping)) return void finish(fields);
      stop(spec.stopSignal);
      awaitEmptyGroup(fields);
    });
  });
}
