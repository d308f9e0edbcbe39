// Deferred and detached execution: a job for later (at, batch), a terminal session that runs a
// command or is typed into (tmux, screen, script, expect), and the runners that take shell code
// as their arguments (hyperfine, concurrently, entr -s, nix-shell --run, npx -c). What they run
// is judged as if it ran now.
import {codeFromWords} from './code.js';
import {type Launcher, childState, describe, feed, inputText, label, projectFile, readScriptFromStdin, runChild, runCodeString, runWords, shells} from './handoff.js';
import {writtenFile} from './written.js';
import {scanOptions} from './options.js';
import {type ShellState, type Value, known} from './state.js';
import type {Word} from './types.js';
import {basename, literalWord} from './wrappers.js';
import type {Launched} from './launched.js';
import type {Session} from './session-port.js';

const code = (text: string): Word => ({value: text, known: true, raw: text});

/** at/batch read the job's commands on standard input, or from `-f FILE`. */
function runLater(launched: Launched, session: Session): void {
  const {options} = scanOptions(launched.words.slice(1), {takesValue: ['-q', '-f', '-t', '-u']});
  if (['-l', '-d', '-r', '-c', '-V', '-h'].some((flag) => options.flags.has(flag))) return;
  const file = options.values.get('-f');
  if (file && file.value !== '-' && file.value !== '/dev/stdin') {
    runChild(launched, session, [literalWord('sh'), file], `${launched.command.program.value} -f`);
    return;
  }

  readScriptFromStdin(launched, childState(launched, [known('sh')]), session, launched.command.program.value!);
}

const tmuxValues: Record<string, string[]> = {
  'new-session': ['-c', '-e', '-F', '-f', '-n', '-s', '-t', '-x', '-y'],
  'new-window': ['-c', '-e', '-F', '-n', '-t'],
  'split-window': ['-c', '-e', '-F', '-l', '-t', '-p'],
  'respawn-pane': ['-c', '-e', '-t'],
  'respawn-window': ['-c', '-e', '-t'],
  'run-shell': ['-c', '-d', '-t'],
  'send-keys': ['-N', '-t', '-c'],
  'display-popup': ['-b', '-c', '-d', '-e', '-h', '-s', '-S', '-t', '-T', '-w', '-x', '-y'],
  'pipe-pane': ['-t'],
  'if-shell': ['-t'],
};

const tmuxAliases: Record<string, string> = {new: 'new-session', neww: 'new-window', splitw: 'split-window', respawnp: 'respawn-pane', respawnw: 'respawn-window', run: 'run-shell', send: 'send-keys', popup: 'display-popup', pipep: 'pipe-pane', if: 'if-shell'};

/** Keys typed into a pane: `Enter` and `C-m` end a line, other key names are not text. */
function typed(keys: Word[], literal: boolean): Word[] {
  return keys.map((key) => {
    if (!key.known || literal) return key;
    if (/^(?:Enter|KPEnter|C-m|C-j|\^M|\^J)$/.test(key.value)) return code('\n');
    if (key.value === 'Space') return code(' ');
    if (/^(?:[CMS]-.|Escape|Tab|BSpace|Up|Down|Left|Right|Home|End|F\d+|PageUp|PageDown|PPage|NPage|BTab|IC|DC)$/.test(key.value)) return code('\n');
    return key;
  });
}

