import {type SyntaxNode as Node, treeOf} from './tree.js';
import {plainCode} from './code.js';
import {runCommand} from './command.js';
import {type WordScope, casePattern, expandArguments, expandSingle, textOf, walkSubstitutions} from './expand.js';
import {assign, assignment, walkDeclaration} from './declarations.js';
import {execRedirects} from './descriptors.js';
import {type Evaluated, evaluateRedirect} from './redirects.js';
import {ShellState, type Value, known, madeOnEvery, mergeStates, mergeValues, unknown} from './state.js';
import type {Redirect, Word} from './types.js';
import type {Frame, Stdin, Tap} from './frame.js';
import type {RawCommand} from './launched.js';
import type {Session} from './session-port.js';

type Element = (state: ShellState, frame: Frame) => void;

const maxTwoPassLoops = 4;
/** The most values a loop's written-out list may have to be walked once for each. */
const maxListedValues = 16;

/** Walks a parsed script: every simple command it would run, in order, with the state it sees. */
export function walkProgram(root: Node, state: ShellState, frame: Frame, session: Session): void {
  walkSequence(root.children, state, frame, session);
}

/** Statements in order; a condition keeps its last status for `then`/`do` to read. */
function walkSequence(nodes: Node[], state: ShellState, frame: Frame, session: Session, isCondition = false): void {
  const statements = nodes.filter((node) => node.isNamed && node.type !== 'comment');
  for (let i = 0; i < statements.length; i++) {
    const node = statements[i]!;
    if (node.nextSibling?.type === '&') walkStatement(node, state.fork(), frame, session);
    else walkStatement(node, state, frame, session);
    // After `exit`, `exec CMD`, a `return` or a `${VAR:?}` that stops the shell, nothing more of
    // this code runs. Where the stop is only one path (`[ -n "$X" ] || exit 1`), the paths merged
    // are the ones that go on, so the state is not marked.
    if (state.exited) return;
    if (!isCondition || i < statements.length - 1) state.settle();
  }
}

export function walkStatement(node: Node, state: ShellState, frame: Frame, session: Session): void {
  switch (node.type) {
    case 'command':
      walkCommand(node, state, frame, session, {redirects: [], args: []});
      return;
    case 'redirected_statement':
      walkRedirected(node, state, frame, session);
      return;
    case 'list':
      walkList(node, state, frame, session);
      return;
    case 'pipeline':
      walkPipeline(elementsOf(node, session), state, frame);
      return;
    case 'subshell':
      walkSequence(node.children, state.fork(), frame, session);
      return;
    case 'negated_command':
      walkSequence(node.children, state, frame, session);
      // `! kubectl create ns x` succeeds when the create failed.
      state.madeIfSucceeded = undefined;
      return;
    case 'program':
    case 'compound_statement':
    case 'do_group':
      walkSequence(node.children, state, frame, session);
      return;
    case 'if_statement':
      walkIf(node, state, frame, session);
      return;
    case 'while_statement':
      walkWhile(node, state, frame, session);
      return;
    case 'for_statement':
    case 'c_style_for_statement':
      walkFor(node, state, frame, session);
      return;
    case 'case_statement':
      walkCase(node, state, frame, session);
      return;
    case 'function_definition':
      defineFunction(node, state, frame, session);
      return;
    case 'declaration_command':
    case 'unset_command':
      walkDeclaration(node, scopeOf(state, frame, session), frame, session, (child) => walkStatement(child, state, frame, session));
      return;
    case 'variable_assignment':
    case 'variable_assignments':
      // `dir=${1:?usage}` with $1 unset (or an unset one under set -u): the shell stops there.
      state.stopped = undefined;
      for (const child of node.type === 'variable_assignment' ? [node] : node.namedChildren) if (child) assign(child, state, scopeOf(state, frame, session));
      if (state.stopped !== undefined) {
        state.stopped = undefined;
        state.exited = 'exit';
      }

      return;
    case 'command_substitution':
    case 'process_substitution':
      scopeOf(state, frame, session).substitute(node, node.type === 'process_substitution' ? '<(...)' : '$(...)');
      return;
    case 'comment':
    case 'heredoc_body':
    case 'heredoc_start':
    case 'heredoc_end':
      return;
    default:
      for (const child of node.namedChildren) if (child) walkStatement(child, state, frame, session);
  }
}

