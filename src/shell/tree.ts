// The syntax tree as plain objects, read out of web-tree-sitter in one TreeCursor pass. The walk
// asks each node for its type, children and fields many times; asking web-tree-sitter means a
// call into wasm and a fresh Node object each time, which was half the cost of a long script.
import type {Tree, TreeCursor} from 'web-tree-sitter';
import {type Binding, wasmBinding} from './parser.js';

export interface Point {
  row: number;
  column: number;
}

/** Where each line starts, to turn an index into a row and column as tree-sitter counts them. */
class Lines {
  private starts: number[] | undefined;

  constructor(private readonly source: string) {}

  point(index: number): Point {
    if (!this.starts) {
      const starts = [0];
      for (let at = this.source.indexOf('\n'); at !== -1; at = this.source.indexOf('\n', at + 1)) starts.push(at + 1);
      this.starts = starts;
    }

    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }

    return {row: low, column: index - starts[low]!};
  }
}

// Most nodes are leaves: they share one empty, frozen list of children.
const noChildren: SyntaxNode[] = Object.freeze([]) as unknown as SyntaxNode[];

/** One node of the tree, with the part of web-tree-sitter's Node API the walk uses. */
export class SyntaxNode {
  children: SyntaxNode[] = noChildren;
  nextSibling: SyntaxNode | null = null;
  private named: SyntaxNode[] | undefined;

  constructor(
    private readonly lines: Lines,
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The field this node fills in its parent (`name`, `argument`, `body`…). */
    readonly field: string | null,
    readonly parent: SyntaxNode | null,
  ) {}

  get namedChildren(): SyntaxNode[] {
    if (!this.named) {
      const named: SyntaxNode[] = [];
      for (const child of this.children) if (child.isNamed) named.push(child);
      this.named = named;
    }

    return this.named;
  }

  get childCount(): number {
    return this.children.length;
  }

  get startPosition(): Point {
    return this.lines.point(this.startIndex);
  }

  get endPosition(): Point {
    return this.lines.point(this.endIndex);
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  fieldNameForChild(index: number): string | null {
    return this.children[index]?.field ?? null;
  }

  childForFieldName(field: string): SyntaxNode | null {
    for (const child of this.children) if (child.field === field) return child;
    return null;
  }

  childrenForFieldName(field: string): SyntaxNode[] {
    return this.children.filter((child) => child.field === field);
  }

  /** This node and every node below it of one of the types, in document order. */
  descendantsOfType(types: ReadonlySet<string>): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    const visit = (node: SyntaxNode) => {
      if (types.has(node.type)) found.push(node);
      for (const child of node.children) visit(child);
    };
    visit(this);
    return found;
  }

  /** Whether this node or one below it is of one of the types. */
  hasDescendantOfType(types: ReadonlySet<string>): boolean {
    if (types.has(this.type)) return true;
    for (const child of this.children) if (child.hasDescendantOfType(types)) return true;
    return false;
  }
}

/** A node to build without the parser: what mirrorTree would copy out of tree-sitter's tree. */
export interface Shape {
  type: string;
  isNamed: boolean;
  startIndex: number;
  endIndex: number;
  field: string | null;
  children: Shape[];
}

/** The tree of these shapes over `source`, numbered as mirrorTree numbers its nodes. */
export function treeOf(shape: Shape, source: string): SyntaxNode {
  const lines = new Lines(source);
  let id = 0;
  const make = (part: Shape, parent: SyntaxNode | null): SyntaxNode => {
    const node = new SyntaxNode(lines, id++, part.type, part.isNamed, part.startIndex, part.endIndex, part.field, parent);
    if (part.children.length > 0) node.children = part.children.map((child) => make(child, node));
    node.children.forEach((child, i) => (child.nextSibling = node.children[i + 1] ?? null));
    return node;
  };

  return make(shape, null);
}

type Cursor = {-readonly [K in 0 | 1 | 2 | 3]: number};

/** The steps of one pre-order walk of a tree: where the cursor is and where it can go. */
interface Steps {
  typeId(): number;
  startIndex(): number;
  endIndex(): number;
  fieldId(): number;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
}

let transferBuffer: number | undefined;

/** Copies the whole tree out of wasm; the tree itself may be deleted afterwards. */
export function mirrorTree(tree: Tree, source: string, direct = true): SyntaxNode {
  const cursor = tree.walk();
  const binding = direct ? wasmBinding() : undefined;
  try {
    if (!binding) return build(tree, source, publicSteps(cursor));
    // web-tree-sitter passes the cursor to wasm in a transfer buffer, writing it before each
    // call and reading it back after each move. Written once here, the cursor stays there: the
    // moves update it in place and the reads leave it, so each step is one call into wasm.
    transferBuffer ??= binding._ts_init() >> 2;
    const at = transferBuffer;
    const handle = cursor as unknown as Cursor;
    for (let i = 0; i < 4; i++) binding.HEAP32[at + i] = handle[i as 0 | 1 | 2 | 3];
    try {
      return build(tree, source, wasmSteps(binding, (tree as unknown as {0: number})[0]));
    } finally {
      for (let i = 0; i < 4; i++) handle[i as 0 | 1 | 2 | 3] = binding.HEAP32[at + i]!;
    }
  } finally {
    cursor.delete();
  }
}

