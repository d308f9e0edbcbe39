// The little languages of ordinary tools, read only as far as where they run commands: sed's `e`,
// vim's `:!`, gdb's `shell`, make's recipes and `$(shell …)`, m4's `esyscmd`, the database
// clients' `\!`, Emacs Lisp's `shell-command`… Each reader returns what the text hands on: shell
// code, code for an interpreter guard's rules read (python, perl, ruby, lua), code in a language
// guard does not read, or commands that come from the tool's input, which guard cannot see.

export type Payload =
  | {kind: 'shell'; code: string; unknowns?: Map<string, string>; where?: string}
  | {kind: 'argv'; words: string[]}
  | {kind: 'interpreter'; program: 'python3' | 'perl' | 'ruby' | 'lua'; code: string}
  | {kind: 'foreign'; language: string; text: string}
  | {kind: 'input'; why: string};

const shell = (code: string, extra: Partial<{unknowns: Map<string, string>; where: string}> = {}): Payload => ({kind: 'shell', code, ...extra});
const foreign = (language: string, text: string): Payload => ({kind: 'foreign', language, text});

/** The text between a bracket at `open` and its match, honouring nesting and quotes; undefined when unbalanced. */
function balanced(text: string, open: number, quotes = `"'`): {inner: string; end: number} | undefined {
  const pair: Record<string, string> = {'(': ')', '{': '}', '[': ']'};
  const close = pair[text[open]!];
  if (!close) return undefined;
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (quotes.includes(ch)) quote = ch;
    else if (ch === text[open]) depth++;
    else if (ch === close && --depth === 0) return {inner: text.slice(open + 1, i), end: i};
  }

  return undefined;
}

/** A C-like string literal at the start of `text` (after spaces): its value, or undefined. */
function stringLiteral(text: string): string | undefined {
  const match = /^\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*$/s.exec(text);
  if (!match) return undefined;
  return (match[1] ?? match[2]!).replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
}

/** `name(arg)` calls in text whose argument is one string literal → shell; any other argument → foreign. */
function calls(text: string, names: RegExp, language: string): Payload[] {
  const found: Payload[] = [];
  for (const match of text.matchAll(names)) {
    const open = match.index! + match[0].length - 1;
    const args = balanced(text, open);
    const literal = args ? stringLiteral(args.inner) : undefined;
    found.push(literal !== undefined ? shell(literal) : foreign(language, text));
  }

  return found;
}

/** GNU sed: the `e` command (its argument, or each input line) and the `s///e` flag. */
export function sedScript(text: string): Payload[] {
  const found: Payload[] = [];
  let i = 0;
  const at = (k = i) => text[k] ?? '';
  const toEnd = (stops = '\n') => {
    const start = i;
    while (i < text.length && !stops.includes(at())) i++;
    return text.slice(start, i);
  };

  const delimited = (delimiter: string) => {
    let part = '';
    while (i < text.length && at() !== delimiter) {
      if (at() === '\\' && i + 1 < text.length) {
        part += at() + at(i + 1);
        i += 2;
      } else part += text[i++];
    }

    i++;
    return part;
  };

  const address = () => {
    if (/\d/.test(at())) {
      while (/[\d~]/.test(at())) i++;
    } else if (at() === '$') i++;
    else if (at() === '/' || at() === '\\') {
      const delimiter = at() === '/' ? '/' : at(i + 1);
      i += at() === '/' ? 1 : 2;
      delimited(delimiter);
      while (/[IM]/.test(at())) i++;
    } else return false;
    return true;
  };

  while (i < text.length) {
    if (/[\s;}]/.test(at())) {
      i++;
      continue;
    }

    if (at() === '#') {
      toEnd();
      continue;
    }

    if (address()) {
      while (at() === ' ') i++;
      if (at() === ',') {
        i++;
        while (at() === ' ') i++;
        if (at() === '+' || at() === '~') {
          i++;
          while (/\d/.test(at())) i++;
        } else address();
      }
    }

    while (/[\s!]/.test(at())) i++;
    const command = text[i++];
    if (command === undefined) break;
    if (command === '{' || '=dDgGhHlnNpPxzF'.includes(command)) continue;
    if (command === 'e') {
      const argument = toEnd().trim();
      found.push(argument ? shell(argument) : {kind: 'input', why: "sed's e command runs each line of its input as a command"});
    } else if ('aic'.includes(command)) {
      while (i < text.length) {
        const line = toEnd();
        i++;
        if (!line.endsWith('\\')) break;
      }
    } else if ('rRwW'.includes(command)) toEnd();
    else if (':btT'.includes(command)) toEnd('\n;}');
    else if ('qQlLv'.includes(command)) toEnd('\n;}');
    else if (command === 's' || command === 'y') {
      const delimiter = text[i++] ?? '/';
      const pattern = delimited(delimiter);
      const replacement = delimited(delimiter);
      if (command === 'y') continue;
      let execute = false;
      while (i < text.length && !'\n;}'.includes(at())) {
        if (at() === 'w') {
          toEnd();
          break;
        }

        if (at() === 'e') execute = true;
        i++;
      }

      // s/.*/CMD/e runs CMD itself; otherwise the command is whatever the line becomes.
      if (execute) found.push(/^\^?\.\*\$?$/.test(pattern) && !/\\\d|&/.test(replacement) ? shell(replacement.replace(/\\(.)/g, '$1')) : {kind: 'input', why: "sed's s///e flag runs each line it edits as a command"});
    } else break;
  }

  return found;
}

