// Inputs for the fuzz targets: shell text from a grammar (and raw text and bytes), policy
// data (valid, mutated, arbitrary), durations, moments and names. Every generator is
// bounded, so each case is small and a run of 100,000 ends.
import fc from 'fast-check';
import {packNames} from '../../src/policy/types.js';

// ---------------------------------------------------------------- shell

/** Stands for a harmless argument; the quoting property spells it plainly or quoted. */
export const placeholder = '@W@';

/** Words whose quoted spellings all mean the same value: no glob, no $, no ~, no =. */
export const harmlessWords = ['hello', 'file.txt', 'out.log', '-n', '42', 'a.b-c_d', 'README'];

/**
 * Ways to spell a harmless word; each keeps its value, at top level or inside a code string.
 * Not `$'word'`: inside `sh -c '…'` its `$` meets the word unquoted (`$-n` is `$-` then n).
 */
export const quotings: Array<(word: string) => string> = [
  (word) => word,
  (word) => `'${word}'`,
  (word) => `"${word}"`,
  (word) => `${word[0]}''${word.slice(1)}`,
  (word) => `"${word[0]}"${word.slice(1)}`,
  (word) => `\\${word}`,
];

// Shell-flavoured characters, so random text hits quotes, expansions and heredocs.
export const shellish = fc.string({unit: fc.constantFrom(...'ab rm-/$\'"`\\(){}[];&|<>~*?#=!\n\t\r{},.0123456789xEOF'.split('')), maxLength: 80});

const plainWords = fc.constantFrom('echo', 'ls', 'cat', 'rm', '-rf', '-f', '/', '.', '..', 'x', 'y', '/dev/null', '/tmp/a', './build', '--', '-c', '1', 'push', '--force', 'of=/dev/sda', 'main', 'DROP', 'TABLE');
const expansions = fc.constantFrom('$X', '$HOME', '${X:-/}', '${X#a}', '${#X}', '$1', '$@', '"$@"', '$*', '$?', '$$', '${X/a/b}', '${X:?unset}', '${!X}', '$((1+2))', '${HOME}/x', '"$X/"', '$PWD');
const globs = fc.constantFrom('*', '*.txt', '?', '[ab]', '{a,b}', '~', '~/x', '~root', '/*', 'a{1..3}');
const singleQuoted = fc.string({unit: fc.constantFrom(...'ab /$"`\\-*;|&\n'.split('')), maxLength: 12}).map((text) => `'${text}'`);
const ansiC = fc.constantFrom("$'\\x41'", "$'a\\nb'", "$'\\''", "$'rm'", "$'\\u0041'");
const escaped = fc.constantFrom('\\$X', '\\ ', '\\"', "\\'", '\\\\', '\\*');
const leafWord = fc.oneof(plainWords, plainWords, expansions, globs, singleQuoted, ansiC, escaped, fc.constant(placeholder));

const assignment = fc.tuple(fc.constantFrom('X', 'Y', 'PATH', 'HOME', 'IFS'), fc.oneof(plainWords, expansions, singleQuoted)).map(([name, value]) => `${name}=${value}`);
const redirect = fc.oneof(
  fc.constantFrom('> f', '>> f', '2>&1', '< /dev/null', '&> x', '>| f', '2> /dev/null', '> /dev/sda', '<> f', '3>&-'),
  fc.tuple(fc.constantFrom('> ', '< ', '<<< '), leafWord).map(([op, word]) => `${op}${word}`),
);

/** A code string for `sh -c '…'`: single quotes closed, escaped, reopened. */
export const singleQuote = (code: string) => `'${code.replace(/'/g, `'\\''`)}'`;
/** A code string for `bash -c "…"`: the characters double quotes treat specially, escaped. */
export const doubleQuote = (code: string) => `"${code.replace(/["$`\\]/g, '\\$&')}"`;

const heredocBody = fc.array(fc.oneof(plainWords, expansions, fc.constantFrom('$(echo x)', '`id`', "'q'", '"q"', '\\$X')), {maxLength: 4}).map((words) => words.join(' '));

// A type, not an interface: fc.letrec's typed form needs an index-compatible record.
type ShellTie = {
  word: string;
  simple: string;
  command: string;
  pipeline: string;
  list: string;
};