function wasmSteps(b: Binding, tree: number): Steps {
  return {
    typeId: () => b._ts_tree_cursor_current_node_type_id_wasm(tree),
    startIndex: () => b._ts_tree_cursor_start_index_wasm(tree),
    endIndex: () => b._ts_tree_cursor_end_index_wasm(tree),
    fieldId: () => b._ts_tree_cursor_current_field_id_wasm(tree),
    firstChild: () => b._ts_tree_cursor_goto_first_child_wasm(tree) === 1,
    nextSibling: () => b._ts_tree_cursor_goto_next_sibling_wasm(tree) === 1,
    parent: () => b._ts_tree_cursor_goto_parent_wasm(tree) === 1,
  };
}

function publicSteps(cursor: TreeCursor): Steps {
  return {
    typeId: () => cursor.nodeTypeId,
    startIndex: () => cursor.startIndex,
    endIndex: () => cursor.endIndex,
    fieldId: () => cursor.currentFieldId,
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
  };
}

function build(tree: Tree, source: string, steps: Steps): SyntaxNode {
  const language = tree.language;
  const types = language.types;
  const fields = language.fields;
  const namedById: (boolean | undefined)[] = [];
  const isNamed = (typeId: number) => (namedById[typeId] ??= language.nodeTypeIsNamed(typeId));
  const lines = new Lines(source);
  let id = 0;
  const make = (parent: SyntaxNode | null): SyntaxNode => {
    const typeId = steps.typeId();
    const node = new SyntaxNode(lines, id++, types[typeId] || 'ERROR', isNamed(typeId), steps.startIndex(), steps.endIndex(), parent ? (fields[steps.fieldId()] ?? null) : null, parent);
    if (parent) {
      const children = parent.children;
      if (children === noChildren) parent.children = [node];
      else {
        children[children.length - 1]!.nextSibling = node;
        children.push(node);
      }
    }

    return node;
  };

  const root = make(null);
  let current = root;
  for (;;) {
    // An anonymous node is a token of the grammar (node-types.json gives none children): a leaf.
    if (current.isNamed && steps.firstChild()) {
      current = make(current);
      continue;
    }

    while (!steps.nextSibling()) {
      if (!steps.parent() || !current.parent) return root;
      current = current.parent;
    }

    current = make(current.parent);
  }
}

/** The first syntax error in a parse: where the code stops being bash guard can read. */
export interface ParseError {
  message: string;
  row: number;
  column: number;
}

/** What parsing a text gave: its tree, and the first syntax error in it. */
export interface Parsed {
  root: SyntaxNode;
  error: ParseError | undefined;
}

/** Trees of code parsed by earlier runs, and where this run keeps its own (src/inspect/tree-cache.ts). */
export interface ParseCache {
  get(text: string): Parsed | undefined;
  put(text: string, parsed: Parsed): void;
}

/** A tree as numbers, for the parse cache: the names of its types and fields, and six numbers a node. */
export interface PackedTree {
  types: string[];
  fields: string[];
  /** Pre-order; per node: type index, named (1) or not (0), start, end, field index + 1 (0: none), child count. */
  nodes: Int32Array;
}

const perNode = 6;

/** The tree as numbers: what unpackTree makes back into the same nodes, numbered the same. */
export function packTree(root: SyntaxNode): PackedTree {
  const types = new Map<string, number>();
  const fields = new Map<string, number>();
  const numbers: number[] = [];
  const visit = (node: SyntaxNode) => {
    let type = types.get(node.type);
    if (type === undefined) types.set(node.type, (type = types.size));
    let field = 0;
    if (node.field !== null) {
      const known = fields.get(node.field);
      if (known === undefined) fields.set(node.field, (field = fields.size + 1));
      else field = known;
    }

    numbers.push(type, node.isNamed ? 1 : 0, node.startIndex, node.endIndex, field, node.children.length);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return {types: [...types.keys()], fields: [...fields.keys()], nodes: Int32Array.from(numbers)};
}

/** The tree packTree packed, over `source`; undefined when the numbers do not make one tree of that text. */
export function unpackTree({types, fields, nodes}: PackedTree, source: string): SyntaxNode | undefined {
  const count = nodes.length / perNode;
  if (count < 1 || !Number.isInteger(count)) return undefined;
  const lines = new Lines(source);
  const length = source.length;
  // Each open node and how many of its children are still to come.
  const open: SyntaxNode[] = [];
  const waiting: number[] = [];
  let root: SyntaxNode | undefined;
  for (let id = 0, at = 0; id < count; id++, at += perNode) {
    const type = types[nodes[at]!];
    const named = nodes[at + 1]!;
    const start = nodes[at + 2]!;
    const end = nodes[at + 3]!;
    const fieldAt = nodes[at + 4]!;
    const children = nodes[at + 5]!;
    const field = fieldAt === 0 ? null : fields[fieldAt - 1];
    if (type === undefined || field === undefined || (named !== 0 && named !== 1) || start < 0 || end < start || end > length || children < 0) return undefined;
    const parent = open.length > 0 ? open[open.length - 1]! : null;
    if (id > 0 && !parent) return undefined;
    const node = new SyntaxNode(lines, id, type, named === 1, start, end, field, parent);
    if (parent) {
      if (parent.children === noChildren) parent.children = [node];
      else {
        parent.children[parent.children.length - 1]!.nextSibling = node;
        parent.children.push(node);
      }

      // A parent whose last child came is closed, and so on up.
      waiting[waiting.length - 1]!--;
    } else root = node;

    if (children > 0) {
      open.push(node);
      waiting.push(children);
    } else {
      while (waiting.length > 0 && waiting[waiting.length - 1] === 0) {
        waiting.pop();
        open.pop();
      }
    }
  }

  return open.length === 0 ? root : undefined;
}
