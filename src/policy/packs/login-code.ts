// What code run at every login does to the shell's own record, and libraries the dynamic loader
// is told to preload from a folder anyone can write: both seen across every command of a script,
// so both run on every decision (start-up.ts), and both are a few comparisons per command.
import type {SimpleCommand} from '../../shell/index.js';
import type {Hit} from '../types.js';

type Found = Array<{command: SimpleCommand; hit: Hit}>;

const atLogin = (command: SimpleCommand) => command.via.some((via) => via.endsWith('(it runs at every login)') || via.endsWith('(it runs before every prompt)'));
const beforePrompt = (command: SimpleCommand) => command.via.some((via) => via.endsWith('PROMPT_COMMAND (it runs before every prompt)'));

// The variables that, so set, keep no history: no file, or none of it kept.
const offValues: Record<string, RegExp> = {HISTFILE: /^(?:|\/dev\/null)$/, HISTSIZE: /^0$/, HISTFILESIZE: /^0$/};
const declares = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);
const senders = new Set(['curl', 'wget', 'nc', 'ncat', 'netcat', 'socat']);

/**
 * In code a start-up file runs at every login (`echo 'unset HISTFILE' >> ~/.bashrc`): the shell's
 * history turned off (HISTFILE unset, emptied or /dev/null, HISTSIZE or HISTFILESIZE 0, `set +o
 * history`, `history -c`), or each command line sent away by PROMPT_COMMAND. Every command typed
 * from then on leaves no record, or a copy with someone else. Run here, once, they change only
 * this shell: they pass.
 */
export function historyOff(commands: SimpleCommand[]): Found {
  const found: Found = [];
  for (const command of commands) {
    if (!atLogin(command)) continue;
    const name = command.program.value;
    const words = command.argv.slice(1);
    const texts = words.map((word) => (word.known ? word.value : null));
    let word: string | undefined;
    if (name === 'unset') word = texts.find((text) => text === 'HISTFILE') ?? undefined;
    else if (name && declares.has(name)) {
      word = texts.find((text) => {
        const at = text?.indexOf('=') ?? -1;
        return text != null && at > 0 && offValues[text.slice(0, at)]?.test(text.slice(at + 1)) === true;
      }) ?? undefined;
    } else if (name === 'set' && texts.some((text, i) => text === '+o' && texts[i + 1] === 'history')) word = 'set +o history';
    else if (name === 'history' && texts.some((text) => text !== null && /^-[a-z]*c/.test(text))) word = 'history -c';
    if (word !== undefined) {
      found.push({command, hit: {word, reason: `turns the shell's history off in code that runs at every login (${command.via.at(-1)!.replace(/ \(it runs .*\)$/, '')}): no command typed from then on is recorded`}});
    } else if (beforePrompt(command) && name && senders.has(name)) {
      found.push({command, hit: {word: name, reason: `sends what is typed away: ${name} runs before every prompt (PROMPT_COMMAND in code that runs at every login), with each command line at hand`}});
    }
  }

  return found;
}

// Folders every user may write: a library directly there, in a hidden folder there, or anywhere
// in /dev/shm is anyone's code. A build of one's own below /tmp (`/tmp/ci-41/build/x.so`) is not.
const shared = /^\/(?:dev\/shm\/|(?:tmp|var\/tmp)\/(?:[^/]+$|\.[^/]+\/))/;
const loaderVariables = ['LD_PRELOAD', 'LD_AUDIT'];

/**
 * The dynamic loader told to preload or audit with a library from a folder every user can write
 * (`LD_PRELOAD=/tmp/.cache/libhide.so ps aux`, `export LD_PRELOAD=/dev/shm/x.so` in a start-up
 * file): whoever put it there runs code inside the program, and can hide what it shows. A
 * library of the project's or the system's own (`LD_PRELOAD=./build/libfaketime.so`) passes.
 */
export function sharedPreload(commands: SimpleCommand[]): Found {
  const found: Found = [];
  for (const command of commands) {
    const given: string[] = [];
    for (const name of loaderVariables) {
      const value = command.env[name];
      if (typeof value === 'string') given.push(value);
    }

    if (command.program.value && declares.has(command.program.value)) {
      for (const word of command.argv.slice(1)) {
        const text = word.known ? word.value : '';
        const at = text.indexOf('=');
        if (at > 0 && loaderVariables.includes(text.slice(0, at))) given.push(text.slice(at + 1));
      }
    }

    const library = given.flatMap((value) => value.split(/[:\s]+/)).find((path) => shared.test(path));
    // Once said: every command after an export carries it.
    if (library) return [{command, hit: {word: library, reason: `has the dynamic loader load ${library}, from a folder every user can write, into ${command.program.value ?? 'the program'}: whoever put it there runs code inside it`}}];
  }

  return found;
}
