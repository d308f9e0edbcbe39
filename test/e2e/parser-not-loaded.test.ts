import {readdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin, sandbox} from '../helpers/guard.js';
import {type Request, fromLeanBundle, recordRequests} from '../helpers/requests.js';

// Issue 15: code of plain words (`sh -c true`) is read without loading web-tree-sitter and the
// bash grammar (src/shell/plain.ts); code that is more than words still loads them.
let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const parserRequests = (requests: Request[]) => requests.filter(({request, askedBy}) => /web-tree-sitter|tree-sitter-bash/.test(request) || /\/node_modules\/web-tree-sitter\//.test(askedBy));

describe('code of plain words handed to a shell', () => {
  it('guard run -- sh -c true runs it and loads no shell parser', async () => {
    const {exitCode, stderr, requests} = await recordRequests(box, [bin, 'run', '--', 'sh', '-c', 'true']);
    expect({exitCode, stderr}).toEqual({exitCode: 0, stderr: ''});
    expect(fromLeanBundle(requests).length).toBeGreaterThan(0);
    expect(parserRequests(requests)).toEqual([]);
  });

  it("guard check -- sudo sh -c 'rm -rf /' refuses it without the shell parser", async () => {
    const {exitCode, stderr, requests} = await recordRequests(box, [bin, 'check', '--', 'sudo', 'sh', '-c', 'rm -rf /']);
    expect(exitCode).toBe(77);
    expect(stderr).toContain('rm -rf /');
    expect(parserRequests(requests)).toEqual([]);
  });

  it("guard check -- sh -c 'true && true' loads the parser for code that is more than words", async () => {
    const {exitCode, stderr, requests} = await recordRequests(box, [bin, 'check', '--', 'sh', '-c', 'true && true']);
    expect({exitCode, stderr}).toEqual({exitCode: 0, stderr: ''});
    expect(parserRequests(requests)).toContainEqual(expect.objectContaining({request: 'web-tree-sitter'}));
  });
});

// Code parsed once is kept in the state folder (src/inspect/tree-cache.ts): checked again, it is
// decided the same, word for word, without the parser.
describe('code parsed by an earlier run', () => {
  const twice = async (args: string[]) => {
    const first = await recordRequests(box, args);
    const again = await recordRequests(box, args);
    expect(parserRequests(first.requests)).toContainEqual(expect.objectContaining({request: 'web-tree-sitter'}));
    return {first, again};
  };

  it("guard check -- sh -c 'true && rm -rf /etc' is refused the same from the cache, without the parser", async () => {
    const {first, again} = await twice([bin, 'check', '--', 'sh', '-c', 'true && rm -rf /etc']);
    expect(first.exitCode).toBe(77);
    expect(first.stderr).toContain('rm -rf /etc');
    expect({exitCode: again.exitCode, stderr: again.stderr}).toEqual({exitCode: first.exitCode, stderr: first.stderr});
    expect(parserRequests(again.requests)).toEqual([]);
    const folder = join(box.env.XDG_STATE_HOME!, 'guard/parse-cache');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(folder)) expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);
  });

  it('a script file with a syntax error is reported at the same line from the cache', async () => {
    const script = join(box.dir, 'broken.sh');
    writeFileSync(script, '#!/bin/sh\necho start\nif true; then\n  rm -rf /var/lib\n', {mode: 0o755});
    const {first, again} = await twice([bin, 'check', '--', script]);
    expect(first.exitCode).toBe(77);
    expect(first.stderr).toMatch(/broken\.sh:\d+/);
    expect({exitCode: again.exitCode, stderr: again.stderr}).toEqual({exitCode: first.exitCode, stderr: first.stderr});
    expect(parserRequests(again.requests)).toEqual([]);
  });

  it('a state folder guard cannot write only costs the cache: both runs decide alike, both parse', async () => {
    writeFileSync(join(box.dir, 'state-is-a-file'), '');
    box.env.XDG_STATE_HOME = join(box.dir, 'state-is-a-file');
    const {first, again} = await twice([bin, 'check', '--', 'sh', '-c', 'true && rm -rf /etc']);
    expect(first.exitCode).toBe(77);
    expect({exitCode: again.exitCode, stderr: again.stderr}).toEqual({exitCode: first.exitCode, stderr: first.stderr});
    expect(parserRequests(again.requests)).toContainEqual(expect.objectContaining({request: 'web-tree-sitter'}));
  });
});

// A command guard runs may not change guard's own files: it could plant a tree that makes a
// later command read as harmless, or rewrite the record of its own run.
describe("guard's own files", () => {
  it('refuses writes into the state folder and to the audit log, wherever they are, and allows reading them', async () => {
    const state = join(box.env.XDG_STATE_HOME!, 'guard');
    const cases: Array<[string, number]> = [
      [`cp ./planted.tree ${state}/parse-cache/`, 77],
      [`echo x > ${state}/parse-cache/0123.tree`, 77],
      [`rm -f ${box.env.GUARD_DB}`, 77],
      [`rm -rf ${box.env.XDG_STATE_HOME}`, 77],
      [`ls -la ${state}; cp ${box.env.GUARD_DB} ./copy.db`, 0],
    ];
    for (const [code, status] of cases) {
      const {exitCode, stderr} = await recordRequests(box, [bin, 'check', '--', 'sh', '-c', code]);
      expect({code, exitCode}).toEqual({code, exitCode: status});
      if (status === 77) expect(stderr).toContain('fs.guard-state');
    }
  });
});
