// What a call comes to as a shell command, and the means the tables build it with.
import {type Call, type Names, literalOf, partners, spell, tilde, valueOf} from './calls.js';
import type {Language, Part, Token} from './lexer.js';

/** A call found in a piece of code, and what it amounts to. */
export interface Found {
  derived: Derived;
  /** The call as written, for the reason. */
  call: string;
}

/** What one call amounts to. */
export type Derived =
  /** `sh -c CODE`: text parts are shell code as written. */
  | {kind: 'shell'; code: Part[]}
  | {kind: 'argv'; words: Part[][]}
  /** `: > FILE` (or `: >> FILE`). */
  /** `content`: the text written, when it is a literal (`File.write("/proc/sys/…", "0")`). */
  | {kind: 'write'; target: Part[]; append: boolean; content?: string}
  | {kind: 'read'; target: Part[]}
  /** More code in the same language, read the same way (`exec("…")`). */
  | {kind: 'code'; text: string}
  /** Code guard cannot read (`eval` of a computed string). */
  | {kind: 'opaque'; why: string}
  /** A process that starts copies of itself in a loop. */
  | {kind: 'fork'};

/** A call as a table entry reads it. */
export class Site {
  constructor(
    readonly call: Call,
    readonly language: Language,
    readonly names: Names = new Map(),
  ) {}

  /** The value of positional argument `i` (a path keeps `~` as the home folder). */
  arg(i: number): Part[] {
    const tokens = this.call.args[i];
    return tokens ? valueOf(tokens, this.language, this.names) : [{kind: 'unknown', why: `${this.call.name} is given no argument ${i + 1}`}];
  }

  path(i: number): Part[] {
    return tilde(this.arg(i));
  }

  has(i: number): boolean {
    return this.call.args[i] !== undefined;
  }

  literal(i: number | string): string | undefined {
    return literalOf(typeof i === 'number' ? this.call.args[i] : this.call.named.get(i));
  }

  /** The elements of a list given as argument `i` (`["rm", "-rf", x]`), or undefined when it is no list literal. */
  list(i: number): Part[][] | undefined {
    const tokens = this.call.args[i];
    return tokens ? listOf(tokens, this.language, this.names) : undefined;
  }

  /** Every argument from `i` on, a list literal among them spread out. */
  rest(i: number): Part[][] {
    return this.call.args.slice(i).flatMap((tokens) => listOf(tokens, this.language, this.names) ?? [tilde(valueOf(tokens, this.language, this.names))]);
  }

  /** The paths a delete is given from `i` on: without the options hash after them (`remove_tree($d, {verbose => 1})`). */
  paths(i: number): Part[][] {
    const args = this.call.args.slice(i);
    const last = args.at(-1);
    const options = args.length > 1 && last !== undefined && wholeHash(last);
    return (options ? args.slice(0, -1) : args).flatMap((tokens) => listOf(tokens, this.language, this.names) ?? [tilde(valueOf(tokens, this.language, this.names))]);
  }

  /** A key of an options object or hash: `{recursive: true}`, `recursive => 1`. */
  option(i: number, key: string): string | undefined {
    const tokens = this.call.args[i] ?? this.call.named.get(key);
    if (!tokens) return undefined;
    if (this.call.named.has(key)) return literalOf(this.call.named.get(key));
    for (let k = 0; k + 2 < tokens.length; k++) {
      const token = tokens[k]!;
      const name = token.kind === 'name' ? token.text : literalOf([token]);
      const separator = tokens[k + 1]!;
      if (name === key && separator.kind === 'punct' && (separator.text === ':' || separator.text === '=>')) return literalOf([tokens[k + 2]!]) ?? '?';
    }

    return undefined;
  }

  /** The path a method is called on (`Path("x")` in `Path("x").unlink()`). */
  receiverPath(): Part[] {
    return tilde(valueOf(this.call.receiver, this.language, this.names));
  }
}

function listOf(tokens: Token[], language: Language, names: Names): Part[][] | undefined {
  const [open] = tokens;
  const close = tokens.at(-1);
  if (open?.kind !== 'punct' || close?.kind !== 'punct' || !((open.text === '[' && close.text === ']') || (open.text === '(' && close.text === ')'))) return undefined;

  const items: Part[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const token of tokens.slice(1, -1)) {
    if (token.kind === 'punct' && /^[([{]$/.test(token.text)) depth++;
    if (token.kind === 'punct' && /^[)\]}]$/.test(token.text)) depth--;
    if (depth === 0 && token.kind === 'punct' && token.text === ',') {
      if (current.length > 0) items.push(valueOf(current, language, names));
      current = [];
    } else current.push(token);
  }

  if (current.length > 0) items.push(valueOf(current, language, names));
  return items;
}

