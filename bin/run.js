#!/usr/bin/env -S -u NODE_OPTIONS -u NODE_PATH GUARD_NODE_OPTIONS=${NODE_OPTIONS} GUARD_NODE_PATH=${NODE_PATH} node
'use strict';
// CommonJS (bin/package.json says so): Node starts it without its ESM loader. No V8 flag on
// node's command line: any flag there makes Node reject the code cache of its own modules
// (~40 ms a run). The bash grammar's flags are set when a script is first parsed
// (src/shell/parser.ts), after this file has written its own code cache.

// A stray SIGUSR1 (logrotate, pkill) would open Node's inspector, a local code-execution
// port with guard's privileges: handling it keeps the inspector shut.
process.on('SIGUSR1', () => {});

// The V8 flags this process started with, before NODE_OPTIONS is given back below: a code
// cache made under other flags is rejected, so they are part of its name.
const startFlags = `${process.execArgv.join('\0')}\0${process.env.NODE_OPTIONS ?? ''}`;

// The shebang keeps NODE_OPTIONS and NODE_PATH from the Node that runs guard (`--require
// /tmp/x.js` would run code inside guard before its first line) and carries them aside, so
// the command still gets the caller's environment. `node bin/run.js` bypasses the shebang.
for (const name of ['NODE_OPTIONS', 'NODE_PATH']) {
  const carried = process.env[`GUARD_${name}`];
  delete process.env[`GUARD_${name}`];
  if (carried) process.env[name] = carried;
}

const fs = require('node:fs');
const path = require('node:path');

// The commands that skip oclif: the bundle each loads, the function of that bundle that runs
// it (with the words after the command, and the command), and whether it only reads: the cache
// of one that only reads is written only by one that succeeded (one that failed compiled
// little and creates nothing).
const fast = {
  run: {bundle: 'lean', entry: 'leanRun', reads: false},
  check: {bundle: 'lean', entry: 'leanCheck', reads: false},
  locks: {bundle: 'lean', entry: 'leanLocks', reads: true},
  history: {bundle: 'read', entry: 'leanRead', reads: true},
  show: {bundle: 'read', entry: 'leanRead', reads: true},
  stats: {bundle: 'read', entry: 'leanRead', reads: true},
  verify: {bundle: 'read', entry: 'leanRead', reads: true},
};

/**
 * The lean path of `guard run`, `check` and `locks` (dist/fast/lean.cjs) or of `guard history`,
 * `show`, `stats` and `verify` (dist/fast/read.cjs), compiled through a V8 code cache in the
 * user's state folder. The cache is executable code: it is read only if it is a regular file
 * owned by this user, writable by no one else, in a folder of the same kind, opened without
 * following a symlink; it is written (0600, atomically) only by a run that found it missing
 * or that V8 rejected, and its name carries the bundle's hash, Node's version, the
 * architecture and the V8 flags, each of which V8 would otherwise match loosely or reject.
 * A run or check of shell code reads a second such cache, written after a walk (below).
 */
