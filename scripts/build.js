// Compiles src/ to dist/, bundles the lean run path, and writes the oclif manifest, so
// `guard --help` and every command load only the file they need. Runs on `npm install`
// (prepare) and before tests. A type error fails the build, after everything is emitted.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Script} from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), {force: true, recursive: true});

// The lean path of `guard run`, `check` and `locks` as one minified CommonJS file, and that of
// `guard history`, `show`, `stats` and `verify` as another (src/cli/lean-read.ts): start-up is
// part of the product. CommonJS spares Node's ESM loader; one file, compiled through the V8
// code cache that bin/run.js keeps, spares parsing forty. better-sqlite3's JavaScript is
// bundled with its addon required directly (no `bindings` search through the file system);
// other packages stay outside, loaded where used.
const esbuild = await import('esbuild');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const addon = {
  name: 'better-sqlite3-addon',
  setup(build) {
    build.onLoad({filter: /better-sqlite3[\\/]lib[\\/]database\.js$/}, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const lookup = "require('bindings')('better_sqlite3.node')";
      if (!text.includes(lookup)) throw new Error(`${args.path}: no ${lookup} to replace; better-sqlite3 changed how it loads its addon`);
      return {contents: text.replace(lookup, "require('better-sqlite3/build/Release/better_sqlite3.node')"), loader: 'js'};
    });
  },
};
// Each bundle is the body of the function bin/run.js calls with CommonJS's five arguments,
// wrapped here rather than at every start (a 700 KB string joined and flattened each run):
// the file is loaded only through bin/run.js, never by require().
const fastOptions = {
  banner: {js: '(function (exports, require, module, __filename, __dirname) {var __guardMetaUrl=require("node:url").pathToFileURL(__filename).href;'},
  footer: {js: '\n})'},
  bundle: true,
  // guard's version, written in: the lean path neither looks for nor parses package.json.
  define: {'import.meta.url': '__guardMetaUrl', GUARD_VERSION: JSON.stringify(packageJson.version)},
  external: [...Object.keys(packageJson.dependencies).filter((name) => name !== 'better-sqlite3' && name !== '@noble/hashes'), 'better-sqlite3/build/*'],
  format: 'cjs',
  logLevel: 'warning',
  // GUARD_PROFILE_BUILD=1 keeps the names, for a CPU profile that reads as the source does;
  // the rest of the minification stays, so the profile is of the code users run.
  minifyIdentifiers: process.env.GUARD_PROFILE_BUILD !== '1',
  minifySyntax: true,
  minifyWhitespace: true,
  platform: 'node',
  // import() of a package becomes require(): the bundle runs as a vm.Script, which has no
  // ESM loader of its own. Every package loaded that way ships a CommonJS build.
  supported: {'dynamic-import': false},
  target: 'node20',
};

// The built-in rules' checks, some 400 KB, in a bundle of their own (dist/fast/packs.cjs): the
// lean bundle holds the rules as data and loads this one only when a command names a program
// a check judges (src/cli/packs-bundle.ts), so `guard check -- true` neither reads nor runs it.
// Each pack's file is required when one of its rules is first asked for, and its top level
// runs then: `terraform destroy` builds the cloud rules' tables, not the databases'.
const packsDir = join(root, 'src/policy/packs');
const packFiles = readdirSync(packsDir).filter((file) => file.endsWith('.ts') && file !== 'index.ts').map((file) => file.slice(0, -3));
const packsEntry = [
  `export const modules = {${packFiles.map((name) => `${JSON.stringify(name)}: () => require('./${name}.ts')`).join(', ')}};`,
  "export const builtinRules = () => require('./index.ts').builtinRules();",
  "export {startUpChecks} from './start-up.js';",
].join('\n');
await esbuild.build({
  ...fastOptions,
  outfile: join(root, 'dist/fast/packs.cjs'),
  // What the packs import from a module is all they need of it: its top level (the shell
  // layer's wrapper tables, say) is not run again here when nothing of it is used.
  plugins: [
    {
      name: 'no-side-effects',
      setup(build) {
        build.onResolve({filter: /^\.\.?\//}, ({importer, path, resolveDir}) => (importer.startsWith(join(root, 'src')) ? {path: join(resolveDir, path).replace(/\.js$/, '.ts'), sideEffects: false} : undefined));
      },
    },
  ],
  stdin: {contents: packsEntry, loader: 'ts', resolveDir: packsDir, sourcefile: 'packs-entry.ts'},
});
const packsIndex = rulesAsData(join(root, 'dist/fast/packs.cjs'));

/**
 * The rules of the packs bundle as the lean bundle holds them: every field but the code, which
 * stays in that bundle, and where the code is (`module`, the pack's file, and `from`, the
 * export that lists the rule: the smallest, so that a rule system.ts lists from
 * system-network.ts loads system-network.ts alone). Refuses what would make the lean path load
 * it for every command (a check on any program, a `checkAll` of no program not in
 * start-up.ts) or lose part of a rule (a field that is neither data nor one of the known
 * functions).
 */
function rulesAsData(file) {
  const exports = {};
  const module = {exports};
  const script = new Script(readFileSync(file, 'latin1'), {filename: file});
  script.runInThisContext().call(exports, exports, createRequire(file), module, file, dirname(file));
  const {builtinRules, modules, startUpChecks} = module.exports;
  const homes = new Map();
  for (const [name, load] of Object.entries(modules)) {
    for (const [from, value] of Object.entries(load())) {
      if (!Array.isArray(value) || !value.every((rule) => typeof rule?.id === 'string' && typeof rule?.pack === 'string')) continue;
      for (const rule of value) if (!(homes.get(rule)?.size <= value.length)) homes.set(rule, {module: name, from, size: value.length});
    }
  }
  const code = new Set(['check', 'checkAll', 'examples']);
  const plain = (value) => ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) ? value.every(plain) : value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(plain));
  return builtinRules().map((rule) => {
    const data = {};
    for (const [key, value] of Object.entries(rule)) {
      if (code.has(key)) {
        if (typeof value !== 'function') throw new Error(`rule ${rule.id}: ${key} is not a function`);
        continue;
      }
      if (!plain(value)) throw new Error(`rule ${rule.id}: ${key} is not plain data, and the lean bundle holds the rules as JSON`);
      data[key] = value;
    }
    if (rule.check && (rule.match.program.length === 0 || rule.match.program.includes('*'))) throw new Error(`rule ${rule.id}: a check on every program would load the packs bundle for every command`);
    if (rule.checkAll && rule.match.program.length === 0 && startUpChecks[rule.id]?.checkAll !== rule.checkAll) throw new Error(`rule ${rule.id}: its checkAll runs on every decision; list it in src/policy/packs/start-up.ts`);
    for (const key of ['check', 'checkAll']) if (startUpChecks[rule.id] && startUpChecks[rule.id][key] !== rule[key]) throw new Error(`rule ${rule.id}: its ${key} is not the one src/policy/packs/start-up.ts lists`);
    if (rule.check) data.check = true;
    if (rule.checkAll) data.checkAll = true;
    const home = homes.get(rule);
    if (!home) throw new Error(`rule ${rule.id}: no file of src/policy/packs exports it in a list of rules`);
    data.module = home.module;
    data.from = home.from;
    return data;
  });
}