export function scopeOf(state: ShellState, frame: Frame, session: Session): WordScope {
  return {
    state,
    source: frame.source,
    substitute(node, via) {
      const code = backtickCode(textOf(node, frame.source));
      if (code !== undefined) {
        session.runCode(plainCode(code), state.fork(), frame, via, session.locate(node, frame));
        return;
      }

      const inner: Frame = {...frame, via: [...frame.via, via], redirects: [], pipeIn: undefined, pipeOut: undefined};
      walkSequence(node.children, state.fork(), inner, session);
    },
  };
}

/**
 * The code of a backtick substitution that escapes `$`, a backtick or a backslash. The shell
 * drops those backslashes before it parses the code (`` `echo "\$(rm -rf /)"` `` runs rm);
 * tree-sitter parses the text as written, so such code is parsed again as the shell reads it.
 */
function backtickCode(text: string): string | undefined {
  const body = /^\s*`([\s\S]*)`\s*$/.exec(text)?.[1];
  if (body === undefined || !/\\[$`\\]/.test(body)) return undefined;
  return body.replace(/\\([$`\\])/g, '$1');
}

interface Extra {
  redirects: Redirect[];
  stdin?: Stdin;
  args: Node[];
}

function walkCommand(node: Node, state: ShellState, frame: Frame, session: Session, extra: Extra): void {
  const scope = scopeOf(state, frame, session);
  const assignments = new Map<string, Value>();
  const argNodes: Node[] = [];
  const redirectNodes: Node[] = [];
  let prefixState: ShellState | undefined;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i)!;
    const field = node.fieldNameForChild(i);
    if (field === 'name') argNodes.push(child.namedChildren[0] ?? child);
    else if (field === 'argument') argNodes.push(child);
    else if (field === 'redirect') redirectNodes.push(child);
    else if (child.type === 'variable_assignment' && argNodes.length === 0) {
      prefixState ??= state.fork();
      const [name, value] = assignment(child, scopeOf(prefixState, frame, session));
      if (name) {
        assignments.set(name, value);
        prefixState.assign(name, value);
      }
    } else if (child.isNamed) walkStatement(child, state, frame, session);
  }

  state.stopped = undefined;
  const mark = {at: session.commands.length};
  let words = expandArguments(extra.args.length > 0 ? [...argNodes, ...extra.args] : argNodes, scope, (made) => {
    if (session.commands.length === mark.at) return;
    const direct = session.commands.slice(mark.at).filter((command) => command.via.length === frame.via.length + 1);
    if (direct.length > 0) for (const word of made) session.producers.set(word, direct);
    mark.at = session.commands.length;
  });
  const own = redirectNodes.map((redirect) => evaluateRedirect(redirect, scope, frame, session));
  const redirects = redirectsOf(own, extra.redirects);
  const stdin = stdinOf(own) ?? extra.stdin;
  if (state.stopped !== undefined) {
    // `rm -rf "${DIR:?}/x"` with DIR unset: the shell reports and stops before rm starts, and runs
    // nothing more. (In a login shell DIR may come from a profile: there it is unknown, not unset.)
    // A function whose call stops so (`cleanup "${ROOT:?}"`) is not one nobody calls: it never runs.
    const head = words[0];
    const fn = head?.known ? state.functions.get(head.value) : undefined;
    if (fn) fn.called = true;
    state.stopped = undefined;
    state.exited = 'exit';
    return;
  }

  if (words.length === 0) {
    for (const [name, value] of assignments) state.assign(name, value);
    if (redirects.length > 0) emitRedirectOnly(node, redirects, state, frame, session);
    return;
  }

  // `exec {fd}< x.sh`: bash opens a descriptor of its choosing and puts its number in fd. No
  // program runs; what reads `<&$fd` later reads what guard does not follow.
  const named = words.length === 2 && words[0]!.known && words[0]!.value === 'exec' && words[1]!.known && redirects.length > 0 ? /^\{([A-Za-z_]\w*)\}$/.exec(words[1]!.value) : null;
  if (named) {
    state.assign(named[1]!, unknown(`the descriptor bash opens for exec {${named[1]}}`));
    words = [words[0]!];
  }

  const raw: RawCommand = {words, assignments, redirects, location: session.locate(node, frame), state, frame};
  // What `exec < FILE` left as the shell's input, for a command given none of its own.
  const held = stdin || frame.pipeIn || frame.input ? undefined : (state.inputs?.get(0) ?? undefined);
  const input = stdin ?? held;
  if (input) raw.stdin = input;
  // A file `exec` left as the input is what the command reads, as from its own `<` (`exec < q.sql; psql`).
  if (held?.kind === 'file') raw.redirects = [...redirects, {op: '<', target: held.target}];
  if (words.length === 1 && words[0]!.known && words[0]!.value === 'exec' && redirects.length > 0) execRedirects(redirects, stdin, state);
  runCommand(raw, session);
}

