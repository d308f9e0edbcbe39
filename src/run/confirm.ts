import {createInterface} from 'node:readline';
import type {Decision} from '../policy/types.js';
import {print, printLine} from '../print.js';
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
  for (const finding of decision.findings) if (finding.level === 'confirm') printLine('stderr', `guard: ${findingLine(finding)}`);
  print('stderr', `guard: type the job name (${name}) to go on: `);
  const reader = createInterface({input: process.stdin, terminal: false});
  const answer = await new Promise<string | null>((resolve) => {
    reader.once('line', resolve);
    reader.once('close', () => resolve(null));
  });
  reader.close();
  // The command inherits stdin next: leave it to it.
  process.stdin.pause();
  return answer !== null && answer.trim() === name;
}
