import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin, sandbox} from '../helpers/guard.js';

// The confirm prompt on a real pseudo-terminal (util-linux script): keys are typed once the
// prompt shows, and the terminal turns Ctrl-C into SIGINT and Ctrl-D into the end of input.

let box: ReturnType<typeof sandbox>;
let env: Record<string, string>;
beforeEach(() => {
  box = sandbox();
  env = {...process.env, NODE_OPTIONS: '', ...box.env, HOME: box.dir} as Record<string, string>;
  mkdirSync(join(box.env.XDG_CONFIG_HOME!, 'guard'), {recursive: true});
  writeFileSync(join(box.env.XDG_CONFIG_HOME!, 'guard/policy.yaml'), 'rules:\n  - id: local.touchy\n    level: confirm\n    reason: touch asks first\n    match: {program: touch}\n');
});
afterEach(() => box.remove());

const marker = () => join(box.dir, 'marker');
const prompt = 'guard: type the job name (job) to go on: ';
const rows = () => JSON.parse(execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, 'select status, exit_code, decision, rules, error from runs'], {encoding: 'utf8'}) || '[]');

/** Runs `guard run --name job -- touch MARKER` on a terminal, types `keys` at the prompt; the terminal's text (CRLF as typed) and the exit status. */
function onTerminal(keys: string): Promise<{screen: string; status: number | null}> {
  const command = `${process.execPath} ${bin} run --name job -- touch ${marker()}`;
  const terminal = spawn('script', ['-qefc', command, '/dev/null'], {cwd: box.dir, env, stdio: ['pipe', 'pipe', 'ignore']});
  let screen = '';
  let typed = false;
  terminal.stdout!.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    if (!typed && screen.includes(prompt)) {
      typed = true;
      terminal.stdin!.write(keys);
    }
  });
  return new Promise((resolve) => terminal.once('close', (status) => resolve({screen: screen.replaceAll('\r\n', '\n'), status})));
}

describe('the confirm prompt', () => {
  it('ends guard at once on Ctrl-C with 130, on a line of its own, recorded as interrupted', async () => {
    const {screen, status} = await onTerminal('\x03');
    expect(status).toBe(130);
    expect(screen).toBe(
      `guard: confirm local.touchy: touch: touch asks first [word: touch]\n${prompt}^C\nguard: interrupted by SIGINT at the confirm prompt of rule local.touchy; nothing was run\n`,
    );
    expect(existsSync(marker())).toBe(false);
    expect(rows()).toEqual([
      {decision: 'confirm', error: 'interrupted by SIGINT at the confirm prompt of rule local.touchy; nothing was run', exit_code: 130, rules: '["local.touchy"]', status: 'interrupted'},
    ]);
  });

  it('refuses on Ctrl-D, saying so on a new line rather than after the prompt', async () => {
    const {screen, status} = await onTerminal('\x04');
    expect(status).toBe(77);
    expect(screen.endsWith(`${prompt}\nguard: no answer: the job name (job) was not typed\nguard: refused by rule local.touchy: touch: touch asks first\n`)).toBe(true);
    expect(existsSync(marker())).toBe(false);
    expect(rows()).toMatchObject([{exit_code: 77, status: 'blocked'}]);
  });

  it('refuses a name typed and ended with Ctrl-D instead of Enter, on a new line', async () => {
    const {screen, status} = await onTerminal('jo\x04\x04');
    expect(status).toBe(77);
    expect(screen.endsWith(`${prompt}jo\nguard: the answer was not the job name (job)\nguard: refused by rule local.touchy: touch: touch asks first\n`)).toBe(true);
    expect(existsSync(marker())).toBe(false);
  });

  it('refuses a wrong name, saying the answer was not the job name, and runs once the job name is typed', async () => {
    const wrong = await onTerminal('y\n');
    expect(wrong.status).toBe(77);
    expect(wrong.screen.endsWith(`${prompt}y\nguard: the answer was not the job name (job)\nguard: refused by rule local.touchy: touch: touch asks first\n`)).toBe(true);
    expect(existsSync(marker())).toBe(false);
    const {screen, status} = await onTerminal('job\n');
    expect(status).toBe(0);
    expect(screen.endsWith(`${prompt}job\n`)).toBe(true);
    expect(existsSync(marker())).toBe(true);
    expect(rows().map((row: {status: string}) => row.status)).toEqual(['blocked', 'succeeded']);
  });
});