function loadLean(command, words) {
  const {bundle} = fast[command];
  const file = path.join(__dirname, `../dist/fast/${bundle}.cjs`);
  // The bundle is a function expression of CommonJS's five arguments, all ASCII (both made so
  // by scripts/build.js): latin1 reads it without decoding UTF-8.
  const source = fs.readFileSync(file, 'latin1');
  const cache = cachePath(command, bundle);
  // A command that runs shell code or a script gets a second cache, made after a walk, that
  // holds the shell walker's compiled functions too (~8 ms of a 1,000-line script's check);
  // `check -- true` keeps the smaller one, which loads faster.
  const walkCache = cache !== undefined && runsCode(command, words) ? cachePath(`${command}.walk`, bundle) : undefined;
  const walkFound = walkCache === undefined ? 'missing' : readCache(walkCache);
  // The one read was the walk cache: V8 rejecting it says nothing of the other.
  const readWalk = Buffer.isBuffer(walkFound);
  const found = readWalk ? walkFound : cache === undefined ? 'refused' : readCache(cache);
  const {script, module, rejected} = runBundle(file, source, found);
  let stale = readWalk ? false : found === 'missing' || rejected;
  // Written where it is missing or rejected; one refused (another user's, a symlink) is left alone.
  let walkStale = walkCache !== undefined && (walkFound === 'missing' || (readWalk && rejected));
  const write = () => {
    stale = false;
    try {
      writeCache(cache, script.createCachedData());
    } catch {}
  };
  // A run that parses a script writes it just before the grammar's V8 flags are set: made
  // after that, every later process would reject it. The walk cache waits for a run that
  // parses nothing (its script's tree read from the parse cache), so it holds the walk.
  module.exports.whenV8FlagsChange?.(() => {
    if (stale) write();
    // The script about to be parsed names programs the rules' checks judge: their bundle is
    // compiled now, while V8 still accepts its cache.
    packs();
  });
  // The built-in rules' checks: a bundle of their own, compiled through a cache of its own the
  // first time a command names a program one of them judges (src/cli/packs-bundle.ts).
  let loaded;
  const packs = () => {
    if (loaded) return loaded.module.exports;
    const file = path.join(__dirname, '../dist/fast/packs.cjs');
    const cache = cachePath('packs', 'packs');
    const found = cache === undefined ? 'refused' : readCache(cache);
    loaded = {...runBundle(file, fs.readFileSync(file, 'latin1'), found), cache, stale: found === 'missing'};
    loaded.stale ||= loaded.rejected;
    return loaded.module.exports;
  };
  module.exports.packsFrom?.(packs);
  // dist/build.json, read above for the caches' names: the bundle names what it keeps with it too.
  if (builds) module.exports.buildFrom?.(builds);
  return {
    lean: module.exports,
    // Else after the run, so the cache holds the functions the run compiled; never from a
    // usage error, which compiled almost nothing, nor from a reading command that failed,
    // which creates nothing.
    remember(status) {
      const compiled = fast[command].reads ? status === 0 : status !== 'help' && status !== 64;
      if (!compiled || module.exports.changedV8Flags?.()) return;
      if (stale) write();
      if (loaded?.stale) {
        loaded.stale = false;
        try {
          writeCache(loaded.cache, loaded.script.createCachedData());
        } catch {}
      }
      // Only a run that walked parsed code has compiled what the walk cache is for.
      if (walkStale && module.exports.walkedParsedCode?.()) {
        walkStale = false;
        try {
          writeCache(walkCache, script.createCachedData());
        } catch {}
      }
    },
  };
}

/**
 * A bundle of dist/fast (the body of a function of CommonJS's five arguments) run from its
 * source, through the cached code when there is some: its module, and whether V8 rejected the cache.
 */
function runBundle(file, source, found) {
  const vm = require('node:vm');
  const {createRequire} = require('node:module');
  const script = new vm.Script(source, {
    filename: file,
    ...(Buffer.isBuffer(found) ? {cachedData: found} : {}),
  });
  const module = {exports: {}};
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return {script, module, rejected: Buffer.isBuffer(found) && script.cachedDataRejected === true};
}

// Programs whose command is code to walk: a shell, or a path (a script file, most often).
const shellNames = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'busybox']);

/** Whether `run`/`check` will walk shell code: the command after `--` is a shell or a path. */
function runsCode(command, words) {
  if (command !== 'run' && command !== 'check') return false;
  const at = words.indexOf('--');
  const program = at === -1 ? undefined : words[at + 1];
  return program !== undefined && (program.includes('/') || program.endsWith('.sh') || shellNames.has(program));
}

// dist/build.json, read once: the lean bundle and the packs' each take their hash from it.
let builds;
function cachePath(command, bundle) {
  if (builds === undefined) {
    try {
      builds = JSON.parse(fs.readFileSync(path.join(__dirname, '../dist/build.json'), 'utf8'));
    } catch {
      builds = null;
    }
  }
  const build = builds?.[bundle];
  if (typeof build !== 'string' || !/^[0-9a-f]{16}$/.test(build) || typeof process.getuid !== 'function') return undefined;
  const env = process.env;
  const state = path.join(env.XDG_STATE_HOME || path.join(env.HOME || require('node:os').homedir(), '.local/state'), 'guard');
  // FNV-1a of the flags: names stay short, and the hash need not resist anyone.
  let flags = 0x811c9dc5;
  for (let i = 0; i < startFlags.length; i++) flags = Math.imul(flags ^ startFlags.charCodeAt(i), 0x01000193) >>> 0;
  return path.join(state, 'code-cache', `lean-${command}-${build}-${process.version}-${process.arch}-${flags.toString(16)}.bin`);
}

