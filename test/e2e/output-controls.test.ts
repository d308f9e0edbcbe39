import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

// A terminal title change, a screen clear, a CSI introduced by its C1 byte, DEL and a bidi
// override: what an attacker puts in a program name, a reason or a command's output.
const hostile = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u007f\u202e';
const spelled = '\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x7f\\u202e';
// Any control character but the line ends and tabs of guard's own layout.
const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const rawInJson = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const box = sandbox();
const env = {...box.env, HOME: box.dir};
const text = async (args: string[], extra: Record<string, string> = {}) => {
  const result = await guard(args, {env: {...env, ...extra}});
  return {exitCode: result.exitCode, stderr: String(result.stderr), stdout: String(result.stdout)};
};

let recorded: Awaited<ReturnType<typeof text>>;
beforeAll(async () => {
  recorded = await text(['run', '--json', '--name', 'job\u009b', '--reason', hostile, '--', 'sh', '-c', 'printf "%s\\n" "$1"; printf "%s\\n" "$1" >&2; exit 3', 'sh', hostile]);
});
afterAll(() => box.remove());

describe("guard's own lines", () => {
  it('spell out a program name holding escape sequences in the error line', async () => {
    const result = await text(['run', '--name', 'x', '--', hostile]);
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toBe(`guard: cannot run '${spelled}': command not found`);
  });

  it('spell out the program name when it would name the job', async () => {
    const result = await text(['run', '--', hostile]);
    expect(result.exitCode).toBe(64);
    expect(result.stderr).not.toMatch(raw);
    expect(result.stderr).toContain(spelled);
  });

  it('keep a newline in a word from forging a second guard line', async () => {
    const result = await text(['run', '--name', 'x', '--', 'nothing\nguard: all is well']);
    expect(result.stderr).toBe("guard: cannot run 'nothing\\nguard: all is well': command not found");
  });

  it('escape every control character in the JSON log lines, C1 and DEL included', async () => {
    const result = await text(['run', '--name', 'x', '--', hostile], {GUARD_LOG: 'json'});
    const line = result.stderr.split('\n')[0]!;
    expect(line).not.toMatch(raw);
    expect(line).not.toMatch(rawInJson);
    expect(JSON.parse(line)).toMatchObject({msg: `cannot run '${hostile}': command not found`});
  });

  it("escape the run record --json prints on stderr, while the command's own output passes through raw", () => {
    expect(recorded.exitCode).toBe(3);
    expect(recorded.stdout).toBe(hostile);
    const [commandLine, record] = recorded.stderr.split('\n');
    expect(commandLine).toBe(hostile);
    expect(record).not.toMatch(rawInJson);
    expect(JSON.parse(record!)).toMatchObject({name: 'job\u009b', reason: hostile, stdout_kept: expect.any(Number)});
  });

  it('spell out the words of a refused command in guard check, in the human lines and the JSON', async () => {
    const human = await text(['check', '--', 'rm', '-rf', `/${hostile}/..`]);
    expect(human.exitCode).toBe(77);
    expect(human.stdout).not.toMatch(raw);
    expect(human.stderr).not.toMatch(raw);
    expect(human.stderr).toContain(spelled);
    const json = await text(['check', '--json', '--', 'rm', '-rf', `/${hostile}/..`]);
    expect(json.stdout).not.toMatch(rawInJson);
    expect(JSON.parse(json.stdout)).toMatchObject({refused: true, findings: [expect.objectContaining({word: `/${hostile}/..`})]});
  });
});

describe('what the reading commands print', () => {
  it('history spells them out in the table and in CSV, and escapes them in JSON', async () => {
    const table = await text(['history', '--name', 'job\u009b']);
    expect(table.stdout).not.toMatch(raw);
    expect(table.stdout).toContain('job\\x9b');
    const csv = await text(['history', '--name', 'job\u009b', '--csv']);
    expect(csv.stdout.replaceAll('\r\n', '')).not.toMatch(raw);
    expect(csv.stdout).toContain(`,${spelled},`);
    expect(csv.stdout).toContain(`${spelled}\\n`);
    expect(csv.stdout.split('\r\n')).toHaveLength(2);
    const json = await text(['history', '--name', 'job\u009b', '--json']);
    expect(json.stdout).not.toMatch(rawInJson);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({reason: hostile, stdout_tail: `${hostile}\n`})]);
  });

  it('show spells them out in every field and both tails, and escapes them in JSON', async () => {
    const details = await text(['show', '1']);
    expect(details.stdout).not.toMatch(raw);
    expect(details.stdout).toContain(`reason         ${spelled}`);
    expect(details.stdout).toContain(`--- stdout ---\n${spelled}\n`);
    const json = await text(['show', '1', '--json']);
    expect(json.stdout).not.toMatch(rawInJson);
    expect(JSON.parse(json.stdout)).toMatchObject({name: 'job\u009b', stderr_tail: `${hostile}\n`});
  });

  it('stats spells out a job name holding a C1 control, and escapes it in JSON', async () => {
    const table = await text(['stats', '--name', 'job\u009b']);
    expect(table.stdout).not.toMatch(raw);
    expect(table.stdout).toMatch(/^job\\x9b /m);
    const json = await text(['stats', '--name', 'job\u009b', '--json']);
    expect(json.stdout).not.toMatch(rawInJson);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({name: 'job\u009b'})]);
  });
});
