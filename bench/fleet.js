// The fleet: what the fleet lock adds to a locked run, against a throwaway PostgreSQL this
// section starts itself (initdb and postgres from the server binaries, on a private unix
// socket, stopped by pid at the end; test/helpers/pg-cluster.ts, compiled here by esbuild).
//
// Candidates, interleaved round-robin so each round's samples ran under the same conditions:
// Node alone, a plain run, a run under the host lock, and the same run under the fleet lock
// (connect, schema check, acquire, ship the start, release, ship the end). The fleet's added
// cost is the median of per-round differences against the host-locked run.
import {spawnSync} from 'node:child_process';
import {rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {benchEnv, compare, guardBin, root, sandboxDir, summarize, timeRow} from './lib.js';

export const title = "Fleet: `guard run --lock x -- true` under the fleet lock, against the host lock alone (in `node -e ''`)";

async function clusterModule() {
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    bundle: true,
    entryPoints: [join(root, 'test/helpers/pg-cluster.ts')],
    format: 'esm',
    packages: 'external',
    platform: 'node',
    write: false,
  });
  const file = join(root, 'bench/.pg-cluster.mjs');
  writeFileSync(file, built.outputFiles[0].text);
  try {
    return await import(file);
  } finally {
    rmSync(file, {force: true});
  }
}

export default async function fleet({runs = 31} = {}) {
  const {pgAvailable, startCluster} = await clusterModule();
  const available = pgAvailable();
  if (!available.ok) {
    return [{candidate: 'fleet', unit: 'ms', median: NaN, p10: NaN, p90: NaN, ratio: null, budget: '', pass: null, note: `not measured: ${available.need}`}];
  }

  const cluster = await startCluster();
  try {
    const node = process.execPath;
    const env = benchEnv({GUARD_DB: join(sandboxDir(), 'fleet/audit.db')});
    const fleetEnv = {...env, GUARD_FLEET_URL: cluster.url()};
    const init = spawnSync(node, [guardBin(), 'fleet', 'init'], {env: fleetEnv, encoding: 'utf8'});
    if (init.status !== 0) throw new Error(`guard fleet init: exit ${init.status}: ${init.stderr.trim()}`);
    // Before timing: the fleet-locked run holds the fleet lock; the others hold none.
    const check = spawnSync(node, [guardBin(), 'run', '--lock', 'x', '--', 'sh', '-c', 'test "$GUARD_LOCK_SCOPE" = fleet'], {env: fleetEnv, encoding: 'utf8'});
    if (check.status !== 0) throw new Error(`fleet run: exit ${check.status}: ${check.stderr.trim()}`);

    const timed = (name, args, candidateEnv) => ({
      name,
      run() {
        const start = process.hrtime.bigint();
        const result = spawnSync(node, args, {env: candidateEnv, stdio: ['ignore', 'ignore', 'pipe']});
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (result.status !== 0) throw new Error(`${name}: exit ${result.status ?? result.signal}: ${String(result.stderr).trim()}`);
        return {ms};
      },
    });
    const results = await compare({
      baseline: "node -e ''",
      runs,
      env,
      candidates: [
        timed("node -e ''", ['-e', ''], env),
        timed('guard run -- true', [guardBin(), 'run', '--', 'true'], env),
        timed('guard run --lock x -- true', [guardBin(), 'run', '--lock', 'x', '--', 'true'], env),
        timed('same, fleet lock', [guardBin(), 'run', '--lock', 'x', '--', 'true'], fleetEnv),
      ],
    });
    const by = Object.fromEntries(results.map((result) => [result.name, result]));
    const nodeMs = by["node -e ''"].ms.median;
    const hostLocked = by['guard run --lock x -- true'];
    const fleetLocked = by['same, fleet lock'];
    const added = summarize(fleetLocked.samples.map((ms, k) => ms - hostLocked.samples[k]));
    return [
      timeRow(by["node -e ''"], {note: 'unit of the budget: Node start-up alone'}),
      timeRow(by['guard run -- true'], {note: "no fleet configured; ratio against node -e ''"}),
      timeRow(hostLocked, {note: "host lock alone; ratio against node -e ''"}),
      timeRow(fleetLocked, {note: "host and fleet lock, history shipped; ratio against node -e ''"}),
      {
        candidate: 'added by the fleet lock',
        unit: 'ms',
        ...added,
        ratio: added.median / nodeMs,
        budget: "≤ 2× node -e ''",
        pass: added.median / nodeMs <= 2,
        note: 'median of per-round differences against the host-locked run; PostgreSQL on a local unix socket',
      },
    ];
  } finally {
    await cluster.stop();
  }
}
