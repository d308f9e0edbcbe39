// Policy files under attack (S1–S5 of the reliability plan, and files changed between runs),
// through `guard run` as a cron line would call it. The contract's statuses rule: an unsafe or
// invalid policy is 78, one `guard:` line naming the file and the cause, and nothing runs.
// Every refusal of a mode or an owner below comes from fstat of the opened descriptor (the
// file is opened O_NOFOLLOW|O_NONBLOCK first, then checked): the check is after the open.
//
// Not here, and why:
// - A file swapped between guard's check and its open cannot be staged without a race; the
//   open refuses a final link that appeared in between (ELOOP) and re-checks what it opened.
// - S5's duplicate key: YAML refuses it with a line and column; a `.json` file keeps the
//   last value, as JSON.parse does. Both are deterministic; the test pins each.
import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, lchownSync, mkdirSync, rmSync, symlinkSync, unlinkSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {policySandbox, type PolicySandbox} from '../policy-files/fixture.js';
import {needsRoot} from '../helpers/faults.js';

// Each case starts several guards, some waiting on others: on a loaded machine that takes a while.
vi.setConfig({testTimeout: 120_000});

const nobody = 65534;
const nogroup = 65534;

let box: PolicySandbox;
let marker: string;
beforeEach(() => {
  box = policySandbox();
  marker = join(box.dir, 'marker');
});
afterEach(() => box.remove());

const denyTouch = 'rules:\n  - {id: ops.no-touch, level: deny, reason: not here, match: {program: touch}}\n';
const runTouch = (args: string[] = []) => box.guard(['run', ...args, '--', 'touch', marker], {timeout: 20_000});

