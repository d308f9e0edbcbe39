import type {SyntaxNode as Node} from './tree.js';
import {type Atom, emptyQuoted, escapedText, expandBraces, expandTilde, expanded, fromValue, literal, splitFields, toValue, toWord, unquotedText} from './atoms.js';
import {knownOutput} from './outputs.js';
import {decodeAnsiC} from './printf.js';
import {type ShellState, type Value, known, unknown} from './state.js';
import type {Word} from './types.js';

/** What expanding a word needs: the state it reads and a way to walk the commands it runs. */
export interface WordScope {
  state: ShellState;
  source: string;
  /** Walks the commands of `$(…)`, backticks, `<(…)`; the word's value is then unknown. */
  substitute(node: Node, via: string): void;
}

// Variables the shell sets itself (bash's own, which dash leaves unset): never simply unset.
const volatile = new Set([
  'RANDOM', 'SRANDOM', 'SECONDS', 'LINENO', 'BASHPID', 'EPOCHSECONDS', 'EPOCHREALTIME', 'PPID', 'UID', 'EUID', 'BASH_COMMAND', 'PIPESTATUS',
  'BASH', 'BASH_VERSION', 'BASH_VERSINFO', 'HOSTNAME', 'OSTYPE', 'HOSTTYPE', 'MACHTYPE', 'SHELLOPTS', 'BASHOPTS', 'OPTIND', 'OPTERR', 'PS4', 'GROUPS',
  'SHLVL', 'BASH_SUBSHELL', 'BASH_SOURCE', 'BASH_LINENO', 'FUNCNAME', 'DIRSTACK', 'BASH_ARGC', 'BASH_ARGV', 'BASH_ARGV0', 'BASH_EXECUTION_STRING', 'HISTCMD', 'COMP_WORDBREAKS',
]);
const substitutions = new Set(['command_substitution', 'process_substitution']);

export const textOf = (node: Node, source: string): string => source.slice(node.startIndex, node.endIndex);

export function brief(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** The words of a command's arguments: braces, tilde, splitting, as the shell would. */
export function expandArguments(nodes: Node[], scope: WordScope, afterGroup?: (words: Word[]) => void): Word[] {
  const words: Word[] = [];
  for (const group of wordGroups(nodes, scope.source)) {
    const raw = scope.source.slice(group[0]!.startIndex, group.at(-1)!.endIndex);
    if (group.length === 1) {
      const value = isPlain(group[0]!, raw) ? (group[0]!.type === 'raw_string' ? raw.slice(1, -1) : raw) : quotedValue(group[0]!, scope);
      if (value !== undefined) {
        const word: Word = {value, known: true, raw};
        afterGroup?.([word]);
        words.push(word);
        continue;
      }
    }

    const atoms = group.length === 1 ? wordAtoms(group[0]!, scope, false) : groupAtoms(group, scope);
    const made: Word[] = [];
    for (const braced of expandBraces(atoms)) {
      const tilded = expandTilde(braced, (prefix) => tildeValue(prefix, scope.state));
      for (const field of splitFields(tilded, ifsOf(scope.state))) made.push(rememberAtoms(toWord(field, raw), field));
    }

    afterGroup?.(made);
    for (const word of made) words.push(word);
  }

  return words;
}

/** A word where the shell does not split it: redirect targets, case subjects, here-strings. */
export function expandSingle(node: Node, scope: WordScope): Word {
  const raw = textOf(node, scope.source);
  const value = isPlain(node, raw) ? (node.type === 'raw_string' ? raw.slice(1, -1) : raw) : quotedValue(node, scope);
  if (value !== undefined) return {value, known: true, raw};
  return wordFromAtoms(expandSingleAtoms(node, scope), raw);
}

/**
 * The value of a double-quoted string of text and `$NAME`s whose values are known, read
 * straight to a string: what stringAtoms and toWord would make of it, without an atom per
 * character. Undefined for anything else (substitutions, `${…}`, `"$@"`, unknown values).
 */
function quotedValue(node: Node, scope: WordScope): string | undefined {
  if (node.type !== 'string') return undefined;
  const source = scope.source;
  if (source.charCodeAt(node.startIndex) !== 34) return undefined;
  let value = '';
  let at = node.startIndex + 1;
  for (const child of node.children) {
    if (!child.isNamed || child.type === 'string_content') continue;
    if (child.type !== 'simple_expansion') return undefined;
    const part = simpleValue(child, scope);
    if (part === undefined) return undefined;
    const realStart = Math.max(child.startIndex, realStartOf(child, source));
    if (realStart > at) value += escapedString(source.slice(at, realStart));
    value += part;
    at = Math.max(at, child.endIndex);
  }

  const end = node.endIndex - 1;
  if (end > at) value += escapedString(source.slice(at, end));
  return value;
}

/** `$NAME` inside double quotes as a string, when its value is known (unset is empty). */
function simpleValue(node: Node, scope: WordScope): string | undefined {
  const name = textOf(node, scope.source).trim().slice(1);
  if (name === '') return '$';
  const digits = /^(\d)(.+)$/.exec(name);
  const value = parameter(digits ? digits[1]! : name, scope);
  // Under `set -u` an unset one stops the shell: the slow path says so.
  if (value === undefined && scope.state.nounset && !scope.state.untracked) return undefined;
  if (value === undefined) return digits ? digits[2]! : '';
  // A loop variable over a glob's matches takes the slow path, which keeps it a glob.
  if (Array.isArray(value) || !value.known || value.glob) return undefined;
  return digits ? value.value + digits[2]! : value.value;
}

/** escapedText(text, '$`"\\') as a string. */
function escapedString(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && ('$`"\\'.includes(next) || next === '\n')) {
      i++;
      if (next !== '\n') out += next;
    } else out += ch;
  }

  return out;
}

