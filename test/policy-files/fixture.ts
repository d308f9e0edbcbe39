import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa, type Options} from 'execa';
import {bin, guard, sandbox} from '../helpers/guard.js';

/** `--import` this to make loading zod, cosmiconfig or js-yaml fail the process. */
export const forbidHeavy = fileURLToPath(new URL('fixtures/forbid-heavy.mjs', import.meta.url));

/** A sandbox whose HOME is its own folder (so the project search stops there), with a project folder in it. */
export function policySandbox() {
  const box = sandbox();
  const project = join(box.dir, 'project');
  mkdirSync(project);
  const env = {...box.env, HOME: box.dir, GUARD_POLICY: ''};
  return {
    ...box,
    env,
    project,
    /** Writes a file (folders made as needed) and returns its path. */
    write(path: string, content: string, mode = 0o644): string {
      const full = path.startsWith('/') ? path : join(box.dir, path);
      mkdirSync(dirname(full), {recursive: true});
      writeFileSync(full, content);
      chmodSync(full, mode);
      return full;
    },
    /** guard run with the project folder as its working folder. */
    guard(args: readonly string[], options: Options = {}) {
      return guard(args, {cwd: project, ...options, env: {...env, ...(options.env as Record<string, string> | undefined)}});
    },
  };
}

export type PolicySandbox = ReturnType<typeof policySandbox>;

/** Whether this process can make a private mount namespace (root, unshare(1)): needed to place a system policy at /etc/guard. */
// These tests make files of other owners and a private /etc: they need root and mount
// namespaces, as the project's machines and CI have. Elsewhere they fail, saying why,
// rather than skip and pass for nothing.
export const canFakeEtc = process.geteuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
if (!canFakeEtc) throw new Error('the policy-file tests need root and unshare -m (mount namespaces): run them as root, as CI does');

/**
 * Runs the built CLI with `files` laid over /etc/guard in a private mount namespace (an
 * overlay on /etc), so a test can give the machine a system policy without touching it.
 */
export function guardWithSystemPolicy(
  files: Record<string, string | {content: string; mode: number}>,
  args: readonly string[],
  options: Options & {env: Record<string, string>; folderMode?: number; uid?: number},
) {
  const {folderMode = 0o755, uid, ...execaOptions} = options;
  const layer = mkdtempSync(join(tmpdir(), 'guard-etc-'));
  chmodSync(layer, 0o755);
  mkdirSync(join(layer, 'guard'));
  chmodSync(join(layer, 'guard'), folderMode);
  for (const [name, file] of Object.entries(files)) {
    const {content, mode} = typeof file === 'string' ? {content: file, mode: 0o644} : file;
    writeFileSync(join(layer, 'guard', name), content);
    chmodSync(join(layer, 'guard', name), mode);
  }

  const script = 'mount -t overlay overlay -o "lowerdir=$1:/etc" /etc && shift && exec "$@"';
  const env = {...process.env, NODE_OPTIONS: undefined, ...options.env};
  // Optionally as another user, after the mount: setpriv drops root for guard alone.
  const user = uid === undefined ? [] : ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups'];
  const command = ['-m', 'sh', '-c', script, 'sh', layer, ...user, process.execPath, bin, ...args];
  const result = execa('unshare', command, {reject: false, stdin: 'ignore', ...execaOptions, env, extendEnv: false});
  return result.finally(() => rmSync(layer, {force: true, recursive: true}));
}
