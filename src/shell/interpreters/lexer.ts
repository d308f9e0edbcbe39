// One careful tokenizer for the languages of interpreters' one-liners: their strings (escapes,
// interpolation, raw and long forms), comments, and their quote-like operators, so that a call
// inside a string or a comment is never read as a call. One pass, no backtracking: code from a
// command line is untrusted and may be long.

/** A piece of a string: literal text, a glob pattern (`glob("*.tmp")`), an environment variable, the home folder, or what guard cannot know. */
export type Part =
  | {kind: 'text'; text: string}
  | {kind: 'glob'; text: string}
  /** An environment variable; `fallback`: the value when it is unset (`ENV.fetch("X", "/")`). */
  | {kind: 'env'; name: string; fallback?: string}
  | {kind: 'home'}
  /** The temporary folder: $TMPDIR, else /tmp. */
  | {kind: 'tmpdir'}
  /** An argument the command line gives the code, counted from 0 after the code (`sys.argv[1]`, `ARGV[0]`). */
  | {kind: 'arg'; index: number}
  | {kind: 'unknown'; why: string};

export type Token =
  | {kind: 'name'; text: string; at: number}
  | {kind: 'num'; text: string; at: number}
  | {kind: 'str'; parts: Part[]; command: boolean; at: number}
  | {kind: 'punct'; text: string; at: number}
  /** A part of the code itself that guard cannot know (the shell expands it). */
  | {kind: 'hole'; why: string; at: number}
  | {kind: 'nl'; at: number};

export type Language = 'python' | 'perl' | 'ruby' | 'node' | 'php' | 'lua' | 'awk';

const hole = /^\$\{(__guard_unknown_\d+)\}/;
const wordChar = /[\w$]/;
const pairs: Record<string, string> = {'(': ')', '[': ']', '{': '}', '<': '>'};

