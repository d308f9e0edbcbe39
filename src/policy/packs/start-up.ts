// The checks the start-up path keeps: those that see every command a script runs rather than
// one program's, which run on every decision (`guard check -- true`'s too), and those of
// programs nearly every command line names (`sh -c '…'`). The rest of the packs' code is
// loaded only when a command names a program one of their rules judges: scripts/build.js
// keeps it in a bundle of its own, and refuses a `checkAll` of no program not listed here.
import type {SimpleCommand} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {listedDeletes} from './listed-delete.js';
import {historyOff, sharedPreload} from './login-code.js';
import {networkShell} from './network-shell.js';

/** A function whose body calls it twice: each call doubles the processes until the table is full. */
function forkBombs(commands: SimpleCommand[]): Array<{command: SimpleCommand; hit: Hit}> {
  const sites = new Map<string, {command: SimpleCommand; at: Set<string>}>();
  for (const command of commands) {
    const name = command.program.value;
    if (!name || command.via.at(-1) !== `function ${name}`) continue;
    const entry = sites.get(name) ?? {command, at: new Set<string>()};
    entry.at.add(`${command.location.file}:${command.location.line}:${command.location.column}:${command.location.site ?? ''}`);
    sites.set(name, entry);
  }

  return [...sites].filter(([, {at}]) => at.size >= 2).map(([name, {command}]) => ({command, hit: {word: name, reason: `the function ${name} calls itself twice in its own body: a fork bomb that exhausts the process table`}}));
}

/** By the id of the rule they are the code of. */
export const startUpChecks: Record<string, Pick<BuiltinRule, 'check' | 'checkAll'>> = {
  'system.fork-bomb': {checkAll: forkBombs},
  'system.listed-delete': {checkAll: listedDeletes},
  'system.history-off': {checkAll: historyOff},
  'system.shared-preload': {checkAll: sharedPreload},
  'remote.network-shell': {check: networkShell},
};
