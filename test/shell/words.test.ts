import {describe, expect, test} from 'vitest';
import {analyze, shown, withEnv} from './fixture.js';

const env = withEnv({DIR: '/srv/app', SPACED: '-rf /', EMPTY: '', GLOBBY: '/tmp/*', FILE: 'archive.tar.gz'}, {args: ['/usr/local/bin/job.sh', 'first', 'second arg']});

async function argsOf(words: string): Promise<string[]> {
  const {commands} = await analyze(`printf x ${words}`, env);
  return commands.find((command) => command.program.value === 'printf')!.argv.slice(2).map(shown);
}

// Each row: the words after `printf x`, then the arguments printf gets.
const expansions: [string, string[]][] = [
  [`plain 'single' "double" \\escaped`, ['plain', 'single', 'double', 'escaped']],
  [`r''m "r"m \\rm $'\\x72\\x6d' $'\\162m' $'r\\u006d'`, ['rm', 'rm', 'rm', 'rm', 'rm', 'rm']],
  [`"" ''`, ['', '']],
  [`$DIR \${DIR} "$DIR/x" \${DIR}x`, ['/srv/app', '/srv/app', '/srv/app/x', '/srv/appx']],
  [`$UNSET "$UNSET" "$UNSET/" $UNSET/`, ['', '/', '/']],
  [`\${UNSET:-/d} \${UNSET-/d} \${EMPTY:-/d} \${EMPTY-/d} \${DIR:-/d}`, ['/d', '/d', '/d', '/srv/app']],
  [`\${DIR:+set} \${UNSET:+set} \${EMPTY+set}`, ['set', 'set']],
  [`\${#DIR} \${#UNSET}`, ['8', '0']],
  [`\${FILE%.gz} \${FILE%%.*} \${FILE#*.} \${FILE##*.} \${DIR%/}`, ['archive.tar', 'archive', 'tar.gz', 'gz', '/srv/app']],
  // Inside double quotes the pattern is still a pattern (`"${f%/*}"` is f's folder); quotes inside the braces make it literal.
  [`"\${DIR%/*}" "\${FILE%.*}" "\${FILE##*.}" "\${DIR%"/*"}" "\${DIR%'/a*'}"`, ['/srv', 'archive.tar', 'gz', '/srv/app', '/srv/app']],
  [`\${DIR^^} \${DIR,,}`, ['/SRV/APP', '/srv/app']],
  [`$SPACED`, ['-rf', '/']],
  [`"$SPACED"`, ['-rf /']],
  [`x$SPACED"y"`, ['x-rf', '/y']],
  [`~ ~/x ~dev/x "~" '~' \\~`, ['/home/dev', '/home/dev/x', '/home/dev/x', '~', '~', '~']],
  [`~+ ~root`, ['/home/dev/proj', '?']],
  [`{a,b} x{1..3} {c..a} {01..03} {1..7..3} {x} {} a{b,c{d,e}}`, ['a', 'b', 'x1', 'x2', 'x3', 'c', 'b', 'a', '01', '02', '03', '1', '4', '7', '{x}', '{}', 'ab', 'acd', 'ace']],
  [`"{a,b}" '{a,b}' \\{a,b}`, ['{a,b}', '{a,b}', '{a,b}']],
  [`/{etc,usr}/x ~/{a,b}`, ['/etc/x', '/usr/x', '/home/dev/a', '/home/dev/b']],
  [`$0 $1 "$2" $# $3`, ['/usr/local/bin/job.sh', 'first', 'second arg', '2']],
  [`"$@"`, ['first', 'second arg']],
  [`$@`, ['first', 'second', 'arg']],
  [`"$*"`, ['first second arg']],
  [`"x$@y"`, ['xfirst', 'second argy']],
  [`$1x`, ['firstx']],
  [`$$ $? $! $RANDOM $(date) \`date\` $((X+2))`, ['?', '?', '?', '?', '?', '?', '?']],
  // Numbers and operators alone are worked out; ** and a leading 0 (octal) are not.
  [`$((1+2)) -$((3*3)) $(( (7-1)/4 )) $((-7/2)) $((2**3)) $((010))`, ['3', '-9', '1', '-3', '?', '?']],
  [`\${PATH:0:1} \${PATH: -3} \${PATH:1:3} \${PATH/usr/opt} \${PATH//\\/bin/} \${PATH/#\\/usr/}`, ['/', 'bin', 'usr', '/opt/bin:/bin', '/usr:', '/bin:/bin']],
  [`$"translated"`, ['translated']],
  [`"a\\$b" "a\\"b" "a\\b" 'a\\b'`, ['a$b', 'a"b', 'a\\b', 'a\\b']],
  [`\${UNSET:=/assigned} $UNSET`, ['/assigned', '/assigned']],
];

describe('words expand as the shell would expand them', () => {
  test.each(expansions)('printf x %s', async (words, expected) => {
    expect(await argsOf(words)).toEqual(expected);
  });
});

