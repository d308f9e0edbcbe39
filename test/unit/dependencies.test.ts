import {readdirSync, readFileSync} from 'node:fs';
import {builtinModules} from 'node:module';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {root} from '../helpers/guard.js';

// What an installed guard loads is what `files` ships: bin/ and the build in dist/ (the
// tests' build step made it). Every package those name at run time must be a dependency,
// and every dependency must be one of them: a test tool among the dependencies is installed
// on every server for nothing.
const shipped = ['bin', 'dist'].flatMap((folder) =>
  readdirSync(join(root, folder), {recursive: true})
    .map(String)
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(root, folder, file), 'utf8')),
);

// `from 'x'`, `import('x')`, `require('x')`, `createRequire(…)('x')`, `require.resolve('x/file')`.
const name = String.raw`["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]+)?)["']`;
const loads = new RegExp(String.raw`\bfrom\s*${name}|\bimport\(\s*${name}\s*\)|\brequire(?:\.resolve)?\(\s*${name}\s*\)|createRequire\([^)]*\)\(\s*${name}\s*\)`, 'g');
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const builtin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

const loaded = new Set(shipped.flatMap((text) => [...text.matchAll(loads)].map((match) => packageOf((match[1] ?? match[2] ?? match[3] ?? match[4])!)).filter((name) => !builtin(name))));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {dependencies: Record<string, string>; devDependencies: Record<string, string>};

describe('each dependency where it is used', () => {
  it('lists as a dependency exactly the packages the shipped code loads', () => {
    expect([...loaded].sort()).toEqual(Object.keys(manifest.dependencies).sort());
  });

  it('keeps execa, which only the tests use, among the dev dependencies', () => {
    expect(loaded.has('execa')).toBe(false);
    expect(Object.keys(manifest.devDependencies)).toContain('execa');
  });
});

// A cycle makes the order of module start-up depend on which file is loaded first, and hides
// which room owns a fact. The same graph as `node scripts/rooms.js` prints.
describe('the import graph between source files', () => {
  it('has no cycle of runtime imports', async () => {
    // @ts-expect-error: a plain JavaScript script without type declarations.
    const {importCycles} = (await import('../../scripts/rooms.js')) as {importCycles: () => string[][]};
    expect(importCycles()).toEqual([]);
  });

  it('has no cycle even counting type imports, which say which room owns a shape', async () => {
    // @ts-expect-error: a plain JavaScript script without type declarations.
    const {importCycles, importGraph} = (await import('../../scripts/rooms.js')) as {importCycles: (graph: Map<string, string[]>) => string[][]; importGraph: (types: boolean) => Map<string, string[]>};
    expect(importCycles(importGraph(true))).toEqual([]);
  });

  it('finds a cycle when two files load each other', async () => {
    // @ts-expect-error: a plain JavaScript script without type declarations.
    const {importCycles} = (await import('../../scripts/rooms.js')) as {importCycles: (graph: Map<string, string[]>) => string[][]};
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
