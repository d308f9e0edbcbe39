import type {SyntaxNode as Node} from './tree.js';
import {type Atom, escapedText, literal, toWord} from './atoms.js';
import {type WordScope, brief, textOf, wordAtoms} from './expand.js';
import type {Word} from './types.js';

export interface HeredocBody {
  word: Word;
  atoms: Atom[];
  /** Where the body starts in the parsed text (0-based row and column). */
  start: {row: number; column: number};
  quoted: boolean;
}

/** Walks a backtick substitution found in heredoc text, which tree-sitter leaves as text. */
export type BacktickWalker = (code: string, via: string) => void;

/** The body of `<<EOF` / `<<-EOF`: literal when the delimiter is quoted, expanded otherwise. */
export function heredocBody(redirect: Node, scope: WordScope, walkBackticks: BacktickWalker): HeredocBody {
  const start = redirect.children.find((child) => child.type === 'heredoc_start');
  const body = redirect.children.find((child) => child.type === 'heredoc_body');
  const stripTabs = redirect.children.some((child) => child.type === '<<-');
  const quoted = /['"\\]/.test(start ? textOf(start, scope.source) : '');
  const raw = body ? textOf(body, scope.source) : '';
  const position = body ? body.startPosition : (start?.endPosition ?? redirect.endPosition);
  let atoms = !body ? [] : quoted ? literal(raw, true) : bodyAtoms(body, scope, walkBackticks);
  if (stripTabs) atoms = withoutLeadingTabs(atoms);
  return {word: toWord(atoms, raw), atoms, start: position, quoted};
}

function bodyAtoms(body: Node, scope: WordScope, walkBackticks: BacktickWalker): Atom[] {
  const atoms: Atom[] = [];
  let at = body.startIndex;
  for (const child of body.namedChildren) {
    if (!child || child.type === 'heredoc_content') continue;
    const realStart = child.startIndex + Math.max(textOf(child, scope.source).search(/\S/), 0);
    if (realStart > at) atoms.push(...textAtoms(scope.source.slice(at, realStart), walkBackticks));
    atoms.push(...wordAtoms(child, scope, true));
    at = Math.max(at, child.endIndex);
  }

  if (body.endIndex > at) atoms.push(...textAtoms(scope.source.slice(at, body.endIndex), walkBackticks));
  return atoms;
}

// tree-sitter-bash does not parse backticks in heredoc bodies (research/danger.md §4.4).
function textAtoms(text: string, walkBackticks: BacktickWalker): Atom[] {
  const atoms: Atom[] = [];
  let plain = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      plain += text.slice(i, i + 2);
      i++;
      continue;
    }

    if (text[i] !== '`') {
      plain += text[i];
      continue;
    }

    const end = closingBacktick(text, i + 1);
    if (end === -1) {
      plain += text.slice(i);
      break;
    }

    atoms.push(...escapedText(plain, '$`\\'));
    plain = '';
    const code = text.slice(i + 1, end).replace(/\\([`$\\])/g, '$1');
    walkBackticks(code, '`...`');
    atoms.push({kind: 'unknown', why: `command substitution ${brief(text.slice(i, end + 1))}`, quoted: true});
    i = end;
  }

  atoms.push(...escapedText(plain, '$`\\'));
  return atoms;
}

function closingBacktick(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '`') return i;
  }

  return -1;
}

function withoutLeadingTabs(atoms: Atom[]): Atom[] {
  let lineStart = true;
  return atoms.filter((atom) => {
    if (atom.kind !== 'char') {
      lineStart = false;
      return true;
    }

    if (lineStart && atom.ch === '\t') return false;
    lineStart = atom.ch === '\n';
    return true;
  });
}
