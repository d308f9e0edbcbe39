import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/gate.js';
import {bin, guard, sandbox} from '../helpers/guard.js';
import {eventually} from '../helpers/processes.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
  // Other users must reach the policy and the shared folder through the sandbox.
  chmodSync(box.dir, 0o755);
});
afterEach(() => box.remove());

const shared = () => join(box.dir, 'shared-locks');
// Where locks live is the machine's to say: each user's own policy (or the system's), never a project's.
const policy = () => join(box.env.XDG_CONFIG_HOME!, 'guard/policy.yaml');
const writePolicy = (path: string, yaml: string) => {
  mkdirSync(join(path, '..'), {recursive: true, mode: 0o755});
  writeFileSync(path, yaml, {mode: 0o644});
};

describe('policy locks.dir: one lock folder for the jobs of several users', () => {
  beforeEach(() => writePolicy(policy(), `locks:\n  dir: ${shared()}\n`));

  it('makes the folder 1777 and its lock files 0644, and locks there', async () => {
    const result = await guard(['run', '--lock', 'nightly', '--', 'sh', '-c', `stat -c %a ${join(shared(), 'nightly.lock')}`], {env: box.env});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('644');
    expect(statSync(shared()).mode & 0o7777).toBe(0o1777);
    expect(existsSync(join(box.dir, 'state/locks'))).toBe(false);
  });

  it('makes another user wait for a lock held by this one: 75 for them, until it is let go', async () => {
    const go = join(box.dir, 'go');
    const holder = guard(['run', '--lock', 'nightly', '--', 'sh', '-c', `${waitFor(go)}`], {env: box.env});
    expect(await eventually(() => existsSync(join(shared(), 'nightly.lock')), 20_000)).toBe(true);
    // nobody has a state folder of its own; the lock folder is the shared one.
    const theirs = join(box.dir, 'nobody');
    mkdirSync(theirs, {mode: 0o700});
    writePolicy(join(theirs, 'config/guard/policy.yaml'), `locks:\n  dir: ${shared()}\n`);
    execFileSync('chown', ['nobody', theirs]);
    const asNobody = () =>
      execFileSync(
        'sh',
        ['-c', `setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=${theirs} XDG_STATE_HOME=${theirs}/state XDG_CONFIG_HOME=${theirs}/config node ${bin} run --lock nightly -- true; echo "status $?"`],
        {cwd: theirs, encoding: 'utf8', env: {PATH: process.env.PATH}, stdio: ['ignore', 'pipe', 'pipe']},
      ).trim();
    expect(asNobody()).toBe('status 75');
    writeFileSync(go, '');
    expect((await holder).exitCode).toBe(0);
    expect(asNobody()).toBe('status 0');
  });

  it('says in one line, and does not hang, when the folder cannot be made (a parent that refuses mkdir, as /proc does)', async () => {
    writePolicy(policy(), 'locks:\n  dir: /proc/guard-locks\n');
    const marker = join(box.dir, 'marker');
    const result = await guard(['run', '--lock', 'x', '--', 'touch', marker], {env: box.env});
    expect(result.exitCode).toBe(74);
    expect(result.stderr).toBe("guard: lock /proc/guard-locks/x.lock: ENOENT: no such file or directory, mkdir '/proc/guard-locks'");
    expect(existsSync(marker)).toBe(false);
  });

  it('runs, without a policy cache, when the state folder cannot be made', async () => {
    const result = await guard(['run', '--', 'true'], {env: {...box.env, XDG_STATE_HOME: '/proc/guard-state'}});
    expect(result.exitCode).toBe(0);
  });
});

