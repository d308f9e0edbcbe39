import type {Parser} from 'web-tree-sitter';
import {type CodeText, resetPlaceholders} from './code.js';
import {noteParsedWalk, parseScript} from './parser.js';
import type {FunctionDef, ShellState} from './state.js';
import {braceCommandFix, heredocFix, herestringFix, testSlashFix, zeroDescriptorFix} from './misread.js';
import {firstSyntaxError} from './syntax.js';
import {plainTree} from './plain.js';
import {type ParseCache, type Parsed, type SyntaxNode as Node, mirrorTree} from './tree.js';
import type {FileAccess, Location, Problem, ProblemKind, SimpleCommand, Word, WrittenFile} from './types.js';
import {tracksAll, walkProgram, walkStatement} from './walk.js';
import {runCommand} from './command.js';
import type {RawCommand} from './launched.js';
import type {Session} from './session-port.js';
import type {Anchor, Frame, Written} from './frame.js';

/** The analysis needs the parser but it was not loaded: load it and start again. */
export class ParserNeeded extends Error {}

/** One analysis: what it found, and the means to re-parse code strings. */
export class WalkSession implements Session {
  commands: SimpleCommand[] = [];
  problems: Problem[] = [];
  /** The commands run by the substitutions of a word, for code built from that word. */
  producers = new WeakMap<Word, SimpleCommand[]>();
  definitions: FunctionDef[] = [];
  /** How many loops the walk is inside, to bound the work of nested loops. */
  loopDepth = 0;
  /** Files the code writes (`cat > x.sh <<EOF`, `cp /bin/rm ./x`), by absolute path, for when it runs them. */
  written = new Map<string, Written>();
  writtenFiles = new Map<string, Array<readonly [number, WrittenFile]>>();
  writes = 0;
  /** `. FILE` commands whose file was walked: they leave the shell as the file made it. */
  sourced = new WeakSet<object>();
  /** Script files read so far: the work stays bounded whatever the files do. */
  scriptsRead = 0;
  /** The argv's own script file is read by the caller (decide): not again here. */
  argvScriptRead = false;
  aliases = new Map<string, string | null>();
  gitAliases = new Map<string, string | null>();
  links: ReadonlyMap<string, string> = new Map();
  madeNetwork: ReadonlySet<string> = new Set();
  notTaken = new Set<string>();
  exportsFunctions = false;
  traps: Array<{code: CodeText; state: ShellState; frame: Frame; at: Location}> = [];
  /** Code of plain words is parsed too, not read by plain.ts: only the test that compares the two sets it. */
  parseAll = false;
  work: {commands: number} | undefined;
  constructor(
    readonly parser: Parser | undefined,
    readonly maxDepth: number,
    readonly file: string | undefined,
    readonly files?: FileAccess,
    /** Trees of code parsed by earlier runs, and where this one keeps its own. */
    readonly trees?: ParseCache,
  ) {
    resetPlaceholders();
  }

  emit(command: SimpleCommand): void {
    this.commands.push(command);
  }

  problem(kind: ProblemKind, message: string, at: {line: number; column: number; file?: string}): void {
    const file = at.file ?? this.file;
    this.problems.push({kind, message, line: at.line, column: at.column, ...(file === undefined ? {} : {file})});
  }

  /** Runs `walk` with its findings set aside, to be kept (commit) or dropped. */
  capture(walk: () => void): {commands: SimpleCommand[]; problems: Problem[]} {
    const saved = {commands: this.commands, problems: this.problems};
    this.commands = [];
    this.problems = [];
    try {
      walk();
      return {commands: this.commands, problems: this.problems};
    } finally {
      this.commands = saved.commands;
      this.problems = saved.problems;
    }
  }

  commit(found: {commands: SimpleCommand[]; problems: Problem[]}): void {
    this.commands.push(...found.commands);
    this.problems.push(...found.problems);
  }

  locate(node: Node, frame: Frame): Location {
    const text = brief200(frame.source.slice(node.startIndex, node.endIndex));
    const location = this.position(node.startPosition, frame, text);
    location.site = `${frame.depth}:${node.startIndex}`;
    return location;
  }

  position(point: {row: number; column: number}, frame: Frame, text: string): Location {
    const name = frame.file ?? this.file;
    const anchor = frame.anchor;
    const location: Location = !anchor
      ? {line: point.row + 1, column: point.column + 1, text}
      : !anchor.exact
        ? {line: anchor.line, column: anchor.column, text}
        : {line: anchor.line + point.row, column: point.row === 0 ? anchor.column + point.column : point.column + 1, text};
    // Set, not spread: a location is made for every command, and a spread copies through a slow path.
    if (name !== undefined) location.file = name;
    return location;
  }

