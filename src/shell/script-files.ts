// Script files and programs named by path inside the analysed code: `bash FILE`, `. FILE`,
// `./FILE` are read and walked as the shell would run them (with their own $0, $1…), a file
// the code itself writes (`cat > x.sh <<EOF`, `cp /bin/rm ./x`) is known by what it wrote,
// and a program path is judged as the program it really is (a symlink or copy of /bin/rm is
// rm). Files are asked of the caller's FileAccess, only when a command names one.
import {posix} from 'node:path';
import {type CodeText, plainCode} from './code.js';
import {staticOutput} from './static-output.js';
import {brief} from './expand.js';
import {argsOf, childState, frameOf} from './handoff.js';
import {writtenIn} from './written.js';
import {scanOptions} from './options.js';
import {type ShellState, type Value, known} from './state.js';
import type {SimpleCommand, Word, WrittenFile} from './types.js';
import {basename} from './wrappers.js';
import type {Frame, Stdin, Written} from './frame.js';
import type {Launched} from './launched.js';
import type {Session} from './session-port.js';

/** More script files than this in one analysis are not read: the work stays bounded. */
const maxScripts = 64;
const scriptShells = new Set(['sh', 'bash', 'dash']);
const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/;

function absolute(path: string, cwd: Value): string | undefined {
  if (path.startsWith('/')) return posix.normalize(path);
  return cwd.known ? posix.resolve(cwd.value, path) : undefined;
}

/** The code of a shell script that was written here, when it is one. */
function writtenScript(written: Written | undefined): CodeText | undefined {
  if (written?.kind !== 'text') return undefined;
  const match = shebang.exec(written.code.text.slice(0, 256));
  if (!match) return written.code;
  const program = basename(match[1]!);
  return scriptShells.has(program === 'env' ? (match[2] ?? '') : program) ? written.code : undefined;
}

/** What this code wrote at a path, a copy followed to what it copied (within reason). */
function writtenAt(at: string, session: Session, hops = 0): Written | undefined {
  const written = session.written.get(at);
  if (written?.kind === 'output') {
    const code = staticOutput(written.command, written.stdin);
    return code ? {kind: 'text', code} : {kind: 'unknown', why: `by \`${brief(written.command.location.text)}\``};
  }

  if (written?.kind !== 'copy') return written;
  if (hops >= 8) return {kind: 'unknown', why: 'as a copy of a copy of a copy'};
  if (session.written.has(written.from)) return writtenAt(written.from, session, hops + 1);
  const files = session.files;
  const name = files?.identify(written.from);
  if (name) return {kind: 'program', name};
  const text = files?.script(written.from);
  // A compiled program (ln -s /usr/bin/lsattr ./attrs) is that program, not code to read. Only
  // by its magic number: bash runs a script with a NUL byte after its first line.
  if (text && 'text' in text && text.text.startsWith('\x7fELF')) return {kind: 'program', name: basename(written.from)};
  return text && 'text' in text ? {kind: 'text', code: plainCode(text.text)} : {kind: 'unknown', why: `as a copy of ${written.from}`};
}

// Names that stand for one another: `/bin/sh` that is dash is still sh to the policy.
const kin = [new Set(['sh', 'bash', 'dash', 'zsh', 'ksh']), new Set(['python', 'python3'])];

/** The program a path names really is, when that is known and differs from its name. */
export function programIdentity(path: string, cwd: Value, session: Session): string | undefined {
  const at = absolute(path, cwd);
  if (at === undefined) return undefined;
  let name: string | undefined;
  if (session.written.has(at)) {
    const written = writtenAt(at, session);
    name = written?.kind === 'program' ? written.name : undefined;
  } else name = session.files?.identify(at);
  const called = basename(path);
  if (name === undefined || name === called || kin.some((group) => group.has(name!) && group.has(called))) return undefined;
  return name;
}

/** The caller (decide) reads the script the argv itself runs; only scripts inside it are read here. */
function readByCaller(launched: Launched, session: Session): boolean {
  const {raw, command} = launched;
  return session.argvScriptRead && raw.frame.depth === 0 && raw.frame.via.length === 0 && !raw.child && command.wrappers.length === 0;
}

