import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {sha256Hex} from '../../src/audit/chain.js';

// Every sealed row's hash is SHA-256 of a text made of the row's values: a log written by any
// build must verify under any other, so the digest must be node:crypto's to the byte.
const reference = (text: string) => createHash('sha256').update(text).digest('hex');

// A small deterministic generator: the same texts on every run, so a failure can be replayed.
function* texts(count: number): Generator<string> {
  let state = 0x2545f491;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };

  // ASCII, Latin-1, CJK, an astral character (two UTF-16 units), lone surrogates, NUL, newline.
  const pieces = ['a', 'Z', '0', ' ', '"', '\\', '\n', '\0', 'é', 'ß', '€', '中', '😀', '\uD800', '\uDFFF', '\u00FF'];
  for (let i = 0; i < count; i++) {
    const length = next() % 300;
    let text = '';
    while (text.length < length) text += pieces[next() % pieces.length];
    yield text;
  }
}

describe('the row hash', () => {
  it('is node:crypto SHA-256 of the same UTF-8 text, at every padding boundary', () => {
    // SHA-256 pads in 64-byte blocks with 9 bytes of its own: 55/56 and 119/120 are the edges.
    for (const length of [0, 1, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 121, 127, 128, 129, 1000, 100_000]) {
      const text = 'x'.repeat(length);
      expect(sha256Hex(text), `length ${length}`).toBe(reference(text));
    }
  });

  it('is node:crypto SHA-256 of 2,000 generated texts, lone surrogates and astral characters included', () => {
    for (const text of texts(2000)) expect(sha256Hex(text), JSON.stringify(text)).toBe(reference(text));
  });

  it('gives the known digest of a known text', () => {
    // FIPS 180-2's first example.
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
