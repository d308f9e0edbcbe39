// Task runners that run recipes a project file holds: `just RECIPE` (a justfile's recipe, each
// line in its own shell, after the recipes it depends on), `tox -e ENV` (a tox.ini
// environment's commands, each an argv) and `task NAME` (a go-task Taskfile's commands). The file is read from the folder the command runs in,
// as make's makefile is (hatches.ts); a project without one runs nothing.
import {posix} from 'node:path';
import {type Launcher, childState, projectFile, runChild, runCodeString} from './handoff.js';
import {scanOptions} from './options.js';
import {type Value, known} from './state.js';
import type {Word} from './types.js';
import {splitString} from './wrappers.js';
import type {Launched} from './launched.js';
import type {Session} from './session-port.js';

interface Recipe {
  params: Array<{name: string; fallback?: string; variadic: boolean}>;
  deps: string[];
  body: string[];
}

/**
 * A justfile's variables and recipes: `NAME := "value"`, `export NAME := …`, `alias a := b`,
 * `name PARAM="default" +REST: dep1 dep2` and its indented body.
 */
function readJustfile(text: string): {vars: Map<string, string>; recipes: Map<string, Recipe>; first?: string; backticks: string[]; positional: boolean} {
  const vars = new Map<string, string>();
  const recipes = new Map<string, Recipe>();
  const aliases = new Map<string, string>();
  // Backticks in assignments run whenever just reads the file, whatever recipe runs.
  const backticks: string[] = [];
  let first: string | undefined;
  let current: Recipe | undefined;
  const positional = /^set\s+positional-arguments\b/m.test(text);
  for (const line of text.split('\n')) {
    if (current && /^[ \t]+\S/.test(line)) {
      // A line ending in a backslash goes on on the next, as the shell reads it.
      const last = current.body.length - 1;
      if (last >= 0 && current.body[last]!.endsWith('\\')) current.body[last] = `${current.body[last]!.slice(0, -1)} ${line.trim()}`;
      else current.body.push(line.trim());
      continue;
    }

    if (/^\s*(?:#|$)/.test(line) || line.startsWith('[')) {
      if (line.trim() !== '' && !line.startsWith('[')) current = undefined;
      continue;
    }

    current = undefined;
    const alias = /^alias\s+([\w-]+)\s*:=\s*([\w-]+)\s*$/.exec(line);
    if (alias) {
      aliases.set(alias[1]!, alias[2]!);
      continue;
    }

    const assignment = /^(?:export\s+)?([A-Za-z_][\w-]*)\s*:=\s*(.*)$/.exec(line);
    if (assignment) {
      for (const [, code] of assignment[2]!.matchAll(/`([^`]*)`/g)) backticks.push(code!);
      const value = justValue(assignment[2]!.trim(), vars);
      if (value !== undefined) vars.set(assignment[1]!, value);
      else vars.delete(assignment[1]!);
      continue;
    }

    const recipe = /^@?([A-Za-z_][\w-]*)((?:\s+[$+*]?[A-Za-z_][\w-]*(?:=(?:'[^']*'|"[^"]*"|\S+))?)*)\s*:(?!=)(.*)$/.exec(line);
    if (!recipe) continue;
    const params = [...recipe[2]!.matchAll(/([+*]?)\$?([A-Za-z_][\w-]*)(?:=('[^']*'|"[^"]*"|\S+))?/g)].map(([, variadic, name, fallback]) => ({
      name: name!,
      variadic: variadic !== '',
      ...(fallback !== undefined ? {fallback: fallback.replace(/^(['"])([\s\S]*)\1$/, '$2')} : {}),
    }));
    // Dependencies, some with arguments: `deploy: build (nuke "x")`.
    const deps = [...recipe[3]!.replace(/#.*$/, '').matchAll(/\(\s*([A-Za-z_][\w-]*)[^)]*\)|([A-Za-z_][\w-]*)/g)].map((match) => match[1] ?? match[2]!);
    current = {params, deps, body: []};
    recipes.set(recipe[1]!, current);
    first ??= recipe[1]!;
  }

  for (const [name, target] of aliases) {
    const recipe = recipes.get(target);
    if (recipe) recipes.set(name, recipe);
  }

  return {vars, recipes, backticks, positional, ...(first !== undefined ? {first} : {})};
}

/** A just expression guard can work out: quoted strings, names it knows, joined by `+`. */
function justValue(expression: string, vars: ReadonlyMap<string, string>): string | undefined {
  let value = '';
  for (const part of expression.split(/\s*\+\s*/)) {
    const quoted = /^(['"])([\s\S]*)\1$/.exec(part);
    if (quoted) value += quoted[2];
    else if (vars.has(part)) value += vars.get(part);
    else return undefined;
  }

  return value;
}

/** `just [RECIPE [ARG…]]`: the recipe's lines (and its dependencies' first), `{{…}}` filled in where guard can. */
function runJust(launched: Launched, session: Session): void {
  const words = launched.words.slice(1);
  if (words.some((word) => /^-(?:n|-dry-run|-list|l|-summary|-show|s|-help|h|-evaluate|-dump|-version|V|-fmt|-choose)$/.test(word.value ?? ''))) return;
  const file = launched.cwd.known ? projectFile(session, launched.cwd.value, ['justfile', 'Justfile', 'JUSTFILE', 'JustFile', '.justfile'], true, launched) : undefined;
  if (!file) return;
  const {vars, recipes, first, backticks, positional} = readJustfile(file.text);
  const operands = words.filter((word) => !word.value?.startsWith('-'));
  for (const word of operands) {
    const set = word.known ? /^([A-Za-z_][\w-]*)=([\s\S]*)$/.exec(word.value) : null;
    if (set && vars.has(set[1]!)) vars.set(set[1]!, set[2]!);
  }

  const rest = operands.filter((word) => !(word.known && /^[A-Za-z_][\w-]*=/.test(word.value) && vars.has(word.value.split('=')[0]!)));
  const name = rest[0]?.value ?? first;
  if (!name) return;
  const state = childState(launched, [known('sh')]);
  state.cwd = known(file.dir);
  for (const code of backticks) runCodeString(launched, session, {text: code, unknowns: new Map()}, 'just (a backtick)', {state: state.fork()});
  const seen = new Set<string>();
  const run = (recipeName: string, args: Word[]) => {
    if (seen.has(recipeName) || seen.size > 100) return;
    seen.add(recipeName);
    const recipe = recipes.get(recipeName);
    if (!recipe) return;
    for (const dep of recipe.deps) run(dep, []);
    const scope = new Map(vars);
    recipe.params.forEach((param, i) => {
      const given = param.variadic ? args.slice(i) : args[i] ? [args[i]!] : [];
      const value = given.length > 0 ? (given.every((word) => word.known) ? given.map((word) => word.value).join(' ') : undefined) : param.fallback;
      if (value !== undefined) scope.set(param.name, value);
      else scope.delete(param.name);
    });
    const via = `just ${recipeName}`;
    const body = recipe.body.map((line) => line.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (whole, expression: string) => justValue(expression, scope) ?? '${__guard_unknown_just}'));
    const unknowns = new Map([['__guard_unknown_just', 'a just expression guard cannot work out']]);
    if (body[0]?.startsWith('#!')) {
      // A recipe with a shebang runs as one script: a shell's is read, another language's is not.
      if (/\b(?:ba|da|z|k)?sh\b/.test(body[0])) runCodeString(launched, session, {text: body.slice(1).join('\n'), unknowns}, via, {state: state.fork()});
      return;
    }

    // With positional-arguments each line also gets the recipe's arguments as $1, $2…
    const lineState = () => {
      if (!positional) return state.fork();
      const withArgs = childState(launched, [known('sh'), ...args.map((word): Value => (word.known ? known(word.value) : {known: false, why: word.why}))]);
      withArgs.cwd = state.cwd;
      return withArgs;
    };
    for (const line of body) {
      const code = line.replace(/^[@-]+/, '');
      if (code !== '' && !code.startsWith('#')) runCodeString(launched, session, {text: code, unknowns}, via, {state: lineState()});
    }
  };

  run(name, rest.slice(rest[0]?.value === name ? 1 : 0));
}

/** tox.ini's sections: each key's value, continuation lines joined by line breaks. */
function readIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const line of text.split('\n')) {
    const header = /^\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      section = new Map();
      sections.set(header[1]!.trim(), section);
      key = undefined;
    } else if (section && /^\s+\S/.test(line) && key) section.set(key, `${section.get(key)}\n${line.trim()}`);
    else if (section && /^[\w.-]+\s*=/.test(line)) {
      key = line.slice(0, line.indexOf('=')).trim();
      section.set(key, line.slice(line.indexOf('=') + 1).trim());
    } else if (!/^\s*(?:[#;]|$)/.test(line)) key = undefined;
  }

  return sections;
}

/** `tox -e ENV[,ENV…] [-- ARGS]`: each environment's commands_pre, commands and commands_post, each line an argv run in the project. */
function runTox(launched: Launched, session: Session): void {
  const words = launched.words.slice(1);
  const dashes = words.findIndex((word) => word.value === '--');
  const own = dashes === -1 ? words : words.slice(0, dashes);
  if (own.some((word) => /^-(?:l|a|-listenvs|-listenvs-all|-showconfig|h|-help|-notest|-version)$/.test(word.value ?? ''))) return;
  const file = launched.cwd.known ? projectFile(session, launched.cwd.value, ['tox.ini'], false, launched) : undefined;
  if (!file) return;
  const sections = readIni(file.text);
  const at = own.findIndex((word) => word.value === '-e' || word.value?.startsWith('-e') || word.value?.startsWith('--env'));
  const chosen = at === -1 ? undefined : own[at]!.value === '-e' || own[at]!.value === '--env' ? own[at + 1]?.value : own[at]!.value!.replace(/^-e=?|^--env=?/, '');
  const envs = (chosen ?? sections.get('tox')?.get('envlist') ?? sections.get('tox')?.get('env_list') ?? '').split(/[,\s]+/).filter(Boolean);
  const posargs = dashes === -1 ? [] : words.slice(dashes + 1);
  const state = childState(launched, [known('sh')]);
  state.cwd = known(file.dir);
  for (const env of envs) {
    const section = sections.get(`testenv:${env}`) ?? sections.get('testenv');
    for (const key of ['commands_pre', 'commands', 'commands_post']) {
      for (const line of (section?.get(key) ?? '').split('\n')) {
        const text = line.replace(/^-\s*/, '').replace(/\{toxinidir\}/g, file.dir).trim();
        if (text === '' || text.startsWith('#')) continue;
        const parts = text.split(/\{posargs(?::[^}]*)?\}/);
        const argv = parts.flatMap((part, i) => [...splitString(part.trim()).filter((word) => word.value !== ''), ...(i < parts.length - 1 ? posargs : [])]);
        if (argv.length > 0) runChild(launched, session, argv, `tox -e ${env}`, {cwd: known(file.dir)});
      }
    }
  }
}

interface GoTask {
  cmds: Array<{code: string} | {task: string}>;
  deps: string[];
  vars: Map<string, string>;
}

/** A YAML scalar as written (quotes taken off). */
const scalar = (text: string): string => {
  const quoted = /^(['"])([\s\S]*)\1$/.exec(text.trim());
  return quoted ? (quoted[1] === '"' ? quoted[2]!.replace(/\\(["\\])/g, '$1') : quoted[2]!.replace(/''/g, "'")) : text.trim();
};

/** A flow list's items (`[a, 'b c']`). */
const flowItems = (text: string): string[] => text.replace(/^\s*\[|\]\s*$/g, '').split(',').map(scalar).filter((item) => item !== '');

/** The lines of a YAML file with their indent, comments and blank lines left out. */
interface Line {
  indent: number;
  text: string;
  at: number;
}

/**
 * A Taskfile's tasks, as go-task reads them: top-level `vars` of plain values, and under `tasks`
 * each task (a name, quoted or not, with `aliases`) with its `cmds` and `defer`s (a command,
 * `cmd:`, a `|` or `>` block, `task: OTHER`), the shell of its `status` and `preconditions`, its
 * `deps` and its own `vars`; a task given as a string or a list is its commands. The YAML is read
 * only this far, by indentation: what else a Taskfile holds is not run.
 */
function readTaskfile(text: string): {vars: Map<string, string>; tasks: Map<string, GoTask>} {
  const raw = text.split('\n');
  const lines: Line[] = [];
  raw.forEach((line, at) => {
    if (!/^\s*(?:#|$)/.test(line)) lines.push({indent: line.length - line.trimStart().length, text: line.trim(), at});
  });
  const vars = new Map<string, string>();
  const tasks = new Map<string, GoTask>();
  // The lines indented deeper than `indent` from line `i` on: a block's or a mapping's body.
  const bodyEnd = (i: number, indent: number) => {
    let end = i;
    while (end < lines.length && lines[end]!.indent > indent) end++;
    return end;
  };

  // A `|`/`>` block scalar's text, from the raw lines after line `line`.
  const blockText = (line: Line, folded: boolean): string => {
    const body: string[] = [];
    for (let k = line.at + 1; k < raw.length; k++) {
      const next = raw[k]!;
      if (next.trim() !== '' && next.length - next.trimStart().length <= line.indent) break;
      body.push(next);
    }
    const least = Math.min(...body.filter((part) => part.trim() !== '').map((part) => part.length - part.trimStart().length));
    return body.map((part) => part.slice(Number.isFinite(least) ? least : 0)).join(folded ? ' ' : '\n').trim();
  };

  // A value as written on its line, or the `|`/`>` block it opens.
  const valueOf = (line: Line, value: string) => (/^[|>][-+]?$/.test(value) ? blockText(line, value.startsWith('>')) : scalar(value));
  // The plain `NAME: value` pairs of a `vars:` body (lines from .. end, at the first one's indent).
  const plainVars = (from: number, end: number, into: Map<string, string>) => {
    for (let k = from; k < end; k++) {
      const pair = keyValue(lines[k]!);
      if (pair && lines[k]!.indent === lines[from]!.indent && pair[4] !== undefined && !/^[|>{[]/.test(pair[4])) into.set(pair[3] ?? pair[2]!, scalar(pair[4]));
    }
  };
  // The `- …` items of a list body, each read as a command of the task.
  const commands = (from: number, end: number, into: GoTask) => {
    if (from >= end) return;
    const itemIndent = lines[from]!.indent;
    for (let k = from; k < end; k++) if (lines[k]!.indent === itemIndent && lines[k]!.text.startsWith('-')) command(k, bodyEnd(k + 1, itemIndent), into);
  };

  // A plain key may hold a colon not followed by a blank (`db:drop:`, go-task's namespaced names).
  const keyValue = (line: Line) => /^(?:(['"])(.+?)\1|([^\s:'"](?:[^:]|:(?=\S))*?)):(?:\s+(.*)|\s*)$/.exec(line.text);
  // A command list item: a command, `cmd: …`, `task: …`, `defer: …`, `sh: …` (status, preconditions), a block.
  const command = (i: number, end: number, into: GoTask) => {
    const line = lines[i]!;
    let value = line.text.replace(/^-\s*/, '');
    const sub = /^(cmd|task|defer|sh):\s*(.*)$/.exec(value);
    if (sub?.[1] === 'task') {
      into.cmds.push({task: scalar(sub[2]!)});
      return;
    }

    if (sub) value = sub[2]!;
    // `- defer: {task: x}` and other mappings guard does not follow.
    if (value.startsWith('{')) return;
    // A sub-key below the item (`cmd:` on the next line, after `- silent: true`).
    if (value === '' || /^[\w-]+:\s/.test(value) && !sub) {
      for (let k = i + 1; k < end; k++) {
        const deeper = /^(cmd|sh|defer):\s*(.*)$/.exec(lines[k]!.text);
        if (deeper) into.cmds.push({code: valueOf(lines[k]!, deeper[2]!)});
      }
      return;
    }

    into.cmds.push({code: valueOf(line, value)});
  };

  for (let i = 0; i < lines.length; i++) {
    const top = lines[i]!;
    if (top.indent !== 0) continue;
    const end = bodyEnd(i + 1, 0);
    if (/^vars:\s*$/.test(top.text) && i + 1 < end) plainVars(i + 1, end, vars);

    if (!/^tasks:\s*$/.test(top.text) || i + 1 >= end) continue;
    const taskIndent = lines[i + 1]!.indent;
    for (let k = i + 1; k < end; k++) {
      const head = lines[k]!;
      if (head.indent !== taskIndent) continue;
      const named = keyValue(head);
      if (!named) continue;
      const name = named[3] ?? named[2]!;
      const task: GoTask = {cmds: [], deps: [], vars: new Map()};
      tasks.set(name, task);
      const rest = named[4] ?? '';
      const taskEnd = bodyEnd(k + 1, taskIndent);
      if (rest.startsWith('[')) task.cmds.push(...flowItems(rest).map((code) => ({code})));
      else if (rest !== '') task.cmds.push({code: valueOf(head, rest)});
      // A task given as a list of commands.
      else if (k + 1 < taskEnd && lines[k + 1]!.text.startsWith('-')) commands(k + 1, taskEnd, task);
      else if (k + 1 < taskEnd) {
        const fieldIndent = lines[k + 1]!.indent;
        for (let m = k + 1; m < taskEnd; m++) {
          const field = lines[m]!;
          if (field.indent !== fieldIndent) continue;
          const pair = keyValue(field);
          if (!pair) continue;
          const key = pair[3] ?? pair[2]!;
          const value = pair[4] ?? '';
          const fieldEnd = bodyEnd(m + 1, fieldIndent);
          if (key === 'aliases') {
            const aliases = value.startsWith('[') ? flowItems(value) : lines.slice(m + 1, fieldEnd).filter((line) => line.text.startsWith('-')).map((line) => scalar(line.text.slice(1)));
            for (const alias of aliases) if (!tasks.has(alias)) tasks.set(alias, task);
          } else if (key === 'cmd' && value !== '') task.cmds.push({code: valueOf(field, value)});
          else if (key === 'deps') {
            if (value.startsWith('[')) task.deps.push(...flowItems(value).filter((dep) => !dep.startsWith('{')));
            else for (let d = m + 1; d < fieldEnd; d++) if (lines[d]!.text.startsWith('-')) task.deps.push(scalar(lines[d]!.text.slice(1).replace(/^\s*task:\s*/, '')));
          } else if (key === 'vars' && m + 1 < fieldEnd) plainVars(m + 1, fieldEnd, task.vars);
          else if (key === 'cmds' || key === 'status' || key === 'preconditions') {
            if (value.startsWith('[')) task.cmds.push(...flowItems(value).map((code) => ({code})));
            else commands(m + 1, fieldEnd, task);
          }
        }
      }
    }
  }

  return {vars, tasks};
}

/** `task [NAME…] [VAR=VALUE…] [-- ARGS]` (go-task): each task's deps, then its commands, `{{.VAR}}` filled in where guard can. */
function runGoTask(launched: Launched, session: Session): void {
  const all = launched.words.slice(1);
  const dashes = all.findIndex((word) => word.value === '--');
  const words = dashes === -1 ? all : all.slice(0, dashes);
  const cliArgs = dashes === -1 ? [] : all.slice(dashes + 1);
  if (words.some((word) => /^-(?:n|-dry|l|-list|a|-list-all|-summary|h|-help|-version|-init|i|-status)$/.test(word.value ?? ''))) return;
  const {options} = scanOptions(words, {takesValue: ['-t', '--taskfile', '-d', '--dir', '-o', '--output', '-C', '--concurrency', '--interval', '-I', '--sort', '--output-group-begin', '--output-group-end']});
  const taskfile = options.values.get('-t') ?? options.values.get('--taskfile');
  const dir = options.values.get('-d') ?? options.values.get('--dir');
  if ((taskfile && !taskfile.known) || (dir && !dir.known) || !launched.cwd.known) return;
  const from = dir ? posix.resolve(launched.cwd.value, dir.value!) : launched.cwd.value;
  const file = taskfile ? projectFile(session, posix.dirname(posix.resolve(from, taskfile.value!)), [posix.basename(taskfile.value!)], false, launched) : projectFile(session, from, ['Taskfile.yml', 'taskfile.yml', 'Taskfile.yaml', 'taskfile.yaml', 'Taskfile.dist.yml', 'taskfile.dist.yml', 'Taskfile.dist.yaml', 'taskfile.dist.yaml'], true, launched);
  if (!file) return;
  const {vars, tasks} = readTaskfile(file.text);
  vars.set('ROOT_DIR', file.dir);
  vars.set('TASKFILE_DIR', file.dir);
  vars.set('USER_WORKING_DIR', launched.cwd.value);
  if (cliArgs.every((word) => word.known)) vars.set('CLI_ARGS', cliArgs.map((word) => word.value).join(' '));
  else vars.delete('CLI_ARGS');
  for (const word of options.operands) {
    const set = word.known ? /^([A-Za-z_]\w*)=([\s\S]*)$/.exec(word.value) : null;
    if (set) vars.set(set[1]!, set[2]!);
  }

  const names = options.operands.filter((word) => !(word.known && /^[A-Za-z_]\w*=/.test(word.value))).map((word) => word.value);
  if (names.some((name) => name === null)) return;
  const state = childState(launched, [known('sh')]);
  state.cwd = known(file.dir);
  const unknowns = new Map([['__guard_unknown_task', 'a Taskfile template guard cannot work out']]);
  // A variable's value may use others (`BUILD: '{{.ROOT_DIR}}/build'`): filled in until it settles.
  const fill = (text: string, scope: ReadonlyMap<string, string>): string => {
    let out = text;
    for (let pass = 0; pass < 8 && out.includes('{{'); pass++) {
      const next = out.replace(/\{\{\s*\.([A-Za-z_]\w*)\s*\}\}/g, (whole, variable: string) => scope.get(variable) ?? whole);
      if (next === out) break;
      out = next;
    }

    return out.replace(/\{\{[^}]*\}\}/g, '${__guard_unknown_task}');
  };

  const seen = new Set<string>();
  const run = (name: string) => {
    if (seen.has(name) || seen.size > 100) return;
    seen.add(name);
    const task = tasks.get(name);
    if (!task) return;
    for (const dep of task.deps) run(dep);
    const scope = new Map([...vars, ...task.vars, ['TASK', name]]);
    for (const cmd of task.cmds) {
      if ('task' in cmd) {
        run(fill(cmd.task, scope));
        continue;
      }

      const code = fill(cmd.code, scope);
      if (code !== '') runCodeString(launched, session, {text: code, unknowns}, `task ${name}`, {state: state.fork()});
    }
  };

  for (const name of names.length > 0 ? (names as string[]) : ['default']) run(name);
}

/**
 * Maven's exec plugin with the program on the command line (`mvn exec:exec
 * -Dexec.executable=rm -Dexec.args='-rf /opt/app'`): that program with those arguments. A
 * project's pom.xml is not read.
 */
function runMaven(launched: Launched, session: Session): void {
  const words = launched.words.slice(1);
  if (!words.some((word) => !word.known || /^(?:exec:exec|org\.codehaus\.mojo:exec-maven-plugin(?::[\w.-]+)?:exec)(?:@[\w.-]+)?$/.test(word.value))) return;
  // `-Dname=value`, `-D name=value`, `--define name=value`: Maven takes the last.
  const defined = new Map<string, Word>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const split = word.known && (word.value === '-D' || word.value === '--define');
    const text = split ? words[i + 1] : !word.known ? (/^["']?-D/.test(word.raw) ? word : undefined) : /^-D./.test(word.value) ? ({...word, value: word.value.slice(2)} as Word) : word.value.startsWith('--define=') ? ({...word, value: word.value.slice(9)} as Word) : undefined;
    if (split) i++;
    if (!text) continue;
    if (!text.known) {
      // A property guard cannot read may be the program or its arguments.
      if (/exec\.(?:executable|args)/.test(text.raw)) defined.set('unknown', text);
      continue;
    }

    const at = text.value.indexOf('=');
    if (at > 0) defined.set(text.value.slice(0, at), {...text, value: text.value.slice(at + 1)} as Word);
  }

  const unknownProperty = defined.get('unknown');
  if (unknownProperty && !unknownProperty.known) {
    session.problem('unanalysable', `mvn exec:exec runs a program or arguments only known when it runs: ${unknownProperty.why}`, launched.raw.location);
    return;
  }

  const executable = defined.get('exec.executable');
  if (!executable?.known || executable.value === '') return;
  const args = defined.get('exec.args');
  runChild(launched, session, [{value: executable.value, known: true, raw: executable.raw}, ...(args?.known ? splitString(args.value).filter((word) => word.value !== '') : [])], 'mvn exec:exec');
}

const examples = () => ({runs: ["mvn exec:exec -Dexec.executable=rm -Dexec.args='x'", "mvn -D skipTests exec:exec -D exec.executable=rm -D exec.args=x", "mvn exec:exec@wipe --define exec.executable=echo -Dexec.executable=rm -Dexec.args=x"], runsNothing: ['just --list', 'just', 'tox -l', 'tox -e py312', 'mvn package', 'mvn exec:exec', 'task --list', 'task build']});

export const taskRunners: Launcher[] = [
  {names: ['just'], run: runJust, examples},
  {names: ['tox'], run: runTox, examples},
  {names: ['mvn', 'mvnw'], run: runMaven, examples},
  {names: ['task', 'go-task'], run: runGoTask, examples},
];
