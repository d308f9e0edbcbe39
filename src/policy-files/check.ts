// `guard policy validate`: every discovered layer (or one named file in its layer) checked
// the way a run would load it, but reporting every problem of every file instead of
// stopping at the first, and never using the cache.
import {realpathSync} from 'node:fs';
import {resolve} from 'node:path';
import {mergeLayers, type BuiltinLayer, type LayerName, type PolicyLayer} from '../policy/merge.js';
import {PolicyError, PolicyInvalid} from '../policy/schema-errors.js';
import {builtinLayer} from './builtin.js';
import {discoverLayers, formatOf, type Candidate, type DiscoverOptions} from './discover.js';
import {loadFile} from './index.js';
import {openPolicy} from './secure-open.js';

export interface FileReport {
  layer: LayerName;
  /** One line per problem, each naming the file (and the field): empty when the file is fine. */
  problems: string[];
  /** `3 rules, paths, defaults`: what the file says, when it is fine. */
  summary: string;
  path: string;
}

export interface ValidateOptions extends DiscoverOptions {
  /** One file to validate, in `layer` (else the layer it is found in, else project). */
  file?: string;
  layer?: LayerName;
}

function problemsOf(error: unknown): string[] {
  if (error instanceof PolicyInvalid) return error.lines();
  if (error instanceof PolicyError) return [error.message];
  throw error;
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

function candidatesFor(options: ValidateOptions): Candidate[] {
  const discovered = discoverLayers(options.file ? {...options, env: {...options.env, GUARD_POLICY: undefined}, policyFlag: undefined} : options);
  if (!options.file) return discovered;
  const path = resolve(options.cwd, options.file);
  const layer = options.layer ?? discovered.find((candidate) => candidate.layer !== 'project' && sameFile(candidate.path, path))?.layer ?? 'project';
  const format = formatOf(path);
  if (format === 'js' && layer === 'project') throw new PolicyError(`policy ${path}: a project policy is data (JSON or YAML), never code (validate a JS policy with --layer system or --layer user)`);
  const order: LayerName[] = ['system', 'user', 'project'];
  const earlier = discovered.filter((candidate) => order.indexOf(candidate.layer) < order.indexOf(layer));
  return [...earlier, {format, layer, path}];
}

function summaryOf(layer: PolicyLayer): string {
  const {rules = [], ...rest} = layer.file;
  const parts = [`${rules.length} rule${rules.length === 1 ? '' : 's'}`, ...Object.keys(rest).sort()];
  return parts.join(', ');
}

/** A report per file, in layer order; a file that fails is left out of the layers merged after it. */
export async function validatePolicyFiles(options: ValidateOptions, builtin: BuiltinLayer = builtinLayer()): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  const accepted: PolicyLayer[] = [];
  for (const candidate of candidatesFor(options)) {
    const report: FileReport = {layer: candidate.layer, path: candidate.path, problems: [], summary: ''};
    reports.push(report);
    try {
      const {file} = await loadFile(candidate, openPolicy(candidate.path));
      const layer: PolicyLayer = {file, layer: candidate.layer, source: candidate.path};
      mergeLayers(builtin, [...accepted, layer]);
      accepted.push(layer);
      report.summary = summaryOf(layer);
    } catch (error) {
      report.problems = problemsOf(error);
    }
  }

  return reports;
}
