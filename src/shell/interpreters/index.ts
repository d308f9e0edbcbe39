// Interpreters' one-liners (`python -c`, `perl -e`, `ruby -e`, `node -e`, `php -r`, `lua -e`,
// awk programs, and their code on stdin): the well-known calls that delete, truncate, write,
// start commands or signal processes are judged as the shell commands they amount to
// (`shutil.rmtree(X)` is `rm -rf X`, `open(X, "w")` is `: > X`, `os.system(S)` is `sh -c S`),
// so the path, rm, write and kill rules apply unchanged, and the reason names the call. Code
// guard cannot read (`eval` of a computed string) marks the command for fs.inline-code.
import {type CodeText, codeFromAtoms, codeFromWords} from '../code.js';
import {type Atom, emptyQuoted, fromValue, literal} from '../atoms.js';
import {type Launcher, describe, feed, inputText, runChild, runCodeString} from '../handoff.js';
import {brief, wordFromAtoms} from '../expand.js';
import {known, unknown} from '../state.js';
import {literalWord} from '../wrappers.js';
import type {Word} from '../types.js';
import {awkCalls} from './awk.js';
import {type Derived, type Found, Site} from './amounts.js';
import {type Call, aliasesOf, boundCalls, findCalls, namesOf, passedCalls} from './calls.js';
import {type Language, type Part, type Token, tokenize} from './lexer.js';
import {type Entry, bareCalls, forkCalls, tables} from './tables.js';
import type {Launched} from '../launched.js';
import type {Session} from '../session-port.js';
import {runPackageScript} from '../sessions.js';
import {writtenFile} from '../written.js';

/** The language a program name speaks, or undefined. */
export function languageOf(name: string): Language | undefined {
  if (/^(?:python[\d.]*|pypy[\d.]*)$/.test(name)) return 'python';
  if (/^perl[\d.]*$/.test(name)) return 'perl';
  if (/^(?:ruby[\d.]*|jruby|truffleruby)$/.test(name)) return 'ruby';
  if (/^(?:node|nodejs|bun|deno)$/.test(name)) return 'node';
  if (/^php[\d.]*(?:-cli)?$/.test(name)) return 'php';
  if (/^(?:lua[\d.]*|luajit)$/.test(name)) return 'lua';
  if (/^(?:g|m|n|busybox-|original-)?awk$/.test(name)) return 'awk';
  return undefined;
}

export const interpreterNames = ['python', 'python2', 'python3', 'pypy', 'pypy3', 'perl', 'ruby', 'node', 'nodejs', 'bun', 'deno', 'php', 'lua', 'luajit', 'lua5.1', 'lua5.3', 'lua5.4', 'awk', 'gawk', 'mawk', 'nawk'];

/** The code flags of each language, and the options whose value is not code. */
const flags: Record<Exclude<Language, 'awk'>, {code: string[]; valued: string[]}> = {
  python: {code: ['-c'], valued: ['-m', '-W', '-X', '-Q']},
  perl: {code: ['-e', '-E'], valued: ['-I', '-M', '-m', '-x', '-i', '-0', '-l', '-C', '-d', '-D']},
  ruby: {code: ['-e'], valued: ['-I', '-r', '-C', '-E', '-F', '-0', '-i', '-x', '-W', '-T', '-K']},
  node: {code: ['-e', '--eval', '-p', '--print'], valued: ['-r', '--require', '--import', '--loader', '--input-type', '--env-file', '--conditions', '-C', '--max-old-space-size']},
  php: {code: ['-r', '-B', '-R', '-E'], valued: ['-d', '-c', '-z', '-f', '-F']},
  lua: {code: ['-e'], valued: ['-l']},
};

/** A piece of code an interpreter runs: the flag (or `stdin`) that gave it, and the arguments the command line gives it. */
interface Code {
  code: CodeText;
  via: string;
  args?: Word[];
}

