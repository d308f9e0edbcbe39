// The guarded-run pipeline, in the contract's order: the policy and the job's settings,
// the environment, the decision (a refusal ends here: refusal.ts), the audit log opened,
// then the lock taken and each attempt run under it (attempts.ts), each attempt's start
// recorded before its command is spawned and its end recorded after (attempt.ts), and the
// end said once (attempt-end.ts).
import {constants} from 'node:os';
import {join} from 'node:path';
import {redactFields} from '../audit/redaction.js';
import type {StartFields} from '../audit/row.js';
import {noteFleetEpoch, seenFleetEpoch} from '../audit/outbox.js';
import {storeOutbox} from '../fleet/outbox-log.js';
import {openingAuditStore, openInMemoryStore, type AuditStore} from '../audit/store.js';
import {randomUuid} from '../digest.js';
import {AuditError} from '../errors.js';
import {exitStatus, signalStatus} from '../exit-status.js';
import {lockFolder} from '../lock/index.js';
import {holdWarnings, log, releaseWarnings} from '../log.js';
import {auditDbPath, stateDir} from '../paths.js';
import {PolicyError, loadPolicy, policyFiles, type LayerInfo, type PolicySettings} from '../policy-files/index.js';
import {applyEnvironment} from '../policy/environment.js';
import {fleetSettings} from '../policy/fleet-settings.js';
import {redactStrings, type Redactor} from '../redact/redactor.js';
import {openOutputPipes, outputsShareFile} from '../runner/pipes.js';
import {SignalWatch} from '../runner/signals.js';
import {recordNotRun} from './attempt-end.js';
import {runAttempts, runLocked} from './attempts.js';
import {shipQueued, type FleetRun} from './fleet-step.js';
import {refuses} from './check.js';
import {canAsk, confirmOnTerminal, type Answer} from './confirm.js';
import {decide} from './decide.js';
import {LogWaits} from './log-wait.js';
import {runMonitor, type RunMonitor} from './monitor-step.js';
import {planRun} from './plan.js';
import {runRedactor, type RunRedactor} from './redaction.js';
import {startFields} from './record.js';
import {recordRefusal} from './refusal.js';
import type {RunContext, RunPlan, RunRequest} from './request.js';
import type {Run} from './run-state.js';
import {decisive, refusalLine, warningLine} from './verdict.js';

/**
 * policy → settings → environment → decide → open the log → lock → record the start → run
 * (and retry) → record the end → exit status. Nothing runs unless the policy allows it and
 * its start is committed to the audit log, and every attempt, run or not, leaves a row.
 */
export async function guardedRun(request: RunRequest, context: RunContext): Promise<number> {
  const signals = new SignalWatch();
  const loaded = await loadPolicy({cwd: context.cwd, env: context.env, policyFlag: request.policy});
  // guard's own environment, not the command's, may name the fleet (GUARD_FLEET_URL).
  const plan = planRun(request, loaded.settings, fleetSettings(loaded.settings, context.env));
  // Secrets are masked in everything guard stores or prints, with the policy's patterns too.
  const redactor = runRedactor(loaded.settings);
  const monitor = await runMonitor({metricsDir: request.metricsDir, ping: plan.ping}, (text) => redactor.text(text));
  const ending: Run['ending'] = {line: null};
  try {
    return await monitoredRun(request, context, {...loaded, ending, monitor, plan, redactor, signals});
  } finally {
    // The run is recorded and nothing is held: a signal from here on simply ends guard.
    signals.disarm();
    // Last, once the lock is let go and the log closed: a slow monitor holds nothing up.
    await monitor.delivered();
    // Under --quiet a run that did not succeed ends with its warnings (a failed ping's
    // too), then how it ended; one that succeeded has printed nothing and prints nothing.
    releaseWarnings();
    if (ending.line) log().error(ending.line);
  }
}

interface Prepared {
  ending: Run['ending'];
  layers: LayerInfo[];
  monitor: RunMonitor;
  plan: RunPlan;
  policy: Awaited<ReturnType<typeof loadPolicy>>['policy'];
  redactor: RunRedactor;
  settings: PolicySettings;
  signals: SignalWatch;
}

