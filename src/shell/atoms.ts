import type {Value} from './state.js';
import type {Word} from './types.js';

/**
 * One character of a word and how it got there, so brace expansion, tilde, word splitting and
 * glob detection can follow bash's rules on quoted vs unquoted and literal vs expanded text.
 * An empty quoted char keeps `""` a word; `break` separates the fields of `"$@"`.
 */
export type Atom =
  | {kind: 'char'; ch: string; quoted: boolean; expanded: boolean}
  | {kind: 'unknown'; why: string; quoted: boolean}
  | {kind: 'break'};

const maxBraceWords = 1000;
const sequence = /^(?:(-?\d+)\.\.(-?\d+)|([A-Za-z])\.\.([A-Za-z]))(?:\.\.(-?\d+))?$/;

export function literal(text: string, quoted: boolean): Atom[] {
  const atoms: Atom[] = [];
  for (const ch of text) atoms.push({kind: 'char', ch, quoted, expanded: false});
  return atoms;
}

export function expanded(text: string, quoted: boolean): Atom[] {
  const atoms: Atom[] = [];
  for (const ch of text) atoms.push({kind: 'char', ch, quoted, expanded: true});
  return atoms;
}

export const emptyQuoted = (): Atom => ({kind: 'char', ch: '', quoted: true, expanded: false});

export function fromValue(value: Value, quoted: boolean): Atom[] {
  return value.known ? expanded(value.value, quoted && !value.glob) : [{kind: 'unknown', why: value.why, quoted}];
}

/** Unquoted text as the shell reads it: a backslash quotes the next char, `\` newline vanishes. */
export function unquotedText(text: string): Atom[] {
  const atoms: Atom[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      i++;
      if (text[i] !== '\n') atoms.push({kind: 'char', ch: text[i]!, quoted: true, expanded: false});
    } else {
      atoms.push({kind: 'char', ch, quoted: false, expanded: false});
    }
  }

  return atoms;
}

/** Text inside double quotes (or an unquoted heredoc, without `"`): only some backslashes escape. */
export function escapedText(text: string, escapable: string): Atom[] {
  const atoms: Atom[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && (escapable.includes(next) || next === '\n')) {
      i++;
      if (next !== '\n') atoms.push({kind: 'char', ch: next, quoted: true, expanded: false});
    } else {
      atoms.push({kind: 'char', ch, quoted: true, expanded: false});
    }
  }

  return atoms;
}

const isSyntax = (atom: Atom | undefined, ch: string): boolean =>
  atom?.kind === 'char' && !atom.quoted && !atom.expanded && atom.ch === ch;

/** `{a,b}` and `{1..3}` in unquoted literal text, as bash does before any other expansion. */
export function expandBraces(atoms: Atom[]): Atom[][] {
  const words: Atom[][] = [];
  expandInto(atoms, 0, words);
  if (words.length > maxBraceWords) return [[{kind: 'unknown', why: `brace expansion yields more than ${maxBraceWords} words`, quoted: false}]];
  return words;
}

function expandInto(atoms: Atom[], from: number, out: Atom[][]): void {
  if (out.length > maxBraceWords) return;
  for (let open = from; open < atoms.length; open++) {
    if (!isSyntax(atoms[open], '{')) continue;
    const group = findGroup(atoms, open);
    if (!group) continue;
    const prefix = atoms.slice(0, open);
    const suffix = atoms.slice(group.close + 1);
    for (const middle of group.alternatives) expandInto([...prefix, ...middle, ...suffix], open, out);
    return;
  }

  out.push(atoms);
}

function findGroup(atoms: Atom[], open: number): {close: number; alternatives: Atom[][]} | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open + 1; i < atoms.length; i++) {
    if (isSyntax(atoms[i], '{')) depth++;
    else if (isSyntax(atoms[i], '}')) {
      if (depth > 0) {
        depth--;
        continue;
      }

      if (commas.length > 0) {
        const bounds = [open, ...commas, i];
        return {close: i, alternatives: bounds.slice(1).map((end, k) => atoms.slice(bounds[k]! + 1, end))};
      }

      const items = sequenceItems(atoms.slice(open + 1, i));
      return items ? {close: i, alternatives: items.map((item) => literal(item, false))} : undefined;
    } else if (depth === 0 && isSyntax(atoms[i], ',')) commas.push(i);
  }

  return undefined;
}