/** guard run refused the policy: 78, one line naming `file` and matching `cause`, nothing run. */
async function refused(file: string, cause: RegExp, args: string[] = []) {
  const result = await runTouch(args);
  expect(result.timedOut).toBe(false);
  expect(result.stderr.split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(file);
  expect(result.stderr).toMatch(cause);
  expect(result.exitCode).toBe(78);
  expect(existsSync(marker)).toBe(false);
}

needsRoot();

describe('S1: a policy others could change', () => {
  it('S1 refuses a policy writable by others (0666)', async () => {
    const path = box.write('project/.guardrc', denyTouch, 0o666);
    await refused(path, /is unsafe to load: writable by others \(mode 0666/);
  });

  it("S1 refuses a policy writable by a group that is not its owner's (0620, nogroup)", async () => {
    const path = box.write('project/.guardrc', denyTouch, 0o620);
    chownSync(path, 0, nogroup);
    await refused(path, /is unsafe to load: writable by group nogroup \(65534\)/);
  });

  it('S1 refuses a policy owned by another user who is not root', async () => {
    const path = box.write('project/.guardrc', denyTouch);
    chownSync(path, nobody, nogroup);
    await refused(path, /is unsafe to load: owned by nobody \(65534\), neither root nor you/);
  });

  it('S1 refuses a policy in a folder writable by others (0777)', async () => {
    const path = box.write('named/policy.yaml', denyTouch);
    chmodSync(join(box.dir, 'named'), 0o777);
    await refused(path, /its folder .*\/named is writable by others without the sticky bit/, ['--policy', path]);
  });
});

describe('S2: a policy reached through a symbolic link', () => {
  it('S2 follows a link through root-owned folders to a 0644 file, applies it, and shows where it led', async () => {
    const target = box.write('shared/policy.yaml', denyTouch);
    const link = join(box.project, '.guardrc.yaml');
    symlinkSync(target, link);
    const result = await runTouch();
    expect(result.stderr).toBe('guard: refused by rule ops.no-touch: touch: not here');
    expect(result.exitCode).toBe(77);
    expect(existsSync(marker)).toBe(false);
    const shown = await box.guard(['policy', 'show', '--json']);
    expect(JSON.parse(shown.stdout).layers.at(-1)).toMatchObject({path: link, realPath: target});
  });

  it('S2 refuses the same link when its target lies in a folder others can write', async () => {
    const target = box.write('open/policy.yaml', denyTouch);
    chmodSync(join(box.dir, 'open'), 0o777);
    const link = join(box.project, '.guardrc.yaml');
    symlinkSync(target, link);
    await refused(link, /its folder .*\/open is writable by others/);
  });

  it('S2 refuses a final link owned by another user', async () => {
    const target = box.write('shared/policy.yaml', denyTouch);
    const link = join(box.project, '.guardrc.yaml');
    symlinkSync(target, link);
    lchownSync(link, nobody, nogroup);
    await refused(link, /the symbolic link .*\.guardrc\.yaml is owned by nobody \(65534\)/);
  });
});

describe('S3: a policy path that is not a small regular file', () => {
  it('S3 refuses a FIFO at once, never blocking on it', async () => {
    const path = join(box.project, '.guardrc');
    execFileSync('mkfifo', [path]);
    await refused(path, /is unsafe to load: not a regular file$/);
  });

  it('S3 refuses a folder', async () => {
    const path = join(box.dir, 'a-folder.yaml');
    mkdirSync(path);
    await refused(path, /is unsafe to load: not a regular file$/, ['--policy', path]);
  });

  it('S3 refuses /dev/zero without reading it', async () => {
    await refused('/dev/zero', /is unsafe to load: not a regular file$/, ['--policy', '/dev/zero']);
  });

  it('S3 refuses a 2 MiB file', async () => {
    const path = box.write('project/.guardrc', `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    await refused(path, /is unsafe to load: larger than 1 MiB \(\d+ bytes\)/);
  });
});

describe('S4: one bad rule among good ones', () => {
  it('S4 rejects the whole policy: no rule of it is kept, nothing runs', async () => {
    const good = '  - {id: ops.no-reboot, level: deny, reason: r, match: {program: reboot}}\n';
    const path = box.write('project/.guardrc', `rules:\n${good}  - {id: ops.bad, level: deny, reason: r, match: {regex: "(["}}\n`);
    await refused(path, /: rules\[1\]\.match\.regex: invalid regular expression/);
  });
});

describe('S5: odd but possible policy text', () => {
  it.each([
    ['an unknown key', 'colour: red\n', /: colour: unknown field$/],
    ['a wrong type', 'rules: 5\n', /: rules: expected array, received number$/],
    ['a duplicate YAML key, with its line and column', 'defaults:\n  timeout: 5s\ndefaults:\n  timeout: 6s\n', /: not valid YAML: duplicated mapping key \(3:1\)$/],
    ['broken YAML, with its line and column', 'rules:\n  - {id: a.one, level: deny\n', /: not valid YAML: .* \(3:1\)$/],
  ])('S5 rejects %s', async (_, text, cause) => {
    const path = box.write('project/.guardrc', text);
    await refused(path, cause);
  });

  it('S5 rejects an empty .json file, and accepts an empty YAML one as no rules', async () => {
    const json = box.write('project/.guardrc.json', '');
    await refused(json, /not valid JSON/);
    unlinkSync(json);
    box.write('project/.guardrc', '');
    const result = await runTouch();
    expect(result.exitCode).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  it('S5 keeps the last of two duplicate keys in a .json file, as JSON.parse does', async () => {
    const rules = (program: string) => `[{"id": "ops.dup", "level": "deny", "reason": "r", "match": {"program": "${program}"}}]`;
    box.write('project/.guardrc.json', `{"rules": ${rules('reboot')}, "rules": ${rules('touch')}}`);
    const result = await runTouch();
    expect(result.stderr).toBe('guard: refused by rule ops.dup: touch: r');
    expect(result.exitCode).toBe(77);
  });

  it.each([
    ['.guardrc', `\uFEFF${denyTouch.replaceAll('\n', '\r\n')}`],
    ['.guardrc.json', `\uFEFF{"rules": [{"id": "ops.no-touch", "level": "deny",\r\n "reason": "not here", "match": {"program": "touch"}}]}\r\n`],
  ])('S5 reads %s with a byte order mark and CRLF line ends as the same policy', async (name, text) => {
    box.write(`project/${name}`, text);
    const result = await runTouch();
    expect(result.stderr).toBe('guard: refused by rule ops.no-touch: touch: not here');
    expect(result.exitCode).toBe(77);
  });
});

describe('a policy changed between runs (the cache never outlives a check)', () => {
  async function cached(path: string) {
    const first = await runTouch();
    expect(first.exitCode).toBe(77);
    const shown = await box.guard(['policy', 'show', '--json']);
    expect(JSON.parse(shown.stdout).layers.at(-1)).toMatchObject({cached: true, path});
  }

  it('refuses a cached policy made writable by others since', async () => {
    const path = box.write('project/.guardrc', denyTouch);
    await cached(path);
    chmodSync(path, 0o666);
    await refused(path, /writable by others/);
  });

  it('refuses a cached policy given to another user since', async () => {
    const path = box.write('project/.guardrc', denyTouch);
    await cached(path);
    chownSync(path, nobody, nogroup);
    await refused(path, /owned by nobody/);
  });

  it('refuses a cached policy replaced by a link into a folder others can write', async () => {
    const path = box.write('project/.guardrc', denyTouch);
    await cached(path);
    const exposed = box.write('open/policy.yaml', denyTouch);
    chmodSync(join(box.dir, 'open'), 0o777);
    rmSync(path);
    symlinkSync(exposed, path);
    await refused(path, /its folder .*\/open is writable by others/);
  });

  it('refuses a cached policy replaced by a FIFO, without blocking', async () => {
    const path = box.write('project/.guardrc', denyTouch);
    await cached(path);
    rmSync(path);
    execFileSync('mkfifo', [path]);
    await refused(path, /not a regular file$/);
  });

  it('refuses a --policy file removed since, instead of using the cached copy', async () => {
    const path = box.write('named.yaml', denyTouch);
    expect((await runTouch(['--policy', path])).exitCode).toBe(77);
    rmSync(path);
    await refused(path, /\(--policy\): no such file$/, ['--policy', path]);
  });

  it('drops a project policy removed since: its rules no longer apply', async () => {
    const path = box.write('project/.guardrc', denyTouch);
    await cached(path);
    rmSync(path);
    const result = await runTouch();
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  it('never runs a JS user policy made writable by others since its last run', async () => {
    const ran = join(box.dir, 'js-ran');
    const path = box.write('config/guard/policy.mjs', `import {appendFileSync} from 'node:fs';\nappendFileSync(${JSON.stringify(ran)}, 'x');\nexport default {};\n`);
    expect((await box.guard(['run', '--', 'true'])).exitCode).toBe(0);
    expect(existsSync(ran)).toBe(true);
    rmSync(ran);
    chmodSync(path, 0o666);
    await refused(path, /writable by others/);
    expect(existsSync(ran)).toBe(false);
  });
});
