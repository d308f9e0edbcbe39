import {createHmac} from 'node:crypto';
import {chmodSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

// A script checked again unchanged is decided by the earlier run (src/run/decision-cache.ts),
// as long as the script and everything its analysis read are as they were: the files it
// sources and runs, where its paths lead, what its programs are. Any of them changed, and it
// is decided afresh. GUARD_LOG=json says which: a reused decision logs "decision reused".
let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
  box.env.GUARD_LOG = 'json';
});
afterEach(() => box.remove());

// Enough harmless commands before the ones a test is about for the decision to be kept.
const filler = Array.from({length: 20}, (_, i) => `echo "step ${i}"`);

function writeScript(lines: string[], name = 'job.sh'): string {
  const file = join(box.dir, name);
  writeFileSync(file, ['#!/bin/sh', ...filler, ...lines, ''].join('\n'), {mode: 0o755});
  return file;
}

async function check(file: string, env: Record<string, string> = {}) {
  const {exitCode, stdout, stderr} = await guard(['check', '--json', '--', file], {env: {...box.env, ...env}, cwd: box.dir});
  const verdict = exitCode === 0 || exitCode === 77 ? (JSON.parse(stdout) as {verdict: string; findings: Array<{rule: string}>}) : undefined;
  return {exitCode, verdict: verdict?.verdict, rules: verdict?.findings.map(({rule}) => rule) ?? [], reused: stderr.includes('"decision reused"'), stderr};
}

/** Checked twice unchanged (the second decided by the first), then `change` made: the check after it. */
async function checkAfter(file: string, change: () => void) {
  expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
  expect(await check(file)).toMatchObject({exitCode: 0, reused: true});
  change();
  return check(file);
}

const cacheFolder = () => join(box.env.XDG_STATE_HOME!, 'guard/decision-cache');
const keptFiles = () => {
  try {
    return readdirSync(cacheFolder()).filter((name) => name.endsWith('.decision'));
  } catch {
    return [];
  }
};

describe('a script checked again unchanged', () => {
  it('is decided by the earlier run when it was allowed, from a private file that holds neither its text nor the environment', async () => {
    const file = writeScript(['rm -rf ./build/', 'curl -fsS -u "deploy:$API_TOKEN" https://ci.example.com/api/ping']);
    const env = {API_TOKEN: 'tok-5f2a9c81e7d34b60'};
    const first = await check(file, env);
    expect(first).toMatchObject({exitCode: 0, verdict: 'allow', rules: [], reused: false});
    expect(await check(file, env)).toMatchObject({exitCode: 0, verdict: 'allow', rules: [], reused: true});
    expect(statSync(cacheFolder()).mode & 0o777).toBe(0o700);
    expect(keptFiles()).toHaveLength(1);
    const kept = join(cacheFolder(), keptFiles()[0]!);
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    const text = readFileSync(kept, 'utf8');
    expect(text).not.toContain('tok-5f2a9c81e7d34b60');
    expect(text).not.toContain('ci.example.com');
  });

  it('a refusal or a warning is not kept: it quotes the command, and is decided afresh each time', async () => {
    const file = writeScript(['rm -rf /etc']);
    const first = await check(file);
    expect(first).toMatchObject({exitCode: 77, verdict: 'deny', reused: false});
    expect(first.rules).toContain('fs.protected-path');
    expect(keptFiles()).toEqual([]);
    expect(await check(file)).toMatchObject({exitCode: 77, rules: first.rules, reused: false});
  });

  it('guard run of it is decided by the earlier run too, and runs', async () => {
    const file = writeScript(['echo done > ./out.txt']);
    const run = () => guard(['run', '--', file], {env: box.env, cwd: box.dir});
    const first = await run();
    expect(first.exitCode).toBe(0);
    expect(first.stderr).not.toContain('decision reused');
    const again = await run();
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('decision reused');
  });

  it('four checks at once of a new script keep one decision and one key, leave no temporary file, and settle', async () => {
    const file = writeScript(['rm -rf ./build/']);
    const all = await Promise.all([1, 2, 3, 4].map(() => check(file)));
    for (const one of all) expect(one).toMatchObject({exitCode: 0, verdict: 'allow'});
    expect(keptFiles()).toHaveLength(1);
    expect(readdirSync(cacheFolder()).sort()).toEqual([...keptFiles(), 'seal.key'].sort());
    // The one kept may carry the seal of a key another check replaced: then the next check keeps it again.
    await check(file);
    expect(await check(file)).toMatchObject({exitCode: 0, reused: true});
  });

  it('a temporary file left by a guard killed mid-write goes at the next write once an hour old; one that may be in flight stays', async () => {
    await check(writeScript(['rm -rf ./build/'], 'first.sh'));
    const left = join(cacheFolder(), '.0123456789abcdef.4194301.9f3a');
    const inFlight = join(cacheFolder(), '.fedcba9876543210.4194302.1c2d');
    writeFileSync(left, 'half a decision', {mode: 0o600});
    writeFileSync(inFlight, 'half a decision', {mode: 0o600});
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(left, twoHoursAgo, twoHoursAgo);
    expect(await check(writeScript(['rm -rf ./dist/'], 'second.sh'))).toMatchObject({exitCode: 0, reused: false});
    expect(existsSync(left)).toBe(false);
    expect(existsSync(inFlight)).toBe(true);
    expect(keptFiles()).toHaveLength(2);
  });

  it('a short command is not kept: deciding it again costs less than reading a kept decision', async () => {
    const {exitCode} = await guard(['check', '--', 'sh', '-c', 'echo a; echo b'], {env: box.env, cwd: box.dir});
    expect(exitCode).toBe(0);
    expect(keptFiles()).toEqual([]);
  });
});