type Found = {code: CodeText; path: string} | {problem: string; download?: boolean} | undefined;

/** What a folder this code fetched holds at `at` (`git clone URL DIR`, then `DIR/install.sh`): not known. */
function fetchedFolder(at: string, session: Session): Written | undefined {
  for (const [path, written] of session.written) if (written.kind === 'unknown' && written.folder && at.startsWith(`${path}/`)) return written;
  return undefined;
}

/** A script file's code: what this code wrote there, or the file as it is now. */
function scriptCode(path: string, cwd: Value, session: Session, mustBeScript: boolean): Found {
  const at = absolute(path, cwd);
  if (at === undefined) return undefined;
  const written = session.written.has(at) ? writtenAt(at, session) : fetchedFolder(at, session);
  if (written) {
    if (written.kind === 'unknown') return {problem: `${path} was written ${written.why}: guard cannot see what it runs`, ...(written.download ? {download: true} : {})};
    const code = mustBeScript ? writtenScript(written) : written.kind === 'text' ? written.code : undefined;
    return code ? {code, path: at} : undefined;
  }

  const files = session.files;
  if (!files || (mustBeScript && !files.isShellScript(at))) return undefined;
  const text = files.script(at);
  if (!text) return undefined;
  // The caller reports a file it could not read (script.unreadable); nothing to walk here.
  return 'text' in text ? {code: plainCode(text.text), path: at} : undefined;
}

/** Walks a script file's code in `state`, its locations naming the file. */
function walkScript(found: {code: CodeText; path: string}, file: Word, state: ShellState, frame: Frame, via: string, launched: Launched, session: Session): void {
  const at = launched.raw.location;
  if ((frame.scripts ?? []).includes(found.path)) return;
  if (++session.scriptsRead > maxScripts) {
    session.problem('too-deep', `${via}: more than ${maxScripts} script files in one command are not analysed`, at);
    return;
  }

  const inner: Frame = {...frame, file: file.value ?? file.raw, scripts: [...(frame.scripts ?? []), found.path]};
  delete inner.anchor;
  session.runFile(found.code, state, inner, via, at);
}

/** `bash FILE ARGS`, `sh -x FILE`: the file runs in a new shell whose $0 is FILE. */
export function runShellFile(launched: Launched, session: Session, operands: Word[], taint?: string): void {
  const file = operands[0];
  if (!file?.known || readByCaller(launched, session)) return;
  const found = scriptCode(file.value, launched.cwd, session, false);
  if (!found) return;
  if ('problem' in found) {
    session.problem('unanalysable', found.problem, launched.raw.location);
    return;
  }

  const state = childState(launched, argsOf(operands, file.value));
  if (taint) state.taint ??= taint;
  walkScript(found, file, state, {...frameOf(launched), library: false}, `${launched.command.program.value} ${file.value}`, launched, session);
}

/** `./FILE ARGS` of a file whose shebang names sh, bash or dash. True when it was one. */
export function runPathScript(launched: Launched, session: Session): boolean {
  const file = launched.words[0]!;
  if (!file.known || readByCaller(launched, session)) return false;
  const found = scriptCode(file.value, launched.cwd, session, true);
  if (!found) return false;
  if ('problem' in found) {
    session.problem('unanalysable', found.problem, launched.raw.location);
    return true;
  }

  const state = childState(launched, argsOf(launched.words, file.value));
  walkScript(found, file, state, {...frameOf(launched), library: false}, file.value, launched, session);
  return true;
}

