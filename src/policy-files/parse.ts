// Turning a checked policy file into validated data. cosmiconfig's loaders parse YAML and
// JSON from the bytes read off the checked descriptor; a JS policy is imported by its
// resolved path, only after every check passed. cosmiconfig, js-yaml and zod are loaded
// here on first use, so a run whose policy is cached (or absent) never loads them.
import {closeSync} from 'node:fs';
import {PolicyError, PolicyInvalid} from '../policy/schema-errors.js';
import type {PolicyFile} from '../policy/schema.js';
import type {Candidate} from './discover.js';
import {readOpened, type OpenedPolicy} from './secure-open.js';

type Loader = (path: string, content: string) => unknown;

async function loaders(): Promise<{js: (path: string) => Promise<unknown>; json: Loader; yaml: Loader}> {
  const {defaultLoaders} = await import('cosmiconfig');
  return {js: (path) => Promise.resolve(defaultLoaders['.js'](path, '')), json: defaultLoaders['.json'], yaml: defaultLoaders['.yaml']};
}

// cosmiconfig's messages open with "YAML Error in FILE:"; the reason and its position follow.
function reasonOf(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n').filter((line) => line.trim());
  return (/ Error in /.test(lines[0] ?? '') ? lines[1] : lines[0])?.trim() ?? 'unreadable';
}

/** What the file says, before validation; closes the descriptor. */
export async function readPolicyData(candidate: Candidate, opened: OpenedPolicy): Promise<unknown> {
  const {js, json, yaml} = await loaders().catch((error: unknown) => {
    closeSync(opened.fd);
    throw error;
  });
  if (candidate.format === 'js') {
    closeSync(opened.fd);
    try {
      return await js(opened.realPath);
    } catch (error) {
      throw new PolicyError(`policy ${opened.path}: loading it failed: ${reasonOf(error)}`);
    }
  }

  const content = readOpened(opened).toString('utf8').replace(/^\uFEFF/, '');
  try {
    if (candidate.format === 'yaml') return yaml(opened.path, content);
    const data = json(opened.path, content) as Record<string, unknown> | null;
    return candidate.format === 'package.json' ? data?.guard : data;
  } catch (error) {
    const kind = candidate.format === 'yaml' ? 'YAML' : 'JSON';
    throw new PolicyInvalid(opened.path, [{message: `not valid ${kind}: ${reasonOf(error)}`, path: ''}]);
  }
}

/** Validates data against the schema (loaded now); throws PolicyInvalid with every issue. */
export async function validatePolicyData(data: unknown, source: string): Promise<PolicyFile> {
  const {parsePolicyFile} = await import('../policy/schema.js');
  return parsePolicyFile(data, source);
}
