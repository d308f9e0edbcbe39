// The escape hatches of ordinary tools (GTFOBins' "shell" and "command" functions, as far as
// they run without a terminal): an option, a setting or a script of the tool's own that runs a
// command. Where the payload is shell code, it is judged as that code; where it is code for an
// interpreter guard's rules read, as that interpreter's one-liner; where it is code guard does not
// read (Vim's Tcl, gdb's Guile, a library to load), it is refused (shell.foreign-code); where the
// commands come from the tool's input and guard cannot see it, it is refused (shell.unanalysable).
import {posix} from 'node:path';
import {type CodeText, codeFromWords} from './code.js';
import {brief} from './expand.js';
import {known} from './state.js';
import {type Launcher, childState, inputText, label, runChild, runCodeString} from './handoff.js';
import {type GivenOption, type OptionSpec, scanOptions} from './options.js';
import {writtenFile} from './written.js';
import {type Payload, bangCommands, dcText, elisp, exCommands, gdbCommand, gnuplot, m4Text, makefile, mysqlText, projectMakefile, psqlText, puppet, sedScript, sqliteText, tex} from './tool-scripts.js';
import type {Word} from './types.js';
import {literalWord, splitString} from './wrappers.js';
import type {Launched} from './launched.js';
import type {Session} from './session-port.js';
import {taskRunners} from './task-runners.js';

/** The text of a word as code: the parts guard cannot know are placeholders that stay unknown. */
const textOf = (word: Word): CodeText => (word.known ? {text: word.value, unknowns: new Map()} : codeFromWords([word]));

/** Hands on what a tool's script runs, as `via`. */
function handOn(launched: Launched, session: Session, payloads: Payload[], via: string, base?: CodeText): void {
  for (const payload of payloads) {
    const at = launched.raw.location;
    switch (payload.kind) {
      case 'shell': {
        const unknowns = new Map([...(base?.unknowns ?? []), ...(payload.unknowns ?? [])]);
        runCodeString(launched, session, {text: payload.code, unknowns}, via, payload.where ? {where: payload.where} : {});
        break;
      }

      case 'argv':
        runChild(launched, session, payload.words.map(literalWord), via);
        break;
      case 'interpreter':
        runChild(launched, session, [literalWord(payload.program), literalWord(payload.program === 'python3' ? '-c' : '-e'), literalWord(payload.code)], via);
        break;
      case 'foreign':
        session.problem('foreign-code', `${via} runs ${payload.language} code, which guard does not read: ${brief(payload.text)}`, at);
        break;
      case 'input':
        session.problem('unanalysable', `${via}: ${payload.why}, and guard cannot see that input`, at);
        break;
    }
  }
}

/** Reads each word with `reader` and hands on what it runs. */
function handWords(launched: Launched, session: Session, words: Array<Word | undefined>, reader: (text: string) => Payload[], via: string): void {
  for (const word of words) {
    if (!word) continue;
    const code = textOf(word);
    handOn(launched, session, reader(code.text), via, code);
  }
}

/** Shell code given as the value of an option (`--pre-hook CMD`): each one is run as `sh -c` would. */
function runValues(launched: Launched, session: Session, values: Array<Word | undefined>, via: string): void {
  for (const value of values) if (value && !(value.known && value.value.trim() === '')) runCodeString(launched, session, textOf(value), via);
}

/** Reads the tool's standard input with `reader`; what guard cannot see is refused only when `unseen` says why. */
function handInput(launched: Launched, session: Session, reader: (text: string) => Payload[], via: string, unseen?: string): void {
  const input = inputText(launched);
  if (input === 'unseen') {
    if (unseen) session.problem('unanalysable', `${via} ${unseen}, and guard cannot see that input`, launched.raw.location);
  } else if (input) handOn(launched, session, reader(input.text), via, input);
}

const values = (given: GivenOption[], ...names: string[]) => given.filter((option) => names.includes(option.name)).map((option) => option.value);

// sed

const sedSpec: OptionSpec = {takesValue: ['-e', '--expression', '-f', '--file', '-l', '--line-length'], long: ['expression', 'file', 'in-place', 'line-length', 'quiet', 'silent', 'regexp-extended', 'separate', 'sandbox', 'unbuffered', 'null-data', 'zero-terminated', 'posix', 'debug', 'follow-symlinks', 'help', 'version']};

function runSed(launched: Launched, session: Session): void {
  const {options, given} = scanOptions(launched.words.slice(1), sedSpec);
  if (options.flags.has('--sandbox')) return;
  const scripts = values(given, '-e', '--expression');
  const fromFile = options.values.has('-f') || options.values.has('--file');
  if (scripts.length === 0 && !fromFile) scripts.push(options.operands[0]);
  const inputs = scripts.length === 0 || fromFile ? options.operands : options.operands.slice(given.some((option) => option.name === '-e' || option.name === '--expression') ? 0 : 1);
  for (const script of scripts) {
    if (!script) continue;
    const code = textOf(script);
    for (const payload of sedScript(code.text)) {
      // `sed e <<< CMD`: the lines it executes are its input, which guard may see.
      const input = payload.kind === 'input' && inputs.length === 0 ? inputText(launched) : undefined;
      if (input && input !== 'unseen') runCodeString(launched, session, input, 'sed e');
      else handOn(launched, session, [payload], 'sed e', code);
    }
  }
}

// vim, vi, nvim, ex, view

function runVim(launched: Launched, session: Session): void {
  const words = launched.words;
  const name = launched.command.program.value!;
  const commands: Word[] = [];
  let exMode = name === 'ex';
  for (let i = 1; i < words.length; i++) {
    const text = words[i]!.value;
    if (text === null) continue;
    if (text === '--') break;
    if (text === '-c' || text === '--cmd') commands.push(words[++i]!);
    else if (/^\+[^\d/]/.test(text)) commands.push({...words[i]!, value: text.slice(1)} as Word);
    // -s is Ex mode's silence once -e/-E came first (as vim reads it), else it names a script of keys.
    else if (text === '-s' && exMode) continue;
    else if (['-S', '-s', '-u', '-U', '-i', '-T', '-w', '-W', '-t', '-q', '--startuptime', '--servername', '--remote-send', '--remote-expr', '--listen'].includes(text)) i++;
    else if (/^-[A-Za-z]*[eE][A-Za-z]*$/.test(text) && !text.startsWith('--')) exMode = true;
  }

  handWords(launched, session, commands, exCommands, `${name} -c`);
  if (exMode) handInput(launched, session, exCommands, `${name} (Ex mode)`);
}

// git

const gitGlobal: OptionSpec = {
  takesValue: ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--super-prefix', '--list-cmds', '--attr-source'],
  long: ['git-dir', 'work-tree', 'namespace', 'exec-path', 'config-env', 'super-prefix', 'list-cmds', 'attr-source', 'bare', 'no-pager', 'paginate', 'no-replace-objects', 'literal-pathspecs', 'glob-pathspecs', 'noglob-pathspecs', 'icase-pathspecs', 'no-optional-locks', 'html-path', 'man-path', 'info-path', 'version', 'help', 'no-advice'],
  stopAtOperand: true,
};

// Settings whose value is a command git runs through the shell (git-config(1)).
const gitCommands = /^(?:core\.(?:sshcommand|pager|fsmonitor|editor|askpass|gitproxy)|sequence\.editor|pager\.[^.]+|diff\.external|diff\.[^.]+\.(?:command|textconv)|filter\.[^.]+\.(?:clean|smudge|process)|merge\.[^.]+\.driver|gpg\.(?:[^.]+\.)?program|credential\.(?:[^.]+\.)?helper|uploadpack\.packobjectshook|(?:difftool|mergetool)\.[^.]+\.cmd|(?:browser|man)\.[^.]+\.cmd|submodule\.[^.]+\.update|sendemail\.(?:smtpserver|sendmailcmd|tocmd|cccmd)|trailer\.[^.]+\.(?:command|cmd)|interactive\.difffilter)$/;
const notCommand = /^(?:true|false|yes|no|on|off|1|0|)$/i;

interface GitSetting {
  key: string;
  value: Word;
  /** The words that gave it, to leave out when an alias is expanded. */
  from: Word[];
}