/** The code a command runs: each piece with the flag (or `stdin`) that gave it. */
function codesOf(launched: Launched, session: Session, language: Language): Code[] {
  const words = launched.words;
  const name = launched.command.program.value!;
  const codes: Code[] = [];
  const add = (word: Word | undefined, flag: string, text?: string) => {
    if (word) codes.push({code: text === undefined ? codeOf(word) : {text, unknowns: new Map()}, via: `${name} ${flag}`});
  };

  let script = false;
  let i = 1;
  if (language === 'awk') {
    let program = false;
    for (; i < words.length; i++) {
      const text = words[i]!.value;
      if (text === null || text === '--' || !text.startsWith('-') || text === '-') break;
      if (/^-[fvF]$|^--(?:file|assign|field-separator|include|load)$/.test(text)) {
        program ||= text === '-f' || text === '--file';
        i++;
      } else if (text === '-e' || text === '--source') {
        add(words[++i], text);
        program = true;
      } else if (/^-f./.test(text)) program = true;
    }

    if (words[i]?.value === '--') i++;
    if (!program) add(words[i], 'program');
    return codes;
  }

  const {code: codeFlags, valued} = flags[language];
  if (language === 'node' && name === 'deno' && words[1]?.value === 'eval') {
    add(words[2], 'eval');
    return codes;
  }

  for (; i < words.length; i++) {
    const text = words[i]!.value;
    if (text === null) {
      script = true;
      break;
    }

    if (text === '-' || text === '--' || !text.startsWith('-')) {
      script = text !== '-' && text !== '--';
      break;
    }

    const long = codeFlags.find((flag) => flag.startsWith('--') && (text === flag || text.startsWith(`${flag}=`)));
    if (long) {
      if (text === long) add(words[++i], long);
      else add(words[i], long, text.slice(long.length + 1));
      continue;
    }

    if (text.startsWith('--')) {
      if (valued.includes(text)) i++;
      continue;
    }

    // A cluster (`-le`, `-pi.bak`, `-Sc`): letters until one that takes a value; a code flag takes the rest or the next word.
    let k = 1;
    for (; k < text.length; k++) {
      const letter = `-${text[k]}`;
      if (codeFlags.includes(letter)) {
        const rest = text.slice(k + 1);
        if (rest) add(words[i], letter, rest);
        else add(words[++i], letter);
        break;
      }

      // perl's -l and -0 (ruby's -0) take only digits, and the cluster goes on after them.
      if ((letter === '-0' || (letter === '-l' && language === 'perl')) && (language === 'perl' || language === 'ruby')) {
        while (/[\dxa-fA-F]/.test(text[k + 1] ?? '') && !codeFlags.includes(`-${text[k + 1]}`)) k++;
        continue;
      }

      if (valued.includes(letter)) {
        if (k === text.length - 1 && !['-i', '-x', '-C'].includes(letter)) i++;
        break;
      }
    }

    if (language === 'python' && text === '-m') break;
    // Python reads no option after `-c CODE`: every word after it is the code's (`-x` too).
    if (language === 'python' && codes.length > 0) {
      i++;
      break;
    }
  }

  // A script file is not read, but one a command prints (`python3 <(curl -s URL)`) is code that
  // command feeds the interpreter, as `bash <(curl -s URL)` is; and one the same code wrote
  // (`cat > purge.py <<'PY'` … then `python3 purge.py`) is read as that code.
  // The words after the code are its arguments (`python3 -c CODE ./build`: sys.argv[1]).
  const args = words.slice(words[i]?.value === '--' && language !== 'python' ? i + 1 : i);
  if (language === 'python' && codes.length > 0) script = false;
  for (const code of codes) code.args = args;
  if (script && words[i]) {
    feed([words[i]!], session);
    const file = words[i]!;
    // With code given (`perl -pi -e CODE FILE`), the file is data, not the script.
    const written = file.known && codes.length === 0 ? writtenFile(session, file.value, launched.cwd) : undefined;
    if (written && 'text' in written) codes.push({code: {text: written.text, unknowns: new Map()}, via: `${name} ${file.value} (written by the code)`, args: words.slice(i + 1)});
    else if (written) session.problem('unanalysable', `${name} runs ${file.value}, which guard cannot know: ${written.problem}`, launched.raw.location);
  }
  if (codes.length === 0 && !script && (words[i]?.value === '-' || i >= words.length)) codes.push(...stdinCode(launched, session, language));
  return codes;
}

