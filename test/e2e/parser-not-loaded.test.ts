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
