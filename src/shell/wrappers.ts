import {posix} from 'node:path';
import {replacePlaceholder} from './code.js';
import {type OptionSpec, scanOptions} from './options.js';
import {type Value, known, unknown} from './state.js';
import type {Word} from './types.js';

/** What a wrapper leaves: the command it runs, and what it changes for that command. */
export interface Unwrapped {
  words: Word[];
  env?: Map<string, Value>;
  cwd?: Value;
  via?: string;
}

export interface Wrapped {
  words: Word[];
  env: Map<string, Value>;
  cwd: Value;
}

type Unwrap = (wrapped: Wrapped) => Unwrapped | undefined;

export const basename = (program: string): string => posix.basename(program) || program;

const literalWord = (value: string): Word => ({value, known: true, raw: value});

/** The words after the wrapper's own options (getopt `+`: options stop at the first operand). */
function afterOptions(words: Word[], spec: OptionSpec) {
  const {options, firstOperand} = scanOptions(words.slice(1), {...spec, stopAtOperand: true});
  return {options, rest: words.slice(1 + firstOperand)};
}

const has = (flags: Set<string>, ...names: string[]) => names.some((name) => flags.has(name));

function resolveDir(cwd: Value, dir: Word | undefined): Value {
  if (!dir) return cwd;
  if (!dir.known) return unknown(`the directory ${dir.raw} is not known: ${dir.why}`);
  if (dir.value.startsWith('/')) return known(posix.normalize(dir.value));
  return cwd.known ? known(posix.resolve(cwd.value, dir.value)) : cwd;
}

/** Leading NAME=VALUE operands (env, sudo) set variables for the command. */
function takeAssignments(rest: Word[], env: Map<string, Value>): Word[] {
  let i = 0;
  for (; i < rest.length; i++) {
    const word = rest[i]!;
    const match = word.known ? /^([A-Za-z_]\w*)=([\s\S]*)$/.exec(word.value) : null;
    if (!match) break;
    env.set(match[1]!, known(match[2]!));
  }

  return rest.slice(i);
}

const sudo: Unwrap = ({words, env, cwd}) => {
  const {options, rest} = afterOptions(words, {
    takesValue: ['-C', '-D', '-g', '-p', '-R', '-r', '-T', '-t', '-U', '-u', '--chdir', '--close-from', '--group', '--host', '--prompt', '--chroot', '--role', '--type', '--command-timeout', '--other-user', '--user'],
    long: ['askpass', 'background', 'chdir', 'close-from', 'chroot', 'command-timeout', 'edit', 'group', 'help', 'host', 'list', 'login', 'non-interactive', 'other-user', 'preserve-env', 'preserve-groups', 'prompt', 'remove-timestamp', 'reset-timestamp', 'role', 'set-home', 'shell', 'stdin', 'type', 'user', 'validate', 'version'],
  });
  const flags = options.flags;
  if (has(flags, '-e', '--edit', '-l', '--list', '-v', '--validate', '-V', '--version', '-K', '--remove-timestamp', '-h', '--help')) return undefined;
  const next = new Map(env);
  if (!has(flags, '-E', '--preserve-env')) {
    for (const name of next.keys()) next.set(name, unknown(`sudo may reset ${name} (env_reset)`));
  }

  const command = takeAssignments(rest, next);
  if (command.length === 0) return undefined;
  const login = has(flags, '-i', '--login');
  const dir = options.values.get('-D') ?? options.values.get('--chdir');
  return {words: command, env: next, cwd: login ? unknown("sudo -i runs in the target user's home folder") : resolveDir(cwd, dir)};
};

const doas: Unwrap = ({words}) => {
  const {options, rest} = afterOptions(words, {takesValue: ['-C', '-u']});
  if (options.flags.has('-C') || rest.length === 0) return undefined;
  return {words: rest};
};

function splitString(text: string): Word[] {
  const words: string[] = [];
  let current: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) current = (current ?? '') + text[++i];
      else current = (current ?? '') + ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      current ??= '';
    } else if (ch === '\\' && i + 1 < text.length) current = (current ?? '') + text[++i];
    else if (/\s/.test(ch)) {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else current = (current ?? '') + ch;
  }

  if (current !== undefined) words.push(current);
  return words.map(literalWord);
}

const env: Unwrap = ({words, env: current, cwd}) => {
  const {options, rest} = afterOptions(words, {
    takesValue: ['-u', '-C', '-S', '--unset', '--chdir', '--split-string'],
    long: ['ignore-environment', 'null', 'unset', 'chdir', 'split-string', 'debug', 'block-signal', 'default-signal', 'ignore-signal', 'list-signal-handling'],
  });
  const next = has(options.flags, '-i', '--ignore-environment') ? new Map<string, Value>() : new Map(current);
  let operands = rest;
  if (operands[0]?.value === '-') {
    next.clear();
    operands = operands.slice(1);
  }

  for (const word of words.slice(1, words.length - rest.length)) {
    const unset = /^(?:-u|--unset=)(.+)$/.exec(word.value ?? '');
    if (unset) next.delete(unset[1]!);
  }

  for (const [flag, value] of options.values) if ((flag === '-u' || flag === '--unset') && value.known) next.delete(value.value);
  let command = takeAssignments(operands, next);
  const split = options.values.get('-S') ?? options.values.get('--split-string');
  if (split?.known) command = [...splitString(split.value), ...command];
  if (command.length === 0) return undefined;
  return {words: command, env: next, cwd: resolveDir(cwd, options.values.get('-C') ?? options.values.get('--chdir'))};
};

