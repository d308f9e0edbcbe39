import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {root, sandbox} from '../helpers/guard.js';

// The README's promises to someone who just cloned the repository. Its other examples run in
// docs-examples.test.ts with those of docs/.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const quickStart = /```sh\n([\s\S]*?)```/.exec(readme)![1]!.trimEnd().split('\n');

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

describe('the README', () => {
  it('starts with two commands: install and run guard, then the test suite', () => {
    expect(quickStart).toHaveLength(2);
    expect(quickStart[0]).toMatch(/^npm install && \.\/bin\/run\.js run /);
    expect(quickStart[1]).toBe('npm test');
  });

  it('installs by building: npm install runs the build through prepare, and npm test builds first', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.prepare).toBe('node scripts/build.js');
    expect(scripts.pretest).toBe('node scripts/build.js');
  });

  it('names the test command CI runs', () => {
    // A line of the script, not of a comment, runs `npm test` (in the leg on the machine's Node).
    const lines = readFileSync(join(root, '.ci/run'), 'utf8').split('\n').filter((line) => !line.trim().startsWith('#'));
    expect(lines.some((line) => /(^|[\s;(])npm test([\s;)]|$)/.test(line))).toBe(true);
  });

  it('runs the guard part of its first command on a fresh checkout: a real run, then the history that shows it', async () => {
    const guardPart = quickStart[0]!.replace(/^npm install && /, '');
    const result = await execa('sh', ['-c', guardPart], {
      cwd: root,
      env: {...box.env, HOME: box.dir, PATH: `${dirname(process.execPath)}:/usr/bin:/bin`},
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const [greeting, header, row] = result.stdout.split('\n');
    expect(greeting).toMatch(/^hello from \S+$/);
    expect(header).toMatch(/^ID\s+STARTED\s+TOOK\s+STATUS\s+EXIT\s+NAME\s+COMMAND$/);
    expect(row).toMatch(/^ 1 .* \+ succeeded +0 +hello +sh -c /);
  });

  it('lists every exit status of guard run in its exit-status table', () => {
    const start = readme.indexOf('### Exit status');
    const table = readme.slice(start, readme.indexOf('\n## ', start));
    for (const status of ['the command\'s own', '128+N', '124', '126 / 127', '64', '70', '74', '75', '77', '78']) expect(table).toContain(`| ${status} |`);
  });

  it('points only to documents that ship in the repository', () => {
    const links = [...readme.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)].map((match) => match[1]!).filter((link) => !/^https?:/.test(link));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(() => readFileSync(join(root, link)), link).not.toThrow();
  });
});