// One depth for words and commands together: past it, a word is a leaf and a command simple.
const depth = {depthSize: 'small', maxDepth: 2, depthIdentifier: 'shell', withCrossShrink: true} as const;

const shell = fc.letrec<ShellTie>((tie) => ({
  word: fc.oneof(
    depth,
    {arbitrary: leafWord, weight: 12},
    tie('list').map((list) => `$(${list})`),
    tie('list').map((list) => `"$(${list})"`),
    tie('simple').map((simple) => `\`${simple.replace(/[`\\$]/g, '\\$&')}\``),
    tie('pipeline').map((pipeline) => `<(${pipeline})`),
    // Inside double quotes a quote or backslash is literal: the placeholder stays out.
    fc.tuple(leafWord, tie('word')).map(([a, b]) => `"${a.replaceAll(placeholder, 'x').replace(/"/g, '')}"${b}`),
  ),
  simple: fc
    .tuple(fc.array(assignment, {maxLength: 2}), fc.oneof(plainWords, plainWords, tie('word')), fc.array(tie('word'), {maxLength: 3}), fc.array(redirect, {maxLength: 2}))
    .map(([assignments, program, args, redirects]) => [...assignments, program.replace(placeholder, 'x'), ...args, ...redirects].join(' ')),
  command: fc.oneof(
    depth,
    {arbitrary: tie('simple'), weight: 8},
    tie('list').map((list) => `( ${list} )`),
    tie('list').map((list) => `{ ${list}; }`),
    fc.tuple(tie('list'), tie('list')).map(([test, body]) => `if ${test}; then ${body}; fi`),
    fc.tuple(tie('list'), tie('list'), tie('list')).map(([test, body, other]) => `if ${test}; then ${body}; else ${other}; fi`),
    fc.tuple(fc.array(leafWord, {maxLength: 3}), tie('list')).map(([words, body]) => `for i in ${words.join(' ')}; do ${body}; done`),
    fc.tuple(tie('list'), tie('list')).map(([test, body]) => `while ${test}; do ${body}; done`),
    fc.tuple(leafWord, tie('list')).map(([word, body]) => `case ${word} in a|b) ${body};; *) true;; esac`),
    fc.tuple(fc.constantFrom('f', 'g'), tie('list'), fc.boolean()).map(([name, body, call]) => `${name}() { ${body}; }${call ? `; ${name} x` : ''}`),
    fc.tuple(fc.constantFrom('sh', 'bash', '/bin/sh', 'dash'), tie('list')).map(([program, code]) => `${program} -c ${singleQuote(code)}`),
    fc.tuple(fc.constantFrom('bash', 'sh'), tie('list')).map(([program, code]) => `${program} -c ${doubleQuote(code)} arg0 a`),
    tie('list').map((code) => `eval ${singleQuote(code)}`),
    fc.tuple(fc.constantFrom('', 'NAME '), tie('list')).map(([name, list]) => `coproc ${name}{ ${list}; }`),
    fc.tuple(fc.constantFrom('cat', 'sh', 'bash'), fc.constantFrom('EOF', "'EOF'", '"EOF"', '-EOF'), heredocBody).map(([program, delimiter, body]) => {
      const end = delimiter.replace(/['"-]/g, '');
      return `{ ${program} <<${delimiter}\n${body}\n${end}\n}`;
    }),
    fc.tuple(fc.constantFrom('sudo', 'env', 'nice', 'nohup', 'timeout 5', 'command', 'time', '!', 'xargs', 'env X=1', 'sudo -u root'), tie('simple')).map(([wrapper, simple]) => `${wrapper} ${simple}`),
    fc.constantFrom('[[ -n $X && $X == a* ]]', '(( i++ ))', 'cd /tmp', 'cd "$X"', 'set -e', 'export X=/', 'read X', 'shift', 'local y=1', 'trap "rm -rf /" EXIT', 'alias ll="ls -l"'),
  ),
  pipeline: fc.array(tie('command'), {minLength: 1, maxLength: 2}).map((commands) => commands.join(' | ')),
  list: fc
    .tuple(tie('pipeline'), fc.array(fc.tuple(fc.constantFrom('; ', ' && ', ' || ', ' & ', '\n'), tie('pipeline')), {maxLength: 2}))
    .map(([first, rest]) => rest.reduce((text, [separator, next]) => `${text}${separator}${next}`, first)),
}));

