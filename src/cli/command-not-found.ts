import type {Hook, Interfaces} from '@oclif/core';
import type {UsageError} from '../errors.js';
import {usage} from './argv.js';
import {exitStatusOf} from './failure.js';

/**
 * What guard says of words that name no command. oclif joins the words of a command that
 * takes no argument with the word after them (`history foo` looks for `history:foo`): that
 * word is an argument too many. Otherwise the help to see is the nearest topic's.
 */
export function unknownCommand(config: Pick<Interfaces.Config, 'findCommand' | 'findTopic'>, words: readonly string[]): UsageError {
  // `guard --bogus`: guard itself takes no flag but --help (-h) and --version.
  if (words[0]?.startsWith('-')) return usage.unknownFlag(words[0], '', ['help', 'version']);
  const prefix = (index: number) => words.slice(0, index + 1).join(':');
  const known = words.findLastIndex((_, index) => config.findCommand(prefix(index)) !== undefined);
  if (known !== -1) return usage.unexpected(words[known + 1]!, words.slice(0, known + 1).join(' '));
  const topic = words.findLastIndex((_, index) => config.findTopic(prefix(index)) !== undefined);
  return usage.unknownCommand(words.join(' '), topic === -1 ? '' : words.slice(0, topic + 1).join(' '));
}

// An unknown command is a usage error (64) told on one line through guard's log, not oclif's 70 and its own format.
const commandNotFound: Hook.CommandNotFound = async function ({config, id}) {
  process.exitCode = exitStatusOf(unknownCommand(config, id.split(':')));
};

export default commandNotFound;
