import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {root, type sandbox} from './guard.js';

// What a process loads: a preloaded hook (test/fixtures/record-requires.cjs) writes down every
// module it asks for, through require() and through import alike.
const hook = join(root, 'test/fixtures/record-requires.cjs');

export interface Request {
  kind: string;
  request: string;
  askedBy: string;
}

/** Runs `node --require <hook> <args>` in the sandbox; its exit status and every module it asked for. */
export async function recordRequests(box: ReturnType<typeof sandbox>, args: readonly string[]): Promise<{exitCode: number | undefined; stderr: string; requests: Request[]}> {
  const log = join(box.dir, 'requests.log');
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

/** What the lean bundle (dist/fast/lean.cjs) itself required. */
export const fromLeanBundle = (requests: Request[]) => requests.filter(({askedBy}) => askedBy.endsWith('dist/fast/lean.cjs')).map(({request}) => request);
