// What fuzzing found, each kept as a plain test of its own.
import {describe, expect, test} from 'vitest';
import {parseMoment} from '../../src/cli/query-flags.js';
import {parseDuration} from '../../src/duration.js';
import {UsageError} from '../../src/errors.js';
import {PolicyInvalid} from '../../src/policy/schema-errors.js';
import {parsePolicyFile} from '../../src/policy/schema.js';
import {analyzeScript} from '../../src/shell/index.js';
import {guard, sandbox} from '../helpers/guard.js';
import {decide, fired, shell} from '../policy/fixture.js';

describe('found by fuzzing', () => {
  test('a decision reads the same whatever was analysed before it (unknown parts of code strings are numbered per analysis)', async () => {
    const script = 'echo; { bash <<EOF\n$(echo x)\nEOF\n} | \\$X';
    const first = await decide(script);
    await analyzeScript('sh -c "$(pwd)"', shell);
    expect(await decide(script)).toEqual(first);
  });

  test('coproc with a compound command (coproc NAME { rm -rf /; }) is refused, not allowed', async () => {
    for (const script of ['coproc WORKER { rm -rf /; }', 'coproc { rm -rf /; }']) {
      const decision = await decide(script);
      expect(decision.verdict).toBe('deny');
      expect(fired(decision)).toContain('shell.syntax@deny');
    }
  });

  test('a reserved word where a command starts (do rm -rf / after a broken loop) is refused as syntax', async () => {
    for (const script of ['sudo while echo; do rm -rf /; done', 'echo; then rm -rf /', 'fi']) {
      const decision = await decide(script);
      expect(decision.verdict).toBe('deny');
      expect(fired(decision)).toContain('shell.syntax@deny');
    }
  });

  test('a backtick substitution is read as the shell reads it: `echo "\\$(rm -rf /)"` runs rm', async () => {
    for (const script of ['echo `echo "\\$(x; rm -rf /)"`', 'echo `echo \\`rm -rf /\\``']) {
      const decision = await decide(script);
      expect(decision.verdict).toBe('deny');
      expect(fired(decision)).toContain('fs.rm-root@deny');
    }
  });

  test('a heredoc after && or || is the last command\'s input: true && sh <<EOF runs its body', async () => {
    for (const script of ["echo && sh <<'EOF'\nrm -rf /\nEOF", 'false || bash <<EOF\nrm -rf /\nEOF', "a && b && sh <<< 'rm -rf /'"]) {
      const decision = await decide(script);
      expect(decision.verdict).toBe('deny');
      expect(fired(decision)).toContain('fs.rm-root@deny');
    }
  });

  test('a function that redefines itself and calls the new body is checked: f() { f() { rm -rf /; }; f; }; f', async () => {
    for (const script of ['f() { echo; f() { echo; rm -rf /; }; f; }; f', 'f() { f() { rm -rf /; }; f; }; f']) {
      const decision = await decide(script);
      expect(decision.verdict).toBe('deny');
      expect(fired(decision)).toContain('fs.rm-root@deny');
    }
  });

  test('a quoted reserved word is a program like any other', async () => {
    expect((await decide('"do" x')).verdict).toBe('allow');
    expect((await decide('coproc rm -rf /')).verdict).toBe('deny');
  });

  test('a duration shorter than a millisecond is 1ms, not 0 (which would mean no timeout)', () => {
    for (const text of ['0.06ms', '0.4ms', '0.0000001s']) expect(parseDuration(text, '--timeout')).toBe(1);
    expect(parseDuration('0.0', '--timeout')).toBe(0);
  });

  test('--since refuses a day or time that does not exist instead of rolling it over (2026-02-31 is not March 3)', () => {
    for (const text of ['2026-02-31', '2026-04-31', '2025-02-29', '2026-01-01T24:00Z', '2026-01-31Z', '2026-01-01T10:00+24:00']) {
      expect(() => parseMoment(text, '--since')).toThrow(UsageError);
    }

    expect(parseMoment('2024-02-29', '--since')).toBe('2024-02-29T00:00:00.000Z');
    expect(parseMoment('2000-02-29T23:59:59+01:00', '--since')).toBe('2000-02-29T22:59:59.000Z');
  });

  test('guard history --since 2026-02-31 exits 64 naming the flag and the value', async () => {
    const box = sandbox();
    try {
      const result = await guard(['history', '--since', '2026-02-31'], {env: box.env});
      expect(result.exitCode).toBe(64);
      expect(result.stderr).toMatch(/^guard: --since: '2026-02-31' is neither a duration/m);
    } finally {
      box.remove();
    }
  });

  test('an exit-code list takes decimal codes only: 0x10, 1e2 and +5 are refused', () => {
    for (const code of ['0x10', '1e2', '+5', '0b11', ' ']) {
      expect(() => parsePolicyFile({defaults: {retryOn: [code]}}, 'policy.yaml')).toThrow(PolicyInvalid);
      expect(() => parsePolicyFile({defaults: {retryOn: `1,${code}`}}, 'policy.yaml')).toThrow(PolicyInvalid);
    }

    expect(parsePolicyFile({defaults: {retryOn: '1, 07,timeout'}}, 'policy.yaml').defaults?.retryOn).toEqual([1, 7, 'timeout']);
  });
});
