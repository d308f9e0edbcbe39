// Assignments and declarations: what `NAME=value`, `export`, `local`, `declare` and `unset`
// do to the shell, and the command a declaration is.
import {runCommand} from './command.js';
import {type WordScope, expandArguments, expandAssignment, textOf} from './expand.js';
import type {Frame} from './frame.js';
import type {Session} from './session-port.js';
import {type ShellState, type Value, known, unknown} from './state.js';
import type {SyntaxNode as Node} from './tree.js';
import type {Word} from './types.js';

/** `NAME=value` (or `NAME+=value`): the name and the value it gets. */
export function assignment(node: Node, scope: WordScope): [string | undefined, Value] {
  const nameNode = node.childForFieldName('name');
  const name = nameNode ? textOf(nameNode, scope.source) : undefined;
  const value = expandAssignment(node.childForFieldName('value'), scope);
  if (!name || nameNode?.type === 'subscript') return [name?.replace(/\[.*$/, ''), unknown(`${name} is an array element, which is not followed`)];
  if (node.children.some((child) => child.type === '+=')) {
    const old = scope.state.lookup(name) ?? known('');
    // `a+=(z)` adds elements; `s+=x` adds to the text.
    if (value.known && value.elements) return [name, old.known ? {known: true, value: old.elements ? old.value : old.value || value.value, elements: [...(old.elements ?? (old.value === '' ? [] : [old.value])), ...value.elements], ...(old.globbed || old.glob || value.globbed ? {globbed: true} : {})} : old];
    return [name, old.known && value.known ? known(old.value + value.value) : old.known ? value : old];
  }

  return [name, value];
}

export function assign(node: Node, state: ShellState, scope: WordScope): void {
  const [name, value] = assignment(node, scope);
  if (name) state.assign(name, value);
}

const declarationWord = (name: string, value: Value | undefined, raw: string): Word =>
  value === undefined ? {value: name, known: true, raw} : value.known ? {value: `${name}=${value.value}`, known: true, raw} : {value: null, known: false, raw, why: value.why};

/**
 * `declare`, `export`, `local`, `readonly`, `typeset`, `unset`: emitted as a command, then applied
 * to the shell. `walk` walks what the declaration holds that is a statement of its own.
 */
export function walkDeclaration(node: Node, scope: WordScope, frame: Frame, session: Session, walk: (child: Node) => void): void {
  const {state} = scope;
  const keyword = node.children[0]?.type ?? 'declare';
  const words: Word[] = [{value: keyword, known: true, raw: keyword}];
  const flags = new Set<string>();
  const declared: [string, Value | undefined][] = [];
  let dynamic: string | undefined;
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'variable_assignment') {
      const [name, value] = assignment(child, scope);
      if (!name) continue;
      declared.push([name, value]);
      words.push(declarationWord(name, value, textOf(child, frame.source)));
    } else if (child.type === 'variable_name' || child.type === 'word' || child.type === 'simple_expansion' || child.type === 'string' || child.type === 'concatenation') {
      for (const word of expandArguments([child], scope)) {
        words.push(word);
        if (word.known && /^[-+]/.test(word.value)) for (const flag of word.value.slice(1)) flags.add(word.value[0] + flag);
        else if (word.known) declared.push([word.value, undefined]);
        else if (keyword !== 'unset') dynamic ??= word.raw;
      }
    } else {
      walk(child);
      // `export $(grep -v '^#' .env | xargs)`: it sets names guard cannot know.
      if (keyword !== 'unset' && /substitution|expansion/.test(child.type)) dynamic ??= textOf(child, frame.source);
    }
  }

  if (dynamic !== undefined) state.taint ??= `may be set by \`${keyword} ${dynamic.length > 60 ? `${dynamic.slice(0, 57)}...` : dynamic}\`, whose names are known only when it runs`;

  runCommand({words, assignments: new Map(), redirects: [], location: session.locate(node, frame), state, frame}, session);
  // `export -f NAME`: a shell the code starts may call the function, where guard does not follow it.
  if (flags.has('-f') && (keyword === 'export' || flags.has('-x'))) session.exportsFunctions = true;
  const isLocal = keyword === 'local' || ((keyword === 'declare' || keyword === 'typeset') && frame.locals !== undefined && !flags.has('-g'));
  for (const [name, value] of declared) {
    if (keyword === 'unset') {
      if (flags.has('-f')) state.define(name, undefined);
      else state.unset(name);
      continue;
    }

    if (isLocal && frame.locals && !frame.locals.has(name)) frame.locals.set(name, state.vars.get(name));
    // declare -a with a list (`declare -a P=(db media)`) is that array; -A (keys) is not followed.
    const followed = flags.has('-A') ? false : !flags.has('-a') || (value?.known === true && value.elements !== undefined);
    // A name reference (`declare -n r=x`) reads another variable, which guard does not follow.
    const nameref = keyword !== 'export' && keyword !== 'unset' && flags.has('-n');
    if (nameref) state.assign(name, unknown(`${name} is a reference to another variable, which is not followed`));
    else if (value !== undefined) state.assign(name, followed ? value : unknown(`${name} is an array, which is not followed`));
    else if (isLocal) {
      state.forget(name);
    }
    if (keyword === 'export' || flags.has('-x')) state.export(name, !flags.has('-n'));
  }
}