function emitRedirectOnly(node: Node, redirects: Redirect[], state: ShellState, frame: Frame, session: Session): void {
  runCommand({words: [], assignments: new Map(), redirects, location: session.locate(node, frame), state, frame}, session);
}

function walkRedirected(node: Node, state: ShellState, frame: Frame, session: Session): void {
  const heredoc = node.children.find((child) => child.type === 'heredoc_redirect');
  const pipe = heredoc?.children.find((child) => child.type === 'pipeline');
  const right = heredoc?.childForFieldName('right');
  if (pipe) {
    walkPipeline([(st, fr) => walkRedirectedCore(node, st, fr, session), ...elementsOf(pipe, session)], state, frame);
  } else if (right) {
    const op = heredoc!.childForFieldName('operator')?.type ?? '&&';
    walkConditional(op, (st) => walkRedirectedCore(node, st, frame, session), (st) => walkStatement(right, st, frame, session), state);
  } else {
    walkRedirectedCore(node, state, frame, session);
  }
}

function walkRedirectedCore(node: Node, state: ShellState, frame: Frame, session: Session): void {
  const body = node.childForFieldName('body');
  const scope = scopeOf(state, frame, session);
  // tree-sitter-bash leaves a here-string after a compound statement (`done <<< "$ids"`) without the field.
  const redirectNodes = node.children.filter((child, i) => node.fieldNameForChild(i) === 'redirect' || child.type === 'herestring_redirect');
  if (body?.type === 'command') {
    // Redirects are expanded after the words, as bash does; evaluate them in walkCommand's order.
    const extra: Extra = {redirects: [], args: []};
    const evaluated = redirectNodes.map((redirect) => evaluateRedirect(redirect, scope, frame, session));
    extra.redirects = redirectsOf(evaluated);
    extra.args = argsOf(evaluated);
    const dashes = droppedDashes(node, frame.source);
    if (dashes.length > 0) extra.args = [...dashes, ...extra.args].sort((a, b) => a.startIndex - b.startIndex);
    const stdin = stdinOf(evaluated);
    if (stdin) extra.stdin = stdin;
    walkCommand(body, state, frame, session, extra);
    return;
  }

  const evaluated = redirectNodes.map((redirect) => evaluateRedirect(redirect, scope, frame, session));
  const redirects = redirectsOf(evaluated);
  const stdin = stdinOf(evaluated);
  const [left, right] = [body?.namedChildren[0], body?.namedChildren.at(-1)];
  if (body?.type === 'list' && stdin && left && right?.type === 'command' && left !== right) {
    // `true && sh <<EOF`: tree-sitter hangs the heredoc on the list, the shell on its last
    // command, which reads it (here, as code to run).
    const op = body.children.find((child) => child.type === '&&' || child.type === '||')?.type ?? '&&';
    const inner = {...frame, redirects: [...redirects, ...frame.redirects]};
    const extra: Extra = {redirects, args: argsOf(evaluated), stdin};
    walkConditional(op, (st) => walkStatement(left, st, inner, session), (st) => walkCommand(right, st, frame, session, extra), state);
    return;
  }

  if (!body) {
    emitRedirectOnly(node, redirects, state, frame, session);
    return;
  }

  // A group, loop or subshell fed a heredoc or here-string: the commands inside read it (`{ bash; } <<EOF`).
  const inner: Frame = {...frame, redirects: [...redirects, ...frame.redirects]};
  if (stdin) inner.input = {redirects: [...redirects, ...frame.redirects], stdin};
  walkStatement(body, state, inner, session);
}

/**
 * tree-sitter-bash drops a lone `-` word just before a heredoc (`kubectl delete -f - <<EOF`
 * reads as `kubectl delete -f`): the word the shell passes, made again from the text between.
 */