async function monitoredRun(request: RunRequest, context: RunContext, {ending, layers, monitor, plan, policy, redactor, settings, signals}: Prepared): Promise<number> {
  const environment = applyEnvironment(context.env, settings.env);
  if (environment.missing.length > 0) throw missingVariables(environment.missing, settings);
  // The decision expands variables as the command will: in the environment it will get.
  const runContext: RunContext = {cwd: context.cwd, env: environment.env};
  const {programs, ...decision} = await decide({
    argv: request.command,
    cwd: context.cwd,
    env: environment.env,
    policy,
    stateDir: stateDir(context.env),
    auditDb: auditDbPath({env: context.env, flag: request.db}),
    policyFiles: policyFiles({layers}, context),
  });
  redactor.protect(programs);
  const shown = {...decision, findings: redactStrings(redactor, decision.findings)};
  const answer: Answer = decision.verdict !== 'confirm' || request.yes ? 'confirmed' : canAsk() ? await confirmOnTerminal(shown, request.name) : 'refused';
  const startedAt = new Date();
  const waits = new LogWaits(signals);
  const start: StartFields = {
    ...startFields(request, plan, runContext, startedAt, redactor),
    decision: decision.verdict,
    group_id: plan.retry.retries > 0 ? randomUuid() : null,
    rules: decision.findings.map((finding) => finding.rule),
  };
  // guard's own settings (GUARD_DB, XDG_STATE_HOME) come from the caller's environment, not the command's.
  const unrun = {fleet: plan.fleet, monitor, redactor, start, startedAt, waits};
  // Ctrl-C at the prompt: the person stopped guard, as a signal during the run would (128+N).
  if (typeof answer === 'object') {
    const rule = decisive(decision)!.rule;
    const line = `interrupted by ${answer.interrupted} at the confirm prompt of rule ${rule}; nothing was run`;
    return await recordRefusal(request, context, unrun, {exitCode: signalStatus(constants.signals[answer.interrupted]), line, status: 'interrupted'});
  }

  if (refuses(decision, answer === 'confirmed')) {
    const line = refusalLine(decisive(decision)!, decision.findings.filter((finding) => finding.level !== 'warn').length - 1);
    return await recordRefusal(request, context, unrun, {exitCode: exitStatus.refused, line, status: 'blocked'});
  }

  // Under --quiet guard's own warnings wait with the output: printed only if the run fails.
  if (plan.quiet) holdWarnings();
  for (const finding of decision.findings.filter((finding) => finding.level === 'warn')) log().warn(warningLine(finding));

  const notes = decision.verdict === 'confirm' ? [request.yes ? 'confirm rules accepted with --yes' : 'confirmed at the terminal'] : [];
  if (environment.removed.length > 0) notes.push(`removed from the environment by the policy: ${environment.removed.join(', ')}`);
  // Up to here guard has only read and decided, and a signal simply ends it. It now takes
  // the signals over, to record and clean up, and must answer them within a second: the
  // start row's texts (a command can be megabytes, the policy's patterns slow) are masked
  // first, once, and the redactor remembers them for the row, the lease and any retry.
  redactFields(redactor, start);
  signals.arm();
  // Pipes come from the spare FIFOs; making them, when there are too few, costs a fork, which overlaps with opening the audit log.
  const mergedOutputs = outputsShareFile();
  const newPipes = () => openOutputPipes(mergedOutputs, join(stateDir(context.env), 'fifos'));
  const pipes = request.dryRun || request.foreground ? null : newPipes();
  try {
    // With a fleet that keeps history, each write of a run row queues it for shipping, in its transaction.
    const store = await openStore(request, context, {notes, outbox: plan.fleet?.history === true, redactor, settings, waits});
    const fleet = plan.fleet && fleetRun(plan, store, start.host, waits);
    try {
      const folder = lockFolder(stateDir(context.env), settings.locks.dir?.value);
      const run: Run = {context: runContext, ending, fleet, lockFolder: folder, monitor, newPipes, pipes, plan, redactor, request, signals, start, startedAt, store, waits};
      if (request.dryRun) {
        log().warn(`dry run: ${decision.verdict === 'allow' ? 'allowed' : decision.verdict === 'warn' ? 'allowed, with warnings' : 'allowed once confirmed'}; nothing was run`);
        return await recordNotRun(run, start, 'dry_run', 0, 'dry run: nothing was run', notes);
      }

      return plan.lock ? await runLocked(run, notes) : await runAttempts(run, {env: {}, inheritFds: [], notes});
    } finally {
      // What the run queued and did not ship on the lock's session (a refusal, a busy lock, a
      // run without a lock) goes now, within fleet.shipTimeout; it never changes the status.
      if (fleet) await shipQueued(fleet, null, fleet.config.shipTimeoutMs);
      store.close();
    }
  } finally {
    // Made and never used (the log was unusable, a lock busy, a signal before the spawn): their
    // FIFOs were removed once made; their descriptors are closed before guard ends.
    await discardUnused(pipes);
  }
}

async function discardUnused(pipes: Run['pipes']): Promise<void> {
  const made = await pipes;
  made?.stdout.discard();
  made?.stderr?.discard();
}

/** The fleet as this run sees it; the log's outbox only when runs are shipped and the log is a real one. */
function fleetRun(plan: RunPlan, store: AuditStore, host: string, waits: LogWaits): FleetRun {
  const config = plan.fleet!;
  return {
    config,
    epochs: {
      note: async (name, epoch) => void (await waits.before(noteFleetEpoch(store.db, name, epoch))),
      seen: async (name) => seenFleetEpoch(store.db, name),
    },
    lock: plan.fleetLock,
    outbox: config.history && store.outbox ? storeOutbox(store, host) : null,
    unreachable: false,
  };
}

function missingVariables(missing: string[], settings: PolicySettings): PolicyError {
  const sources = [...new Set(settings.env.require.filter((item) => missing.includes(item.value)).map((item) => item.source))];
  const names = missing.join(', ');
  return new PolicyError(`${names} must be set for this run (env.require in ${sources.join(', ')}); nothing was run`);
}

/**
 * The audit log, or, when it is unusable and the policy says `audit.onError: run`, a log
 * in memory that keeps nothing: the run goes on, and says so loudly.
 */
async function openStore(
  request: RunRequest,
  context: RunContext,
  {notes, outbox, redactor, settings, waits}: {notes: string[]; outbox: boolean; redactor: Redactor; settings: PolicySettings; waits: LogWaits},
): Promise<AuditStore> {
  try {
    return await waits.before(openingAuditStore(auditDbPath({env: context.env, flag: request.db}), {outbox, redactor}));
  } catch (error) {
    const onError = settings.audit.onError;
    if (!(error instanceof AuditError) || onError?.value !== 'run') throw error;
    log().error(`${error.message}; running WITHOUT an audit record because audit.onError is run in ${onError.source}`);
    notes.push('not recorded: the audit log was unusable');
    return openInMemoryStore(redactor);
  }
}