/** Environment references inside interpolation: `$ENV{HOME}`, `#{ENV["HOME"]}`, `${process.env.HOME}`. */
const envInside = /^\s*(?:\$ENV\{["']?(\w+)["']?\}|ENV\[["'](\w+)["']\]|process\.env\.(\w+)|process\.env\[["'](\w+)["']\]|os\.environ\[["'](\w+)["']\]|getenv\(["'](\w+)["']\))\s*$/;
const homeInside = /^\s*(?:Dir\.home|os\.homedir\(\)|Path\.home\(\)|require\(["']os["']\)\.homedir\(\))\s*$/;

function interpolated(expression: string, language: Language): Part {
  const env = envInside.exec(expression);
  if (env) return {kind: 'env', name: env.slice(1).find(Boolean)!};
  if (homeInside.test(expression)) return {kind: 'home'};
  const arg = /^\s*([\w$.]+)\[(\d+)\]\s*$/.exec(expression);
  const index = arg ? argIndex(language, arg[1]!, Number(arg[2])) : undefined;
  if (index !== undefined) return {kind: 'arg', index};
  return {kind: 'unknown', why: `the value of ${expression.trim().slice(0, 40)} is known only when the code runs`};
}

/** Where each language keeps a one-liner's arguments, and the index there of the first (Python's sys.argv[0] is `-c`). */
const argLists: Partial<Record<Language, Record<string, number>>> = {
  python: {'sys.argv': 1},
  ruby: {ARGV: 0, '$*': 0},
  perl: {$ARGV: 0},
  node: {'process.argv': 1},
  php: {$argv: 1},
};

/** The argument `LIST[N]` names, counted from 0 after the code; undefined when LIST is none or N is before the first. */
export function argIndex(language: Language, list: string, n: number): number | undefined {
  const first = argLists[language]?.[list];
  return first === undefined || n < first || !Number.isSafeInteger(n) ? undefined : n - first;
}

const escapes: Record<string, string> = {n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', e: '\x1b', f: '\f', v: '\v'};

class Reader {
  i = 0;
  tokens: Token[] = [];
  constructor(
    readonly text: string,
    readonly language: Language,
    readonly unknowns: Map<string, string>,
  ) {}

  /** The placeholder for a part the shell expands, at `i`: its length and why it is unknown. */
  holeAt(i: number): {length: number; why: string} | undefined {
    if (this.text[i] !== '$' || this.text[i + 1] !== '{') return undefined;
    const match = hole.exec(this.text.slice(i, i + 40));
    const why = match ? this.unknowns.get(match[1]!) : undefined;
    return why === undefined ? undefined : {length: match![0].length, why};
  }

  lastSignificant(): Token | undefined {
    for (let k = this.tokens.length - 1; k >= 0; k--) if (this.tokens[k]!.kind !== 'nl') return this.tokens[k];
    return undefined;
  }

  /** After an operand a `/` divides; elsewhere it opens a regular expression. */
  regexMayStart(): boolean {
    const last = this.lastSignificant();
    if (!last) return true;
    if (last.kind === 'num' || last.kind === 'str' || last.kind === 'hole') return false;
    if (last.kind === 'punct') return !/^[)\]}]$/.test(last.text);
    if (last.kind === 'name') {
      if (this.language === 'perl') return !/^[$@%]/.test(last.text) && /^(?:split|grep|map|join|return|and|or|not|if|unless|while|until|x)$/.test(last.text);
      return /^(?:return|typeof|in|of|case|do|else|void|and|or|not|if|while|when|unless|until)$/.test(last.text);
    }

    return true;
  }

  /** Reads a string body up to `close` (nesting `open` when a bracket pair), with escapes and interpolation as the language does. */
  body(open: string, close: string, interpolate: boolean, escaping = true, translate = interpolate): Part[] {
    const parts: Part[] = [];
    let text = '';
    let depth = 0;
    const flush = () => {
      if (text) parts.push({kind: 'text', text});
      text = '';
    };

    for (; this.i < this.text.length; this.i++) {
      const ch = this.text[this.i]!;
      const gap = this.holeAt(this.i);
      if (gap) {
        flush();
        parts.push({kind: 'unknown', why: gap.why});
        this.i += gap.length - 1;
        continue;
      }

      if (escaping && ch === '\\' && this.i + 1 < this.text.length) {
        const next = this.text[++this.i]!;
        text += translate ? (escapes[next] ?? next) : next === close || next === '\\' || next === open ? next : `\\${next}`;
        continue;
      }

      if (open !== close && ch === open) depth++;
      else if (ch === close) {
        if (depth === 0) {
          this.i++;
          break;
        }

        depth--;
      }

      if (interpolate) {
        const found = this.interpolation();
        if (found) {
          flush();
          parts.push(found);
          continue;
        }
      }

      text += ch;
    }

    flush();
    return parts;
  }

  /** An interpolation at `i` (`#{…}`, `${…}`, `$name`, `{…}` in an f-string), read past; undefined when none. */
  interpolation(): Part | undefined {
    const {text, i, language} = this;
    const ch = text[i]!;
    let end = -1;
    let inner = '';
    if ((language === 'ruby' && ch === '#' && text[i + 1] === '{') || (language === 'node' && ch === '$' && text[i + 1] === '{') || (language === 'python' && ch === '{' && text[i + 1] !== '{')) {
      const start = ch === '{' ? i : i + 1;
      end = matching(text, start);
      inner = text.slice(start + 1, end);
    } else if ((language === 'perl' || language === 'php') && (ch === '$' || (ch === '@' && language === 'perl')) && /[\w{]/.test(text[i + 1] ?? '')) {
      end = i + 1;
      if (text[end] === '{') end = matching(text, end);
      else {
        while (end < text.length && /\w/.test(text[end]!)) end++;
        if (text[end] === '{' || text[end] === '[') end = matching(text, end);
        else end--;
      }

      inner = text.slice(i, end + 1);
    } else return undefined;

    this.i = end;
    return interpolated(inner, language);
  }

  push(token: Token): void {
    this.tokens.push(token);
  }

  str(at: number, parts: Part[], command = false): void {
    this.push({kind: 'str', parts, command, at});
  }

  /** Perl's `qw(a b)` and Ruby's `%w[a b]`: a list of the words, as `["a", "b"]` reads; one with an interpolation stays unread. */
  words(at: number, parts: Part[]): void {
    if (!parts.every((part) => part.kind === 'text')) {
      this.push({kind: 'punct', text: 'qw', at});
      return;
    }

    const words = parts.map((part) => (part.kind === 'text' ? part.text : '')).join('').split(/\s+/).filter(Boolean);
    this.push({kind: 'punct', text: '[', at});
    words.forEach((word, i) => {
      if (i > 0) this.push({kind: 'punct', text: ',', at});
      this.str(at, [{kind: 'text', text: word}]);
    });
    this.push({kind: 'punct', text: ']', at});
  }

  /** Perl's q qq qx qw m qr s tr y, Ruby's %q %Q %w %x %(…): the operator's delimited bodies. */
  quoteLike(at: number, operator: string): boolean {
    let k = this.i;
    while (this.text[k] === ' ') k++;
    const open = this.text[k];
    if (!open || /[\w\s,;=)]/.test(open) || (open === '=' && this.text[k + 1] === '>')) return false;
    if (this.language === 'perl' && k > this.i && open === '#') return false;
    const close = pairs[open] ?? open;
    this.i = k + 1;
    const interpolate = operator === 'qq' || operator === 'qx' || operator === 'Q' || operator === 'x' || operator === 'W' || operator === '';
    const parts = this.body(open, close, interpolate && open !== "'");
    if (/^(?:s|tr|y)$/.test(operator)) {
      if (close !== open) {
        while (/\s/.test(this.text[this.i] ?? '')) this.i++;
        const again = this.text[this.i];
        if (again) {
          this.i++;
          this.body(again, pairs[again] ?? again, false);
        }
      } else this.body(open, close, false);
    }

    while (/[a-z]/.test(this.text[this.i] ?? '')) this.i++;
    if (operator === 'qx' || operator === 'x') this.str(at, parts, true);
    else if (/^(?:q|qq|Q|)$/.test(operator)) this.str(at, parts);
    else if (operator === 'qw' || operator === 'w' || operator === 'W') this.words(at, parts);
    else this.push({kind: 'punct', text: 'regex', at});
    return true;
  }

  read(): Token[] {
    const {text, language} = this;
    const hashComments = language !== 'node' && language !== 'lua';
    const slashComments = language === 'node' || language === 'php';
    while (this.i < text.length) {
      const at = this.i;
      const ch = text[at]!;
      const gap = this.holeAt(at);
      if (gap) {
        this.push({kind: 'hole', why: gap.why, at});
        this.i += gap.length;
      } else if (ch === '\n' || ch === ';') {
        this.push(ch === '\n' ? {kind: 'nl', at} : {kind: 'punct', text: ';', at});
        this.i++;
      } else if (/\s/.test(ch)) this.i++;
      else if ((hashComments && ch === '#' && !(language === 'perl' && text[at - 1] === '$')) || (slashComments && ch === '/' && text[at + 1] === '/') || (language === 'lua' && ch === '-' && text[at + 1] === '-')) {
        if (language === 'lua' && text[at + 2] === '[' && /^\[=*\[/.test(text.slice(at + 2, at + 20))) {
          this.i = at + 2;
          this.longString();
          this.tokens.pop();
        } else while (this.i < text.length && text[this.i] !== '\n') this.i++;
      } else if (slashComments && ch === '/' && text[at + 1] === '*') {
        const end = text.indexOf('*/', at + 2);
        this.i = end === -1 ? text.length : end + 2;
      } else if (language === 'lua' && ch === '[' && /^\[=*\[/.test(text.slice(at, at + 20))) this.longString();
      else if (ch === '"' || ch === "'" || ch === '`') this.quoted(at, ch);
      else if (ch === '/' && (language === 'perl' || language === 'ruby' || language === 'node' || language === 'awk') && this.regexMayStart()) {
        this.i++;
        this.body('/', '/', false);
        while (/[a-z]/.test(text[this.i] ?? '')) this.i++;
        this.push({kind: 'punct', text: 'regex', at});
      } else if (language === 'ruby' && ch === '%' && (/^[qQwWxi][^\w\s]/.test(text.slice(at + 1, at + 3)) || (/^[^\w\s=]/.test(text.slice(at + 1, at + 2)) && this.regexMayStart()))) {
        const operator = /[qQwWxi]/.test(text[at + 1]!) ? text[at + 1]! : '';
        this.i = at + 1 + operator.length;
        if (!this.quoteLike(at, operator)) this.push({kind: 'punct', text: '%', at});
      } else if (wordChar.test(ch) || (language === 'perl' && /[@%]/.test(ch) && /[\w{]/.test(text[at + 1] ?? '') && this.regexMayStart())) this.word(at);
      else this.punct(at);
    }

    return this.tokens;
  }

  word(at: number): void {
    const {text, language} = this;
    let end = at + 1;
    while (end < text.length && /\w/.test(text[end]!)) end++;
    const word = text.slice(at, end);
    if (/^\d/.test(word)) {
      while (end < text.length && /[\w.]/.test(text[end]!) && !(text[end] === '.' && text[end + 1] === '.')) end++;
      this.push({kind: 'num', text: text.slice(at, end), at});
      this.i = end;
      return;
    }

    this.i = end;
    if (language === 'python' && /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/.test(word) && (text[end] === '"' || text[end] === "'")) {
      this.quoted(at, text[end]!, /[rR]/.test(word), /[fF]/.test(word));
      return;
    }

    if (language === 'perl' && /^(?:q|qq|qx|qw|m|qr|s|tr|y)$/.test(word) && text[end - word.length - 1] !== '$' && text[end - word.length - 1] !== '>' && this.quoteLike(at, word)) return;
    this.push({kind: 'name', text: word, at});
  }

  punct(at: number): void {
    const two = this.text.slice(at, at + 2);
    const text = ['::', '->', '=>', '..', '>>', '||', '&&', '==', '!=', '>=', '<=', '**'].includes(two) ? two : this.text[at]!;
    this.i = at + text.length;
    this.push({kind: 'punct', text, at});
  }

  quoted(at: number, quote: string, raw = false, fString = false): void {
    const {text, language} = this;
    const triple = language === 'python' && text.startsWith(quote.repeat(3), this.i);
    this.i += triple ? 3 : 1;
    if (triple) {
      const end = text.indexOf(quote.repeat(3), this.i);
      const stop = end === -1 ? text.length : end;
      const inner = new Reader(text.slice(this.i, stop), language, this.unknowns);
      const parts = inner.body('\0', '\0', fString, !raw, !raw);
      this.i = end === -1 ? text.length : end + 3;
      this.str(at, parts);
      return;
    }

    const interpolate = quote === '`' ? language !== 'python' && language !== 'lua' : quote === '"' ? language === 'perl' || language === 'ruby' || language === 'php' : false;
    const literal = quote === "'" && (language === 'perl' || language === 'ruby' || language === 'php');
    const parts = this.body(quote, quote, interpolate || fString, !raw, !raw && !literal);
    this.str(at, parts, quote === '`' && (language === 'perl' || language === 'ruby' || language === 'php'));
  }

  longString(): void {
    const at = this.i;
    const level = /^\[(=*)\[/.exec(this.text.slice(at, at + 20))![1]!.length;
    const close = `]${'='.repeat(level)}]`;
    const start = at + level + 2;
    const end = this.text.indexOf(close, start);
    this.str(at, [{kind: 'text', text: this.text.slice(start, end === -1 ? this.text.length : end)}]);
    this.i = end === -1 ? this.text.length : end + close.length;
  }
}

/** The index of the bracket closing the one at `open` (skipping quoted text), or the text's end. */
export function matching(text: string, open: number): number {
  const close = pairs[text[open]!] ?? text[open]!;
  let depth = 0;
  let quote: string | undefined;
  for (let k = open; k < text.length; k++) {
    const ch = text[k]!;
    if (quote) {
      if (ch === '\\') k++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === text[open]) depth++;
    else if (ch === close && --depth === 0) return k;
  }

  return text.length - 1;
}

export function tokenize(text: string, language: Language, unknowns: Map<string, string> = new Map()): Token[] {
  return new Reader(text, language, unknowns).read();
}
