import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fileAccess} from '../../src/inspect/files.js';

let dir: string;
const env = {PATH: '/usr/local/bin:/usr/bin:/bin'};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guard-files-'));
  mkdirSync(join(dir, 'tools'));
  symlinkSync('/bin/rm', join(dir, 'myrm'));
  symlinkSync('/bin/echo', join(dir, 'tools/rm'));
  mkdirSync(join(dir, 'chain'));
  symlinkSync('/usr/bin/python3', join(dir, 'chain/deployer'));
  symlinkSync(join(dir, 'chain/deployer'), join(dir, 'link'));
  copyFileSync('/bin/dd', join(dir, 'tools/sync-tool'));
  copyFileSync('/bin/bash', join(dir, 'helper'));
  writeFileSync(join(dir, 'deploy.sh'), '#!/usr/bin/env bash\nrm -rf ./build\n');
  writeFileSync(join(dir, 'notes.txt'), 'just text\n');
  symlinkSync(join(dir, 'deploy.sh'), join(dir, 'to-script'));
  writeFileSync(join(dir, 'wipe'), 'rm -rf ./build\n', {mode: 0o755});
  writeFileSync(join(dir, 'tool.py'), '#!/usr/bin/env python3\nprint(1)\n');
  writeFileSync(join(dir, 'big.sh'), `#!/bin/sh\n${'#'.repeat(1 << 20)}\n`);
  chmodSync(join(dir, 'helper'), 0o755);
});
afterAll(() => rmSync(dir, {force: true, recursive: true}));

describe('fileAccess tells what a program path really is', () => {
  it('follows a symlink to a known program', () => {
    const files = fileAccess(env);
    expect(files.identify(join(dir, 'myrm'))).toBe('rm');
    expect(files.identify(join(dir, 'tools/rm'))).toBe('echo');
  });

  it('takes a chain of links for the name nearest the real file that guard knows or the policy judges', () => {
    // link → chain/deployer → /usr/bin/python3 → python3.N: python3 is known, python3.N is not.
    expect(fileAccess(env).identify(join(dir, 'link'))).toBe('python3');
    // A name the policy judges counts like a known one; the one nearest the real file wins.
    expect(fileAccess(env, (name) => name === 'deployer').identify(join(dir, 'link'))).toBe('python3');
    expect(fileAccess(env, (name) => /^python3\.\d+$/.test(name)).identify(join(dir, 'link'))).toMatch(/^python3\.\d+$/);
    // A link to a program no one judges keeps the name it is called by.
    expect(fileAccess(env).identify(join(dir, 'to-script'))).toBeUndefined();
  });

  it('takes a known program in a PATH folder for what it is called there', () => {
    expect(fileAccess({PATH: join(dir, 'tools')}).identify(join(dir, 'tools/sync-tool'))).toBeUndefined();
    expect(fileAccess({PATH: '/usr/bin:/bin'}).identify('/usr/bin/rm')).toBe('rm');
  });

  it('knows a copy of a known program by its content', () => {
    const files = fileAccess(env);
    expect(files.identify(join(dir, 'tools/sync-tool'))).toBe('dd');
    expect(files.identify(join(dir, 'helper'))).toBe('bash');
  });

  it('reads a copy of a shell-script program as the script it is, and still names a copy of another script', () => {
    // Both programs are judged by name in a PATH folder of the test's own; each copy is over 4 KiB.
    const judged = (name: string) => name === 'svc-tool' || name === 'fw-tool';
    mkdirSync(join(dir, 'sbin'));
    const filler = `# ${'-'.repeat(78)}\n`.repeat(64);
    writeFileSync(join(dir, 'sbin/svc-tool'), `#!/bin/sh\n${filler}systemctl "$@"\n`, {mode: 0o755});
    writeFileSync(join(dir, 'sbin/fw-tool'), `#!/usr/bin/python3\n${filler}print(1)\n`, {mode: 0o755});
    copyFileSync(join(dir, 'sbin/svc-tool'), join(dir, 'svc-copy'));
    copyFileSync(join(dir, 'sbin/fw-tool'), join(dir, 'fw-copy'));
    const files = fileAccess({PATH: join(dir, 'sbin')}, judged);
    // guard walks a shell script's code: what it runs is judged there, not by a name.
    expect(files.identify(join(dir, 'svc-copy'))).toBeUndefined();
    expect(files.isShellScript(join(dir, 'svc-copy'))).toBe(true);
    expect(files.identify(join(dir, 'fw-copy'))).toBe('fw-tool');
  });

  it('knows a copy of a program of the system\'s own sbin folders where PATH lacks them', () => {
    copyFileSync('/usr/sbin/mke2fs', join(dir, 'fmt-tool'));
    expect(fileAccess({PATH: '/usr/bin:/bin'}, (name) => name === 'mke2fs').identify(join(dir, 'fmt-tool'))).toBe('mke2fs');
  });

  it('says nothing of a script, a text file or a path that does not exist', () => {
    const files = fileAccess(env);
    expect(files.identify(join(dir, 'deploy.sh'))).toBeUndefined();
    expect(files.identify(join(dir, 'notes.txt'))).toBeUndefined();
    expect(files.identify(join(dir, 'missing'))).toBeUndefined();
  });
});

