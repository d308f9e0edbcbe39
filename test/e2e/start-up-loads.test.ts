import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin, guard, sandbox} from '../helpers/guard.js';
import {fromLeanBundle, recordRequests} from '../helpers/requests.js';

// Start-up is part of the product: each of Node's own modules costs guard's start-up, and
// node:crypto alone brings some sixteen. `guard check` runs nothing and records nothing, so it
// loads neither the runner's modules nor the audit log; `guard run` loads the shell parser
// only for a script.
let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const nodeModules = (requests: {request: string}[]) => [...new Set(requests.map(({request}) => request.replace(/^node:/, '')))];

describe("what guard's start-up loads", () => {
  it('guard check -- true loads neither the runner (child_process, net, tty) nor crypto nor the audit log', async () => {
    const {exitCode, stderr, requests} = await recordRequests(box, [bin, 'check', '--', 'true']);
    expect({exitCode, stderr}).toEqual({exitCode: 0, stderr: ''});
    expect(fromLeanBundle(requests).length).toBeGreaterThan(0);
    const loaded = nodeModules(requests);
    for (const heavy of ['child_process', 'net', 'tty', 'crypto', 'readline', 'v8', 'web-tree-sitter']) expect(loaded).not.toContain(heavy);
    expect(loaded.filter((name) => name.includes('better_sqlite3'))).toEqual([]);
  });

  it('guard run -- true loads the runner and the audit log, and neither the shell parser nor readline nor v8 nor crypto nor tty', async () => {
    // The first run makes the log (its source id is a random UUID) and the code cache (a random
    // temporary name): both load node:crypto once. Every run after it is what is measured here.
    expect((await recordRequests(box, [bin, 'run', '--', 'true'])).exitCode).toBe(0);
    const {exitCode, stderr, requests} = await recordRequests(box, [bin, 'run', '--', 'true']);
    expect({exitCode, stderr}).toEqual({exitCode: 0, stderr: ''});
    const loaded = nodeModules(requests);
    expect(loaded).toEqual(expect.arrayContaining(['child_process', 'better-sqlite3/build/Release/better_sqlite3.node']));
    // The row's hash is @noble/hashes', bundled: node:crypto loads only for the rarer digests.
    for (const lazy of ['readline', 'v8', 'web-tree-sitter', 'crypto']) expect(loaded).not.toContain(lazy);
    // node:tty only where an output is a terminal; here both are pipes.
    expect(loaded).not.toContain('tty');
  });

  it.each([['history'], ['show', '1'], ['stats'], ['verify']])('guard %s (reading the log) loads neither the policy engine nor the shell layer', async (...command) => {
    // A log with a run in it, so that what reads a row is loaded too.
    expect((await guard(['run', '--', 'true'], {env: box.env})).exitCode).toBe(0);
    const {exitCode, requests} = await recordRequests(box, [bin, ...command]);
    expect(exitCode).toBe(0);
    const own = requests.map(({request}) => request).filter((request) => /\/(policy|shell|policy-files)\//.test(request));
    expect(own).toEqual([]);
    expect(nodeModules(requests)).not.toContain('web-tree-sitter');
  });

  const oclif = (requests: {request: string}[]) => requests.filter(({request}) => request.includes('@oclif/core'));

  const typed = (...lists: string[][]) => lists.map((words) => [words.join(' '), words] as const);

  it.each(typed(['history'], ['history', '--failed', '--json'], ['history', '--limit=1', '--name', 'x'], ['show', '1'], ['show', '--json', '1'], ['stats'], ['stats', '--name', 'x', '--json'], ['verify']))('guard %s reads the log on the lean path: its bundle, never @oclif/core', async (_, command) => {
    expect((await guard(['run', '--', 'true'], {env: box.env})).exitCode).toBe(0);
    const {exitCode, stderr, requests} = await recordRequests(box, [bin, ...command]);
    expect({exitCode, stderr}).toEqual({exitCode: 0, stderr: ''});
    expect(fromLeanBundle(requests, 'read')).toContain('better-sqlite3/build/Release/better_sqlite3.node');
    expect(oclif(requests)).toEqual([]);
  });

  it.each(typed(['locks'], ['locks', '--json']))('guard %s lists the locks on the lean path: the bundle of run and check, never @oclif/core', async (_, command) => {
    expect((await guard(['run', '--', 'true'], {env: box.env})).exitCode).toBe(0);
    const {exitCode, stderr, requests} = await recordRequests(box, [bin, ...command]);
    expect({exitCode, stderr}).toEqual({exitCode: 0, stderr: ''});
    expect(fromLeanBundle(requests)).toContain('better-sqlite3/build/Release/better_sqlite3.node');
    expect(oclif(requests)).toEqual([]);
  });

  it.each(typed(['history', '--help'], ['history', '-h'], ['history', '--fleet'], ['show', '1', '--help'], ['show', '--fleet', 'web2:1'], ['stats', '--fleet'], ['verify', '--fleet'], ['locks', '--help'], ['locks', '--fleet']))('guard %s goes to oclif, which words help and reads the fleet', async (_, command) => {
    const {requests} = await recordRequests(box, [bin, ...command]);
    expect(oclif(requests).length).toBeGreaterThan(0);
  });
});
