// The shell script file a command runs, read so the policy can check its commands too. What
// cannot be read (over 1 MiB, unreadable, not a regular file) is reported as a problem, and
// the policy refuses it (script.unreadable): what guard cannot read, it cannot vouch for.
import {closeSync, constants, fstatSync, openSync, readSync, statSync} from 'node:fs';
import {basename, delimiter, isAbsolute, join} from 'node:path';
import {systemCause} from '../errors.js';

/** A shell script the command runs, read so its own commands can be checked too. */
export type ScriptFile =
  | {args: string[]; file: string; text: string}
  | {file: string; problem: string};

const largest = 1 << 20;
const shells = new Set(['sh', 'bash', 'dash']);
const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/;

/**
 * The file a program name runs, when it is one guard reads: a path (`./deploy.sh`,
 * `/opt/app/run.sh`), or a bare name the shell finds in a folder of the project (`.` or the
 * working folder on PATH). A bare name found in an installed folder (`zgrep`, a version
 * manager's `python3` shim, a vendor CLI's wrapper) is the program it is called, judged by
 * that name: its implementation is not the command's, as it is not inside `sh -c`.
 */
function lookup(program: string, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (program.includes('/')) return isAbsolute(program) ? program : join(cwd, program);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    // A relative entry (`.`, or an empty one) is the command's working folder, not guard's.
    const folder = isAbsolute(dir) ? dir : join(cwd, dir);
    const candidate = join(folder, program);
    try {
      if (!statSync(candidate).isFile()) continue;
    } catch {
      continue;
    }

    // From / every folder would be "inside": there only / itself is the working folder.
    return folder === cwd || (cwd !== '/' && folder.startsWith(`${cwd}/`)) ? candidate : undefined;
  }

  return undefined;
}

// O_NONBLOCK: a FIFO named as a script must never hang the check.
export function readText(file: string, limit = largest): string | {problem: string} {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return {problem: `cannot read ${file}: ${systemCause(error)}`};
  }

  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return {problem: `${file} is not a regular file`};
    if (stat.size > limit && limit === largest) return {problem: `${file} is over 1 MiB, too large to check`};
    const size = Math.min(stat.size, limit);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const count = readSync(fd, buffer, read, size - read, read);
      if (count === 0) break;
      read += count;
    }

    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Text with no `#!` line: what a shell runs as a script of its own. */
export const isPlainText = (head: string): boolean => head.length > 0 && !head.startsWith('#!') && !head.includes('\0') && !head.includes('\ufffd');

export function isExecutable(path: string): boolean {
  try {
    return (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function interpreterOf(text: string): string | undefined {
  const match = shebang.exec(text.slice(0, 256));
  if (!match) return undefined;
  const program = basename(match[1]!);
  return program === 'env' ? match[2] : program;
}

const helpOnly = new Set(['--help', '--version']);
const longWithValue = new Set(['--rcfile', '--init-file']);

/**
 * `sh [options] FILE ARGS`: the first word after the options is the script (`bash -e
 * backup.sh`, `sh -x -- run.sh`). With -c the code is a word the shell layer reads, with -s
 * (or no FILE) it comes from stdin: no file to read.
 */
function shellOperands(words: readonly string[]): {args: string[]; file: string} | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--' || word === '-') return i + 1 < words.length ? {file: words[i + 1]!, args: words.slice(i + 2)} : undefined;
    if (word.startsWith('--')) {
      if (helpOnly.has(word)) return undefined;
      if (longWithValue.has(word)) i++;
      continue;
    }

    if (/^[-+]./.test(word)) {
      const letters = word.slice(1);
      if (word.startsWith('-') && /[cs]/.test(letters)) return undefined;
      // -o NAME, +o NAME, and bash's -O/+O NAME take the next word.
      if (/[oO]$/.test(letters)) i++;
      continue;
    }

    return {file: word, args: words.slice(i + 1)};
  }

  return undefined;
}

/**
 * The script a command runs, if it runs one: `sh FILE`/`bash [options] FILE ARGS`, or a file
 * whose shebang names sh, bash or dash (found through PATH like the shell would). Other
 * programs, and files that are not scripts of a shell, are not guard's to read.
 */
export function scriptFile(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): ScriptFile | undefined {
  const [program, ...rest] = argv;
  if (program === undefined) return undefined;
  if (shells.has(basename(program))) {
    const operands = shellOperands(rest);
    if (operands === undefined) return undefined;
    const {file, args} = operands;
    const path = isAbsolute(file) ? file : join(cwd, file);
    const text = readText(path);
    return typeof text === 'string' ? {args, file, text} : {file, ...text};
  }

  const path = lookup(program, cwd, env);
  if (path === undefined) return undefined;
  // Only the first line says whether it is a shell script; binaries are not read further.
  const head = readText(path, 256);
  const interpreter = typeof head === 'string' ? interpreterOf(head) : undefined;
  // An executable text file with no `#!` line is run by /bin/sh (execvp falls back on ENOEXEC).
  if ((interpreter === undefined || !shells.has(interpreter)) && !(typeof head === 'string' && isPlainText(head) && isExecutable(path))) return undefined;
  const text = readText(path);
  return typeof text === 'string' ? {args: rest, file: program, text} : {file: program, ...text};
}
