// The one door through which the shell layer touches the file system: loading the grammar.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import type {Parser, Tree} from 'web-tree-sitter';

let loading: Promise<Parser> | undefined;
let loaded: Parser | undefined;
let binding: Partial<Binding> | undefined;

/** The few exports of web-tree-sitter's wasm module that tree.ts calls directly. */
export interface Binding {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
}

/** The wasm module's exports, when this version of web-tree-sitter has them all. */
export function wasmBinding(): Binding | undefined {
  const b = binding;
  if (!b || !(b.HEAP32 instanceof Int32Array)) return undefined;
  const calls = ['_ts_init', '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm', '_ts_tree_cursor_goto_parent_wasm', '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm', '_ts_tree_cursor_current_field_id_wasm'] as const;
  return calls.every((name) => typeof b[name] === 'function') ? (b as Binding) : undefined;
}

/** Whether web-tree-sitter has been loaded in this process (argv analysis must not load it). */
export function isParserLoaded(): boolean {
  return loaded !== undefined;
}

/** The bash parser, loaded once per process on first use. */
export function loadParser(): Promise<Parser> {
  loading ??= load();
  return loading;
}

/** The parser if it is already loaded, for the synchronous analysis passes. */
export function loadedParser(): Parser | undefined {
  return loaded;
}

export function parseScript(parser: Parser, text: string): Tree {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** The V8 flags that keep the bash grammar in Liftoff, set when the parser loads. */
export const grammarFlags = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'] as const;

let flagsSetAtRunTime = false;
let beforeFlagsChange: (() => void) | undefined;

/**
 * Whether this process changed V8's flags after start-up. V8 rejects, in every later process,
 * a code cache made after such a change, so none is written then.
 */
export function changedV8Flags(): boolean {
  return flagsSetAtRunTime;
}

let parsedCodeWalked = false;

/** Called as a walk starts on parsed code (a tree from the parse cache or the parser). */
export function noteParsedWalk(): void {
  parsedCodeWalked = true;
}

/** Whether this process walked parsed shell code: a code cache made after that holds the walker's compiled functions. */
export function walkedParsedCode(): boolean {
  return parsedCodeWalked;
}

/** `fn` runs once, just before the grammar's flags change V8's: the last moment to make a code cache later processes accept. */
export function whenV8FlagsChange(fn: () => void): void {
  beforeFlagsChange = fn;
}

async function load(): Promise<Parser> {
  // Without them V8 keeps optimising the 1.4 MB grammar in the background and the process
  // lingers ~500 ms before it may exit (measured again in bench). On Node 24 it takes all
  // three: set at run time, --liftoff-only no longer brings the two it implies, and once
  // the lexer is hot V8 compiles it with TurboFan anyway, for seconds and ~700 MB.
  // Not on node's command line: any V8 flag there makes Node reject the code cache of its
  // own modules (child_process, net, crypto…), which costs every run ~40 ms; here it costs
  // only the runs that parse a script, and only for what they load after this point.
  const missing = grammarFlags.filter((flag) => !process.execArgv.includes(flag));
  if (missing.length > 0) {
    beforeFlagsChange?.();
    beforeFlagsChange = undefined;
    const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
    for (const flag of missing) v8.setFlagsFromString(flag);
    flagsSetAtRunTime = true;
  }

  const require = createRequire(import.meta.url);
  const treeSitter = await import('web-tree-sitter');
  const module = {wasmBinary: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))};
  await treeSitter.Parser.init(module);
  // Emscripten makes the options object the module itself: its exports read trees fastest.
  binding = module as unknown as Partial<Binding>;
  const bash = await treeSitter.Language.load(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
  const parser = new treeSitter.Parser();
  parser.setLanguage(bash);
  loaded = parser;
  return parser;
}