function droppedDashes(node: Node, source: string): Node[] {
  const dashes: Node[] = [];
  const children = node.children;
  for (let i = 1; i < children.length; i++) {
    if (children[i]!.type !== 'heredoc_redirect') continue;
    const from = children[i - 1]!.endIndex;
    const start = children[i]!.startIndex;
    const gap = /^(\s+)-\s+$/.exec(source.slice(from, start));
    // `cat -<<EOF`: the dash is taken into the redirect's own text.
    const at = gap ? from + gap[1]!.length : source.startsWith('-<<', start) ? start : undefined;
    if (at !== undefined) dashes.push(treeOf({type: 'word', isNamed: true, startIndex: at, endIndex: at + 1, field: 'argument', children: []}, source));
  }

  return dashes;
}

// Loops, not flatMap and map/filter chains: every command with a redirect comes through here,
// and those builtins cost more per call than the few redirects they gather.
function redirectsOf(evaluated: Evaluated[], after: Redirect[] = []): Redirect[] {
  const redirects: Redirect[] = [];
  for (const one of evaluated) for (const redirect of one.redirects) redirects.push(redirect);
  for (const redirect of after) redirects.push(redirect);
  return redirects;
}

function argsOf(evaluated: Evaluated[]): Node[] {
  const args: Node[] = [];
  for (const one of evaluated) for (const arg of one.args) args.push(arg);
  return args;
}

/** The input of the last redirection that gives one. */
function stdinOf(evaluated: Evaluated[]): Stdin | undefined {
  for (let i = evaluated.length - 1; i >= 0; i--) if (evaluated[i]!.stdin) return evaluated[i]!.stdin;
  return undefined;
}

function elementsOf(pipeline: Node, session: Session): Element[] {
  return pipeline.namedChildren.filter((child) => child && child.type !== 'comment').map((child) => (state: ShellState, frame: Frame) => walkStatement(child!, state, frame, session));
}

/** Each element runs in its own subshell; what it prints flows into the next. */
function walkPipeline(elements: Element[], state: ShellState, frame: Frame): void {
  const upstream: Tap = {commands: [], outputs: new Map()};
  elements.forEach((run, i) => {
    const last = i === elements.length - 1;
    const tap: Tap = {commands: [], outputs: new Map()};
    const pipeIn = i === 0 ? frame.pipeIn : {commands: [...upstream.commands], outputs: upstream.outputs};
    // pipeIn stays, undefined, rather than deleted: a deleted property turns the frame every
    // command of the element reads into a slow dictionary object.
    const element: Frame = {...frame, pipeIn, pipeOut: last ? frame.pipeOut : tap};
    run(state.fork(), element);
    upstream.commands.push(...tap.commands);
    for (const [command, output] of tap.outputs) upstream.outputs.set(command, output);
  });
}

/**
 * `A && B`, `A || B`. Variables set on one path only become unknown; the cwd keeps apart the
 * list's success (what a following `&&` sees) from its failure (what `;` may see).
 */
function walkConditional(op: string, left: (state: ShellState) => void, right: (state: ShellState) => void, state: ShellState): void {
  left(state);
  const ok = state.succeeded();
  const failed = state.failed();
  const why = `depending on whether \`${op}\` ran its right side`;
  const failureOf = (path: ShellState) => path.cwdIfFailed ?? path.cwd;
  if (op === '||') {
    right(failed);
    const merged = mergeStates([ok, failed], why);
    if (!ok.exited && !failed.exited) {
      merged.cwd = mergeValues([ok.cwd, failed.cwd], why);
      merged.oldCwd = ok.oldCwd && failed.oldCwd ? mergeValues([ok.oldCwd, failed.oldCwd], why) : undefined;
      merged.cwdIfFailed = failureOf(failed);
      merged.cwdIfFailedSurvives = failed.cwdIfFailedSurvives;
      madeIfListSucceeded(merged, [ok, failed]);
    }

    state.adopt(merged);
    return;
  }

  right(ok);
  const merged = mergeStates([failed, ok], why);
  if (!ok.exited && !failed.exited) {
    // What runs after `a && b` runs where b left it, and `cd -` and $OLDPWD go back from there.
    merged.cwd = ok.cwd;
    merged.oldCwd = ok.oldCwd;
    merged.cwdIfFailed = mergeValues([failed.cwd, failureOf(ok)], 'the cd before `&&` may have failed');
    merged.cwdIfFailedSurvives = ok.cwdIfFailedSurvives === undefined ? failed.cwd : mergeValues([failed.cwd, ok.cwdIfFailedSurvives], why);
    madeIfListSucceeded(merged, [ok]);
  }

  state.adopt(merged);
}

