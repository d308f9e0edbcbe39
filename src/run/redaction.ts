import {compileRegex, RegexError, regexProblem} from '../linear-regex.js';
import {redactLogWith} from '../log.js';
import {PolicyError, type PolicySettings} from '../policy-files/index.js';
import {createRedactor, type Redactor} from '../redact/redactor.js';
import type {SignalWatch} from '../runner/signals.js';

/** The run's redactor, with what a run needs beyond masking one text. */
export interface RunRedactor extends Redactor {
  /**
   * The texts masked where a signal can stop it: in a worker thread when the policy's own
   * patterns or the texts' size could make that long, else here. Null when an ending signal
   * came first, or had already come and masking took longer than a moment.
   */
  maskAside(texts: readonly string[], signals: SignalWatch): Promise<string[] | null>;
}

// Long texts are masked once per run and remembered: the command is masked before guard
// takes its signals over (see guardedRun), so the start row, the lease and every retry find
// it done. A masked text is its own masking (masking twice changes nothing more), so tails
// masked aside are not masked again on their way into the audit log.
const rememberFrom = 1024;
const remembered = 16;
// What masking can cost at worst, measured on 2-core machines like the project's (64 KiB of
// hostile text per pattern): the built-in patterns ≈ 8 ns a character; a policy pattern on
// re2js up to ≈ 17 ns a character for each instruction of its program. Work that could take
// longer than the budget goes to a worker thread, which costs ≈ 30 ms to start.
const builtinNsPerChar = 10;
const policyNsPerInstructionChar = 20;
const inlineBudgetMs = 100;
// After a signal, how long masking may still take before the tails are given up.
const afterSignalMs = 500;

/** The run's redactor, the policy's `redact` patterns on top of the built-in ones; guard's log lines use it from now on. */
export function runRedactor(settings: PolicySettings): RunRedactor {
  const patterns = settings.redact.map(({value}) => value);
  const inner = compiledRedactor(settings);
  const instructions = patterns.reduce((sum, source) => sum + compileRegex(source).programSize, 0);
  const worstMs = (chars: number) => (chars * (builtinNsPerChar + policyNsPerInstructionChar * instructions)) / 1e6;
  const texts = new Map<string, string>();
  const argvs = new Map<string, string>();
  const remember = (memo: Map<string, string>, key: string, output: string): string => {
    if (memo.size >= remembered) memo.clear();
    memo.set(key, output);
    memo.set(output, output);
    return output;
  };

  // An argv is remembered as its words joined by NUL, which no argument can contain.
  const joined = (words: readonly string[]) => words.join('\0');
  const redactor: RunRedactor = {
    ...inner,
    text(input) {
      if (input.length < rememberFrom) return inner.text(input);
      return texts.get(input) ?? remember(texts, input, inner.text(input));
    },
    argv(words) {
      const key = joined(words);
      if (key.length < rememberFrom) return inner.argv(words);
      return (argvs.get(key) ?? remember(argvs, key, joined(inner.argv(words)))).split('\0');
    },
    async maskAside(tails, signals) {
      const chars = tails.reduce((sum, item) => sum + item.length, 0);
      if (worstMs(chars) <= inlineBudgetMs) return tails.map((item) => redactor.text(item));
      const masked = await maskInWorker(patterns, tails, signals, (item) => inner.text(item));
      for (const item of masked ?? []) remember(texts, item, item);
      return masked;
    },
  };
  redactLogWith(redactor);
  return redactor;
}

// The schema has checked every pattern, but a cached policy was checked by the guard that
// cached it: a pattern this engine refuses is still the policy's error (78), never a bug.
function compiledRedactor(settings: PolicySettings): Redactor {
  try {
    return createRedactor(settings.redact.map(({value}) => value));
  } catch (error) {
    if (!(error instanceof RegexError)) throw error;
    const bad = settings.redact.find(({value}) => regexProblem(value) !== undefined);
    throw new PolicyError(bad ? `${bad.source}: redact: '${bad.value}': invalid regular expression (${error.message})` : error.message);
  }
}

/**
 * Masks in a worker thread, which `terminate()` stops even in the middle of a match, so the
 * main thread stays free to answer a signal. A worker that fails leaves the work to this
 * thread.
 */
async function maskInWorker(patterns: string[], texts: readonly string[], signals: SignalWatch, mask: (text: string) => string): Promise<string[] | null> {
  const {Worker} = await import('node:worker_threads');
  const worker = new Worker(new URL('./mask-worker.js', import.meta.url), {workerData: {patterns, texts}});
  return new Promise<string[] | null>((resolve) => {
    let late: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (result: () => string[] | null) => {
      if (done) return;
      done = true;
      clearTimeout(late);
      signals.detach();
      void worker.terminate();
      resolve(result());
    };

    if (signals.received) late = setTimeout(() => finish(() => null), afterSignalMs);
    signals.attach({interrupt: () => finish(() => null), passOn() {}});
    worker.once('message', (masked: string[]) => finish(() => masked));
    worker.once('error', () => finish(() => texts.map(mask)));
    worker.once('exit', () => finish(() => texts.map(mask)));
  });
}