/** tmux: the shell command of new-session, new-window, split-window, respawn-*, run-shell, and keys sent with send-keys. */
function runTmux(launched: Launched, session: Session): void {
  const words = launched.words;
  const {options, firstOperand} = scanOptions(words.slice(1), {takesValue: ['-c', '-f', '-L', '-S', '-T'], stopAtOperand: true});
  const shellCommand = options.values.get('-c');
  if (shellCommand) runCodeString(launched, session, codeFromWords([shellCommand]), `${launched.command.program.value} -c`);
  // Commands are separated by a `;` word (`tmux new -d \; send-keys …`).
  const rest = words.slice(1 + firstOperand);
  const commands: Word[][] = [[]];
  for (const word of rest) {
    if (word.known && (word.value === ';' || word.value === '\\;')) commands.push([]);
    else commands.at(-1)!.push(word);
  }

  for (const [head, ...args] of commands) {
    if (!head?.known) continue;
    const name = tmuxAliases[head.value] ?? head.value;
    const values = tmuxValues[name];
    if (!values) continue;
    const {options: own, firstOperand: first} = scanOptions(args, {takesValue: values, stopAtOperand: true});
    const operands = args.slice(first);
    const via = `tmux ${name}`;
    if (name === 'send-keys') {
      if (!own.flags.has('-X') && operands.length > 0) runWords(launched, session, typed(operands, own.flags.has('-l')), via);
    } else if (name === 'run-shell') {
      if (!own.flags.has('-C') && operands[0]) runCodeString(launched, session, codeFromWords([operands[0]]), via);
    } else if (name === 'if-shell') {
      if (operands[0] && !own.flags.has('-F')) runCodeString(launched, session, codeFromWords([operands[0]]), via);
    } else if (name === 'pipe-pane') {
      if (operands[0]) runCodeString(launched, session, codeFromWords([operands[0]]), via);
    } else if (operands.length === 1) runCodeString(launched, session, codeFromWords(operands), via);
    else if (operands.length > 1) runChild(launched, session, operands, via);
  }
}

/** screen: a command to run in a new window, or `-X stuff TEXT` typed into one, or `-X screen CMD`. */
function runScreen(launched: Launched, session: Session): void {
  // -Logfile FILE is screen's one long option with a value; every other option is a letter.
  const words = launched.words.filter((word, i, all) => word.value !== '-Logfile' && all[i - 1]?.value !== '-Logfile');
  const {options, firstOperand} = scanOptions(words.slice(1), {takesValue: ['-c', '-e', '-h', '-p', '-S', '-T', '-t', '-X'], stopAtOperand: true});
  const remote = options.values.get('-X');
  const rest = words.slice(1 + firstOperand);
  if (remote?.known) {
    if (remote.value === 'stuff' && rest[0]) runWords(launched, session, [stuffed(rest[0])], 'screen -X stuff');
    else if ((remote.value === 'screen' || remote.value === 'exec') && rest.length > 0) runChild(launched, session, remote.value === 'exec' ? rest.filter((word) => !/^[.!:|]+$/.test(word.value ?? '')) : rest, `screen -X ${remote.value}`);
    else if (/\s/.test(remote.value)) runWords(launched, session, [remote], 'screen -X');
    return;
  }

  if (['-r', '-R', '-x', '-ls', '-list', '-wipe', '-v', '-Q'].some((flag) => options.flags.has(flag) || words.some((word) => word.value === flag))) return;
  if (rest.length > 0) runChild(launched, session, rest, 'screen');
}

/** screen's string escapes: `\n`, `\r`, `^M`, `\015` are the end of a typed line. */
function stuffed(word: Word): Word {
  if (!word.known) return word;
  return code(word.value.replace(/\\[nr]|\^[MJ]|\\01[25]/g, '\n'));
}

/** script -c CODE [file]: the code runs in a shell under a recorded terminal. */
function runScript(launched: Launched, session: Session): void {
  const {options} = scanOptions(launched.words.slice(1), {takesValue: ['-c', '--command', '-E', '--echo', '-I', '--log-in', '-O', '--log-out', '-B', '--log-io', '-T', '--log-timing', '-m', '--logging-format', '-o', '--output-limit'], long: ['command', 'append', 'echo', 'return', 'flush', 'force', 'log-in', 'log-out', 'log-io', 'log-timing', 'logging-format', 'output-limit', 'quiet', 'timing']});
  const command = options.values.get('-c') ?? options.values.get('--command');
  if (command) runCodeString(launched, session, codeFromWords([command]), 'script -c');
  // Without -c it starts a shell, which reads its commands on stdin.
  else readScriptFromStdin(launched, childState(launched, [known('sh')]), session, 'script');
}

