// How a secret found in a text becomes `***`: the one place that decides what a mask may
// cover. Every pattern, built-in or from a policy, only says where it sees a secret; this
// file cuts what it said down to what may be masked.
//
// A text that may quote a command (the command line, a script, a message about it) is read
// as shell, at every depth at once: `sh -c 'TOKEN=x; rm -rf /data'` is one word to the outer
// shell and two commands to the inner one. So a mask never covers a blank, a line break or
// a shell operator (`; | & < > ( )` and the backquote), quoted or not: it ends where a word
// might end. A program's output is no shell: there a value runs to its closing quote.

/** Where a secret is: from start (included) to end (excluded). */
export type Span = readonly [start: number, end: number];

/** How a text is read: as something that may quote a command, or as a program's output. */
export type Reading = 'command' | 'output';

export const mask = '***';

// What may end a shell word, at any depth of quoting.
const stop = /[\s;|&<>()`]/;
const onlyMasked = /^\*+$/;

/**
 * Each match's capture groups that took part, or the whole match when it has none; empty
 * ones left out. The regex has flag g, and d when it has groups.
 */
export function* matchSpans(regex: RegExp, text: string, offset = 0): Generator<Span> {
  for (const match of text.matchAll(regex)) {
    const spans = match.length === 1 ? [[match.index, match.index + match[0].length] as const] : match.indices!.slice(1);
    for (const span of spans) if (span && span[1] > span[0]) yield [offset + span[0], offset + span[1]];
  }
}

/** The words of a text read as shell: the runs between blanks, line breaks and operators. */
export function* wordsOf(text: string): Generator<Span> {
  for (const match of text.matchAll(/[^\s;|&<>()`]+/g)) yield [match.index, match.index + match[0].length];
}

const count = (text: string, char: string) => text.split(char).length - 1;

/**
 * The part of a span a mask may cover when the text may be shell: up to the first blank,
 * line break or operator, without a quote left open by the cut (`'two words'` masks as
 * `'*** words'`), an escaping backslash, or the `$` of a `$(`.
 */
function shellCut(text: string, [start, end]: Span): Span {
  let cut = start;
  while (cut < end && !stop.test(text[cut]!)) cut++;
  let from = start;
  let to = cut;
  // Each quote left odd is given back once, from either end: at most two passes change anything.
  for (let again = true; again; ) {
    again = false;
    for (const quote of ["'", '"']) {
      if (count(text.slice(from, to), quote) % 2 === 0) continue;
      if (text[from] === quote) from++;
      else if (text[to - 1] === quote) to--;
      else continue;
      again = true;
    }
  }

  if (to > from && text[to - 1] === '\\') to--;
  if (to > from && text[to - 1] === '$' && text[to] === '(') to--;
  return [from, to];
}

export interface Cut {
  /** Read as shell: cut at the first blank, line break or operator. */
  shell: boolean;
  /** Words that name programs: a mask never lands in one. */
  programs: ReadonlySet<string>;
}

const unquoted = (word: string) => word.replace(/['"\\]/g, '');
const basename = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/**
 * The spans a mask may cover, in order and apart: each cut as the reading says, and none
 * that is empty, already a mask, or inside a word naming a program. Linear in the text:
 * spans are visited in order and the word scans only move forward. A span of nothing but
 * quotes (the empty word `''`) is no secret.
 */
export function maskable(text: string, spans: Iterable<Span>, {shell, programs}: Cut): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: Span[] = [];
  let wordStart = 0;
  let scanned = 0;
  let wordEnd = -1;
  for (const span of sorted) {
    const [start, end] = shell ? shellCut(text, span) : span;
    if (start >= end || (kept.length > 0 && start < kept.at(-1)![1])) continue;
    const inside = unquoted(text.slice(start, end));
    if (inside === '' || onlyMasked.test(inside)) continue;
    if (programs.size > 0) {
      for (; scanned < start; scanned++) if (stop.test(text[scanned]!)) wordStart = scanned + 1;
      if (wordEnd < end) for (wordEnd = end; wordEnd < text.length && !stop.test(text[wordEnd]!); ) wordEnd++;
      const word = unquoted(text.slice(wordStart, wordEnd));
      if (programs.has(word) || programs.has(basename(word))) continue;
    }

    kept.push([start, end]);
  }

  return kept;
}

/** The text with each span (in order, apart) replaced by the mask. */
export function applyMask(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let result = '';
  let copied = 0;
  for (const [start, end] of spans) {
    result += text.slice(copied, start) + mask;
    copied = end;
  }

  return result + text.slice(copied);
}
