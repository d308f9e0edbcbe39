// The one door through which the shell layer touches the file system: loading the grammar.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {setFlagsFromString} from 'node:v8';
import type {Parser, Tree} from 'web-tree-sitter';

let loading: Promise<Parser> | undefined;
let loaded: Parser | undefined;

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

async function load(): Promise<Parser> {
  // Without it V8 keeps optimising the 1.4 MB grammar in the background and the process
  // lingers ~500 ms before it may exit (research/danger.md §4.3, measured again in bench).
  setFlagsFromString('--liftoff-only');
  const require = createRequire(import.meta.url);
  const treeSitter = await import('web-tree-sitter');
  await treeSitter.Parser.init({wasmBinary: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))});
  const bash = await treeSitter.Language.load(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
  const parser = new treeSitter.Parser();
  parser.setLanguage(bash);
  loaded = parser;
  return parser;
}
