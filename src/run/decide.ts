import {homedir, userInfo} from 'node:os';
import {resolvePath} from '../inspect/resolve-path.js';
import {scriptFile} from '../inspect/script-file.js';
import {evaluate} from '../policy/evaluate.js';
import type {Decision, Finding, Policy} from '../policy/types.js';
import {analyzeArgv, analyzeScript, type Analysis, type ShellContext, type SimpleCommand} from '../shell/index.js';

export interface DecisionInput {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  policy: Policy;
}

// A script that cannot be read is reported, never silently trusted.
function unreadable(file: string, problem: string): Finding {
  return {
    command: file,
    level: 'warn',
    location: {column: 1, line: 1, text: file, file},
    reason: `${problem}; its commands were not checked`,
    rule: 'script.unreadable',
    source: 'built-in',
    word: file,
  };
}

/** The decision, and the programs the command starts: masking secrets never hides one of them. */
export interface RunDecision extends Decision {
  programs: string[];
}

/** Every program the analysed commands start, wrappers included, as the shell names them. */
function programsOf(commands: SimpleCommand[]): string[] {
  return [...new Set(commands.flatMap((command) => [...command.wrappers, ...(command.program.known ? [command.program.value] : [])]))];
}

/**
 * What the policy says of a command, seen the way the shell will run it: every simple
 * command of the argv, and of the shell script it runs when it runs one, with the
 * environment it will really get.
 */
export async function decide(input: DecisionInput): Promise<RunDecision> {
  const home = input.env.HOME || homedir();
  let user: string | undefined;
  try {
    user = userInfo().username;
  } catch {}

  const context: ShellContext = {cwd: input.cwd, env: {...input.env}, home, ...(user ? {user} : {})};
  const analyses: Analysis[] = [await analyzeArgv([...input.argv], context)];
  const script = scriptFile(input.argv, input.cwd, input.env);
  const extra: Finding[] = [];
  if (script && 'problem' in script) extra.push(unreadable(script.file, script.problem));
  else if (script) analyses.push(await analyzeScript(script.text, {...context, args: [script.file, ...script.args], file: script.file}));

  const analysis: Analysis = {commands: analyses.flatMap((a) => a.commands), problems: analyses.flatMap((a) => a.problems)};
  const decision = evaluate(analysis, input.policy, {home, resolvePath});
  const programs = programsOf(analysis.commands);
  if (extra.length === 0) return {...decision, programs};
  const findings = [...decision.findings, ...extra];
  return {findings, programs, verdict: decision.verdict === 'allow' ? 'warn' : decision.verdict};
}
