import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, symlinkSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guardWithSystemPolicy, policySandbox, type PolicySandbox} from '../policy-files/fixture.js';

const nobody = 65534;
const nogroup = 65534;

let box: PolicySandbox;
let marker: string;
beforeEach(() => {
  box = policySandbox();
  marker = join(box.dir, 'policy-ran');
});
afterEach(() => box.remove());

// A JS policy that leaves a mark when it is executed.
const markingPolicy = () => `import {writeFileSync} from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default {rules: [{id: 'js.rule', level: 'deny', reason: 'from js', match: {program: 'reboot'}}]};\n`;

async function expectRefusedUnrun(reason: RegExp) {
  const result = await box.guard(['policy', 'show']);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(reason);
  expect(result.stderr.split('\n')).toHaveLength(1);
  expect(result.exitCode).toBe(78);
  expect(existsSync(marker)).toBe(false);
}

describe('unsafe policy files are refused with 78 before they are read or run', () => {
  it('runs a JS user policy that is safe (the control: the marker works)', async () => {
    box.write('config/guard/policy.mjs', markingPolicy());
    const result = await box.guard(['policy', 'show']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^js\.rule +deny /m);
    expect(existsSync(marker)).toBe(true);
  });

  it('never runs a JS policy writable by others', async () => {
    const path = box.write('config/guard/policy.mjs', markingPolicy(), 0o666);
    await expectRefusedUnrun(new RegExp(`^guard: policy ${path} is unsafe to load: writable by others \\(mode 0666; chmod go-w ${path}\\)$`));
  });

  it("never runs a JS policy writable by a group other than its owner's private group", async () => {
    const path = box.write('config/guard/policy.mjs', markingPolicy(), 0o664);
    chownSync(path, 0, nogroup);
    await expectRefusedUnrun(/is unsafe to load: writable by group nogroup \(65534\) \(mode 0664/);
  });

  it('never runs a JS policy owned by another user who is not root', async () => {
    const path = box.write('config/guard/policy.mjs', markingPolicy());
    chownSync(path, nobody, nogroup);
    await expectRefusedUnrun(/is unsafe to load: owned by nobody \(65534\), neither root nor you/);
  });

  it('never runs a JS policy in a folder writable by others without the sticky bit, at any depth', async () => {
    box.write('config/guard/policy.mjs', markingPolicy());
    chmodSync(join(box.dir, 'config/guard'), 0o777);
    await expectRefusedUnrun(/its folder .*\/config\/guard is writable by others without the sticky bit \(mode 0777\)/);
    chmodSync(join(box.dir, 'config/guard'), 0o755);
    chmodSync(join(box.dir, 'config'), 0o777);
    await expectRefusedUnrun(/its folder .*\/config is writable by others without the sticky bit/);
  });

  it('never runs a JS policy in a folder owned by another user', async () => {
    box.write('config/guard/policy.mjs', markingPolicy());
    chownSync(join(box.dir, 'config/guard'), nobody, nogroup);
    await expectRefusedUnrun(/its folder .*\/config\/guard is owned by nobody \(65534\), neither root nor you/);
  });

  it('runs no policy at all when a later layer is unsafe', async () => {
    box.write('config/guard/policy.mjs', markingPolicy());
    box.write('project/.guardrc', 'rules: []\n', 0o646);
    await expectRefusedUnrun(/\.guardrc is unsafe to load: writable by others/);
  });

  it('refuses a project policy owned by another user, or group-writable', async () => {
    const path = box.write('project/.guardrc.json', '{}', 0o664);
    chownSync(path, 0, nogroup);
    await expectRefusedUnrun(/\.guardrc\.json is unsafe to load: writable by group nogroup/);
    chownSync(path, nobody, 0);
    chmodSync(path, 0o644);
    await expectRefusedUnrun(/\.guardrc\.json is unsafe to load: owned by nobody/);
  });

  it('refuses a FIFO without blocking on it', async () => {
    execFileSync('mkfifo', [join(box.project, '.guardrc')]);
    const started = Date.now();
    const result = await box.guard(['policy', 'show'], {timeout: 20_000});
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toMatch(/\.guardrc is unsafe to load: not a regular file$/);
    expect(result.exitCode).toBe(78);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses a policy larger than 1 MiB', async () => {
    box.write('project/.guardrc', `# ${'x'.repeat(1024 * 1024)}\n`);
    await expectRefusedUnrun(/is unsafe to load: larger than 1 MiB/);
  });

  it('follows a symbolic link through safe folders and shows where it led', async () => {
    const target = box.write('shared/policy.yaml', 'rules:\n  - {id: ops.linked, level: warn, reason: r, match: {program: x}}\n');
    symlinkSync(target, join(box.project, '.guardrc.yaml'));
    const result = await box.guard(['policy', 'show', '--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).layers.at(-1)).toMatchObject({path: join(box.project, '.guardrc.yaml'), realPath: target});
  });

  it('refuses a symbolic link whose target lies in a folder others can write', async () => {
    const target = box.write('open/policy.yaml', 'rules: []\n');
    chmodSync(join(box.dir, 'open'), 0o777);
    symlinkSync(target, join(box.project, '.guardrc.yaml'));
    await expectRefusedUnrun(/its folder .*\/open is writable by others/);
  });

  it('trusts a root-owned system policy for another user, and refuses to run when it cannot look in /etc/guard', async () => {
    const home = box.write('nobody-home/.keep', '');
    const dir = join(home, '..');
    chownSync(dir, nobody, nogroup);
    chmodSync(box.dir, 0o755);
    const env = {...box.env, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_STATE_HOME: join(dir, 'state')};
    const policy = 'rules:\n  - {id: ops.sys, level: warn, reason: r, match: {program: x}}\n';
    const trusted = await guardWithSystemPolicy({'policy.yaml': policy}, ['policy', 'show'], {cwd: dir, env, uid: nobody});
    expect(trusted.stderr).toBe('');
    expect(trusted.stdout).toMatch(/^system +\/etc\/guard\/policy\.yaml$/m);
    expect(trusted.stdout).toMatch(/^ops\.sys +warn +system$/m);
    expect(trusted.exitCode).toBe(0);

    const hidden = await guardWithSystemPolicy({'policy.yaml': policy}, ['policy', 'show'], {cwd: dir, env, folderMode: 0o700, uid: nobody});
    expect(hidden.stderr).toBe('guard: policy /etc/guard/policy.yaml: cannot look for it (EACCES)');
    expect(hidden.exitCode).toBe(78);
  });

  it('runs a safe JS system policy in /etc/guard, and never an unsafe one (a private mount namespace)', async () => {
    const unsafe = await guardWithSystemPolicy({'policy.mjs': {content: markingPolicy(), mode: 0o666}}, ['policy', 'show'], {env: box.env, cwd: box.project});
    expect(unsafe.stderr).toBe('guard: policy /etc/guard/policy.mjs is unsafe to load: writable by others (mode 0666; chmod go-w /etc/guard/policy.mjs)');
    expect(unsafe.exitCode).toBe(78);
    expect(existsSync(marker)).toBe(false);

    const safe = await guardWithSystemPolicy({'policy.mjs': markingPolicy()}, ['policy', 'show'], {env: box.env, cwd: box.project});
    expect(safe.exitCode).toBe(0);
    expect(safe.stdout).toMatch(/^system +\/etc\/guard\/policy\.mjs$/m);
    expect(existsSync(marker)).toBe(true);
  });
});