/** The code an interpreter reads on standard input: seen (a heredoc, `echo … |`), or from a pipe guard cannot see, which is refused as a shell's would be. */
function stdinCode(launched: Launched, session: Session, language: Language): Array<{code: CodeText; via: string}> {
  const name = launched.command.program.value!;
  const input = inputText(launched);
  const tap = launched.raw.frame.pipeIn;
  if (input === 'unseen' && tap && !launched.raw.stdin) {
    for (const producer of tap.commands) producer.feedsShell = true;
    session.problem('unanalysable', `${name} runs code read from a pipe (${describe(tap.commands)}), which guard cannot see`, launched.raw.location);
  }

  // A file on its input the same code wrote (`python3 < x.py`): read as the script would be.
  const stdin = launched.raw.stdin ?? (tap ? undefined : launched.raw.frame.input?.stdin);
  if (input === 'unseen' && stdin?.kind === 'file' && stdin.target.known) {
    const written = writtenFile(session, stdin.target.value, stdin.from ?? launched.cwd);
    if (written && 'problem' in written) session.problem('unanalysable', `${name} runs what ${stdin.target.value} holds, which guard cannot know: ${written.problem}`, launched.raw.location);
    if (written && 'text' in written) return [{code: {text: written.text, unknowns: new Map()}, via: `${name} < ${stdin.target.value} (written by the code)`}];
  }

  if (!input || input === 'unseen') return [];
  const text = language === 'php' ? phpBody(input.text) : input.text;
  return text === undefined ? [] : [{code: {text, unknowns: input.unknowns}, via: `${name} (code on standard input)`}];
}

/** PHP runs only what stands after `<?php`; the rest it prints. */
const phpBody = (text: string): string | undefined => {
  const at = text.indexOf('<?php');
  return at === -1 ? undefined : text.slice(at + 5);
};

const codeOf = (word: Word): CodeText => (word.known ? {text: word.value, unknowns: new Map()} : codeFromWords([word]));

/** `os.path.join` as a call reads it: the qualifier next to the name, and the name. */
function splitName(dotted: string): [string | undefined, string] {
  const parts = dotted.split('.');
  return [parts.at(-2), parts.at(-1)!];
}

/** Whether code names a module as a word of its own (`pg`, not the `pg` of `upgrade`; `google.cloud` in `google.cloud.storage`). */
const mentions = (code: string, module: string) => new RegExp(`(?<![\\w])${module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`).test(code);

/** The table entry for a call, if any. */
function entryFor(table: Entry[], call: Call, code: string, aliases: Map<string, string>): Entry | undefined {
  const aliased = aliases.get(call.qualifier === undefined ? call.name : call.qualifier);
  const [qualifier, name] = aliased === undefined ? [call.qualifier, call.name] : call.qualifier === undefined ? splitName(aliased) : [aliased, call.name];
  const keys = qualifier === undefined ? [name] : [`${qualifier.replace(/^node:/, '')}.${name}`, `*.${name}`];
  for (const key of keys) {
    const entry = table.find((candidate) => candidate.calls.includes(key) && (!candidate.needs || mentions(code, candidate.needs)) && !candidate.unless?.test(code));
    if (entry) return entry;
  }

  return undefined;
}

const loops = new Set(['while', 'loop', 'until', 'for', 'setInterval', 'repeat', 'foreach']);
const selfSpawn = /process\.execPath|process\.argv|__filename|sys\.executable|sys\.argv|\$0|\$\^X|__FILE__/;

/** What one piece of code amounts to, call by call. */
export function readCode(text: string, language: Language, unknowns: Map<string, string> = new Map(), depth = 0): Found[] {
  if (language === 'awk') return awkCalls(text, unknowns);
  const tokens = tokenize(text, language, unknowns);
  const table = tables[language];
  const found: Found[] = [];
  const quote = (start: number, end: number) => text.slice(start, end).trim();
  const holes = tokens.filter((token) => token.kind === 'hole');
  if (holes.length > 0 && (holes.length === tokens.length || tokens.some((token, k) => token.kind === 'hole' && isPunct(tokens[k + 1], '(')))) {
    found.push({derived: {kind: 'opaque', why: `part of the code is not known: ${(holes[0] as {why: string}).why}`}, call: brief(text)});
  }

  let forks = tokens.find((token, k) => token.kind === 'name' && forkCalls[language].test(isPunct(tokens[k - 1], '.') && tokens[k - 2]?.kind === 'name' ? `${(tokens[k - 2] as {text: string}).text}.${token.text}` : token.text))?.at;
  const names = namesOf(tokens, language);
  const aliases = language === 'python' ? aliasesOf(tokens) : new Map<string, string>();
  for (const call of passedCalls(boundCalls(findCalls(tokens, language, bareCalls[language]), tokens, language), language)) {
    const entry = entryFor(table, call, text, aliases);
    if (!entry) continue;
    const written = quote(call.start, call.end);
    if (language === 'node' && /^(?:spawn|spawnSync|fork|execFile|execFileSync|exec|execSync)$/.test(call.name) && selfSpawn.test(written)) forks ??= call.start;
    for (const derived of entry.amounts(new Site(call, language, names))) {
      if (derived.kind === 'code') {
        if (depth < 3) found.push(...readCode(derived.text, language, unknowns, depth + 1).map((inner) => ({...inner, call: `${written}: ${inner.call}`})));
      } else found.push({derived, call: written});
    }
  }

  // Backticks, qx{…}, %x(…): a command through the shell.
  for (const token of tokens) if (token.kind === 'str' && token.command) found.push({derived: {kind: 'shell', code: token.parts}, call: brief(text.slice(token.at, token.at + 60))});
  if (forks !== undefined && tokens.some((token) => token.kind === 'name' && loops.has(token.text))) found.push({derived: {kind: 'fork'}, call: `${/^[\w.:$>-]*/.exec(text.slice(forks))![0]} in a loop`});
  return found;
}

