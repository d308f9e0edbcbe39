import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {scriptFile} from '../../src/inspect/script-file.js';

let dir: string;
const script = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  chmodSync(join(dir, name), 0o755);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guard-scripts-'));
  mkdirSync(join(dir, 'bin'));
  script('backup.sh', '#!/bin/sh\nrm -rf "$1"\n');
  script('env-bash.sh', '#!/usr/bin/env bash\necho hi\n');
  script('bin/in-path', '#!/bin/dash -e\necho from path\n');
  script('tool.py', '#!/usr/bin/env python3\nprint(1)\n');
  writeFileSync(join(dir, 'big.sh'), `#!/bin/sh\n${'#'.repeat(1 << 20)}\n`);
  execFileSync('mkfifo', [join(dir, 'fifo.sh')]);
});
afterAll(() => rmSync(dir, {force: true, recursive: true}));

describe('scriptFile finds the shell script a command runs', () => {
  it('reads a script named by path, with the arguments it gets', () => {
    expect(scriptFile(['./backup.sh', '/srv/data'], dir, {})).toEqual({file: './backup.sh', args: ['/srv/data'], text: '#!/bin/sh\nrm -rf "$1"\n'});
  });

  it('follows #!/usr/bin/env bash and finds a script through a PATH folder of the project', () => {
    expect(scriptFile([join(dir, 'env-bash.sh')], '/', {})).toMatchObject({text: '#!/usr/bin/env bash\necho hi\n'});
    expect(scriptFile(['in-path', 'x'], dir, {PATH: `/nonexistent:${join(dir, 'bin')}`})).toMatchObject({file: 'in-path', args: ['x']});
    expect(scriptFile(['in-path', 'x'], join(dir, 'bin'), {PATH: `/nonexistent:.`})).toMatchObject({file: 'in-path', args: ['x']});
  });

  it('takes a bare name found in an installed folder as the program it is called, unread (zgrep, a python3 shim)', () => {
    expect(scriptFile(['in-path', 'x'], '/', {PATH: `/nonexistent:${join(dir, 'bin')}`})).toBeUndefined();
    expect(scriptFile(['in-path', 'x'], '/srv', {PATH: join(dir, 'bin')})).toBeUndefined();
    expect(scriptFile([join(dir, 'bin', 'in-path'), 'x'], '/srv', {})).toMatchObject({file: join(dir, 'bin', 'in-path')});
  });

  it('reads the file of sh FILE and bash FILE ARGS', () => {
    expect(scriptFile(['sh', 'backup.sh', '/x'], dir, {})).toMatchObject({file: 'backup.sh', args: ['/x']});
    expect(scriptFile(['bash', join(dir, 'env-bash.sh')], '/', {})).toMatchObject({args: []});
  });

  it('finds the file after the shell\'s own options, so `bash -e FILE` is read like `bash FILE`', () => {
    expect(scriptFile(['bash', '-e', 'backup.sh', '/x'], dir, {})).toMatchObject({file: 'backup.sh', args: ['/x']});
    expect(scriptFile(['sh', '-eu', '-o', 'pipefail', 'backup.sh'], dir, {})).toMatchObject({file: 'backup.sh', args: []});
    expect(scriptFile(['bash', '+O', 'extglob', '--norc', '-x', '--', 'backup.sh', '-v'], dir, {})).toMatchObject({file: 'backup.sh', args: ['-v']});
    expect(scriptFile(['bash', '--rcfile', 'env-bash.sh', 'backup.sh'], dir, {})).toMatchObject({file: 'backup.sh'});
    expect(scriptFile(['dash', '-', 'backup.sh'], dir, {})).toMatchObject({file: 'backup.sh'});
  });

  it('reads no file when the code comes from -c or stdin, or nothing runs', () => {
    for (const argv of [['sh', '-ec', 'rm -rf /'], ['bash', '-s', 'backup.sh'], ['sh', '-x'], ['bash', '--help'], ['sh', '--']]) expect(scriptFile(argv, dir, {}), argv.join(' ')).toBeUndefined();
  });

  it('reads an executable text file with no #! line, which execvp runs with /bin/sh', () => {
    script('plain-job', 'rm -rf ./build\n');
    expect(scriptFile(['./plain-job'], dir, {})).toEqual({file: './plain-job', args: [], text: 'rm -rf ./build\n'});
    writeFileSync(join(dir, 'notes.txt'), 'not a program\n');
    expect(scriptFile(['./notes.txt'], dir, {})).toBeUndefined();
  });

  it('leaves programs that are not shell scripts alone', () => {
    expect(scriptFile(['./tool.py'], dir, {})).toBeUndefined();
    expect(scriptFile(['true'], dir, {PATH: '/usr/bin:/bin'})).toBeUndefined();
    expect(scriptFile(['sh', '-c', 'rm -rf /'], dir, {})).toBeUndefined();
  });

  it('reports a script too large or not a regular file, without hanging on a FIFO', () => {
    expect(scriptFile(['sh', 'big.sh'], dir, {})).toEqual({file: 'big.sh', problem: `${join(dir, 'big.sh')} is over 1 MiB, too large to check`});
    expect(scriptFile(['sh', 'fifo.sh'], dir, {})).toEqual({file: 'fifo.sh', problem: `${join(dir, 'fifo.sh')} is not a regular file`});
    expect(scriptFile(['sh', 'missing.sh'], dir, {})).toMatchObject({problem: expect.stringContaining('ENOENT')});
  });
});