/** A script from the grammar, with the harmless placeholder in some argument positions. */
export const templateScript = shell.list;

/** A script from the grammar, the placeholder spelled plainly. */
export const grammarScript = templateScript.map((script) => script.replaceAll(placeholder, 'hello'));

/** A grammar script with characters deleted, inserted or replaced: mostly broken syntax. */
export const mutatedScript = fc
  .tuple(grammarScript, fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(...'\'"`$(){}[];&|<>\\\n#!*~ a'.split(''))), {minLength: 1, maxLength: 4}))
  .map(([script, edits]) =>
    edits.reduce((text, [at, edit, ch]) => {
      const i = text.length === 0 ? 0 : at % text.length;
      if (edit === 'delete') return text.slice(0, i) + text.slice(i + 1);
      if (edit === 'insert') return text.slice(0, i) + ch + text.slice(i);
      return text.slice(0, i) + ch + text.slice(i + 1);
    }, script),
  );

/** Raw text: shell-flavoured, any string, any code points, and bytes read as UTF-8 or Latin-1. */
export const rawText = fc.oneof(
  shellish,
  fc.string({maxLength: 80}),
  fc.string({unit: 'binary', maxLength: 40}),
  fc.tuple(fc.uint8Array({maxLength: 80}), fc.constantFrom('utf8', 'latin1') as fc.Arbitrary<BufferEncoding>).map(([bytes, encoding]) => Buffer.from(bytes).toString(encoding)),
);

/** An argv as `guard run` gets it, often handing code to a shell. */
export const argv = fc.oneof(
  fc.array(fc.oneof(plainWords, fc.string({maxLength: 12})), {minLength: 1, maxLength: 6}),
  fc.tuple(fc.constantFrom(['sh', '-c'], ['bash', '-c'], ['sudo', 'sh', '-c'], ['env', 'bash', '-xc'], ['eval']), fc.oneof(grammarScript, rawText)).map(([prefix, code]) => [...prefix, code]),
);

/** Grammar scripts to put around a command; never starting with `-`, which `sh -c` would read as its own options. */
export const neighbour = grammarScript.filter((script) => !/^\s*-/.test(script));

/** Commands the default policy denies on their own. */
export const dangers = ['rm -rf /', 'rm -fr //', 'rm -r -f /.', '/bin/rm -rf /', 'chmod -R 777 /etc', 'dd if=/dev/zero of=/dev/sda', 'mkfs.ext4 /dev/sda1', 'git push --force origin main', 'rm -rf ~', 'find / -delete', 'kubectl delete ns prod', 'psql -c "DROP TABLE users"'];

// A wrapper runs a program: `sudo case y in *) …` is not a case statement but words for sudo,
// and inside "$(…)" its `)` even ends the substitution, so the danger is no longer run at
// all. A compound command goes to the wrapper through `sh -c`, as a person would write it.
function wrapped(wrapper: string, x: string): string {
  const simple = !/[;&|(){}<>\n`$]/.test(x) && !/^(if|while|until|for|case|coproc|select|function)\b/.test(x);
  return simple ? `${wrapper} ${x}` : `${wrapper} sh -c ${singleQuote(x)}`;
}

/** Places a command runs from: each puts `x` where the shell runs it. New ones go last: saved seeds name them by index. */
export const embeddings: Array<(x: string, a: string, b: string) => string> = [
  (x, a) => `${a} | ${x}`,
  (x, a) => `${x} | ${a}`,
  (x, a, b) => `${a}; ${x}; ${b}`,
  (x, a) => `${a} && ${x}`,
  (x, a) => `${a} || ${x}`,
  (x, a) => `${a}\n${x}`,
  (x, a) => `${x} & ${a}`,
  (x, a) => `( ${a}; ${x} )`,
  (x, a) => `{ ${a}; ${x}; }`,
  (x, a) => `echo "$(${a}; ${x})"`,
  (x) => `echo \`${x.replace(/[`\\$]/g, '\\$&')}\``,
  (x, a) => `cat <(${x}) ${a.length > 0 ? '' : ''}`,
  (x, a) => `sh -c ${singleQuote(`${a}; ${x}`)}`,
  (x, a) => `bash -c ${doubleQuote(`${a} && ${x}`)}`,
  (x, a) => `eval ${singleQuote(`${a}; ${x}`)}`,
  (x, a) => `if ${a}; then ${x}; fi`,
  (x, a) => `while ${a}; do ${x}; done`,
  (x, a) => `for i in 1 2; do ${a}; ${x}; done`,
  (x, a) => `case y in *) ${a}; ${x};; esac`,
  (x, a) => `f() { ${a}; ${x}; }; f`,
  (x) => wrapped('sudo', x),
  (x) => wrapped('env X=1', x),
  (x) => wrapped('nice -n 5 timeout 10', x),
  (x) => `sh <<'EOF'\n${x}\nEOF`,
  (x) => `bash <<< ${singleQuote(x)}`,
  (x, a) => `coproc { ${a}; ${x}; }`,
  (x) => `coproc WORKER { ${x}; }`,
];