describe('decided afresh when anything it read changed', () => {
  it('the script itself', async () => {
    const file = writeScript(['echo safe']);
    expect(await checkAfter(file, () => writeScript(['rm -rf /etc']))).toMatchObject({exitCode: 77, verdict: 'deny', reused: false});
  });

  it('a file it sources', async () => {
    writeFileSync(join(box.dir, 'lib.sh'), 'echo from the library\n');
    const file = writeScript(['. ./lib.sh']);
    const changed = await checkAfter(file, () => writeFileSync(join(box.dir, 'lib.sh'), 'rm -rf /etc\n'));
    expect(changed).toMatchObject({exitCode: 77, reused: false});
    expect(changed.rules).toContain('fs.protected-path');
  });

  it('a folder it empties, replaced by a symlink to /etc', async () => {
    mkdirSync(join(box.dir, 'data'));
    const file = writeScript(['rm -rf ./data/']);
    const changed = await checkAfter(file, () => {
      rmSync(join(box.dir, 'data'), {recursive: true});
      symlinkSync('/etc', join(box.dir, 'data'));
    });
    expect(changed).toMatchObject({exitCode: 77, reused: false});
    expect(changed.rules).toContain('fs.protected-path');
  });

  it('a program it finds on a PATH it sets, replaced by a symlink to rm', async () => {
    mkdirSync(join(box.dir, 'bin'));
    const tidy = join(box.dir, 'bin/tidy');
    writeFileSync(tidy, '#!/bin/sh\necho tidy "$@"\n', {mode: 0o755});
    const file = writeScript(['PATH="$PWD/bin:$PATH"', 'tidy -rf /etc']);
    const changed = await checkAfter(file, () => {
      rmSync(tidy);
      symlinkSync('/bin/rm', tidy);
    });
    expect(changed).toMatchObject({exitCode: 77, reused: false});
    expect(changed.rules).toContain('fs.protected-path');
  });

  it('the environment it reads', async () => {
    mkdirSync(join(box.dir, 'x'));
    const file = writeScript(['rm -rf "$TARGET/"']);
    expect(await check(file, {TARGET: join(box.dir, 'x')})).toMatchObject({exitCode: 0, reused: false});
    expect(await check(file, {TARGET: join(box.dir, 'x')})).toMatchObject({exitCode: 0, reused: true});
    expect(await check(file, {TARGET: '/etc'})).toMatchObject({exitCode: 77, reused: false});
  });

  it('the policy', async () => {
    const file = writeScript(['psql -c "select 1" appdb']);
    const changed = await checkAfter(file, () => writeFileSync(join(box.dir, '.guardrc.json'), JSON.stringify({rules: [{id: 'local.psql', level: 'deny', reason: 'no psql from cron here', match: {program: ['psql']}}]})));
    expect(changed).toMatchObject({exitCode: 77, rules: ['local.psql'], reused: false});
  });

  it('the working folder', async () => {
    mkdirSync(join(box.dir, 'data'));
    const file = writeScript(['rm -rf ./data/']);
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
    expect(await check(file)).toMatchObject({exitCode: 0, reused: true});
    const {exitCode, stderr} = await guard(['check', '--', file], {env: box.env, cwd: '/'});
    // From /, ./data/ is /data/: a top-level folder emptied.
    expect(exitCode).toBe(77);
    expect(stderr).not.toContain('decision reused');
  });
});

describe('a decision that holds only now', () => {
  it('one that read the time (an expiry date already past) is never kept', async () => {
    const lifecycle = JSON.stringify({Rules: [{ID: 'all', Status: 'Enabled', Filter: {}, Expiration: {Date: '2020-01-01T00:00:00Z'}}]});
    const file = writeScript([`aws s3api put-bucket-lifecycle-configuration --bucket logs --lifecycle-configuration '${lifecycle}'`]);
    const first = await check(file);
    expect(first.exitCode).toBe(77);
    expect(keptFiles()).toEqual([]);
    expect(await check(file)).toMatchObject({exitCode: 77, reused: false});
  });
});

