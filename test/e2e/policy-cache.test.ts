import {readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {forbidHeavy, policySandbox, type PolicySandbox} from '../policy-files/fixture.js';

let box: PolicySandbox;
beforeEach(() => {
  box = policySandbox();
});
afterEach(() => box.remove());

// With this, loading zod, cosmiconfig or js-yaml makes guard fail: a passing run never loaded them.
const forbidding = {env: {NODE_OPTIONS: `--import=${forbidHeavy}`}};
const yaml = 'rules:\n  - id: ops.no-reboot\n    level: deny\n    reason: no reboots from jobs\n    match: {program: reboot}\n';
const projectLayer = (stdout: string) => JSON.parse(stdout).layers.at(-1);

describe('the policy cache', () => {
  it('loads neither zod, cosmiconfig nor YAML when there is no policy file', async () => {
    const result = await box.guard(['policy', 'show', '--json'], forbidding);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).layers).toEqual([{layer: 'built-in', source: 'built-in'}]);
    const run = await box.guard(['run', '--', 'true'], forbidding);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('validates a policy once, then serves it from the cache without zod, cosmiconfig or YAML', async () => {
    const path = box.write('project/.guardrc.yaml', yaml);
    // The hook works: a first load needs the parser and the schema, so it fails under it.
    const forbidden = await box.guard(['policy', 'show', '--json'], forbidding);
    expect(forbidden.stderr).toMatch(/forbidden module loaded: (cosmiconfig|zod)/);
    expect(forbidden.exitCode).not.toBe(0);

    const first = await box.guard(['policy', 'show', '--json']);
    expect(projectLayer(first.stdout)).toMatchObject({cached: false, path});
    const cache = join(box.env.XDG_STATE_HOME, 'guard/policy-cache.json');
    expect(statSync(cache).mode & 0o777).toBe(0o600);

    const second = await box.guard(['policy', 'show', '--json'], forbidding);
    expect(second.stderr).toBe('');
    expect(second.exitCode).toBe(0);
    expect(projectLayer(second.stdout)).toMatchObject({cached: true, path});
    expect(JSON.parse(second.stdout).rules.at(-1)).toMatchObject({id: 'ops.no-reboot', source: path});
  });

  it('lets guard check and guard run use a cached policy without zod, cosmiconfig or YAML', async () => {
    box.write('project/.guardrc.yaml', yaml);
    expect((await box.guard(['check', '--', 'true'])).exitCode).toBe(0);
    const check = await box.guard(['check', '--', 'reboot'], forbidding);
    expect(check.stderr).toMatch(/refused by rule /);
    expect(check.exitCode).toBe(77);
    const run = await box.guard(['run', '--', 'true'], forbidding);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('notices a changed policy and validates it again', async () => {
    const path = box.write('project/.guardrc.yaml', yaml);
    await box.guard(['policy', 'show', '--json']);
    writeFileSync(path, yaml.replace('level: deny', 'level: nope'));
    utimesSync(path, new Date(), new Date(Date.now() + 10_000));
    const result = await box.guard(['policy', 'show', '--json']);
    expect(result.stderr).toMatch(/rules\[0\]\.level: expected one of/);
    expect(result.exitCode).toBe(78);
  });

  it('still refuses a cached policy that has become unsafe', async () => {
    const path = box.write('project/.guardrc.yaml', yaml);
    await box.guard(['policy', 'show', '--json']);
    const {chmodSync} = await import('node:fs');
    chmodSync(path, 0o666);
    const result = await box.guard(['policy', 'show', '--json'], forbidding);
    expect(result.stderr).toMatch(/is unsafe to load: writable by others/);
    expect(result.exitCode).toBe(78);
  });

  it('policy validate never trusts the cache', async () => {
    box.write('project/.guardrc.yaml', yaml);
    await box.guard(['policy', 'show', '--json']);
    const result = await box.guard(['policy', 'validate'], forbidding);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/forbidden module loaded/);
  });

  it('does not trust what another build of the same version cached', async () => {
    box.write('project/.guardrc.yaml', yaml);
    await box.guard(['policy', 'show', '--json']);
    const cache = join(box.env.XDG_STATE_HOME, 'guard/policy-cache.json');
    const content = JSON.parse(readFileSync(cache, 'utf8'));
    expect(content.guard).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{16}$/);
    writeFileSync(cache, JSON.stringify({...content, guard: content.guard.replace(/\+.*/, '+0000000000000000')}), {mode: 0o600});
    const result = await box.guard(['policy', 'show', '--json'], forbidding);
    expect(result.stderr).toMatch(/forbidden module loaded/);
    expect(result.exitCode).not.toBe(0);
  });
});