/** What a list made if it succeeded: what the paths it may have succeeded by made (the right side's last command, or the left's). */
function madeIfListSucceeded(merged: ShellState, succeededBy: ShellState[]): void {
  const made = madeOnEvery(succeededBy, true);
  const names = made ? [...made].filter((name) => !merged.made?.has(name)) : [];
  merged.madeIfSucceeded = names.length > 0 ? names : undefined;
}

function walkList(node: Node, state: ShellState, frame: Frame, session: Session): void {
  const [left, right] = [node.namedChildren[0], node.namedChildren.at(-1)];
  const op = node.children.find((child) => child.type === '&&' || child.type === '||')?.type ?? '&&';
  if (!left || !right || left === right) {
    for (const child of node.namedChildren) if (child) walkStatement(child, state, frame, session);
    return;
  }

  // `[ -n "$DIR" ] && rm -rf "$DIR"/*` with DIR empty: a test guard can decide, as an if's, decides whether the right side runs.
  const known = left.type === 'test_command' && decides(frame) ? decidedTest([left], scopeOf(state, frame, session)) : undefined;
  if ((op === '&&' && known === false) || (op === '||' && known === true)) {
    walkStatement(left, state, frame, session);
    notTaken([right], frame, session);
    state.adopt(op === '&&' ? state.failed() : state.succeeded());
    return;
  }

  walkConditional(op, (st) => walkStatement(left, st, frame, session), (st) => walkStatement(right, st, frame, session), state);
}

/** Splits an if/elif clause into its condition and its body at the `then` keyword. */
function clauseParts(node: Node): {condition: Node[]; body: Node[]; clauses: Node[]} {
  const condition: Node[] = [];
  const body: Node[] = [];
  const clauses: Node[] = [];
  let inBody = false;
  for (const child of node.children) {
    if (child.type === 'then' || child.type === 'else') inBody = true;
    else if (child.type === 'elif_clause' || child.type === 'else_clause') clauses.push(child);
    else (inBody ? body : condition).push(child);
  }

  return {condition, body, clauses};
}

function walkIf(node: Node, state: ShellState, frame: Frame, session: Session): void {
  const {condition, body, clauses} = clauseParts(node);
  const paths: ShellState[] = [];
  // The path where no branch has run yet; undefined once a branch surely ran.
  let otherwise: ShellState | undefined = state;
  // Each branch in turn: one whose test guard can decide (`[ -n "$JAVA_HOME" ]` with JAVA_HOME
  // unset) runs, or does not, as in the shell; the branches after a taken one never run.
  const branches = [{condition, body, last: false}, ...clauses.map((clause) => ({...clauseParts(clause), last: clause.type === 'else_clause'}))];
  for (let i = 0; i < branches.length && otherwise; i++) {
    const branch = branches[i]!;
    if (branch.last) {
      // else: the path where no branch ran runs it.
      walkSequence(branch.body, otherwise, frame, session);
      break;
    }

    walkSequence(branch.condition, otherwise, frame, session, true);
    const known = decides(frame) ? decidedTest(branch.condition, scopeOf(otherwise, frame, session)) : undefined;
    if (known !== false) {
      const taken = otherwise.succeeded();
      walkSequence(branch.body, taken, frame, session);
      paths.push(taken);
    } else notTaken(branch.body, frame, session);

    if (known === true) {
      for (const rest of branches.slice(i + 1)) notTaken([...rest.condition, ...rest.body], frame, session);
      otherwise = undefined;
    } else otherwise = otherwise.failed();
  }

  // Without an else, `otherwise` is the path where no branch ran.
  if (otherwise) paths.push(otherwise);
  state.adopt(paths.length === 1 ? paths[0]! : mergeStates(paths, `depending on which branch of the if at line ${node.startPosition.row + 1} ran`));
}

/** The functions code not taken would call: they need not be walked for it. */
function notTaken(nodes: Node[], frame: Frame, session: Session): void {
  for (const node of nodes) namesCalled(node, frame.source, session.notTaken);
}