/** `. FILE ARGS`: the file runs in this shell; its functions and variables stay. True when it was read. */
export function sourceScript(launched: Launched, session: Session): boolean {
  const {words, raw} = launched;
  const file = words[1];
  if (!file?.known) return false;
  const found = scriptCode(file.value, launched.cwd, session, false);
  // A script this code downloads and sources runs code no one has read; a file it only appended
  // to (`>> ~/.profile; . ~/.profile`) is read as it is now.
  if (found && 'problem' in found && found.download) session.problem('unanalysable', found.problem, raw.location);
  if (!found || 'problem' in found) return false;
  const state = raw.state;
  const saved = state.args;
  const args = words.slice(2);
  if (args.length > 0) {
    const zero = typeof saved === 'string' ? known('sh') : (saved[0] ?? known('sh'));
    const rest = argsOf(args, file.value);
    state.args = typeof rest === 'string' ? rest : [zero, ...rest];
  }

  walkScript(found, file, state, {...raw.frame, via: launched.command.via, pipeIn: undefined, pipeOut: undefined, library: true, sourced: true}, `${words[0]!.value} ${file.value}`, launched, session);
  if (args.length > 0) state.args = saved;
  if (state.exited === 'return') state.exited = false;
  return true;
}

const writes = new Set(['>', '>|', '&>', '>>', '&>>']);
/** Programs whose output guard may know (staticOutput). */
const outputs = new Set(['echo', 'printf', 'cat']);

/** What a file copied or linked from `source` holds: looked at only if the copy is run. */
function contentOf(source: string, cwd: Value): Written {
  const at = absolute(source, cwd);
  return at === undefined ? {kind: 'unknown', why: `from ${source}, a path guard cannot know`} : {kind: 'copy', from: at};
}

/** What the file holds after the write; `appended` when the command added to it. */
function record(path: Word | undefined, cwd: Value, content: Written | 'appended', session: Session): void {
  if (!path?.known) return;
  const at = absolute(path.value, cwd);
  if (at === undefined) return;
  // What was there before an append is not known: a file appended to and run is not vouched for.
  const written: Written = content === 'appended' ? {kind: 'unknown', why: `in parts (appended to by \`${brief(path.raw)}\`)`} : content;
  // The same again (a log appended to on every line, `> /dev/null`): nothing new to keep.
  const before = session.written.get(at);
  if (before?.kind === 'unknown' && written.kind === 'unknown' && before.why === written.why) return;
  session.written.set(at, written);
  // Numbered, so that each command reads the files as they were before it (SimpleCommand.written), without a copy per write.
  const resolved = writtenIn(session.written, at);
  if (!resolved) return;
  const writes = session.writtenFiles.get(at);
  const entry = [++session.writes, resolved] as const;
  if (writes) writes.push(entry);
  else session.writtenFiles.set(at, [entry]);
}

