// The calls in a one-liner's tokens, with their arguments read as far as guard can know them:
// a string literal, a string built of literals, environment variables and the home folder
// (`os.path.join(os.environ["HOME"], "x")`), or a value known only when the code runs.
import {type Language, type Part, type Token, argIndex} from './lexer.js';

export interface Call {
  /** The function or method called: `rmtree`, `rmSync`, `system`. */
  name: string;
  /** The module or object it is reached through (`shutil`, `fs`, `FileUtils`); `?` for a value; undefined when called bare. */
  qualifier?: string;
  /** The value a method is called on (`Path("x")` in `Path("x").unlink()`). */
  receiver: Token[];
  args: Token[][];
  named: Map<string, Token[]>;
  /** Where the call starts and ends in the code. */
  start: number;
  end: number;
}

/** For each bracket token, the index of its partner (or the end, when unbalanced). */
export function partners(tokens: Token[]): Int32Array {
  const partner = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  for (const [k, token] of tokens.entries()) {
    if (token.kind !== 'punct') continue;
    if (token.text === '(' || token.text === '[' || token.text === '{') stack.push(k);
    else if (token.text === ')' || token.text === ']' || token.text === '}') {
      const open = stack.pop();
      if (open === undefined) continue;
      partner[open] = k;
      partner[k] = open;
    }
  }

  for (const open of stack) partner[open] = tokens.length;
  return partner;
}

const isPunct = (token: Token | undefined, text: string) => token?.kind === 'punct' && token.text === text;
const access = (token: Token | undefined) => token?.kind === 'punct' && (token.text === '.' || token.text === '::' || token.text === '->');
const modules = new Set(['require', '__import__', 'import_module']);
const stops = new Set(['or', 'and', 'if', 'unless', 'while', 'until', 'do', 'for', 'foreach', 'then', 'end']);

/** Splits tokens at top-level commas; `name=value` / `name: value` / `name => value` arguments go to `named`. */
function splitArgs(tokens: Token[], partner: Int32Array, from: number, to: number, language: Language): {args: Token[][]; named: Map<string, Token[]>} {
  const args: Token[][] = [];
  const named = new Map<string, Token[]>();
  let current: Token[] = [];
  const close = () => {
    const [first, second] = current;
    if (first?.kind === 'name' && current.length > 2 && (isPunct(second, '=') || isPunct(second, ':'))) named.set(first.text, current.slice(2));
    else if (current.length > 0) args.push(current);
    current = [];
  };

  for (let k = from; k < to; k++) {
    const token = tokens[k]!;
    if (token.kind === 'nl') continue;
    if (isPunct(token, ',') || (language === 'perl' && isPunct(token, '=>'))) {
      close();
      continue;
    }

    if (token.kind === 'punct' && (token.text === '(' || token.text === '[' || token.text === '{') && partner[k]! > k) {
      const end = Math.min(partner[k]!, to - 1);
      current.push(...tokens.slice(k, end + 1));
      k = end;
      continue;
    }

    current.push(token);
  }

  close();
  return {args, named};
}

// Arguments longer than this are not read but unknown: nested calls would otherwise copy the
// same tokens once per level, and code on a command line is untrusted.
const longest = 256;
const tooLong = (token: Token) => ({args: [[{kind: 'hole' as const, why: 'its arguments are too long to read', at: token.at}]], named: new Map<string, Token[]>()});

/**
 * Every call: `name(…)`, `a.b.name(…)`, `require("fs").name(…)`, and where the language allows
 * it, a call without parentheses (`system "…"`, `unlink $f`, `os.execute "…"`) of a name in `bare`.
 */