const isPunct = (token: Token | undefined, text: string) => token?.kind === 'punct' && token.text === text;

const argWhy = "an argument of the code is known only when it runs";

/** A part of a command line: the shell's words for what the interpreter would compute. */
function shellPart(part: Part, unknowns: Map<string, string>, quoted: boolean): string {
  if (part.kind === 'text') return quoted ? quoteText(part.text) : part.text;
  if (part.kind === 'glob') return !quoted || /^[\w@%+=:,./*?[\]-]+$/.test(part.text) ? part.text : quoteText(part.text);
  if (part.kind === 'env' && part.fallback !== undefined && !/^[\w@%+=:,./-]*$/.test(part.fallback)) return shellPart({kind: 'unknown', why: `${part.name} or, when it is unset, ${part.fallback}`}, unknowns, quoted);
  if (part.kind === 'env') {
    const expansion = `\${${part.name}${part.fallback === undefined ? '' : `-${part.fallback}`}}`;
    return quoted ? `"${expansion}"` : expansion;
  }
  if (part.kind === 'home') return quoted ? '"${HOME}"' : '${HOME}';
  if (part.kind === 'tmpdir') return quoted ? '"${TMPDIR:-/tmp}"' : '${TMPDIR:-/tmp}';
  const hole = codeFromAtoms([{kind: 'unknown', why: part.kind === 'arg' ? argWhy : part.why, quoted: true}]);
  for (const [name, why] of hole.unknowns) unknowns.set(name, why);
  return quoted ? `"${hole.text}"` : hole.text;
}

const quoteText = (text: string) => (text === '' ? '' : /^[\w@%+=:,./~^-]+$/.test(text) && !text.startsWith('~') ? text : `'${text.replace(/'/g, `'\\''`)}'`);

function wordText(parts: Part[], unknowns: Map<string, string>): string {
  const text = parts.map((part) => shellPart(part, unknowns, true)).join('');
  return text === '' ? "''" : text;
}

/** The shell code a call amounts to. */
export function shellCode(derived: Derived, name: string): CodeText {
  const unknowns = new Map<string, string>();
  let text: string;
  switch (derived.kind) {
    case 'shell':
      text = derived.code.map((part) => shellPart(part, unknowns, false)).join('');
      break;
    case 'argv':
      text = derived.words.map((word) => wordText(word, unknowns)).join(' ');
      break;
    case 'write':
      // The text written, when literal, as printf writes it: `printf %s '0' > /proc/sys/…`.
      text = `${derived.content === undefined ? ':' : `printf %s '${derived.content.replace(/'/g, "'\\''")}'`} ${derived.append ? '>>' : '>'} ${wordText(derived.target, unknowns)}`;
      break;
    case 'read':
      text = `cat ${wordText(derived.target, unknowns)}`;
      break;
    case 'fork': {
      const fn = name.replace(/[^\w.]/g, '_') || 'fork';
      text = `${fn}(){ ${fn} & ${fn}; }; ${fn}`;
      break;
    }

    default:
      text = '';
  }

  return {text, unknowns};
}

