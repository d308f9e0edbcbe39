// What a file the code itself wrote holds, for what reads it later in the same code: a script
// run, a makefile or package.json a runner reads, a file an upload sends.
import {posix} from 'node:path';
import {brief} from './expand.js';
import type {Written} from './frame.js';
import type {Session} from './session-port.js';
import {staticOutput} from './static-output.js';
import type {Value, WrittenFile} from './types.js';

/**
 * What a file holds that the code wrote (`cat > lc.json <<EOF`, then `aws … file://lc.json`), in
 * the files written up to a command: its text, why it cannot be known, or the file it is a copy
 * of; undefined when the code did not write it (what is on disk is what the command reads).
 */
export function writtenIn(files: ReadonlyMap<string, Written>, path: string, hops = 0): WrittenFile | undefined {
  const written = files.get(path);
  if (!written) return undefined;
  if (written.kind === 'text') return {text: written.code.text};
  if (written.kind === 'output') {
    const code = staticOutput(written.command, written.stdin);
    return code ? {text: code.text} : {problem: `${path} is written by \`${brief(written.command.location.text)}\` with what guard cannot know`};
  }
  if (written.kind === 'copy') return hops < 8 && files.has(written.from) ? writtenIn(files, written.from, hops + 1) : {copyOf: written.from};
  return {problem: `${path} is written by the code ${written.kind === 'unknown' ? written.why : `as a copy of ${written.name}`}`};
}

/**
 * What the code wrote at a path (relative to `cwd`): its text, or why guard cannot know it (`curl
 * … > Makefile`); undefined when the code did not write it, and what is on disk is what runs.
 */
export function writtenFile(session: Session, path: string, cwd: Value | string): {text: string} | {problem: string} | undefined {
  const base = typeof cwd === 'string' ? cwd : cwd.known ? cwd.value : undefined;
  const at = path.startsWith('/') ? posix.normalize(path) : base === undefined ? undefined : posix.resolve(base, path);
  const written = at === undefined ? undefined : writtenIn(session.written, at);
  if (!written) return undefined;
  if ('text' in written) return {text: written.text};
  return {problem: 'problem' in written ? written.problem : `${at} is written by the code as a copy of ${written.copyOf}`};
}