/** Python's `import shutil as s`, `from os import remove as rm`: each alias and the name it stands for. */
export function aliasesOf(tokens: Token[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (let k = 0; k + 2 < tokens.length; k++) {
    const as = tokens[k + 1]!;
    if (as.kind !== 'name' || as.text !== 'as' || tokens[k]!.kind !== 'name' || tokens[k + 2]!.kind !== 'name') continue;
    let from = k;
    while (isPunct(tokens[from - 1], '.') && tokens[from - 2]?.kind === 'name') from -= 2;
    const imported = tokens.slice(from, k + 1).map((token) => (token as {text: string}).text).join('');
    let at = from - 1;
    while (at >= 0 && tokens[at]!.kind !== 'nl' && !isPunct(tokens[at], ';') && textAt(tokens[at]) !== 'import') at--;
    const module = textAt(tokens[at]) === 'import' ? moduleOf(tokens, at) : undefined;
    aliases.set((tokens[k + 2] as {text: string}).text, module ? `${module}.${imported}` : imported);
  }

  return aliases;
}

const textAt = (token: Token | undefined) => (token?.kind === 'name' || token?.kind === 'punct' ? token.text : '');

/** The module of `from M import …`, reading back from the `import` at `at`. */
function moduleOf(tokens: Token[], at: number): string | undefined {
  let k = at - 1;
  const parts: string[] = [];
  while (tokens[k]?.kind === 'name' || isPunct(tokens[k], '.')) parts.unshift(textAt(tokens[k--]));
  return parts[0] === 'from' ? parts.slice(1).join('') : undefined;
}

export function findCalls(tokens: Token[], language: Language, bare: Set<string>): Call[] {
  const partner = partners(tokens);
  const calls: Call[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.kind !== 'name') continue;
    const next = tokens[k + 1];
    let args: Token[][];
    let named = new Map<string, Token[]>();
    let end: number;
    if (isPunct(next, '(')) {
      end = partner[k + 1]!;
      ({args, named} = end - k > longest ? tooLong(token) : splitArgs(tokens, partner, k + 2, Math.min(end, tokens.length), language));
    } else if (bare.has(token.text) && next && next.kind !== 'nl' && !(next.kind === 'punct' && /^(?:[=;,)\]}.]|=>|::|->|\|\||&&|==|!=)$/.test(next.text)) && !(next.kind === 'name' && stops.has(next.text))) {
      if (language === 'lua' && next.kind !== 'str') continue;
      end = k + 1;
      while (end < tokens.length && end - k <= longest) {
        const at = tokens[end]!;
        if (at.kind === 'nl' || (at.kind === 'punct' && /^(?:[;)\]}]|\|\||&&)$/.test(at.text)) || (at.kind === 'name' && stops.has(at.text))) break;
        if (at.kind === 'punct' && (at.text === '(' || at.text === '[' || at.text === '{')) end = Math.max(end, Math.min(partner[end]!, tokens.length - 1));
        end++;
        if (language === 'lua') break;
      }

      ({args, named} = end - k > longest ? tooLong(token) : splitArgs(tokens, partner, k + 1, end, language));
      end--;
    } else if (language === 'ruby' && access(tokens[k - 1]) && (!next || next.kind === 'nl' || isPunct(next, ';') || isPunct(next, '}') || (next.kind === 'name' && stops.has(next.text)))) {
      // Ruby calls a method without arguments with no parentheses: `Pathname.new(d).rmtree`.
      args = [];
      end = k;
    } else continue;

    let qualifier: string | undefined;
    let receiver: Token[] = [];
    let start = k;
    if (access(tokens[k - 1])) {
      const before = tokens[k - 2];
      if (before?.kind === 'name') {
        qualifier = before.text.replace(/^[$@]/, '');
        let from = k - 2;
        while (access(tokens[from - 1]) && tokens[from - 2]?.kind === 'name') from -= 2;
        receiver = tokens.slice(from, k - 1);
        start = from;
      } else if (isPunct(before, ')') || isPunct(before, ']')) {
        const open = partner[k - 2]!;
        const callee = tokens[open - 1];
        const only = tokens[open + 1];
        if (callee?.kind === 'name' && modules.has(callee.text) && only?.kind === 'str' && open + 2 === k - 2) qualifier = only.parts.map((part) => (part.kind === 'text' ? part.text : '?')).join('');
        else qualifier = '?';
        let from = callee?.kind === 'name' ? open - 1 : open;
        while (access(tokens[from - 1]) && tokens[from - 2]?.kind === 'name') from -= 2;
        receiver = tokens.slice(Math.max(from, 0), k - 1);
        start = Math.max(from, 0);
      } else qualifier = '?';
    }

    calls.push({name: token.text, ...(qualifier === undefined ? {} : {qualifier}), receiver, args, named, start: tokens[start]!.at, end: tokens[end + 1]?.at ?? Number.POSITIVE_INFINITY});
  }

  return calls;
}

