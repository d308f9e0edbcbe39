// Programs that run the rest of their words as a command: `sudo rm x` runs rm. Each is data (how
// it reads its own options, how many operands it takes before the command) with examples that
// test/shell/wrappers.test.ts runs: every `runs` example reaches `rm x` through the wrapper, every
// `runsNothing` example runs no command of its own. Programs whose command is a string of shell
// code, or is hidden in an option, are launchers (launch.ts, sessions.ts, elsewhere.ts, hatches.ts).
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
  /** Where the command runs when that is not here (`systemd-run -H web1`). */
  where?: string;
  /** Commands the wrapper runs besides (`systemd-run -p ExecStartPre=CMD`). */
  also?: Word[][];
  /** The command runs in a network namespace of its own, new and empty (`unshare -n`). */
  ownNetwork?: boolean;
  /** The named network namespace it runs in (`ip netns exec NAME`): its own if the code made it. */
  namespace?: string;
}

export interface Wrapped {
  words: Word[];
  env: Map<string, Value>;
  cwd: Value;
  /** What the command reads on its input, when guard knows all of it (`echo a b | xargs …`, a heredoc). */
  input?: string;
}

type Unwrap = (wrapped: Wrapped) => Unwrapped | undefined;

export interface Wrapper {
  names: string[];
  unwrap: Unwrap;
  /** Uses that run `rm x` through it; uses that run no command (a query, a pid to attach to). */
  examples(): {runs: string[]; runsNothing: string[]};
}

export const basename = (program: string): string => posix.basename(program) || program;

export const literalWord = (value: string): Word => ({value, known: true, raw: value});

/** The words after the wrapper's own options (getopt `+`: options stop at the first operand). */
export function afterOptions(words: Word[], spec: OptionSpec) {
  const {options, firstOperand, given} = scanOptions(words.slice(1), {...spec, stopAtOperand: true});
  return {options, rest: words.slice(1 + firstOperand), given};
}

export const has = (flags: Set<string>, ...names: string[]) => names.some((name) => flags.has(name));

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
    takesValue: ['-C', '-D', '-g', '-h', '-p', '-R', '-r', '-T', '-t', '-U', '-u', '--chdir', '--close-from', '--group', '--host', '--prompt', '--chroot', '--role', '--type', '--command-timeout', '--other-user', '--user'],
    long: ['askpass', 'background', 'chdir', 'close-from', 'chroot', 'command-timeout', 'edit', 'group', 'help', 'host', 'list', 'login', 'non-interactive', 'other-user', 'preserve-env', 'preserve-groups', 'prompt', 'remove-timestamp', 'reset-timestamp', 'role', 'set-home', 'shell', 'stdin', 'type', 'user', 'validate', 'version'],
  });
  const flags = options.flags;
  if (has(flags, '-e', '--edit', '-l', '--list', '-v', '--validate', '-V', '--version', '-K', '--remove-timestamp', '--help')) return undefined;
  const next = new Map(env);
  if (!has(flags, '-E', '--preserve-env')) {
    for (const name of next.keys()) next.set(name, unknown(`sudo may reset ${name} (env_reset)`));
  }

  const command = takeAssignments(rest, next);
  if (command.length === 0) return undefined;
  const login = has(flags, '-i', '--login');
  const dir = options.values.get('-D') ?? options.values.get('--chdir');
  const root = options.values.get('-R') ?? options.values.get('--chroot');
  const inRoot = root ? unknown(`paths are inside the new root ${root.raw}`) : undefined;
  return {words: command, env: next, cwd: inRoot ?? (login ? unknown("sudo -i runs in the target user's home folder") : resolveDir(cwd, dir))};
};

export function splitString(text: string): Word[] {
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

/** env -S expands `${NAME}` itself, outside its single quotes, from the environment it passes on (unset is empty). */
function envSplitVariables(text: string, env: Map<string, Value>): string | undefined {
  let out = '';
  let single = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") single = !single;
    const name = !single && ch === '$' ? /^\$\{(\w+)\}/.exec(text.slice(i))?.[1] : undefined;
    if (name === undefined) {
      out += ch;
      continue;
    }

    const value = env.get(name);
    if (value !== undefined && !value.known) return undefined;
    out += value?.value ?? '';
    i += name.length + 2;
  }

  return out;
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
  if (split?.known) {
    const expanded = envSplitVariables(split.value, next);
    command = [...(expanded === undefined ? [{value: null, known: false, raw: split.raw, why: `env -S ${split.value} names a variable guard cannot know`} as Word] : splitString(expanded)), ...command];
  }
  if (command.length === 0) return undefined;
  return {words: command, env: next, cwd: resolveDir(cwd, options.values.get('-C') ?? options.values.get('--chdir'))};
};

const nice: Unwrap = ({words}) => {
  const start = /^-\d+$/.test(words[1]?.value ?? '') ? 1 : 0;
  const {rest} = afterOptions(words.slice(start), {takesValue: ['-n', '--adjustment'], long: ['adjustment']});
  return rest.length > 0 ? {words: rest} : undefined;
};

const command: Unwrap = ({words, env}) => {
  const {options, rest} = afterOptions(words, {});
  if (has(options.flags, '-v', '-V') || rest.length === 0) return undefined;
  // `command -p` searches a default PATH that finds the standard programs, not the one set.
  return options.flags.has('-p') ? {words: rest, env: new Map(env).set('PATH', known('/usr/bin:/bin'))} : {words: rest};
};

const exec: Unwrap = ({words, env: current}) => {
  const {options, rest} = afterOptions(words, {takesValue: ['-a']});
  if (rest.length === 0) return undefined;
  return {words: rest, env: options.flags.has('-c') ? new Map() : current};
};

/**
 * The command after the wrapper's options and `skip` operands of its own (timeout's duration,
 * taskset's mask); none when one of `query` is given (a pid to act on, a listing).
 */
const plain =
  (spec: OptionSpec = {}, skip = 0, query: string[] = []): Unwrap =>
  ({words}) => {
    const {options, rest} = afterOptions(words, spec);
    if (query.some((flag) => options.flags.has(flag))) return undefined;
    const command = withoutDashes(rest.slice(skip));
    return command.length > 0 ? {words: command} : undefined;
  };

/** `taskset 0x3 -- cmd`: dashes after the wrapper's own operands end its options too. */
const withoutDashes = (words: Word[]) => (words[0]?.value === '--' ? words.slice(1) : words);

