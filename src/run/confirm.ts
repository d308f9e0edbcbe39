import {createInterface} from 'node:readline';
import type {Decision} from '../policy/types.js';
import {findingLine} from './verdict.js';

/** Whether a person is there to ask: stdin and stderr are both a terminal. */
export function canAsk(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/**
 * Asks on the terminal, as molly-guard does for shutdown: the person types the job's name
 * to go on. Anything else, or the end of input, refuses.
 */
export async function confirmOnTerminal(decision: Decision, name: string): Promise<boolean> {
  const lines = decision.findings.filter((finding) => finding.level === 'confirm').map((finding) => `guard: ${findingLine(finding)}`);
  process.stderr.write(`${lines.join('\n')}\n`);
  const reader = createInterface({input: process.stdin, output: process.stderr, terminal: false});
  const answer = await new Promise<string | null>((resolve) => {
    reader.question(`guard: type the job name (${name}) to go on: `, resolve);
    reader.once('close', () => resolve(null));
  });
  reader.close();
  // The command inherits stdin next: leave it to it.
  process.stdin.pause();
  return answer !== null && answer.trim() === name;
}