const unknownPart = (why: string): Part => ({kind: 'unknown', why});
const textOf = (token: Token): string => (token.kind === 'name' || token.kind === 'punct' || token.kind === 'num' ? token.text : token.kind === 'str' ? '"…"' : token.kind === 'hole' ? '…' : '');
export const spell = (tokens: Token[]): string => tokens.slice(0, 40).map(textOf).join('').slice(0, 60);

/** The literal text of a string token, when it is all literal. */
export function literalOf(tokens: Token[] | undefined): string | undefined {
  if (tokens?.length !== 1) return undefined;
  const [token] = tokens;
  if (token!.kind === 'num') return token!.text;
  if (token!.kind === 'name' && /^(?:True|False|true|false|nil|None)$/.test(token!.text)) return token!.text.toLowerCase();
  if (token!.kind !== 'str' || token!.parts.some((part) => part.kind !== 'text')) return undefined;
  return token!.parts.map((part) => (part as {text: string}).text).join('');
}

const envCalls = /^(?:os\.environ\.get|os\.getenv|getenv|ENV\.fetch|os\.getenv)$/;
const envIndexed = /^(?:os\.environ|environ|\$ENV|ENV|process\.env|ENVIRON|\$_ENV|\$_SERVER)$/;
const homeValues = /^(?:Path\.home|pathlib\.Path\.home|Dir\.home|os\.homedir|homedir|Etc\.getpwuid\.dir)$/;
const passThrough = /^(?:Path|pathlib\.Path|PurePath|PosixPath|str|String|os\.path\.abspath|os\.path\.realpath|os\.path\.normpath|path\.resolve|path\.normalize|Pathname\.new|Pathname|realpath|File\.absolute_path)$/;
const joins = /^(?:os\.path\.join|path\.join|File\.join|join|catfile|File::Spec->catfile|File::Spec->catdir)$/;
const globs = /^(?:glob|glob\.glob|glob\.iglob|glob\.sync|globSync|Dir\.glob|Dir|bsd_glob|File\.Glob\.bsd_glob)$/;
const tildes = /^(?:os\.path\.expanduser|expanduser|File\.expand_path|expand_path)$/;
// A fresh scratch folder the code makes for itself, under the temporary folder: a name no one
// else has (X's stand for what it picks), as `$(mktemp -d)` is in the shell.
const scratchFolders = /^(?:tempfile\.mkdtemp|mkdtemp|Dir\.mktmpdir|File::Temp::tempdir|File::Temp->newdir|tempdir)$/;
const scratchFolder: Part[] = [{kind: 'tmpdir'}, {kind: 'text', text: '/tmpXXXXXXXX'}];
// Node's: the prefix given, and six characters it picks.
const prefixedScratch = /^(?:fs\.mkdtempSync|mkdtempSync|fs\.mkdtemp|mkdtemp)$/;
// The temporary folder itself (TMPDIR, else /tmp).
const temporaryFolder = /^(?:os\.tmpdir|tmpdir|tempfile\.gettempdir|gettempdir|Dir\.tmpdir)$/;
// Whether the arguments only name the scratch folder (a prefix, a suffix, a cleanup flag), never
// where it goes: no folder argument, at most a suffix and a prefix, no slash in any string.
const onlyNaming = (args: Token[][]) =>
  args.filter((arg) => !(arg[0]?.kind === 'name' && (isPunct(arg[1], '=') || isPunct(arg[1], '=>')))).length <= 2 &&
  args.every((arg) => arg.every((token) => !(token.kind === 'name' && /^(?:dir|DIR|tmpdir|TMPDIR)$/.test(token.text)) && !(token.kind === 'str' && token.parts.some((part) => part.kind !== 'text' || part.text.includes('/')))));

