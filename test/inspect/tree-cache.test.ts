import {chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {loadParser} from '../../src/shell/parser.js';
import {firstSyntaxError} from '../../src/shell/syntax.js';
import {TreeCache} from '../../src/inspect/tree-cache.js';
import {mirrorTree, type Parsed, type SyntaxNode} from '../../src/shell/tree.js';

// The parse cache decides what guard reads of a script it has checked before, so a tree is
// read back only from a file that is sound and this user's alone. Each case below stores a
// tree that is *not* the text's own (a harmless script's, under a dangerous text), so that a
// file read where it should not be shows in the result.
const dangerous = 'rm -rf /etc\n';
const harmless = 'ls -l\n';

async function parsed(text: string): Promise<Parsed> {
  const tree = (await loadParser()).parse(text)!;
  try {
    return {root: mirrorTree(tree, text), error: firstSyntaxError(tree.rootNode)};
  } finally {
    tree.delete();
  }
}

const shape = (node: SyntaxNode): unknown => [node.type, node.startIndex, node.endIndex, node.children.map(shape)];

let dir: string;
let folder: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guard-tree-cache-'));
  folder = join(dir, 'parse-cache');
});
afterEach(() => rmSync(dir, {force: true, recursive: true}));

/** The one tree file in the folder. */
const stored = () => {
  const names = readdirSync(folder).filter((name) => name.endsWith('.tree'));
  expect(names).toHaveLength(1);
  return join(folder, names[0]!);
};

describe('the parse cache', () => {
  test('a later run reads the tree an earlier one kept, private to the user', async () => {
    const own = await parsed(dangerous);
    new TreeCache(folder).put(dangerous, own);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(stored()).mode & 0o777).toBe(0o600);
    const read = new TreeCache(folder).get(dangerous)!;
    expect(shape(read.root)).toEqual(shape(own.root));
    expect(read.error).toBeUndefined();
    // Another text has no tree here.
    expect(new TreeCache(folder).get(harmless)).toBeUndefined();
  });

  test('a syntax error comes back with its tree', async () => {
    const text = 'if true; then echo x\n';
    const own = await parsed(text);
    expect(own.error).toBeDefined();
    new TreeCache(folder).put(text, own);
    expect(new TreeCache(folder).get(text)!.error).toEqual(own.error);
  });

  // What the cases below start from: the harmless tree stored under the dangerous text, read.
  const forged = async () => {
    new TreeCache(folder).put(dangerous, await parsed(harmless));
    return stored();
  };

  test('the file as written is read (what makes the refusals below mean something)', async () => {
    await forged();
    expect(new TreeCache(folder).get(dangerous)).toBeDefined();
  });

  test.each([
    ['readable by others', (file: string) => chmodSync(file, 0o644)],
    ['writable by the group', (file: string) => chmodSync(file, 0o620)],
    ['owned by another user', (file: string) => chownSync(file, 65534, 65534)],
    ['a symlink to a tree file', (file: string) => {
      renameSync(file, join(dir, 'elsewhere'));
      symlinkSync(join(dir, 'elsewhere'), file);
    }],
    ['in a folder others may write', () => chmodSync(folder, 0o777)],
    ['in a folder of another user', () => chownSync(folder, 65534, 65534)],
    ['cut short', (file: string) => truncateSync(file, statSync(file).size - 4)],
    ['with one number changed', (file: string) => {
      // The last node's start, by one: still a tree of the text, but not the tree written.
      const bytes = readFileSync(file);
      bytes[bytes.length - 16]! ^= 1;
      writeFileSync(file, bytes);
    }],
    ['empty', (file: string) => truncateSync(file, 0)],
    ['not a tree file at all', (file: string) => writeFileSync(file, '{"v":1}\n')],
  ])('a file %s is not read', async (_, spoil) => {
    spoil(await forged());
    expect(new TreeCache(folder).get(dangerous)).toBeUndefined();
  });

  test('a folder guard cannot write costs the cache, nothing else', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const cache = new TreeCache(join(dir, 'a-file', 'parse-cache'));
    const own = await parsed(dangerous);
    expect(() => cache.put(dangerous, own)).not.toThrow();
    expect(new TreeCache(join(dir, 'a-file', 'parse-cache')).get(dangerous)).toBeUndefined();
  });

  test('the newest 256 trees are kept, the ones read last counting as new', async () => {
    const tree = await parsed('true\n');
    const old = Date.now() / 1000 - 3600;
    // One run each: a run writes few trees (below).
    for (let i = 0; i < 256; i++) new TreeCache(folder).put(`true\n#${i}\n`, tree);
    for (const name of readdirSync(folder)) utimesSync(join(folder, name), old - 1, old - 1);
    // Read again: the newest now, so it stays.
    expect(new TreeCache(folder).get('true\n#0\n')).toBeDefined();
    new TreeCache(folder).put('true\n#256\n', tree);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tree'))).toHaveLength(256);
    const fresh = new TreeCache(folder);
    expect(fresh.get('true\n#0\n')).toBeDefined();
    expect(fresh.get('true\n#256\n')).toBeDefined();
    expect([...Array(256).keys()].slice(1).filter((i) => fresh.get(`true\n#${i}\n`) === undefined)).toHaveLength(1);
  });

  test('one run writes at most 32 trees: code that makes a new string at every call does not churn the cache', async () => {
    const tree = await parsed('true\n');
    const cache = new TreeCache(folder);
    for (let i = 0; i < 100; i++) cache.put(`true\n#${i}\n`, tree);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tree'))).toHaveLength(32);
    // What it could not keep it still has for itself.
    expect(cache.get('true\n#99\n')).toBeDefined();
  });
});
