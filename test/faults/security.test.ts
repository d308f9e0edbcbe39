// Security and bad input (S1–S17 of the reliability plan), through the built CLI.
// S1–S5 (policy files) are in policy-files.test.ts. Not here:
// - S8, S9, S15 (redaction) and S10 (the command's environment) have their own suites.
// - S7's `./myrm` symlinked to /bin/rm: not refused. The policy names a program by the word
//   as written (`/bin/rm` is `rm`) and does not resolve a symbolic link to the program it
//   leads to, so `./myrm -rf /` is allowed; that is product work, not a test to fake here.
import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import fc from 'fast-check';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {openAuditStore} from '../../src/audit/store.js';
import {parseDuration} from '../../src/duration.js';
import {GuardError} from '../../src/errors.js';
import {validatePolicyData} from '../../src/policy-files/parse.js';
import {endFields, startFields} from '../audit/sample-run.js';
import {expectNoLeftovers, type FaultBox, faultBox, needsRoot, rows as rowsIn} from '../helpers/faults.js';
import {waitFor} from '../helpers/gate.js';
import {bin, guard, root} from '../helpers/guard.js';
import {listens, numberIn, startGuard} from '../helpers/faults-store.js';
import {eventually} from '../helpers/processes.js';

// Each case starts several guards, some waiting on others: on a loaded machine that takes a while.
vi.setConfig({testTimeout: 120_000});

const nobody = '65534';

let box: FaultBox;
beforeEach(() => {
  box = faultBox();
});
afterEach(() => box.remove());

const rows = (query: string) => rowsIn(box.db, query);
const file = (name: string) => join(box.dir, name);

needsRoot();

describe('S6: a refused command', () => {
  it('S6 exits 77, starts nothing and leaves a blocked row naming the rule', async () => {
    const result = await guard(['run', '--', 'sh', '-c', `touch ${file('marker')}; rm -rf /`], {env: box.env});
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toBe('guard: refused by rule fs.rm-root: rm -rf / would delete the root filesystem');
    expect(existsSync(file('marker'))).toBe(false);
    expect(rows('select status, exit_code, rules, child_pid from runs')).toEqual([{status: 'blocked', exit_code: 77, rules: '["fs.rm-root"]', child_pid: null}]);
    await expectNoLeftovers(box);
  });
});

describe('S7: spellings of a refused command', () => {
  // --dry-run: should a spelling slip through, it is reported, never executed.
  const variants = [
    ['/bin/rm', '-rf', '/'],
    ['rm', '-fr', '//'],
    ['rm', '-r', '-f', '/.'],
    ['env', 'rm', '-rf', '/'],
    ['nice', 'rm', '-rf', '/'],
    ['sh', '-c', 'rm -rf /'],
    ['bash', '-c', '$(printf \'rm -rf /\')'],
    ['bash', '-c', "$(printf '%s -rf /' rm)"],
    ['bash', '-c', 'x=$(printf "rm -rf /"); $x'],
  ];

  it.each(variants)('S7 refuses %j with 77 and records it blocked', async (...argv) => {
    const result = await guard(['run', '--dry-run', '--', ...argv], {env: box.env});
    expect(result.stderr).toMatch(/^guard: refused by rule /);
    expect(result.exitCode).toBe(77);
    expect(rows('select status from runs')).toEqual([{status: 'blocked'}]);
  });

  it('S7 says in the README that copied or renamed binaries are out of reach', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/a copied or renamed\s+binary/);
  });
});

