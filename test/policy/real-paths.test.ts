import {mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {resolvePath} from '../../src/inspect/resolve-path.js';
import {defaultPolicy} from '../../src/policy/defaults.js';
import {evaluate} from '../../src/policy/evaluate.js';
import {analyzeScript} from '../../src/shell/index.js';
import {fired, shell} from './fixture.js';

// The same decisions as with the in-memory table, through the resolver guard really uses.
const dir = mkdtempSync(join(tmpdir(), 'guard-policy-'));
mkdirSync(join(dir, 'pm'));
symlinkSync('/', join(dir, 'rootlink'));
symlinkSync('/etc', join(dir, 'pm', 'link'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const decide = async (script: string) => evaluate(await analyzeScript(script, shell), defaultPolicy(), {home: '/home/dev', resolvePath});

describe('paths through the real resolver (real symlinks in a temporary folder)', () => {
  test('rm of a link to / removes only the link', async () => {
    expect((await decide(`rm -rf ${dir}/rootlink`)).findings).toEqual([]);
  });

  test('with a trailing slash or a glob it reaches /', async () => {
    expect(fired(await decide(`rm -rf ${dir}/rootlink/`))).toEqual(['fs.rm-root@deny']);
    expect(fired(await decide(`rm -rf ${dir}/rootlink/*`))).toEqual(['fs.rm-root@deny']);
  });

  test('link/.. is resolved after the link, as the kernel does', async () => {
    expect(fired(await decide(`rm -rf ${dir}/pm/link/../etc`))).toEqual(['fs.protected-path@deny']);
  });

  test('a write follows a link into /etc', async () => {
    expect(fired(await decide(`echo x > ${dir}/pm/link/hosts`))).toEqual(['fs.system-path@deny']);
  });

  test('a temporary folder of its own is the operator’s business', async () => {
    expect((await decide(`rm -rf ${dir}/pm`)).findings).toEqual([]);
  });
});