  /** Parses and walks code a command runs (`bash -c`, `eval`, a heredoc fed to a shell). */
  runCode(code: CodeText, state: ShellState, frame: Frame, via: string, at: Location, anchor?: Anchor): void {
    if (frame.depth + 1 > this.maxDepth) {
      this.problem('too-deep', `${via}: code nested more than ${this.maxDepth} levels deep is not analysed`, at);
      return;
    }

    for (const [name, why] of code.unknowns) state.assign(name, {known: false, why});
    const inner: Frame = {source: code.text, via: [...frame.via, via], depth: frame.depth + 1, anchor: anchor ?? {line: at.line, column: at.column, exact: false}, redirects: frame.input?.redirects ?? [], calls: frame.calls};
    if (frame.where) inner.where = frame.where;
    if (frame.ownNetwork) inner.ownNetwork = true;
    if (frame.input) inner.input = frame.input;
    if (frame.input?.pipeIn) inner.pipeIn = frame.input.pipeIn;
    if (frame.volumes) inner.volumes = frame.volumes;
    if (frame.sourced) inner.sourced = true;
    if (frame.file) inner.file = frame.file;
    if (frame.scripts) inner.scripts = frame.scripts;
    this.walkRoot(code.text, state, inner, `in the code run by ${via}: `);
    for (const name of code.unknowns.keys()) state.forget(name);
  }

  /** Walks a script file's code as the shell would run it; its locations are the file's own lines. */
  runFile(code: CodeText, state: ShellState, frame: Frame, via: string, at: Location): void {
    if (frame.depth + 1 > this.maxDepth) {
      this.problem('too-deep', `${via}: scripts nested more than ${this.maxDepth} levels deep are not analysed`, at);
      return;
    }

    for (const [name, why] of code.unknowns) state.assign(name, {known: false, why});
    const inner: Frame = {...frame, source: code.text, via: [...frame.via, via], depth: frame.depth + 1, redirects: frame.redirects, calls: frame.calls};
    this.walkRoot(code.text, state, inner, `in ${frame.file ?? 'the script'}: `);
    for (const name of code.unknowns.keys()) state.forget(name);
  }

  /** Walks code as the shell runs it: plain words as plain.ts reads them, anything else parsed. */
  walkRoot(text: string, state: ShellState, frame: Frame, context = ''): void {
    // Its variables may change in ways guard does not follow: one guard has as unset is not surely so (set -u).
    if (!tracksAll(text)) state.untracked = true;
    const root = (this.parseAll ? undefined : plainTree(text)) ?? this.parse(text, frame, context);
    walkProgram(root, state, frame, this);
  }

  /** The tree of the code as tree-sitter reads it; a syntax error is reported as a problem. */
  private parse(text: string, frame: Frame, context: string): Node {
    const {root, error} = this.trees?.get(text) ?? this.parseNow(text);
    noteParsedWalk();
    if (error) {
      const at = this.position({row: error.row, column: error.column}, frame, '');
      const where = frame.anchor && !frame.anchor.exact ? ` (line ${error.row + 1}, column ${error.column + 1} of that code)` : '';
      this.problem('syntax', `${context}syntax error: ${error.message}${where}`, at);
    }

    return root;
  }

  private parseNow(text: string): Parsed {
    if (!this.parser) throw new ParserNeeded();
    let tree = parseScript(this.parser, text);
    try {
      let error = firstSyntaxError(tree.rootNode);
      // Text bash reads plainly that the parser misreads: parse it again, patched in place.
      // Each fix keeps every offset, so they apply one over another.
      const heredoc = heredocFix(text, tree);
      // A here-string after the descriptor 0 (`bash 0<<< "$x"`) parses only as `<` too.
      const zero = zeroDescriptorFix(heredoc ?? text);
      const always = zero === undefined ? heredoc : (herestringFix(zero) ?? zero);
      const patched = error ? [testSlashFix, braceCommandFix, herestringFix].reduce<string | undefined>((done, fix) => fix(done ?? text) ?? done, always) : always;
      if (patched !== undefined) {
        const again = parseScript(this.parser, patched);
        const againError = firstSyntaxError(again.rootNode);
        if (againError && !error) again.delete();
        else {
          tree.delete();
          tree = again;
          error = againError;
        }
      }

      const parsed = {root: mirrorTree(tree, text), error};
      this.trees?.put(text, parsed);
      return parsed;
    } finally {
      tree.delete();
    }
  }

  walkFunction(body: Node, state: ShellState, frame: Frame): void {
    walkStatement(body, state, frame, this);
  }

  runCommand(raw: RawCommand): void {
    runCommand(raw, this);
  }

  /** Walks each trap handler as it fires, at the end, in the state the code left (handlers a handler sets are not walked again). */
  walkTraps(): void {
    const traps = this.traps.splice(0);
    for (const trap of traps) this.runCode(trap.code, trap.state.fork(), trap.frame, 'trap (when it fires)', trap.at);
  }

  /**
   * Walks the functions nobody called, in the state where each was defined: code guard could not
   * follow may call them. One only a case branch not taken calls is left alone.
   */
  walkUncalledFunctions(): void {
    for (let i = 0; i < this.definitions.length; i++) {
      const fn = this.definitions[i]!;
      if (fn.called || (this.notTaken.has(fn.name) && !this.exportsFunctions)) continue;
      fn.called = true;
      const state = fn.definedIn.fork();
      state.args = `the arguments of function ${fn.name} are not known (it is never called)`;
      walkStatement(fn.body, state, {...fn.frame, via: [...fn.frame.via, `function ${fn.name}`], calls: [fn.name], locals: new Map(), guessing: true}, this);
    }
  }
}

function brief200(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
