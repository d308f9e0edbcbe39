// Code of plain words is read without the parser (src/shell/plain.ts). Over strings at the edge
// of plain words, that reading must be the parser's: the same tree, and through each way code
// reaches a shell, the same commands, problems and decision as when the parser reads it.
// `FUZZ_RUNS=100000 npm run fuzz -- plain` runs 100,000 strings.
import fc from 'fast-check';
import {afterAll, expect} from 'vitest';
import {defaultPolicy} from '../../src/policy/defaults.js';
import {evaluate} from '../../src/policy/evaluate.js';
import {type Analysis, type ShellContext, analyzeArgv, analyzeScript} from '../../src/shell/index.js';
import {loadParser, parseScript} from '../../src/shell/parser.js';
import {plainTree} from '../../src/shell/plain.js';
import {type Shape, type SyntaxNode, mirrorTree} from '../../src/shell/tree.js';
import {context, shell} from '../policy/fixture.js';
import {plainEdgeCode, singleQuote} from './arbitraries.js';
import {fuzz, fuzzTarget} from './harness.js';

/** Ways code reaches a shell: an argv's launcher, or a script's own text and its `sh -c '…'`. */
const routes: Array<(code: string, shellContext: ShellContext) => Analysis | Promise<Analysis>> = [
  (code, c) => analyzeArgv(['sh', '-c', code], c),
  (code, c) => analyzeArgv(['sudo', 'bash', '-c', code, 'arg0', 'a'], c),
  (code, c) => analyzeArgv(['eval', code], c),
  (code, c) => analyzeArgv(['ssh', 'web', code], c),
  (code, c) => analyzeArgv(['su', '-c', code], c),
  (code, c) => analyzeScript(code, c),
  (code, c) => analyzeScript(`cd /tmp && sh -c ${singleQuote(code)}`, c),
];

const taken = {plain: 0, parsed: 0};

/** A node as tree-sitter or the plain reading made it, with where it starts. */
type Placed = Omit<Shape, 'children'> & {children: Placed[]; row: number; column: number};

const shapeOf = (node: SyntaxNode): Placed => ({type: node.type, isNamed: node.isNamed, startIndex: node.startIndex, endIndex: node.endIndex, field: node.field, children: node.children.map(shapeOf), ...node.startPosition});

async function parsedTree(code: string): Promise<{shape: Placed; hasError: boolean}> {
  const tree = parseScript(await loadParser(), code);
  try {
    return {shape: shapeOf(mirrorTree(tree, code)), hasError: tree.rootNode.hasError};
  } finally {
    tree.delete();
  }
}

fuzzTarget('plain', {
  'code of plain words reads as the parser reads it: same tree, commands, problems and decision': fuzz(1500, [plainEdgeCode, fc.nat(routes.length - 1)], async (code, route) => {
    const plain = plainTree(code);
    if (plain) {
      taken.plain++;
      const tree = await parsedTree(code);
      expect(tree.hasError).toBe(false);
      expect(shapeOf(plain)).toEqual(tree.shape);
    } else taken.parsed++;

    const read = await routes[route]!(code, shell);
    const parsed = await routes[route]!(code, {...shell, parseAll: true});
    expect(read.commands).toEqual(parsed.commands);
    expect(read.problems).toEqual(parsed.problems);
    expect(evaluate(read, defaultPolicy(), context)).toEqual(evaluate(parsed, defaultPolicy(), context));
  }),
});

// The comparison means something only if many strings take the reading without the parser, and
// many do not (the strings are at the edge).
afterAll(() => {
  const total = taken.plain + taken.parsed;
  console.log(`plain words: ${taken.plain} of ${total} strings read without the parser`);
  if (total < 1000) return;
  expect(taken.plain / total).toBeGreaterThan(0.3);
  expect(taken.parsed / total).toBeGreaterThan(0.2);
});