// ---------------------------------------------------------------- plain words (src/shell/plain.ts)

// The characters plain.ts reads without the parser, and every other one it must leave to it.
const plainCharacters = [...'abcxyzABCXYZ0123456789_./:,@%+-'];
const otherCharacters = [...'\'"\\$`;&|<>(){}*?[]~#!^=\n\r\v\f\u00a0é'];
/** First words the shell or tree-sitter reads as syntax (plain.ts's list, and more), and commands that hand on code. */
const edgeWords = ['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'select', 'in', 'function', 'time', 'coproc', 'declare', 'typeset', 'export', 'readonly', 'local', 'unset', 'unsetenv', '{', '}', '[[', ']]', '!', '[', ']', '((', 'let', 'alias', 'eval', 'exec', 'command', 'builtin', 'source', '.', ':', 'trap', 'set', 'cd', 'sh', 'bash', 'su', 'ssh', 'sudo', 'env', 'nice', 'xargs', 'find', 'watch', 'true', 'test'];
const commandWords = ['rm', '-rf', '/', '-r', '-f', '--', '-', 'dd', 'if=/dev/zero', 'of=/dev/sda', 'mkfs.ext4', '/dev/sda1', 'git', 'push', '--force', 'origin', 'main', 'chmod', '-R', '777', '/etc', 'kubectl', 'delete', 'ns', 'prod', '-delete', '-exec', 'systemctl', 'restart', 'nginx', 'shutdown', 'now', 'reboot', 'psql', '-c', 'DROP', 'X=1', 'timeout', '10', '-1', '0x1f', '0x', '007', '1.5', '%1', '@', '+', ':', ',', 'a=', '=a', 'a==b', 'x+=1'];
const plainRun = fc.string({unit: fc.constantFrom(...plainCharacters), minLength: 1, maxLength: 8});
/** A plain word with one character plain.ts must refuse put somewhere in it. */
const spoiledWord = fc.tuple(plainRun, fc.nat(8), fc.constantFrom(...otherCharacters)).map(([word, at, ch]) => `${word.slice(0, at % (word.length + 1))}${ch}${word.slice(at % (word.length + 1))}`);
const assignmentWord = fc.tuple(plainRun, plainRun).map(([name, value]) => `${name}=${value}`);
const edgeWord = fc.oneof({arbitrary: plainRun, weight: 5}, {arbitrary: fc.constantFrom(...commandWords), weight: 5}, {arbitrary: fc.constantFrom(...edgeWords), weight: 2}, {arbitrary: assignmentWord, weight: 1}, {arbitrary: spoiledWord, weight: 2});
const blanks = fc.constantFrom(' ', ' ', ' ', '  ', '\t', ' \t ', '   ');
const edge = fc.constantFrom('', '', ' ', '\t', '  ');

/** Code strings at the edge of plain words: plain characters, every other one, reserved words, `=` anywhere, blanks anywhere, nothing at all. */
export const plainEdgeCode = fc.oneof(
  {arbitrary: fc.constantFrom('', ' ', '\t', '  \t '), weight: 1},
  {
    arbitrary: fc.tuple(edge, fc.array(fc.tuple(edgeWord, blanks), {minLength: 1, maxLength: 6}), edge).map(([before, words, after]) => before + words.map(([word, gap], i) => (i === words.length - 1 ? word : word + gap)).join('') + after),
    weight: 20,
  },
);

// ---------------------------------------------------------------- durations and moments

export const durationUnits = ['ms', 's', 'm', 'h', 'd'] as const;

/** A duration as the grammar spells it: digits, an optional fraction, an optional unit. */
export const durationText = fc
  .tuple(fc.stringMatching(/^\d{1,12}$/), fc.option(fc.stringMatching(/^\d{1,6}$/), {nil: undefined}), fc.option(fc.constantFrom(...durationUnits), {nil: undefined}))
  .map(([whole, fraction, unit]) => ({text: `${whole}${fraction === undefined ? '' : `.${fraction}`}${unit ?? ''}`, value: Number(`${whole}${fraction === undefined ? '' : `.${fraction}`}`), unit: unit ?? 's'}));

/** A compound as the grammar spells it: whole numbers, two or more units, largest first, each once. */
export const compoundDurationText = fc
  .subarray([...durationUnits].reverse() as Array<(typeof durationUnits)[number]>, {minLength: 2})
  .chain((chosen) => fc.tuple(fc.constant(chosen), fc.array(fc.integer({min: 0, max: 999}), {minLength: chosen.length, maxLength: chosen.length})))
  .map(([chosen, counts]) => ({text: chosen.map((unit, index) => `${counts[index]}${unit}`).join(''), parts: chosen.map((unit, index) => ({unit, value: counts[index]!}))}));

/** Near-durations and junk: signs, exponents, spaces, capitals, other units. */
export const durationJunk = fc.oneof(
  fc.string({maxLength: 16}),
  fc.string({unit: fc.constantFrom(...'0123456789.msMSdDhHe+- \t\n_,xyµ'.split('')), maxLength: 16}),
  fc.constantFrom('', ' ', '-1', '42D', 'abc', '1e400', '1e3', '0x10', 'Infinity', 'NaN', '.5', '5.', '1h30m', '30m1h', '1m1m', '1.5m30s', '1m30', '1h 30m', '１s', '5 s', '+5s', '366d', '367d', '31622400001ms'),
);

/** ISO dates and date-times, with zones, as `--since` reads them; the day may not exist. */
export const isoMoment = fc
  .tuple(
    fc.integer({min: 0, max: 9999}),
    fc.integer({min: 0, max: 13}),
    fc.integer({min: 0, max: 32}),
    fc.option(fc.tuple(fc.integer({min: 0, max: 25}), fc.integer({min: 0, max: 61}), fc.option(fc.tuple(fc.integer({min: 0, max: 61}), fc.option(fc.integer({min: 0, max: 999}), {nil: undefined})), {nil: undefined}), fc.constantFrom('T', ' ')), {nil: undefined}),
    fc.option(fc.constantFrom('Z', '+00:00', '-00:00', '+01:00', '-05:30', '+14:00', '+99:99'), {nil: undefined}),
  )
  .map(([year, month, day, time, zone]) => {
    const two = (n: number) => String(n).padStart(2, '0');
    let text = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
    if (time) {
      const [hour, minute, seconds, separator] = time;
      text += `${separator}${two(hour)}:${two(minute)}`;
      if (seconds) text += `:${two(seconds[0])}${seconds[1] === undefined ? '' : `.${String(seconds[1]).padStart(3, '0')}`}`;
    }

    return {text: text + (zone ?? ''), year, month, day, hour: time?.[0] ?? 0, minute: time?.[1] ?? 0, second: time?.[2]?.[0] ?? 0, ms: time?.[2]?.[1] ?? 0, zone};
  });

// ---------------------------------------------------------------- names

const nameChars = fc.constantFrom(...'abcXYZ019._-/ \\\u0000\n\u00e9*:'.split(''));
/** Lock and job names: valid ones, near-misses (dots, slashes, NUL, too long) and any text. */
export const nameText = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/),
  fc.string({unit: nameChars, maxLength: 70}),
  fc.string({maxLength: 70}),
  fc.constantFrom('', '.', '..', '../../etc/passwd', 'a/b', '.hidden', 'x'.repeat(64), 'x'.repeat(65), 'a\u0000b', '-'),
);

// ---------------------------------------------------------------- policies

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
const nonEmpty = fc.stringMatching(/^[\w./*~-][\w ./*~-]{0,15}$/).filter((text) => text.trim() === text);
const flagName = fc.oneof(fc.stringMatching(/^-[a-zA-Z]$/), fc.stringMatching(/^--[a-z][a-z-]{0,10}$/));
const durationValue = fc.oneof(fc.integer({min: 0, max: 31_622_400}), fc.constantFrom('500ms', '30s', '5m', '2h', '1d', '1.5', '0', '366d'));
const byteValue = fc.oneof(fc.integer({min: 0, max: 1024 ** 3}), fc.constantFrom('64KiB', '1MiB', '1GiB', '0B', '12', '4096 B'));
const exitCodeList = fc.oneof(
  fc.array(fc.oneof(fc.integer({min: 0, max: 255}), fc.constant('timeout')), {maxLength: 4}),
  fc.array(fc.oneof(fc.integer({min: 0, max: 255}).map(String), fc.constant('timeout')), {minLength: 1, maxLength: 4}).map((items) => items.join(', ')),
);
const lockName = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,20}$/);

const runSettings = fc.record(
  {
    captureBytes: byteValue,
    killAfter: durationValue,
    lock: fc.oneof(fc.boolean(), lockName),
    lockWait: durationValue,
    quiet: fc.boolean(),
    retries: fc.integer({min: 0, max: 100}),
    retryDelay: durationValue,
    retryOn: exitCodeList,
    timeout: durationValue,
  },
  {requiredKeys: []},
);

const regex = fc.constantFrom('^rm ', 'drop\\s+table', '(a|b)+', '[0-9]{3}', '--force\\b', '.*');
const commandMatch = fc
  .record(
    {
      allFlags: fc.array(flagName, {maxLength: 2}),
      anyFlags: fc.array(flagName, {maxLength: 2}),
      noFlags: fc.array(flagName, {maxLength: 2}),
      operandsUnder: fc.array(fc.constantFrom('/', '/etc/**', '~/x', 'build/**'), {maxLength: 2}),
      options: fc.record({long: fc.array(fc.stringMatching(/^--[a-z]{1,8}$/), {maxLength: 2}), short: fc.stringMatching(/^[a-zA-Z]{0,4}$/), stopAtOperand: fc.boolean(), takesValue: fc.array(flagName, {maxLength: 2})}, {requiredKeys: []}),
      program: fc.oneof(fc.constantFrom('rm', '/bin/rm', 'git', 'kubectl'), fc.array(fc.constantFrom('rm', 'psql', 'mysql', '/usr/bin/dd'), {minLength: 1, maxLength: 3})),
      regex,
      subcommand: fc.array(fc.constantFrom('push', 'delete', 'reset'), {maxLength: 2}),
    },
    {requiredKeys: []},
  )
  .filter((match) => match.program !== undefined || match.regex !== undefined);

const rules = fc
  .uniqueArray(
    fc.record({alternative: fc.option(nonEmpty, {nil: undefined}), id, level: fc.constantFrom('deny', 'confirm', 'warn', 'off'), match: commandMatch, overridable: fc.option(fc.boolean(), {nil: undefined}), reason: nonEmpty}),
    {selector: (rule) => rule.id, maxLength: 3},
  )
  .map((list) => list.map((rule) => Object.fromEntries(Object.entries(rule).filter(([, value]) => value !== undefined))));

const jobSettingNames = ['captureBytes', 'killAfter', 'lock', 'lockWait', 'quiet', 'retries', 'retryDelay', 'retryOn', 'timeout', 'ping', 'reasonRequired'];

/** Policy data the schema accepts. */
export const validPolicy = fc.record(
  {
    audit: fc.record({captureBytes: byteValue, onError: fc.constantFrom('fail', 'run'), retention: fc.oneof(durationValue, fc.integer({min: 1, max: 99_999}).map((days) => `${days}d`))}, {requiredKeys: []}),
    defaults: runSettings,
    env: fc.record({remove: fc.array(fc.stringMatching(/^[A-Z_*?]{1,8}$/), {maxLength: 3}), removeDangerous: fc.boolean(), require: fc.array(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), {maxLength: 2})}, {requiredKeys: []}),
    jobs: fc.dictionary(lockName, fc.tuple(runSettings, fc.record({fixed: fc.uniqueArray(fc.constantFrom(...jobSettingNames), {maxLength: 3}), ping: fc.constantFrom('https://hc.example/ping/1', 'http://localhost:8080/x'), reasonRequired: fc.boolean()}, {requiredKeys: []})).map(([a, b]) => ({...a, ...b})), {maxKeys: 3}),
    locks: fc.record({dir: fc.constantFrom('/run/lock/guard', '/tmp/locks')}, {requiredKeys: []}),
    packs: fc.record(Object.fromEntries(packNames.map((name) => [name, fc.boolean()])) as Record<(typeof packNames)[number], fc.Arbitrary<boolean>>, {requiredKeys: []}),
    paths: fc.record({allow: fc.array(nonEmpty, {maxLength: 2}), confine: fc.array(nonEmpty, {maxLength: 2}), protect: fc.array(nonEmpty, {maxLength: 2})}, {requiredKeys: []}),
    redact: fc.array(regex, {maxLength: 2}),
    rules,
  },
  {requiredKeys: []},
);

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

/** One change to valid data at a random place: a value replaced, a key dropped or added. */
export const mutatedPolicy = fc
  .tuple(validPolicy, fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'drop', 'add'), fc.jsonValue({maxDepth: 2}), fc.constantFrom('rules', 'match', 'x', 'timeout', 'program', '__proto__', 'constructor', 'level')), {minLength: 1, maxLength: 3}))
  .map(([policy, edits]) => {
    const data = structuredClone(policy) as Json;
    for (const [at, edit, value, key] of edits) {
      const places: Array<{parent: Json[] | {[key: string]: Json}; key: string | number}> = [];
      const walk = (node: Json) => {
        if (Array.isArray(node)) node.forEach((child, i) => (places.push({parent: node, key: i}), walk(child)));
        else if (node && typeof node === 'object') for (const [k, child] of Object.entries(node)) places.push({parent: node, key: k}), walk(child);
      };
      walk(data);
      const place = places[at % Math.max(places.length, 1)];
      if (!place) continue;
      const parent = place.parent as Record<string | number, Json>;
      if (edit === 'replace') parent[place.key] = value as Json;
      else if (edit === 'drop') delete parent[place.key];
      else if (!Array.isArray(place.parent)) Object.defineProperty(place.parent, key, {value, enumerable: true, configurable: true, writable: true});
    }

    return data;
  });