/** Tcl words of a script: braces and quotes group, `;` and newlines end a command; `[…]` and `$` are unknown. */
function tclCommands(text: string): Word[][] {
  const commands: Word[][] = [];
  let words: Word[] = [];
  let i = 0;
  const end = () => {
    if (words.length > 0) commands.push(words);
    words = [];
  };

  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n' || ch === ';') {
      end();
      i++;
    } else if (/\s/.test(ch)) i++;
    else if (ch === '#' && words.length === 0) while (i < text.length && text[i] !== '\n') i++;
    else if (ch === '{') {
      let depth = 0;
      const start = i;
      for (; i < text.length; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
      }

      words.push({...code(text.slice(start + 1, i)), raw: text.slice(start, i + 1)});
      i++;
    } else {
      const quoted = ch === '"';
      const start = i;
      let value = '';
      let dynamic = false;
      if (quoted) i++;
      for (; i < text.length; i++) {
        const c = text[i]!;
        if (quoted ? c === '"' : /[\s;]/.test(c)) break;
        if (c === '\\' && i + 1 < text.length) {
          const next = text[++i]!;
          value += next === 'r' || next === 'n' ? '\n' : next === 't' ? '\t' : next;
        } else if (c === '[' || c === '$') {
          dynamic = true;
          value += c;
        } else value += c;
      }

      if (quoted) i++;
      const raw = text.slice(start, i);
      words.push(dynamic ? {value: null, known: false, raw, why: `a Tcl substitution in ${raw}`} : {value, known: true, raw});
    }
  }

  end();
  return commands;
}

const spawnFlags = new Set(['-noecho', '-console', '-nottycopy', '-nottyinit', '-pty', '-leaveopen']);

/**
 * The Tcl an interpreter runs: expect's `-c` code, a script file the same code wrote, or the
 * code on standard input (a heredoc, a here-string, what `echo` pipes in). A script on disk is
 * not read, as no interpreter's is.
 */
function tclCode(launched: Launched, session: Session): string[] {
  const name = launched.command.program.value!;
  // tclsh's `-encoding NAME` comes before the script.
  const words = launched.words.slice(1).filter((word, i, all) => word.value !== '-encoding' && all[i - 1]?.value !== '-encoding');
  const {options} = scanOptions(words, {takesValue: ['-c', '-f', '-D'], stopAtOperand: true});
  const codes: string[] = [];
  const inline = name === 'expect' ? options.values.get('-c') : undefined;
  if (inline?.known) codes.push(inline.value);
  const file = options.values.get('-f') ?? options.operands[0];
  // A script a command prints (`tclsh <(curl …)`) is code that command feeds it.
  if (file) feed([file], session);
  if (file?.known && file.value !== '-') {
    const written = writtenFile(session, file.value, launched.cwd);
    if (written && 'text' in written) codes.push(written.text);
    else if (written) session.problem('unanalysable', `${name} runs ${file.value}, which guard cannot know: ${written.problem}`, launched.raw.location);
  } else if (!file || file.value === '-') {
    const input = inputText(launched);
    if (input && input !== 'unseen') codes.push(input.text);
    // Tcl from a pipe guard cannot see into (`curl … | tclsh`), as a shell's or python's.
    else if (input === 'unseen' && launched.raw.frame.pipeIn && !launched.raw.stdin) {
      for (const producer of launched.raw.frame.pipeIn.commands) producer.feedsShell = true;
      session.problem('unanalysable', `${name} runs code read from a pipe (${describe(launched.raw.frame.pipeIn.commands)}), which guard cannot see`, launched.raw.location);
    }
  }

  return codes;
}