// An operand a test may read without side effects or word splitting: text, or `$NAME`, `${NAME}`
// and `${NAME:-WORD}` (a default of plain text; not `:=`, which assigns, or `:?`, which exits) in
// double quotes (an unquoted `$X` in `[` splits: `[ -n $X ]` with X empty is true).
const plainOperand = /^(?:"(?:[^"$`\\]|\$(?:[A-Za-z_]\w*|[0-9])|\$\{(?:[A-Za-z_]\w*|[0-9]+)(?::?-[^}"'$`\\]*)?\})*"|'[^']*'|[\w./:@%+,-]+)$/;
// Where the environment of the code is not the caller's (a container, a host, a user's login, a
// tool that sets variables of its own, a trap that runs later): its tests stay undecided.
const otherEnvironment = /^(?:npm|pnpm|yarn|bun|corepack|make|just|tox|systemd-run|watch|trap|su|runuser|sudo|doas|docker|podman|nerdctl|kubectl|oc|ssh|alias)\b/;

/** Whether this code runs in the shell state the walk follows, so a test of it can be decided. */
function decides(frame: Frame): boolean {
  return !frame.guessing && frame.where === undefined && frame.input === undefined && !frame.via.some((via) => otherEnvironment.test(via));
}

/**
 * Whether an if's test holds, when it is one `[ … ]` (or `test`) on strings guard knows, the same
 * in dash and bash: `-n`, `-z`, `=`, `!=`, a lone word, `!`, `-a` and `-o` of those. Undefined
 * otherwise (`[[ … ]]`, `==`, files, numbers, anything guard cannot know), and in code whose
 * variables guard does not follow in full (attributes, arithmetic, name references).
 */
function decidedTest(condition: Node[], scope: WordScope): boolean | undefined {
  const statements = condition.filter((node) => node.isNamed && node.type !== 'comment');
  if (statements.length !== 1 || statements[0]!.type !== 'test_command' || textOf(statements[0]!, scope.source).startsWith('[[')) return undefined;
  if (tracksAll(scope.source) === false) return undefined;
  const inner = statements[0]!.namedChildren.filter((child) => child && child.type !== 'comment');
  return inner.length === 1 ? testValue(inner[0]!, scope) : undefined;
}

// What changes a variable without an assignment guard follows: attributes that recase or compute
// (`declare -u`, `-i`), arithmetic (`((X=1))`, `let`), `{X}>` descriptors, `coproc`, `wait -p`,
// name references, `read`/`printf -v`.
let lastSource: [string, boolean] | undefined;
/** Whether the code changes variables only in ways guard follows: asked at every if, read once per text. */
export function tracksAll(source: string): boolean {
  if (lastSource?.[0] !== source) lastSource = [source, !untracked.test(source)];
  return lastSource[1];
}

