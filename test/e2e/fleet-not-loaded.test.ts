import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin, root, sandbox} from '../helpers/guard.js';

// A run or check with no fleet configured must not pay for the PostgreSQL client: it is
// loaded only where a fleet is. A preloaded hook (test/fixtures/record-requires.cjs) writes
// down every module the process asks for, through require() and through import alike.
const hook = join(root, 'test/fixtures/record-requires.cjs');
const postgresClient = /(^|\/)postgres(\/|$)|^pg$/;
const insideClient = /\/node_modules\/(postgres|pg)\//;

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

interface Request {
  kind: string;
  request: string;
  askedBy: string;
}

/** Runs `node --require <hook> <args>` in the sandbox; its exit status and every module it asked for. */
async function recordRequests(args: readonly string[]): Promise<{exitCode: number | undefined; stderr: string; requests: Request[]}> {
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

const clientRequests = (requests: Request[]) => requests.filter(({request, askedBy}) => postgresClient.test(request) || insideClient.test(askedBy));
const fromLeanBundle = (requests: Request[]) => requests.filter(({askedBy}) => askedBy.endsWith('dist/fast/lean.cjs')).map(({request}) => request);

describe('without a fleet configured', () => {
  it('guard run -- true loads no PostgreSQL client', async () => {
    const {exitCode, stderr, requests} = await recordRequests([bin, 'run', '--', 'true']);
    expect({exitCode, stderr}).toEqual({exitCode: 0, stderr: ''});
    // The hook saw the run path load its modules, the SQLite addon among them.
    expect(fromLeanBundle(requests)).toContain('better-sqlite3/build/Release/better_sqlite3.node');
    expect(clientRequests(requests)).toEqual([]);
  });

  it('guard check -- true loads no PostgreSQL client', async () => {
    const {exitCode, stderr, requests} = await recordRequests([bin, 'check', '--', 'true']);
    expect({exitCode, stderr}).toEqual({exitCode: 0, stderr: ''});
    expect(fromLeanBundle(requests).length).toBeGreaterThan(0);
    expect(clientRequests(requests)).toEqual([]);
  });
});

describe('the request recorder', () => {
  it('sees the client when a process does load it, by require or by import', async () => {
    const required = await recordRequests(['-e', "require('postgres')"]);
    expect(required.exitCode).toBe(0);
    expect(clientRequests(required.requests)).toContainEqual(expect.objectContaining({kind: 'require', request: 'postgres'}));
    const imported = await recordRequests(['--input-type=module', '-e', "await import('postgres')"]);
    expect(imported.exitCode).toBe(0);
    expect(clientRequests(imported.requests)).toContainEqual(expect.objectContaining({kind: 'import', request: 'postgres'}));
  });
});