/** Tcl (tclsh, wish, expect): `exec` and expect's `spawn` run programs, `system` runs shell code, `send` types into what was spawned, `file delete` deletes. */
function runTcl(launched: Launched, session: Session): void {
  const name = launched.command.program.value!;
  let spawnedShell = false;
  const walk = (text: string, depth: number) => {
    // A command substitution (`set out [exec rm -rf /x]`, also in quotes) runs its command too.
    if (depth < 4) for (const inner of text.matchAll(/\[([^[\]]+)\]/g)) walk(inner[1]!, depth + 1);
    for (const [head, ...args] of tclCommands(text)) {
      if (!head?.known) continue;
      const verb = head.value;
      if (verb === 'spawn') {
        const argv = args.filter((word, i) => !(word.known && (spawnFlags.has(word.value) || (word.value === '-open' && i === 0) || word.value === '-ignore')));
        // What is sent to a shell (or a login over ssh) is typed at its prompt.
        const program = argv[0]?.known ? basename(argv[0].value) : '';
        const interactive = shells.has(program) && argv.length === 1;
        if (interactive || program === 'ssh') spawnedShell = true;
        if (!interactive && argv.length > 0) runChild(launched, session, argv, `${name} spawn`);
      } else if (verb === 'exec') {
        const argv = args.filter((word) => !(word.known && (word.value === '-ignorestderr' || word.value === '-keepnewline' || word.value === '--')));
        const cut = argv.findIndex((word) => word.known && /^[|<>&]/.test(word.value));
        if (argv.length > 0) runChild(launched, session, cut === -1 ? argv : argv.slice(0, cut), `${name} exec`);
      } else if (verb === 'system') runWords(launched, session, args, `${name} system`);
      else if (verb === 'send' && spawnedShell) {
        const text = args.filter((word) => !(word.known && /^-(?:-|i|h|s|null|break|raw)$/.test(word.value)));
        runWords(launched, session, text, `${name} send`);
      } else if (verb === 'file' && args[0]?.value === 'delete') {
        const force = args.some((word) => word.value === '-force');
        const paths = args.slice(1).filter((word) => word.value !== '-force' && word.value !== '--');
        runChild(launched, session, [literalWord('rm'), literalWord(force ? '-rf' : '-f'), literalWord('--'), ...paths], `${name} file delete`);
      }

      else if (verb === 'eval' && depth < 4) walk(args.map((word) => word.value ?? '').join(' '), depth + 1);
      // `open "|rm -rf /x" r`: a pipeline Tcl starts, its words the program's.
      else if (verb === 'open' && args[0]?.known && args[0].value.startsWith('|')) runWords(launched, session, [{...args[0], value: args[0].value.slice(1)}], `${name} open |`);

      if (depth < 4) for (const word of args) if (word.known && word.raw.startsWith('{')) walk(word.value, depth + 1);

    }
  };

  for (const code of tclCode(launched, session)) walk(code, 0);
}

/** hyperfine CODE…: each benchmarked command, and the --prepare/--setup/--cleanup ones, is shell code. */
function runBenchmarks(launched: Launched, session: Session): void {
  const {options} = scanOptions(launched.words.slice(1), {takesValue: ['-w', '-r', '-m', '-M', '-p', '-c', '-s', '-L', '-P', '-D', '-S', '-n', '-u', '-i', '--warmup', '--runs', '--min-runs', '--max-runs', '--prepare', '--conclude', '--cleanup', '--setup', '--parameter-list', '--parameter-scan', '--parameter-step-size', '--shell', '--command-name', '--time-unit', '--export-asciidoc', '--export-csv', '--export-json', '--export-markdown', '--export-orgmode', '--output', '--input', '--style', '--sort'], long: ['warmup', 'runs', 'min-runs', 'max-runs', 'prepare', 'conclude', 'cleanup', 'setup', 'parameter-list', 'parameter-scan', 'shell', 'command-name', 'ignore-failure', 'show-output', 'output', 'input', 'style', 'sort']});
  for (const flag of ['-p', '--prepare', '-c', '--cleanup', '-s', '--setup', '--conclude']) {
    const value = options.values.get(flag);
    if (value) runCodeString(launched, session, codeFromWords([value]), `hyperfine ${flag}`);
  }

  for (const operand of options.operands) runCodeString(launched, session, codeFromWords([operand]), 'hyperfine');
}

