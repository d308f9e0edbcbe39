// Streaming: 1 GiB through guard against the same bytes through a plain pipe.
//
// The pipe candidates write into the same consumer, `cat FIFO` with its stdout on /dev/null,
// through a named pipe: the producer's stdout is a real pipe(2), as in a shell pipeline.
// The file candidates write to a regular file in the sandbox (removed after each run):
//   to a file: head -c 1G /dev/zero > FILE;  node bin/run.js run -- head -c 1G /dev/zero > FILE
// (Node's own 'pipe' stdio is an AF_UNIX socketpair with different throughput, and a
// consumer inside this process would compete with the timer that samples guard's RSS.)
//   plain: head -c 1G /dev/zero > FIFO;                    cat FIFO > /dev/null
//   guard: node bin/run.js run -- head -c 1G /dev/zero > FIFO;  cat FIFO > /dev/null
// Wall time runs from before `cat` starts until both processes have exited.
import {execFileSync, spawn} from 'node:child_process';
import {closeSync, existsSync, openSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {compare, exited, guardBin, peakRss, sandboxDir, timeRow} from './lib.js';

export const title = 'Streaming 1 GiB (`head -c 1G /dev/zero`) into `cat > /dev/null`, and to a file';

const bytes = 1 << 30;
const produce = ['head', '-c', '1G', '/dev/zero'];

function fifo() {
  const path = join(sandboxDir(), 'stream.fifo');
  if (!existsSync(path)) execFileSync('mkfifo', [path]);
  return path;
}

/** Starts `cmd args` with its stdout opened on `path` (write-only); `stderr()` is what it said so far. */
function produceInto(path, cmd, args, env) {
  const fd = openSync(path, 'w');
  let producer;
  try {
    producer = spawn(cmd, args, {env, stdio: ['ignore', fd, 'pipe']});
  } finally {
    closeSync(fd);
  }

  let said = '';
  producer.stderr.on('data', (chunk) => {
    said += chunk;
  });
  return {producer, stderr: () => said};
}

/** One run of `cmd args > FIFO | cat FIFO > /dev/null`; measures the producer's peak RSS when asked. */
async function pipeline(cmd, args, env, {rss = false} = {}) {
  const path = fifo();
  const start = process.hrtime.bigint();
  const consumer = spawn('cat', [path], {stdio: ['ignore', 'ignore', 'inherit']});
  // Opening for writing waits for cat to open the other end: it is already starting.
  const {producer, stderr: said} = produceInto(path, cmd, args, env);
  const peak = rss ? peakRss(producer) : null;
  const [made, eaten] = await Promise.all([exited(producer), exited(consumer)]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = said();
  if (made.code !== 0 || eaten.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} | cat: exit ${made.code ?? made.signal} | ${eaten.code ?? eaten.signal}: ${stderr.trim()}`);
  }

  return {ms, stderr, rssKiB: peak ? await peak : undefined};
}

/** One run of `cmd args > FILE`, the file new each time. */
async function toFile(cmd, args, env) {
  const path = join(sandboxDir(), 'stream.out');
  rmSync(path, {force: true});
  const start = process.hrtime.bigint();
  const {producer, stderr: said} = produceInto(path, cmd, args, env);
  const made = await exited(producer);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = said();
  rmSync(path, {force: true});
  if (made.code !== 0 || stderr.trim()) throw new Error(`${cmd} ${args.join(' ')} > FILE: exit ${made.code ?? made.signal}: ${stderr.trim()}`);
  return {ms};
}

export default async function stream({runs = 5} = {}) {
  const node = process.execPath;
  const results = await compare({
    baseline: 'plain pipe',
    runs,
    warmup: 1,
    candidates: [
      {
        name: 'plain pipe',
        run: async (env) => {
          const {ms} = await pipeline(produce[0], produce.slice(1), env);
          return {ms};
        },
      },
      {
        name: 'guard run -- head …',
        run: async (env, {warmup}) => {
          // The warm-up run adds --json and checks that every byte went through.
          const args = [guardBin(), 'run', ...(warmup ? ['--json'] : []), '--', ...produce];
          const {ms, stderr, rssKiB} = await pipeline(node, args, env, {rss: true});
          if (warmup) {
            const report = JSON.parse(stderr.trim().split('\n').at(-1));
            if (report.stdout_bytes !== bytes) throw new Error(`guard saw ${report.stdout_bytes} bytes, not ${bytes}`);
          } else if (stderr.trim()) {
            throw new Error(`guard wrote to stderr: ${stderr.trim()}`);
          }

          return {ms, rssMB: (rssKiB * 1024) / 1e6};
        },
      },
      {name: 'head … > FILE', run: (env) => toFile(produce[0], produce.slice(1), env)},
      {name: 'guard run -- head … > FILE', run: (env) => toFile(node, [guardBin(), 'run', '--', ...produce], env)},
    ],
  });
  const [plain, guard, fileDirect, fileGuard] = results;
  const rss = guard.measures.rssMB;
  const throughput = (result) => `${((bytes / 2 ** 20) / (result.ms.median / 1000)).toFixed(0)} MiB/s`;
  return [
    timeRow(plain, {note: `baseline, ${throughput(plain)}`}),
    timeRow(guard, {budget: {max: 2, label: '≤ 2×'}, note: `into a pipe; ${throughput(guard)}`}),
    timeRow(fileDirect, {note: `reference: no relay; ${(fileDirect.ms.median / plain.ms.median).toFixed(2)}× the pipe`}),
    timeRow(fileGuard, {budget: {max: 1.5, label: '≤ 1.5×'}, note: `to a file; ${throughput(fileGuard)}`}),
    {
      candidate: 'guard peak RSS (VmHWM)',
      unit: 'MB',
      ...rss,
      ratio: null,
      budget: '< 100 MB (max of runs)',
      pass: rss.max < 100,
      note: `max ${rss.max.toFixed(1)} MB`,
    },
  ];
}
