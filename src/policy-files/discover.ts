// Finding the policy layers with stat calls alone: nothing is parsed, so a machine with no
// policy file pays a few failed stats. The system and user layers may be YAML, JSON or JS;
// a project layer is data only, found from the working folder upward through folders the
// running user owns, or named by --policy / GUARD_POLICY.
import {closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {basename, dirname, extname, isAbsolute, join, resolve} from 'node:path';
import type {LayerName} from '../policy/merge.js';
import {PolicyError} from '../policy/schema-errors.js';

export type PolicyFormat = 'js' | 'json' | 'package.json' | 'yaml';

/** A policy file found for a layer, not yet checked or read. */
export interface Candidate {
  format: PolicyFormat;
  layer: LayerName;
  path: string;
  /** Named by --policy or GUARD_POLICY rather than found. */
  viaFlag?: 'GUARD_POLICY' | '--policy';
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface DiscoverOptions {
  cwd: string;
  env: Env;
  policyFlag?: string | undefined;
  /** Where the system policy lives: `/etc/guard` (tests point it elsewhere in-process). */
  systemDir?: string;
}

/** The names a system or user policy may have, in one folder. */
export const layerFiles = ['policy.yaml', 'policy.yml', 'policy.json', 'policy.js', 'policy.cjs', 'policy.mjs'];
// `.guardrc.js` and its kin are looked for only to be refused: a project policy that silently did nothing would mislead.
export const projectFiles = ['.guardrc', '.guardrc.json', '.guardrc.yaml', '.guardrc.yml', '.guardrc.js', '.guardrc.cjs', '.guardrc.mjs'];
const code = new Set(['.js', '.cjs', '.mjs']);
const typescript = new Set(['.ts', '.cts', '.mts']);

/** The format a file is read in, from its name: `.guardrc` and unknown extensions are YAML (which reads JSON too). */
export function formatOf(path: string): PolicyFormat {
  const extension = extname(path);
  if (basename(path) === 'package.json') return 'package.json';
  if (code.has(extension)) return 'js';
  if (typescript.has(extension)) throw new PolicyError(`policy ${path}: TypeScript policies are not supported (use YAML, JSON or, outside a project, JS)`);
  return extension === '.json' ? 'json' : 'yaml';
}

// A place guard may not even look at (EACCES) could hold a policy: fail closed rather than skip it.
function present(path: string): boolean {
  try {
    return lstatSync(path, {throwIfNoEntry: false}) !== undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return false;
    throw new PolicyError(`policy ${path}: cannot look for it (${code})`);
  }
}

function onlyOne(found: string[], what: string): string | undefined {
  if (found.length > 1) throw new PolicyError(`${what}: ${found.join(' and ')} both exist; keep one, so nobody edits the file that is not read`);
  return found[0];
}

function layerFile(dir: string, layer: LayerName): Candidate[] {
  const path = onlyOne(layerFiles.map((name) => join(dir, name)).filter(present), `two ${layer} policies`);
  return path ? [{format: formatOf(path), layer, path}] : [];
}

export function homeOf(env: Env): string {
  return env.HOME || homedir();
}

/** `$XDG_CONFIG_HOME/guard` (an absolute XDG_CONFIG_HOME only, as the spec says), else `~/.config/guard`. */
export function userPolicyDir(env: Env): string {
  const base = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(homeOf(env), '.config');
  return join(base, 'guard');
}

// A package.json is a policy only when it has a `guard` key: peek without blocking or following a FIFO.
export function hasGuardKey(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return false;
  }

  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > 1024 * 1024) return false;
    const buffer = Buffer.allocUnsafe(stat.size);
    const text = buffer.subarray(0, readSync(fd, buffer, 0, stat.size, 0)).toString('utf8');
    if (!text.includes('"guard"')) return false;
    try {
      const manifest = JSON.parse(text) as unknown;
      return typeof manifest === 'object' && manifest !== null && Object.hasOwn(manifest, 'guard');
    } catch {
      throw new PolicyError(`policy ${path}: not valid JSON, and it may hold a guard policy`);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The project policy from `cwd` upward: only through folders owned by the running user and
 * not writable by others (a shared folder such as /tmp is nobody's project), up to and
 * including $HOME, and never past the first folder that has one.
 */
export function findProjectPolicy(cwd: string, env: Env): Candidate | undefined {
  const home = resolve(homeOf(env));
  const euid = process.geteuid!();
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const stat = statSync(dir, {throwIfNoEntry: false});
    if (!stat || stat.uid !== euid || stat.mode & 0o002) return undefined;
    const found = projectFiles.map((name) => join(dir, name)).filter(present);
    const manifest = join(dir, 'package.json');
    if (present(manifest) && hasGuardKey(manifest)) found.push(manifest);
    const path = onlyOne(found, `two project policies in ${dir}`);
    if (path) return {format: formatOf(path), layer: 'project', path};
    if (dir === home || dir === dirname(dir)) return undefined;
  }
}

function namedPolicy(options: DiscoverOptions): Candidate | undefined {
  const [named, viaFlag] = options.policyFlag ? [options.policyFlag, '--policy' as const] : options.env.GUARD_POLICY ? [options.env.GUARD_POLICY, 'GUARD_POLICY' as const] : [];
  if (!named) return undefined;
  const path = resolve(options.cwd, named);
  const format = formatOf(path);
  if (format === 'js') throw new PolicyError(`policy ${path} (${viaFlag}): a project policy is data (JSON or YAML), never code; JS policies belong in ${layerHint}`);
  if (!present(path)) throw new PolicyError(`policy ${path} (${viaFlag}): no such file`);
  return {format, layer: 'project', path, viaFlag};
}

const layerHint = '/etc/guard or ~/.config/guard';

/** Where the system policy lives. */
export const systemPolicyDir = '/etc/guard';

/** Every layer's file, in merge order: system, user, project. */
export function discoverLayers(options: DiscoverOptions): Candidate[] {
  const project = namedPolicy(options) ?? findProjectPolicy(options.cwd, options.env);
  if (project?.format === 'js') throw new PolicyError(`policy ${project.path}: a project policy is data (JSON or YAML), never code`);
  return [...layerFile(options.systemDir ?? systemPolicyDir, 'system'), ...layerFile(userPolicyDir(options.env), 'user'), ...(project ? [project] : [])];
}