/** Notes the files a command writes, with what they will hold where guard can tell. */
export function noteWrites(command: SimpleCommand, stdin: Stdin | undefined, cwd: Value, session: Session): void {
  const label = command.location.text;
  for (const redirect of command.redirects) {
    if (!writes.has(redirect.op) || (redirect.fd !== undefined && redirect.fd !== 1)) continue;
    // An appended file is recorded as appended to, whatever the command writes: a long script of
    // `>> "$LOG"` lines works out nothing for them.
    if (redirect.op.startsWith('>>') || redirect.op === '&>>') {
      record(redirect.target, cwd, 'appended', session);
      continue;
    }

    const args = command.argv.slice(1);
    let content: Written;
    if (command.program.value === 'cat' && command.wrappers.length === 0 && args.length === 1 && args[0]!.known) content = contentOf(args[0]!.value, cwd);
    else if (outputs.has(command.program.value ?? '')) content = {kind: 'output', command, stdin};
    else content = {kind: 'unknown', why: `by \`${brief(label)}\``};
    record(redirect.target, cwd, content, session);
  }

  const name = command.program.value;
  if (name === 'cp' || name === 'install' || name === 'ln' || name === 'mv') {
    const spec = name === 'install' ? {takesValue: ['-m', '-o', '-g', '-t', '-S', '--mode', '--owner', '--group', '--target-directory', '--suffix']} : {takesValue: ['-t', '-S', '--target-directory', '--suffix']};
    const {options} = scanOptions(command.argv.slice(1), spec);
    const operands = options.operands;
    const into = options.values.get('-t') ?? options.values.get('--target-directory');
    // `ln -s -t DIR TARGET…`: each link is DIR/basename(TARGET).
    if (name === 'ln' && into?.known && (options.flags.has('-s') || options.flags.has('--symbolic'))) {
      for (const source of operands) {
        const at = source.known ? absolute(posix.join(into.value, posix.basename(source.value)), cwd) : undefined;
        const to = source.known ? absolute(source.value, cwd) : undefined;
        if (at !== undefined && to !== undefined && at !== to) session.links = new Map(session.links).set(at, to);
      }

      return;
    }

    // A link moved or copied as a link (`mv e f`, `cp -P e f`) is a link at its new path too.
    if (operands.length === 2 && (name === 'mv' || (name === 'cp' && [...options.flags].some((flag) => /^-[a-zA-Z]*[PdaR]/.test(flag) || flag === '--no-dereference' || flag === '--archive')))) {
      const [from, to] = operands as [Word, Word];
      const at = from.known ? absolute(from.value, cwd) : undefined;
      const target = at === undefined ? undefined : session.links.get(at);
      const dest = to.known ? absolute(to.value, cwd) : undefined;
      if (target !== undefined && dest !== undefined) session.links = new Map(session.links).set(dest, target);
    }

    if (operands.length !== 2 || into !== undefined) return;
    const [source, target] = operands as [Word, Word];
    if (!source.known) {
      record(target, cwd, {kind: 'unknown', why: `by \`${label}\``}, session);
      return;
    }

    const link = name === 'ln' && (options.flags.has('-s') || options.flags.has('--symbolic'));
    const from = link && !source.value.startsWith('/') && target.known ? posix.join(posix.dirname(target.value), source.value) : source.value;
    record(target, cwd, contentOf(from, cwd), session);
    if (link && target.known) {
      // `ln -s /etc ./dir/` makes ./dir/etc.
      const at = absolute(target.value.endsWith('/') ? posix.join(target.value, posix.basename(source.value)) : target.value, cwd);
      const to = absolute(source.value.startsWith('/') ? source.value : from, cwd);
      if (at !== undefined && to !== undefined && at !== to) session.links = new Map(session.links).set(at, to);
    }
  } else if (name === 'tee' && command.piped?.text !== undefined) {
    const append = command.argv.some((word) => word.value === '-a' || word.value === '--append');
    for (const word of command.argv.slice(1)) if (!word.value?.startsWith('-')) record(word, cwd, append ? 'appended' : {kind: 'text', code: plainCode(command.piped.text)}, session);
  } else if (name === 'git') {
    // git clone URL [DIR]: what the repository holds is known only once it is fetched.
    const args = command.argv.slice(1);
    const at = args.findIndex((word) => word.value === 'clone');
    if (at === -1) return;
    const {options} = scanOptions(args.slice(at + 1), {takesValue: ['-b', '--branch', '-o', '--origin', '--depth', '--reference', '-c', '--config', '-u', '--upload-pack', '-j', '--jobs', '--template', '--separate-git-dir', '--shallow-since', '--shallow-exclude', '--filter', '--bundle-uri']});
    const [url, dir] = options.operands;
    const name = dir ?? (url?.known ? {...url, value: url.value.replace(/\/+$/, '').replace(/\.git$/, '').split(/[/:]/).pop() ?? ''} : undefined);
    if (name?.known && name.value !== '') record(name, cwd, {kind: 'unknown', why: `by \`${brief(label)}\`, a download`, download: true, folder: true}, session);
  } else if (name === 'sed' || name === 'perl' || name === 'ruby' || name === 'gawk' || name === 'awk') {
    // An in-place edit: what the file holds afterwards is not known (`sed -i 's/echo/exec/' ./rm`).
    const args = command.argv.slice(1);
    const inPlace = args.some((word) => word.known && (/^-[a-zA-Z]*i/.test(word.value) || word.value.startsWith('--in-place') || word.value === 'inplace'));
    if (inPlace) for (const word of args) if (word.known && !word.value.startsWith('-') && /[/.]/.test(word.value)) record(word, cwd, {kind: 'unknown', why: `edited in place by \`${brief(label)}\``}, session);
  } else if (name === 'curl' || name === 'wget') {
    // What a download holds is known only once it is run: a script fetched and then run is code guard cannot read.
    for (const file of downloadedTo(command)) record(file, cwd, {kind: 'unknown', why: `by \`${brief(label)}\`, a download`, download: true}, session);
  }
}