/** A name chain at the start of tokens: `os.path.join`, `process.env.HOME`, `$ENV`; with how many tokens it spans. */
function chainOf(tokens: Token[]): {text: string; length: number} {
  let text = '';
  let k = 0;
  while (tokens[k]?.kind === 'name') {
    text += (tokens[k] as {text: string}).text;
    if (access(tokens[k + 1]) && tokens[k + 2]?.kind === 'name') {
      text += (tokens[k + 1] as {text: string}).text === '->' ? '->' : '.';
      k += 2;
    } else {
      k++;
      break;
    }
  }

  return {text: text.replace(/::/g, '.'), length: k};
}

/** Splits an expression at top-level operators in `ops`. */
function splitAt(tokens: Token[], ops: Set<string>): Token[][] {
  const pieces: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'punct' && /^[([{]$/.test(token.text)) depth++;
    else if (token.kind === 'punct' && /^[)\]}]$/.test(token.text)) depth--;
    if (depth === 0 && token.kind === 'punct' && ops.has(token.text)) pieces.push([]);
    else pieces.at(-1)!.push(token);
  }

  return pieces;
}

/** A function named as a value (`"unlink"` in PHP, `os.remove` in Python or `fs.unlinkSync` in node), as a qualifier and a name. */
function functionNamed(tokens: Token[] | undefined, language: Language): {qualifier?: string; name: string} | undefined {
  if (!tokens || tokens.length === 0) return undefined;
  if (language === 'php') {
    // PHP's function names ignore case, and may be written from the global namespace (`\\unlink`).
    const text = literalOf(tokens)?.replace(/^\\+/, '');
    return text !== undefined && /^[A-Za-z_]\w*$/.test(text) ? {name: text.toLowerCase()} : undefined;
  }

  const chain = chainOf(tokens);
  if (chain.length !== tokens.length || chain.length === 0) return undefined;
  const parts = chain.text.split('.');
  return parts.length === 1 ? {name: parts[0]!} : {qualifier: parts.at(-2)!, name: parts.at(-1)!};
}

/**
 * The calls a function passed as a value makes, one per element of what it is mapped over:
 * `array_map("unlink", glob("/var/www/*"))`, `call_user_func("system", $cmd)`, `map(os.remove,
 * glob.glob("/etc/*"))`, `glob.sync("x/*").forEach(fs.unlinkSync)`. Each is the call of that
 * function on the list as one argument (a glob is every path it matches).
 */
export function passedCalls(calls: Call[], language: Language): Call[] {
  const found: Call[] = [];
  for (const call of calls) {
    let fn: Token[] | undefined;
    let over: Token[][] = [];
    const php = language === 'php' && call.qualifier === undefined ? call.name.toLowerCase() : undefined;
    if (php === 'array_map' || php === 'call_user_func') [fn, ...over] = call.args;
    else if (php === 'array_walk' || php === 'array_filter') [over, fn] = [call.args.slice(0, 1), call.args[1]];
    else if (php === 'call_user_func_array') {
      const list = call.args[1];
      fn = call.args[0];
      over = list && isPunct(list[0], '[') ? splitAt(list.slice(1, -1), new Set([','])).filter((arg) => arg.length > 0) : [];
    } else if (language === 'python' && call.qualifier === undefined && (call.name === 'map' || call.name === 'filter')) [fn, ...over] = call.args;
    else if (language === 'node' && /^(?:forEach|map|filter|some|every|flatMap|find)$/.test(call.name) && call.receiver.length > 0) [fn, over] = [call.args[0], [call.receiver]];
    const named = functionNamed(fn, language);
    if (!named || over.length === 0) continue;
    found.push({...named, receiver: [], args: over.slice(0, php === 'call_user_func' ? undefined : 1), named: new Map(), start: call.start, end: call.end});
  }

  return found.length === 0 ? calls : [...calls, ...found];
}

/** `"un" . "link"`, `"rm" + "tree"`: literal strings joined; undefined for anything else. */
function joinedLiteral(tokens: Token[] | undefined): string | undefined {
  if (!tokens || tokens.length === 0 || tokens.length % 2 === 0) return undefined;
  let text = '';
  for (const [k, token] of tokens.entries()) {
    if (k % 2 === 1) {
      if (!isPunct(token, '+') && !isPunct(token, '.')) return undefined;
      continue;
    }

    const piece = token.kind === 'str' ? literalOf([token]) : undefined;
    if (piece === undefined) return undefined;
    text += piece;
  }

  return text;
}