const interpreters: Array<[RegExp, 'python3' | 'perl' | 'ruby' | 'lua']> = [
  [/^(?:py|pyt|pyth|pytho|python|py3|python3|pyx|pythonx|pydo|py3do|pyxdo)$/, 'python3'],
  [/^(?:lua|luado)$/, 'lua'],
  [/^(?:pe|per|perl|perldo)$/, 'perl'],
  [/^(?:rub|ruby|rubydo)$/, 'ruby'],
];

const prefixOf = (name: string, full: string, shortest: number) => name.length >= shortest && full.startsWith(name);

/** Vim's Ex commands (`-c`, `+cmd`, `--cmd`, `ex` on stdin): `:!`, `:r !`, `:w !`, `:terminal`, `system()`, `:py`…, `:execute`. */
export function exCommands(text: string): Payload[] {
  return text.split('\n').flatMap((line) => exCommand(line, 0));
}

function exCommand(line: string, depth: number): Payload[] {
  if (depth > 8) return [];
  const command = line.replace(/^[\s:]*(?:[%.$]|\d+|'[a-z<>]|\/(?:[^/\\]|\\.)*\/|[,;+-]|\s)*/, '');
  if (command === '') return [];
  if (command.startsWith('!')) return [shell(command.slice(1))];
  const match = /^([A-Za-z]+(?:3[A-Za-z]*)?|\d)(!?)\s*([\s\S]*)$/.exec(command);
  if (!match) return [];
  const [, name, , rest] = match as unknown as [string, string, string, string];
  const next = () => {
    const bar = rest.search(/(?<!\\)\|/);
    return bar === -1 ? [] : exCommand(rest.slice(bar + 1), depth + 1);
  };

  if ((prefixOf(name, 'read', 1) || prefixOf(name, 'write', 1)) && rest.startsWith('!')) return [shell(rest.slice(1))];
  if (prefixOf(name, 'silent', 3)) return exCommand(rest, depth + 1);
  if (prefixOf(name, 'terminal', 3)) {
    const code = rest.replace(/^(?:\+\+\S+\s*)*/, '');
    return code ? [shell(code)] : [];
  }

  for (const [pattern, program] of interpreters) if (pattern.test(name)) return rest.trim() && !rest.trim().startsWith('<<') ? [{kind: 'interpreter', program, code: rest}] : [foreign(`Vim's ${program}`, command)];
  if (/^(?:tcl|tcldo|tclfile|mz|mzscheme|mzfile|pyf|pyfile|py3f|py3file|luafile|rubyfile|perlfile)$/.test(name)) return [foreign(`Vim's ${name}`, command)];
  if (prefixOf(name, 'execute', 3)) {
    const strings = [...rest.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'/g)];
    const literal = rest.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[\s.]/g, '') === '';
    if (!literal) return [foreign('Vim script', command)];
    return exCommand(strings.map((m) => m[1] ?? m[2]!.replace(/''/g, "'")).join(''), depth + 1);
  }

  const runs = calls(rest, /\b(?:system|systemlist|job_start|jobstart|termopen|term_start)\s*\(/g, 'Vim script');
  return [...runs, ...next()];
}

/** gdb commands (`-ex`): `!`, `shell`, `pipe … | CMD`, `python`, `guile`, `call system("…")`. */
export function gdbCommand(text: string): Payload[] {
  const line = text.trim();
  if (line.startsWith('!')) return [shell(line.slice(1))];
  const match = /^(\S+)\s*([\s\S]*)$/.exec(line);
  if (!match) return [];
  const [, name, rest] = match as unknown as [string, string, string];
  if (name === 'shell') return [shell(rest)];
  if (name === 'pipe' || name === '|') {
    const delimiter = /^-d\s+(\S+)\s/.exec(rest)?.[1] ?? '|';
    const at = rest.lastIndexOf(delimiter);
    return at === -1 ? [] : [shell(rest.slice(at + delimiter.length))];
  }

  if (/^(?:python|py|python-interactive|pi)$/.test(name)) return rest.trim() ? [{kind: 'interpreter', program: 'python3', code: rest}] : [];
  if (/^(?:guile|gu|guile-repl|gr|compile|expression)$/.test(name)) return [foreign(`gdb's ${name}`, line)];
  return calls(rest, /\b(?:system|popen|execl|execlp|execv|execvp)\s*\(/g, 'C in gdb');
}

/** A makefile (`make -f -`, `--eval`): its recipes, each in its own shell, and `$(shell …)`. `vars`: the make variables known, by name. */
export function makefile(text: string, vars: ReadonlyMap<string, string> = new Map()): Payload[] {
  const found: Payload[] = [];
  const unknowns = new Map<string, string>();
  let count = 0;
  const convert = (code: string): string => {
    let out = '';
    for (let i = 0; i < code.length; i++) {
      const ch = code[i]!;
      if (ch !== '$') {
        out += ch;
        continue;
      }

      const next = code[i + 1] ?? '';
      if (next === '$') {
        out += '$';
        i++;
        continue;
      }

      const name = `__guard_unknown_make_${++count}`;
      if (next === '(' || next === '{') {
        const inner = balanced(code, i + 1, '');
        if (!inner) return out + code.slice(i);
        const value = makeValue(inner.inner, vars);
        if (value !== undefined) {
          out += value.glob ? convert(value.text) : value.text;
          i = inner.end;
          continue;
        }

        const shellCall = /^shell\s+([\s\S]*)$/.exec(inner.inner);
        if (shellCall) found.push(shell(convert(shellCall[1]!), {unknowns}));
        unknowns.set(name, shellCall ? 'the output of make $(shell …)' : `the make variable ${inner.inner}`);
        i = inner.end;
      } else {
        unknowns.set(name, `the make variable $${next}`);
        i++;
      }

      out += '${' + name + '}';
    }

    return out;
  };

  const lines = text.replace(/\\\n\t?/g, ' ').split('\n');
  for (const line of lines) {
    if (line.startsWith('\t')) {
      const code = convert(line.slice(1).replace(/^[\s@+-]+/, '')).replace(/\u0000/g, '\n');
      if (code.trim()) found.push(shell(`( ${code}\n)`, {unknowns}));
      continue;
    }

    // `target: prerequisites ; recipe`; `$(shell …)` anywhere else runs while make reads the file.
    const rule = /^[^=#:]*[^:=#]:(?![:=])[^;=#]*;(.*)$/.exec(line);
    convert(rule ? line.slice(0, line.length - rule[1]!.length - 1) : line);
    if (rule?.[1]?.trim()) found.push(shell(`( ${convert(rule[1])}\n)`, {unknowns}));
  }

  return found;
}

/**
 * What `$(…)` comes to when make's own text says: a variable with a plain value, a substitution
 * reference (`$(OBJS:.o=.d)`), or `$(wildcard PATTERN)`, which is the shell's glob of it.
 */
function makeValue(inner: string, vars: ReadonlyMap<string, string>): {text: string; glob?: boolean} | undefined {
  const plain = (name: string) => {
    const value = vars.get(name);
    return value !== undefined && !value.includes('$') ? value : undefined;
  };

  if (/^[A-Za-z_.@<^+*][\w.-]*$/.test(inner)) {
    const value = plain(inner);
    return value === undefined ? undefined : {text: value};
  }

  const reference = /^([A-Za-z_][\w.-]*):%?([^=%]*)=%?([^=%]*)$/.exec(inner);
  if (reference) {
    const value = plain(reference[1]!);
    if (value === undefined) return undefined;
    const [, , from, to] = reference;
    return {text: value.split(/\s+/).filter(Boolean).map((word) => (from && word.endsWith(from) ? word.slice(0, -from.length) + to : word)).join(' ')};
  }

  const wildcard = /^wildcard\s+(.+)$/.exec(inner);
  return wildcard ? {text: wildcard[1]!.trim(), glob: true} : undefined;
}

// The variables make defines itself, as GNU make sets them.
const makeDefaults: Array<[string, string]> = [['MAKE', 'make'], ['RM', 'rm -f'], ['SHELL', '/bin/sh'], ['CC', 'cc'], ['CXX', 'g++'], ['MKDIR', 'mkdir'], ['INSTALL', 'install']];

/**
 * A project's makefile run for its goals (`make`, `make clean`; `.DEFAULT_GOAL` or the first
 * target when none is given): the recipes of those targets and of what they depend on, with the
 * makefile's plain variables, the command line's and the environment's filled in (`$@`, `$<`, `$^`
 * too; an undefined one is empty). A variable set inside a conditional is unknown. `$(shell …)`
 * anywhere runs as make reads the file. A goal whose recipe may come from what guard does not
 * read (an included makefile, a pattern rule, `.DEFAULT`) is code guard cannot see, as is a recipe
 * for a shell other than sh.
 */
export function projectMakefile(text: string, goals: string[], overrides: ReadonlyMap<string, string>, cwd: string, env: ReadonlyMap<string, string | null>): Payload[] {
  const vars = new Map<string, string>(makeDefaults);
  vars.set('CURDIR', cwd);
  vars.set('MAKECMDGOALS', goals.join(' '));
  const overridden = new Set<string>();
  interface Rule {
    prereqs: string[];
    recipe: string[];
  }

  const rules = new Map<string, Rule>();
  const read: string[] = [];
  let first: string | undefined;
  let defaultGoal: string | undefined;
  let unread: string | undefined;
  let conditional = 0;
  let current: Array<[string, Rule]> = [];
  // A backslash at the end of a line joins the next (a recipe's next line loses its tab), as make reads it.
  for (const line of text.replace(/\\\n\t?/g, ' ').split('\n')) {
    if (line.startsWith('\t')) {
      for (const [, rule] of current) rule.recipe.push(line.slice(1));
      continue;
    }

    if (/^\s*(?:ifn?eq|ifn?def)\b/.test(line)) conditional++;
    else if (/^\s*endif\b/.test(line)) conditional = Math.max(0, conditional - 1);
    if (/^\s*-?(?:include|sinclude)\s/.test(line)) unread ??= 'it includes another makefile';
    if (/^\s*\.RECIPEPREFIX\b/.test(line)) unread ??= 'it changes what starts a recipe (.RECIPEPREFIX)';
    const goal = /^\s*\.DEFAULT_GOAL\s*:{0,3}=\s*(\S+)/.exec(line);
    if (goal) defaultGoal = goal[1];
    const assignment = /^\s*(override\s+)?(?:export\s+)?([A-Za-z_][\w.-]*)\s*(:{1,3}=|\?=|\+=|!=|=)\s*(.*)$/.exec(line);
    if (assignment) {
      current = [];
      read.push(line);
      const [, override, name, op, raw] = assignment as unknown as [string, string | undefined, string, string, string];
      if (override) overridden.add(name);
      // What make's own text says is filled in now (`:=` does so; for `=` it is what it comes to here).
      const value = raw.replace(/\$[({]([^$(){}]*)[)}]/g, (whole, inner: string) => makeValue(inner, vars)?.text ?? whole).trim();
      if (conditional > 0) {
        vars.set(name, '$(depends on a conditional)');
        continue;
      }

      if (op === '?=' && (vars.has(name) || env.has(name))) continue;
      // `X != CMD` runs CMD as make reads the file.
      if (op === '!=') read.push(`$(shell ${raw})`);
      if (op === '!=') vars.set(name, '$(shell)');
      else if (op === '+=' && vars.has(name)) vars.set(name, `${vars.get(name)} ${value}`.trim());
      else vars.set(name, value);
      continue;
    }

    // A comment may end the line (`nuke: ## reset the host`, as self-documenting makefiles write).
    const rule = /^([^\s#=:][^#=:]*?)\s*::?(?!=)([^;#]*?)\s*(?:;(.*)|#.*)?$/.exec(line);
    if (rule && !rule[2]!.includes('=')) {
      read.push(rule[1]! + ':' + rule[2]!);
      const names = rule[1]!.trim().split(/\s+/);
      if (names.some((target) => target.includes('%') || target === '.DEFAULT')) unread ??= 'a pattern rule or .DEFAULT may make it';
      const prereqs = rule[2]!.replace(/\|/g, ' ').trim().split(/\s+/).filter(Boolean);
      current = names.filter((target) => !target.includes('%')).map((target) => {
        const known = rules.get(target) ?? {prereqs: [], recipe: []};
        known.prereqs.push(...prereqs);
        rules.set(target, known);
        return [target, known] as [string, Rule];
      });
      if (rule[3]?.trim()) for (const [, known] of current) known.recipe.push(rule[3]);
      first ??= names.find((target) => !target.startsWith('.') && !target.includes('%') && !target.includes('$'));
      continue;
    }

    if (line.trim() !== '' && !line.trimStart().startsWith('#')) current = [];
    read.push(line);
  }

  for (const [name, value] of overrides) if (!overridden.has(name)) vars.set(name, value);
  // A variable the makefile does not set is the environment's, or empty.
  for (const [name, value] of env) if (!vars.has(name)) vars.set(name, value ?? '$(from the environment)');
  const shell = vars.get('SHELL') ?? '/bin/sh';
  const wanted = goals.length > 0 ? [...goals] : defaultGoal ? [defaultGoal] : first ? [first] : [];
  const seen = new Set<string>();
  const recipes: string[] = [];
  const oneShell = /^\.ONESHELL\s*:/m.test(text);
  for (let i = 0; i < wanted.length && seen.size < 200; i++) {
    const target = wanted[i]!;
    if (seen.has(target)) continue;
    seen.add(target);
    const rule = rules.get(target);
    if (!rule || rule.recipe.length === 0) {
      // A goal the makefile names without a recipe here: one may come from where guard does not read.
      if (unread && (i < goals.length || !rule)) return [{kind: 'input', why: `the recipe of ${target} may come from what guard does not read (${unread})`}];
      if (!rule) continue;
    }

    wanted.push(...rule.prereqs);
    const automatic = new Map([['@', target], ['<', rule.prereqs[0] ?? ''], ['^', [...new Set(rule.prereqs)].join(' ')], ['+', rule.prereqs.join(' ')]]);
    const lines = rule.recipe.map((line) => line.replace(/\$(\$|[@<^+]|\([@<^+]\))/g, (whole, name: string) => (name === '$' ? whole : automatic.get(name.replace(/[()]/g, ''))!)));
    if (!/(?:^|\/)(?:ba|da)?sh$/.test(shell) && lines.length > 0) return [foreign(`${shell} (make's SHELL)`, lines.join('\n'))];
    // With .ONESHELL the whole recipe is one script; a NUL stands for its line breaks until makefile() reads it.
    const body = oneShell ? [lines.map((line) => line.replace(/^[\s@+-]+/, '')).join('\u0000')] : lines;
    recipes.push(`${target.replace(/[:;=]/g, '_')}:`, ...body.map((line) => `\t${line}`));
  }

  const all = [...read, ...recipes].join('\n');
  for (const [, name] of all.matchAll(/\$[({]([A-Za-z_][\w.-]*)[)}]/g)) if (!vars.has(name!)) vars.set(name!, '');
  return makefile(all, vars);
}

/** m4's esyscmd(…) and syscmd(…), with m4's `quotes' removed. */
export function m4Text(text: string): Payload[] {
  const found: Payload[] = [];
  for (const match of text.matchAll(/\b(?:esyscmd|syscmd)\(/g)) {
    const args = balanced(text, match.index! + match[0].length - 1, '');
    if (args) found.push(shell(args.inner.replace(/^\s*`([\s\S]*)'\s*$/, '$1')));
  }

  return found;
}

/** Emacs Lisp (`--eval`): the calls that run programs or delete files. */
export function elisp(source: string): Payload[] {
  const found: Payload[] = [];
  const atom = /"((?:[^"\\]|\\.)*)"|\(|\)|[^\s()"]+/g;
  for (const match of source.matchAll(/\((shell-command|async-shell-command|shell-command-to-string|call-process-shell-command|start-process-shell-command|process-lines|call-process|start-process|make-process|term|ansi-term|delete-directory|delete-file)\s/g)) {
    const form = balanced(source, match.index!, '"');
    if (!form) continue;
    const args: Array<{string?: string; other?: string}> = [...form.inner.slice(match[1]!.length).matchAll(atom)].map((m) => (m[1] !== undefined ? {string: m[1].replace(/\\(.)/g, '$1')} : {other: m[0]}));
    const text = (k: number): string | undefined => args[k]?.string;
    const strings = (from: number) => args.slice(from).flatMap((arg) => (arg.string === undefined ? [] : [arg.string]));
    const name = match[1]!;
    const first = text(0);
    const opaque = foreign('Emacs Lisp', form.inner);
    if (name === 'process-lines' || name === 'term' || name === 'ansi-term') found.push(first === undefined ? opaque : {kind: 'argv', words: strings(0)});
    else if (name === 'call-process') found.push(first === undefined ? opaque : {kind: 'argv', words: [first, ...strings(4)]});
    else if (name === 'start-process') found.push(text(2) === undefined ? opaque : {kind: 'argv', words: strings(2)});
    else if (name === 'start-process-shell-command') found.push(text(2) === undefined ? opaque : shell(text(2)!));
    else if (name === 'make-process') found.push(opaque);
    else if (name === 'delete-directory') found.push(first === undefined ? opaque : {kind: 'argv', words: ['rm', args[1]?.other !== undefined && args[1].other !== 'nil' ? '-rf' : '-d', '--', first]});
    else if (name === 'delete-file') found.push(first === undefined ? opaque : {kind: 'argv', words: ['rm', '-f', '--', first]});
    else found.push(first === undefined ? opaque : shell(first));
  }

  return found;
}

/** gnuplot (`-e`): `system("…")`, `!cmd`, backquotes, and `"< cmd"` data files. */
export function gnuplot(text: string): Payload[] {
  const found: Payload[] = [...calls(text, /\bsystem\s*\(/g, 'gnuplot')];
  for (const statement of text.split(/[;\n]/)) if (/^\s*!/.test(statement)) found.push(shell(statement.replace(/^\s*!/, '')));
  for (const match of text.matchAll(/`([^`]*)`/g)) found.push(shell(match[1]!));
  for (const match of text.matchAll(/["']<\s*([^"']+)["']/g)) found.push(shell(match[1]!));
  return found;
}

/** TeX with --shell-escape: `\write18{…}` and `\input|"…"`. */
export function tex(text: string): Payload[] {
  const found: Payload[] = [];
  for (const match of text.matchAll(/\\write18\s*\{/g)) {
    const inner = balanced(text, match.index! + match[0].length - 1, '');
    if (inner) found.push(shell(inner.inner));
  }

  for (const match of text.matchAll(/\\input\s*\|\s*"([^"]*)"/g)) found.push(shell(match[1]!));
  return found;
}

/** Puppet (`puppet apply -e`): the commands of exec resources. */
export function puppet(text: string): Payload[] {
  const found: Payload[] = [];
  for (const match of text.matchAll(/\bexec\s*\{\s*(["'])((?:(?!\1)[^\\]|\\.)*)\1\s*:([^}]*)\}/g)) {
    const command = /\bcommand\s*=>\s*(["'])((?:(?!\1)[^\\]|\\.)*)\1/.exec(match[3]!)?.[2];
    found.push(shell(command ?? match[2]!));
  }

  return found;
}

/** psql meta-commands and SQL: `\!`, output piped to a command, `\copy … program`, and COPY … PROGRAM on the server. */
export function psqlText(text: string): Payload[] {
  const found: Payload[] = [];
  if (!text.includes('\\') && !/program/i.test(text)) return found;
  for (const match of text.matchAll(/\\!([^\n]*)/g)) if (match[1]!.trim()) found.push(shell(match[1]!));
  for (const match of text.matchAll(/\\(?:o|out|g|gx|w|write)\s*\|([^\n]*)/g)) found.push(shell(match[1]!));
  // `\copy … program 'cmd'` runs here; SQL `COPY … PROGRAM 'cmd'` runs on the server. Each PROGRAM looks back to its statement's start.
  for (const match of text.matchAll(/\bprogram\s+(?:'((?:[^']|'')*)'|"([^"]*)")/gi)) {
    const at = match.index!;
    const line = text.slice(text.lastIndexOf('\n', at) + 1, at);
    const statement = text.slice(Math.max(text.lastIndexOf(';', at) + 1, at - 10_000), at);
    const code = (match[1] ?? match[2]!).replace(/''/g, "'");
    if (/\\copy\b/i.test(line)) found.push(shell(code));
    else if (/(?<!\\)\bcopy\b/i.test(statement)) found.push(shell(code, {where: 'on the database server'}));
  }

  return found;
}

/** mysql/mariadb client commands: `\!`/`system` run a shell command, `\P`/`pager` pipe output through one. */
export function mysqlText(text: string): Payload[] {
  const found: Payload[] = [];
  if (!/\\[!P]|system|pager/i.test(text)) return found;
  for (const statement of text.split(/[;\n]/)) {
    const match = /^\s*(?:\\!|system\b|\\P|pager\b)\s*([\s\S]*)$/i.exec(statement);
    if (match?.[1]?.trim()) found.push(shell(match[1]));
  }

  return found;
}

/** sqlite3 dot-commands: `.shell`, `.system`, output or imports through `|cmd`, and `.load` of a library. */
export function sqliteText(text: string): Payload[] {
  const found: Payload[] = [];
  if (!text.includes('.')) return found;
  for (const line of text.split('\n')) {
    const command = /^\s*\.(shell|system|output|once|import|load)\s+([\s\S]*)$/.exec(line);
    if (!command) continue;
    const [, name, rest] = command as unknown as [string, string, string];
    if (name === 'shell' || name === 'system') found.push(shell(rest));
    else if (name === 'load') found.push(foreign('a shared library sqlite3 loads', rest));
    else {
      const piped = /^(?:-\S+\s+)*(['"]?)\|([\s\S]*?)\1(?:\s|$)/.exec(rest);
      if (piped) found.push(shell(piped[2]!));
    }
  }

  return found;
}

/** dc: `!` runs the rest of the line as a shell command. */
export function dcText(text: string): Payload[] {
  return [...text.matchAll(/!(?![<>=])([^\n]*)/g)].map((match) => shell(match[1]!));
}

/** Commands of interactive clients that take a script (lftp -c, mail --exec): `!` runs the rest of the command in a shell. */
export function bangCommands(text: string, separators = /[;\n]/): Payload[] {
  return text.split(separators).flatMap((part) => (/^\s*!/.test(part) ? [shell(part.replace(/^\s*!/, ''))] : []));
}
