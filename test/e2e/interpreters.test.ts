import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
let project: string;
beforeEach(() => {
  box = sandbox();
  project = join(box.dir, 'project');
  mkdirSync(project);
});
afterEach(() => box.remove());

// The home folder is the sandbox; the commands run in a project folder inside it.
const env = () => ({...box.env, HOME: box.dir});
const check = (args: string[]) => guard(['check', ...args], {cwd: project, env: env()});
const run = (args: string[]) => guard(['run', ...args], {cwd: project, env: env()});
const rows = (query: string) => JSON.parse(execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}).trim() || '[]') as Record<string, unknown>[];

describe("an interpreter's one-liner is judged as the shell commands its calls amount to", () => {
  it('refuses a delete of the root filesystem, naming the call', async () => {
    const result = await check(['--', 'python3', '-c', 'import shutil; shutil.rmtree("/")']);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toBe('guard: refused by rule fs.rm-root: python3 -c shutil.rmtree("/"): rm -rf / would delete the root filesystem');
  });

  it.each([
    ['python3', '-c', 'open("/etc/passwd", "w").close()'],
    ['ruby', '-e', 'File.write("/etc/hosts", "")'],
    ['node', '-e', 'require("fs").writeFileSync("/etc/hosts", "")'],
    ['php', '-r', 'file_put_contents("/etc/hosts", "");'],
    ['lua', '-e', 'local f = io.open("/etc/hosts", "w"); f:close()'],
    ['awk', 'BEGIN { print "" > "/etc/passwd" }'],
  ])('refuses a truncating write into /etc: %s', async (...argv) => {
    const result = await check(['--', ...argv]);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule fs\.system-path: .*> \/etc\/(?:passwd|hosts) would (?:overwrite|truncate)/);
  });

  it('refuses a shell-out that deletes the home folder', async () => {
    const result = await check(['--', 'bash', '-c', "perl -e 'system(\"rm -rf \" . $ENV{HOME})'"]);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule fs\.rm-home: perl -e system\("rm -rf " \. \$ENV\{HOME\}\): rm -rf /);
  });

  it('refuses kill -9 -1 and fork loops', async () => {
    const kill = await check(['--', 'python3', '-c', 'import os; os.kill(-1, 9)']);
    expect(kill.stderr).toMatch(/^guard: refused by rule system\.kill-all: python3 -c os\.kill\(-1, 9\): kill -9 -1 /);
    const fork = await check(['--', 'ruby', '-e', 'loop { fork }']);
    expect(fork.stderr).toMatch(/^guard: refused by rule system\.fork-bomb: ruby -e fork in a loop: /);
  });

  it('refuses code computed when it runs, as code guard cannot check', async () => {
    const result = await check(['--', 'node', '-e', 'eval(process.argv[1])', 'x']);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toBe('guard: refused by rule fs.inline-code: node -e runs code guard cannot check: eval of code computed when it runs (process.argv[1])');
  });

  it('runs a one-liner that deletes a build folder of the project, and records it', async () => {
    mkdirSync(join(project, 'dist'));
    writeFileSync(join(project, 'dist', 'x.js'), '1');
    const result = await run(['--', 'python3', '-c', 'import shutil; shutil.rmtree("dist")']);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(project, 'dist'))).toBe(false);
    expect(rows('select status, exit_code, decision from runs')).toEqual([{status: 'succeeded', exit_code: 0, decision: 'allow'}]);
  });

  it.each([
    ['python3', '-c', 'print(open("/etc/hostname").read())'],
    ['python3', '-c', 'import os; os.remove("./app.pid")'],
    ['ruby', '-e', 'require "fileutils"; FileUtils.rm_rf("./tmp/cache")'],
    ['node', '-e', 'require("fs").rmSync("dist", {recursive: true, force: true})'],
    ['php', '-r', 'unlink("./storage/framework/down");'],
    ['perl', '-ne', 'print if /unlink/', '/etc/hosts'],
    ['awk', '-F:', '$3 >= 1000 { print $1 }', '/etc/passwd'],
  ])('lets the plainly safe through: %s', async (...argv) => {
    const result = await check(['--', ...argv]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
