// The regular expressions a policy supplies (a rule's `match.regex`, `redact` patterns) run
// here, on re2js: a pure-JS port of RE2, whose matching time is linear in the text whatever
// the pattern. With JavaScript's backtracking engine `(a+)+$` took minutes on 40 characters,
// and a repository's `.guardrc` may supply patterns. re2js rather than the native `re2`
// binding (compiles RE2 and abseil with node-gyp, about a minute, 18 MB; current releases
// need Node 22) or `re2-wasm` (copies the whole text into WASM at every match: 4 s to find
// 845 matches in 64 KiB). The README says how RE2's syntax differs from JavaScript's.
//
// re2js is loaded on first use (≈ 8 ms, then ≈ 5 ms for the first compile), synchronously
// because the schema's refinements are: a policy without patterns never loads it.
import {createRequire} from 'node:module';
import type * as Re2js from 're2js';

/** The most instructions a policy pattern may compile to: at worst it costs about that many steps a character (≈ 1 s over a 64 KiB tail). */
export const maxProgramSize = 1000;
const maxSourceLength = 4096;

let engine: typeof Re2js | undefined;
const re2js = () => (engine ??= createRequire(import.meta.url)('re2js') as typeof Re2js);

/** A pattern the engine cannot take; the message says why, for a person. */
export class RegexError extends Error {}

/** One compiled policy pattern. */
export interface LinearRegex {
  readonly source: string;
  /** How many capture groups it has. */
  readonly groups: number;
  /** Instructions in its compiled program: matching costs at most about this many steps a character. */
  readonly programSize: number;
  /** Whether it matches anywhere in `text`. */
  test(text: string): boolean;
  /**
   * Each match, left to right, as the spans `[start, end)` of the whole match (index 0)
   * and of each group (undefined when the group took no part), in UTF-16 indices as
   * `RegExp`'s `d` flag gives them.
   */
  matches(text: string): Generator<Array<[number, number] | undefined>>;
}

// What JavaScript users write that RE2 refuses on purpose, said plainly.
const unsupported: Array<[RegExp, string]> = [
  [/\(\?<?[=!]/, 'lookahead and lookbehind are not supported (RE2 never backtracks)'],
  [/\\[1-9]|\\k</, 'backreferences are not supported (RE2 never backtracks)'],
  [/\\u/, 'write a code point as \\x{00e9}, not \\u00e9'],
];

// Once per run and pattern, whoever asks (the schema, rule matching, the redactor).
const compiled = new Map<string, LinearRegex | RegexError>();

/** Compiles `source` with RE2 syntax and no flags (`(?i)` and friends go inside); throws RegexError. */
export function compileRegex(source: string): LinearRegex {
  let result = compiled.get(source);
  if (result === undefined) {
    try {
      result = compile(source);
    } catch (error) {
      if (!(error instanceof RegexError)) throw error;
      result = error;
    }

    compiled.set(source, result);
  }

  if (result instanceof RegexError) throw result;
  return result;
}

function compile(source: string): LinearRegex {
  if (source.length > maxSourceLength) throw new RegexError(`longer than ${maxSourceLength} characters`);
  const {RE2JS} = re2js();
  let pattern: Re2js.RE2JS;
  try {
    pattern = RE2JS.compile(source);
  } catch (error) {
    const known = unsupported.find(([shape]) => shape.test(source));
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    throw new RegexError(known ? known[1] : detail);
  }

  const size = pattern.programSize();
  if (size > maxProgramSize) throw new RegexError(`too large: it compiles to ${size} instructions, at most ${maxProgramSize} are allowed`);
  const groups = pattern.groupCount();
  return {
    groups,
    programSize: size,
    source,
    test: (text) => pattern.test(text),
    *matches(text) {
      const matcher = pattern.matcher(text);
      while (matcher.find()) {
        const spans: Array<[number, number] | undefined> = [];
        for (let group = 0; group <= groups; group++) {
          const start = matcher.start(group);
          spans.push(start === -1 ? undefined : [start, matcher.end(group)]);
        }

        yield spans;
      }
    },
  };
}

/** Why the engine cannot take `source`, or undefined when it can. */
export function regexProblem(source: string): string | undefined {
  try {
    compileRegex(source);
    return undefined;
  } catch (error) {
    if (error instanceof RegexError) return error.message;
    throw error;
  }
}