function gitSettings(launched: Launched, globalWords: Word[]): GitSetting[] {
  const settings: GitSetting[] = [];
  const add = (text: Word, from: Word[], env = false) => {
    const match = text.known ? /^([^=]+?)(?:=([\s\S]*))?$/.exec(text.value) : null;
    if (!match) return;
    let value: Word = {...text, value: match[2] ?? 'true'} as Word;
    if (env) {
      const variable = launched.env.get(match[2] ?? '');
      if (!variable?.known) return;
      value = literalWord(variable.value);
    }

    settings.push({key: match[1]!.toLowerCase(), value, from});
  };

  for (let i = 0; i < globalWords.length; i++) {
    const text = globalWords[i]!.value ?? '';
    if (text === '-c' && globalWords[i + 1]) add(globalWords[i + 1]!, [globalWords[i]!, globalWords[++i]!]);
    else if (/^-c./.test(text)) add({...globalWords[i]!, value: text.slice(2)} as Word, [globalWords[i]!]);
    else if (text === '--config-env' && globalWords[i + 1]) add(globalWords[i + 1]!, [globalWords[i]!, globalWords[++i]!], true);
    else if (text.startsWith('--config-env=')) add({...globalWords[i]!, value: text.slice('--config-env='.length)} as Word, [globalWords[i]!], true);
  }

  const count = Number(launched.env.get('GIT_CONFIG_COUNT')?.known ? (launched.env.get('GIT_CONFIG_COUNT') as {value: string}).value : 0);
  for (let i = 0; i < Math.min(count, 100); i++) {
    const key = launched.env.get(`GIT_CONFIG_KEY_${i}`);
    const value = launched.env.get(`GIT_CONFIG_VALUE_${i}`);
    if (key?.known && value?.known) settings.push({key: key.value.toLowerCase(), value: literalWord(value.value), from: []});
  }

  const parameters = launched.env.get('GIT_CONFIG_PARAMETERS');
  if (parameters?.known) for (const word of splitString(parameters.value)) add(word, []);
  return settings;
}

function runGit(launched: Launched, session: Session): void {
  const words = launched.words;
  const {firstOperand} = scanOptions(words.slice(1), gitGlobal);
  const globalWords = words.slice(1, 1 + firstOperand);
  const [sub, ...args] = words.slice(1 + firstOperand);
  // `git config [--local|--global…] alias.NAME VALUE`: later `git NAME` runs it.
  if (sub?.value === 'config') {
    const at = args.findIndex((word) => word.known && /^alias\.[^.\s]+$/i.test(word.value));
    const value = at === -1 ? undefined : args[at + 1];
    if (value) session.gitAliases.set(args[at]!.value!.slice(6).toLowerCase(), value.known ? value.value : null);
  }

  // `git submodule foreach [--recursive] CMD…`: CMD runs in a shell in every submodule.
  if (sub?.value === 'submodule') {
    const at = args.findIndex((word) => word.value === 'foreach');
    const command = at === -1 ? [] : args.slice(at + 1).filter((word, i, all) => !all.slice(0, i + 1).every((prior) => prior.value === '--recursive' || prior.value === '-q' || prior.value === '--quiet'));
    if (command.length > 0) runCodeString(launched, session, codeFromWords(command), 'git submodule foreach');
  }

  // An alias the code set before: run as `-c alias.NAME=…` would be.
  const defined = sub?.known ? session.gitAliases.get(sub.value.toLowerCase()) : undefined;
  if (defined === null) session.problem('unanalysable', `git ${sub!.value} is an alias the code set to a value guard cannot know`, launched.raw.location);
  else if (defined !== undefined) {
    const via = `git alias.${sub!.value}`;
    if (defined.trimStart().startsWith('!')) runCodeString(launched, session, codeFromWords([literalWord(defined.trimStart().slice(1)), ...args]), via);
    else runChild(launched, session, [words[0]!, ...globalWords, ...splitString(defined), ...args], via);
  }

  for (const setting of gitSettings(launched, globalWords)) {
    const {key, value} = setting;
    if (!value.known) continue;
    if (sub?.known && key === `alias.${sub.value.toLowerCase()}`) {
      const via = `git alias.${sub.value}`;
      if (value.value.trimStart().startsWith('!')) runCodeString(launched, session, codeFromWords([{...value, value: value.value.trimStart().slice(1)} as Word, ...args]), via);
      // A plain alias is more git: `git -c alias.x='push --force' x` is git push --force.
      else runChild(launched, session, [words[0]!, ...globalWords.filter((word) => !setting.from.includes(word)), ...splitString(value.value), ...args], via);
    } else if (gitCommands.test(key) && !notCommand.test(value.value.trim())) {
      const helper = /^credential\.|^submodule\./.test(key);
      if (helper && !/^\s*[!/]/.test(value.value)) continue;
      runCodeString(launched, session, textOf({...value, value: value.value.replace(/^\s*!/, '')} as Word), `git -c ${key}`);
    }
  }

  runHooks(launched, session, sub, args, globalWords);

  // The ext:: transport runs its URL as a command: words split at spaces, `% ` a space inside one.
  for (const word of args) {
    if (!word.known || !word.value.startsWith('ext::')) continue;
    const argv = word.value.slice(5).split(/(?<!%) /).filter(Boolean).map((part) => part.replace(/%([ %sSG])/g, (_, ch: string) => (ch === ' ' ? ' ' : ch === '%' ? '%' : 'git-upload-pack')));
    runChild(launched, session, argv.map(literalWord), 'git ext::');
  }
}

// The hooks each verb runs (`--no-verify` skips the ones marked so), from the hooks folder:
// `-c core.hooksPath=DIR` (relative to the work tree's top), else the repository's `.git/hooks`.
// Hooks the repository already has are its own tooling's (pre-commit, husky, Git LFS) and are
// not read; read are those of a folder the command names, and hooks this code wrote.
const gitHooks: Record<string, Array<[hook: string, skippable?: true]>> = {
  commit: [['pre-commit', true], ['prepare-commit-msg'], ['commit-msg', true], ['post-commit']],
  merge: [['pre-merge-commit', true], ['commit-msg', true], ['post-merge']],
  pull: [['pre-merge-commit', true], ['post-merge']],
  push: [['pre-push', true]],
  checkout: [['post-checkout']],
  switch: [['post-checkout']],
  rebase: [['pre-rebase', true], ['post-rewrite']],
  am: [['applypatch-msg', true], ['pre-applypatch', true], ['post-applypatch']],
};

/** The top of the work tree that holds `dir`: the nearest folder with `.git/HEAD`. */
function workTreeTop(dir: string, session: Session): string | undefined {
  for (let at = dir; ; at = posix.dirname(at)) {
    if (session.files?.script(posix.join(at, '.git/HEAD'))) return at;
    if (at === '/') return undefined;
  }
}

/** A git verb's hooks from a folder the command names, or that this code wrote, each run as the program it is. */
function runHooks(launched: Launched, session: Session, sub: Word | undefined, args: Word[], globalWords: Word[]): void {
  const hooks = sub?.known ? gitHooks[sub.value] : undefined;
  if (!hooks || !launched.cwd.known || globalWords.some((word) => word.value === '-C' || word.value?.startsWith('--git-dir') || word.value?.startsWith('--work-tree'))) return;
  const top = workTreeTop(launched.cwd.value, session);
  const path = gitSettings(launched, globalWords).findLast((setting) => setting.key === 'core.hookspath')?.value;
  if (path && !path.known) return;
  const folder = path ? posix.resolve(top ?? launched.cwd.value, path.value!) : top && posix.join(top, '.git/hooks');
  if (!folder) return;
  const verify = !args.some((word) => word.value === '--no-verify' || (sub!.value === 'commit' && word.value === '-n'));
  for (const [hook, skippable] of hooks) {
    if (skippable && !verify) continue;
    const file = posix.join(folder, hook);
    if (session.written.has(file) || (path && session.files?.script(file))) runChild(launched, session, [literalWord(file)], `git hook ${hook}`, top ? {cwd: known(top)} : {});
  }
}

// tar

const tarHatches = ['-I', '--use-compress-program', '-F', '--info-script', '--new-volume-script', '--to-command', '--checkpoint-action', '--rsh-command', '--rmt-command'];
const tarSpec: OptionSpec = {
  takesValue: [...tarHatches, '-f', '--file', '-C', '--directory', '-T', '--files-from', '-X', '--exclude-from', '-b', '--blocking-factor', '-H', '--format', '-K', '--starting-file', '-L', '--tape-length', '-N', '--newer', '--after-date', '-V', '--label', '-g', '--listed-incremental', '--owner', '--group', '--mode', '--transform', '--xform', '--exclude', '--index-file', '--volno-file', '--suffix', '--quoting-style', '--sort', '--occurrence', '--record-size', '--strip-components', '--newer-mtime', '--backup', '--mtime', '--pax-option', '--level'],
  long: [...tarHatches.filter((name) => name.startsWith('--')), 'file', 'directory', 'files-from', 'exclude-from', 'blocking-factor', 'format', 'starting-file', 'tape-length', 'newer', 'after-date', 'label', 'listed-incremental', 'owner', 'group', 'mode', 'transform', 'xform', 'exclude', 'index-file', 'volno-file', 'suffix', 'quoting-style', 'sort', 'checkpoint', 'create', 'extract', 'get', 'list', 'append', 'update', 'concatenate', 'catenate', 'delete', 'diff', 'compare', 'verbose', 'gzip', 'gunzip', 'bzip2', 'xz', 'zstd', 'lzip', 'lzma', 'lzop', 'auto-compress', 'no-auto-compress', 'to-stdout', 'keep-old-files', 'overwrite', 'preserve-permissions', 'same-owner', 'numeric-owner', 'totals', 'warning', 'wildcards', 'occurrence', 'record-size', 'strip-components', 'newer-mtime', 'backup', 'mtime', 'pax-option', 'level', 'one-file-system', 'sparse', 'remove-files', 'recursion', 'no-recursion', 'null', 'verify', 'absolute-names', 'dereference', 'hard-dereference', 'ignore-failed-read', 'ignore-zeros', 'interactive', 'confirmation', 'multi-volume', 'show-transformed-names', 'check-links', 'utc', 'full-time', 'unlink-first', 'recursive-unlink', 'skip-old-files', 'keep-newer-files', 'keep-directory-symlink', 'no-overwrite-dir', 'overwrite-dir'],
};