// In the lean bundle, src/policy/packs/index.ts is the rules as data, each check a call into
// the packs bundle, loaded at the first (src/cli/packs-bundle.ts).
const rulesAsDataPlugin = {
  name: 'rules-as-data',
  setup(build) {
    build.onLoad({filter: /src[\\/]policy[\\/]packs[\\/]index\.ts$/}, () => ({
      contents: `import {packRule} from '../../cli/packs-bundle.js';
import {startUpChecks} from './start-up.js';
import type {BuiltinRule} from '../types.js';
let all: BuiltinRule[] | undefined;
export function builtinRules(): BuiltinRule[] {
  return (all ??= JSON.parse(${JSON.stringify(JSON.stringify(packsIndex))}).map(({module, from, ...rule}: any) => {
    const {id} = rule;
    const kept = startUpChecks[id];
    const code = () => packRule(id, module, from);
    let check: BuiltinRule['check'];
    if (rule.check) rule.check = kept?.check ?? ((command: any, context: any) => (check ??= code().check!)(command, context));
    if (rule.checkAll) rule.checkAll = kept?.checkAll ?? ((commands: any, context: any) => code().checkAll!(commands, context));
    rule.examples = () => code().examples();
    return rule;
  }));
}
`,
      loader: 'ts',
      resolveDir: packsDir,
    }));
  },
};

await esbuild.build({
  ...fastOptions,
  entryPoints: {lean: join(root, 'src/cli/lean.ts'), read: join(root, 'src/cli/lean-read.ts')},
  outExtension: {'.js': '.cjs'},
  outdir: join(root, 'dist/fast'),
  plugins: [addon, rulesAsDataPlugin],
});

// bin/run.js reads each bundle as latin1, which costs less than decoding UTF-8 and is the same
// text only while every byte is ASCII (esbuild escapes what is not, by default): say so here
// rather than let a later change garble a string at run time.
for (const name of ['lean', 'read', 'packs']) {
  const bytes = readFileSync(join(root, `dist/fast/${name}.cjs`));
  const at = bytes.findIndex((byte) => byte > 0x7f);
  if (at !== -1) throw new Error(`dist/fast/${name}.cjs: a byte that is not ASCII at offset ${at}; bin/run.js reads the bundle as latin1`);
}

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
// `lean` names the bundle's code cache: V8 accepts a cache made from other source of the same
// length, so the name carries the hash of the very file it was made from.
const bundleHash = (name) => createHash('sha256').update(readFileSync(join(root, `dist/fast/${name}.cjs`))).digest('hex').slice(0, 16);
// `grammar` names the parse cache's trees with the parser and grammar that made them.
const grammar = createHash('sha256');
for (const file of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm', 'web-tree-sitter/package.json']) grammar.update(readFileSync(join(root, 'node_modules', file)));
writeFileSync(join(root, 'dist/build.json'), JSON.stringify({id: hash.digest('hex').slice(0, 16), lean: bundleHash('lean'), read: bundleHash('read'), packs: bundleHash('packs'), grammar: grammar.digest('hex').slice(0, 16)}) + '\n');
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);
