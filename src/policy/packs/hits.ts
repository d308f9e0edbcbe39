// How the check-based rules of the system and devices packs read a command and word a hit:
// `passwd -d root empties root's password…`, naming the word at fault.
import {posix} from 'node:path';
import {type SimpleCommand, type Word, knownText} from '../../shell/index.js';
import {readAt} from '../read-at.js';
import {spelled, written} from '../spelling.js';
import type {EvaluationContext, Hit} from '../types.js';

export const say = (command: SimpleCommand, words: Word[], reason: string, word = words.at(-1)): Hit => ({
  word: written(word ?? command.argv[0]!),
  reason: `${[command.program.value, ...words.map(spelled)].join(' ')} ${reason}`,
});

export const args = (command: SimpleCommand): Word[] => command.argv.slice(1);
export const has = (words: Word[], ...values: string[]): Word | undefined => words.find((word) => word.known && values.includes(word.value));
const helpWords = new Set(['-help', '--help', '-h', 'help']);
/** A cloud CLI asked for help, in any of the spellings they take (`help`, `-help`, `--help`, `-h`). */
export const asksHelp = (words: Word[]): boolean => words.some((word) => word.known && helpWords.has(word.value));
export const asking = (words: Word[]): boolean => has(words, '--help', '-h', '--version', '-V') !== undefined;

const gentle = new Set(['0', 'HUP', '1', 'USR1', '10', 'USR2', '12', 'CONT', '18', 'WINCH', '28', 'URG', '23', 'CHLD', '17', 'PWR', '30']);

/** A signal that ends a process that does not handle it (TERM, KILL, INT…); HUP, USR1, CONT and 0 do not. */
export const lethal = (signal: string | null | undefined): boolean => signal === null || signal === undefined || !gentle.has(signal.toUpperCase().replace(/^SIG/, ''));

/**
 * The HTTP method a curl, wget or `gh api` command sends when it names one, upper-cased:
 * `-X DELETE`, `-XDELETE`, `--request DELETE`, `--request=DELETE`, `--method DELETE`, `--method=DELETE`,
 * and -X last of combined short flags (`-sX DELETE`, `-sXDELETE`).
 */
export function httpMethod(command: SimpleCommand): string | undefined {
  const words = args(command);
  for (const [i, word] of words.entries()) {
    const text = word.value ?? '';
    if (/^-[a-zA-Z]*X$/.test(text) || text === '--request' || text === '--method') return words[i + 1]?.value?.toUpperCase();
    const joined = /^(?:-[a-zA-Z]*X|--request=|--method=)(.+)$/.exec(text);
    if (joined) return joined[1]!.toUpperCase();
  }

  return undefined;
}

/** The method a request is sent with: the one named, else curl's POST for a body (`-d`, `--data…`, `--json`, `-F`), httpie's first word, else GET. */
export function sentMethod(command: SimpleCommand): string {
  const named = httpMethod(command);
  if (named) return named;
  const words = args(command);
  if (command.program.value === 'http' || command.program.value === 'https' || command.program.value === 'xh') {
    const first = words.find((word) => word.known && !word.value.startsWith('-'))?.value;
    return first && /^[A-Z]+$/.test(first) ? first : words.some((word) => word.known && /^[\w.-]+:?=/.test(word.value)) ? 'POST' : 'GET';
  }
  return words.some((word) => word.known && /^(?:-[a-zA-Z]*[dF]|--data(?:-\w+)?|--json|--form)(?:=|$)/.test(word.value)) ? 'POST' : 'GET';
}

/** What a command reads on its input when guard can see it: a heredoc, a here-string, or text piped in. */
export function fedText(command: SimpleCommand): string | undefined {
  const input = command.redirects.find((redirect) => (redirect.op === '<<' || redirect.op === '<<-' || redirect.op === '<<<') && (redirect.fd === undefined || redirect.fd === 0));
  return input ? knownText(input.target) : command.piped?.text;
}

/**
 * The value of an option given as `NAME VALUE` or `NAME=VALUE`, for the first of `names` the
 * words give; undefined when it is not there or not known (`null`, an unknown word's value).
 */
export function optionValue(texts: ReadonlyArray<string | null>, ...names: string[]): string | undefined {
  for (const [i, text] of texts.entries()) {
    if (text === null) continue;
    for (const name of names) {
      if (text === name) return texts[i + 1] ?? undefined;
      if (text.startsWith(`${name}=`)) return text.slice(name.length + 1);
    }
  }

  return undefined;
}

/** `gh api`'s endpoint as a path, when it is given as a whole URL (`https://api.github.com/repos/o/r`, Enterprise's `https://HOST/api/v3/…`). */
export const ghEndpoint = (text: string): string => text.replace(/^https?:\/\/(?:api\.github\.com|[^/]+\/api\/v3)(?=\/)/, '');

/**
 * What a command reads on its input, a file redirected into it included (`rman target / <
 * purge.rman`), read through the caller's port; undefined when there is nothing to see or the
 * file cannot be read.
 */
export function inputText(command: SimpleCommand, context: EvaluationContext): string | undefined {
  const from = command.redirects.findLast((redirect) => redirect.op === '<' && (redirect.fd === undefined || redirect.fd === 0));
  if (!from) return fedText(command);
  return from.target.known ? fileText(from.target.value, command, context) : undefined;
}

/** A file a command names, read through the caller's port from the command's folder; undefined when it cannot be. */
export function fileText(path: string, command: SimpleCommand, context: EvaluationContext): string | undefined {
  if (!path.startsWith('/') && !command.cwd.known) return undefined;
  const read = readAt(path.startsWith('/') ? path : posix.resolve(command.cwd.value!, path), command, context);
  return read && 'text' in read ? read.text : undefined;
}


/** A command read for a table of verbs: its name without a folder, its words as text and lower-cased, where a pattern first matches a lower-cased word, and a hit on the word at an index. */
export interface ReadCommand {
  name: string;
  words: Word[];
  texts: string[];
  lower: string[];
  at: (pattern: RegExp) => number;
  hit: (index: number, reason: string) => Hit;
}

export function readCommand(command: SimpleCommand): ReadCommand {
  const name = command.program.value!.replace(/^.*\//, '');
  const words = args(command);
  const texts = words.map((word) => knownText(word));
  const lower = texts.map((text) => text.toLowerCase());
  return {
    name,
    words,
    texts,
    lower,
    at: (pattern) => lower.findIndex((text) => pattern.test(text)),
    hit: (index, reason) => ({word: written(words[Math.max(index, 0)] ?? command.argv[0]!), reason: `${name} ${reason}`}),
  };
}

/** Named as what is meant to be short-lived: a cache, sessions, tokens, locks, scratch or test data. */
export const shortLived = /(?:^|[-_./:\s"'`])(?:cache|caches|sessions?|scratch|tmp|temp|test|tests|tokens?|nonces?|otps?|locks?|ephemeral|preview|sandbox)(?=$|[-_./:\s"'`\d])/i;