describe('globs are kept as written and flagged', () => {
  test.each([
    ['/*', true],
    ['"/"*', true],
    ['"/*"', false],
    ["'*'", false],
    ['\\*', false],
    ['/etc/?asswd', true],
    ['[ab]c', true],
    ['$GLOBBY', true],
    ['"$GLOBBY"', false],
    ['/etc/passwd', false],
  ])('%s glob=%s', async (word, glob) => {
    const {commands} = await analyze(`rm -rf ${word}`, env);
    const target = commands[0]!.argv[2]!;
    expect(target.known && target.glob === true).toBe(glob);
  });
});

describe('an unknown word says why', () => {
  test.each([
    ['$(date)', 'command substitution $(date)'],
    ['$RANDOM', '$RANDOM is only known when the script runs'],
    ['~root', 'home folder of user root'],
    ['${arr[$i]}', 'array'],
    ['${DIR/a*/b}', 'replaces a pattern guard does not evaluate'],
    ['${DIR:$N}', 'takes a part guard does not evaluate'],
  ])('%s', async (word, why) => {
    const {commands} = await analyze(`rm -rf ${word}`, env);
    const target = commands.find((command) => command.program.value === 'rm')!.argv[2]!;
    expect(target.known).toBe(false);
    if (!target.known) expect(target.why).toContain(why);
  });

  test('a word that stops the shell (${X:?} with X unset) keeps its command and what follows from running', async () => {
    const shown = async (script: string) => (await analyze(script, env)).commands.map((command) => command.argv.map((word) => word.value ?? '?').join(' '));
    expect(await shown('rm -rf "${HOME:?}/x"; rm -rf "${UNSET:?must be set}/x"; rm -rf /etc')).toEqual(['rm -rf /home/dev/x']);
    expect(await shown(': "${UNSET:?must be set}"\nrm -rf /etc')).toEqual([]);
    // A login or interactive shell, or one sudo starts, may set UNSET from a profile guard does
    // not read: there it is unknown, not unset, and what follows is judged.
    for (const shell of ['bash -lc', 'bash --login -c', 'sh -ic', 'sudo sh -c', 'su - deploy -c']) {
      expect(await shown(`${shell} ': "\${UNSET:?}"; rm -rf /etc'`)).toContain('rm -rf /etc');
    }
    expect(await shown(`bash -lc 'rm -rf "$UNSET/x"'`)).toContain('rm -rf ?');
    // Stopped on one path only: what follows still runs on the other.
    expect(await shown('[ -n "$UNSET" ] || exit 1; rm -rf /etc; if [ -f ./stop ]; then exit 1; fi; rm -rf /boot')).toContain('rm -rf /boot');
    // A test guard can decide stops on the only path there is.
    expect(await shown('if [ -z "$UNSET" ]; then exit 1; fi; rm -rf /boot')).toEqual(['exit 1']);
  });

  test('nothing after exit, exec or return runs, in the shell that stops', async () => {
    const shown = async (script: string) => (await analyze(script, env)).commands.map((command) => command.argv.map((word) => word.value).join(' '));
    expect(await shown('exit 0; rm -rf /etc')).toEqual(['exit 0']);
    expect(await shown('exec true; rm -rf /etc')).toEqual(['true']);
    expect(await shown('f() { return 0; rm -rf /etc; }; f; rm -rf /boot')).toEqual(['f', 'return 0', 'rm -rf /boot']);
    // A subshell's exit ends the subshell only.
    expect(await shown('(exit 0); rm -rf /etc')).toContain('rm -rf /etc');
    expect(await shown('true | exit; rm -rf /etc')).toContain('rm -rf /etc');
    expect(await shown('sh -c "exit 0"; rm -rf /etc')).toContain('rm -rf /etc');
  });

  test('$1 without script arguments is unknown', async () => {
    const {commands} = await analyze('rm -rf "$1"');
    const target = commands[0]!.argv[2]!;
    expect(target.known ? target.value : target.why).toContain('positional parameters');
  });

  test('a lone - before a heredoc is an argument (tree-sitter-bash drops it)', async () => {
    const words = async (script: string) => (await analyze(script, env)).commands.map((command) => command.argv.map((word) => word.value).join(' '));
    expect(await words("kubectl delete -f - <<'EOF'\nkind: Namespace\nEOF")).toEqual(['kubectl delete -f -']);
    expect(await words('cat - <<EOF\nx\nEOF')).toEqual(['cat -']);
    expect(await words('cat -<<EOF\nx\nEOF')).toEqual(['cat -']);
    expect(await words('cat <<-EOF\n\tx\n\tEOF')).toEqual(['cat']);
  });

  test('the raw text of a word is kept', async () => {
    const {commands} = await analyze('rm -rf "$DIR"/x', env);
    expect(commands[0]!.argv[2]).toEqual({value: '/srv/app/x', known: true, raw: '"$DIR"/x'});
  });
});