/** The function a value names: `os.remove`, `getattr(shutil, "rm" + "tree")`, PHP's `"un" . "link"`, Ruby's `:system`. */
function functionValue(tokens: Token[], language: Language): {qualifier?: string; name: string} | undefined {
  if (language === 'php') {
    const text = joinedLiteral(tokens)?.replace(/^\\+/, '');
    return text !== undefined && /^[A-Za-z_]\w*$/.test(text) ? {name: text.toLowerCase()} : undefined;
  }

  if (language === 'ruby' && tokens.length === 2 && isPunct(tokens[0], ':') && tokens[1]!.kind === 'name') return {name: (tokens[1] as {text: string}).text};
  if (language === 'ruby' && tokens.length === 1) {
    const text = literalOf(tokens);
    if (text !== undefined && /^[A-Za-z_]\w*[!?]?$/.test(text)) return {name: text};
  }

  if (language === 'python' && tokens[0]?.kind === 'name' && tokens[0].text === 'getattr' && isPunct(tokens[1], '(') && isPunct(tokens.at(-1), ')')) {
    const [object, attribute, ...rest] = splitAt(tokens.slice(2, -1), new Set([',']));
    const chain = object ? chainOf(object) : undefined;
    const name = joinedLiteral(attribute);
    if (rest.length > 0 || !chain || chain.length !== object!.length || name === undefined || !/^\w+$/.test(name)) return undefined;
    return {qualifier: chain.text.split('.').at(-1)!, name};
  }

  return language === 'python' || language === 'node' ? functionNamed(tokens, language) : undefined;
}

/**
 * Calls made through a name bound once to a function (`rm = os.remove; rm(p)`, `f =
 * getattr(shutil, "rmtree"); f(d)`, `const rm = fs.rmSync`, PHP's `$f = "unlink"; $f(p)`), and
 * Ruby's `send(:system, …)`: each is also the call of that function on the same arguments.
 */
export function boundCalls(calls: Call[], tokens: Token[], language: Language): Call[] {
  const bound = new Map<string, {qualifier?: string; name: string} | null>();
  for (let k = 0; k + 2 < tokens.length; k++) {
    let at = k;
    if (!startsStatement(tokens[k - 1])) continue;
    if (tokens[at]?.kind === 'name' && declarators.has((tokens[at] as {text: string}).text)) at++;
    const name = tokens[at];
    if (name?.kind !== 'name' || !isPunct(tokens[at + 1], '=')) continue;
    let end = at + 2;
    while (end < tokens.length && tokens[end]!.kind !== 'nl' && !isPunct(tokens[end], ';') && end - at < longest) end++;
    const fn = functionValue(tokens.slice(at + 2, end), language);
    // A name bound twice may be either.
    bound.set(name.text, bound.has(name.text) ? null : (fn ?? null));
  }

  const found: Call[] = [];
  for (const call of calls) {
    if (language === 'ruby' && /^(?:send|public_send|__send__)$/.test(call.name) && call.args.length > 0) {
      const fn = functionValue(call.args[0]!, language);
      if (fn) found.push({...call, ...(call.qualifier === undefined ? {} : {qualifier: call.qualifier}), name: fn.name, args: call.args.slice(1)});
      continue;
    }

    const fn = call.qualifier === undefined ? bound.get(call.name) : undefined;
    if (fn) found.push({...call, name: fn.name, ...(fn.qualifier === undefined ? {} : {qualifier: fn.qualifier})});
  }

  return found.length === 0 ? calls : [...calls, ...found];
}

/** Names the code binds once to a value guard can read (`d = "dist"`, `for f in glob.glob("*.tmp")`). */
export type Names = Map<string, Token[]>;
const noNames: Names = new Map();
const declarators = new Set(['my', 'our', 'local', 'const', 'let', 'var']);
const startsStatement = (token: Token | undefined) => !token || token.kind === 'nl' || isPunct(token, ';') || isPunct(token, '{') || isPunct(token, '}');