describe('S11: NODE_OPTIONS and NODE_PATH cannot inject code into guard', () => {
  const evil = () => {
    const path = file('evil.cjs');
    writeFileSync(path, `require('node:fs').writeFileSync(${JSON.stringify(file('injected'))}, 'ran');\n`);
    return path;
  };

  const show = 'printf "%s|%s|%s" "$NODE_OPTIONS" "$NODE_PATH" "${GUARD_NODE_OPTIONS-none}"';

  it('S11 runs no preload through the shebang, and the command still gets both variables', async () => {
    const env = {...box.env, NODE_OPTIONS: `--require ${evil()}`, NODE_PATH: file('modules')};
    // bin/run.js executed as a user runs it: the kernel reads its shebang.
    const result = await execa(bin, ['run', '--', 'sh', '-c', show], {env, reject: false, stdin: 'ignore'});
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(existsSync(file('injected'))).toBe(false);
    expect(result.stdout).toBe(`--require ${evil()}|${file('modules')}|none`);
  });

  it('S11 the same preload does run when Node is started by hand (the marker works)', async () => {
    const result = await guard(['run', '--', 'true'], {env: {...box.env, NODE_OPTIONS: `--require ${evil()}`}});
    expect(result.exitCode).toBe(0);
    expect(existsSync(file('injected'))).toBe(true);
  });

  it('S11 leaves both unset for the command when the caller had neither', async () => {
    const result = await execa(bin, ['run', '--', 'sh', '-c', 'printf "%s|%s" "${NODE_OPTIONS-unset}" "${NODE_PATH-unset}"'], {
      env: {...process.env, ...box.env, NODE_OPTIONS: undefined, NODE_PATH: undefined},
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('unset|unset');
  });
});

describe('S12: the audit log is private', () => {
  it('S12 another user cannot read it, even with every folder above it open', async () => {
    chmodSync(box.dir, 0o755);
    expect((await guard(['run', '--', 'true'], {env: box.env})).exitCode).toBe(0);
    const dump = spawnSync('setpriv', [`--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups', 'sqlite3', box.env.GUARD_DB!, '.dump'], {encoding: 'utf8'});
    expect(dump.status).not.toBe(0);
    expect(dump.stderr).toMatch(/unable to open database/);
    expect(dump.stdout).not.toMatch(/INSERT INTO/);
  });
});

describe('S13: tampering is found by guard verify', () => {
  const sql = (statement: string) => execFileSync('sqlite3', [box.env.GUARD_DB!, statement], {encoding: 'utf8'}).trim();
  const verify = (...args: string[]) => guard(['verify', ...args], {env: box.env});

  beforeEach(() => {
    const store = openAuditStore(box.env.GUARD_DB!);
    for (let i = 0; i < 20; i++) store.recordFinished({...startFields({name: `job${i}`}), ...endFields('succeeded')});
    store.close();
  });

  it('S13 names row 17 when one byte of it was changed', async () => {
    sql("UPDATE runs SET command = 'pg_dump -Fc dc' WHERE id = 17");
    const {exitCode, stderr} = await verify();
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/: row 17 \(seq 17\): hash does not match its content: the row was changed$/);
  });

  it('S13 names the gap when row 17 was deleted', async () => {
    sql('DELETE FROM runs WHERE id = 17');
    const {exitCode, stderr} = await verify();
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/: row 18 \(seq 18\): seq 17 expected: rows before it were removed$/);
  });

  it('S13 finds the last 3 rows dropped against a head kept apart', async () => {
    const head = sql('SELECT hash FROM runs WHERE seq = 20');
    sql('DELETE FROM runs WHERE seq > 17');
    const {exitCode, stderr} = await verify('--head', head);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(new RegExp(`head ${head} is not in the chain`));
  });
});

describe('S14: the parsers of what users type', () => {
  it('S14 a duration is a number or a UsageError, never another error', () => {
    const texts = fc.oneof(fc.string(), fc.stringMatching(/^[0-9.]{0,25}(ms|s|m|h|d|x)?$/));
    fc.assert(
      fc.property(texts, (text) => {
        try {
          expect(Number.isInteger(parseDuration(text, '--timeout'))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(GuardError);
          expect((error as GuardError).exitCode).toBe(64);
        }
      }),
      {numRuns: 5000},
    );
  });

  it('S14 policy data is accepted or refused with a PolicyError (78), never a crash', async () => {
    const keys = fc.constantFrom('rules', 'defaults', 'paths', 'jobs', 'env', 'redact', 'audit', 'id', 'level', 'match', 'reason', 'timeout', 'protect', 'program');
    const data = fc.oneof(fc.anything(), fc.dictionary(keys, fc.anything({maxDepth: 3})));
    await fc.assert(
      fc.asyncProperty(data, async (value) => {
        try {
          await validatePolicyData(value, 'fuzz.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(GuardError);
          expect((error as GuardError).exitCode).toBe(78);
        }
      }),
      {numRuns: 2000},
    );
  });
});

describe('S16: control characters in a command', () => {
  const tricky = 'echo\x1b[2J\nFAKE LINE\x07';
  const rawControl = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

  it('S16 stores the argv as a JSON array, and a command text without raw control characters that bash reads back as the argv', async () => {
    const argv = ['printf', '%s|', tricky, "it's \x01a", 'c1\u009bm'];
    const result = await guard(['run', '--', ...argv], {env: box.env});
    expect(result.exitCode).toBe(0);
    const [row] = rows('select argv, command from runs');
    expect(JSON.parse(row!.argv as string)).toEqual(argv);
    expect(row!.command).not.toMatch(rawControl);
    expect(execFileSync('bash', ['-c', row!.command as string], {encoding: 'utf8'})).toBe(result.stdout);
  });

  it('S16 keeps bytes that are not UTF-8 from breaking the stored JSON', async () => {
    // bash passes the raw bytes: Node reads argv as UTF-8 and turns what is not into U+FFFD.
    const result = await execa('bash', ['-c', `exec "$0" "$1" run -- printf %s $'\\xff\\x01ok'`, process.execPath, bin], {
      env: {...process.env, ...box.env, NODE_OPTIONS: undefined},
      extendEnv: false,
      reject: false,
    });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(rows('select argv from runs')[0]!.argv as string)).toEqual(['printf', '%s', '\ufffd\x01ok']);
  });

  it('S16 guard history prints no raw control character of a stored command', async () => {
    expect((await guard(['run', '--', 'printf', '%s', tricky], {env: box.env})).exitCode).toBe(0);
    const history = await guard(['history'], {env: box.env});
    expect(history.exitCode).toBe(0);
    expect(history.stdout).toContain('printf');
    expect(history.stdout).not.toMatch(rawControl);
    expect(history.stdout).not.toMatch(/^FAKE LINE/m);
  });
});

describe('S17: SIGUSR1 never opens the inspector', () => {
  it('S17 a bare Node opens a listening port on SIGUSR1 (the check works)', async () => {
    const node = execa(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], {reject: false});
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      node.kill('SIGUSR1');
      expect(await eventually(() => listens(node.pid!), 10_000)).toBe(true);
    } finally {
      node.kill('SIGKILL');
      await node;
    }
  });

  it('S17 guard opens no port, passes SIGUSR1 on to the command and exits with its status', async () => {
    const script = `trap 'touch ${file('usr1')}' USR1; echo $$ > ${file('pid')}; ${waitFor(file('go'))}; exit 3`;
    const running = startGuard(['run', '--', 'sh', '-c', script], box.env);
    await numberIn(file('pid'));
    expect(await eventually(() => rows('select status from runs')[0]?.status === 'running')).toBe(true);
    running.kill('SIGUSR1');
    expect(await eventually(() => existsSync(file('usr1')), 10_000)).toBe(true);
    expect(listens(running.pid!)).toBe(false);
    writeFileSync(file('go'), '');
    expect(await running.ended).toBe(3);
    expect(rows('select status, exit_code from runs')).toEqual([{status: 'failed', exit_code: 3}]);
    await expectNoLeftovers(box);
  });
});
