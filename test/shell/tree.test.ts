import {readFileSync} from 'node:fs';
import type {Node, Tree} from 'web-tree-sitter';
import {expect, test} from 'vitest';
import {loadParser, wasmBinding} from '../../src/shell/parser.js';
import {type SyntaxNode, mirrorTree, packTree, unpackTree} from '../../src/shell/tree.js';

// The walk reads a copy of the syntax tree (tree.ts), taken in one pass straight from the wasm
// module: it must be the tree web-tree-sitter itself shows, node for node and field for field.
const scripts = [
  readFileSync(new URL('tree-corpus.sh', import.meta.url), 'utf8'),
  'echo "héllo 😀 $(a $(b))" x; rm -rf /\r\necho `date` ${x:-"$(pwd)"} <<<"$y"\n',
  'cat <<EOF | sh && echo done\nrm -rf $HOME\nEOF\nif then fi; echo ((\n',
  'a=(1 2) b+=3 c[1]=x cmd; f() (echo) ; case x in (a) ;; b) ;& esac\n',
  'for ((i=0;i<3;i++)); do :; done; select x in a b; do break; done; [[ -n $x && $y =~ ^a ]]\n',
  '',
];

function compare(real: Node, copy: SyntaxNode): void {
  expect([copy.type, copy.isNamed, copy.startIndex, copy.endIndex]).toEqual([real.type, real.isNamed, real.startIndex, real.endIndex]);
  expect([copy.startPosition, copy.endPosition]).toEqual([real.startPosition, real.endPosition]);
  expect(copy.childCount).toBe(real.childCount);
  expect(copy.namedChildren.map((child) => child.startIndex)).toEqual(real.namedChildren.map((child) => child!.startIndex));
  for (let i = 0; i < real.childCount; i++) {
    expect(copy.fieldNameForChild(i)).toBe(real.fieldNameForChild(i));
    expect(copy.child(i)!.nextSibling?.startIndex).toBe(real.child(i)!.nextSibling?.startIndex);
    expect(copy.child(i)!.parent).toBe(copy);
    compare(real.child(i)!, copy.child(i)!);
  }
}

async function trees(): Promise<[Tree, string][]> {
  const parser = await loadParser();
  return scripts.map((text) => [parser.parse(text)!, text]);
}

test('the copied tree is the tree web-tree-sitter shows', async () => {
  const parsed = await trees();
  expect(wasmBinding()).toBeDefined();
  for (const [tree, text] of parsed) {
    compare(tree.rootNode, mirrorTree(tree, text));
    // The cursor is left where it can be freed, and the tree can be copied again.
    compare(tree.rootNode, mirrorTree(tree, text));
    // Where the wasm module's exports are not found, the public TreeCursor API reads the same tree.
    compare(tree.rootNode, mirrorTree(tree, text, false));
    // The parse cache keeps it as numbers (src/inspect/tree-cache.ts): unpacked, it is the same
    // tree again, its nodes numbered as before.
    const copy = mirrorTree(tree, text);
    const unpacked = unpackTree(packTree(copy), text)!;
    compare(tree.rootNode, unpacked);
    expect(ids(unpacked)).toEqual(ids(copy));
    tree.delete();
  }
});

function ids(node: SyntaxNode): number[] {
  return [node.id, ...node.children.flatMap(ids)];
}

test('numbers that do not make one tree of the text are not unpacked', async () => {
  const [[tree, text]] = await trees();
  const packed = packTree(mirrorTree(tree!, text!));
  tree!.delete();
  const changed = (at: number, value: number) => {
    const nodes = packed.nodes.slice();
    nodes[at] = value;
    return unpackTree({...packed, nodes}, text!);
  };

  expect(unpackTree(packed, text!)).toBeDefined();
  // A node past the end of the text, an unknown type or field, a child more or one less than
  // the nodes that follow, a count of numbers that is not whole nodes, a shorter text.
  expect(changed(3, text!.length + 1)).toBeUndefined();
  expect(changed(0, packed.types.length)).toBeUndefined();
  expect(changed(4, packed.fields.length + 1)).toBeUndefined();
  expect(changed(5, packed.nodes[5]! + 1)).toBeUndefined();
  expect(changed(5, packed.nodes[5]! - 1)).toBeUndefined();
  expect(changed(2, -1)).toBeUndefined();
  expect(unpackTree({...packed, nodes: packed.nodes.subarray(0, packed.nodes.length - 1)}, text!)).toBeUndefined();
  expect(unpackTree({...packed, nodes: new Int32Array()}, text!)).toBeUndefined();
  expect(unpackTree(packed, text!.slice(0, 10))).toBeUndefined();
});

test('descendantsOfType finds the node itself and those below it, in order', async () => {
  const [[tree, text]] = await trees();
  const copy = mirrorTree(tree!, text!);
  const types = ['command_substitution', 'process_substitution'];
  expect(copy.descendantsOfType(new Set(types)).map((node) => node.startIndex)).toEqual(tree!.rootNode.descendantsOfType(types).map((node) => node.startIndex));
  tree!.delete();
});
