import {mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolvePath} from '../../src/inspect/resolve-path.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guard-paths-'));
  mkdirSync(join(dir, 'real/sub'), {recursive: true});
  symlinkSync('/', join(dir, 'rootlink'));
  symlinkSync('/etc', join(dir, 'etclink'));
  symlinkSync(join(dir, 'real'), join(dir, 'reallink'));
});
afterAll(() => rmSync(dir, {force: true, recursive: true}));

describe('resolvePath sees a path as the kernel will', () => {
  it.each([
    ['/', '/', '/'],
    ['//etc', '/etc', '/etc'],
    ['/./usr/', '/usr', '/usr'],
    ['/tmp/../etc', '/etc', '/etc'],
    ['/no/such/../path', '/no/path', '/no/path'],
  ])('normalizes %s', (path, lexical, resolved) => {
    expect(resolvePath(path, '/home/dev')).toEqual({lexical, resolved});
  });

  it('resolves relative paths against the cwd', () => {
    expect(resolvePath('build', '/srv/app')).toEqual({lexical: '/srv/app/build', resolved: '/srv/app/build'});
    expect(resolvePath('../x', '/srv/app')).toEqual({lexical: '/srv/x', resolved: '/srv/x'});
  });

  it('keeps a final symlink as itself, and follows it with a trailing slash', () => {
    expect(resolvePath(join(dir, 'rootlink'), '/')).toEqual({lexical: join(dir, 'rootlink'), resolved: '/'});
    expect(resolvePath(`${join(dir, 'rootlink')}/`, '/')).toEqual({lexical: '/', resolved: '/'});
    expect(resolvePath(`${join(dir, 'rootlink')}/.`, '/')).toEqual({lexical: '/', resolved: '/'});
  });

  it('applies .. after a symlink, to the link\'s target', () => {
    expect(resolvePath(`${dir}/etclink/../etc`, '/')).toEqual({lexical: '/etc', resolved: '/etc'});
    expect(resolvePath(`${dir}/reallink/sub/..`, '/')).toEqual({lexical: join(dir, 'real'), resolved: join(dir, 'real')});
  });

  it('follows symlinks in the middle of a path', () => {
    expect(resolvePath(join(dir, 'rootlink/etc/passwd'), '/')).toEqual({lexical: '/etc/passwd', resolved: '/etc/passwd'});
  });
});

describe('resolvePath on paths that cannot exist', () => {
  it('keeps a path through a file as written (ENOTDIR)', () => {
    expect(resolvePath('/etc/hostname/x', '/')).toEqual({lexical: '/etc/hostname/x', resolved: '/etc/hostname/x'});
    expect(resolvePath('/dev/null/notes.txt', '/')).toEqual({lexical: '/dev/null/notes.txt', resolved: '/dev/null/notes.txt'});
  });
});
