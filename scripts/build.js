// Compiles src/ to dist/, bundles the lean run path, and writes the oclif manifest, so
// `guard --help` and every command load only the file they need. Runs on `npm install`
// (prepare) and before tests. A type error fails the build, after everything is emitted.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), {force: true, recursive: true});

// The lean path of `guard run` and `guard check` as one file: start-up is part of the
// product, and Node loads one module far faster than forty. Packages stay outside,
// loaded where used.
const esbuild = await import('esbuild');
await esbuild.build({
  bundle: true,
  entryPoints: {lean: join(root, 'src/cli/lean.ts')},
  format: 'esm',
  logLevel: 'warning',
  outdir: join(root, 'dist/fast'),
  packages: 'external',
  platform: 'node',
  splitting: true,
  target: 'node20',
});

// The worker thread that masks output tails (src/run/redaction.ts), next to the bundle's
// chunks: a file of its own, so the lean path's chunks stay as they are.
await esbuild.build({
  bundle: true,
  entryPoints: {'mask-worker': join(root, 'src/run/mask-worker.ts')},
  format: 'esm',
  logLevel: 'warning',
  outdir: join(root, 'dist/fast'),
  packages: 'external',
  platform: 'node',
  target: 'node20',
});

const typecheck = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], {stdio: 'inherit'});

const {Plugin} = await import('@oclif/core');
const plugin = new Plugin({root, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true});
await plugin.load();
writeFileSync(join(root, 'oclif.manifest.json'), JSON.stringify(plugin.manifest, null, 2) + '\n');

// What this build's sources hash to: what guard derived from a policy file under one build
// (the policy cache) is never trusted by another, even at the same version number.
const sources = readdirSync(join(root, 'src'), {recursive: true}).filter((file) => file.endsWith('.ts')).sort();
const hash = createHash('sha256');
for (const file of sources) hash.update(`${file}\0`).update(readFileSync(join(root, 'src', file))).update('\0');
writeFileSync(join(root, 'dist/build.json'), JSON.stringify({id: hash.digest('hex').slice(0, 16)}) + '\n');
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);
