import type {CheckRequest} from '../run/check.js';
import {splitArgv} from './argv.js';
import {checkFlags} from './check-flags.js';

/** `guard check` argv to a request, or `help` when the caller asked for it. */
export function parseCheckArgv(words: readonly string[]): CheckRequest | 'help' {
  const {command, flags, help} = splitArgv(words, checkFlags, 'check');
  if (help) return 'help';
  const policy = flags.get('policy');
  return {command, json: flags.has('json'), policy: typeof policy === 'string' ? policy : undefined, yes: flags.has('yes')};
}