describe('fileAccess finds a program in a folder the command put on PATH', () => {
  it('gives the file the shell would run from a folder guard\'s own PATH lacks', () => {
    const files = fileAccess(env);
    expect(files.addedToPath('sync-tool', `${join(dir, 'tools')}:${env.PATH}`, '/')).toBe(join(dir, 'tools/sync-tool'));
    // Relative entries are searched from the folder the command runs in; an empty one is that folder.
    expect(files.addedToPath('sync-tool', `./tools:${env.PATH}`, dir)).toBe(join(dir, 'tools/sync-tool'));
    expect(files.addedToPath('helper', `:${env.PATH}`, dir)).toBe(join(dir, 'helper'));
  });

  it('says nothing when the shell would find the name where guard\'s PATH has it, or nowhere', () => {
    const files = fileAccess(env);
    // tools/rm comes after /bin on this PATH: the shell runs /bin/rm.
    expect(files.addedToPath('rm', `${env.PATH}:${join(dir, 'tools')}`, '/')).toBeUndefined();
    expect(files.addedToPath('sync-tool', env.PATH, '/')).toBeUndefined();
    expect(files.addedToPath('no-such-program', `${join(dir, 'tools')}:${env.PATH}`, '/')).toBeUndefined();
    // A file without an execute bit is passed over, as the shell passes it over.
    expect(files.addedToPath('notes.txt', `${dir}:${env.PATH}`, '/')).toBeUndefined();
  });
});

describe('fileAccess reads the scripts a command runs', () => {
  it('reads a script, and tells a shell script by its shebang', () => {
    const files = fileAccess(env);
    expect(files.script(join(dir, 'deploy.sh'))).toEqual({text: '#!/usr/bin/env bash\nrm -rf ./build\n'});
    expect(files.isShellScript(join(dir, 'deploy.sh'))).toBe(true);
    // An executable text file with no `#!` line is run by the shell that starts it.
    expect(files.isShellScript(join(dir, 'notes.txt'))).toBe(false);
    expect(files.isShellScript(join(dir, 'wipe'))).toBe(true);
    expect(files.isShellScript(join(dir, 'tool.py'))).toBe(false);
    expect(files.isShellScript(join(dir, 'helper'))).toBe(false);
  });

  it('has nothing for a missing file, and keeps what it could not read for the policy', () => {
    const files = fileAccess(env);
    expect(files.script(join(dir, 'missing.sh'))).toBeUndefined();
    expect(files.script(join(dir, 'big.sh'))).toEqual({problem: `${join(dir, 'big.sh')} is over 1 MiB, too large to check`});
    expect(files.unread).toEqual([{file: join(dir, 'big.sh'), problem: `${join(dir, 'big.sh')} is over 1 MiB, too large to check`}]);
  });
});

describe('fileAccess expands a glob in a program path as the shell would', () => {
  it('matches each segment against the folder it names', () => {
    const files = fileAccess(env);
    expect(files.glob('/b??/r?', '/')).toContain('/bin/rm');
    expect(files.glob('./tools/*', dir)).toEqual([join(dir, 'tools/rm'), join(dir, 'tools/sync-tool')]);
    expect(files.glob('./tools/[s]*', dir)).toEqual([join(dir, 'tools/sync-tool')]);
    expect(files.glob('/nonexistent/r?', '/')).toEqual([]);
  });
});