/** Policy-shaped objects with arbitrary values, and any JSON at all. */
export const arbitraryPolicy = fc.oneof(
  fc.jsonValue({maxDepth: 4}),
  fc.dictionary(fc.constantFrom('audit', 'defaults', 'env', 'jobs', 'locks', 'packs', 'paths', 'redact', 'rules', 'x'), fc.jsonValue({maxDepth: 3}), {maxKeys: 4}),
  fc.record({rules: fc.array(fc.dictionary(fc.constantFrom('id', 'level', 'match', 'reason', 'overridable', 'alternative'), fc.jsonValue({maxDepth: 2}), {maxKeys: 5}), {maxLength: 3})}),
);

/** Text for the YAML and JSON loaders: valid policies as written, then YAML-ish and raw text. */
export const policyText = fc.oneof(
  validPolicy.map((policy) => JSON.stringify(policy)),
  validPolicy.map((policy) => JSON.stringify(policy, null, 2)),
  fc.array(
    fc.oneof(
      fc.constantFrom('rules:', '  - id: x', '    level: deny', '    reason: r', '    match: {program: rm}', 'defaults:', '  timeout: 5m', 'jobs:', '  a: {lock: true}', '---', '...', '- a', '? k', ': v', '&a [1, 2]', '*a', '<<: *a', '!!binary aGk=', '!!js/function "x"', '!!python/object x', '%YAML 1.2', '"\\u0000"', "'it''s'", '|', '>-', '{', '}', '[', ']', '#', '\t', 'key: &x\n  - *x'),
      fc.string({maxLength: 12}),
    ),
    {maxLength: 12},
  ).map((lines) => lines.join('\n')),
  fc.string({maxLength: 120}),
  fc.string({unit: 'binary', maxLength: 60}),
);
