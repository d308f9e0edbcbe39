import {existsSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const check = (args: string[], env: Record<string, string> = {}) => guard(['check', ...args], {cwd: box.dir, env: {...box.env, ...env}});

describe('guard check', () => {
  it('exits 77 with one stderr line naming the rule, the word and the reason', async () => {
    const result = await check(['--', 'rm', '-rf', '/']);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toBe('guard: refused by rule fs.rm-root: rm -rf / would delete the root filesystem');
    expect(result.stdout).toMatch(/^refused\n {2}deny fs\.rm-root: /);
  });

  it.each([
    ['echo "rm -rf /"'],
    ["grep -r 'DROP TABLE' ."],
    ['rm -rf ./build'],
    ['git push --force-with-lease'],
    ['rm -rf /tmp/guard-test.1234'],
  ])('does not refuse what is plainly safe: %s', async (script) => {
    const result = await check(['--', 'sh', '-c', script]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('allowed');
  });

  it('explains a decision as JSON on stdout', async () => {
    const result = await check(['--json', '--', 'sh', '-c', 'git push -f origin main']);
    expect(result.exitCode).toBe(77);
    const decision = JSON.parse(result.stdout);
    expect(decision).toMatchObject({verdict: 'deny', refused: true});
    expect(decision.findings).toEqual([
      expect.objectContaining({rule: 'git.push-force', level: 'deny', word: '-f', alternative: expect.stringContaining('--force-with-lease')}),
    ]);
  });

  it('counts a confirm rule as refused unless --yes is given', async () => {
    expect((await check(['--', 'git', 'reset', '--hard'])).exitCode).toBe(77);
    const accepted = await check(['--yes', '--', 'git', 'reset', '--hard']);
    expect(accepted.exitCode).toBe(0);
    expect(accepted.stdout).toMatch(/^allowed \(confirmed with --yes\)/);
  });

  it('never executes any part of the command, not even a command substitution', async () => {
    const marker = join(box.dir, 'marker');
    expect((await check(['--', 'sh', '-c', `touch ${marker}`])).exitCode).toBe(0);
    await check(['--', 'sh', '-c', `echo "$(touch ${marker})"`]);
    await check(['--', 'touch', marker]);
    expect(existsSync(marker)).toBe(false);
  });

  it('sees an unset variable the way the shell will expand it', async () => {
    const result = await check(['--', 'sh', '-c', 'rm -rf "$GUARD_TEST_UNSET/"']);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule fs\.rm-root: /);
    const set = await check(['--', 'sh', '-c', 'rm -rf "$GUARD_TEST_DIR/"'], {GUARD_TEST_DIR: join(box.dir, 'scratch')});
    expect(set.exitCode).toBe(0);
  });

  it('refuses a script that does not parse, naming line and column', async () => {
    const result = await check(['--', 'sh', '-c', 'echo ok\nrm -rf "/']);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule shell\.syntax: .*line 2/);
  });

  it('reads the shell script a command runs and names the file, line and word of a refusal', async () => {
    writeFileSync(join(box.dir, 'backup.sh'), '#!/bin/sh\nset -e\necho backing up\nrm -rf "$1/"\n', {mode: 0o755});
    const refused = await check(['--', './backup.sh', '']);
    expect(refused.exitCode).toBe(77);
    expect(refused.stderr).toMatch(/^guard: refused by rule fs\.rm-root at \.\/backup\.sh:4: /);
    expect((await check(['--', './backup.sh', join(box.dir, 'old')])).exitCode).toBe(0);
  });

  it('exits 64 with one line when the command is missing', async () => {
    const result = await check([]);
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe('guard: no command given: guard check [flags] -- CMD [ARGS...]');
  });

  it('exits 78 when the policy is invalid', async () => {
    writeFileSync(join(box.dir, '.guardrc.json'), '{"rules": [{"id": "x", "level": "deny", "reason": "r", "match": {"regex": "("}}]}');
    const result = await check(['--', 'true']);
    expect(result.exitCode).toBe(78);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/rules\[0\]\.match\.regex/);
  });
});
