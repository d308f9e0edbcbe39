import {execa} from 'execa';
import {bin} from './guard.js';

const quoted = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs the built CLI on a real terminal: a pseudo-terminal from script(1), `columns` wide, so
 * guard sees a TTY as a person's shell gives it. Returns what the terminal received, its
 * line ends made plain.
 */
export async function onTerminal(args: readonly string[], env: Record<string, string | undefined>, columns = 80): Promise<{exitCode: number; output: string}> {
  const line = `stty cols ${columns} rows 50; exec ${[process.execPath, bin, ...args].map(quoted).join(' ')}`;
  const result = await execa('script', ['-qefc', line, '/dev/null'], {env: {...process.env, NODE_OPTIONS: undefined, ...env}, extendEnv: false, reject: false, stdin: 'ignore'});
  return {exitCode: result.exitCode ?? -1, output: String(result.stdout).replaceAll('\r\n', '\n')};
}

/** The text a person sees: the output without its colours. */
export const uncoloured = (text: string) => text.replaceAll(/\u001b\[[0-9;]*m/g, '');
