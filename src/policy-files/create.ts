// `guard init`: writes the starter policy for one layer where guard will look for it. Never
// over an existing file (O_EXCL, and no link followed), and never as a second file of a layer
// that already has one (policy.json next to policy.yaml is an error when guard loads them).
import {closeSync, constants, fchmodSync, lstatSync, openSync, unlinkSync, writeSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {GuardError, systemCause} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {makeFolders} from '../paths.js';
import type {LayerName} from '../policy/merge.js';
import {findProjectPolicy, hasGuardKey, layerFiles, projectFiles, systemPolicyDir, userPolicyDir, type Env} from './discover.js';
import {starterPolicy} from './starter.js';

/** EX_CANTCREAT: the policy file cannot be created (it exists, or the system says no). */
export class CannotCreatePolicy extends GuardError {
  constructor(message: string) {
    super(message, exitStatus.cannotCreate);
  }
}

export interface CreateOptions {
  cwd: string;
  env: Env;
  layer: LayerName;
}

export interface CreatedPolicy {
  path: string;
  /** Set when the new file has something to tell: runs here will not read it, or it hides a project policy further up. */
  note?: string;
}

/** Where `guard init` writes the layer's policy. */
export function starterPath({cwd, env, layer}: CreateOptions): string {
  if (layer === 'system') return join(systemPolicyDir, 'policy.yaml');
  if (layer === 'user') return join(userPolicyDir(env), 'policy.yaml');
  return join(cwd, '.guardrc.yaml');
}

function cannotCreate(path: string, error: unknown, layer: LayerName): CannotCreatePolicy {
  const code = (error as NodeJS.ErrnoException).code;
  const hint = layer === 'system' && (code === 'EACCES' || code === 'EPERM') ? '; the system policy is written as root' : '';
  return new CannotCreatePolicy(`cannot create ${path}: ${systemCause(error)}${hint}`);
}

// A folder guard may not look into fails later, at the O_EXCL open, with its cause.
function exists(path: string): boolean {
  try {
    return lstatSync(path, {throwIfNoEntry: false}) !== undefined;
  } catch {
    return false;
  }
}

// Any file guard would read for this layer: a second one would make the layer an error.
function existingPolicy(path: string, layer: LayerName): string | undefined {
  const names = layer === 'project' ? projectFiles : layerFiles;
  const found = names.map((name) => join(dirname(path), name)).find(exists);
  if (found || layer !== 'project') return found;
  const manifest = join(dirname(path), 'package.json');
  try {
    return hasGuardKey(manifest) ? `${manifest} (its "guard" key)` : undefined;
  } catch {
    return `${manifest} (not valid JSON; it may hold a "guard" key)`;
  }
}

function writeNew(path: string, text: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    fchmodSync(fd, 0o644);
    const bytes = Buffer.from(text);
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
  } catch (error) {
    // The file is ours (O_EXCL): a half-written one would only make the next `guard init` refuse.
    unlinkSync(path);
    throw error;
  } finally {
    closeSync(fd);
  }
}

/** Writes the layer's starter policy; throws CannotCreatePolicy (73) when any policy file of that layer exists or the write fails. */
export function createStarterPolicy(options: CreateOptions): CreatedPolicy {
  const path = starterPath(options);
  const existing = existingPolicy(path, options.layer);
  if (existing === path) throw new CannotCreatePolicy(`${path} already exists; guard init never overwrites a policy (check it with: guard policy validate ${path})`);
  if (existing) throw new CannotCreatePolicy(`${existing} is already the ${options.layer} policy here; a second file would make the layer an error, so edit that one`);
  const above = options.layer === 'project' ? projectPolicy(options) : undefined;
  try {
    if (options.layer !== 'project') makeFolders(dirname(path), 0o755);
    writeNew(path, starterPolicy(options.layer, path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CannotCreatePolicy(`${path} already exists; guard init never overwrites a policy`);
    throw cannotCreate(path, error, options.layer);
  }

  if (options.layer !== 'project') return {path};
  const found = projectPolicy(options);
  if (found === undefined) {
    return {note: `runs in ${options.cwd} will not read ${path}: guard looks for a project policy only in folders you own that others cannot write (use --policy ${path})`, path};
  }

  if (found === path && above) return {note: `runs in ${options.cwd} and below now read ${path} instead of ${above}: a project has one policy, the nearest`, path};
  return {path};
}

// The project policy runs here would read, undefined for none, null when the search itself fails (`guard policy validate`, the next step, names why).
function projectPolicy({cwd, env}: CreateOptions): string | null | undefined {
  try {
    return findProjectPolicy(cwd, env)?.path;
  } catch {
    return null;
  }
}