/** The names assigned exactly once at the start of a statement, and loop variables over a glob; a name bound twice is not known. */
export function namesOf(tokens: Token[], language: Language): Names {
  const names: Names = new Map();
  const twice = new Set<string>();
  const bind = (name: string, value: Token[]) => {
    if (names.has(name) || twice.has(name)) {
      names.delete(name);
      twice.add(name);
    } else names.set(name, value);
  };

  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.kind !== 'name') continue;
    if (token.text === 'for' && tokens[k + 2]?.kind === 'name' && (tokens[k + 2] as {text: string}).text === 'in' && tokens[k + 1]?.kind === 'name') {
      let end = k + 3;
      for (let depth = 0; end < tokens.length && end - k < longest; end++) {
        const at = tokens[end]!;
        if (isPunct(at, '(') || isPunct(at, '[') || isPunct(at, '{')) depth++;
        else if (isPunct(at, ')') || isPunct(at, ']') || isPunct(at, '}')) {
          if (depth-- === 0) break;
        } else if (depth === 0 && (isPunct(at, ':') || at.kind === 'nl' || (at.kind === 'name' && at.text === 'if'))) break;
      }

      const over = end - k < longest ? tokens.slice(k + 3, end) : [];
      const [first] = valueOf(over, language);
      bind((tokens[k + 1] as {text: string}).text, first?.kind === 'glob' ? over : []);
      continue;
    }

    // `d += "/.."`, `$d .= "x"`: a name changed after it was bound is not known.
    const next = tokens[k + 1];
    if (next?.kind === 'punct' && /^(?:[-+*/.|&%~^<>]|\.\.|\*\*|>>|\|\||&&)$/.test(next.text) && isPunct(tokens[k + 2], '=')) {
      bind(token.text, []);
      continue;
    }

    const name = declarators.has(token.text) && tokens[k + 1]?.kind === 'name' ? (tokens[++k] as {text: string; kind: 'name'}) : token;
    if (!startsStatement(tokens[(name === token ? k : k - 1) - 1]) || !isPunct(tokens[k + 1], '=')) continue;
    let end = k + 2;
    for (let depth = 0; end < tokens.length && end - k < longest; end++) {
      const at = tokens[end]!;
      if (isPunct(at, '(') || isPunct(at, '[') || isPunct(at, '{')) depth++;
      else if (isPunct(at, ')') || isPunct(at, ']') || isPunct(at, '}')) depth--;
      else if (depth <= 0 && (at.kind === 'nl' || isPunct(at, ';'))) break;
    }

    bind(name.text, end - k < longest ? tokens.slice(k + 2, end) : []);
  }

  for (const [name, value] of names) if (value.length === 0) names.delete(name);
  return names;
}

const concatenation: Record<Language, Set<string>> = {
  python: new Set(['+']),
  perl: new Set(['.']),
  ruby: new Set(['+']),
  node: new Set(['+']),
  php: new Set(['.']),
  lua: new Set(['..']),
  awk: new Set([]),
};

/**
 * What a string expression comes to, as parts; undefined when it is no string guard can read
 * (a number, a list, a call it does not know) and the whole value is unknown.
 */
export function valueOf(tokens: Token[], language: Language, names: Names = noNames, depth = 0): Part[] {
  const why = `the value of ${spell(tokens)} is known only when the code runs`;
  if (tokens.length === 0 || tokens.length > 200) return [unknownPart(why)];
  const pieces = splitAt(tokens, concatenation[language]);
  const parts: Part[] = [];
  for (const piece of pieces) {
    // awk joins strings by writing them side by side; Python and Ruby join string literals so.
    const literals = (language === 'python' || language === 'ruby') && piece.length > 1 && piece.every((token) => token.kind === 'str');
    const operands = language === 'awk' ? juxtaposed(piece) : literals ? piece.map((token) => [token]) : [piece];
    for (const operand of operands) {
      const found = operandOf(operand, language, names, depth);
      if (!found) return [unknownPart(why)];
      parts.push(...found);
    }
  }

  return parts;
}