describe('a kept decision guard cannot trust', () => {
  const keptOnce = async () => {
    const file = writeScript(['rm -rf ./build/']);
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
    const [name] = keptFiles();
    expect(name).toBeDefined();
    return {file, kept: join(cacheFolder(), name!)};
  };

  it('garbage in its place is a miss: decided afresh, no error', async () => {
    const {file, kept} = await keptOnce();
    writeFileSync(kept, '{"v":1,"key":"x","asked":[');
    expect(await check(file)).toMatchObject({exitCode: 0, verdict: 'allow', reused: false, stderr: expect.not.stringContaining('error')});
  });

  // Sealed as guard seals it: under seal.key's bytes and that file's own device, inode and change time.
  const reseal = (kept: string, body: string) => {
    const key = join(cacheFolder(), 'seal.key');
    const {dev, ino, ctimeNs} = statSync(key, {bigint: true});
    const seal = Buffer.concat([readFileSync(key), Buffer.from(`\0${dev}:${ino}:${ctimeNs}`)]);
    writeFileSync(kept, `${createHmac('sha256', seal).update(body).digest('hex')}\n${body}`, {mode: 0o600});
  };
  const bodyOf = (kept: string) => readFileSync(kept, 'utf8').slice(65);

  it('one of a walk too short to keep, or that never asked for the script, is a miss, sealed or not', async () => {
    const {file, kept} = await keptOnce();
    const body = bodyOf(kept);
    const whole = JSON.parse(body) as {commands: number; asked: Array<[string, string]>};
    reseal(kept, JSON.stringify({...whole, commands: 3}));
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
    reseal(kept, JSON.stringify({...whole, asked: whole.asked.filter(([call]) => !call.startsWith('["scriptFile"'))}));
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
    // The body as guard wrote it, sealed again: read back.
    reseal(kept, body);
    expect(await check(file)).toMatchObject({exitCode: 0, reused: true});
  });

  it('one whose seal does not match is a miss: a decision planted with its key by unpacking an archive', async () => {
    const {file, kept} = await keptOnce();
    expect(await check(file)).toMatchObject({exitCode: 0, reused: true});
    const body = bodyOf(kept);
    writeFileSync(kept, `${'0'.repeat(64)}\n${body}`, {mode: 0o600});
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
    // Folder and key as they were, packed and unpacked again: the same bytes, other files.
    reseal(kept, body);
    expect(await check(file)).toMatchObject({exitCode: 0, reused: true});
    const archive = join(box.dir, 'planted.tar');
    const state = join(box.env.XDG_STATE_HOME!, 'guard');
    expect((await execa('tar', ['-cf', archive, '-C', state, 'decision-cache'])).exitCode).toBe(0);
    rmSync(cacheFolder(), {recursive: true});
    expect((await execa('tar', ['-xpf', archive, '-C', state])).exitCode).toBe(0);
    expect(bodyOf(kept)).toBe(body);
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
  });

  it('a file others may read or write, or a symlink, is not read', async () => {
    const {file, kept} = await keptOnce();
    chmodSync(kept, 0o644);
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
    rmSync(kept);
    await check(file);
    const [name] = keptFiles();
    const moved = join(box.dir, 'elsewhere.decision');
    writeFileSync(moved, readFileSync(join(cacheFolder(), name!)), {mode: 0o600});
    rmSync(join(cacheFolder(), name!));
    symlinkSync(moved, join(cacheFolder(), name!));
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
  });

  it('one with a second name (a hard link, through which a command could have written it) is a miss', async () => {
    const {file, kept} = await keptOnce();
    expect(await check(file)).toMatchObject({exitCode: 0, reused: true});
    linkSync(kept, join(box.dir, 'second-name'));
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
  });

  it('its folder behind a symlinked parent is guarded where it really is', async () => {
    mkdirSync(join(box.dir, 'real-state'));
    symlinkSync(join(box.dir, 'real-state'), join(box.dir, 'linked-state'));
    box.env.XDG_STATE_HOME = join(box.dir, 'linked-state');
    const {exitCode, stderr} = await guard(['check', '--', 'sh', '-c', `echo x > ${join(box.dir, 'real-state/guard/decision-cache/0123abcd89ef4567.decision')}`], {env: box.env, cwd: box.dir});
    expect(exitCode).toBe(77);
    expect(stderr).toContain('fs.guard-state');
  });

  it('a state folder guard cannot write only costs the cache: both runs decide alike', async () => {
    writeFileSync(join(box.dir, 'state-is-a-file'), '');
    box.env.XDG_STATE_HOME = join(box.dir, 'state-is-a-file');
    const file = writeScript(['rm -rf ./build/']);
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
    expect(await check(file)).toMatchObject({exitCode: 0, reused: false});
  });
});