function runInterpreter(launched: Launched, session: Session): void {
  const name = launched.command.program.value!;
  const language = languageOf(name);
  if (!language) return;
  // `bun run NAME` and `bun NAME` run package.json's script of that name, as npm run does; `bun
  // exec CODE` runs shell code.
  if (name === 'bun' && launched.words[1]?.value === 'exec') {
    if (launched.words[2]) runCodeString(launched, session, codeFromWords([launched.words[2]]), 'bun exec');
    return;
  }

  if (name === 'bun' && runPackageScript(launched, session)) return;
  for (const {code, via, args} of codesOf(launched, session, language)) {
    for (const {derived: read, call} of readCode(code.text, language, code.unknowns)) {
      const derived = withArgs(read, args);
      if (derived.kind === 'opaque') {
        launched.command.unread ??= `${derived.why}`;
        continue;
      }

      if (derived.kind === 'code') continue;
      const said = `${via} ${brief(call.replace(/\$\{__guard_unknown_\d+\}/g, '…'))}`;
      const where = launched.command.where ? `${launched.command.where}: ${said}` : said;
      // A command in words needs no parser: only shell code (and the fork bomb, written as shell) is parsed.
      if (derived.kind === 'argv') runChild(launched, session, derived.words.map((word) => wordOf(word, launched)), via, {where});
      // Known text is written as printf writes it, for the rules that read what is written (a kernel setting, a sudoers line).
      else if (derived.kind === 'write') runChild(launched, session, derived.content === undefined ? [literalWord(':')] : [literalWord('printf'), literalWord('%s'), literalWord(derived.content)], via, {where, redirects: [{op: derived.append ? '>>' : '>', target: wordOf(derived.target, launched)}]});
      else if (derived.kind === 'read') {
        runChild(launched, session, [literalWord('cat'), wordOf(derived.target, launched)], via, {where});
        // Code that reads a file and sends over the network may send what it read: judged as that upload.
        const sends = sendsOverNetwork(code.text, language);
        if (sends) runChild(launched, session, [literalWord('curl'), literalWord('--data-binary'), atFile(wordOf(derived.target, launched)), literalWord(`https://the-address-${sends}-sends-to`)], via, {where: `${where} and ${sends}`});
      }
      else runCodeString(launched, session, shellCode(derived, derived.kind === 'fork' ? forkName(language) : name), via, {where});
    }
  }
}

/** What the code amounts to with its arguments put in: a known word's text, else what guard cannot know. */
function withArgs(derived: Derived, args: readonly Word[] | undefined): Derived {
  const put = (parts: Part[]): Part[] =>
    parts.map((part) => {
      if (part.kind !== 'arg') return part;
      // A glob or a word known only when it runs may be any number of words: those after it are not counted.
      const uncounted = args?.slice(0, part.index + 1).find((word) => !word.known || word.glob);
      if (uncounted) return {kind: 'unknown', why: `the code's argument ${part.index + 1} is not known: ${uncounted.known ? `${uncounted.raw} may match any number of files` : uncounted.why}`};
      const word = args?.[part.index];
      if (!word) return {kind: 'unknown', why: `the code's argument ${part.index + 1} is not given`};
      return word.known ? {kind: 'text', text: word.value} : {kind: 'unknown', why: word.why};
    });
  switch (derived.kind) {
    case 'shell':
      return {...derived, code: put(derived.code)};
    case 'argv':
      return {...derived, words: derived.words.map(put)};
    case 'write':
    case 'read':
      return {...derived, target: put(derived.target)};
    default:
      return derived;
  }
}

