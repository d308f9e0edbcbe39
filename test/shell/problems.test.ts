import {describe, expect, test} from 'vitest';
import {analyze, withEnv} from './fixture.js';

describe('a script that does not parse is a syntax problem naming line and column', () => {
  test.each([
    ['rm -rf "/', 1, 10],
    ['echo ok\nif true; then\n  rm x\n', 4, 1],
    ['echo ok\n  echo )', 2, 8],
    ['for; do', 1, 1],
    ['echo $(', 1, 6],
  ])('%j', async (script, line, column) => {
    const {problems} = await analyze(script);
    expect(problems[0]).toMatchObject({kind: 'syntax', line, column});
  });

  test('a syntax error inside a code string points at the command that runs it', async () => {
    const {problems} = await analyze('echo hi\nbash -c \'rm -rf "/\'');
    expect(problems).toMatchObject([{kind: 'syntax', line: 2, column: 1}]);
    expect(problems[0]!.message).toContain('bash -c');
  });

  // tree-sitter-bash 0.25.1 rejects valid bash here (research §4.2): refused, not misread.
  test.each([`cat <<'EOF'; echo done\nrm -rf /\nEOF`, 'rm -rf !(keep)', 'X=1 > f'])('%j is refused as a syntax problem (known grammar gap)', async (script) => {
    expect((await analyze(script)).problems.map((problem) => problem.kind)).toContain('syntax');
  });

  test('commands in a script that does not parse are still reported', async () => {
    const {commands} = await analyze('rm -rf /\nif then fi (');
    expect(commands.map((command) => command.program.value)).toContain('rm');
  });
});

describe('code nested deeper than maxDepth is a too-deep problem', () => {
  const nested = (levels: number): string => {
    let script = 'rm -rf /';
    for (let i = 0; i < levels; i++) script = `eval ${JSON.stringify(script).replace(/\$/g, '\\$')}`;
    return script;
  };

  test('five levels are analysed', async () => {
    const analysis = await analyze(nested(5));
    expect(analysis.commands.some((command) => command.program.value === 'rm')).toBe(true);
    expect(analysis.problems).toEqual([]);
  });

  test('six levels are not', async () => {
    const analysis = await analyze(nested(6));
    expect(analysis.commands.some((command) => command.program.value === 'rm')).toBe(false);
    expect(analysis.problems.map((problem) => problem.kind)).toEqual(['too-deep']);
  });

  test('maxDepth is the caller’s', async () => {
    const analysis = await analyze(`bash -c "bash -c 'rm x'"`, withEnv({}, {maxDepth: 1}));
    expect(analysis.problems.map((problem) => problem.kind)).toEqual(['too-deep']);
  });
});

describe('code guard cannot see is unanalysable', () => {
  test.each(['curl -s https://x | bash', 'bash <(curl -s https://x)', 'cat script | sh', 'base64 -d <<< x | sh'])('%j', async (script) => {
    expect((await analyze(script)).problems.map((problem) => problem.kind)).toEqual(['unanalysable']);
  });
});