const nice: Unwrap = ({words}) => {
  const start = /^-\d+$/.test(words[1]?.value ?? '') ? 1 : 0;
  const {rest} = afterOptions(words.slice(start), {takesValue: ['-n', '--adjustment'], long: ['adjustment']});
  return rest.length > 0 ? {words: rest} : undefined;
};

const timeout: Unwrap = ({words}) => {
  const {rest} = afterOptions(words, {takesValue: ['-s', '-k', '--signal', '--kill-after'], long: ['signal', 'kill-after', 'preserve-status', 'foreground', 'verbose']});
  return rest.length > 1 ? {words: rest.slice(1)} : undefined;
};

const command: Unwrap = ({words}) => {
  const {options, rest} = afterOptions(words, {});
  if (has(options.flags, '-v', '-V') || rest.length === 0) return undefined;
  return {words: rest};
};

const exec: Unwrap = ({words, env: current}) => {
  const {options, rest} = afterOptions(words, {takesValue: ['-a']});
  if (rest.length === 0) return undefined;
  return {words: rest, env: options.flags.has('-c') ? new Map() : current};
};

const time: Unwrap = ({words}) => {
  const {rest} = afterOptions(words, {takesValue: ['-f', '-o', '--format', '--output'], long: ['format', 'output', 'append', 'portability', 'quiet', 'verbose']});
  return rest.length > 0 ? {words: rest} : undefined;
};

const plain =
  (spec: OptionSpec = {}, skipOperands = 0): Unwrap =>
  ({words}) => {
    const {rest} = afterOptions(words, spec);
    return rest.length > skipOperands ? {words: rest.slice(skipOperands)} : undefined;
  };

const multiCall: Unwrap = ({words}) => {
  const applet = words[1];
  if (!applet || (applet.known && applet.value.startsWith('-'))) return undefined;
  return {words: words.slice(1)};
};

const ionice: Unwrap = ({words}) => {
  const {options, rest} = afterOptions(words, {takesValue: ['-c', '-n', '-p', '-P', '-u', '--class', '--classdata', '--pid', '--pgid', '--uid']});
  if (has(options.flags, '-p', '-P', '-u', '--pid', '--pgid', '--uid') || rest.length === 0) return undefined;
  return {words: rest};
};

const chroot: Unwrap = ({words}) => {
  const {rest} = afterOptions(words, {takesValue: ['--userspec', '--groups'], long: ['userspec', 'groups', 'skip-chdir']});
  if (rest.length < 2) return undefined;
  const root = rest[0]!;
  return {words: rest.slice(1), cwd: unknown(`paths are inside the new root ${root.raw}`)};
};

const flock: Unwrap = ({words}) => {
  const {options, rest} = afterOptions(words, {takesValue: ['-w', '-E', '-c', '--timeout', '--conflict-exit-code', '--command']});
  if (has(options.flags, '-c', '--command') || rest.length < 2) return undefined;
  if (rest[1]?.value === '-c' || rest[1]?.value === '--command') return undefined;
  return {words: rest.slice(1)};
};

const pkexec: Unwrap = ({words}) => {
  const {rest} = afterOptions(words, {takesValue: ['--user'], long: ['user', 'disable-internal-agent', 'keep-cwd']});
  return rest.length > 0 ? {words: rest} : undefined;
};

const xargsInput = 'a word xargs reads from its input';

const xargs: Unwrap = ({words}) => {
  const {options, rest} = afterOptions(words, {
    takesValue: ['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'],
    long: ['arg-file', 'delimiter', 'eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'null', 'no-run-if-empty', 'verbose', 'interactive', 'exit', 'open-tty', 'process-slot-var', 'show-limits'],
  });
  const command = rest.length > 0 ? rest : [literalWord('echo')];
  const replaceFlag = [...options.flags].find((flag) => /^-i|^--replace/.test(flag));
  const replace = options.values.get('-I')?.value ?? (replaceFlag !== undefined ? replaceString(words) : undefined);
  if (replace) return {words: command.map((word) => replacePlaceholder(word, replace, xargsInput)), via: 'xargs'};
  return {words: [...command, {value: null, known: false, raw: '(xargs input)', why: `arguments ${xargsInput.replace('a word ', '')}`}], via: 'xargs'};
};

function replaceString(words: Word[]): string {
  for (const word of words) {
    const match = /^(?:-i|--replace=?)(.*)$/.exec(word.value ?? '');
    if (match) return match[1] || '{}';
  }

  return '{}';
}

/** Programs that run the rest of their arguments as a command. */
export const wrappers: Record<string, Unwrap> = {
  sudo,
  doas,
  env,
  nice,
  nohup: plain(),
  timeout,
  command,
  builtin: plain(),
  exec,
  time,
  busybox: multiCall,
  toybox: multiCall,
  stdbuf: plain({takesValue: ['-i', '-o', '-e', '--input', '--output', '--error'], long: ['input', 'output', 'error']}),
  ionice,
  setsid: plain({long: ['ctty', 'fork', 'wait']}),
  chroot,
  coproc: plain(),
  unbuffer: plain(),
  pkexec,
  flock,
  xargs,
};