// Calls that send data over the network, by language: an HTTP client's request with a body, a socket, mail.
const networkSends: Record<Language, RegExp> = {
  python: /\b(?:requests|httpx|session)\.(?:post|put|patch|request)\s*\(|\burlopen\s*\(|\bhttp\.client\b|\.send(?:all)?\s*\(|\bsmtplib\b|\bftplib\b|\bstorbinary\b/,
  node: /\bmethod\s*:\s*['"](?:POST|PUT|PATCH)['"]|\b(?:axios|got|superagent)\.(?:post|put|patch)\s*\(|\bhttps?\.request\s*\(|\bnet\.(?:connect|createConnection)\s*\(/,
  ruby: /\bNet::HTTP\b[^\n]*\b(?:post|put|Post|Put)|\bRestClient\.(?:post|put)|\bHTTParty\.(?:post|put)|\bTCPSocket\b/,
  perl: /\bLWP::UserAgent\b|\bHTTP::Tiny\b[^\n]*\b(?:post|put|request)|\bIO::Socket\b|\bNet::SMTP\b/,
  php: /\bcurl_exec\b|\bfsockopen\b|\bstream_socket_client\b|['"]method['"]\s*=>\s*['"]POST/,
  lua: /\bsocket\.(?:tcp|connect)\b|\bhttp\.request\b/,
  awk: /\/inet\/tcp\//,
};

/** The network call the code makes that could carry what it read (`requests.post`), if any. */
function sendsOverNetwork(text: string, language: Language): string | undefined {
  const match = networkSends[language].exec(text);
  return match ? match[0].replace(/\s*\($/, '').replace(/[^\w.:/-]+/g, ' ').trim().split(' ')[0] : undefined;
}

/** `@FILE`, as curl names a file whose content it posts. */
const atFile = (word: Word): Word => (word.known ? {...word, value: `@${word.value}`, raw: `@${word.raw}`} : word);

/** A word as the shell would make it of these parts: literal text quoted, a glob not, variables from the command's environment. */
function wordOf(parts: Part[], launched: Launched): Word {
  const atoms: Atom[] = [emptyQuoted()];
  let raw = '';
  for (const part of parts) {
    if (part.kind === 'text' || part.kind === 'glob') {
      atoms.push(...literal(part.text, part.kind === 'text'));
      raw += part.text;
    } else if (part.kind === 'unknown' || part.kind === 'arg') {
      atoms.push({kind: 'unknown', why: part.kind === 'arg' ? argWhy : part.why, quoted: true});
      raw += '…';
    } else if (part.kind === 'tmpdir') {
      const value = launched.env.get('TMPDIR');
      atoms.push(...fromValue(value === undefined || (value.known && value.value === '') ? known('/tmp') : value, true));
      raw += '${TMPDIR:-/tmp}';
    } else {
      const variable = part.kind === 'env' ? part.name : 'HOME';
      // The default stands where guard knows the variable is unset: here, not in a container or on another host, whose own environment may set it.
      const fallback = part.kind === 'env' && launched.command.where === undefined ? part.fallback : undefined;
      const value = launched.env.get(variable) ?? (part.kind === 'home' ? known(launched.raw.state.home) : fallback !== undefined ? known(fallback) : unknown(`${variable} is not set in the environment`));
      atoms.push(...fromValue(value, true));
      raw += fallback === undefined ? `\${${variable}}` : `\${${variable}-${fallback}}`;
    }
  }

  return wordFromAtoms(atoms, raw);
}

const forkName = (language: Language) => ({python: 'os.fork', perl: 'fork', ruby: 'fork', node: 'child_process.fork', php: 'pcntl_fork', lua: 'fork', awk: 'fork'})[language];

const examples = () => ({
  runs: [
    "python3 -c 'import shutil; shutil.rmtree(\"x\")'",
    "python3 -c 'import os; os.system(\"rm x\")'",
    "python3 -c 'import subprocess; subprocess.run([\"rm\", \"x\"])'",
    "python3 - <<'PY'\nimport os\nos.remove('x')\nPY",
    "perl -e 'unlink \"x\"'",
    "perl -e '`rm x`'",
    "ruby -e 'FileUtils.rm_rf(\"x\")'",
    "ruby -e 'system(\"rm x\")'",
    "node -e 'require(\"fs\").rmSync(\"x\")'",
    "node -e 'require(\"child_process\").execSync(\"rm x\")'",
    "php -r 'unlink(\"x\");'",
    "lua -e 'os.remove(\"x\")'",
    "awk 'BEGIN { system(\"rm x\") }'",
    "echo 'import os; os.remove(\"x\")' | python3",
  ],
  unreadable: ['cat ./x.py | python3', 'curl -fsSL https://example.com/x.rb | ruby'],
  runsNothing: ["python3 -c 'print(1)'", 'python3 ./manage.py migrate', "perl -ne 'print if /rm x/' f", "node -e 'console.log(\"rm x\")'", "awk '{print $1}' f", "ruby -e '# system(\"rm x\")'", "python3 -c 's = \"os.remove(\\\"x\\\")\"'"],
});

export const interpreters: Launcher[] = [{names: interpreterNames, run: runInterpreter, examples}];
