// Code of plain words (`sh -c true`, `ssh web systemctl restart nginx`) is read without the
// parser: loading web-tree-sitter and the bash grammar made `guard run -- sh -c true` 3.9×
// `node -e ''` where it is 2.6× without (research/perf.md, 2026-12-02). What is made here is
// the tree tree-sitter makes for the same text, walked the same way; test/fuzz/plain.test.ts
// holds the two to the same trees, commands, problems and decisions. Strict on purpose:
// whatever a shell might read as more than words goes to the parser.
import {type Shape, type SyntaxNode, treeOf} from './tree.js';

/**
 * Characters no POSIX shell or bash reads as anything but part of a word, wherever they stand:
 * no quote, backslash, `$`, backtick, operator, redirection, glob, brace, tilde, comment,
 * history (`!`, `^`), nor anything beyond ASCII.
 */
const plainText = /^[A-Za-z0-9_./:,@%+=\t -]*$/;
/**
 * A first word has fewer: `=` makes it an assignment, and tree-sitter reads a name followed by
 * `@`, `%` or `+` there as a broken variable or assignment (`a@b`, `a%b`, `a+:`), though bash
 * runs a command of that name.
 */
const plainFirstWord = /^[A-Za-z0-9_./:,-]+$/;
const wordPattern = /[^ \t]+/g;

/**
 * First words that tree-sitter or the shell reads as syntax, not as a command's name: reserved
 * words, the declaration builtins tree-sitter parses as declarations (`export X=1`), and `-`,
 * which tree-sitter drops before an assignment (`- X=1` reads as `X=1`).
 */
const syntaxWords = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'select', 'in', 'function', 'time', 'coproc', 'declare', 'typeset', 'export', 'readonly', 'local', 'unset', 'unsetenv', '-']);

/** Words tree-sitter reads as an operator wherever they stand (`==` of a test), not as a word. */
const operatorWords = new Set(['==']);

/** tree-sitter-bash's number token (`42`, `-1`, `0x1f`): such a word is a `number` node, not a `word`. */
const numberToken = /^-?(?:0x)?[0-9]+$/;

/** The syntax tree of code that is only plain words and blanks; undefined when it needs the parser. */
export function plainTree(text: string): SyntaxNode | undefined {
  if (!plainText.test(text)) return undefined;
  const words = [...text.matchAll(wordPattern)].map((match) => ({text: match[0], start: match.index, end: match.index + match[0].length}));
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) return treeOf(node('program', text.length, text.length, null, []), text);
  if (!plainFirstWord.test(first.text) || syntaxWords.has(first.text) || words.some((word) => operatorWords.has(word.text))) return undefined;

  const leaf = (word: (typeof words)[number], field: string | null) => node(numberToken.test(word.text) ? 'number' : 'word', word.start, word.end, field, []);
  const name = node('command_name', first.start, first.end, 'name', [leaf(first, null)]);
  const command = node('command', first.start, last.end, null, [name, ...words.slice(1).map((word) => leaf(word, 'argument'))]);
  return treeOf(node('program', first.start, text.length, null, [command]), text);
}

function node(type: string, startIndex: number, endIndex: number, field: string | null, children: Shape[]): Shape {
  return {type, isNamed: true, startIndex, endIndex, field, children};
}
