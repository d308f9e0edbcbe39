import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin, sandbox} from '../helpers/guard.js';
import {type Request, fromLeanBundle, recordRequests as record} from '../helpers/requests.js';

// A run or check with no fleet configured must not pay for the PostgreSQL client: it is
// loaded only where a fleet is.
const postgresClient = /(^|\/)postgres(\/|$)|^pg$/;
const insideClient = /\/node_modules\/(postgres|pg)\//;

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const recordRequests = (args: readonly string[]) => record(box, args);
const clientRequests = (requests: Request[]) => requests.filter(({request, askedBy}) => postgresClient.test(request) || insideClient.test(askedBy));

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
