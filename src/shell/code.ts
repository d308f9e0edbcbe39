import {type Atom, literal} from './atoms.js';
import {atomsOf, wordFromAtoms} from './expand.js';
import type {CodeText, Word} from './types.js';

export type {CodeText} from './types.js';

// Numbered per analysis, not per process: the same script must read the same every time
// (a reason quotes the code text), whatever guard analysed before it.
let placeholders = 0;

/** Starts the numbering again; a session calls it, and one analysis runs at a time. */
export function resetPlaceholders(): void {
  placeholders = 0;
}

export function codeFromAtoms(atoms: Atom[]): CodeText {
  let text = '';
  const unknowns = new Map<string, string>();
  for (const atom of atoms) {
    if (atom.kind === 'char') text += atom.ch;
    else if (atom.kind === 'break') text += ' ';
    else {
      const name = `__guard_unknown_${++placeholders}`;
      unknowns.set(name, atom.why);
      text += '${' + name + '}';
    }
  }

  return {text, unknowns};
}

/** Words joined by spaces into code, as `eval`, `ssh` and `watch` do. */
export function codeFromWords(words: Word[]): CodeText {
  return codeFromAtoms(words.flatMap((word, i) => (i === 0 ? atomsOf(word) : [...literal(' ', true), ...atomsOf(word)])));
}

export const plainCode = (text: string): CodeText => ({text, unknowns: new Map()});

/** A word with each `{}` (xargs -I, find -exec) replaced by a value only known at run time. */
export function replacePlaceholder(word: Word, token: string, why: string): Word {
  if (!word.known || !word.value.includes(token)) return word;
  const atoms: Atom[] = [];
  word.value.split(token).forEach((part, i) => {
    if (i > 0) atoms.push({kind: 'unknown', why, quoted: true});
    atoms.push(...literal(part, true));
  });
  return wordFromAtoms(atoms, word.raw);
}