/** The name a URL's download is saved under by default (curl -O, wget): its path's last part. */
function urlName(word: Word): string | undefined {
  if (!word.known) return undefined;
  const match = /^(?:https?|ftps?):\/\/[^/?#]+\/(?:[^?#]*\/)?([^/?#]+)(?:[?#].*)?$/.exec(word.value);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** The files curl (-o, --output; -O, --remote-name) or wget (-O, --output-document; else the URL's name) saves a download as. */
function downloadedTo(command: SimpleCommand): Word[] {
  const args = command.argv.slice(1);
  const curl = command.program.value === 'curl';
  const flags = curl ? {short: 'o', long: '--output'} : {short: 'O', long: '--output-document'};
  const files: Word[] = [];
  const byName = curl
    ? args.some((word) => word.known && (word.value === '--remote-name' || word.value === '--remote-name-all' || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(word.value)))
    : !args.some((word) => word.known && (word.value === '--output-document' || word.value.startsWith('--output-document=') || /^-[a-zA-Z]*O/.test(word.value)));
  if (byName) {
    const prefix = curl ? undefined : args.find((word, i) => word.known && (word.value.startsWith('--directory-prefix=') || args[i - 1]?.value === '-P' || args[i - 1]?.value === '--directory-prefix'));
    const folder = prefix?.value?.replace(/^--directory-prefix=/, '');
    for (const word of args) {
      const name = urlName(word);
      if (name) files.push({...word, value: folder ? posix.join(folder, name) : name} as Word);
    }
  }

  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (!word.known) continue;
    if (word.value === flags.long || new RegExp(`^-[a-zA-Z]*${flags.short}$`).test(word.value)) {
      if (args[i + 1]) files.push(args[i + 1]!);
      i++;
    } else if (word.value.startsWith(`${flags.long}=`)) files.push({...word, value: word.value.slice(flags.long.length + 1)});
    else if (new RegExp(`^-[a-zA-Z]*${flags.short}.`).test(word.value) && !word.value.startsWith('--')) files.push({...word, value: word.value.slice(word.value.indexOf(flags.short) + 1)});
  }

  return files;
}

// The files a shell runs at login or start-up: each user's, and the system's.
const startupFile = /\/\.(?:bashrc|bash_profile|bash_login|bash_logout|bash_aliases|profile|zshrc|zprofile|zshenv|zlogin|zlogout|kshrc|mkshrc)$|^\/etc\/(?:profile|bash\.bashrc|bashrc|zshrc|zprofile|zshenv|zsh\/z\w+)$|^\/etc\/profile\.d\/[^/]+\.sh$/;

/**
 * Code a command writes or appends to a shell's start-up file (`echo 'curl … | bash' >> ~/.bashrc`),
 * when guard knows the text: it runs at every login, and is judged as code.
 */
export function startupCode(command: SimpleCommand, stdin: Stdin | undefined, cwd: Value): Array<{path: string; code: CodeText}> {
  // tee writes what it reads: a pipe's known text, or a here-document (`tee -a ~/.bashrc <<'EOF'`).
  const fed = stdin?.kind === 'heredoc' || stdin?.kind === 'herestring' ? stdin.code : stdin === undefined && command.piped?.text !== undefined ? {text: command.piped.text, unknowns: new Map<string, string>()} : undefined;
  const tee = command.program.value === 'tee' && fed !== undefined;
  const targets = command.redirects.filter((redirect) => writes.has(redirect.op) && (redirect.fd === undefined || redirect.fd === 1)).map((redirect) => redirect.target);
  if (tee) targets.push(...command.argv.slice(1).filter((word) => !(word.known && word.value.startsWith('-'))));
  const paths = targets.flatMap((target) => {
    const path = target.known ? absolute(target.value, cwd) : undefined;
    return path !== undefined && startupFile.test(path) ? [path] : [];
  });
  // Most writes go elsewhere (`>> "$LOG"`): what is written is worked out only for a start-up file.
  if (paths.length === 0) return [];
  const code = tee ? fed : staticOutput(command, stdin);
  return code ? paths.map((path) => ({path, code})) : [];
}