function runTar(launched: Launched, session: Session): void {
  const {given} = scanOptions(launched.words.slice(1), tarSpec);
  for (const {name, value} of given) {
    if (!value || !tarHatches.includes(name)) continue;
    if (name === '--checkpoint-action') {
      if (value.known && value.value.startsWith('exec=')) runCodeString(launched, session, textOf({...value, value: value.value.slice(5)} as Word), 'tar --checkpoint-action=exec');
      else if (!value.known) session.problem('unanalysable', `tar --checkpoint-action ${value.raw}: an action guard cannot know may run a command`, launched.raw.location);
    } else runValues(launched, session, [value], `tar ${name}`);
  }
}

// make

const makeSpec: OptionSpec = {
  takesValue: ['-f', '--file', '--makefile', '-C', '--directory', '-I', '--include-dir', '-j', '--jobs', '-l', '--load-average', '-o', '--old-file', '--assume-old', '-W', '--what-if', '--new-file', '--assume-new', '--eval', '-E', '-O', '--output-sync', '--shuffle', '--jobserver-auth', '--jobserver-style'],
  long: ['file', 'makefile', 'directory', 'include-dir', 'jobs', 'load-average', 'old-file', 'assume-old', 'what-if', 'new-file', 'assume-new', 'eval', 'output-sync', 'debug', 'shuffle', 'always-make', 'environment-overrides', 'ignore-errors', 'keep-going', 'just-print', 'dry-run', 'recon', 'question', 'no-builtin-rules', 'no-builtin-variables', 'silent', 'quiet', 'stop', 'touch', 'trace', 'version', 'print-directory', 'no-print-directory', 'warn-undefined-variables', 'check-symlink-times', 'print-data-base', 'help'],
};

function runMake(launched: Launched, session: Session): void {
  const {given, options} = scanOptions(launched.words.slice(1), makeSpec);
  handWords(launched, session, values(given, '--eval', '-E'), makefile, 'make --eval');
  // tree-sitter-bash drops a lone `-` written just before a heredoc (`make -f - <<EOF`): a last -f with no value is that `-`.
  const files = values(given, '-f', '--file', '--makefile');
  if (files.some((file) => file === undefined || file.value === '-' || file.value === '/dev/stdin')) {
    handInput(launched, session, makefile, 'make -f -', 'reads its makefile from its input');
    return;
  }

  // A dry run, a question or a help page runs no recipe.
  if (['-n', '--just-print', '--dry-run', '--recon', '-q', '--question', '-p', '--print-data-base', '--help', '-h', '-v', '--version', '-t', '--touch'].some((flag) => options.flags.has(flag))) return;
  runProjectMakefile(launched, session, files, options.operands, values(given, '-C', '--directory'));
}

/** `make [GOAL…] [NAME=VALUE…]` with the project's makefile (-f FILE, or GNUmakefile, makefile, Makefile in the folder -C names). */
function runProjectMakefile(launched: Launched, session: Session, files: Array<Word | undefined>, operands: Word[], dirs: Array<Word | undefined>): void {
  const start = launched.cwd;
  if (!start.known || dirs.some((dir) => !dir?.known) || files.some((file) => !file?.known)) return;
  let dir = start.value;
  for (const step of dirs) dir = posix.resolve(dir, step!.value!);
  const candidates = files.length > 0 ? files.map((file) => posix.resolve(dir, file!.value!)) : ['GNUmakefile', 'makefile', 'Makefile'].map((name) => posix.join(dir, name));
  let text: string | undefined;
  for (const candidate of candidates) {
    // A makefile the same code wrote (`cat > Makefile <<'EOF'`, then `make wipe`), else the one on disk.
    const written = writtenFile(session, candidate, dir);
    if (written && 'problem' in written) {
      session.problem('unanalysable', `make runs what ${candidate} holds, which guard cannot know: ${written.problem}`, launched.raw.location);
      return;
    }

    const read = written ?? session.files?.script(candidate);
    if (read && 'text' in read) {
      text = read.text;
      break;
    }
  }

  if (text === undefined) return;
  const goals: string[] = [];
  const overrides = new Map<string, string>();
  for (const word of operands) {
    if (!word.known) return;
    const assignment = /^([A-Za-z_][\w.-]*)=([\s\S]*)$/.exec(word.value);
    if (assignment) overrides.set(assignment[1]!, assignment[2]!);
    else goals.push(word.value);
  }

  const state = childState(launched, [known('sh')]);
  state.cwd = known(dir);
  const via = `make ${goals.join(' ') || '(default goal)'}`;
  const env = new Map([...launched.env].filter(([name]) => !name.startsWith('__guard_unknown_')).map(([name, value]) => [name, value.known ? value.value : null] as const));
  for (const payload of projectMakefile(text, goals, overrides, dir, env)) {
    if (payload.kind === 'shell') runCodeString(launched, session, {text: payload.code, unknowns: payload.unknowns ?? new Map()}, via, {state: state.fork()});
    else handOn(launched, session, [payload], via);
  }
}

// m4, gdb, emacs, gnuplot, TeX, puppet, dc, lftp, mail

function runM4(launched: Launched, session: Session): void {
  const {given, options} = scanOptions(launched.words.slice(1), {takesValue: ['-D', '--define', '-U', '--undefine', '-I', '--include', '-d', '--debug', '-o', '--error-output', '-l', '--arglength', '-L', '--nesting-limit', '-F', '--freeze-state', '-R', '--reload-state', '--debugfile', '-t', '--trace', '-W', '--word-regexp']});
  handWords(launched, session, values(given, '-D', '--define'), m4Text, 'm4');
  if (options.operands.length === 0 || options.operands.some((word) => word.value === '-')) handInput(launched, session, m4Text, 'm4');
}

const gdbCommands = new Set(['-ex', '--ex', '-eval-command', '--eval-command', '-iex', '--iex', '-init-eval-command', '--init-eval-command']);

function runGdb(launched: Launched, session: Session): void {
  const words = launched.words;
  const commands: Word[] = [];
  let program: Word[] = [];
  for (let i = 1; i < words.length; i++) {
    const text = words[i]!.value ?? '';
    const attached = /^--?(?:eval-command|ex|init-eval-command|iex)=([\s\S]*)$/.exec(text);
    if (gdbCommands.has(text) && words[i + 1]) commands.push(words[++i]!);
    else if (attached) commands.push({...words[i]!, value: attached[1]!} as Word);
    else if (text === '--args' || text === '-args') {
      program = words.slice(i + 1);
      break;
    } else if (['-x', '--x', '-command', '--command', '-p', '--pid', '-d', '--directory', '-cd', '--cd', '-s', '--symbols', '-e', '--exec', '-se', '-c', '--core', '-ix', '--init-command', '-tty', '--tty', '-b', '-l', '-D', '--data-directory'].includes(text)) i++;
    else if (!text.startsWith('-') && program.length === 0) program = [words[i]!];
  }

  handWords(launched, session, commands, gdbCommand, 'gdb -ex');
  const runs = commands.some((word) => word.known && /^\s*(?:r|run|start|starti)\b/.test(word.value));
  if (runs && program.length > 0) runChild(launched, session, program, 'gdb run');
}

function runEmacs(launched: Launched, session: Session): void {
  const words = launched.words;
  const forms: Word[] = [];
  for (let i = 1; i < words.length; i++) {
    const text = words[i]!.value ?? '';
    if (['--eval', '-eval', '--execute', '-execute', '-e'].includes(text) && words[i + 1]) forms.push(words[++i]!);
    else if (/^--?eval=/.test(text)) forms.push({...words[i]!, value: text.replace(/^--?eval=/, '')} as Word);
  }

  handWords(launched, session, forms, elisp, `${launched.command.program.value} --eval`);
}

