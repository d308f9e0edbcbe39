import {homedir, userInfo} from 'node:os';
import {resolvePath} from '../inspect/resolve-path.js';
import {scriptFile} from '../inspect/script-file.js';
import {evaluate} from '../policy/evaluate.js';
import type {Decision, Policy, UnreadScript} from '../policy/types.js';
import {analyzeArgv, analyzeScript, type Analysis, type ShellContext} from '../shell/index.js';

export interface DecisionInput {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  policy: Policy;
}

/**
 * What the policy says of a command, seen the way the shell will run it: every simple
 * command of the argv, and of the shell script it runs when it runs one, with the
 * environment it will really get.
 */
export async function decide(input: DecisionInput): Promise<Decision> {
  const home = input.env.HOME || homedir();
  let user: string | undefined;
  try {
    user = userInfo().username;
  } catch {}

  const context: ShellContext = {cwd: input.cwd, env: {...input.env}, home, ...(user ? {user} : {})};
  const analyses: Analysis[] = [await analyzeArgv([...input.argv], context)];
  const script = scriptFile(input.argv, input.cwd, input.env);
  // A script that cannot be read is judged by the policy (script.unreadable), never silently trusted.
  const unread: UnreadScript[] = script && 'problem' in script ? [{file: script.file, problem: script.problem}] : [];
  if (script && 'text' in script) analyses.push(await analyzeScript(script.text, {...context, args: [script.file, ...script.args], file: script.file}));

  const commands = analyses.flatMap((a) => a.commands);
  return evaluate({commands, problems: analyses.flatMap((a) => a.problems), unread}, input.policy, {home, resolvePath});
}