/** The cache's bytes; `missing` when there is none; `refused` when something else is there. */
function readCache(file) {
  // Its folder too must be the user's alone: another user who may write there could swap files.
  let folder;
  try {
    folder = fs.lstatSync(path.dirname(file), {throwIfNoEntry: false});
  } catch {
    return 'refused';
  }
  if (folder === undefined) return 'missing';
  if (!privateFolder(folder)) return 'refused';
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (error) {
    return error.code === 'ENOENT' ? 'missing' : 'refused';
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0) return 'refused';
    return fs.readFileSync(fd);
  } catch {
    return 'refused';
  } finally {
    fs.closeSync(fd);
  }
}

/** A folder of this user's that no one else may write: where a cache may be read or removed. */
function privateFolder(stat) {
  return stat.isDirectory() && stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

/** Best effort: a state folder guard cannot write costs the next run the cache, nothing else. */
function writeCache(file, data) {
  const temporary = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  let fd;
  try {
    makeFolders(path.dirname(file));
    const {O_CREAT, O_EXCL, O_NOFOLLOW, O_WRONLY} = fs.constants;
    fd = fs.openSync(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, file);
  } catch {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temporary, {force: true});
    return;
  }
  removeOldCaches(file);
}

/**
 * Each upgrade of guard or Node names a new cache (~600 KB): on writing one, all but the
 * newest `keptCaches` others of the same command go, so the state folder does not grow with
 * every upgrade, and two guards sharing it (two Node versions) each keep theirs. Only regular
 * files of this user in a folder of this user's alone, named as guard names them.
 */
const keptCaches = 3;
function removeOldCaches(file) {
  try {
    const dir = path.dirname(file);
    if (!privateFolder(fs.lstatSync(dir))) return;
    const kind = path.basename(file).split('-').slice(0, 2).join('-');
    const others = [];
    for (const name of fs.readdirSync(dir)) {
      const other = path.join(dir, name);
      if (other === file || !name.startsWith(`${kind}-`) || !name.endsWith('.bin')) continue;
      const stat = fs.lstatSync(other, {throwIfNoEntry: false});
      if (stat && stat.isFile() && stat.uid === process.getuid()) others.push({other, mtime: stat.mtimeMs});
    }
    others.sort((a, b) => b.mtime - a.mtime);
    // unlink, not rmSync (which loads Node's recursive removal); one another guard removed first is simply gone.
    for (const {other} of others.slice(keptCaches)) {
      try {
        fs.unlinkSync(other);
      } catch {}
    }
  } catch {}
}

/**
 * `mkdir -p`, new folders 0700 (the cache is the user's alone), one level at a time; a folder
 * another guard made at the same instant is taken as made (as src/paths.ts makeFolders does,
 * which this file cannot load before the bundle).
 */
function makeFolders(dir) {
  if (fs.lstatSync(dir, {throwIfNoEntry: false})) return;
  makeFolders(path.dirname(dir));
  try {
    fs.mkdirSync(dir, {mode: 0o700});
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
}

async function main() {
  const [command, ...words] = process.argv.slice(2);
  let status = 'help';
  if (Object.hasOwn(fast, command ?? '')) {
    const {lean, remember} = loadLean(command, words);
    status = await lean[fast[command].entry](words, command);
    remember(status);
    // All is recorded, closed and written: end now, rather than after V8 has taken its heap
    // apart (~2 ms). Not while Node's stream still holds text for a pipe's reader.
    if (typeof status === 'number' && lean.outputWritten?.()) process.exit(status);
  }

  if (status === 'help') {
    const {execute} = await import('@oclif/core');
    stdoutErrorsInOneLine();
    // The package root: oclif would take this folder's package.json (the CommonJS marker) for it.
    await execute({dir: path.join(__dirname, '..')});
  } else {
    process.exitCode = status;
  }
}

// The errors of a reader gone: a pipe or socket closed, or no stdout at all.
const readerGone = new Set(['EPIPE', 'EBADF', 'ECONNRESET']);

/**
 * oclif rethrows every error of stdout but EPIPE from a listener of its own, which ended `guard
 * prune --help > /dev/full` and `guard --help > /dev/full` in Node's stack trace and exit 1. As on
 * the lean path (src/print.ts): a reader gone drops the rest and the status stands; any other
 * error (a full disk) is one line and exit 70, unless the command has already failed and said
 * why.
 */
function stdoutErrorsInOneLine() {
  process.stdout.removeAllListeners('error');
  let said = false;
  process.stdout.on('error', (error) => {
    if (said || readerGone.has(error.code)) return;
    said = true;
    if (process.exitCode) return;
    process.exitCode = 70;
    try {
      fs.writeSync(2, `guard: cannot write to stdout: ${String(error.message).replace(/[\r\n]+/g, ' ')}\n`);
    } catch {}
  });
}

main();
