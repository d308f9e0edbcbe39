import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
  mkdirSync(join(box.dir, 'proj'));
});
afterEach(() => box.remove());

const check = (args: string[]) => guard(['check', ...args], {cwd: join(box.dir, 'proj'), env: {...box.env, HOME: box.dir}});
const project = (policy: object) => writeFileSync(join(box.dir, 'proj/.guardrc.json'), JSON.stringify(policy));

describe('paths.protect and paths.allow of a project policy', () => {
  it('refuses what the project protects, and lets through what it carves out of its own protection', async () => {
    project({paths: {protect: ['data/**'], allow: ['data/tmp/**']}});
    expect((await check(['--', 'rm', '-rf', 'data/tmp/cache'])).exitCode).toBe(0);
    const refused = await check(['--', 'rm', '-rf', 'data/reports']);
    expect(refused.exitCode).toBe(77);
    expect(refused.stderr).toMatch(/^guard: refused by rule paths\.protect: rm -rf data\/reports would delete .*\/proj\/data\/reports, protected by the policy \(data\/\*\*\)$/);
  });

  it('cannot carve out of the built-in protected paths', async () => {
    project({paths: {allow: ['/**', '/etc/**']}});
    expect((await check(['--', 'rm', '-rf', '/'])).exitCode).toBe(77);
    expect((await check(['--', 'rm', '-rf', '/etc/ssh'])).exitCode).toBe(77);
  });
});
