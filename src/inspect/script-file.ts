import {closeSync, constants, fstatSync, openSync, readSync, statSync} from 'node:fs';
import {basename, delimiter, isAbsolute, join} from 'node:path';

/** A shell script the command runs, read so its own commands can be checked too. */
export type ScriptFile =
  | {args: string[]; file: string; text: string}
  | {file: string; problem: string};

const largest = 1 << 20;
const shells = new Set(['sh', 'bash', 'dash']);
const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/;

function lookup(program: string, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (program.includes('/')) return isAbsolute(program) ? program : join(cwd, program);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir || '.', program);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }

  return undefined;
}

// O_NONBLOCK: a FIFO named as a script must never hang the check.
function readText(file: string, limit = largest): string | {problem: string} {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return {problem: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`};
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

function interpreterOf(text: string): string | undefined {
  const match = shebang.exec(text.slice(0, 256));
  if (!match) return undefined;
  const program = basename(match[1]!);
  return program === 'env' ? match[2] : program;
}

/**
 * The script a command runs, if it runs one: `sh FILE`/`bash FILE ARGS`, or a file whose
 * shebang names sh, bash or dash (found through PATH like the shell would). Other programs,
 * and files that are not scripts of a shell, are not guard's to read.
 */
export function scriptFile(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): ScriptFile | undefined {
  const [program, ...rest] = argv;
  if (program === undefined) return undefined;
  if (shells.has(basename(program))) {
    const [file, ...args] = rest;
    if (file === undefined || file.startsWith('-')) return undefined;
    const path = isAbsolute(file) ? file : join(cwd, file);
    const text = readText(path);
    return typeof text === 'string' ? {args, file, text} : {file, ...text};
  }

  const path = lookup(program, cwd, env);
  if (path === undefined) return undefined;
  // Only the first line says whether it is a shell script; binaries are not read further.
  const head = readText(path, 256);
  const interpreter = typeof head === 'string' ? interpreterOf(head) : undefined;
  if (interpreter === undefined || !shells.has(interpreter)) return undefined;
  const text = readText(path);
  return typeof text === 'string' ? {args: rest, file: program, text} : {file: program, ...text};
}
