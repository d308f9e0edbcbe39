import {type Analysis, type ShellContext, type SimpleCommand, type Word, analyzeScript} from '../../src/shell/index.js';

/** The research's test environment (research/danger.md §6). */
export const context: ShellContext = {
  env: {HOME: '/home/dev', PATH: '/usr/bin:/bin', TMPDIR: '/tmp', USER: 'dev'},
  cwd: '/home/dev/proj',
  home: '/home/dev',
  user: 'dev',
};

export function withEnv(env: Record<string, string | undefined>, extra: Partial<ShellContext> = {}): ShellContext {
  return {...context, ...extra, env: {...context.env, ...env}};
}

/** A word as tests spell it: its value, `?` when unknown. */
export const shown = (word: Word): string => (word.known ? word.value : '?');

/** A command as tests spell it: normalized program, then its arguments. */
export const spelled = (command: SimpleCommand): string => [shown(command.program), ...command.argv.slice(1).map(shown)].join(' ');

export async function analyze(script: string, ctx: ShellContext = context): Promise<Analysis> {
  return analyzeScript(script, ctx);
}

export async function spellings(script: string, ctx: ShellContext = context): Promise<string[]> {
  return (await analyze(script, ctx)).commands.map(spelled);
}

export function only(analysis: Analysis, program: string): SimpleCommand {
  const found = analysis.commands.filter((command) => command.program.value === program);
  if (found.length !== 1) throw new Error(`expected one ${program}, found ${found.length}: ${analysis.commands.map(spelled).join('; ')}`);
  return found[0]!;
}
