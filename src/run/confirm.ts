import type {Decision} from '../policy/types.js';
import {print, printLine} from '../print.js';
import {findingLine} from './verdict.js';

/** Whether a person is there to ask: stdin and stderr are both a terminal. */
export function canAsk(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/** What the person did at the prompt: typed the job's name, anything else, or sent a signal (Ctrl-C). */
export type Answer = 'confirmed' | 'refused' | {interrupted: NodeJS.Signals};

// Ctrl-C, Ctrl-\, a closed terminal, kill: each ends the prompt, and guard with it.
const ending = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

/**
 * Asks on the terminal, as molly-guard does for shutdown: the person types the job's name
 * to go on. Anything else, or the end of input (Ctrl-D), refuses; a signal (Ctrl-C) ends
 * the prompt at once. Either way guard's next line starts on a line of its own: Ctrl-D and
 * Ctrl-C leave the cursor on the prompt's line.
 */
export async function confirmOnTerminal(decision: Decision, name: string): Promise<Answer> {
  const answer = await ask(() => {
    for (const finding of decision.findings) if (finding.level === 'confirm') printLine('stderr', `guard: ${findingLine(finding)}`);
    print('stderr', `guard: type the job name (${name}) to go on: `);
  });
  if (typeof answer !== 'string') return answer;
  if (answer.trim() === name) return 'confirmed';
  // Said before the refusal, so the person knows it was the answer, not the rule, that ended it.
  printLine('stderr', answer.trim() === '' ? `guard: no answer: the job name (${name}) was not typed` : `guard: the answer was not the job name (${name})`);
  return 'refused';
}

/**
 * Shows the question, then reads one line from the terminal, with its newline when it has
 * one; or the signal that came first. The signals are taken before the question shows: a
 * person quick on Ctrl-C must not find guard between the two, ended unrecorded.
 */
function ask(question: () => void): Promise<string | {interrupted: NodeJS.Signals}> {
  const {stdin} = process;
  return new Promise((resolve) => {
    let typed = '';
    const handlers = ending.map((signal) => [signal, () => done({interrupted: signal})] as const);
    const onData = (chunk: Buffer) => {
      typed += chunk.toString('utf8');
      if (typed.includes('\n')) done(typed.slice(0, typed.indexOf('\n') + 1));
    };
    const onEnd = () => done(typed);
    function done(result: string | {interrupted: NodeJS.Signals}) {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      // The command inherits stdin next: leave it to it.
      stdin.pause();
      // A signal, or the end of input without a newline (Ctrl-D), left the cursor on the prompt's line.
      if (typeof result !== 'string' || !result.endsWith('\n')) print('stderr', '\n');
      resolve(result);
    }

    for (const [signal, handler] of handlers) process.once(signal, handler);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    question();
  });
}