function runGnuplot(launched: Launched, session: Session): void {
  const {given, options} = scanOptions(launched.words.slice(1), {takesValue: ['-e', '-c', '-d', '--default-settings'], long: ['persist', 'default-settings', 'slow', 'help', 'version']});
  handWords(launched, session, values(given, '-e'), gnuplot, 'gnuplot -e');
  if (options.operands.length === 0 || options.operands.some((word) => word.value === '-')) handInput(launched, session, gnuplot, 'gnuplot');
}

const shellEscape = /^--?(?:shell-escape|enable-write18)$/;

function runTex(launched: Launched, session: Session): void {
  if (!launched.words.some((word) => word.known && shellEscape.test(word.value))) return;
  handWords(launched, session, launched.words.slice(1).filter((word) => !(word.value ?? '').startsWith('-')), tex, `${launched.command.program.value} --shell-escape`);
}

function runLatexmk(launched: Launched, session: Session): void {
  for (const word of launched.words.slice(1)) {
    const engine = word.known ? /^-(?:pdf|lua|xe|)latex=([\s\S]+)$/.exec(word.value) : null;
    if (engine) runCodeString(launched, session, textOf({...word, value: engine[1]!} as Word), 'latexmk -pdflatex');
  }

  const perl = launched.words.findIndex((word) => word.value === '-e');
  if (perl !== -1 && launched.words[perl + 1]?.known) runChild(launched, session, [literalWord('perl'), literalWord('-e'), launched.words[perl + 1]!], 'latexmk -e');
}

function runPuppet(launched: Launched, session: Session): void {
  const {given, options} = scanOptions(launched.words.slice(1), {takesValue: ['-e', '--execute', '-l', '--logdest', '--modulepath', '--environment', '--catalog', '--write-catalog-summary', '--loadclasses', '--tags', '--skip_tags']});
  // --noop reports what each resource would do and does none of it.
  if (options.flags.has('--noop')) return;
  handWords(launched, session, values(given, '-e', '--execute'), puppet, 'puppet apply -e');
}

function runDc(launched: Launched, session: Session): void {
  const {given, options} = scanOptions(launched.words.slice(1), {takesValue: ['-e', '--expression', '-f', '--file']});
  handWords(launched, session, values(given, '-e', '--expression'), dcText, 'dc');
  if (options.operands.length === 0 && given.length === 0) handInput(launched, session, dcText, 'dc');
}

/** Clients that run `!cmd` from a script: lftp -c/-e, mail --exec, smbclient -c, ftp and ed on their input. */
function runBang(launched: Launched, session: Session): void {
  const name = launched.command.program.value!;
  const flags = name === 'lftp' ? ['-c', '-e'] : name === 'smbclient' ? ['-c', '--command'] : ['-E', '--exec'];
  const {given} = scanOptions(launched.words.slice(1), {takesValue: [...flags, '-f', '-u', '-p', '-U', '--user', '-s', '-a', '-b', '-c', '-r', '-q', '-i', '-W', '-A', '-m', '-O', '-n', '-I', '-t', '-T', '-M', '-D', '-l']});
  handWords(launched, session, values(given, ...flags), (text) => bangCommands(text), `${name} ${flags[0]}`);
  if (['ftp', 'ed', 'lftp', 'ncftp', 'tnftp', 'telnet'].includes(name)) handInput(launched, session, (text) => (name === 'ed' ? edText(text) : bangCommands(text, /\n/)), name);
}

