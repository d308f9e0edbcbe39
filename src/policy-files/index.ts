// The I/O side of policy: find the layers, refuse unsafe files, load and validate them
// (or take them from the cache), merge them over the built-in layer, and say where each
// part came from. One call for the run/check pipeline:
//
//   const {policy, settings, layers} = await loadPolicy({cwd, env, policyFlag});
//
// - `policy` is what evaluation uses (src/policy/types.ts); `settings` holds the
//   defaults/jobs/env/redact/audit/locks parts, each value with its source; `layers` says
//   which files were used and whether each came from the cache.
// - Any invalid or unsafe file, or a layer that tries to loosen what an earlier one set,
//   throws PolicyError (exit 78) before anything runs; the message is one line naming the
//   file, the field path and the reason.
// - With no policy file anywhere this is a handful of stat calls: no parser, no schema.
//   With files, each is checked (stat, open, fstat) every time, and parsed and validated
//   only when it changed since the last run (the cache in the state folder).
//
// Layers, in merge order: built-in; system `/etc/guard/policy.{yaml,yml,json,js,cjs,mjs}`;
// user `$XDG_CONFIG_HOME/guard/policy.*` (else ~/.config/guard); project: `.guardrc`,
// `.guardrc.{json,yaml,yml}` or `package.json#guard` from the working folder upward
// (through folders the running user owns, up to $HOME), or the file named by `--policy` /
// GUARD_POLICY instead. Two files for one layer (policy.yaml and policy.json) are an error.
//
// Choices where the contract is silent:
// - Symbolic links are followed only through folders that pass the same checks (every
//   folder walked, including those a link leads to; links owned by root or you); the
//   resolved file is opened with O_NOFOLLOW and checked on its descriptor.
// - A later layer that tries to lower or lift a rule an earlier layer made non-overridable
//   is an error (78), never silently ignored: a policy that does not do what it says is
//   worse than one that stops the run.
// - paths.allow of a user or project policy carves only out of that layer's own protect
//   globs; the system policy's allow out of every layer's, the built-in paths included.
// - Who may set what (a pack off: system; locks, audit, overridable: system or user; a
//   timeout: a project only shortens it) is the ownership table's, src/policy/ownership.ts.
// - A JS policy (system or user layer only) runs on every load; the cache only spares
//   validating what it exported when that is unchanged.
import {closeSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {mergeLayers, type BuiltinLayer, type LayerName, type MergedPolicy, type PolicyLayer, type PolicySettings} from '../policy/merge.js';
import type {PolicyFile} from '../policy/schema.js';
import type {GuardFile, PackName, Policy, Source} from '../policy/types.js';
import {builtinLayer} from './builtin.js';
import {dataKey, PolicyCache, statKey} from './cache.js';
import {discoverLayers, projectFiles, userPolicyDir, type Candidate, type DiscoverOptions, type Env, type PolicyFormat} from './discover.js';
import {readPolicyData, validatePolicyData} from './parse.js';
import {openPolicy, type OpenedPolicy} from './secure-open.js';

export {PolicyError, PolicyInvalid} from '../policy/schema-errors.js';
export type {PolicySettings, Sourced} from '../policy/merge.js';

/** One layer of the effective policy. */
export interface LayerInfo {
  /** The data came from the cache: neither the file's parser nor the schema was loaded for it. */
  cached?: boolean;
  format?: PolicyFormat;
  layer: 'built-in' | LayerName;
  /** The file as found. */
  path?: string;
  /** The file with every symbolic link resolved: what was checked and read. */
  realPath?: string;
  /** What rules, paths and settings name as their source: `built-in` or the file's path. */
  source: Source;
  viaFlag?: Candidate['viaFlag'];
}

export interface LoadedPolicy {
  layers: LayerInfo[];
  /** File rules a later layer lifted, for `policy show`. */
  lifted: MergedPolicy['lifted'];
  /** Which layer last turned each pack on or off. */
  packSources: Record<PackName, Source>;
  policy: Policy;
  settings: PolicySettings;
}

export interface LoadOptions extends DiscoverOptions {
  /** Use and update the cache (default true). */
  cache?: boolean;
}

export const builtinInfo: LayerInfo = {layer: 'built-in', source: 'built-in'};

/** Opens every file (with all the checks) before reading any, so an unsafe file stops even a safe JS policy from running. */
export function openAll(candidates: readonly Candidate[]): OpenedPolicy[] {
  const opened: OpenedPolicy[] = [];
  try {
    for (const candidate of candidates) opened.push(openPolicy(candidate.path));
    return opened;
  } catch (error) {
    for (const file of opened) closeSync(file.fd);
    throw error;
  }
}

/** One checked file as validated data, from the cache when its key still matches. */
export async function loadFile(candidate: Candidate, opened: OpenedPolicy, cache?: PolicyCache): Promise<{cached: boolean; file: PolicyFile}> {
  if (candidate.format !== 'js') {
    const key = statKey(opened.realPath, candidate.format, opened.stat);
    const hit = cache?.get(opened.realPath, key);
    if (hit) {
      closeSync(opened.fd);
      return {cached: true, file: hit};
    }

    const file = await validatePolicyData(await readPolicyData(candidate, opened), candidate.path);
    cache?.set(opened.realPath, key, file);
    return {cached: false, file};
  }

  // A JS policy is code: it runs every time; only the validation of what it exported is cached.
  const data = await readPolicyData(candidate, opened);
  const key = dataKey(opened.realPath, data);
  const hit = cache?.get(opened.realPath, key);
  if (hit) return {cached: true, file: hit};
  const file = await validatePolicyData(data, candidate.path);
  cache?.set(opened.realPath, key, file);
  return {cached: false, file};
}

export function layerInfo(candidate: Candidate, opened: OpenedPolicy, cached: boolean): LayerInfo {
  return {
    cached,
    format: candidate.format,
    layer: candidate.layer,
    path: candidate.path,
    realPath: opened.realPath,
    source: candidate.path,
    ...(candidate.viaFlag ? {viaFlag: candidate.viaFlag} : {}),
  };
}

/**
 * guard's policy as files a command could change: the user's policy folder (a file made there
 * is a policy from the next run on, and a JS one is code guard runs), and each policy file in
 * force, where it was found and where it really is. A package.json holding a project's policy
 * is left out: it is the project's manifest, which its own tools rewrite. For a project policy
 * found from the working folder, also each folder guard climbed through to it (opened to others
 * or given away, the policy is passed by) and a project policy made at or below its folder,
 * which runs from there would take first.
 */
export function policyFiles(loaded: Pick<LoadedPolicy, 'layers'>, {cwd, env}: {cwd: string; env: Env}): GuardFile[] {
  const files: GuardFile[] = [{kind: 'policy', path: userPolicyDir(env)}];
  for (const layer of loaded.layers) {
    if (layer.path === undefined) continue;
    if (layer.format !== 'package.json') for (const path of [layer.path, layer.realPath]) if (path) files.push({kind: 'policy', path: resolve(cwd, path)});
    if (layer.layer !== 'project' || layer.viaFlag) continue;
    const root = dirname(resolve(cwd, layer.path));
    files.push({kind: 'policy', path: root, only: {names: projectFiles}});
    for (let dir = resolve(cwd); ; dir = dirname(dir)) {
      files.push({kind: 'policy', path: dir, only: 'permissions'});
      if (dir === root || dir === dirname(dir)) break;
    }
  }

  return files;
}

/** The effective policy for a run in `cwd`; throws PolicyError (78) on any invalid or unsafe file. */
export async function loadPolicy(options: LoadOptions, builtin: BuiltinLayer = builtinLayer()): Promise<LoadedPolicy> {
  const candidates = discoverLayers(options);
  if (candidates.length === 0) return {...mergeLayers(builtin, []), layers: [builtinInfo]};

  const opened = openAll(candidates);
  const cache = options.cache === false ? undefined : PolicyCache.in(options.env);
  const layers: PolicyLayer[] = [];
  const infos: LayerInfo[] = [builtinInfo];
  try {
    for (const [index, candidate] of candidates.entries()) {
      const {cached, file} = await loadFile(candidate, opened[index]!, cache);
      layers.push({file, layer: candidate.layer, source: candidate.path});
      infos.push(layerInfo(candidate, opened[index]!, cached));
    }
  } catch (error) {
    // Files not reached yet are still open.
    for (const file of opened.slice(layers.length + 1)) closeSync(file.fd);
    throw error;
  }

  const merged = mergeLayers(builtin, layers);
  cache?.save();
  return {...merged, layers: infos};
}