/** Each operand of concurrently (and npm-run-all's -- style commands) is shell code. */
function runConcurrently(launched: Launched, session: Session): void {
  const {options} = scanOptions(launched.words.slice(1), {takesValue: ['-n', '--names', '-c', '--prefix-colors', '-p', '--prefix', '-l', '--prefix-length', '-t', '--timestamp-format', '--max-processes', '-m', '--success', '-s', '--restart-tries', '--restart-after', '--handle-input', '--default-input-target', '--pad-prefix', '--passthrough-arguments', '-P', '--cwd'], long: ['names', 'prefix-colors', 'prefix', 'kill-others', 'kill-others-on-fail', 'raw', 'hide', 'group', 'success', 'restart-tries']});
  for (const operand of options.operands) runCodeString(launched, session, codeFromWords([operand]), 'concurrently');
}

/** entr [-s] UTILITY ARGS: with -s the utility is shell code. */
function runOnChange(launched: Launched, session: Session): void {
  const {options, firstOperand} = scanOptions(launched.words.slice(1), {stopAtOperand: true});
  const rest = launched.words.slice(1 + firstOperand);
  if (rest.length === 0) return;
  if (options.flags.has('-s')) runCodeString(launched, session, codeFromWords([rest[0]!]), 'entr -s');
  else runChild(launched, session, rest, 'entr');
}

/** nix-shell --run/--command CODE, nix develop -c CMD, npx -c CODE, npm exec -c CODE: shell code in a prepared environment. */
function runPrepared(launched: Launched, session: Session): void {
  const words = launched.words;
  const name = launched.command.program.value!;
  // `npm exec`/`npm x`, `pnpm exec`/`pnpm dlx` by their verb (a script named `x` is a script: `npm run x`).
  const verb = name === 'npm' || name === 'pnpm' ? scanOptions(words.slice(1), packageOptions).options.operands[0]?.value : undefined;
  if (name === 'yarn' || ((name === 'npm' || name === 'pnpm') && verb !== 'exec' && verb !== 'x' && verb !== 'dlx')) {
    runPackageScript(launched, session);
    return;
  }

  const flags = name === 'nix-shell' ? ['--run', '--command'] : name === 'nix' ? ['-c', '--command'] : ['-c', '--call'];
  for (let i = 1; i < words.length; i++) {
    const text = words[i]!.value ?? '';
    const flag = flags.find((option) => text === option || text.startsWith(`${option}=`));
    if (!flag) continue;
    const value = text === flag ? words[i + 1] : {...words[i]!, value: text.slice(flag.length + 1)} as Word;
    if (!value) continue;
    if (name === 'nix') runChild(launched, session, words.slice(i + 1), `${label(launched.command, flag)}`);
    else runCodeString(launched, session, codeFromWords([value]), label(launched.command, flag));
    return;
  }
}

const packageOptions = {
  takesValue: ['--prefix', '-C', '--dir', '--cwd', '-w', '--workspace', '--filter', '-F', '--loglevel', '--script-shell', '--userconfig', '--cache', '--registry', '--reporter'],
};
// npm's own commands that run a script of package.json: `npm test` is `npm run test`.
const npmScripts: Record<string, string> = {test: 'test', t: 'test', tst: 'test', start: 'start', stop: 'stop', restart: 'restart'};
const runVerbs = new Set(['run', 'run-script', 'rum', 'urn']);
const installVerbs = new Set(['install', 'i', 'ci', 'add', 'clean-install', 'install-clean', 'isntall']);

// bun's own commands: any other first word is a script of package.json (or a file to run).
const bunVerbs = new Set(['test', 'x', 'exec', 'build', 'init', 'create', 'c', 'upgrade', 'pm', 'link', 'unlink', 'remove', 'rm', 'update', 'outdated', 'publish', 'patch', 'patch-commit', 'why', 'audit', 'info', 'repl', 'completions', 'help', 'add', 'a', 'install', 'i', 'ci', 'discord', 'feedback']);

/**
 * `npm run NAME`, `npm test`, `yarn NAME`, `pnpm NAME`, `bun run NAME` or `bun NAME`: the
 * script of that name in the package.json of the folder it runs in, with its pre- and
 * post-script, run by `sh -c` with the arguments after the name. A package without one runs
 * nothing. Whether a script ran: bun runs a file of that name where no script has it.
 */
