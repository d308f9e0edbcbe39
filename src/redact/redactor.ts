import {compileRegex} from '../linear-regex.js';
import {builtinPatterns, type SecretPattern} from './patterns.js';
import {applyMask, maskable, type Reading, type Span, wordsOf} from './spans.js';

/** Masks secrets in what guard stores or prints. Masking twice changes nothing more. */
export interface Redactor {
  /**
   * A text that may quote a command: the command line, a script, a message about the run.
   * A mask never covers a blank, a line break or a shell operator, nor lands in a word
   * that names one of the run's programs.
   */
  text(text: string): string;
  /** A program's output: a secret value runs to its closing quote or the next blank. */
  output(text: string): string;
  /** argv word by word, read as the command line it is: `sh -c SCRIPT` keeps its commands. */
  argv(words: readonly string[]): string[];
  /** The programs the run's commands start (as the policy's analysis found them): never masked. */
  protect(programs: Iterable<string>): void;
}

/** Where a policy pattern sees secrets in a text. */
export type Matcher = (text: string) => Iterable<Span>;

/**
 * A policy pattern with capture groups masks its groups, so `token=(\w+)` keeps `token=`,
 * and it may look across words for them (`user (\S+)`). One without groups masks what it
 * matches, so it is matched in each word on its own: `.+` masks word by word, never a line.
 * `find` gives each match's group spans, or the match's when it has none.
 */
export function policyMatcher(find: (text: string) => Iterable<Span>, groups: boolean): Matcher {
  if (groups) return find;
  return function* (text) {
    for (const [start, end] of wordsOf(text)) for (const [from, to] of find(text.slice(start, end))) yield [start + from, start + to];
  };
}

/**
 * A policy pattern, already validated by the schema, compiled on RE2 (src/linear-regex.ts):
 * in time linear in the text, as it runs over output tails.
 */
export function compilePattern(source: string): Matcher {
  const regex = compileRegex(source);
  return policyMatcher(function* (text) {
    for (const match of regex.matches(text)) {
      for (const span of regex.groups > 0 ? match.slice(1) : [match[0]]) if (span && span[1] > span[0]) yield span;
    }
  }, regex.groups > 0);
}

interface Step {
  mayMatch(text: string): boolean;
  secrets(text: string, reading: Reading): Iterable<Span>;
  /** A policy's pattern: cut at a word's end whatever the text is. */
  policy: boolean;
}

const policyStep = (matcher: Matcher): Step => ({mayMatch: () => true, secrets: matcher, policy: true});

function spansOf(step: Step, text: string, reading: Reading, programs: ReadonlySet<string>): Span[] {
  return maskable(text, step.secrets(text, reading), {programs: reading === 'command' ? programs : new Set(), shell: reading === 'command' || step.policy});
}

/** What one built-in pattern alone masks in a text read one way: the examples' test. */
export function redactWith(pattern: SecretPattern, text: string, reading: Reading): string {
  return pattern.mayMatch(text) ? applyMask(text, spansOf({...pattern, policy: false}, text, reading, new Set())) : text;
}

/** Built once per run: the policy's `redact` patterns, then the built-in ones. */
export function createRedactor(extra: readonly string[]): Redactor {
  const steps: Step[] = [...extra.map((source) => policyStep(compilePattern(source))), ...builtinPatterns.map((pattern) => ({...pattern, policy: false}))];
  const programs = new Set<string>();
  const masked = (text: string, reading: Reading) =>
    steps.reduce((result, step) => (step.mayMatch(result) ? applyMask(result, spansOf(step, result, reading, programs)) : result), text);

  return {
    text: (text) => masked(text, 'command'),
    output: (text) => masked(text, 'output'),
    argv(words) {
      // The words joined by blanks are the command line: a mask never covers a blank, so
      // each one falls inside one word.
      let current = [...words];
      for (const step of steps) {
        const line = current.join(' ');
        if (!step.mayMatch(line)) continue;
        const spans = spansOf(step, line, 'command', programs);
        let next = 0;
        let offset = 0;
        current = current.map((word) => {
          const end = offset + word.length;
          const inside: Span[] = [];
          for (; next < spans.length && spans[next]![0] < end; next++) inside.push([spans[next]![0] - offset, spans[next]![1] - offset]);
          offset = end + 1;
          return applyMask(word, inside);
        });
      }

      return current;
    },
    protect(words) {
      for (const word of words) programs.add(word);
    },
  };
}

/** Every string inside a value (a log line's fields, a finding) masked; the shape kept. */
export function redactStrings<T>(redactor: Redactor, value: T): T {
  if (typeof value === 'string') return redactor.text(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactStrings(redactor, item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(redactor, item)])) as T;
  }

  return value;
}