function sequenceItems(inner: Atom[]): string[] | undefined {
  if (!inner.every((atom) => atom.kind === 'char' && !atom.quoted && !atom.expanded)) return undefined;
  const match = sequence.exec(inner.map((atom) => (atom.kind === 'char' ? atom.ch : '')).join(''));
  if (!match) return undefined;
  const step = Math.abs(Number(match[5] ?? 1)) || 1;
  if (match[1] !== undefined) {
    const [start, end] = [Number(match[1]), Number(match[2])];
    if (Math.abs(end - start) / step > maxBraceWords) return Array.from({length: maxBraceWords + 1}, () => '');
    const width = /^-?0\d/.test(match[1]) || /^-?0\d/.test(match[2]!) ? Math.max(match[1].length, match[2]!.length) : 0;
    const items: string[] = [];
    for (let n = start; start <= end ? n <= end : n >= end; n += start <= end ? step : -step) {
      items.push(width ? (n < 0 ? '-' + String(-n).padStart(width - 1, '0') : String(n).padStart(width, '0')) : String(n));
    }

    return items;
  }

  const [start, end] = [match[3]!.charCodeAt(0), match[4]!.charCodeAt(0)];
  const items: string[] = [];
  for (let c = start; start <= end ? c <= end : c >= end; c += start <= end ? step : -step) items.push(String.fromCharCode(c));
  return items;
}

/** A leading unquoted `~`, `~/…`, `~+`, `~user` (and after `:` in assignments). */
export function expandTilde(atoms: Atom[], resolve: (prefix: string) => Value, inAssignment = false): Atom[] {
  const out = tildeAt(atoms, 0, resolve);
  if (!inAssignment) return out;
  for (let i = out.length - 1; i > 0; i--) {
    if (isSyntax(out[i - 1], ':') && isSyntax(out[i], '~')) out.splice(i, out.length - i, ...tildeAt(out.slice(i), 0, resolve));
  }

  return out;
}

function tildeAt(atoms: Atom[], start: number, resolve: (prefix: string) => Value): Atom[] {
  if (!isSyntax(atoms[start], '~')) return atoms;
  let end = start + 1;
  let prefix = '';
  for (; end < atoms.length; end++) {
    const atom = atoms[end]!;
    if (isSyntax(atom, '/') || (atom.kind === 'char' && !atom.quoted && !atom.expanded && atom.ch === ':')) break;
    if (atom.kind !== 'char' || atom.quoted || atom.expanded) return atoms;
    prefix += atom.ch;
  }

  const value = resolve(prefix);
  const replacement: Atom[] = value.known ? literal(value.value, true) : [{kind: 'unknown', why: value.why, quoted: true}];
  return [...atoms.slice(0, start), ...replacement, ...atoms.slice(end)];
}

/** Word splitting of unquoted expansion results on IFS; an unquoted empty expansion vanishes. */
export function splitFields(atoms: Atom[], ifs = ' \t\n'): Atom[][] {
  const fields: Atom[][] = [];
  let current: Atom[] = [];
  let content = false;
  const flush = (force: boolean) => {
    if (content || force) fields.push(current);
    current = [];
    content = false;
  };

  for (const atom of atoms) {
    if (atom.kind === 'break') {
      flush(false);
    } else if (atom.kind === 'char' && atom.expanded && !atom.quoted && ifs.includes(atom.ch)) {
      flush(!' \t\n'.includes(atom.ch));
    } else {
      current.push(atom);
      if (atom.kind === 'unknown' || atom.quoted || !atom.expanded || atom.ch !== '') content = true;
    }
  }

  flush(false);
  return fields;
}

export function toWord(atoms: Atom[], raw: string): Word {
  const missing = atoms.find((atom) => atom.kind === 'unknown');
  if (missing?.kind === 'unknown') return {value: null, known: false, raw, why: missing.why};
  let value = '';
  for (const atom of atoms) if (atom.kind === 'char') value += atom.ch;
  return hasGlob(atoms) ? {value, known: true, raw, glob: true} : {value, known: true, raw};
}

function hasGlob(atoms: Atom[]): boolean {
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i]!;
    if (atom.kind !== 'char' || atom.quoted) continue;
    if (atom.ch === '*' || atom.ch === '?') return true;
    if (atom.ch === '[' && atoms.slice(i + 2).some((next) => next.kind === 'char' && !next.quoted && next.ch === ']')) return true;
  }

  return false;
}

/** A word in a place without splitting (assignment values, redirect targets, heredoc bodies). */
export function toValue(atoms: Atom[]): Value {
  const missing = atoms.find((atom) => atom.kind === 'unknown');
  if (missing?.kind === 'unknown') return {known: false, why: missing.why};
  return {known: true, value: atoms.map((atom) => (atom.kind === 'char' ? atom.ch : ' ')).join('')};
}