export function runPackageScript(launched: Launched, session: Session): boolean {
  const name = launched.command.program.value!;
  const {options} = scanOptions(launched.words.slice(1), packageOptions);
  if (options.flags.has('--help') || options.flags.has('-h') || options.flags.has('--dry-run')) return false;
  const [verb, ...rest] = options.operands;
  // A bare `yarn`, and `install`/`ci`, run the package's own install scripts.
  const installs = verb === undefined ? name === 'yarn' : verb.known && installVerbs.has(verb.value) && !options.flags.has('--ignore-scripts');
  if (!verb?.known && !installs) return false;
  const runs = verb?.known === true && runVerbs.has(verb.value);
  const bare = name === 'npm' ? (Object.hasOwn(npmScripts, verb!.value!) ? {...verb!, value: npmScripts[verb!.value!]!} : undefined) : name === 'bun' && bunVerbs.has(verb!.value!) ? undefined : verb;
  const script = installs ? undefined : runs ? rest[0] : bare;
  if (!installs && !script?.known) return false;
  const folder = options.values.get('--prefix') ?? options.values.get('-C') ?? options.values.get('--dir') ?? options.values.get('--cwd');
  const cwd = folder ? (folder.known && folder.value.startsWith('/') ? known(folder.value) : launched.cwd.known && folder.known ? known(`${launched.cwd.value}/${folder.value}`) : undefined) : launched.cwd;
  // The package is the nearest folder with a package.json, from here up (`cd src && npm run clean`).
  const found = cwd?.known ? projectFile(session, cwd.value, ['package.json'], true, launched) : undefined;
  if (!found) return false;
  const home = found.dir;
  let scripts: unknown;
  try {
    scripts = (JSON.parse(found.text) as {scripts?: unknown}).scripts;
  } catch {
    return false;
  }

  if (typeof scripts !== 'object' || scripts === null) return false;
  const table = scripts as Record<string, unknown>;
  if (script && !Object.hasOwn(table, script.value!)) return false;
  const args = installs ? [] : (runs ? rest.slice(1) : rest).filter((word) => word.value !== '--');
  const keys = installs ? ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'] : [`pre${script!.value}`, script!.value!, `post${script!.value}`];
  for (const key of keys) {
    const code = Object.hasOwn(table, key) ? table[key] : undefined;
    if (typeof code !== 'string') continue;
    // npm quotes each argument it appends; one guard cannot know stays unknown.
    const words = args.every((word) => word.known) ? {text: args.map((word) => quoted(word.value!)).join(' '), unknowns: new Map<string, string>()} : codeFromWords(args);
    runCodeString(launched, session, {text: words.text ? `${code} ${words.text}` : code, unknowns: words.unknowns}, `${name} run ${key}`, {state: packageState(launched, known(home))});
  }

  return true;
}

function packageState(launched: Launched, cwd: Value): ShellState {
  const state = childState(launched, [known('sh')]);
  state.cwd = cwd;
  return state;
}

