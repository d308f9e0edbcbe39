import {posix} from 'node:path';
import {type ShellContext, analyzeScript} from '../../src/shell/index.js';
import {defaultPolicy} from '../../src/policy/defaults.js';
import {evaluate} from '../../src/policy/evaluate.js';
import type {Decision, EvaluationContext, Policy, ResolvedPath} from '../../src/policy/types.js';

/** The research's environment (research/danger.md §6), as the shell layer sees it. */
export const shell: ShellContext = {
  env: {HOME: '/home/dev', PATH: '/usr/bin:/bin', TMPDIR: '/tmp', USER: 'dev'},
  cwd: '/home/dev/proj',
  home: '/home/dev',
  user: 'dev',
};

/** Merged /usr, and the symlinks the research's cases name. */
export const links: Record<string, string> = {
  '/bin': 'usr/bin',
  '/lib': 'usr/lib',
  '/sbin': 'usr/sbin',
  '/var/run': '/run',
  '/tmp/rootlink': '/',
  '/tmp/pm/link': '/etc',
};

/** Resolves like the kernel over an in-memory symlink table: a pure function, not a file system. */
export function realpath(path: string, table: Record<string, string> = links): string {
  const queue = path.split('/').filter((part) => part !== '' && part !== '.');
  let out: string[] = [];
  for (let hops = 0; queue.length > 0; ) {
    const part = queue.shift()!;
    if (part === '..') {
      out.pop();
      continue;
    }

    const here = `/${[...out, part].join('/')}`;
    const link = table[here];
    if (link !== undefined && hops++ < 40) {
      const target = link.startsWith('/') ? link : posix.join(`/${out.join('/')}`, link);
      queue.unshift(...target.split('/').filter((piece) => piece !== '' && piece !== '.'));
      out = [];
      continue;
    }

    out.push(part);
  }

  return `/${out.join('/')}`;
}

export function resolverOver(table: Record<string, string>): EvaluationContext['resolvePath'] {
  return (path: string, cwd: string): ResolvedPath => {
    const absolute = path.startsWith('/') ? path : `${cwd}/${path}`;
    const resolved = realpath(absolute, table);
    const parts = absolute.replace(/\/+$/, '').split('/');
    const last = parts.pop();
    const lexical = !last || last === '.' || last === '..' || absolute.endsWith('/') ? resolved : posix.join(realpath(parts.join('/') || '/', table), last);
    return {lexical, resolved};
  };
}

export const context: EvaluationContext = {home: '/home/dev', resolvePath: resolverOver(links)};

export async function decide(script: string, policy: Policy = defaultPolicy(), shellContext: ShellContext = shell): Promise<Decision> {
  return evaluate(await analyzeScript(script, shellContext), policy, context);
}

/** `rule@level` for each finding, the way the tables assert them. */
export const fired = (decision: Decision): string[] => decision.findings.map((finding) => `${finding.rule}@${finding.level}`);
