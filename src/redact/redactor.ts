import {compileRegex} from '../linear-regex.js';
import {builtinPatterns, mask, mysqlProgram, secretFlag, secretName} from './patterns.js';

/** Masks secrets in what guard stores or prints. Masking twice changes nothing more. */
export interface Redactor {
  text(text: string): string;
  /** argv word by word: the word after a secret flag is masked whole, blanks and all. */
  argv(words: readonly string[]): string[];
}

const flagAlone = new RegExp(`^${secretFlag}$`, 'i');
const flagWithValue = new RegExp(`^(${secretFlag}=).`, 'i');
const assignment = new RegExp(`^(${secretName}=).`, 'i');
const gluedPassword = /^-p./;
const onlyMasked = /^\*+$/;

/**
 * A policy pattern (already validated by the schema) masks its capture groups when it has
 * any, so `token=(\w+)` keeps `token=`; without groups it masks its whole match. Empty
 * matches and text already masked are left alone, which keeps masking idempotent.
 */
function userPattern(source: string): (text: string) => string {
  // On RE2 (src/linear-regex.ts), in time linear in the text: a policy's pattern runs over output tails.
  const regex = compileRegex(source);
  return (text) => {
    let result = '';
    let copied = 0;
    for (const match of regex.matches(text)) {
      const spans = match.length > 1 ? match.slice(1) : [match[0]];
      for (const span of spans) {
        if (!span || span[0] < copied || span[0] === span[1] || onlyMasked.test(text.slice(span[0], span[1]))) continue;
        result += text.slice(copied, span[0]) + mask;
        copied = span[1];
      }
    }

    return result + text.slice(copied);
  };
}

/** Built once per run: the built-in patterns, then the policy's `redact` patterns. */
export function createRedactor(extra: readonly string[]): Redactor {
  const steps = [...extra.map(userPattern), ...builtinPatterns.map((pattern) => (text: string) => (pattern.mayMatch(text) ? pattern.redact(text) : text))];
  const text = (input: string) => steps.reduce((result, step) => step(result), input);

  return {
    text,
    argv(words) {
      let mysql = false;
      return words.map((word, index) => {
        const previous = words[index - 1];
        if (previous !== undefined && flagAlone.test(previous) && word !== '') return mask;
        if (mysql && gluedPassword.test(word)) return `-p${mask}`;
        mysql ||= mysqlProgram.test(word.slice(word.lastIndexOf('/') + 1));
        const named = flagWithValue.exec(word) ?? assignment.exec(word);
        return named ? named[1] + mask : text(word);
      });
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
