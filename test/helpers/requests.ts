import {readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {root} from './guard.js';

// A preloaded hook (test/fixtures/record-requires.cjs) writes down every module the process
// asks for, through require() and through import alike: what a run loads, and what it does not.
const hook = join(root, 'test/fixtures/record-requires.cjs');

export interface Request {
  kind: string;
  request: string;
  askedBy: string;
}

/** Runs `node --require <hook> <args>` in the sandbox; its exit status and every module it asked for. */
export async function recordRequests(box: {dir: string; env: Record<string, string>}, args: readonly string[]): Promise<{exitCode: number | undefined; stderr: string; requests: Request[]}> {
  const log = join(box.dir, 'requests.log');
  // The hook appends: a second run in the same sandbox lists only its own requests.
  rmSync(log, {force: true});
  const result = await execa(process.execPath, ['--require', hook, ...args], {
    env: {...process.env, ...box.env, HOME: box.dir, NODE_OPTIONS: undefined, GUARD_TEST_REQUIRE_LOG: log},
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
  });
  const requests = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [kind = '', request = '', askedBy = ''] = line.split('\t');
      return {kind, request, askedBy};
    });
  return {exitCode: result.exitCode, stderr: result.stderr, requests};
}

/** What a lean bundle asked for: that of `guard run`, `check` and `locks` (lean), or of `guard history` (read). */
export const fromLeanBundle = (requests: Request[], bundle: 'lean' | 'read' = 'lean') =>
  requests.filter(({askedBy}) => askedBy.endsWith(`dist/fast/${bundle}.cjs`)).map(({request}) => request);
