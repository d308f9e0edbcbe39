import type {Node} from 'web-tree-sitter';
import {brief} from './expand.js';

export interface SyntaxError {
  message: string;
  row: number;
  column: number;
}

/** The first ERROR or MISSING node: where the script stops being bash guard can read. */
export function firstSyntaxError(root: Node): SyntaxError | undefined {
  if (!root.hasError) return undefined;
  const cursor = root.walk();
  for (;;) {
    const node = cursor.currentNode;
    if (node.isMissing) return {message: `expected ${JSON.stringify(node.type)}`, row: node.startPosition.row, column: node.startPosition.column};
    if (node.isError) return {message: `unexpected ${JSON.stringify(brief(node.text) || 'end of input')}`, row: node.startPosition.row, column: node.startPosition.column};
    if (node.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return {message: 'the script does not parse', row: 0, column: 0};
    }
  }
}
