// The danger corpus (test/corpus/README.md): commands as attackers, confused agents and
// careless operators write them, each expected refused or allowed by the default policy,
// checked as `guard check -- bash -c COMMAND` would check them, in a scratch home whose
// project folder is a git checkout.
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {auditDbPath, stateDir} from '../../src/paths.js';
import {loadPolicy, policyFiles} from '../../src/policy-files/index.js';
import {decide} from '../../src/run/decide.js';
import type {Decision} from '../../src/policy/types.js';

export interface CorpusCase {
  id: string;
  class: string;
  expect: 'refuse' | 'allow';
  command: string;
  source: string;
  note: string;
  env?: Record<string, string>;
  files?: Record<string, {content?: string; mode?: string; symlink?: string; copyOf?: string}>;
}

export function readCorpus(file: string): CorpusCase[] {
  const text = readFileSync(new URL(file, import.meta.url), 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as CorpusCase);
}

/** The case checked in a scratch home made for it (removed afterwards): the decision, and whether it refuses. */
export async function check(item: CorpusCase): Promise<{decision: Decision; refused: boolean}> {
  const root = mkdtempSync(join(tmpdir(), 'guard-corpus-'));
  try {
    const home = join(root, 'home');
    const project = join(home, 'project');
    mkdirSync(join(project, '.git'), {recursive: true});
    for (const [path, file] of Object.entries(item.files ?? {})) {
      const at = join(project, path);
      mkdirSync(dirname(at), {recursive: true});
      if (file.symlink) symlinkSync(file.symlink, at);
      else if (file.copyOf) copyFileSync(file.copyOf, at);
      else writeFileSync(at, file.content ?? '');
      if (file.mode) chmodSync(at, Number.parseInt(file.mode, 8));
    }

    const env = {PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home, USER: 'op', ...item.env};
    // As `guard check` decides: the policy found from the project (a case may plant one), and guard's
    // own files where this environment puts them. Nothing is kept: the state folder may be outside the scratch home.
    const loaded = await loadPolicy({cwd: project, env, cache: false});
    const decision = await decide({
      argv: ['bash', '-c', item.command],
      cwd: project,
      env,
      policy: loaded.policy,
      stateDir: stateDir(env),
      auditDb: auditDbPath({env}),
      policyFiles: policyFiles(loaded, {cwd: project, env}),
      caches: false,
    });
    return {decision, refused: decision.verdict === 'deny' || decision.verdict === 'confirm'};
  } finally {
    rmSync(root, {force: true, recursive: true});
  }
}
