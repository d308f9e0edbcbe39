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

/** The files the rules' examples read as code (SQL fed to a client, a manifest to delete), in the project folder. */
export const files: Record<string, string | {folder: true}> = {
  'reset.sql': '-- legacy cleanup\nDROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n',
  'wipe.sql': 'SET FOREIGN_KEY_CHECKS=0;\nDROP TABLE orders;\nDROP TABLE customers;\n',
  'dump.sql': '-- MySQL dump 10.13\n/*!40101 SET NAMES utf8mb4 */;\nDROP TABLE IF EXISTS `orders`;\nCREATE TABLE `orders` (id int);\nINSERT INTO `orders` VALUES (1);\n',
  'include.sql': 'SELECT 1;\n\\i reset.sql\n',
  'report.sql': 'SELECT relname, n_live_tup FROM pg_stat_user_tables ORDER BY 2 DESC;\n',
  'nightly.sql': 'SET ECHO ON\n@@wipe\nEXIT\n',
  'purge.rman': 'RUN {\n  ALLOCATE CHANNEL c1 DEVICE TYPE DISK;\n  DELETE NOPROMPT BACKUP;\n}\n',
  'retention.rman': 'CROSSCHECK BACKUP;\nDELETE NOPROMPT OBSOLETE;\n',
  'wipe.cypher': 'MATCH (n) DETACH DELETE n;\n',
  'wipe.js': "db.getSiblingDB('app').dropDatabase();\n",
  'stats.js': 'printjson(db.stats());\n',
  'k8s': {folder: true},
  'job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n',
  'app.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
  'data.yaml': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: pgdata\n',
};

/** Reads a table of files relative to the research's project folder: a pure function, not a file system. */
export function readerOver(table: typeof files, dir = shell.cwd): NonNullable<EvaluationContext['readFile']> {
  return (path: string) => {
    const file = path.startsWith(`${dir}/`) ? table[path.slice(dir.length + 1)] : undefined;
    if (file === undefined) return {problem: `cannot read ${path}: no such file or directory`};
    return typeof file === 'string' ? {text: file} : {problem: `${path} is not a regular file`};
  };
}

export const context: EvaluationContext = {home: '/home/dev', resolvePath: resolverOver(links), readFile: readerOver(files)};

export async function decide(script: string, policy: Policy = defaultPolicy(), shellContext: ShellContext = shell): Promise<Decision> {
  return evaluate(await analyzeScript(script, shellContext), policy, context);
}

/** `rule@level` for each finding, the way the tables assert them. */
export const fired = (decision: Decision): string[] => decision.findings.map((finding) => `${finding.rule}@${finding.level}`);
