import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const env = () => ({...box.env, HOME: box.dir});
const check = (args: string[]) => guard(['check', ...args], {cwd: box.dir, env: env()});
const run = (args: string[]) => guard(['run', ...args], {cwd: box.dir, env: env()});
const rows = (query: string) => JSON.parse(execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}).trim() || '[]') as Record<string, unknown>[];

describe('what another program runs is judged as that command', () => {
  it('refuses a command for another host, saying which host', async () => {
    const result = await check(['--', 'bash', '-c', "ssh prod-db 'sudo -u postgres dropdb production'"]);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toBe('guard: refused by rule db.dropdb: on prod-db: dropdb production deletes the database and everything in it');
  });

  it('reads the heredoc a remote shell runs', async () => {
    const script = await check(['--', 'bash', '-c', "ssh root@db1 'bash -s' <<'EOF'\niptables -F\nEOF"]);
    expect(script.exitCode).toBe(77);
    expect(script.stderr).toMatch(/^guard: refused by rule system\.firewall-flush: on root@db1: iptables -F /);
  });

  it('refuses a client command run in a container, saying which', async () => {
    const result = await check(['--', 'docker', 'exec', 'db', 'psql', '-c', 'DROP DATABASE app']);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule db\.drop: in container db: psql runs DROP DATABASE app/);
  });

  it('starts nothing for a detached session that would delete home, and records the rule', async () => {
    const marker = join(box.dir, 'marker');
    const result = await run(['--', 'sh', '-c', `touch ${marker}; tmux new-session -d -s wipe 'rm -rf ~'`]);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule fs\.rm-home: rm -rf /);
    expect(existsSync(marker)).toBe(false);
    expect(rows('select status, exit_code, decision, rules from runs')).toEqual([{status: 'blocked', exit_code: 77, decision: 'deny', rules: '["fs.rm-home"]'}]);
  });

  it('refuses an escape hatch whose code it does not read, naming the language', async () => {
    const result = await check(['--', 'vim', '-c', ':tcl exec rm -rf ~', '/dev/null']);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule shell\.foreign-code: vim -c runs Vim's tcl code, which guard does not read/);
  });

  it.each([
    ["ssh web1 'df -h /'"],
    ["git -c core.sshCommand='ssh -i ./deploy_key' fetch origin"],
    ["tmux new-session -d -s build 'make -j4'"],
    ['docker exec web nginx -t'],
    ["sed -e 's/exec/run/' ./config.ini"],
  ])('lets the everyday form through: %s', async (script) => {
    const result = await check(['--', 'bash', '-c', script]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
