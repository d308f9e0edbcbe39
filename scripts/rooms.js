// Prints the room map of src/: each folder with its file and line counts, the biggest files,
// and every cycle of imports between files (runtime imports, then counting type imports).
// The dependencies test reads the same graph (importGraph, importCycles), so what this map
// calls a cycle is what the test fails on.
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const src = join(root, 'src');

function sourceFiles(dir) {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

// `import … from './x.js'`, `export … from './x.js'`, `import('./x.js')`. A type-only import
// (`import type`, `export type`) vanishes at compile time and loads nothing.
const imports = /(?:^|\n)\s*(import|export)(\s+type)?\s[^'";]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"](\.[^'"]+)['"]/g;

/** Each source file (relative to src/) and the source files it loads at run time (with `types`, also those it imports types from). */
export function importGraph(types = false) {
  const graph = new Map();
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const targets = new Set();
    for (const match of text.matchAll(imports)) {
      if (match[2] && !types) continue;
      const specifier = match[3] ?? match[4] ?? match[5];
      targets.add(relative(src, resolve(dirname(file), specifier).replace(/\.js$/, '.ts')));
    }
    graph.set(relative(src, file), [...targets].sort());
  }
  return graph;
}

/** The strongly connected groups of more than one file (or a file that loads itself): each is a cycle. */
export function importCycles(graph = importGraph()) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || (graph.get(file) ?? []).includes(file)) groups.push(group.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return groups.sort((a, b) => a[0].localeCompare(b[0]));
}

function lineCount(file) {
  return readFileSync(join(src, file), 'utf8').split('\n').length - 1;
}

function roomMap() {
  const graph = importGraph();
  const files = [...graph.keys()];
  const lines = new Map(files.map((file) => [file, lineCount(file)]));
  const rooms = new Map();
  for (const file of files) {
    const room = file.includes('/') ? dirname(file) : '(src leaves)';
    const entry = rooms.get(room) ?? {files: 0, lines: 0};
    rooms.set(room, {files: entry.files + 1, lines: entry.lines + lines.get(file)});
  }
  const out = [`src/: ${files.length} files, ${[...lines.values()].reduce((a, b) => a + b, 0)} lines`, '', 'rooms (files, lines):'];
  for (const [room, {files: count, lines: total}] of [...rooms].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`  ${room.padEnd(20)} ${String(count).padStart(4)} ${String(total).padStart(7)}`);
  }
  out.push('', 'biggest files (lines):');
  for (const [file, count] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 15)) out.push(`  ${String(count).padStart(5)}  ${file}`);
  for (const [label, cycles] of [
    ['runtime imports', importCycles(graph)],
    ['counting type imports', importCycles(importGraph(true))],
  ]) {
    out.push('', `import cycles between files (${label}): ${cycles.length}`);
    for (const group of cycles) out.push(`  ${group.length} files: ${group.join(', ')}`);
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.stdout.write(`${roomMap()}\n`);
}