const untracked = /\b(?:declare|typeset|local|export|readonly)\s+-\w*[ulinc]|\(\(|\blet\b|\bexec\s+\{|\{[A-Za-z_]\w*\}[<>]|\bcoproc\b|\bwait\s+-\w*p|\bnocasematch\b|\bprintf\s+-v\b|\bmapfile\b|\breadarray\b|\bgetopts\b/;

function testValue(node: Node, scope: WordScope): boolean | undefined {
  const text = (operand: Node | null): string | undefined => {
    if (!operand || !plainOperand.test(textOf(operand, scope.source))) return undefined;
    const word = expandSingle(operand, scope);
    return word.known ? word.value : undefined;
  };

  if (node.type === 'parenthesized_expression') {
    const inner = node.namedChildren.filter((child) => child !== null);
    return inner.length === 1 ? testValue(inner[0]!, scope) : undefined;
  }

  if (node.type === 'unary_expression') {
    const operator = node.childForFieldName('operator');
    const operand = node.namedChildren.find((child) => child !== null && child !== operator && child.id !== operator?.id) ?? null;
    if (!operator) {
      if (node.child(0)?.type !== '!' || !operand) return undefined;
      const value = testValue(operand, scope);
      return value === undefined ? undefined : !value;
    }

    const op = textOf(operator, scope.source);
    if (op !== '-n' && op !== '-z') return undefined;
    const value = text(operand);
    return value === undefined ? undefined : (value !== '') === (op === '-n');
  }

  if (node.type === 'binary_expression') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const op = node.children.find((child) => !child.isNamed && child.startIndex >= (left?.endIndex ?? 0) && child.endIndex <= (right?.startIndex ?? 0))?.type;
    if (!left || !right || !op) return undefined;
    if (op === '-a' || op === '-o') {
      const a = testValue(left, scope);
      const b = testValue(right, scope);
      if (op === '-a') return a === false || b === false ? false : a === true && b === true ? true : undefined;
      return a === true || b === true ? true : a === false && b === false ? false : undefined;
    }

    if (op !== '=' && op !== '!=') return undefined;
    const a = text(left);
    const b = text(right);
    return a === undefined || b === undefined ? undefined : (a === b) === (op !== '!=');
  }

  const value = text(node);
  return value === undefined ? undefined : value !== '';
}

/**
 * A loop body may run many times, each seeing the last one's changes: walk it once aside, and if
 * it changes variables or the cwd, walk it again with those unknown.
 */
function walkLoop(body: (state: ShellState) => void, state: ShellState, session: Session, why: string): void {
  const trial = state.fork();
  // Each level may walk its body twice: past a few levels walk once, so nesting stays linear.
  session.loopDepth++;
  const once = session.loopDepth > maxTwoPassLoops;
  let found;
  try {
    found = once ? undefined : session.capture(() => body(trial));
    if (once) body(trial);
  } finally {
    session.loopDepth--;
  }

  if (!found) {
    state.adopt(mergeStates([state, trial], why));
    return;
  }

  const changed = trial.sameVars(state) && trial.taint === state.taint ? [] : [...ShellState.varsThatMayDiffer([trial, state])].filter((name) => !same(trial.lookup(name), state.lookup(name)));
  const cwdChanged = !same(trial.cwd, state.cwd);
  if (changed.length === 0 && !cwdChanged) {
    session.commit(found);
    state.adopt(mergeStates([state, trial], why));
    return;
  }

  const entry = state.fork();
  for (const name of changed) entry.assign(name, unknown(`${name} changes from one pass of the loop to the next`));
  if (cwdChanged) entry.cwd = unknown('the working directory changes from one pass of the loop to the next');
  const after = entry.fork();
  session.loopDepth++;
  try {
    body(after);
  } finally {
    session.loopDepth--;
  }

  state.adopt(mergeStates([entry, after], why));
}

function same(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.known && b.known ? a.value === b.value : a === b;
}

function walkWhile(node: Node, state: ShellState, frame: Frame, session: Session): void {
  const body = node.childForFieldName('body');
  const condition = node.children.filter((_, i) => node.fieldNameForChild(i) === 'condition');
  walkLoop((st) => {
    walkSequence(condition, st, frame, session, true);
    // `until` runs its body while the condition fails: what the condition made is not followed.
    st.madeIfSucceeded = undefined;
    const inside = st.succeeded();
    if (body) walkStatement(body, inside, frame, session);
    st.adopt(mergeStates([st.failed(), inside], 'depending on how often the loop ran'));
  }, state, session, `depending on how often the loop at line ${node.startPosition.row + 1} ran`);
}

function walkFor(node: Node, state: ShellState, frame: Frame, session: Session): void {
  const body = node.childForFieldName('body');
  const scope = scopeOf(state, frame, session);
  if (node.type === 'c_style_for_statement') {
    for (const part of ['initializer', 'condition', 'update']) for (const child of node.childrenForFieldName(part)) walkSubstitutions(child, scope);
    if (body) walkLoop((st) => walkStatement(body, st, frame, session), state, session, 'depending on how often the loop ran');
    return;
  }

  const variable = node.childForFieldName('variable');
  const name = variable ? textOf(variable, frame.source) : 'REPLY';
  const valueNodes = node.childrenForFieldName('value');
  const values = valueNodes.length > 0 ? expandArguments(valueNodes, scope) : undefined;
  const line = node.startPosition.row + 1;
  // A short list written out (`for svc in cups bluetooth ssh`): each pass with its own value, as
  // the shell runs it, so `systemctl disable "$svc"` is seen disabling ssh. Outer loops only,
  // so that nested lists do not multiply.
  const select = node.child(0)?.type === 'select';
  if (body && !select && values && values.length > 0 && values.length <= maxListedValues && session.loopDepth === 0 && values.every((word) => word.known && !word.glob)) {
    const ends: ShellState[] = [];
    let pass = state.fork();
    session.loopDepth++;
    try {
      for (const value of values) {
        pass.assign(name, known(value.value!));
        walkStatement(body, pass, frame, session);
        ends.push(pass);
        if (pass.exited) break;
        pass = pass.fork();
      }
    } finally {
      session.loopDepth--;
    }

    // A `break` may end it after any pass: the state is what every pass's end agrees on.
    state.adopt(mergeStates(ends, `depending on which pass of the loop at line ${line} ran last`));
    return;
  }

  const entry = state.fork();
  entry.assign(name, loopValue(name, values));
  if (body) walkLoop((st) => walkStatement(body, st, frame, session), entry, session, `depending on how often the loop at line ${line} ran`);
  state.adopt(mergeStates([state, entry], `depending on how often the loop at line ${line} ran`));
}

function loopValue(name: string, values: Word[] | undefined): Value {
  if (!values) return unknown(`${name} is the loop variable of a for over "$@"`);
  // Over a glob's matches (`for f in /var/log/*; do truncate -s 0 "$f"`): each pass one of them, all of them in the end; "$f" is judged as the glob.
  if (values.length === 1 && values[0]!.known) return values[0]!.glob ? {known: true, value: values[0]!.value, glob: true} : known(values[0]!.value);
  // A variable a substitution filled shows it (`$ids=$(bw list items)`): rules see where the items come from.
  const shown = values.map((word) => (word.known ? word.value : /^"?\$/.test(word.raw) && /^command substitution (?:\$\(|`)/.test(word.why) ? `${word.raw}=${word.why.slice('command substitution '.length)}` : word.raw)).join(' ');
  return unknown(`${name} is the loop variable (it takes each of: ${shown.length > 80 ? shown.slice(0, 77) + '...' : shown})`);
}

function walkCase(node: Node, state: ShellState, frame: Frame, session: Session): void {
  const scope = scopeOf(state, frame, session);
  const subject = node.childForFieldName('value');
  const word = subject ? expandSingle(subject, scope) : undefined;
  // A subject guard knows, patterns of plain text, `*` and `?`, and no fall-through: only the
  // branch that matches runs, as in the shell.
  if (word?.known) {
    const items = node.namedChildren.filter((item) => item?.type === 'case_item');
    const read = items.map((item) => {
      const patterns: Array<RegExp | undefined> = [];
      const body: Node[] = [];
      let falls = false;
      for (let i = 0; i < item.childCount; i++) {
        const child = item.child(i)!;
        const field = item.fieldNameForChild(i);
        if (field === 'value') patterns.push(casePattern(child, scope));
        else if (field === 'fallthrough') falls = true;
        else if (field !== 'termination') body.push(child);
      }

      return {patterns, body, falls};
    });
    if (read.every((item) => !item.falls && item.patterns.every((pattern) => pattern !== undefined))) {
      const chosen = read.find((item) => item.patterns.some((pattern) => pattern!.test(word.value)));
      if (chosen) walkSequence(chosen.body, state, frame, session);
      // A function only a branch not taken calls does not run here (`case "$1" in reboot) do_reboot ;;`).
      for (const item of read) if (item !== chosen) for (const node of item.body) namesCalled(node, frame.source, session.notTaken);
      return;
    }
  }

  const paths: ShellState[] = [];
  let hasDefault = false;
  for (const item of node.namedChildren) {
    if (!item || item.type !== 'case_item') continue;
    const branch = state.fork();
    const body: Node[] = [];
    for (let i = 0; i < item.childCount; i++) {
      const child = item.child(i)!;
      const field = item.fieldNameForChild(i);
      if (field === 'value') {
        walkSubstitutions(child, scope);
        if (textOf(child, frame.source) === '*') hasDefault = true;
      } else if (field !== 'termination' && field !== 'fallthrough') body.push(child);
    }

    walkSequence(body, branch, frame, session);
    paths.push(branch);
  }

  if (!hasDefault) paths.push(state);
  state.adopt(mergeStates(paths, `depending on which case at line ${node.startPosition.row + 1} matched`));
}

/** The command names written in code (`f` of `f x; g | h`), for the functions it would call. */
function namesCalled(node: Node, source: string, into: Set<string>): void {
  if (node.type === 'command') {
    const name = node.childForFieldName('name');
    if (name) into.add(textOf(name, source));
  }

  for (const child of node.namedChildren) if (child) namesCalled(child, source, into);
}

function defineFunction(node: Node, state: ShellState, frame: Frame, session: Session): void {
  const nameNode = node.childForFieldName('name');
  const body = node.childForFieldName('body');
  if (!nameNode || !body) return;
  const name = textOf(nameNode, frame.source);
  const fn = {name, body, frame, definedIn: state.fork(), called: false};
  state.define(name, fn);
  // A sourced library's functions are judged where the command calls them, not all of them.
  if (!frame.library) session.definitions.push(fn);
}