/** awk's operands written side by side: `"x" ENVIRON["HOME"] $1`. */
function juxtaposed(tokens: Token[]): Token[][] {
  const operands: Token[][] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    const next = tokens[k + 1];
    if ((token.kind === 'name' && (isPunct(next, '[') || isPunct(next, '('))) || isPunct(token, '$')) {
      let end = k + 1;
      if (token.kind === 'name') {
        for (let depth = 0; end < tokens.length; end++) {
          if (isPunct(tokens[end], '[') || isPunct(tokens[end], '(')) depth++;
          if ((isPunct(tokens[end], ']') || isPunct(tokens[end], ')')) && --depth === 0) break;
        }
      }

      operands.push(tokens.slice(k, end + 1));
      k = end;
    } else operands.push([token]);
  }

  return operands;
}

function operandOf(tokens: Token[], language: Language, names: Names, depth: number): Part[] | undefined {
  const [first] = tokens;
  if (!first) return undefined;
  const value = (inner: Token[]) => valueOf(inner, language, names, depth + 1);
  if (tokens.length === 1 && first.kind === 'name' && names.has(first.text) && depth < 8) {
    const bound = valueOf(names.get(first.text)!, language, names, depth + 1);
    return bound.some((part) => part.kind === 'unknown') ? undefined : bound;
  }

  if (tokens.length === 1 && first.kind === 'str' && !first.command) return first.parts;
  if (tokens.length === 1 && first.kind === 'num') return [{kind: 'text', text: first.text}];
  if (tokens.length === 2 && isPunct(first, '-') && tokens[1]!.kind === 'num') return [{kind: 'text', text: `-${(tokens[1] as {text: string}).text}`}];
  if (tokens.length === 1 && first.kind === 'hole') return [unknownPart(first.why)];
  // Perl's and Ruby's calls without parentheses: `glob "*.orig"`.
  if (tokens.length === 2 && first.kind === 'name' && (language === 'perl' || language === 'ruby') && globs.test(first.text) && literalOf([tokens[1]!]) !== undefined && tokens[1]!.kind === 'str') return [{kind: 'glob', text: literalOf([tokens[1]!])!}];
  // pathlib: `Path("logs").glob("*.log")`, `.iterdir()`: the names in that folder a glob matches.
  if (language === 'python' && isPunct(tokens.at(-1), ')')) {
    const listed = folderListing(tokens, (inner) => value(inner));
    if (listed) return listed;
  }

  // pathlib: Path.home() / "x"
  if (language === 'python') {
    const segments = splitAt(tokens, new Set(['/']));
    if (segments.length > 1) return joined(segments.map((segment) => value(segment)));
  }

  // require("os").homedir()
  if (tokens.length === 8 && spell(tokens) === 'require("…").homedir()' && /^(?:node:)?os$/.test(literalOf([tokens[2]!]) ?? '')) return [{kind: 'home'}];
  const chain = chainOf(tokens);
  const rest = tokens.slice(chain.length);
  if (chain.length === 0) return undefined;
  if (rest.length === 0) {
    if (homeValues.test(chain.text)) return [{kind: 'home'}];
    // Ruby calls without parentheses: `d = Dir.mktmpdir`.
    if (scratchFolders.test(chain.text)) return scratchFolder;
    const env = /^(?:process\.env|ENV)\.(\w+)$/.exec(chain.text);
    if (env) return [{kind: 'env', name: env[1]!}];
    return undefined;
  }

  const open = rest[0]!;
  if (open.kind !== 'punct' || !/^[([{]$/.test(open.text) || !/^[)\]}]$/.test(textOf(rest.at(-1)!))) return undefined;
  const inner = rest.slice(1, -1);
  const args = splitAt(inner, new Set([','])).filter((arg) => arg.length > 0);
  if (globs.test(chain.text) && args.length >= 1 && literalOf(args[0]) !== undefined) return [{kind: 'glob', text: literalOf(args[0])!}];
  // sys.argv[1], ARGV[0]: an argument the command line gives the code.
  const index = open.text === '[' && args.length === 1 && args[0]!.length === 1 && args[0]![0]!.kind === 'num' ? argIndex(language, chain.text, Number((args[0]![0] as {text: string}).text)) : undefined;
  if (index !== undefined) return [{kind: 'arg', index}];
  if (open.text === '[' || open.text === '{') {
    const name = args.length === 1 ? (literalOf(args[0]) ?? (args[0]![0]?.kind === 'name' && args[0]!.length === 1 ? (args[0]![0] as {text: string}).text : undefined)) : undefined;
    return envIndexed.test(chain.text) && name ? [{kind: 'env', name}] : undefined;
  }

  if (envCalls.test(chain.text)) {
    const name = literalOf(args[0]);
    const fallback = args.length === 2 ? literalOf(args[1]) : undefined;
    return name ? [fallback === undefined ? {kind: 'env', name} : {kind: 'env', name, fallback}] : undefined;
  }

  if (homeValues.test(chain.text) && args.length === 0) return [{kind: 'home'}];
  if (language === 'node' && prefixedScratch.test(chain.text) && args.length >= 1) {
    const prefix = value(args[0]!);
    // A prefix that climbs out of its folder (`../etc/x`) leaves the folder it names.
    return prefix.some((part) => part.kind === 'unknown' || (part.kind === 'text' && /(?:^|\/)\.\.(?:\/|$)/.test(part.text))) ? undefined : [...prefix, {kind: 'text', text: 'XXXXXX'}];
  }

  if (scratchFolders.test(chain.text) && onlyNaming(args)) return scratchFolder;
  if (temporaryFolder.test(chain.text) && args.length === 0) return [{kind: 'tmpdir'}];
  if (/^require\.homedir$/.test(chain.text)) return [{kind: 'home'}];
  if (passThrough.test(chain.text) && args.length === 1) return value(args[0]!);
  if (joins.test(chain.text) && args.length > 0) return joined(args.map((arg) => value(arg)));
  if (tildes.test(chain.text) && args.length >= 1) return tilde(value(args[0]!));
  return undefined;
}