export function expandSingleAtoms(node: Node, scope: WordScope): Atom[] {
  return expandTilde(wordAtoms(node, scope, false), (prefix) => tildeValue(prefix, scope.state));
}

export function expandAssignment(node: Node | null, scope: WordScope): Value {
  if (!node) return known('');
  if (node.type === 'array') {
    // `a=(x "y z")`: its elements as the shell splits them; one guard cannot know makes it unknown.
    const parts = node.namedChildren.filter((child) => child.type !== 'comment');
    if (parts.some((child) => child.type === 'concatenation' && /^\[/.test(textOf(child, scope.source)))) {
      walkSubstitutions(node, scope);
      return unknown('an array whose elements are set by index, which is not followed');
    }

    const words = expandArguments(parts, scope);
    const missing = words.find((word) => !word.known);
    if (missing && !missing.known) return unknown(`an element of the array is not known: ${missing.why}`);
    const elements = words.map((word) => word.value!);
    const first = words[0];
    return {known: true, value: elements[0] ?? '', elements, ...(first?.known && first.glob ? {glob: true} : {}), ...(words.some((word) => word.known && word.glob) ? {globbed: true} : {})};
  }

  const value = toValue(expandTilde(wordAtoms(node, scope, false), (prefix) => tildeValue(prefix, scope.state), true));
  // A copy of a loop variable over a glob's matches (`x=$d`, `x="${d%/}"`) is one of those matches too.
  return value.known && /[*?[]/.test(value.value) && copiesGlob(node, scope) ? {...value, glob: true} : value;
}

/**
 * Whether `result` is `value` with only its trailing slash cut (`${d%/}`, `${d:0:-1}`): of a loop
 * variable over a glob's matches, folders with their slash, it still stands for every match.
 */
const trimsSlash = (value: string, result: string): boolean => result !== value && result === value.replace(/\/+$/, '');

function copiesGlob(node: Node, scope: WordScope): boolean {
  // With a trailing slash too (`x="$d/"`, `x=$d/`): the same folder.
  const parts = node.type === 'string' || node.type === 'concatenation' ? node.namedChildren.filter((child) => child !== null) : [node];
  const slash = parts.length === 2 && /^\/+$/.test(textOf(parts[1]!, scope.source).trim());
  const inner = parts.length === 1 || slash ? parts[0]! : node;
  if (inner.type !== 'simple_expansion' && inner.type !== 'expansion') return false;
  const name = /^\$\{?([A-Za-z_]\w*|\d)/.exec(textOf(inner, scope.source).trim())?.[1];
  const value = name === undefined ? undefined : parameter(name, scope);
  return value !== undefined && !Array.isArray(value) && value.known && value.glob === true && value.elements === undefined;
}

const atomsOfWords = new WeakMap<Word, Atom[]>();

function rememberAtoms(word: Word, atoms: Atom[]): Word {
  if (!word.known) atomsOfWords.set(word, atoms);
  return word;
}

/** The atoms behind an unknown word, so code built from it keeps its known parts. */
export function atomsOf(word: Word): Atom[] {
  return atomsOfWords.get(word) ?? (word.known ? literal(word.value, true) : [{kind: 'unknown', why: word.why, quoted: true}]);
}

export function wordFromAtoms(atoms: Atom[], raw: string): Word {
  return rememberAtoms(toWord(atoms, raw), atoms);
}

// Most words need no expansion at all; skipping the per-character work keeps long scripts fast.
function isPlain(node: Node, raw: string): boolean {
  if (node.type === 'raw_string') return raw.length > 2 && !raw.slice(1, -1).includes("'");
  return node.type === 'word' && raw !== '' && !/[\\{}~*?[\]$`'"\s]/.test(raw);
}

// tree-sitter splits `x\⏎y` into two nodes and reads `$"…"` as `$` then a string. Nodes with
// nothing between them are one shell word, however the parser cut them (`rm$IFS-rf$IFS/`).
function wordGroups(nodes: Node[], source: string): Node[][] {
  const groups: Node[][] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const next = nodes[i + 1];
    if (node.type === '$' && next?.type === 'string' && next.startIndex === node.endIndex) continue;
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    // Only a gap that starts with a backslash can be line continuations: most words are apart.
    if (last && (last.endIndex === node.startIndex || (source.charCodeAt(last.endIndex) === 92 && /^(\\\n)+$/.test(source.slice(last.endIndex, node.startIndex))))) group!.push(node);
    else groups.push([node]);
  }

  return groups;
}

/**
 * The atoms of nodes that make one word. tree-sitter cuts `-rf$IFS/` after a program name
 * into `-rf`, `$` and a word `IFS/`: a `$` that ends one node and a name that starts the next
 * is the expansion the shell reads.
 */
function groupAtoms(group: Node[], scope: WordScope): Atom[] {
  const atoms: Atom[] = [];
  for (let i = 0; i < group.length; i++) {
    const node = group[i]!;
    const next = group[i + 1];
    const dollar = node.type === 'concatenation' ? node.children.at(-1) : undefined;
    const name = dollar?.type === '$' && next?.type === 'word' && next.startIndex === node.endIndex ? /^([A-Za-z_]\w*)([\s\S]*)$/.exec(textOf(next, scope.source)) : null;
    if (!dollar || !name) {
      atoms.push(...wordAtoms(node, scope, false));
      continue;
    }

    atoms.push(...spanAtoms(node.children.slice(0, -1), node.startIndex, dollar.startIndex, scope, false));
    atoms.push(...setValueAtoms(parameter(name[1]!, scope), name[1]!, scope, false, `$${name[1]}`), ...unquotedText(name[2]!));
    i++;
  }

  return atoms;
}

function ifsOf(state: ShellState): string {
  const ifs = state.lookup('IFS');
  return ifs?.known ? ifs.value : ' \t\n';
}

export function tildeValue(prefix: string, state: ShellState): Value {
  if (prefix === '') return state.lookup('HOME') ?? known(state.home);
  if (prefix === '+') return state.cwd;
  if (prefix === '-') return state.oldCwd ?? unknown('~- names the previous directory, which is not known');
  if (prefix === state.user) return known(state.home);
  return unknown(`the home folder of user ${prefix} is not known`);
}

/** The atoms of one word node, expansions resolved and substitutions walked. */
export function wordAtoms(node: Node, scope: WordScope, quoted: boolean): Atom[] {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'regex':
    case 'extglob_pattern':
    case 'test_operator':
    case 'variable_name':
    case 'file_descriptor':
      return quoted ? escapedText(textOf(node, scope.source), '$`"\\') : unquotedText(textOf(node, scope.source));
    case 'raw_string':
      return [emptyQuoted(), ...literal(textOf(node, scope.source).slice(1, -1), true)];
    case 'ansi_c_string':
      return [emptyQuoted(), ...literal(decodeAnsiC(textOf(node, scope.source).slice(2, -1)), true)];
    case 'translated_string':
    case 'string':
      return stringAtoms(node, scope);
    case 'concatenation':
      return spanAtoms(node.children.filter((child) => !(child.type === '$' && child.nextSibling?.type === 'string')), node.startIndex, node.endIndex, scope, quoted);
    case 'simple_expansion':
      return simpleExpansion(node, scope, quoted);
    case 'expansion':
      return parameterExpansion(node, scope, quoted);
    case 'command_substitution': {
      scope.substitute(node, textOf(node, scope.source).trimStart().startsWith('`') ? '`...`' : '$(...)');
      // `$(mktemp -d)` is a fresh scratch path, `$(ssh-agent -s)` the agent's settings.
      const output = knownOutput(node, scope.source, scope.state);
      if (output !== undefined) return expanded(output, quoted);
      return [{kind: 'unknown', why: `command substitution ${brief(textOf(node, scope.source))}`, quoted}];
    }
    case 'process_substitution':
      scope.substitute(node, textOf(node, scope.source).startsWith('>') ? '>(...)' : '<(...)');
      return [{kind: 'unknown', why: `process substitution ${brief(textOf(node, scope.source))}`, quoted}];
    case 'arithmetic_expansion': {
      // Numbers and operators alone (`$((3*3))`) are worked out as the shell would.
      const value = arithmetic(textOf(node, scope.source).trim().replace(/^\$\(\(/, '').replace(/\)\)$/, ''));
      if (value !== undefined) return expanded(value, quoted);
      walkSubstitutions(node, scope);
      return [{kind: 'unknown', why: `arithmetic expansion ${brief(textOf(node, scope.source))}`, quoted}];
    }
    case 'brace_expression':
      return literal(textOf(node, scope.source), false);
    default:
      if (hasSubstitution(node)) {
        walkSubstitutions(node, scope);
        return [{kind: 'unknown', why: `${brief(textOf(node, scope.source))} is not understood`, quoted}];
      }

      return quoted ? literal(textOf(node, scope.source), true) : unquotedText(textOf(node, scope.source));
  }
}

function stringAtoms(node: Node, scope: WordScope): Atom[] {
  const inner = node.children.filter((child) => child.isNamed && child.type !== 'string_content');
  const onlyFields = inner.length === 1 && isAllPositional(inner[0]!, scope.source) && textOf(node, scope.source) === `"${textOf(inner[0]!, scope.source).trim()}"`;
  const start = node.startIndex + (textOf(node, scope.source).startsWith('$') ? 2 : 1);
  const atoms = spanAtoms(inner, start, node.endIndex - 1, scope, true);
  return onlyFields ? atoms : [emptyQuoted(), ...atoms];
}

function isAllPositional(node: Node, source: string): boolean {
  return /^\$\{?@\}?$/.test(textOf(node, source).trim());
}

/** The text from `start` to `end`: the given nodes expanded, the gaps between them literal. */
function spanAtoms(nodes: Node[], start: number, end: number, scope: WordScope, quoted: boolean): Atom[] {
  const atoms: Atom[] = [];
  let at = start;
  for (const node of nodes) {
    // Inside strings tree-sitter lets `$(` and `${` tokens swallow the blanks before them.
    const realStart = quoted ? Math.max(node.startIndex, realStartOf(node, scope.source)) : node.startIndex;
    if (realStart > at) atoms.push(...gapAtoms(scope.source.slice(at, realStart), quoted));
    atoms.push(...wordAtoms(node, scope, quoted));
    at = Math.max(at, node.endIndex);
  }

  if (end > at) atoms.push(...gapAtoms(scope.source.slice(at, end), quoted));
  return atoms;
}

function realStartOf(node: Node, source: string): number {
  const text = textOf(node, source);
  const offset = text.search(/\S/);
  return node.startIndex + Math.max(offset, 0);
}

function gapAtoms(text: string, quoted: boolean): Atom[] {
  return quoted ? escapedText(text, '$`"\\') : unquotedText(text);
}

function positional(scope: WordScope, index: number): Value | undefined {
  const args = scope.state.args;
  if (typeof args === 'string') return unknown(args);
  return args[index];
}

function positionalFields(scope: WordScope): Value[] | Value {
  const args = scope.state.args;
  if (typeof args === 'string') return unknown(args);
  return args.slice(1);
}

/** A parameter's value, or its fields for `$@` and `$*`. */
function parameter(name: string, scope: WordScope): Value | Value[] | undefined {
  if (/^\d+$/.test(name)) return positional(scope, Number(name));
  switch (name) {
    case '@':
    case '*':
      return positionalFields(scope);
    case '#': {
      const fields = positionalFields(scope);
      return Array.isArray(fields) ? known(String(fields.length)) : fields;
    }

    case '$':
    case '!':
    case '?':
    case '-':
    case '_':
      return unknown(`$${name} is only known when the script runs`);
    default:
      if (volatile.has(name) && !scope.state.vars.has(name)) return unknown(`$${name} is only known when the script runs`);
      return scope.state.lookup(name);
  }
}

function fieldAtoms(fields: Value[], quoted: boolean, joinFields: boolean): Atom[] {
  const atoms: Atom[] = [];
  fields.forEach((field, i) => {
    if (i > 0) atoms.push(joinFields ? {kind: 'char', ch: ' ', quoted, expanded: true} : {kind: 'break'});
    if (quoted && !joinFields) atoms.push(emptyQuoted());
    atoms.push(...fromValue(field, quoted));
  });
  return atoms;
}

function valueAtoms(value: Value | Value[] | undefined, name: string, quoted: boolean): Atom[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return fieldAtoms(value, quoted, name === '*' && quoted);
  return fromValue(value, quoted);
}

function simpleExpansion(node: Node, scope: WordScope, quoted: boolean): Atom[] {
  const name = textOf(node, scope.source).trim().slice(1);
  // tree-sitter reads `$1x` as one name; the shell reads `$1` then `x`.
  const digits = /^(\d)(.+)$/.exec(name);
  if (digits) return [...setValueAtoms(parameter(digits[1]!, scope), digits[1]!, scope, quoted, `$${digits[1]}`), ...(quoted ? literal(digits[2]!, true) : unquotedText(digits[2]!))];
  if (name === '') return literal('$', quoted);
  return setValueAtoms(parameter(name, scope), name, scope, quoted, `$${name}`);
}

/**
 * A variable's value where it stands alone (`$NAME`, `${NAME}`): under `set -u`, one that is not
 * set stops the shell before the command runs, as `${NAME:?}` does (`$@` and `$*` with no
 * arguments do not, as bash has it).
 */
function setValueAtoms(value: Value | Value[] | undefined, name: string, scope: WordScope, quoted: boolean, text: string): Atom[] {
  if (value === undefined && scope.state.nounset && !scope.state.untracked && name !== '@' && name !== '*') {
    scope.state.stopped = `${text} stops the shell: ${name} is not set (set -u)`;
    return unknownAtoms(text, quoted, `stops the shell: ${name} is not set (set -u)`);
  }

  return valueAtoms(value, name, quoted);
}

const defaults = new Set([':-', '-', ':=', '=', ':+', '+', ':?', '?']);

function parameterExpansion(node: Node, scope: WordScope, quoted: boolean): Atom[] {
  const parts = node.children.filter((child) => child.type !== '${' && child.type !== '}');
  const text = textOf(node, scope.source).trim();
  let prefixOperator: string | undefined;
  if ((parts[0]?.type === '#' || parts[0]?.type === '!') && parts.length > 1) prefixOperator = parts.shift()!.type;
  const nameNode = parts.shift();
  if (!nameNode) return unknownAtoms(text, quoted, 'is not understood');
  if (nameNode.type === 'subscript') {
    const array = arrayElements(nameNode, scope);
    if (!array || parts.length > 0 || prefixOperator === '!') return unknownAtoms(text, quoted, 'reads an array, which is not followed');
    if (prefixOperator === '#') return expanded(String(array.index === undefined ? array.elements.length : [...(array.elements[array.index] ?? '')].length), quoted);
    const element = (text: string): Value => (array.globbed && /[*?[]/.test(text) ? {known: true, value: text, glob: true} : known(text));
    if (array.index !== undefined) return array.elements[array.index] === undefined ? [] : fromValue(element(array.elements[array.index]!), quoted);
    return fieldAtoms(array.elements.map(element), quoted, array.all === '*' && quoted);
  }

  const name = nameNode.type === '#' ? '#' : textOf(nameNode, scope.source);
  let value = parameter(name, scope);
  if (prefixOperator === '!') {
    if (value === undefined || Array.isArray(value) || !value.known) return unknownAtoms(text, quoted, 'is an indirect reference guard cannot follow');
    value = parameter(value.value, scope);
  }

  if (prefixOperator === '#') {
    if (Array.isArray(value)) return literal(String(value.length), quoted);
    if (value !== undefined && !value.known) return [{kind: 'unknown', why: value.why, quoted}];
    return expanded(String([...(value?.value ?? '')].length), quoted);
  }

  const operator = parts.shift();
  if (!operator) return setValueAtoms(value, name, scope, quoted, text);
  const op = operator.type;
  const operandStart = operator.endIndex;
  const operandEnd = node.endIndex - 1;
  const operand = () => markExpanded(spanAtoms(parts, operandStart, operandEnd, scope, quoted));
  if (defaults.has(op)) return defaulted(value, op, name, operand, scope, quoted, text);
  if (Array.isArray(value)) return unknownAtoms(text, quoted, 'is not evaluated on $@');
  if (value !== undefined && !value.known) return [{kind: 'unknown', why: value.why, quoted}];
  const current = value?.value ?? '';
  if (['#', '##', '%', '%%'].includes(op)) {
    // The pattern is one inside double quotes too: `"${f%/*}"` is f's folder. Only quotes within the braces make it literal.
    const pattern = patternOf(markExpanded(spanAtoms(parts, operandStart, operandEnd, scope, false)));
    if (!pattern) return unknownAtoms(text, quoted, 'removes a pattern that is not known');
    const removed = removePattern(current, pattern, op);
    // With a plain tail cut after the glob (`${d%/*}` of `/var/lib/*/data`): each match's folder.
    const plainTail = op === '%' && /[*?[]/.test(removed) && !/[*?[]/.test(current.slice(removed.length));
    return value?.glob && removed !== current && (trimsSlash(current, removed) || plainTail) ? fromValue({known: true, value: removed, glob: true}, quoted) : expanded(removed, quoted);
  }

  if (op === '^^' || op === ',,' || op === '^' || op === ',') {
    const change = (s: string) => (op.startsWith('^') ? s.toUpperCase() : s.toLowerCase());
    return expanded(op.length === 2 ? change(current) : change(current.slice(0, 1)) + current.slice(1), quoted);
  }

  // ${VAR:OFFSET:LENGTH} with numbers written out (`${HOME:0:1}` is `/`).
  if (op === ':') {
    const part = substring(current, scope.source.slice(operandStart, operandEnd));
    if (value?.glob && part !== undefined && trimsSlash(current, part)) return fromValue({known: true, value: part, glob: true}, quoted);
    return part === undefined ? unknownAtoms(text, quoted, 'takes a part guard does not evaluate') : expanded(part, quoted);
  }

  // ${VAR/PATTERN/TEXT} and its //, /#, /% forms, with a pattern and a text of plain characters.
  if (op === '/' || op === '//' || op === '/#' || op === '/%') {
    const replaced = replaceText(current, op, scope.source.slice(operandStart, operandEnd));
    return replaced === undefined ? unknownAtoms(text, quoted, 'replaces a pattern guard does not evaluate') : expanded(replaced, quoted);
  }

  return unknownAtoms(text, quoted, 'is not evaluated by guard');
}

function defaulted(value: Value | Value[] | undefined, op: string, name: string, operand: () => Atom[], scope: WordScope, quoted: boolean, text: string): Atom[] {
  if (value !== undefined && !Array.isArray(value) && !value.known) return [{kind: 'unknown', why: value.why, quoted}];
  const empty = Array.isArray(value) ? value.length === 0 : value === undefined || (op.startsWith(':') && value.value === '');
  const isSet = Array.isArray(value) ? value.length > 0 : value !== undefined;
  const useOperand = op.endsWith('+') ? (op.startsWith(':') ? !empty : isSet) : op.startsWith(':') ? empty : !isSet;
  if (op.endsWith('+')) return useOperand ? operand() : [];
  if (!useOperand) return valueAtoms(value, name, quoted);
  if (op.endsWith('?')) {
    // Where the code may set variables in ways guard does not follow (`((X=1))`), one it has as unset may be set: unknown, not a stop.
    if (scope.state.untracked) return unknownAtoms(text, quoted, `is ${name}, which may be set in a way guard does not follow`);
    // The shell stops here, before the command runs: the command is not run at all.
    scope.state.stopped = `${brief(text)} stops the shell: ${name} is unset or empty`;
    return unknownAtoms(text, quoted, `stops the shell: ${name} is unset or empty`);
  }
  const atoms = operand();
  if (op.endsWith('=') && /^[A-Za-z_]\w*$/.test(name)) scope.state.assign(name, toValue(atoms));
  return atoms;
}

/** bash's `${VAR:OFFSET}` and `${VAR:OFFSET:LENGTH}` of integers written out; undefined for anything else or an error. */
function substring(value: string, spec: string): string | undefined {
  const match = /^\s*(-?\d{1,9})\s*(?::\s*(-?\d{1,9})\s*)?$/.exec(spec);
  if (!match) return undefined;
  const chars = [...value];
  const offset = Number(match[1]);
  const start = offset < 0 ? Math.max(0, chars.length + offset) : Math.min(offset, chars.length);
  if (offset < 0 && chars.length + offset < 0) return '';
  if (match[2] === undefined) return chars.slice(start).join('');
  const length = Number(match[2]);
  const end = length < 0 ? chars.length + length : start + length;
  // A negative length before the offset is an error: the shell stops there.
  return end < start ? undefined : chars.slice(start, end).join('');
}

/** `${VAR/PATTERN/TEXT}` when PATTERN and TEXT are plain characters (`\/` is a `/`); undefined otherwise. */
function replaceText(value: string, op: string, spec: string): string | undefined {
  let pattern = '';
  let i = 0;
  for (; i < spec.length; i++) {
    const ch = spec[i]!;
    if (ch === '\\' && i + 1 < spec.length) pattern += spec[++i];
    else if (ch === '/') break;
    else if (/[*?[\]$`'"]/.test(ch)) return undefined;
    else pattern += ch;
  }

  const text = i < spec.length ? spec.slice(i + 1) : '';
  if (pattern === '' || /[$`'"\\]/.test(text)) return undefined;
  if (op === '//') return value.split(pattern).join(text);
  if (op === '/#') return value.startsWith(pattern) ? text + value.slice(pattern.length) : value;
  if (op === '/%') return value.endsWith(pattern) ? value.slice(0, value.length - pattern.length) + text : value;
  const at = value.indexOf(pattern);
  return at === -1 ? value : value.slice(0, at) + text + value.slice(at + pattern.length);
}

/** `name[@]`, `name[*]` or `name[N]` of an array the code set with known elements; undefined otherwise. */
function arrayElements(subscript: Node, scope: WordScope): {elements: string[]; index?: number; all?: string; globbed?: boolean} | undefined {
  const name = subscript.childForFieldName('name');
  const index = subscript.childForFieldName('index');
  if (!name || !index) return undefined;
  const value = scope.state.lookup(textOf(name, scope.source));
  const spelled = textOf(index, scope.source);
  if (value === undefined) return /^[@*]$|^\d+$/.test(spelled) ? {elements: [], ...(/^\d+$/.test(spelled) ? {index: Number(spelled)} : {all: spelled})} : undefined;
  if (!value.known) return undefined;
  const elements = value.elements ?? [value.value];
  const globbed = value.globbed === true || (value.glob === true && value.elements === undefined);
  if (spelled === '@' || spelled === '*') return {elements, all: spelled, globbed};
  return /^\d{1,6}$/.test(spelled) ? {elements, index: Number(spelled), globbed} : undefined;
}

function markExpanded(atoms: Atom[]): Atom[] {
  return atoms.map((atom) => (atom.kind === 'char' ? {...atom, expanded: true} : atom));
}

function unknownAtoms(text: string, quoted: boolean, why: string): Atom[] {
  return [{kind: 'unknown', why: `${brief(text)} ${why}`, quoted}];
}

/** A case pattern as a test of the subject, when it is plain text, `*` and `?` (no substitution, no `[…]`). */
export function casePattern(node: Node, scope: WordScope): RegExp | undefined {
  if (hasSubstitution(node)) return undefined;
  return patternOf(wordAtoms(node, scope, false));
}

function patternOf(atoms: Atom[]): RegExp | undefined {
  let source = '';
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i]!;
    if (atom.kind !== 'char') return undefined;
    if (atom.quoted) source += escapeRegExp(atom.ch);
    else if (atom.ch === '*') source += '[\\s\\S]*';
    else if (atom.ch === '?') source += '[\\s\\S]';
    else if (atom.ch === '[') return undefined;
    else source += escapeRegExp(atom.ch);
  }

  return new RegExp(`^${source}$`);
}

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

function removePattern(value: string, pattern: RegExp, op: string): string {
  const lengths = [...Array(value.length + 1).keys()];
  if (op === '##' || op === '%%') lengths.reverse();
  for (const n of lengths) {
    if (op.startsWith('#') && pattern.test(value.slice(0, n))) return value.slice(n);
    if (op.startsWith('%') && pattern.test(value.slice(value.length - n))) return value.slice(0, value.length - n);
  }

  return value;
}

function hasSubstitution(node: Node): boolean {
  return node.hasDescendantOfType(substitutions);
}

/** Walks every substitution under a node whose own value guard does not evaluate. */
export function walkSubstitutions(node: Node, scope: WordScope): void {
  for (const child of node.descendantsOfType(substitutions)) {
    if (hasSubstitutionAncestorBelow(child, node)) continue;
    scope.substitute(child, child.type === 'process_substitution' ? '<(...)' : '$(...)');
  }
}

function hasSubstitutionAncestorBelow(node: Node, top: Node): boolean {
  for (let parent = node.parent; parent && parent !== top; parent = parent.parent) {
    if (substitutions.has(parent.type)) return true;
  }

  return false;
}

/** The value of an arithmetic expression of integers, + - * / % and parentheses, as bash works it out; undefined for anything else. */
export function arithmetic(expression: string): string | undefined {
  if (!/^[\d\s+\-*/%()]+$/.test(expression) || expression.length > 200) return undefined;
  const tokens = expression.match(/\d+|[+\-*/%()]/g) ?? [];
  let at = 0;
  const fail = (): never => {
    throw new RangeError('not a constant expression');
  };
  const primary = (): bigint => {
    const token = tokens[at++];
    if (token === '(') {
      const value = sum();
      if (tokens[at++] !== ')') fail();
      return value;
    }

    if (token === '-') return -primary();
    if (token === '+') return primary();
    if (token === undefined || !/^\d+$/.test(token)) fail();
    // A leading 0 is octal to bash: not worked out here.
    if (token!.length > 1 && token!.startsWith('0')) fail();
    return BigInt(token!);
  };
  const product = (): bigint => {
    let value = primary();
    while (tokens[at] === '*' || tokens[at] === '/' || tokens[at] === '%') {
      const op = tokens[at++];
      const right = primary();
      if (op !== '*' && right === 0n) fail();
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }

    return value;
  };
  const sum = (): bigint => {
    let value = product();
    while (tokens[at] === '+' || tokens[at] === '-') value = tokens[at++] === '+' ? value + product() : value - product();
    return value;
  };
  try {
    const value = sum();
    if (at !== tokens.length) return undefined;
    // bash's arithmetic is 64-bit; past it the value wraps, which is not worked out here.
    return value >= -(2n ** 63n) && value < 2n ** 63n ? value.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What guard knows of a word's text: its value, or what it can read of it with `…` for each
 * part it cannot know (`"DROP TABLE $T"` with `T` from a substitution reads `DROP TABLE …`).
 */
export function knownText(word: Word): string {
  if (word.known) return word.value;
  return atomsOf(word)
    .map((atom) => (atom.kind === 'char' ? atom.ch : atom.kind === 'break' ? ' ' : '…'))
    .join('');
}