export const text = (value: string): Part[] => [{kind: 'text', text: value}];
export const argv = (...words: Array<Part[] | string>): Derived => ({kind: 'argv', words: words.map((word) => (typeof word === 'string' ? text(word) : word))});
export const write = (target: Part[], append = false, content?: string): Derived => ({kind: 'write', target, append, ...(content === undefined ? {} : {content})});
export const shell = (code: Part[]): Derived => ({kind: 'shell', code});
export const opaque = (site: Site, what = 'code'): Derived => ({kind: 'opaque', why: `${site.call.name} of ${what} computed when it runs (${spell(site.call.args[0] ?? [])})`});

/** Code given to `exec`/`eval`: read when it is a literal, code guard cannot read when computed. */
export function evaluated(site: Site): Derived[] {
  const code = site.literal(0);
  return code === undefined ? [opaque(site)] : [{kind: 'code', text: code}];
}

/** A command given as one string (through a shell) or as a list of words. */
export function command(site: Site, at = 0): Derived[] {
  const list = site.list(at);
  if (list) return list.length > 0 ? [{kind: 'argv', words: list}] : [];
  if (site.call.args.length > at + 1 && !site.list(at + 1)) {
    const words = site.rest(at);
    return [{kind: 'argv', words}];
  }

  const following = site.list(at + 1);
  if (following) return [{kind: 'argv', words: [site.arg(at), ...following]}];
  return [shell(site.arg(at))];
}

/** A file mode from an `open` call: write (truncating), append, or read. */
export function opened(target: Part[], mode: string | undefined): Derived[] {
  if (mode === undefined) return [{kind: 'read', target}];
  if (/[wx]/.test(mode)) return [write(target)];
  if (/[a+]/.test(mode)) return [write(target, true)];
  return [{kind: 'read', target}];
}

/**
 * The file a method is called on when that value is an `open(PATH, MODE)` call written out
 * (`open("/proc/sys/kernel/randomize_va_space", "w").write("0")`): its path and mode, or undefined.
 */
export function openedReceiver(site: Site): {path: Part[]; mode: string | undefined} | undefined {
  const receiver = site.call.receiver;
  const [head, open] = receiver;
  const close = receiver.at(-1);
  if (head?.kind !== 'name' || !/^(?:open|io\.open|codecs\.open)$/.test(head.text) || open?.kind !== 'punct' || open.text !== '(' || close?.kind !== 'punct' || close.text !== ')') return undefined;
  const args: Token[][] = [[]];
  let depth = 0;
  for (const token of receiver.slice(2, -1)) {
    if (token.kind === 'punct' && /^[([{]$/.test(token.text)) depth++;
    if (token.kind === 'punct' && /^[)\]}]$/.test(token.text)) depth--;
    if (depth < 0) return undefined;
    if (depth === 0 && token.kind === 'punct' && token.text === ',') args.push([]);
    else args.at(-1)!.push(token);
  }

  const call = new Site({name: 'open', receiver: [], args: args.filter((tokens) => tokens.length > 0), named: new Map(), start: site.call.start, end: site.call.end}, site.language, site.names);
  return {path: call.path(0), mode: call.literal(1)};
}

/** A numeric mode as chmod writes it: `0o755`, `0755`, `493`, `"755"`. */
export function modeOf(value: string | undefined): string {
  if (value === undefined) return '?';
  if (/^0[oO]?[0-7]+$/.test(value)) return value.replace(/^0[oO]?/, '').padStart(3, '0');
  if (/^[0-7]{3,4}$/.test(value) && value.length === 3) return value;
  if (/^\d+$/.test(value)) return Number(value).toString(8);
  return value;
}

/** A signal as kill takes it: `9`, `KILL`, `signal.SIGKILL`, `'SIGKILL'`. */
export function signalOf(value: string | undefined, fallback = 'TERM'): string {
  if (value === undefined) return fallback;
  const name = value.replace(/^(?:signal\.|Signal\.|Signals\.)/, '').replace(/^-/, '').replace(/^SIG/, '');
  return name || fallback;
}

/** The signal argument as written: a literal or a name like `signal.SIGKILL`. */
export function signalArg(site: Site, i: number): string | undefined {
  const tokens = site.call.args[i];
  if (!tokens) return undefined;
  const literal = literalOf(tokens);
  if (literal !== undefined) return literal;
  const written = tokens.map((token) => ('text' in token ? token.text : '')).join('');
  return /^[\w.]+$/.test(written) ? written : '?';
}

/** Tokens that are one hash or object literal, `{` to its own `}`. */
function wholeHash(tokens: Token[]): boolean {
  return tokens[0]?.kind === 'punct' && tokens[0].text === '{' && partners(tokens)[0] === tokens.length - 1;
}