/** ed: `!cmd`, and `r !cmd`, `w !cmd`, `e !cmd`. */
const edText = (text: string): Payload[] => text.split('\n').flatMap((line) => {
  const match = /^\s*(?:[\d.$,;'a-z+-]*\s*[rwe]\s*)?!([\s\S]*)$/.exec(line);
  return match?.[1]?.trim() ? [{kind: 'shell', code: match[1]} as Payload] : [];
});

// Database clients

const psqlSpec: OptionSpec = {takesValue: ['-c', '--command', '-d', '--dbname', '-f', '--file', '-h', '--host', '-p', '--port', '-U', '--username', '-v', '--set', '--variable', '-o', '--output', '-L', '--log-file', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr'], long: ['command', 'dbname', 'file', 'host', 'port', 'username', 'set', 'variable', 'output', 'log-file', 'pset', 'field-separator', 'record-separator', 'table-attr']};

function runPsql(launched: Launched, session: Session): void {
  const {given, options} = scanOptions(launched.words.slice(1), psqlSpec);
  handWords(launched, session, values(given, '-c', '--command'), psqlText, 'psql');
  for (const output of values(given, '-o', '--output')) if (output?.known && output.value.startsWith('|')) runCodeString(launched, session, textOf({...output, value: output.value.slice(1)} as Word), 'psql -o |');
  const files = values(given, '-f', '--file');
  if (files.some((file) => file === undefined || file.value === '-') || (files.length === 0 && !options.values.has('-c') && !options.values.has('--command'))) handInput(launched, session, psqlText, 'psql');
}

const mysqlSpec: OptionSpec = {takesValue: ['-e', '--execute', '-u', '--user', '-h', '--host', '-P', '--port', '-D', '--database', '-S', '--socket', '--pager', '--default-character-set', '--defaults-file', '--defaults-extra-file', '--init-command', '--tee', '--ssl-ca', '--ssl-cert', '--ssl-key', '--protocol', '--login-path'], long: ['execute', 'user', 'host', 'port', 'database', 'socket', 'pager', 'init-command', 'tee', 'batch', 'silent', 'skip-column-names', 'password']};

function runMysql(launched: Launched, session: Session): void {
  const {given} = scanOptions(launched.words.slice(1), mysqlSpec);
  const name = launched.command.program.value!;
  handWords(launched, session, values(given, '-e', '--execute', '--init-command'), mysqlText, name);
  runValues(launched, session, values(given, '--pager'), `${name} --pager`);
  if (!given.some((option) => option.name === '-e' || option.name === '--execute')) handInput(launched, session, mysqlText, name);
}

const sqliteValues = new Set(['-cmd', '-init', '-separator', '-nullvalue', '-newline', '-mmap', '-maxsize', '-vfs', '-A', '-heap', '-pagecache', '-lookaside']);

function runSqlite(launched: Launched, session: Session): void {
  const words = launched.words;
  const commands: Word[] = [];
  const operands: Word[] = [];
  for (let i = 1; i < words.length; i++) {
    const text = words[i]!.value ?? '';
    if (text === '-safe' || text === '--safe') return;
    if (text === '-cmd' || text === '--cmd') commands.push(words[++i]!);
    else if (sqliteValues.has(text.replace(/^--/, '-'))) i += text.endsWith('pagecache') || text.endsWith('lookaside') ? 2 : 1;
    else if (!text.startsWith('-') || text === '-') operands.push(words[i]!);
  }

  handWords(launched, session, [...commands, ...operands.slice(1)], sqliteText, 'sqlite3');
  if (operands.length <= 1) handInput(launched, session, sqliteText, 'sqlite3');
}

// Tools whose options hold a command

/** Options whose value is shell code the tool runs, by program. */
const commandOptions: Record<string, {spec: OptionSpec; options: string[]; requires?: string[]}> = {
  rsync: {spec: {takesValue: ['-e', '--rsh', '--rsync-path', '-f', '--filter', '--exclude', '--include', '--exclude-from', '--include-from', '--files-from', '-T', '--temp-dir', '--log-file', '--password-file', '--backup-dir', '--suffix', '--compare-dest', '--copy-dest', '--link-dest', '--chmod', '--chown', '-B', '--block-size', '--max-size', '--min-size', '--bwlimit', '--port', '--timeout', '--contimeout', '--out-format', '--log-file-format'], long: ['rsh', 'rsync-path', 'filter', 'exclude', 'include']}, options: ['-e', '--rsh']},
  split: {spec: {takesValue: ['--filter', '-a', '--suffix-length', '--additional-suffix', '-b', '--bytes', '-C', '--line-bytes', '-l', '--lines', '-n', '--number', '-t', '--separator'], long: ['filter', 'suffix-length', 'additional-suffix', 'bytes', 'line-bytes', 'lines', 'number', 'separator', 'numeric-suffixes', 'hex-suffixes', 'elide-empty-files', 'unbuffered', 'verbose']}, options: ['--filter']},
  certbot: {spec: {takesValue: ['--pre-hook', '--post-hook', '--deploy-hook', '--renew-hook', '--manual-auth-hook', '--manual-cleanup-hook', '-d', '--domains', '-m', '--email', '--webroot-path', '-w', '--cert-name', '--config-dir', '--work-dir', '--logs-dir', '-a', '--authenticator', '-i', '--installer', '--preferred-challenges', '--server', '-c', '--config']}, options: ['--pre-hook', '--post-hook', '--deploy-hook', '--renew-hook', '--manual-auth-hook', '--manual-cleanup-hook']},
  restic: {spec: {takesValue: ['--password-command', '-o', '--option', '-r', '--repo', '--repository-file', '-p', '--password-file', '--cache-dir', '--tag', '--host', '--exclude', '--exclude-file', '--files-from', '--limit-upload', '--limit-download']}, options: ['--password-command']},
  rclone: {spec: {takesValue: ['--password-command', '--config', '--sftp-ssh', '--include', '--exclude', '--filter', '--transfers', '--checkers', '--log-file', '--log-level', '--backup-dir', '--bwlimit']}, options: ['--password-command', '--sftp-ssh']},
  borg: {spec: {takesValue: ['--rsh', '--remote-path', '--lock-wait', '--log-json', '--upload-ratelimit', '--upload-buffer', '--exclude', '--exclude-from', '--pattern', '--patterns-from', '-e', '--comment', '--compression', '-C']}, options: ['--rsh']},
  'yt-dlp': {spec: {takesValue: ['--exec', '--exec-before-download', '-o', '--output', '-f', '--format']}, options: ['--exec', '--exec-before-download']},
  'youtube-dl': {spec: {takesValue: ['--exec', '-o', '--output', '-f', '--format']}, options: ['--exec']},
  scrot: {spec: {takesValue: ['-e', '--exec', '-d', '--delay', '-q', '--quality', '-t', '--thumb', '-F', '--file']}, options: ['-e', '--exec']},
  dmsetup: {spec: {takesValue: ['--exec', '-j', '--major', '-m', '--minor', '-u', '--uuid', '-o', '--options', '--table']}, options: ['--exec']},
  man: {spec: {takesValue: ['-P', '--pager', '-H', '--html', '-M', '--manpath', '-L', '--locale', '-S', '-s', '--sections', '-C', '--config-file', '-m', '--systems', '-E', '--encoding', '-R', '--recode', '-p', '--preprocessor', '-T', '--troff-device'], long: ['pager', 'html', 'manpath', 'locale', 'sections', 'config-file', 'systems', 'encoding', 'recode', 'preprocessor', 'troff-device']}, options: ['-P', '--pager', '-H', '--html']},
  openvpn: {spec: {takesValue: ['--up', '--down', '--route-up', '--route-pre-down', '--ipchange', '--client-connect', '--client-disconnect', '--learn-address', '--auth-user-pass-verify', '--tls-verify', '--tls-crypt-v2-verify', '--script-security', '--config', '--dev', '--remote', '--port']}, options: ['--up', '--down', '--route-up', '--route-pre-down', '--ipchange', '--client-connect', '--client-disconnect', '--learn-address', '--auth-user-pass-verify', '--tls-verify', '--tls-crypt-v2-verify']},
  dpkg: {spec: {takesValue: ['--pre-invoke', '--post-invoke', '--admindir', '--root', '--instdir', '--log', '--status-fd', '--status-logger']}, options: ['--pre-invoke', '--post-invoke', '--status-logger']},
  gem: {spec: {takesValue: ['-e', '--editor', '-v', '--version']}, options: ['-e', '--editor']},
  rpm: {spec: {takesValue: ['--pipe', '--eval', '-E', '--define', '-D', '--root', '--dbpath', '--rcfile', '--macros']}, options: ['--pipe']},
  nc: {spec: {takesValue: ['-e', '--exec', '-c', '--sh-exec', '--lua-exec', '-p', '-s', '-w', '-i', '-x', '-X', '-q', '-o', '-O', '-T', '-V']}, options: ['-e', '--exec', '-c', '--sh-exec']},
  tcpdump: {spec: {takesValue: ['-z', '-Z', '-w', '-W', '-G', '-C', '-i', '-c', '-s', '-B', '-E', '-F', '-M', '-r', '-T', '-y', '-j', '-V', '--interface', '--count', '--snapshot-length', '--time-stamp-type', '--micro', '--relinquish-privileges']}, options: ['-z']},
  dnsmasq: {spec: {takesValue: ['--conf-script', '--conf-file', '-C', '--dhcp-script', '--pid-file', '-x']}, options: ['--conf-script', '--dhcp-script']},
  wget: {spec: {takesValue: ['--use-askpass', '-O', '--output-document', '-o', '--output-file', '-P', '--directory-prefix', '-e', '--execute', '-U', '--user-agent', '--header', '-t', '--tries', '-T', '--timeout']}, options: ['--use-askpass']},
  sshuttle: {spec: {takesValue: ['-r', '--remote', '-e', '--ssh-cmd', '-x', '--exclude', '-X', '--exclude-from', '--python', '--dns-hosts', '--to-ns', '--method', '--listen', '--pidfile', '--user', '--sudoers-filename']}, options: ['-e', '--ssh-cmd']},
  enscript: {spec: {takesValue: ['-I', '--filter', '-o', '--output', '-p', '-M', '--media', '-f', '--font', '-b', '--header', '-t', '--title', '-E', '--highlight']}, options: ['-I', '--filter']},
  logrotate: {spec: {takesValue: ['-m', '--mail', '-s', '--state', '-l', '--log']}, options: ['-m', '--mail']},
  helm: {spec: {takesValue: ['--post-renderer', '--post-renderer-args', '-f', '--values', '--set', '-n', '--namespace', '--version', '--kube-context', '--kubeconfig', '--timeout', '--repo']}, options: ['--post-renderer']},
  cpio: {spec: {takesValue: ['--rsh-command', '-F', '--file', '-H', '--format', '-E', '--pattern-file', '-M', '--message', '-R', '--owner', '-D', '--directory', '-I', '-O']}, options: ['--rsh-command']},
};

const optionAliases: Record<string, string> = {ncat: 'nc', netcat: 'nc', rpmdb: 'rpm', rpmquery: 'rpm', rpmverify: 'rpm', rpmbuild: 'rpm', rpmspec: 'rpm'};

const mentions = new Map<string, RegExp>();

/** Whether some word may spell one of these options (`-e`, a cluster holding e, `--rsh…`): most commands spell none. */
function mentionsOption(launched: Launched, key: string, options: string[]): boolean {
  let pattern = mentions.get(key);
  if (!pattern) {
    const short = options.filter((option) => /^-[^-]$/.test(option)).map((option) => option[1]).join('');
    const long = options.filter((option) => option.startsWith('--') || option.length > 2).map((option) => option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp([...(short ? [`^-[^-]*[${short}]`] : []), ...long.map((option) => `^${option}`)].join('|') || '$^');
    mentions.set(key, pattern);
  }

  return launched.words.some((word, i) => i > 0 && (!word.known || pattern.test(word.value)));
}

function runOptionCommands(launched: Launched, session: Session): void {
  const name = launched.command.program.value!;
  const key = optionAliases[name] ?? name;
  const entry = commandOptions[key]!;
  const extra = key === 'restic' ? ['-o', '--option'] : key === 'rpm' ? ['--eval', '-E', '--define', '-D'] : key === 'nc' ? ['--lua-exec'] : [];
  if (!mentionsOption(launched, key, [...entry.options, ...extra])) return;
  const {given} = scanOptions(launched.words.slice(1), entry.spec);
  for (const {name: option, value} of given) if (entry.options.includes(option)) runValues(launched, session, [value], `${name} ${option}`);
  if (name === 'restic') {
    for (const value of values(given, '-o', '--option')) if (value?.known && /^sftp\.command=/.test(value.value)) runValues(launched, session, [{...value, value: value.value.replace(/^sftp\.command=/, '')} as Word], 'restic -o sftp.command');
  }

  if (optionAliases[name] === 'rpm' || name === 'rpm') {
    for (const value of values(given, '--eval', '-E', '--define', '-D')) {
      if (!value?.known) continue;
      for (const match of value.value.matchAll(/%\(/g)) {
        let depth = 0;
        let end = match.index! + 1;
        for (; end < value.value.length; end++) if (value.value[end] === '(') depth++;
        else if (value.value[end] === ')' && --depth === 0) break;
        runCodeString(launched, session, {text: value.value.slice(match.index! + 2, end), unknowns: new Map()}, `${name} --eval %(…)`);
      }

      for (const match of value.value.matchAll(/%\{lua:([\s\S]*?)\}(?![^{]*\})/g)) runChild(launched, session, [literalWord('lua'), literalWord('-e'), literalWord(match[1]!)], `${name} --eval %{lua:…}`);
    }
  }

  if (name === 'nc' || name === 'ncat' || name === 'netcat') {
    for (const value of values(given, '--lua-exec')) if (value) session.problem('foreign-code', `${name} --lua-exec runs Lua code guard does not read: ${value.raw}`, launched.raw.location);
  }
}

/** apt, apt-get, aptitude -o …::Pre-Invoke=CMD: the hooks around dpkg and updates. */
function runApt(launched: Launched, session: Session): void {
  const {given} = scanOptions(launched.words.slice(1), {takesValue: ['-o', '--option', '-c', '--config-file', '-t', '--target-release', '-a', '--host-architecture']});
  for (const value of values(given, '-o', '--option')) {
    const match = value?.known ? /^([^=]*(?:Pre-Invoke|Post-Invoke|Post-Invoke-Success|Pre-Install-Pkgs)[^=]*)=([\s\S]*)$/i.exec(value.value) : null;
    if (match) runValues(launched, session, [{...value!, value: match[2]!} as Word], `${launched.command.program.value} -o ${match[1]!.replace(/:+$/, '')}`);
  }
}

/** hg --config alias.X=!CMD (when X is run), hooks.*=CMD, ui.ssh=CMD, ui.editor=CMD. */
function runHg(launched: Launched, session: Session): void {
  const {given, options} = scanOptions(launched.words.slice(1), {takesValue: ['--config', '-R', '--repository', '--repo', '--cwd', '--encoding', '--encodingmode', '--pager', '--color'], long: ['config', 'repository', 'repo', 'cwd', 'encoding', 'encodingmode', 'pager', 'color', 'noninteractive', 'quiet', 'verbose', 'debug', 'debugger', 'traceback', 'time', 'profile', 'version', 'help', 'hidden']});
  const sub = options.operands[0]?.value;
  for (const value of values(given, '--config')) {
    const match = value?.known ? /^([^=]+)=([\s\S]*)$/.exec(value.value) : null;
    if (!match) continue;
    const key = match[1]!.toLowerCase();
    const setting = {...value!, value: match[2]!} as Word;
    if (key === `alias.${sub}` && match[2]!.trimStart().startsWith('!')) runCodeString(launched, session, codeFromWords([{...setting, value: match[2]!.trimStart().slice(1)} as Word, ...options.operands.slice(1)]), `hg alias.${sub}`);
    else if (/^hooks\.|^ui\.(?:ssh|editor|merge)$|^pager\.pager$|^merge-tools\.[^.]+\.executable$/.test(key) && !/^python:/.test(match[2]!)) runValues(launched, session, [setting], `hg --config ${key}`);
    else if (/^hooks\./.test(key)) session.problem('foreign-code', `hg --config ${key} runs a Python hook guard does not read: ${match[2]}`, launched.raw.location);
  }
}

/** zip -T -TT CMD (or --unzip-command CMD): the command that tests the archive. zip's options are whole words. */
function runZip(launched: Launched, session: Session): void {
  const words = launched.words;
  for (let i = 1; i < words.length; i++) {
    const text = words[i]!.value ?? '';
    if (text === '-TT' || text === '--unzip-command') runValues(launched, session, [words[++i]], `zip ${text}`);
    else if (text.startsWith('--unzip-command=')) runValues(launched, session, [{...words[i]!, value: text.slice('--unzip-command='.length)} as Word], 'zip --unzip-command');
  }
}

/** sshfs -o ssh_command=CMD (among comma-separated options): the command that replaces ssh. */
function runSshfs(launched: Launched, session: Session): void {
  const {given} = scanOptions(launched.words.slice(1), {takesValue: ['-o', '-p', '-F']});
  for (const value of values(given, '-o')) {
    const command = value?.known ? /(?:^|,)ssh_command=([^,]*)/.exec(value.value)?.[1] : undefined;
    if (command) runCodeString(launched, session, {text: command, unknowns: new Map()}, 'sshfs -o ssh_command');
  }
}

/** sysctl kernel.core_pattern='|PROGRAM', kernel.modprobe, kernel.poweroff_cmd: programs the kernel starts later. */
function runSysctl(launched: Launched, session: Session): void {
  for (const word of launched.words.slice(1)) {
    const match = word.known ? /^kernel[./](core_pattern|modprobe|poweroff_cmd|hotplug)\s*=\s*([\s\S]+)$/.exec(word.value) : null;
    if (!match) continue;
    const program = match[1] === 'core_pattern' ? /^\|(.*)$/.exec(match[2]!)?.[1] : match[2];
    if (program) runChild(launched, session, splitString(program.replace(/%\w/g, 'x')), `sysctl kernel.${match[1]}`);
  }
}

/** cmake -E env|chdir|time CMD runs a command; -E rm, remove, remove_directory delete. */
function runCmake(launched: Launched, session: Session): void {
  const words = launched.words;
  const at = words.findIndex((word) => word.value === '-E');
  const tool = words[at + 1]?.value;
  if (at === -1 || !tool) return;
  const rest = words.slice(at + 2);
  if (tool === 'env') {
    const command = rest.findIndex((word) => !(word.known && (/^[A-Za-z_]\w*=/.test(word.value) || word.value.startsWith('--unset') || word.value === '--modify' || word.value === '--')));
    if (command !== -1) runChild(launched, session, rest.slice(command), 'cmake -E env');
  } else if (tool === 'chdir' && rest.length > 1) runChild(launched, session, rest.slice(1), 'cmake -E chdir', {cwd: rest[0]!.known && rest[0]!.value.startsWith('/') ? {known: true, value: rest[0]!.value} : {known: false, why: 'the folder cmake -E chdir enters'}});
  else if (tool === 'time' && rest.length > 0) runChild(launched, session, rest, 'cmake -E time');
  else if (tool === 'rm' || tool === 'remove' || tool === 'remove_directory' || tool === 'rmdir') {
    const recursive = tool === 'remove_directory' || rest.some((word) => /^-[a-zA-Z]*r/i.test(word.value ?? ''));
    runChild(launched, session, [literalWord('rm'), literalWord(recursive ? '-rf' : '-f'), literalWord('--'), ...rest.filter((word) => !(word.value ?? '').startsWith('-'))], `cmake -E ${tool}`);
  }
}

/** lldb -o/-O/--one-line CMD: `platform shell CMD` runs shell code, `script CODE` Python. */
function runLldb(launched: Launched, session: Session): void {
  const {given} = scanOptions(launched.words.slice(1), {takesValue: ['-o', '--one-line', '-O', '--one-line-before-file', '-k', '--one-line-on-crash', '-s', '--source', '-p', '--attach-pid', '-n', '--attach-name', '-c', '--core', '-a', '--arch'], long: ['one-line', 'one-line-before-file', 'one-line-on-crash', 'source', 'attach-pid', 'attach-name', 'core', 'arch', 'batch', 'no-lldbinit']});
  handWords(launched, session, values(given, '-o', '--one-line', '-O', '--one-line-before-file', '-k', '--one-line-on-crash'), (text) => {
    const shell = /^\s*(?:platform\s+shell|shell)\s+([\s\S]*)$/.exec(text);
    if (shell) return [{kind: 'shell', code: shell[1]!}];
    const script = /^\s*(?:script|scr)\s+([\s\S]+)$/.exec(text);
    return script ? [{kind: 'interpreter', program: 'python3', code: script[1]!}] : [];
  }, 'lldb -o');
}

/** The -e (or --eval, -c, -x) code of languages whose interpreters guard has no rules for: their calls that run a program. */
const calling: Record<string, {flags: string[]; calls: RegExp; language: string}> = {
  R: {flags: ['-e'], calls: /\b(?:system2?|shell)\s*\(/g, language: 'R'},
  Rscript: {flags: ['-e'], calls: /\b(?:system2?|shell)\s*\(/g, language: 'R'},
  octave: {flags: ['--eval'], calls: /\b(?:system|shell_cmd|unix)\s*\(/g, language: 'Octave'},
  'octave-cli': {flags: ['--eval'], calls: /\b(?:system|shell_cmd|unix)\s*\(/g, language: 'Octave'},
  slsh: {flags: ['-e'], calls: /\bsystem\s*\(/g, language: 'S-Lang'},
  bpftrace: {flags: ['-e'], calls: /\bsystem\s*\(/g, language: 'bpftrace'},
  jrunscript: {flags: ['-e'], calls: /\bexec\s*\(/g, language: 'JavaScript (jrunscript)'},
};

function runCalling(launched: Launched, session: Session): void {
  const name = launched.command.program.value!;
  const {flags, calls: pattern, language} = calling[name]!;
  const {given} = scanOptions(launched.words.slice(1), {takesValue: [...flags, '-c', '-f', '--file', '-p', '-o']});
  handWords(launched, session, values(given, ...flags), (text) => [...text.matchAll(pattern)].map((match) => {
    const open = match.index! + match[0].length - 1;
    let depth = 0;
    let end = open;
    for (; end < text.length; end++) if (text[end] === '(') depth++;
    else if (text[end] === ')' && --depth === 0) break;
    const literal = /^\s*(["'])((?:(?!\1)[^\\]|\\.)*)\1\s*(?:[,)]|$)/.exec(text.slice(open + 1, end + 1));
    return literal ? {kind: 'shell', code: literal[2]!} as Payload : {kind: 'foreign', language, text} as Payload;
  }), `${name} ${flags[0]}`);
  // bpftrace -c CMD starts the command it traces.
  if (name === 'bpftrace') for (const value of values(given, '-c')) runValues(launched, session, [value], 'bpftrace -c');
}

/** socat EXEC:prog args / SYSTEM:code addresses. */
function runSocat(launched: Launched, session: Session): void {
  for (const word of launched.words.slice(1)) {
    const match = word.known ? /^(exec|system):([^,]*)/i.exec(word.value) : null;
    if (!match) continue;
    if (match[1]!.toLowerCase() === 'system') runCodeString(launched, session, {text: match[2]!, unknowns: new Map()}, 'socat SYSTEM');
    else runChild(launched, session, splitString(match[2]!), 'socat EXEC');
  }
}

/** csvtool call CMD: runs CMD for each row. */
function runCsvtool(launched: Launched, session: Session): void {
  const at = launched.words.findIndex((word) => word.value === 'call');
  if (at !== -1) runValues(launched, session, [launched.words[at + 1]], 'csvtool call');
}

/** aria2c --on-download-*=PROGRAM: the program runs after each event. */
function runAria2(launched: Launched, session: Session): void {
  for (const word of launched.words.slice(1)) {
    const match = word.known ? /^--on-(?:bt-)?download-(?:complete|error|start|stop|pause)=(.+)$/.exec(word.value) : null;
    if (match) runChild(launched, session, [literalWord(match[1]!)], 'aria2c --on-download');
  }
}

/** busctl --address=unixexec:path=P,argv1=A…: a program it starts to talk to. */
function runBusctl(launched: Launched, session: Session): void {
  for (const word of launched.words.slice(1)) {
    const address = word.known ? /^--address=unixexec:(.*)$/.exec(word.value)?.[1] : undefined;
    if (!address) continue;
    const fields = new Map(address.split(',').map((field) => [field.slice(0, field.indexOf('=')), decodeURIComponent(field.slice(field.indexOf('=') + 1))] as const));
    const argv = [fields.get('path') ?? '', ...[...fields.keys()].filter((key) => /^argv[1-9]\d*$/.test(key)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))).map((key) => fields.get(key)!)];
    if (argv[0]) runChild(launched, session, argv.map(literalWord), 'busctl unixexec');
  }
}

export const hatches: Launcher[] = [
  ...taskRunners,
  {names: ['sed', 'gsed'], run: runSed, examples() { return {runs: ["sed -n '1e rm x' /etc/hosts", "sed '1e rm x' f", "sed -e 's/a/b/' -e '2e rm x' f", "sed 's/.*/rm x/e' f", "sed e <<< 'rm x'", "sed -n '/root/{e rm x\n}' f", "sed --expression='$e rm x' f"], runsNothing: ["sed -e 's/foo/bar/' f", "sed -i.bak 's/e/E/g' f", "sed -n '/e/p' f", "sed 'y/abc/xyz/' f", "sed --sandbox '1e rm x' f", "sed -E 's/(e+)/[\\1]/' f", "sed '/^#/d; s/exec/run/' f"], unreadable: ["sed 's/x/y/e' f", 'sed e f', "cat cmds | sed 'e'"]}; }},
  {names: ['vim', 'vi', 'nvim', 'view', 'vimdiff', 'gvim', 'ex', 'evim', 'nvi'], run: runVim, examples() { return {runs: ["vi -c ':!rm x' /dev/null", "vim -c '!rm x'", "vim '+:!rm x' f", "vim --cmd 'silent !rm x'", "vim -c ':r !rm x'", "vim -c 'call system(\"rm x\")'", "vim -c ':terminal rm x'", "vim -es -c '%!rm x' f", "ex -c '!rm x' f", "vim -c 'exe \"!rm x\"'", "vim -c ':set nu | !rm x'", "ex f <<< '!rm x'", "vim -E -s -c '!rm x' -c q", "ex -s -c '!rm x' f"], runsNothing: ['vim f', "vim -s ./keys.txt f", "vim -c ':set number' f", 'vim +10 f', "vim '+/pattern' f", "vim -c 'wq' f", 'view /etc/hosts'], unreadable: ["vim -c ':tcl exec rm x'", "vim -c 'exe g:cmd'", "vim -c 'call system(g:cmd)'"]}; }},
  {names: ['git'], run: runGit, examples() { return {runs: ["git submodule foreach 'rm x'", "git submodule foreach --recursive rm x", "git config alias.x '!rm x' && git x", "git -c alias.x='!rm x' x", "git -c core.sshCommand='rm x' fetch", "git -c core.pager='rm x' log", "git -c core.fsmonitor='rm x' status", "git -c 'alias.x=! rm x' x", "git -c alias.x='-c core.pager=\"rm x\" log' x", "git -c credential.helper='!rm x' push", "git clone 'ext::rm x'", "git clone 'ext::sh -c rm% x'", "git -c core.editor='rm x' commit"], runsNothing: ["git -c core.hooksPath=/nonexistent-hooks commit -m x", "git -c alias.st=status st", "git -c user.name=bot commit -m 'rm x'", "git -c alias.x='!rm x' log", "git -c core.pager=false log", "git -c core.fsmonitor=true status", "git -c credential.helper=store push", 'git status']}; }},
  {names: ['tar', 'gtar', 'bsdtar'], run: runTar, examples() { return {runs: ["tar -cf /dev/null /dev/null --checkpoint=1 --checkpoint-action=exec='rm x'", "tar xf /dev/null -I 'rm x'", "tar -xf a.tar --to-command='rm x'", "tar --use-compress-program='rm x' -xf a.tar", "tar -c -f - . --checkpoint-action exec='rm x'", "tar -F 'rm x' -cf a.tar .", "tar -cf a.tar --checkpoint-action=exec='rm x' --checkpoint-action=dot ."], runsNothing: ['tar -czf b.tgz ./data --checkpoint=1000 --checkpoint-action=dot', 'tar -xzf a.tgz -C ./out', 'tar --use-compress-program=zstd -cf a.tar.zst .', 'tar tvf a.tar']}; }},
  {names: ['make', 'gmake'], run: runMake, examples() { return {runs: ["make --eval='$(shell rm x)' .", "make -f - <<'EOF'\nall:\n\trm x\nEOF", "make -f - <<'EOF'\nall: ; rm x\nEOF", "make -f /dev/stdin <<< $'all:\\n\\t@rm x'", "make -E 'X := $(shell rm x)'"], runsNothing: ['make', 'make -C build install', "make -f - <<'EOF'\nall:\n\t@echo ok\nEOF"], unreadable: ['cat Makefile.in | make -f -']}; }},
  {names: ['m4'], run: runM4, examples() { return {runs: ["echo 'esyscmd(rm x)' | m4", "m4 <<< 'syscmd(rm x)'", "m4 -D 'X=esyscmd(rm x)' f.m4"], runsNothing: ['m4 sendmail.mc', "echo 'define(x, 1)x' | m4"]}; }},
  {names: ['gdb'], run: runGdb, examples() { return {runs: ["gdb -nx -batch -ex '!rm x'", "gdb -ex 'shell rm x' -ex quit", "gdb --batch --eval-command='shell rm x'", "gdb -batch -ex 'pipe info registers | rm x'", "gdb -batch -ex run --args rm x", "gdb -batch -ex 'call system(\"rm x\")' -p 1"], runsNothing: ['gdb -batch -ex bt ./core', 'gdb --args rm x'], unreadable: ["gdb -batch -ex 'guile (system \"rm x\")'", "gdb -batch -ex 'call system(cmd)' -p 1"]}; }},
  {names: ['emacs', 'emacsclient'], run: runEmacs, examples() { return {runs: ["emacs --batch --eval '(shell-command \"rm x\")'", "emacs -Q -nw --eval '(call-process \"rm\" nil nil nil \"x\")'", "emacsclient -e '(async-shell-command \"rm x\")'"], runsNothing: ["emacs --batch --eval '(message \"hi\")'", 'emacs f'], unreadable: ["emacs --batch --eval '(shell-command cmd)'"]}; }},
  {names: ['gnuplot'], run: runGnuplot, examples() { return {runs: ["gnuplot -e 'system(\"rm x\")'", "gnuplot -e '! rm x'", "gnuplot <<< 'plot \"< rm x\"'"], runsNothing: ["gnuplot -e 'plot sin(x)'", 'gnuplot plot.gp']}; }},
  {names: ['latex', 'pdflatex', 'xelatex', 'lualatex', 'tex', 'pdftex', 'etex', 'luatex', 'xetex'], run: runTex, examples() { return {runs: ["latex --shell-escape '\\immediate\\write18{rm x}'", "pdftex -shell-escape '\\write18{rm x}\\end'"], runsNothing: ["latex '\\write18{rm x}'", 'pdflatex report.tex']}; }},
  {names: ['latexmk'], run: runLatexmk, examples() { return {runs: ["latexmk -pdf -pdflatex='rm x' /dev/null"], runsNothing: ['latexmk -pdf report.tex']}; }},
  {names: ['puppet'], run: runPuppet, examples() { return {runs: ["puppet apply -e \"exec { 'rm x': path => '/bin' }\"", "puppet apply -e \"exec { 'cleanup': command => 'rm x' }\""], runsNothing: ["puppet apply -e \"notify { 'hi': }\"", 'puppet agent -t', "puppet apply --noop -e \"exec { 'cleanup': command => 'rm x' }\""]}; }},
  {names: ['dc'], run: runDc, examples() { return {runs: ["dc -e '!rm x'", "dc <<< '!rm x'"], runsNothing: ["dc -e '2 3 + p'", "dc -e '1 2 !<a'"]}; }},
  {names: ['lftp', 'mail', 'mailx', 's-nail', 'bsd-mailx', 'smbclient', 'ftp', 'ncftp', 'tnftp', 'telnet', 'ed'], run: runBang, examples() { return {runs: ["lftp -c '!rm x'", "mail --exec='!rm x'", "smbclient '//h/s' -c '!rm x'", "ftp -n host <<'EOF'\n!rm x\nEOF", "ed f <<< '!rm x'", "echo 'r !rm x' | ed f"], runsNothing: ["lftp -c 'open host; ls'", "ed f <<< ',s/a/b/g'", 'mail -s hi root']}; }},
  {names: ['psql'], run: runPsql, examples() { return {runs: ["psql -c '\\! rm x'", "psql <<'EOF'\nselect 1;\n\\! rm x\nEOF", "psql -c '\\copy t to program '\\''rm x'\\'''", "psql -c \"COPY t TO PROGRAM 'rm x'\"", "psql -o '|rm x' -c 'select 1'", "psql -c 'select 1' -c '\\! rm x'"], runsNothing: ["psql -c 'SELECT 1'", 'psql -f ./migrate.sql', "psql -c '\\dt'"]}; }},
  {names: ['mysql', 'mariadb'], run: runMysql, examples() { return {runs: ["mysql -e '\\! rm x'", "mysql -e 'system rm x'", "mysql -e 'select 1; \\! rm x'", "mysql <<< 'system rm x'", "mysql --pager='rm x' -e 'select 1'"], runsNothing: ["mysql -e 'SELECT 1'", "mysql -u root -e 'show databases'"]}; }},
  {names: ['sqlite3', 'sqlite'], run: runSqlite, examples() { return {runs: ["sqlite3 /dev/null '.shell rm x'", "sqlite3 db '.system rm x'", "sqlite3 -cmd '.shell rm x' db", "sqlite3 db <<'EOF'\n.tables\n.shell rm x\nEOF", "sqlite3 db '.output |rm x' 'select 1'", "sqlite3 db \".import '|rm x' t\""], runsNothing: ["sqlite3 db 'select 1'", "sqlite3 db '.tables'", "sqlite3 -safe db '.shell rm x'"], unreadable: ["sqlite3 db '.load ./ext.so'"]}; }},
  {names: ['zip'], run: runZip, examples() { return {runs: ["zip a.zip f -T -TT 'rm x'", "zip a.zip f -T --unzip-command='rm x'"], runsNothing: ['zip -r a.zip d', 'zip -T a.zip f']}; }},
  {names: ['rsync', 'split', 'certbot', 'restic', 'rclone', 'borg', 'yt-dlp', 'youtube-dl', 'scrot', 'dmsetup', 'man', 'openvpn', 'dpkg', 'gem', 'rpm', 'rpmdb', 'rpmquery', 'rpmverify', 'rpmbuild', 'rpmspec', 'nc', 'ncat', 'netcat', 'tcpdump'], run: runOptionCommands, examples() { return {runs: ["rsync -e 'rm x' a h:b", "rsync --rsh='rm x' a h:b", "split --filter='rm x' f", "certbot renew --pre-hook 'rm x'", "certbot certonly --deploy-hook='rm x'", "restic --password-command='rm x' backup .", "restic -o sftp.command='rm x' snapshots", "rclone --password-command 'rm x' ls r:", "borg --rsh 'rm x' list h:r", "yt-dlp --exec 'rm x' u", "scrot -e 'rm x'", "dmsetup ls --exec 'rm x'", "man -P 'rm x' ls", "man '-Hrm x' man", "openvpn --script-security 2 --up 'rm x' --dev null", "dpkg --pre-invoke='rm x' -i p.deb", "gem open -e 'rm x' rake", "rpm --eval '%(rm x)'", "rpm --pipe 'rm x' -qa", "nc -e 'rm x' h 1", "ncat --sh-exec 'rm x' h 1", "tcpdump -w f -W 1 -G 1 -z 'rm x'"], runsNothing: ['rsync -a ./a h:b', "rsync -e 'ssh -p 2222' ./a h:b", 'split -b 100M f p.', 'certbot renew', 'restic backup .', 'man ls', "rpm --eval '%{_libdir}'", 'nc -z h 22', 'tcpdump -i eth0 -c 10'], unreadable: ["ncat --lua-exec ./x.lua h 1"]}; }},
  {names: ['dnsmasq', 'wget', 'sshuttle', 'enscript', 'logrotate', 'helm', 'cpio'], run: runOptionCommands, examples() { return {runs: ["dnsmasq --conf-script='rm x'", 'wget --use-askpass=rm u', "sshuttle -r h --ssh-cmd 'rm x' 0/0", "enscript -I 'rm x' f", "logrotate -m 'rm x' ./l.conf", "helm install app ./chart --post-renderer 'rm x'", "cpio -o --rsh-command 'rm x' -F h:f"], runsNothing: ['wget -q https://example.com/f', 'helm upgrade app ./chart', 'logrotate ./l.conf']}; }},
  {names: ['sshfs'], run: runSshfs, examples() { return {runs: ["sshfs -o reconnect,ssh_command='rm x' h: ./m"], runsNothing: ['sshfs -o reconnect h: ./m']}; }},
  {names: ['sysctl'], run: runSysctl, examples() { return {runs: ["sysctl -w 'kernel.core_pattern=|rm x'", 'sysctl kernel.modprobe=rm'], runsNothing: ['sysctl -a', 'sysctl -w vm.swappiness=10', "sysctl kernel.core_pattern=core.%p"]}; }},
  {names: ['cmake'], run: runCmake, examples() { return {runs: ['cmake -E env A=1 rm x', 'cmake -E chdir /tmp rm x', 'cmake -E rm -rf x', 'cmake -E remove_directory x'], runsNothing: ['cmake -S . -B build', 'cmake --build build', 'cmake -E echo rm x']}; }},
  {names: ['lldb'], run: runLldb, examples() { return {runs: ["lldb -b -o 'platform shell rm x'"], runsNothing: ["lldb -b -o 'bt' ./app"]}; }},
  {names: Object.keys(calling), run: runCalling, examples() { return {runs: ["Rscript -e 'system(\"rm x\")'", "R --no-save -e 'system2(\"rm\")'", "octave-cli --eval 'system(\"rm x\")'", "bpftrace -c 'rm x' -e 'BEGIN {}'", "slsh -e 'system(\"rm x\")'"], runsNothing: ["Rscript -e 'print(1)'", 'Rscript ./analysis.R'], unreadable: ["Rscript -e 'system(cmd)'"]}; }},
  {names: ['apt', 'apt-get', 'aptitude'], run: runApt, examples() { return {runs: ["apt-get update -o APT::Update::Pre-Invoke::='rm x'", "apt-get -o 'DPkg::Pre-Invoke::=rm x' install p", "apt -o DPkg::Post-Invoke::='rm x' upgrade"], runsNothing: ['apt-get update', "apt-get -o Dpkg::Options::='--force-confold' upgrade", 'apt install -y ripgrep']}; }},
  {names: ['hg'], run: runHg, examples() { return {runs: ["hg --config alias.x='!rm x' x", "hg --config 'hooks.pre-commit=rm x' commit", "hg --config ui.ssh='rm x' pull"], runsNothing: ["hg --config alias.x='!rm x' log", 'hg status', "hg --config alias.st=status st"], unreadable: ["hg --config hooks.pre-commit=python:/tmp/h.py:run commit"]}; }},
  {names: ['socat'], run: runSocat, examples() { return {runs: ["socat - 'exec:rm x'", "socat tcp-listen:1 'SYSTEM:rm x,pty'"], runsNothing: ['socat - tcp:h:80']}; }},
  {names: ['csvtool'], run: runCsvtool, examples() { return {runs: ["csvtool call 'rm x' f.csv"], runsNothing: ['csvtool col 1 f.csv']}; }},
  {names: ['aria2c'], run: runAria2, examples() { return {runs: ['aria2c --on-download-complete=rm u'], runsNothing: ['aria2c u']}; }},
  {names: ['busctl'], run: runBusctl, examples() { return {runs: ['busctl --address=unixexec:path=/bin/rm,argv1=x status'], runsNothing: ['busctl list']}; }},
];
