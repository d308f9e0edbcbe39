// A file a command reads as code (SQL fed to psql, a script mongosh runs, a manifest kubectl
// deletes), read for the policy with a script file's limits: a regular file of at most 1 MiB,
// opened so that a FIFO never blocks. What cannot be read is said, for the policy to refuse.
import {readText} from './script-file.js';

export function readCodeFile(path: string): {text: string} | {problem: string} {
  const text = readText(path);
  return typeof text === 'string' ? {text} : text;
}
