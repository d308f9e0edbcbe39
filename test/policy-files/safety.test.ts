import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, closeSync, lchownSync, mkdirSync, symlinkSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {PolicyError} from '../../src/policy/schema-errors.js';
import {openPolicy, readOpened} from '../../src/policy-files/secure-open.js';
import {policySandbox, type PolicySandbox} from './fixture.js';

const nobody = 65534;
const nogroup = 65534;

let box: PolicySandbox;
beforeEach(() => {
  box = policySandbox();
});
afterEach(() => box.remove());

function refusal(path: string): string {
  try {
    closeSync(openPolicy(path).fd);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).exitCode).toBe(78);
    return (error as Error).message;
  }

  throw new Error(`expected ${path} to be refused`);
}

describe('opening a policy file safely (as root: other owners made with chown)', () => {
  it('opens a file owned by the running user that only its owner can write, and reads it from the descriptor', () => {
    const path = box.write('safe/policy.yaml', 'rules: []\n');
    const opened = openPolicy(path);
    expect(opened.realPath).toBe(path);
    expect(readOpened(opened).toString()).toBe('rules: []\n');
  });

  it('refuses a file writable by others', () => {
    const path = box.write('p/policy.yaml', '{}', 0o666);
    expect(refusal(path)).toBe(`policy ${path} is unsafe to load: writable by others (mode 0666; chmod go-w ${path})`);
  });

  it('refuses a file writable by a group that is not its owner\'s private group', () => {
    const path = box.write('p/policy.yaml', '{}', 0o664);
    chownSync(path, 0, nogroup);
    expect(refusal(path)).toContain('writable by group nogroup (65534)');
  });

  it("accepts a file writable by its owner's private group (root's is root)", () => {
    const path = box.write('p/policy.yaml', '{}', 0o664);
    chownSync(path, 0, 0);
    closeSync(openPolicy(path).fd);
  });

  it('refuses a file owned by another user who is not root', () => {
    const path = box.write('p/policy.yaml', '{}', 0o644);
    chownSync(path, nobody, nogroup);
    expect(refusal(path)).toContain('owned by nobody (65534), neither root nor you');
  });

  it('refuses a file in a folder writable by others without the sticky bit, however far up', () => {
    const path = box.write('a/b/c/policy.yaml', '{}');
    chmodSync(join(box.dir, 'a'), 0o777);
    expect(refusal(path)).toBe(`policy ${path} is unsafe to load: its folder ${join(box.dir, 'a')} is writable by others without the sticky bit (mode 0777)`);
  });

  it('accepts a folder writable by others when it has the sticky bit, as /tmp does', () => {
    const path = box.write('sticky/policy.yaml', '{}');
    chmodSync(join(box.dir, 'sticky'), 0o1777);
    closeSync(openPolicy(path).fd);
  });

  it('refuses a folder writable by another group, or owned by another user', () => {
    const path = box.write('g/policy.yaml', '{}');
    chmodSync(join(box.dir, 'g'), 0o775);
    chownSync(join(box.dir, 'g'), 0, nogroup);
    expect(refusal(path)).toContain('is writable by group nogroup (65534) without the sticky bit');
    const other = box.write('o/policy.yaml', '{}');
    chownSync(join(box.dir, 'o'), nobody, nogroup);
    expect(refusal(other)).toContain(`its folder ${join(box.dir, 'o')} is owned by nobody (65534)`);
  });

  it('refuses a FIFO at once instead of blocking on it', () => {
    mkdirSync(join(box.dir, 'f'));
    const path = join(box.dir, 'f/policy.yaml');
    execFileSync('mkfifo', [path]);
    // Nothing writes to the FIFO: an open that blocked would never return.
    expect(refusal(path)).toContain('not a regular file');
  });

  it('refuses a folder, a device and a file over 1 MiB', () => {
    mkdirSync(join(box.dir, 'd/policy.yaml'), {recursive: true});
    expect(refusal(join(box.dir, 'd/policy.yaml'))).toContain('not a regular file');
    expect(refusal('/dev/null')).toContain('not a regular file');
    const big = box.write('big/policy.yaml', `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(refusal(big)).toMatch(/larger than 1 MiB \(\d+ bytes\)/);
  });

  it('follows a symbolic link only through folders that are safe, and says where it led', () => {
    const target = box.write('real/policy.yaml', '{}');
    symlinkSync(target, join(box.dir, 'link.yaml'));
    symlinkSync(join(box.dir, 'real'), join(box.dir, 'dirlink'));
    expect(openPolicy(join(box.dir, 'link.yaml')).realPath).toBe(target);
    expect(openPolicy(join(box.dir, 'dirlink/policy.yaml')).realPath).toBe(target);

    const exposed = box.write('open/policy.yaml', '{}');
    chmodSync(join(box.dir, 'open'), 0o777);
    symlinkSync(exposed, join(box.dir, 'to-open.yaml'));
    expect(refusal(join(box.dir, 'to-open.yaml'))).toContain(`its folder ${join(box.dir, 'open')} is writable by others`);
  });

  it('refuses a symbolic link owned by another user, and one that leads nowhere', () => {
    const target = box.write('real/policy.yaml', '{}');
    const link = join(box.dir, 'theirs.yaml');
    symlinkSync(target, link);
    lchownSync(link, nobody, nogroup);
    expect(refusal(link)).toContain(`the symbolic link ${link} is owned by nobody (65534)`);
    symlinkSync(join(box.dir, 'missing.yaml'), join(box.dir, 'dangling.yaml'));
    expect(refusal(join(box.dir, 'dangling.yaml'))).toContain('does not exist');
  });
});