/** A wrapper that runs a command in another root: absolute paths there are judged as here. */
const rooted =
  (spec: OptionSpec, skip: number, root: (options: ReturnType<typeof afterOptions>['options'], rest: Word[]) => Word | undefined): Unwrap =>
  ({words}) => {
    const {options, rest} = afterOptions(words, spec);
    if (rest.length <= skip) return undefined;
    const dir = root(options, rest);
    return {words: rest.slice(skip), ...(dir ? {cwd: unknown(`paths are inside the new root ${dir.raw}`)} : {})};
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

const flock: Unwrap = ({words}) => {
  const {options, rest} = afterOptions(words, {takesValue: ['-w', '-E', '-c', '--timeout', '--conflict-exit-code', '--command']});
  if (has(options.flags, '-c', '--command') || rest.length < 2) return undefined;
  if (rest[1]?.value === '-c' || rest[1]?.value === '--command') return undefined;
  return {words: rest.slice(1)};
};

const xargsInput = 'a word xargs reads from its input';

/**
 * The items xargs reads from text guard knows, split at blanks and newlines (or one per line with
 * -I); none when quotes or backslashes would change the split, or there are too many to judge.
 */
function xargsItems(input: string, perLine: boolean): string[] | undefined {
  if (/["'\\]/.test(input)) return undefined;
  const items = perLine ? input.split('\n').map((line) => line.replace(/^[ \t]+/, '')).filter((line) => line !== '') : input.split(/\s+/).filter((item) => item !== '');
  return items.length <= 64 ? items : undefined;
}

const xargs: Unwrap = ({words, input}) => {
  const {options, rest} = afterOptions(words, {
    takesValue: ['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'],
    long: ['arg-file', 'delimiter', 'eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'null', 'no-run-if-empty', 'verbose', 'interactive', 'exit', 'open-tty', 'process-slot-var', 'show-limits'],
  });
  const command = rest.length > 0 ? rest : [literalWord('echo')];
  const replaceFlag = [...options.flags].find((flag) => /^-i|^--replace/.test(flag));
  const replace = options.values.get('-I')?.value ?? (replaceFlag !== undefined ? replaceString(words) : undefined);
  // Input guard knows (`echo a b | xargs -n1 systemctl stop`): the commands it makes, each judged.
  const split = [...options.flags].some((flag) => /^(?:-0|--null|-d|--delimiter|-a|--arg-file|-E|--eof|-e)/.test(flag)) || options.values.has('-d') || options.values.has('-a') || options.values.has('-E');
  // `-L N` (`-l`) runs the command once per N lines, each line's words its arguments.
  const byLines = [...options.flags].some((flag) => /^(?:-L|--max-lines|-l)/.test(flag)) || options.values.has('-L');
  const lines = input === undefined || split || !byLines ? undefined : xargsItems(input, true);
  if (lines && lines.length > 0 && replace === undefined) {
    const made = lines.map((line) => [...command, ...line.split(/[ \t]+/).filter((word) => word !== '').map(literalWord)]);
    return {words: made[0]!, also: made.slice(1), via: 'xargs'};
  }

  const items = input === undefined || split || byLines ? undefined : xargsItems(input, replace !== undefined);
  if (items && items.length > 0) {
    const made = replace === undefined ? [[...command, ...items.map(literalWord)]] : items.map((item) => command.map((word) => (word.known && word.value.includes(replace) ? {...word, value: word.value.split(replace).join(item)} : word)));
    return {words: made[0]!, also: made.slice(1), via: 'xargs'};
  }

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

/** chrt [options] [priority] command: with -p it acts on a pid; the priority is optional before a command. */
const chrt: Unwrap = ({words}) => {
  const {options, rest} = afterOptions(words, {takesValue: ['-T', '-P', '-D', '--sched-runtime', '--sched-period', '--sched-deadline'], long: ['all-tasks', 'batch', 'deadline', 'fifo', 'idle', 'other', 'rr', 'reset-on-fork', 'max', 'pid', 'sched-runtime', 'sched-period', 'sched-deadline', 'verbose', 'help', 'version']});
  if (has(options.flags, '-p', '--pid', '-m', '--max', '-h', '--help', '-V', '--version')) return undefined;
  const skip = rest[0]?.known && /^\d+$/.test(rest[0].value) ? 1 : 0;
  const command = withoutDashes(rest.slice(skip));
  return command.length > 0 ? {words: command} : undefined;
};

/** setarch ARCH [options] [program]; linux32, linux64, i386, x86_64… are setarch under the arch's name. */
const setarch: Unwrap = ({words}) => {
  // The architecture may be left out (`setarch -R cmd`): it is then the machine's own.
  const named = basename(words[0]?.value ?? '') !== 'setarch' || words[1]?.value?.startsWith('-');
  const start = named ? words : words.slice(1);
  const {rest} = afterOptions(start, {long: ['uname-2.6', 'verbose', 'addr-no-randomize', 'fdpic-funcptrs', 'mmap-page-zero', 'addr-compat-layout', 'read-implies-exec', '32bit', 'short-inode', 'whole-seconds', 'sticky-timeouts', '3gb', '4gb', 'list', 'help', 'version'], takesValue: []});
  // With no program, setarch starts /bin/sh: an interactive shell, no command to judge.
  return rest.length > 0 ? {words: rest} : undefined;
};

/** start-stop-daemon --start --exec PROGRAM [--startas PATH] -- ARGS: the daemon it starts. */
const startStopDaemon: Unwrap = ({words}) => {
  const {options} = scanOptions(words.slice(1), {
    takesValue: ['-p', '-x', '-n', '-u', '-g', '-c', '-r', '-d', '-a', '-s', '-R', '-N', '-P', '-I', '-k', '--pidfile', '--exec', '--name', '--user', '--group', '--chuid', '--chroot', '--chdir', '--startas', '--signal', '--retry', '--nicelevel', '--procsched', '--iosched', '--umask', '--output', '--notify-timeout'],
    long: ['start', 'stop', 'status', 'test', 'oknodo', 'quiet', 'verbose', 'background', 'make-pidfile', 'remove-pidfile', 'no-close', 'notify-await', 'pidfile', 'exec', 'name', 'user', 'group', 'chuid', 'chroot', 'chdir', 'startas', 'signal', 'retry', 'nicelevel', 'procsched', 'iosched', 'umask', 'output', 'notify-timeout'],
  });
  if (!has(options.flags, '-S', '--start')) return undefined;
  const program = options.values.get('-a') ?? options.values.get('--startas') ?? options.values.get('-x') ?? options.values.get('--exec');
  if (!program) return undefined;
  const dashes = words.findIndex((word) => word.value === '--');
  const root = options.values.get('-r') ?? options.values.get('--chroot');
  return {words: [program, ...(dashes === -1 ? [] : words.slice(dashes + 1))], ...(root ? {cwd: unknown(`paths are inside the new root ${root.raw}`)} : {})};
};

/** systemd-run: a transient unit runs the command, here or on `-H HOST` / in `-M MACHINE`. */
const systemdRun: Unwrap = ({words}) => {
  const {options, rest, given} = afterOptions(words, {
    takesValue: ['-u', '-p', '-E', '-H', '-M', '--unit', '--property', '--description', '--slice', '--uid', '--gid', '--nice', '--working-directory', '--setenv', '--host', '--machine', '--service-type', '--timer-property', '--path-property', '--socket-property', '--on-active', '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive', '--on-calendar', '--on-timezone-change', '--on-clock-change', '--capsule', '--json', '--expand-environment', '--slice-inherit'],
    long: ['unit', 'property', 'description', 'slice', 'uid', 'gid', 'nice', 'working-directory', 'setenv', 'host', 'machine', 'service-type', 'timer-property', 'path-property', 'socket-property', 'on-active', 'on-boot', 'on-startup', 'on-unit-active', 'on-unit-inactive', 'on-calendar', 'on-timezone-change', 'on-clock-change', 'user', 'system', 'scope', 'pty', 'pipe', 'collect', 'quiet', 'wait', 'remain-after-exit', 'send-sighup', 'same-dir', 'shell', 'no-block', 'no-ask-password', 'help', 'version', 'capsule', 'json', 'expand-environment', 'ignore-failure', 'background'],
  });
  if (rest.length === 0) return undefined;
  const host = options.values.get('-H') ?? options.values.get('--host');
  const machine = options.values.get('-M') ?? options.values.get('--machine');
  const where = host ? `on ${host.value ?? host.raw}` : machine ? `in container ${machine.value ?? machine.raw}` : undefined;
  // The unit's own Exec…= properties run commands too (their `-`, `@`, `+`, `!`, `:` prefixes only change how).
  const also = given.flatMap(({name, value}) => {
    const exec = (name === '-p' || name === '--property') && value?.known ? /^Exec(?:StartPre|StartPost|Start|StopPost|Stop|Reload|Condition)=([\s\S]+)$/.exec(value.value) : null;
    return exec ? [splitString(exec[1]!.replace(/^[-@+!:]+/, ''))] : [];
  });
  return {words: rest, ...(where ? {where} : {}), ...(also.length > 0 ? {also} : {})};
};

/** strace/ltrace run their command unless they attach to a pid (-p). */
const tracer = (takesValue: string[], long: string[]): Unwrap => plain({takesValue, long}, 0, ['-p', '--attach']);

const unshareWords = plain({takesValue: ['-R', '-w', '-S', '-G', '--root', '--wd', '--setuid', '--setgid', '--setgroups', '--propagation', '--map-user', '--map-group', '--map-users', '--map-groups', '--load-interp'], long: ['mount', 'uts', 'ipc', 'net', 'pid', 'user', 'cgroup', 'time', 'fork', 'map-root-user', 'map-current-user', 'map-auto', 'mount-proc', 'kill-child', 'keep-caps', 'root', 'wd', 'setuid', 'setgid', 'setgroups', 'propagation', 'map-user', 'map-group', 'map-users', 'map-groups', 'monotonic', 'boottime', 'load-interp', 'help', 'version']});

/** unshare [options] command: with -n (--net) the command has a network namespace of its own, new and empty. */
const unshare: Unwrap = (wrapped) => {
  const unwrapped = unshareWords(wrapped);
  if (!unwrapped) return undefined;
  const own = wrapped.words.slice(1, wrapped.words.length - unwrapped.words.length).some((word) => word.known && (/^-[a-zA-Z]*n[a-zA-Z]*$/.test(word.value) || /^--net(?:=|$)/.test(word.value)));
  return own ? {...unwrapped, ownNetwork: true} : unwrapped;
};

// srun's and sbatch's options that take a value as the next word.
const slurmValues = ['--gpus', '-G', '--gpus-per-node', '--gpus-per-task', '--cpus-per-gpu', '--mem-per-gpu', '--ntasks-per-gpu', '--time-min', '--begin', '--comment', '--mail-type', '--mail-user', '--licenses', '-L', '--cluster', '-M', '--uid', '--gid', '--network', '--nice', '--distribution', '-m', '-N', '--nodes', '-n', '--ntasks', '-c', '--cpus-per-task', '-p', '--partition', '-t', '--time', '-J', '--job-name', '-w', '--nodelist', '-x', '--exclude', '-A', '--account', '-q', '--qos', '-o', '--output', '-e', '--error', '-D', '--chdir', '--mem', '--gres', '-C', '--constraint', '--ntasks-per-node', '--reservation', '-d', '--dependency', '--export', '-i', '--input', '--mpi', '--cpu-bind', '--mem-per-cpu'];

/** srun [options] COMMAND: the command, on every node of the allocation. */
const srun: Unwrap = (wrapped) => {
  const unwrapped = plain({takesValue: slurmValues})(wrapped);
  return unwrapped ? {...unwrapped, where: 'on the nodes of the Slurm allocation'} : undefined;
};

/** sbatch --wrap CODE, or sbatch [options] SCRIPT ARGS: a shell runs it on the nodes of the allocation. */
const sbatch: Unwrap = ({words}) => {
  const {options, rest} = afterOptions(words, {takesValue: [...slurmValues, '--wrap', '-a', '--array']});
  const wrap = options.values.get('--wrap');
  const where = 'on the nodes of the Slurm allocation';
  if (wrap) return {words: [literalWord('sh'), literalWord('-c'), wrap], where};
  return rest.length > 0 ? {words: [literalWord('sh'), ...rest], where} : undefined;
};

/** rd adhoc [options] -- COMMAND: the command, on every node the filter picks. */
const rundeck: Unwrap = ({words}) => {
  if (words[1]?.value !== 'adhoc') return undefined;
  const at = words.findIndex((word) => word.value === '--');
  return at !== -1 && at < words.length - 1 ? {words: words.slice(at + 1), where: 'on the Rundeck nodes the filter picks'} : undefined;
};

/** perf stat|record|trace|sched|mem|c2c|kvm… [options] command. */
const perf: Unwrap = ({words}) => {
  const sub = words[1]?.value;
  if (!sub || !['stat', 'record', 'trace', 'mem', 'c2c', 'kmem', 'lock', 'sched', 'timechart', 'kvm', 'ftrace', 'iostat'].includes(sub)) return undefined;
  const {options, rest} = afterOptions(words.slice(1), {takesValue: ['-e', '-p', '-t', '-o', '-r', '-x', '-G', '-C', '-D', '-I', '-M', '-c', '-F', '-j', '-m', '-u', '--event', '--pid', '--tid', '--output', '--repeat', '--field-separator', '--cgroup', '--cpu', '--delay', '--interval-print', '--metrics', '--count', '--freq', '--mmap-pages', '--uid', '--call-graph', '--filter']});
  if (has(options.flags, '-p', '--pid', '-t', '--tid', '-a', '--all-cpus')) return undefined;
  return rest.length > 0 ? {words: rest} : undefined;
};

/** npx PKG ARGS, npm exec [--] CMD, pnpm dlx|exec, yarn dlx|exec, bunx, uvx, pipx run: a package's program runs. */
const packageRunner =
  (subcommands: string[] | undefined, spec: OptionSpec): Unwrap =>
  ({words}) => {
    let start = words;
    if (subcommands) {
      const {rest} = afterOptions(words, spec);
      if (!rest[0]?.known || !subcommands.includes(rest[0].value)) return undefined;
      start = rest;
    }

    const {options, rest} = afterOptions(start, spec);
    if (options.values.has('-c') || options.values.has('--call')) return undefined;
    const [pkg, ...args] = rest;
    if (!pkg) return undefined;
    return {words: [pkg.known ? literalWord(binOf(pkg.value)) : pkg, ...args]};
  };

/** The program a package spec installs: `rimraf@5` → rimraf, `@scope/tool@1` → tool. */
const binOf = (spec: string): string => spec.replace(/^(@[^/]+\/)?([^@]+)(@.*)?$/, '$2');

const npmValues: string[] = ['-p', '--package', '-w', '--workspace', '-c', '--call', '--prefix', '--cache', '--userconfig', '--registry', '--from', '--with', '--python', '--spec', '--pip-args', '--index-url'];
const npmSpec: OptionSpec = {takesValue: npmValues, long: ['package', 'yes', 'no', 'quiet', 'call', 'workspace', 'workspaces', 'include-workspace-root', 'prefix', 'silent', 'spec', 'pip-args', 'python']};

/** npm-published stand-ins for coreutils: `rimraf X` is `rm -rf X`, `shx rm -rf X` is `rm -rf X`. */
const rimraf: Unwrap = ({words}) => {
  const {rest} = afterOptions(words, {long: ['glob', 'no-glob', 'preserve-root', 'no-preserve-root', 'verbose', 'interactive', 'impl'], takesValue: ['--impl']});
  return rest.length > 0 ? {words: [literalWord('rm'), literalWord('-rf'), literalWord('--'), ...rest]} : undefined;
};

/** capsh [options] -- ARGS runs bash with ARGS: `capsh -- -c CODE` is `bash -c CODE`. */
const capsh: Unwrap = ({words}) => {
  const dashes = words.findIndex((word, i) => i > 0 && word.value === '--');
  if (dashes === -1 || dashes === words.length - 1) return undefined;
  return {words: [literalWord('bash'), ...words.slice(dashes + 1)]};
};

/** ip [options] netns exec NAME command. */
const ipNetns: Unwrap = ({words}) => {
  const {rest} = afterOptions(words, {takesValue: ['-n', '-netns', '-b', '-batch', '-rc', '-rcvbuf', '-f', '-family', '-l', '-loops']});
  const sub = rest[0]?.value;
  if ((sub === 'netns' || sub === 'netn' || sub === 'net') && rest[1]?.value === 'exec' && rest.length > 3) return {words: rest.slice(3), ...(rest[2]!.known ? {namespace: rest[2]!.value} : {})};
  return undefined;
};

/** bwrap: each option takes a fixed number of values (`--bind SRC DEST`); the command follows. */
const bwrapArity: Record<string, number> = Object.fromEntries([
  ...['--args', '--argv0', '--chdir', '--unsetenv', '--lock-file', '--sync-fd', '--remount-ro', '--exec-label', '--file-label', '--proc', '--dev', '--tmpfs', '--mqueue', '--dir', '--seccomp', '--add-seccomp-fd', '--block-fd', '--userns-block-fd', '--info-fd', '--json-status-fd', '--hostname', '--uid', '--gid', '--cap-add', '--cap-drop', '--perms', '--size', '--userns', '--userns2', '--pidns', '--overlay-src', '--tmp-overlay', '--ro-overlay', '--level-prefix'].map((name) => [name, 1] as const),
  ...['--setenv', '--bind', '--bind-try', '--dev-bind', '--dev-bind-try', '--ro-bind', '--ro-bind-try', '--bind-fd', '--ro-bind-fd', '--file', '--bind-data', '--ro-bind-data', '--symlink', '--chmod'].map((name) => [name, 2] as const),
  ['--overlay', 3],
]);

const bwrap: Unwrap = ({words}) => {
  let i = 1;
  while (i < words.length) {
    const text = words[i]!.value;
    if (text === '--') {
      i++;
      break;
    }

    if (!text?.startsWith('--')) break;
    i += 1 + (bwrapArity[text] ?? 0);
  }

  return i < words.length ? {words: words.slice(i)} : undefined;
};

/** `tini -- cmd`, `dumb-init cmd`, `gosu USER cmd`: a first operand of their own, then the command. */
const userThen = (spec: OptionSpec = {}): Unwrap => plain(spec, 1);

const wrapperList: Wrapper[] = [
  {names: ['sudo'], unwrap: sudo, examples() { return {runs: ['sudo rm x', 'sudo -u root -- rm x', 'sudo -E -H -u deploy rm x', 'sudo -iu root rm x', 'sudo VAR=1 rm x'], runsNothing: ['sudo -l', 'sudo -e /etc/hosts', 'sudo -v', 'sudo -k']}; }},
  {names: ['doas'], unwrap: plain({takesValue: ['-C', '-u']}, 0, ['-C']), examples() { return {runs: ['doas rm x', 'doas -u root rm x', 'doas -n -- rm x'], runsNothing: ['doas -C /etc/doas.conf', 'doas -s']}; }},
  {names: ['pkexec'], unwrap: plain({takesValue: ['--user'], long: ['user', 'disable-internal-agent', 'keep-cwd']}), examples() { return {runs: ['pkexec rm x', 'pkexec --user root rm x'], runsNothing: ['pkexec --version']}; }},
  {names: ['env'], unwrap: env, examples() { return {runs: ['env rm x', 'env -i PATH=/bin rm x', 'env -u HOME rm x', 'env -S "rm x"', 'env -C /tmp rm x', 'env --split-string="rm x"'], runsNothing: ['env', 'env -i X=1', 'env -0']}; }},
  {names: ['nice'], unwrap: nice, examples() { return {runs: ['nice rm x', 'nice -n 19 rm x', 'nice -10 rm x', 'nice --adjustment=5 rm x'], runsNothing: ['nice', 'nice -n 5']}; }},
  {names: ['nohup'], unwrap: plain(), examples() { return {runs: ['nohup rm x', 'nohup -- rm x'], runsNothing: ['nohup --help']}; }},
  {names: ['timeout'], unwrap: plain({takesValue: ['-s', '-k', '--signal', '--kill-after'], long: ['signal', 'kill-after', 'preserve-status', 'foreground', 'verbose']}, 1), examples() { return {runs: ['timeout 30 rm x', 'timeout -k 5 -s KILL 1m rm x', 'timeout --preserve-status 10s rm x'], runsNothing: ['timeout 5', 'timeout --help']}; }},
  {names: ['command'], unwrap: command, examples() { return {runs: ['command rm x', 'command -p rm x'], runsNothing: ['command -v rm', 'command -V rm']}; }},
  {names: ['builtin', 'coproc', 'unbuffer', 'aoss', 'torify', 'tsocks', 'catchsegv', 'chronic', 'eatmydata', 'nocache', 'run-one'], unwrap: plain(), examples() { return {runs: ['unbuffer rm x', 'torify rm x', 'chronic rm x', 'eatmydata rm x', 'nocache rm x', 'catchsegv rm x'], runsNothing: ['chronic']}; }},
  {names: ['exec'], unwrap: exec, examples() { return {runs: ['exec rm x', 'exec -a name rm x', 'exec -c rm x'], runsNothing: ['exec > log', 'exec 3>&1']}; }},
  {names: ['time'], unwrap: plain({takesValue: ['-f', '-o', '--format', '--output'], long: ['format', 'output', 'append', 'portability', 'quiet', 'verbose']}), examples() { return {runs: ['time rm x', '/usr/bin/time -f %e -o t.log rm x', 'time -p rm x'], runsNothing: ['time']}; }},
  {names: ['busybox', 'toybox', 'shx'], unwrap: multiCall, examples() { return {runs: ['busybox rm x', 'toybox rm x', 'shx rm x'], runsNothing: ['busybox --list', 'busybox']}; }},
  {names: ['stdbuf'], unwrap: plain({takesValue: ['-i', '-o', '-e', '--input', '--output', '--error'], long: ['input', 'output', 'error']}), examples() { return {runs: ['stdbuf -oL rm x', 'stdbuf -i0 -o L -e 0 rm x', 'stdbuf --output=L rm x'], runsNothing: ['stdbuf --help']}; }},
  {names: ['ionice'], unwrap: ionice, examples() { return {runs: ['ionice -c3 rm x', 'ionice -c 2 -n 7 rm x', 'ionice rm x'], runsNothing: ['ionice -p 1234', 'ionice -c3 -p 1234']}; }},
  {names: ['chrt'], unwrap: chrt, examples() { return {runs: ['chrt -i 0 rm x', 'chrt 1 rm x', 'chrt -f 50 rm x', 'chrt --idle 0 rm x', 'chrt -b 0 -- rm x'], runsNothing: ['chrt -p 1234', 'chrt -m', 'chrt -f -p 50 1234']}; }},
  // WSL runs a command in a Linux distribution (`wsl.exe -d Debian -u root -- rm -rf /etc`), judged as if here, as ssh's are.
  {names: ['wsl', 'wsl.exe'], unwrap: plain({takesValue: ['-d', '--distribution', '-u', '--user', '--cd'], long: ['distribution', 'user', 'cd', 'exec', 'shell-type']}, 0, ['-l', '--list', '--unregister', '--shutdown', '-t', '--terminate', '--install', '--export', '--import', '-s', '--set-default', '--status', '--update', '--set-version', '--mount', '--unmount', '--help', '--version']), examples() { return {runs: ['wsl.exe -d Debian -u root -- rm x', 'wsl -e rm x', 'wsl.exe --exec rm x'], runsNothing: ['wsl.exe --list --verbose', 'wsl.exe --shutdown', 'wsl --unregister Ubuntu']}; }},
  // A Mac's `launchctl asuser UID CMD` runs CMD in that user's session.
  {names: ['launchctl'], unwrap: ({words}) => (words[1]?.value === 'asuser' && words.length > 3 ? {words: words.slice(3)} : undefined), examples() { return {runs: ['launchctl asuser 501 rm x'], runsNothing: ['launchctl list', 'launchctl bootout gui/501/com.example.agent']}; }},
  // Apptainer (Singularity) runs the command in an image, with the host's home, /tmp, working folder and --bind paths: judged as here.
  {names: ['apptainer', 'singularity'], unwrap: ({words}) => {
    if (words[1]?.value !== 'exec') return undefined;
    const {rest} = afterOptions(words.slice(1), {takesValue: ['-B', '--bind', '-H', '--home', '--env', '--env-file', '--pwd', '-W', '--workdir', '-o', '--overlay', '-S', '--scratch', '--mount', '--security', '--network', '--network-args', '--hostname', '--app', '--dns', '--apply-cgroups', '--cpus', '--memory']});
    return rest.length > 1 ? {words: rest.slice(1)} : undefined;
  }, examples() { return {runs: ['apptainer exec lolcow.sif rm x', 'singularity exec --bind /scratch:/scratch docker://alpine:3.19 rm x'], runsNothing: ['apptainer pull docker://alpine', 'apptainer exec img.sif']}; }},
  // `rancher kubectl …` runs kubectl against the cluster Rancher points at.
  {names: ['rancher'], unwrap: ({words}) => (words[1]?.value === 'kubectl' && words.length > 2 ? {words: words.slice(1)} : undefined), examples() { return {runs: [], runsNothing: ['rancher clusters ls']}; }},
  {names: ['cgexec'], unwrap: plain({takesValue: ['-g'], long: ['sticky']}), examples() { return {runs: ['cgexec -g memory:batch rm x', 'cgexec -g cpu,memory:/jobs --sticky rm x'], runsNothing: ['cgexec', 'cgexec -g memory:batch']}; }},
  {names: ['taskset'], unwrap: plain({long: ['all-tasks', 'pid', 'cpu-list', 'help', 'version']}, 1, ['-p', '--pid']), examples() { return {runs: ['taskset 1 rm x', 'taskset -c 0,1 rm x', 'taskset --cpu-list 0-3 rm x', 'taskset 0x3 -- rm x'], runsNothing: ['taskset -p 1234', 'taskset -pc 0 1234', 'taskset -a -p 3 1234']}; }},
  {names: ['setsid'], unwrap: plain({long: ['ctty', 'fork', 'wait']}), examples() { return {runs: ['setsid rm x', 'setsid -f rm x', 'setsid --wait rm x'], runsNothing: ['setsid']}; }},
  {names: ['setarch', 'linux32', 'linux64', 'i386', 'x86_64', 'uname26', 'i686', 'aarch64', 'armv7l'], unwrap: setarch, examples() { return {runs: ['setarch x86_64 rm x', 'setarch x86_64 -R rm x', 'setarch $(uname -m) -R rm x', 'linux32 rm x', 'setarch -3 rm x'], runsNothing: ['setarch --list', 'setarch x86_64', 'setarch -R']}; }},
  {names: ['chroot'], unwrap: rooted({takesValue: ['--userspec', '--groups'], long: ['userspec', 'groups', 'skip-chdir']}, 1, (_options, rest) => rest[0]), examples() { return {runs: ['chroot /mnt rm x', 'chroot --userspec=1000:1000 /srv/root rm x'], runsNothing: ['chroot /mnt']}; }},
  {names: ['arch-chroot'], unwrap: rooted({takesValue: ['-u']}, 1, (_options, rest) => rest[0]), examples() { return {runs: ['arch-chroot /mnt rm x', 'arch-chroot -u user /mnt rm x'], runsNothing: ['arch-chroot /mnt']}; }},
  {names: ['schroot'], unwrap: rooted({takesValue: ['-c', '-u', '-d', '-p', '--chroot', '--user', '--directory', '--option'], long: ['chroot', 'user', 'directory', 'preserve-environment', 'all', 'list', 'info', 'config', 'location', 'quiet', 'verbose', 'option', 'automatic-session', 'begin-session', 'recover-session', 'run-session', 'end-session']}, 0, (options) => options.values.get('-c') ?? options.values.get('--chroot')), examples() { return {runs: ['schroot -c focal -- rm x', 'schroot -c focal -u root -- rm x'], runsNothing: ['schroot -l', 'schroot -c focal']}; }},
  {names: ['systemd-nspawn'], unwrap: rooted({takesValue: ['-D', '-M', '-u', '-i', '--directory', '--machine', '--user', '--image', '--chdir', '--bind', '--bind-ro', '--setenv', '-E', '--network-interface', '--private-users', '--register', '--template', '--capability', '--drop-capability', '--kill-signal', '--property', '--link-journal', '--resolv-conf', '--timezone', '--overlay', '--overlay-ro', '--tmpfs'], long: ['directory', 'machine', 'user', 'image', 'chdir', 'bind', 'bind-ro', 'setenv', 'quiet', 'boot', 'ephemeral', 'private-network', 'as-pid2', 'network-interface', 'private-users', 'register', 'template', 'capability', 'drop-capability', 'kill-signal', 'property', 'link-journal', 'resolv-conf', 'timezone', 'overlay', 'overlay-ro', 'tmpfs', 'read-only', 'pipe']}, 0, (options) => options.values.get('-D') ?? options.values.get('--directory') ?? options.values.get('-M') ?? options.values.get('--machine') ?? options.values.get('-i') ?? options.values.get('--image')), examples() { return {runs: ['systemd-nspawn -D /srv/c rm x', 'systemd-nspawn -q --directory=/srv/c -- rm x'], runsNothing: ['systemd-nspawn -b -D /srv/c']}; }},
  {names: ['unshare'], unwrap: unshare, examples() { return {runs: ['unshare --mount rm x', 'unshare -m -u -n rm x', 'unshare --user --map-root-user rm x', 'unshare -fp --mount-proc rm x', 'unshare --propagation private -m rm x'], runsNothing: ['unshare --mount', 'unshare -r']}; }},
  {names: ['nsenter'], unwrap: plain({takesValue: ['-t', '-S', '-G', '--target', '--setuid', '--setgid', '--user-parent'], long: ['target', 'all', 'mount', 'uts', 'ipc', 'net', 'pid', 'cgroup', 'user', 'time', 'setuid', 'setgid', 'preserve-credentials', 'root', 'wd', 'wdns', 'env', 'no-fork', 'join-cgroup', 'follow-context', 'user-parent', 'keep-caps', 'help', 'version']}), examples() { return {runs: ['nsenter -t 1 -m -u -i -n -p rm x', 'nsenter --target 1 --mount -- rm x', 'nsenter -a -t 1 rm x'], runsNothing: ['nsenter -t 1 -m']}; }},
  {names: ['ip'], unwrap: ipNetns, examples() { return {runs: ['ip netns exec blue rm x', 'ip -b - netns exec blue rm x'], runsNothing: ['ip netns list', 'ip addr show', 'ip netns exec blue']}; }},
  {names: ['strace'], unwrap: tracer(['-o', '-e', '-p', '-s', '-u', '-E', '-a', '-b', '-O', '-S', '-P', '-I', '-X', '--output', '--expr', '--attach', '--string-limit', '--user', '--env', '--columns', '--detach-on', '--summary-sort-by', '--trace-path', '--interruptible', '--const-print-style', '--trace', '--signal', '--status', '--decode-fds', '--quiet', '--secontext', '--seccomp-bpf', '--tips'], ['output', 'attach', 'follow-forks', 'output-separately', 'summary-only', 'summary', 'env', 'user']), examples() { return {runs: ['strace -f rm x', 'strace -o /dev/null rm x', 'strace -e trace=file -f -- rm x', 'strace -ff -s 200 rm x'], runsNothing: ['strace -p 1234', 'strace -f -p 1234']}; }},
  {names: ['ltrace'], unwrap: tracer(['-o', '-e', '-p', '-s', '-u', '-l', '-n', '-a', '-A', '-D', '-F', '-w', '-x', '--output', '--library', '--indent', '--align', '--where', '--config'], ['output', 'library', 'indent', 'align', 'where', 'config', 'demangle', 'help', 'version']), examples() { return {runs: ['ltrace -f rm x', 'ltrace -b -L rm x', 'ltrace -o /dev/null -e malloc rm x'], runsNothing: ['ltrace -p 1234']}; }},
  {names: ['valgrind'], unwrap: plain(), examples() { return {runs: ['valgrind rm x', 'valgrind --tool=memcheck --leak-check=full rm x'], runsNothing: ['valgrind --version']}; }},
  {names: ['perf'], unwrap: perf, examples() { return {runs: ['perf stat rm x', 'perf record -g -o p.data -- rm x', 'perf trace -e open rm x'], runsNothing: ['perf stat -p 1234', 'perf report', 'perf top']}; }},
  {names: ['multitime'], unwrap: plain({takesValue: ['-n', '-s', '-c', '-I', '-i', '-o', '-r', '-f']}), examples() { return {runs: ['multitime -n 5 rm x', 'multitime rm x'], runsNothing: ['multitime -h']}; }},
  {names: ['logsave'], unwrap: plain({}, 1), examples() { return {runs: ['logsave /dev/null rm x', 'logsave -a ./log rm x', 'logsave -asv ./log rm x'], runsNothing: ['logsave ./log']}; }},
  {names: ['cpulimit'], unwrap: plain({takesValue: ['-l', '-p', '-e', '-P', '-c', '-s', '-m', '--limit', '--pid', '--exe', '--path', '--cpu', '--signal', '--monitor-forks'], long: ['limit', 'pid', 'exe', 'path', 'cpu', 'include-children', 'kill', 'restore', 'lazy', 'foreground', 'quiet', 'verbose', 'signal', 'help']}, 0, ['-p', '--pid', '-e', '--exe', '-P', '--path']), examples() { return {runs: ['cpulimit -l 50 -f -- rm x', 'cpulimit -l 50 rm x', 'cpulimit --limit=25 -i rm x'], runsNothing: ['cpulimit -l 50 -p 1234', 'cpulimit -e nginx -l 30']}; }},
  {names: ['choom'], unwrap: plain({takesValue: ['-n', '-p', '--adjust', '--pid'], long: ['adjust', 'pid', 'help', 'version']}, 0, ['-p', '--pid']), examples() { return {runs: ['choom -n 0 rm x', 'choom --adjust=-1000 -- rm x'], runsNothing: ['choom -p 1234', 'choom -p 1234 -n 300']}; }},
  {names: ['prlimit'], unwrap: plain({takesValue: ['-p', '--pid', '-o', '--output'], long: ['pid', 'output', 'noheadings', 'raw', 'verbose', 'as', 'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']}, 0, ['-p', '--pid']), examples() { return {runs: ['prlimit --nofile=1024 rm x', 'prlimit --as=1000000 -- rm x'], runsNothing: ['prlimit -p 1234', 'prlimit --pid 1234 --nofile=10']}; }},
  {names: ['numactl'], unwrap: plain({takesValue: ['-i', '-p', '-m', '-N', '-C', '-w', '--interleave', '--preferred', '--membind', '--cpunodebind', '--physcpubind', '--weighted-interleave', '--preferred-many'], long: ['interleave', 'preferred', 'membind', 'cpunodebind', 'physcpubind', 'localalloc', 'show', 'hardware', 'all', 'balancing', 'huge', 'touch', 'strict', 'length', 'offset']}, 0, ['-s', '--show', '-H', '--hardware']), examples() { return {runs: ['numactl --interleave=all rm x', 'numactl -N 0 -m 0 rm x', 'numactl -l -- rm x'], runsNothing: ['numactl --show', 'numactl -H']}; }},
  {names: ['caffeinate'], unwrap: plain({takesValue: ['-t', '-w']}, 0, ['-w']), examples() { return {runs: ['caffeinate -i rm x', 'caffeinate -dims rm x', 'caffeinate rm x'], runsNothing: ['caffeinate -t 60', 'caffeinate -w 1234']}; }},
  {names: ['flock'], unwrap: flock, examples() { return {runs: ['flock /tmp/x.lock rm x', 'flock -n /tmp/x.lock rm x', 'flock -w 30 -E 75 /tmp/x.lock rm x', 'flock -u / rm x'], runsNothing: ['flock -u 9', 'flock 9', 'flock -n 9']}; }},
  {names: ['lckdo', 'setlock', 'with-lock-ex'], unwrap: plain({takesValue: ['-w']}, 1), examples() { return {runs: ['lckdo /tmp/x.lock rm x', 'setlock -n /tmp/x.lock rm x', 'setlock - rm x', 'with-lock-ex -q /tmp/x.lock rm x'], runsNothing: ['lckdo /tmp/x.lock']}; }},
  {names: ['xargs'], unwrap: xargs, examples() { return {runs: ['xargs rm x', 'xargs -0 -r rm x', 'xargs -I{} rm x {}', 'xargs -a /dev/null rm x', 'xargs -n1 -P4 rm x'], runsNothing: []}; }},
  {names: ['start-stop-daemon'], unwrap: startStopDaemon, examples() { return {runs: ['start-stop-daemon -S -x /bin/rm -- x', 'start-stop-daemon --start --background --exec /usr/bin/rm -- x', 'start-stop-daemon -S -b -a /bin/rm -- x'], runsNothing: ['start-stop-daemon -K -x /usr/sbin/nginx', 'start-stop-daemon --stop --pidfile /run/x.pid', 'start-stop-daemon --status --pidfile /run/x.pid']}; }},
  {names: ['daemonize'], unwrap: plain({takesValue: ['-c', '-e', '-E', '-o', '-p', '-l', '-u']}), examples() { return {runs: ['daemonize -c / -p /run/x.pid /bin/rm x', 'daemonize /bin/rm x'], runsNothing: ['daemonize -v']}; }},
  {names: ['systemd-run'], unwrap: systemdRun, examples() { return {runs: ['systemd-run rm x', 'systemd-run --on-active=30s rm x', 'systemd-run --unit=wipe -p RuntimeMaxSec=600 rm x', 'systemd-run --user --scope -- rm x', 'systemd-run -H web1 rm x', "systemd-run -p ExecStartPre='/bin/rm x' sleep 1", "systemd-run --property=ExecStopPost=-rm sleep 1"], runsNothing: ['systemd-run -S', 'systemd-run --shell', 'systemd-run --help']}; }},
  {names: ['systemd-inhibit'], unwrap: plain({takesValue: ['--what', '--who', '--why', '--mode'], long: ['what', 'who', 'why', 'mode', 'list', 'no-pager', 'no-legend', 'help', 'version']}), examples() { return {runs: ['systemd-inhibit rm x', 'systemd-inhibit --what=shutdown --why=backup rm x'], runsNothing: ['systemd-inhibit --list']}; }},
  {names: ['dbus-run-session', 'dbus-launch'], unwrap: plain({takesValue: ['--config-file', '--dbus-daemon', '--autolaunch'], long: ['config-file', 'dbus-daemon', 'exit-with-session', 'exit-with-x11', 'sh-syntax', 'csh-syntax', 'binary-syntax', 'autolaunch', 'version', 'help']}), examples() { return {runs: ['dbus-run-session rm x', 'dbus-run-session -- rm x', 'dbus-launch --exit-with-session rm x'], runsNothing: ['dbus-launch --sh-syntax']}; }},
  {names: ['xvfb-run'], unwrap: plain({takesValue: ['-n', '-s', '-f', '-e', '-p', '-w', '--server-num', '--server-args', '--auth-file', '--error-file', '--xauth-protocol', '--wait'], long: ['auto-servernum', 'auto-display', 'server-num', 'server-args', 'auth-file', 'error-file', 'listen-tcp', 'xauth-protocol', 'wait', 'help']}), examples() { return {runs: ['xvfb-run -a rm x', 'xvfb-run -s "-screen 0 1024x768x24" rm x'], runsNothing: ['xvfb-run --help']}; }},
  {names: ['ssh-agent'], unwrap: plain({takesValue: ['-a', '-E', '-O', '-P', '-t']}, 0, ['-k', '-T']), examples() { return {runs: ['ssh-agent rm x', 'ssh-agent -t 3600 rm x', 'ssh-agent -s rm x'], runsNothing: ['ssh-agent -s', 'ssh-agent -k', 'ssh-agent']}; }},
  {names: ['sshpass'], unwrap: plain({takesValue: ['-p', '-f', '-d', '-P']}), examples() { return {runs: ['sshpass -p secret rm x', 'sshpass -e rm x', 'sshpass -f pw.txt rm x'], runsNothing: ['sshpass -h']}; }},
  {names: ['torsocks', 'proxychains', 'proxychains4'], unwrap: plain({takesValue: ['-u', '-p', '-a', '-P', '-f'], long: ['user', 'pass', 'address', 'port', 'debug', 'quiet', 'isolate', 'shell', 'help', 'version']}), examples() { return {runs: ['torsocks rm x', 'proxychains4 -q rm x', 'proxychains -f ./p.conf rm x'], runsNothing: ['torsocks --shell']}; }},
  {names: ['trickle'], unwrap: plain({takesValue: ['-d', '-u', '-w', '-t', '-l', '-n']}), examples() { return {runs: ['trickle -d 100 rm x', 'trickle -s -u 50 rm x'], runsNothing: ['trickle -h']}; }},
  {names: ['aa-exec'], unwrap: plain({takesValue: ['-p', '-n', '--profile', '--namespace'], long: ['profile', 'namespace', 'immediate', 'verbose', 'debug', 'help']}), examples() { return {runs: ['aa-exec -p unconfined rm x', 'aa-exec -- rm x'], runsNothing: ['aa-exec -h']}; }},
  // firejail's options take their values after `=`.
  {names: ['firejail'], unwrap: plain({}, 0, ['--join', '--list', '--tree', '--top', '--shutdown']), examples() { return {runs: ['firejail rm x', 'firejail --noprofile --private rm x', 'firejail --net=none -- rm x'], runsNothing: ['firejail --list', 'firejail --join=12']}; }},
  {names: ['bwrap'], unwrap: bwrap, examples() { return {runs: ['bwrap --bind / / rm x', 'bwrap --ro-bind /usr /usr --dev /dev --unshare-all -- rm x', 'bwrap --overlay /a /b /c --setenv X 1 rm x'], runsNothing: ['bwrap --bind / /']}; }},
  {names: ['setpriv'], unwrap: plain({takesValue: ['--reuid', '--regid', '--ruid', '--euid', '--rgid', '--egid', '--groups', '--inh-caps', '--ambient-caps', '--bounding-set', '--securebits', '--pdeathsig', '--selinux-label', '--apparmor-profile', '--landlock-access', '--landlock-rule', '--seccomp-filter'], long: ['dump', 'no-new-privs', 'nnp', 'clear-groups', 'keep-groups', 'init-groups', 'reset-env', 'reuid', 'regid', 'ruid', 'euid', 'rgid', 'egid', 'groups', 'inh-caps', 'ambient-caps', 'bounding-set', 'securebits', 'pdeathsig', 'selinux-label', 'apparmor-profile', 'landlock-access', 'landlock-rule', 'seccomp-filter', 'help', 'version']}, 0, ['-d', '--dump']), examples() { return {runs: ['setpriv --reuid=1000 --regid=1000 --init-groups rm x', 'setpriv --nnp rm x'], runsNothing: ['setpriv -d']}; }},
  {names: ['setuidgid', 'envuidgid', 's6-setuidgid', 'gosu', 'su-exec', 'envdir', 'faketime'], unwrap: userThen({takesValue: ['-m', '-f', '-p']}), examples() { return {runs: ['gosu postgres rm x', 'su-exec app rm x', 'setuidgid app rm x', 'envdir ./env rm x', "faketime '2024-01-01' rm x"], runsNothing: ['gosu postgres']}; }},
  {names: ['chpst'], unwrap: plain({takesValue: ['-u', '-U', '-b', '-e', '-/', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c']}), examples() { return {runs: ['chpst -u app rm x', 'chpst -e ./env -m 100000 rm x'], runsNothing: ['chpst -u app']}; }},
  {names: ['softlimit'], unwrap: plain({takesValue: ['-a', '-m', '-d', '-s', '-l', '-f', '-c', '-r', '-t', '-o', '-p']}), examples() { return {runs: ['softlimit -m 100000 rm x', 'softlimit rm x'], runsNothing: ['softlimit -m 5']}; }},
  {names: ['tini', 'dumb-init', 'catatonit'], unwrap: plain({takesValue: ['-p', '-e', '-r', '--rewrite'], long: ['single-child', 'rewrite', 'verbose', 'version', 'help']}), examples() { return {runs: ['tini -- rm x', 'dumb-init rm x', 'tini -s -g -- rm x'], runsNothing: ['tini --version']}; }},
  {names: ['openvt'], unwrap: plain({takesValue: ['-c', '--console', '-u']}), examples() { return {runs: ['openvt -- rm x', 'openvt -c 3 -s -- rm x'], runsNothing: ['openvt -h']}; }},
  {names: ['rlwrap'], unwrap: plain({takesValue: ['-b', '-C', '-D', '-e', '-f', '-g', '-H', '-l', '-M', '-O', '-P', '-q', '-s', '-S', '-t', '-w', '-z']}), examples() { return {runs: ['rlwrap rm x', 'rlwrap -H ./hist -- rm x'], runsNothing: ['rlwrap -v']}; }},
  {names: ['grc'], unwrap: plain({takesValue: ['-c', '--config'], long: ['stderr', 'stdout', 'config', 'colour', 'pty']}), examples() { return {runs: ['grc rm x', 'grc -es --colour=auto rm x'], runsNothing: ['grc']}; }},
  {names: ['pidstat'], unwrap: ({words}) => {
    const at = words.findIndex((word) => word.value === '-e');
    return at !== -1 && at < words.length - 1 ? {words: words.slice(at + 1)} : undefined;
  }, examples() { return {runs: ['pidstat -e rm x', 'pidstat -u 1 -e rm x'], runsNothing: ['pidstat 1 5']}; }},
  {names: ['capsh'], unwrap: capsh, examples() { return {runs: ['capsh -- -c "rm x"', 'capsh --drop=cap_net_raw -- -c "rm x"'], runsNothing: ['capsh --print', 'capsh --']}; }},
  {names: ['xdotool'], unwrap: ({words}) => {
    const {rest} = words[1]?.value === 'exec' ? afterOptions(words.slice(1), {takesValue: ['--terminator'], long: ['sync', 'terminator']}) : {rest: []};
    return rest.length > 0 ? {words: rest} : undefined;
  }, examples() { return {runs: ['xdotool exec rm x', 'xdotool exec --sync rm x'], runsNothing: ['xdotool key ctrl+c']}; }},
  {names: ['cephadm'], unwrap: ({words}) => {
    const shell = words.findIndex((word) => word.value === 'shell');
    const dash = words.findIndex((word) => word.value === '--');
    return shell !== -1 && dash > shell && dash < words.length - 1 ? {words: words.slice(dash + 1)} : undefined;
  }, examples() { return {runs: ['cephadm shell -- rm x', 'cephadm shell --fsid 1 -- rm x'], runsNothing: ['cephadm shell', 'cephadm ls']}; }},
  {names: ['srun'], unwrap: srun, examples() { return {runs: ['srun rm x', 'srun -N 64 --ntasks-per-node=1 rm x', 'srun -p gpu -t 10 rm x'], runsNothing: ['srun']}; }},
  {names: ['sbatch'], unwrap: sbatch, examples() { return {runs: ["sbatch -N 16 --wrap 'rm x'", "sbatch --wrap='rm x'"], runsNothing: ['sbatch']}; }},
  {names: ['rd'], unwrap: rundeck, examples() { return {runs: ["rd adhoc -p ops -F 'tags: web' -- rm x"], runsNothing: ['rd jobs list -p ops', 'rd adhoc -p ops']}; }},
  {names: ['corepack'], unwrap: ({words}) => (/^(?:npm|npx|pnpm|pnpx|yarn)$/.test(words[1]?.value ?? '') ? {words: words.slice(1)} : undefined), examples() { return {runs: ['corepack pnpm exec rm x', 'corepack yarn dlx rm x'], runsNothing: ['corepack enable', 'corepack prepare pnpm@9 --activate']}; }},
  {names: ['npx', 'bunx', 'uvx', 'pnpx'], unwrap: packageRunner(undefined, {takesValue: npmValues, long: ['package', 'yes', 'no', 'quiet', 'call', 'workspace', 'workspaces', 'include-workspace-root', 'prefix', 'from', 'with', 'python', 'isolated', 'offline', 'bun']}), examples() { return {runs: ['npx rm x', 'npx --yes rm x', 'npx -y rm@1 x', 'npx --package=rm rm x', 'npx rimraf x', 'uvx --from pkg rm x'], runsNothing: ['npx -c "echo hi"', 'npx']}; }},
  {names: ['npm', 'pnpm', 'yarn'], unwrap: packageRunner(['exec', 'x', 'dlx'], npmSpec), examples() { return {runs: ['npm exec -- rm x', 'npm exec --yes -- rm x', 'npm x rm x', 'pnpm dlx rm x', 'yarn dlx rm x', 'pnpm exec rm x'], runsNothing: ['npm install', 'npm ci', 'npm run build', 'yarn add rm', 'npm exec -c "echo hi"']}; }},
  {names: ['bun'], unwrap: packageRunner(['x'], npmSpec), examples() { return {runs: ['bun x rm x'], runsNothing: ['bun run build', 'bun install']}; }},
  {names: ['pipx'], unwrap: packageRunner(['run'], npmSpec), examples() { return {runs: ['pipx run rm x', 'pipx run --spec pkg rm x'], runsNothing: ['pipx install black']}; }},
  {names: ['uv', 'poetry', 'pdm', 'pipenv', 'bundle', 'cabal', 'conda', 'mamba', 'micromamba', 'mise', 'asdf', 'rtx'], unwrap: ({words}) => {
    const sub = words.findIndex((word, i) => i > 0 && ['run', 'exec', 'x'].includes(word.value ?? ''));
    if (sub === -1 || words.slice(1, sub).some((word) => !word.value?.startsWith('-'))) return undefined;
    // `mise exec node@20 -- npm test`: what follows the dashes is the command.
    const dashes = words.findIndex((word, i) => i > sub && word.value === '--');
    if (dashes !== -1) return dashes < words.length - 1 ? {words: words.slice(dashes + 1)} : undefined;
    const {rest} = afterOptions(words.slice(sub), {takesValue: ['-n', '-p', '--name', '--prefix', '--with', '--python', '--project', '--directory', '--env-file', '--project-file', '--from', '--group', '--extra', '--package', '-C', '--cwd', '--env', '-E']});
    return rest.length > 0 ? {words: rest} : undefined;
  }, examples() { return {runs: ['uv run rm x', 'uv run --with requests -- rm x', 'poetry run rm x', 'bundle exec rm x', 'cabal exec -- rm x', 'conda run -n base rm x', 'mise exec -- rm x', 'mise exec node@20 -- rm x'], runsNothing: ['uv pip install x', 'poetry install', 'bundle install']}; }},
  {names: ['distcc', 'ccache', 'icecc', 'sccache'], unwrap: plain(), examples() { return {runs: ['distcc rm x', 'ccache rm x'], runsNothing: ['ccache -s', 'ccache --show-stats']}; }},
  {names: ['ksu'], unwrap: ({words}) => {
    const at = words.findIndex((word, i) => i > 0 && word.value === '-e');
    return at !== -1 && at < words.length - 1 ? {words: words.slice(at + 1)} : undefined;
  }, examples() { return {runs: ['ksu root -q -e rm x', 'ksu -e rm x'], runsNothing: ['ksu root']}; }},
  {names: ['rimraf'], unwrap: rimraf, examples() { return {runs: ['rimraf x', 'rimraf --glob x'], runsNothing: ['rimraf']}; }},
  {names: ['cross-env', 'dotenv', 'env-cmd'], unwrap: ({words, env: current}) => {
    const {rest} = afterOptions(words, {takesValue: ['-e', '-f', '-c', '-v', '--file', '--environments', '--verbose']});
    const next = new Map(current);
    const commandWords = takeAssignments(rest[0]?.value === '--' ? rest.slice(1) : rest, next);
    return commandWords.length > 0 ? {words: commandWords, env: next} : undefined;
  }, examples() { return {runs: ['cross-env NODE_ENV=production rm x', 'dotenv -e .env.prod -- rm x', 'env-cmd -f .env rm x'], runsNothing: ['cross-env NODE_ENV=production']}; }},
];

/** Programs that run the rest of their arguments as a command, by name. */
export const wrappers: Record<string, Wrapper> = Object.fromEntries(wrapperList.flatMap((wrapper) => wrapper.names.map((name) => [name, wrapper] as const)));

/** Every wrapper, for the test that runs their examples. */
export const wrapperTable: readonly Wrapper[] = wrapperList;