/** `RECEIVER.glob(PATTERN)` or `RECEIVER.iterdir()` of a folder named in plain text: a glob of that folder. */
function folderListing(tokens: Token[], value: (inner: Token[]) => Part[]): Part[] | undefined {
  let open = tokens.length - 1;
  for (let depth = 0; open >= 0; open--) {
    if (isPunct(tokens[open], ')')) depth++;
    else if (isPunct(tokens[open], '(') && --depth === 0) break;
  }

  const method = tokens[open - 1];
  if (open < 3 || method?.kind !== 'name' || !isPunct(tokens[open - 2], '.') || (method.text !== 'glob' && method.text !== 'iterdir')) return undefined;
  const inner = tokens.slice(open + 1, -1);
  const pattern = method.text === 'iterdir' ? (inner.length === 0 ? '*' : undefined) : literalOf(inner);
  if (pattern === undefined || pattern.includes('**') || pattern.startsWith('/')) return undefined;
  const folder = value(tokens.slice(0, open - 2));
  if (folder.length === 0 || !folder.every((part) => part.kind === 'text')) return undefined;
  const text = folder.map((part) => (part as {text: string}).text).join('');
  return [{kind: 'glob', text: `${text.replace(/\/+$/, '') || (text.startsWith('/') ? '' : '.')}/${pattern}`}];
}

function joined(values: Part[][]): Part[] {
  const parts: Part[] = [];
  for (const [k, value] of values.entries()) {
    const absolute = value[0]?.kind === 'home' || value[0]?.kind === 'tmpdir' || (value[0]?.kind === 'text' && value[0].text.startsWith('/'));
    if (absolute && k > 0) parts.length = 0;
    else if (k > 0) parts.push({kind: 'text', text: '/'});
    parts.push(...value);
  }

  return parts;
}

/** `~` at the start, as expanduser and File.expand_path read it. */
export function tilde(parts: Part[]): Part[] {
  const [first, ...rest] = parts;
  if (first?.kind !== 'text' || !/^~(?:\/|$)/.test(first.text)) return parts;
  return [{kind: 'home'}, ...(first.text.length > 1 ? [{kind: 'text' as const, text: first.text.slice(1)}] : []), ...rest];
}
