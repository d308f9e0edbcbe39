// Task runners that run recipes a project file holds: `just RECIPE` (a justfile's recipe, each
// line in its own shell, after the recipes it depends on), `tox -e ENV` (a tox.ini
// environment's commands, each an argv) and `task NAME` (a go-task Taskfile's commands). The file is read from the folder the command runs in,
// as make's makefile is (hatches.ts); a project without one runs nothing.
import {type Launcher, childState, projectFile, runChild, runCodeString} from './handoff.js';
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
  const file = launched.cwd.known ? projectFile(session, launched.cwd.value, ['justfile', 'Justfile', 'JUSTFILE', 'JustFile', '.justfile'], true) : undefined;
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
  const file = launched.cwd.known ? projectFile(session, launched.cwd.value, ['tox.ini']) : undefined;
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

/** A YAML scalar as written (quotes taken off); undefined for a flow or block value. */
const scalar = (text: string): string => {
  const quoted = /^(['"])([\s\S]*)\1$/.exec(text.trim());
  return quoted ? (quoted[1] === '"' ? quoted[2]!.replace(/\\(["\\])/g, '$1') : quoted[2]!.replace(/''/g, "'")) : text.trim();
};

/**
 * A Taskfile's tasks, as go-task reads them: top-level `vars` of plain values, and under `tasks`
 * each task's `cmds` (a command, `- cmd: …`, a `|` block, or `- task: OTHER`), `deps` and own
 * `vars`; a task given as a string or a list is its commands. The YAML a Taskfile is written in
 * is read only this far: anything else in it is not run.
 */
function readTaskfile(text: string): {vars: Map<string, string>; tasks: Map<string, GoTask>} {
  const vars = new Map<string, string>();
  const tasks = new Map<string, GoTask>();
  const lines = text.split('\n');
  const indentOf = (line: string) => line.length - line.trimStart().length;
  // A `|` or `>` block: the more-indented lines after it.
  const block = (at: number, indent: number, folded: boolean): {text: string; next: number} => {
    const body: string[] = [];
    let i = at;
    for (; i < lines.length && (lines[i]!.trim() === '' || indentOf(lines[i]!) > indent); i++) body.push(lines[i]!);
    const least = Math.min(...body.filter((line) => line.trim() !== '').map(indentOf));
    const trimmed = body.map((line) => line.slice(Number.isFinite(least) ? least : 0));
    return {text: trimmed.join(folded ? ' ' : '\n').trim(), next: i};
  };

  let section: 'vars' | 'tasks' | undefined;
  let task: GoTask | undefined;
  let key: string | undefined;
  let taskIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(?:#|$)/.test(line)) continue;
    const indent = indentOf(line);
    const content = line.trim();
    if (indent === 0) {
      section = /^vars:\s*$/.test(content) ? 'vars' : /^tasks:\s*$/.test(content) ? 'tasks' : undefined;
      task = undefined;
      continue;
    }

    if (section === 'vars') {
      const pair = /^([A-Za-z_]\w*):\s*(.*)$/.exec(content);
      if (pair && !/^[|>{[]/.test(pair[2]!) && pair[2] !== '') vars.set(pair[1]!, scalar(pair[2]!));
      continue;
    }

    if (section !== 'tasks') continue;
    const named = /^([\w:.-]+):\s*(.*)$/.exec(content);
    if (named && (task === undefined || indent <= taskIndent)) {
      task = {cmds: [], deps: [], vars: new Map()};
      taskIndent = indent;
      tasks.set(named[1]!, task);
      key = 'cmds';
      const rest = named[2]!;
      if (rest.startsWith('[')) continue;
      if (rest !== '') {
        task.cmds.push({code: scalar(rest)});
        task = undefined;
      }
      continue;
    }

    if (!task) continue;
    const field = /^([A-Za-z_]\w*):\s*(.*)$/.exec(content);
    if (field && !content.startsWith('-')) {
      key = field[1];
      const rest = field[2]!;
      if (key === 'deps' && rest.startsWith('[')) task.deps.push(...rest.replace(/^\[|\]$/g, '').split(',').map((dep) => scalar(dep)).filter(Boolean));
      else if (key === 'cmd' && rest !== '') task.cmds.push({code: scalar(rest)});
      else if (key === 'cmds' && rest.startsWith('[')) task.cmds.push(...rest.replace(/^\[|\]$/g, '').split(',').map((code) => ({code: scalar(code)})));
      else if (key !== 'cmds' && key !== 'deps' && key !== 'vars' && /^[|>]/.test(rest)) i = block(i + 1, indent, rest.startsWith('>')).next - 1;
      continue;
    }

    if (key === 'vars' && field) continue;
    const item = /^-\s*(.*)$/.exec(content);
    if (!item) {
      const pair = key === 'vars' ? /^([A-Za-z_]\w*):\s*(.+)$/.exec(content) : null;
      if (pair) task.vars.set(pair[1]!, scalar(pair[2]!));
      continue;
    }

    const value = item[1]!;
    if (key === 'deps') task.deps.push(scalar(value.replace(/^task:\s*/, '')));
    else if (key === 'cmds') {
      const sub = /^(cmd|task):\s*(.*)$/.exec(value);
      if (sub?.[1] === 'task') task.cmds.push({task: scalar(sub[2]!)});
      else {
        const code = sub ? sub[2]! : value;
        if (/^[|>][-+]?$/.test(code)) {
          const read = block(i + 1, indent, code.startsWith('>'));
          task.cmds.push({code: read.text});
          i = read.next - 1;
        } else task.cmds.push({code: scalar(code)});
      }
    }
  }

  return {vars, tasks};
}

/** `task [NAME…] [VAR=VALUE…]` (go-task): each task's deps, then its commands, `{{.VAR}}` filled in where guard can. */
function runGoTask(launched: Launched, session: Session): void {
  const words = launched.words.slice(1);
  if (words.some((word) => /^-(?:n|-dry|l|-list|a|-list-all|-summary|h|-help|-version|-init|i)$/.test(word.value ?? ''))) return;
  const file = launched.cwd.known ? projectFile(session, launched.cwd.value, ['Taskfile.yml', 'taskfile.yml', 'Taskfile.yaml', 'taskfile.yaml', 'Taskfile.dist.yml', 'Taskfile.dist.yaml'], true) : undefined;
  if (!file) return;
  const {vars, tasks} = readTaskfile(file.text);
  const operands = words.filter((word) => !word.value?.startsWith('-'));
  for (const word of operands) {
    const set = word.known ? /^([A-Za-z_]\w*)=([\s\S]*)$/.exec(word.value) : null;
    if (set) vars.set(set[1]!, set[2]!);
  }

  const names = operands.filter((word) => !(word.known && /^[A-Za-z_]\w*=/.test(word.value))).map((word) => word.value);
  if (names.some((name) => name === null)) return;
  const state = childState(launched, [known('sh')]);
  state.cwd = known(file.dir);
  const unknowns = new Map([['__guard_unknown_task', 'a Taskfile template guard cannot work out']]);
  const seen = new Set<string>();
  const run = (name: string) => {
    if (seen.has(name) || seen.size > 100) return;
    seen.add(name);
    const task = tasks.get(name);
    if (!task) return;
    for (const dep of task.deps) run(dep);
    const scope = new Map([...vars, ...task.vars]);
    for (const cmd of task.cmds) {
      if ('task' in cmd) {
        run(cmd.task);
        continue;
      }

      const code = cmd.code.replace(/\{\{\s*\.([A-Za-z_]\w*)\s*\}\}/g, (whole, variable: string) => scope.get(variable) ?? '${__guard_unknown_task}').replace(/\{\{[^}]*\}\}/g, '${__guard_unknown_task}');
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
  if (!words.some((word) => word.known && /^(?:exec:exec|org\.codehaus\.mojo:exec-maven-plugin(?::[\w.-]+)?:exec)$/.test(word.value))) return;
  const property = (name: string) => {
    const at = words.findIndex((word) => word.known && (word.value.startsWith(`-D${name}=`) || word.value === '-D'));
    const word = words[at];
    if (!word?.known) return undefined;
    if (word.value === '-D') return words[at + 1]?.known && words[at + 1]!.value!.startsWith(`${name}=`) ? words[at + 1]!.value!.slice(name.length + 1) : undefined;
    return word.value.slice(name.length + 3);
  };

  const executable = property('exec.executable');
  if (executable === undefined || executable === '') return;
  const args = property('exec.args');
  runChild(launched, session, [{value: executable, known: true, raw: executable}, ...(args ? splitString(args).filter((word) => word.value !== '') : [])], 'mvn exec:exec');
}

const examples = () => ({runs: ["mvn exec:exec -Dexec.executable=rm -Dexec.args='x'"], runsNothing: ['just --list', 'just', 'tox -l', 'tox -e py312', 'mvn package', 'mvn exec:exec', 'task --list', 'task build']});

export const taskRunners: Launcher[] = [
  {names: ['just'], run: runJust, examples},
  {names: ['tox'], run: runTox, examples},
  {names: ['mvn', 'mvnw'], run: runMaven, examples},
  {names: ['task', 'go-task'], run: runGoTask, examples},
];