const parallelValues = ['-j', '-P', '--jobs', '-S', '--sshlogin', '--joblog', '--results', '--res', '-a', '--arg-file', '--colsep', '-C', '-d', '--delimiter', '-E', '-I', '--timeout', '--delay', '--tmpdir', '--workdir', '--wd', '-n', '--max-args', '-N', '--max-replace-args', '-L', '--max-lines', '--tag-string', '--memfree', '--load', '--retries', '--block', '--block-size', '--halt', '--eta-file', '--sshloginfile', '--slf', '--basefile', '--bf', '--transferfile', '--tf', '--return', '--env', '--shebang-wrap', '--termseq', '--limit', '--rpl', '--plus', '--pipe-part', '--recstart', '--recend', '--header', '--fifo', '--cat'];
const replacement = /\{(?:\d*[./#%]*|\.|\/\.?|\/\/|#|%|=[\s\S]*?=)\}/g;
const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * GNU parallel runs its command line through a shell, once per input (`:::` words, `::::`
 * files, or stdin): `{}` and its kin are replaced by the input, shell-quoted, or the input is
 * appended. Inputs it reads from a file or stdin are unknown.
 */
function runParallel(launched: Launched, session: Session): void {
  const words = launched.words;
  const separator = words.findIndex((word, i) => i > 0 && /^:::[+]?$|^::::[+]?$/.test(word.value ?? ''));
  const own = separator === -1 ? words : words.slice(0, separator);
  const {options, firstOperand} = scanOptions(own.slice(1), {takesValue: parallelValues, stopAtOperand: true});
  const template = own.slice(1 + firstOperand);
  // `--dry-run` prints each command instead of running it.
  if (template.length === 0 || options.flags.has('--dry-run') || options.flags.has('--dryrun')) return;
  const groups: Word[][] = [];
  for (let i = separator; i !== -1 && i < words.length; ) {
    const next = words.findIndex((word, k) => k > i && /^:::[+]?$|^::::[+]?$/.test(word.value ?? ''));
    const items = words.slice(i + 1, next === -1 ? undefined : next);
    groups.push(words[i]!.value!.startsWith('::::') ? [unknownInput('a file parallel reads')] : items);
    i = next;
  }

  const inputs = groups.length === 0 ? [[unknownInput('its standard input')]] : combinations(groups);
  const host = options.values.get('-S') ?? options.values.get('--sshlogin');
  const where = host ? `on ${host.value ?? host.raw}` : undefined;
  for (const input of inputs) {
    const args = input.map((word) => (word.known ? code(quoted(word.value)) : word));
    const uses = template.some((word) => word.known && replacement.test(word.value));
    const line = uses ? template.flatMap((word) => substitute(word, args)) : [...template, ...args];
    runWords(launched, session, line, 'parallel', where ? {where} : {});
  }
}

function unknownInput(source: string): Word {
  return {value: null, known: false, raw: '(parallel input)', why: `an argument parallel reads from ${source}`};
}

/** Every input line: one word from each group (at most 64 lines are judged; the rest are alike). */
function combinations(groups: Word[][]): Word[][] {
  let lines: Word[][] = [[]];
  for (const group of groups) lines = lines.flatMap((line) => group.map((word) => [...line, word])).slice(0, 64);
  return lines;
}

function substitute(word: Word, args: Word[]): Word[] {
  if (!word.known) return [word];
  replacement.lastIndex = 0;
  if (!replacement.test(word.value)) return [word];
  const parts = word.value.split(replacement);
  const out: Word[] = [];
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const positional = /^\{(\d+)/.exec(word.value.match(replacement)?.[i - 1] ?? '')?.[1];
    const arg = args[positional ? Number(positional) - 1 : 0] ?? args[0]!;
    if (arg.known) text += arg.value + parts[i];
    else {
      out.push(code(text), arg);
      text = parts[i]!;
    }
  }

  // Glued pieces of one word stay one word: the code is joined without spaces between them.
  return out.length === 0 ? [code(text)] : [...out, code(text)].filter((piece) => !(piece.known && piece.value === ''));
}

export const sessions: Launcher[] = [
  {names: ['at', 'batch'], run: runLater, examples() { return {runs: ["at now + 1 hour <<< 'rm x'", "echo 'rm x' | at now", "batch <<'EOF'\nrm x\nEOF", "at -q b -m 23:00 <<< 'rm x'", "at -f /dev/stdin now <<< 'rm x'"], runsNothing: ['at -l', 'at -c 12', 'at -d 12', 'batch -V'], unreadable: ['cat job.txt | at now']}; }},
  {names: ['tmux', 'tmate'], run: runTmux, examples() { return {runs: ["tmux new-session -d -s job 'rm x'", "tmux new -d 'rm x'", "tmux send-keys -t prod 'rm x' Enter", 'tmux send -t prod rm Space x C-m', "tmux split-window -h 'rm x'", "tmux neww 'rm x'", "tmux run-shell 'rm x'", "tmux -c 'rm x'", "tmux new -d \\; send-keys 'rm x' Enter", 'tmux new-session -d rm x', "tmate -c 'rm x'", "tmux respawn-pane -k -t 1 'rm x'"], runsNothing: ['tmux ls', 'tmux attach -t prod', 'tmux new-session -d -s build', 'tmux kill-server', 'tmux send-keys -t prod C-c']}; }},
  {names: ['screen'], run: runScreen, examples() { return {runs: ["screen -S prod -X stuff 'rm x\\n'", "screen -dmS job sh -c 'rm x'", 'screen -dm rm x', "screen -S prod -X screen rm x", "screen -X stuff 'rm x^M'"], runsNothing: ['screen -ls', 'screen -r prod', 'screen -x prod', 'screen -S prod -X quit', 'screen']}; }},
  {names: ['script'], run: runScript, examples() { return {runs: ["script -q -c 'rm x' ./typescript", "script --command 'rm x' /dev/null", "script -qec 'rm x' /dev/null"], runsNothing: ['script -q /dev/null', 'script ./session.log']}; }},
  {names: ['expect', 'tclsh', 'wish', 'tclsh8.4', 'tclsh8.5', 'tclsh8.6', 'tclsh9.0', 'jimsh'], run: runTcl, examples() { return {runs: ["tclsh <<< 'exec rm x'", "echo 'file delete -force x' | tclsh", "tclsh <<< 'puts [exec rm x]'", "tclsh <<< 'set f [open \"|rm x\" r]'", "tclsh8.5 <<< 'eval exec rm x'", "cat > t.tcl <<'EOF'\nexec rm x\nEOF\ntclsh t.tcl", "expect <<'EOF'\nspawn rm x\nEOF", "expect -c 'spawn rm x; expect eof'", "expect -c 'spawn -noecho rm x'", "expect -c 'exec rm x'", "expect -c 'system rm x'", "expect -c 'spawn bash; send \"rm x\\r\"; expect eof'", "expect -c 'if {1} { spawn rm x }'", "expect -c 'spawn ssh host; expect \"$ \" { send \"ls\\r\" }; exec rm x'"], runsNothing: ["expect -c 'puts hi'", "expect -c 'send \"rm x\\r\"'", 'expect ./script.exp', 'tclsh ./build.tcl', "tclsh <<< 'puts hi'"]}; }},
  {names: ['hyperfine'], run: runBenchmarks, examples() { return {runs: ["hyperfine 'rm x'", "hyperfine --prepare 'rm x' 'sleep 0.1'", "hyperfine -w 3 'ls' 'rm x'"], runsNothing: ['hyperfine --version']}; }},
  {names: ['concurrently'], run: runConcurrently, examples() { return {runs: ["concurrently 'npm:watch' 'rm x'", "concurrently -n a,b --kill-others 'rm x' 'ls'"], runsNothing: ['concurrently --help']}; }},
  {names: ['entr'], run: runOnChange, examples() { return {runs: ['entr rm x', "entr -s 'rm x'", 'entr -rc rm x'], runsNothing: ['entr']}; }},
  {names: ['parallel'], run: runParallel, examples() { return {runs: ['parallel rm ::: x', "parallel 'rm {}' ::: x", 'parallel -j4 rm {} ::: a x', 'parallel rm', "parallel --pipe 'rm x'", 'parallel -S web1 rm ::: x', "parallel rm {1} ::: x ::: y"], runsNothing: ['parallel --version', "parallel echo ::: rm x", 'parallel --dry-run rm {} ::: x', "parallel --dryrun -S web1 'rm {}' ::: x"]}; }},
  {names: ['nix-shell', 'nix', 'npx', 'pnpx', 'npm', 'pnpm', 'yarn'], run: runPrepared, examples() { return {runs: ["nix-shell -p jq --run 'rm x'", "nix-shell --command 'rm x'", 'nix develop -c rm x', "npx -c 'rm x'", "npm exec -c 'rm x'", "npm exec --call='rm x'"], runsNothing: ['nix-shell -p jq', 'npm install', 'npx prettier --check .', 'npm run build', 'yarn test']}; }},
];
