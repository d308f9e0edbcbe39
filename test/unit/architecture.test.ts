import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {root} from '../helpers/guard.js';

const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

interface Edge {
  file: string;
  folder: string;
  target: string;
}

// The top folder of a source file ("run", "audit"…), or the file's own name for a leaf.
function folderOf(file: string): string {
  return relative(src, file).split('/')[0]!.replace(/\.ts$/, '');
}

// What a file does, not what its comments say about what it does not do.
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

// What a file runs, not the examples it quotes (a rule pack allows `node -e 'process.stdout.write(…)'`).
function withoutStrings(text: string): string {
  return text.replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, "''");
}

const files = sourceFiles(src);
const edges: Edge[] = files.flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  // Type-only imports vanish at compile time: they load nothing.
  // A package loaded on demand through createRequire (`require('pino')`) is an edge too.
  const imports = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|createRequire\(import\.meta\.url\)\(\s*'([^']+)'\s*\)|\brequire\(\s*'([^']+)'\s*\)/g,
    ),
  ];
  return imports.filter((match) => !/^(import|export) type\s/.test(match[0])).map((match) => {
    const specifier = (match[1] ?? match[2] ?? match[3] ?? match[4])!;
    const target = specifier.startsWith('.') ? folderOf(resolve(dirname(file), specifier).replace(/\.js$/, '.ts')) : specifier;
    return {file: relative(src, file), folder: folderOf(file), target};
  });
});

const offending = (rule: (edge: Edge) => boolean) => edges.filter(rule).map((edge) => `${edge.file} -> ${edge.target}`);

describe('the import directions that keep guard simple', () => {
  it('lets only cli/ and commands/ import @oclif/core', () => {
    expect(offending((e) => e.target.startsWith('@oclif/') && !['cli', 'commands'].includes(e.folder))).toEqual([]);
  });

  it('lets nothing but commands/ import commands/, and nothing below the CLI import cli/', () => {
    expect(offending((e) => e.target === 'commands' && e.folder !== 'commands')).toEqual([]);
    expect(offending((e) => e.target === 'cli' && !['cli', 'commands'].includes(e.folder))).toEqual([]);
  });

  it('lets only fleet/ load the PostgreSQL client, and keeps the fleet out of the log, the locks and the runner', () => {
    expect(offending((e) => e.target === 'postgres' && e.folder !== 'fleet')).toEqual([]);
    expect(offending((e) => e.target === 'fleet' && ['audit', 'lock', 'runner', 'policy', 'shell'].includes(e.folder))).toEqual([]);
  });

  it('keeps runner/, lock/ and audit/ apart: only run/ composes them', () => {
    const apart = ['runner', 'lock', 'audit'];
    expect(offending((e) => apart.includes(e.folder) && apart.includes(e.target) && e.folder !== e.target)).toEqual([]);
  });

  it('keeps the pure layers free of I/O and of the process environment', () => {
    const pure = ['policy', 'shell', 'redact'];
    const io = /^node:(fs|child_process|net|os)/;
    expect(offending((e) => pure.includes(e.folder) && io.test(e.target) && e.file !== 'shell/parser.ts')).toEqual([]);
    const globals = files
      .filter((file) => pure.includes(folderOf(file)))
      .filter((file) => /process\.(env|cwd\(\))/.test(withoutComments(readFileSync(file, 'utf8'))))
      .map((file) => relative(src, file));
    expect(globals).toEqual([]);
  });

  it('keeps the clock out of the pure layers but through clock.ts: a decision that read it is never kept for a later run', () => {
    const pure = ['policy', 'shell', 'redact'];
    const reads = files
      .filter((file) => pure.includes(folderOf(file)))
      .filter((file) => /\bDate\.now\(|\bnew Date\(\s*\)|performance\.now\(|process\.hrtime/.test(withoutStrings(withoutComments(readFileSync(file, 'utf8')))))
      .map((file) => relative(src, file));
    expect(reads).toEqual([]);
  });

  it('reads the machine for a decision only in the inspect/ modules whose answers a kept decision asks again (src/run/decision-cache.ts)', () => {
    const readers = new Set(offending((e) => e.folder === 'inspect' && /^node:(fs|os|child_process|net)/.test(e.target)).map((edge) => edge.split(' -> ')[0]));
    expect([...readers].sort()).toEqual(['inspect/files.ts', 'inspect/resolve-path.ts', 'inspect/script-file.ts']);
  });

  it('brings each heavy library in through one door', () => {
    const doors: Record<string, (edge: Edge) => boolean> = {
      'better-sqlite3': (e) => e.folder === 'audit',
      cosmiconfig: (e) => e.folder === 'policy-files',
      execa: () => false,
      pino: (e) => e.file === 'log.ts',
      re2js: (e) => e.file === 'linear-regex.ts',
      'web-tree-sitter': (e) => e.file === 'shell/parser.ts',
      zod: (e) => e.folder === 'policy' && e.file.startsWith('policy/schema'),
    };
    for (const [library, allowed] of Object.entries(doors)) {
      expect(offending((e) => e.target === library && !allowed(e)), library).toEqual([]);
    }
  });

  it("writes guard's own text to stdout and stderr through one door, print.ts, which spells out control characters", () => {
    const writers = files
      .filter((file) => relative(src, file) !== 'print.ts')
      .filter((file) => /process\.(stdout|stderr)\.write|console\.(log|error|warn|info|debug)\(/.test(withoutStrings(withoutComments(readFileSync(file, 'utf8')))))
      .map((file) => relative(src, file));
    expect(writers).toEqual([]);
  });
});
