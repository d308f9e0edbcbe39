import {describe, expect, test} from 'vitest';
import {analyze, only, shown, spelled, spellings} from './fixture.js';

// Each row: a script, then every command it runs in the order guard reports them.
const constructs: [string, string[]][] = [
  ['a && b || c; d', ['a', 'b', 'c', 'd']],
  ['a | b |& c', ['a', 'b', 'c']],
  ['a & b', ['a', 'b']],
  ['(a; b)', ['a', 'b']],
  ['{ a; b; }', ['a', 'b']],
  ['! a', ['a']],
  ['if a; then b; elif c; then d; else e; fi', ['a', 'b', 'c', 'd', 'e']],
  ['while a; do b; done', ['a', 'b']],
  ['until a; do b; done', ['a', 'b']],
  // A list written out: each pass with its value (a b for 1, a b for 2); select asks, so once.
  ['for x in 1 2; do b; done', ['b', 'b']],
  ['for ((i=0; i<3; i++)); do b; done', ['b']],
  ['select x in 1 2; do b; done', ['b']],
  // A subject guard cannot know: every branch; a known one ($x is unset here: empty): the branch it matches.
  ['case $(x) in a) b;; *) c;; esac', ['x', 'b', 'c']],
  ['case $x in a) b;; *) c;; esac', ['c']],
  ['x=a; case $x in a|z) b;; *) c;; esac', ['b']],
  ['x=a; case $x in [ab]) b;; *) c;; esac', ['b', 'c']],
  ['f() { a; }; f', ['f', 'a']],
  ['function f { a; }', ['a']],
  // A function only a case branch not taken calls never runs; one the code may call unseen is walked.
  ['st() { a; }; rb() { b; }; x=status; case $x in status) st ;; reboot) rb ;; esac', ['st', 'a']],
  ['st() { a; }; rb() { b; }; case $(c) in status) st ;; reboot) rb ;; esac', ['c', 'st', 'a', 'rb', 'b']],
  ['rb() { b; }; x=status; case $x in status) echo ;; reboot) rb ;; esac; rb', ['echo', 'rb', 'b']],
  // An if whose test is on strings guard knows runs only the branch the shell would.
  ['if [ -n "$UNSET" ]; then a; else b; fi', ['b']],
  ['if [ -n "${UNSET:-x}" ]; then a; else b; fi', ['a']],
  ['if [ -n "${UNSET:-}" ]; then a; else b; fi', ['b']],
  // So does a test's `&&` or `||`.
  ['[ -n "$UNSET" ] && a; b', ['b']],
  ['[ -n "${UNSET:-}" ] && a', []],
  ['[ -z "$UNSET" ] || a; b', ['b']],
  ['[ -z "$UNSET" ] && a', ['a']],
  ['[ -n "$(c)" ] && a', ['c', 'a']],
  // Names set only when it runs, a default in quotes the shell keeps, a variable bash sets: not decided.
  ['export $(c); [ -n "$X" ] && a', ['c', 'export', 'a']],
  ["[ \"${X:-'no'}\" = no ] || a", ['a']],
  ['[ -n "$SHLVL" ] && a', ['a']],
  // `set -euo pipefail` names an option: the positional parameters stay.
  ['set -- nuke; set -euo pipefail; case "$1" in nuke) a ;; *) b ;; esac', ['set -- nuke', 'set -euo pipefail', 'a']],
  ['set -- x; if [ "$1" = x ]; then a; else b; fi', ['set -- x', 'a']],
  ['x=prod; if [ "$x" = dev ]; then a; elif [ "$x" = prod ]; then b; else c; fi', ['b']],
  // `[[ ]]` and `==` are bash's alone (dash runs the else): never decided.
  ['x=prod; if [[ $x == prod ]]; then a; else b; fi', ['a', 'b']],
  // An unquoted word splits in `[`: `[ -n $UNSET ]` is `[ -n ]`, which is true.
  ['if [ -n $UNSET ]; then a; else b; fi', ['a', 'b']],
  // Variables bash sets itself, and code whose variables guard does not follow in full.
  ['if [ -n "$BASH_VERSION" ]; then a; else b; fi', ['a', 'b']],
  ['declare -u x; x=prod; if [ "$x" = PROD ]; then a; else b; fi', ['declare -u x', 'a', 'b']],
  // Where the environment is not the caller's: a trap that runs later, a function no one calls.
  ["x=; trap 'if [ -n \"$x\" ]; then a; fi' EXIT; x=prod", ['trap if [ -n "$x" ]; then a; fi EXIT', 'a', 'a']],
  // A trap handler runs again when it fires, with the values the code has left by then.
  ['d=/tmp/x; f() { rm -rf "$d"; }; trap f EXIT; d=/etc', ['trap f EXIT', 'f', 'rm -rf /tmp/x', 'f', 'rm -rf /etc']],
  ['x=; f() { if [ -n "$x" ]; then a; fi; }', ['a']],
  ['x=prod; if [ "$x" != prod ] || true; then a; fi', ['true', 'a']],
  ['if [ -z "$UNSET" ]; then a; else b; fi', ['a']],
  ['if [ ! -n "$UNSET" ]; then a; fi', ['a']],
  ['x=prod; if [[ $x == p* ]]; then a; else b; fi', ['a', 'b']],
  ['if [ -f ./x ]; then a; else b; fi', ['a', 'b']],
  ['if [ -n "$(c)" ]; then a; else b; fi', ['c', 'a', 'b']],
  ['f() { a; }; if [ -z "$UNSET" ]; then echo; else f; fi', ['echo']],
  ['f() ( a ); f; f', ['f', 'a', 'f', 'a']],
  ['f() { f; }; f', ['f', 'f']],
  ['echo $(a) `b`', ['a', 'b', 'echo ? ?']],
  ['echo "$(a "$(b)")"', ['b', 'a ?', 'echo ?']],
  ['x=$(a)', ['a']],
  ['diff <(a) >(b)', ['a', 'b', 'diff ? ?']],
  ['[[ $(a) == x ]] && b', ['a', 'b']],
  ['echo $(( $(a) + 1 ))', ['a', 'echo ?']],
  ['export X=$(a)', ['a', 'export X=?'.replace('X=?', '?')]],
  ['local y=1 2>/dev/null', ['local y=1']],
  ['coproc a', ['a']],
  ['a\nb\n\nc', ['a', 'b', 'c']],
  ['a \\\n  -x \\\n  -y', ['a -x -y']],
  ['echo x\\\ny', ['echo xy']],
  ['> /etc/passwd', ['']],
  ['exec 3>&1 > out', ['exec']],
];

describe('every simple command is found, in order', () => {
  test.each(constructs)('%j', async (script, expected) => {
    expect(await spellings(script)).toEqual(expected);
  });
});

describe('how a command was reached is recorded', () => {
  test.each([
    ['echo $(rm x)', ['$(...)']],
    ['echo `rm x`', ['`...`']],
    ['cat <(rm x)', ['<(...)']],
    ['bash -c "rm x"', ['bash -c']],
    ['sudo bash -lc "rm x"', ['sudo bash -c']],
    ['sh -c "eval \'rm x\'"', ['sh -c', 'eval']],
    ['find . -exec rm {} +', ['find -exec']],
    ['find . -okdir rm {} \\;', ['find -okdir']],
    ['ls | xargs rm', ['xargs']],
    ['bash <<EOF\nrm x\nEOF', ['heredoc fed to bash']],
    ['sh <<< "rm x"', ['herestring fed to sh']],
    ['echo "rm x" | sh', ['pipe into sh']],
    ['. /dev/stdin <<< "rm x"', ['herestring fed to .']],
    ['echo "rm x" | source /dev/stdin', ['pipe into source']],
    ['source /proc/self/fd/0 <<EOF\nrm x\nEOF', ['heredoc fed to source']],
    ['f() { rm x; }; f', ['function f']],
    ['ssh host rm x', ['ssh host']],
  ])('%j: rm via %j', async (script, via) => {
    expect(only(await analyze(script), 'rm').via).toEqual(via);
  });
});

describe('wrappers are removed and named', () => {
  test.each([
    ['sudo -u root -- /usr/bin/env -i nice -n 5 rm x', ['sudo', 'env', 'nice']],
    ['command -p rm x', ['command']],
    ['builtin cd /', ['builtin']],
    ['timeout --signal=KILL 5m nohup rm x', ['timeout', 'nohup']],
    ['stdbuf -i0 -o L ionice -c 3 rm x', ['stdbuf', 'ionice']],
    ['env -S "rm -rf" x', ['env']],
    ['/usr/bin/time -f %e rm x', ['time']],
    ['busybox rm x', ['busybox']],
    ['chroot /mnt rm x', ['chroot']],
    ['pkexec --user root rm x', ['pkexec']],
    ['echo x | xargs -r -0 sudo rm', ['xargs', 'sudo']],
  ])('%j', async (script, wrappers) => {
    const analysis = await analyze(script);
    const command = analysis.commands.find((c) => c.program.value === 'rm' || c.program.value === 'cd')!;
    expect(command.wrappers).toEqual(wrappers);
  });

  test.each([
    ['sudo -l', 'sudo'],
    ['sudo -e /etc/hosts', 'sudo'],
    ['command -v rm', 'command'],
    ['env', 'env'],
    ['nice', 'nice'],
    ['exec > log', 'exec'],
    ['timeout 5', 'timeout'],
    ['busybox --list', 'busybox'],
  ])('%j is not unwrapped', async (script, program) => {
    expect((await analyze(script)).commands[0]!.program.value).toBe(program);
  });

  test('env -S splits its string into the command', async () => {
    expect(spelled(only(await analyze(`env -S "rm -rf 'a b'" c`), 'rm'))).toBe('rm -rf a b c');
  });

  test('the program path is kept as argv[0]', async () => {
    const command = only(await analyze('/bin/rm -rf /'), 'rm');
    expect(command.argv[0]).toMatchObject({value: '/bin/rm'});
  });
});

describe('redirections are recorded with their targets', () => {
  test('file redirections, in order, with their descriptors', async () => {
    const command = (await analyze('cmd > out 2>>err <in &>all 3>&1 >| clobber 4<&- 2>/dev/null')).commands[0]!;
    expect(command.redirects.map((r) => [r.op, r.fd, shown(r.target)])).toEqual([
      ['>', undefined, 'out'],
      ['>>', 2, 'err'],
      ['<', undefined, 'in'],
      ['&>', undefined, 'all'],
      ['>&', 3, '1'],
      ['>|', undefined, 'clobber'],
      ['<&-', 4, ''],
      ['>', 2, '/dev/null'],
    ]);
  });

  test('targets are expanded', async () => {
    const command = (await analyze('D=/etc; echo x > "$D/passwd"')).commands[0]!;
    expect(shown(command.redirects[0]!.target)).toBe('/etc/passwd');
  });

  test('a compound command passes its redirections to the commands inside', async () => {
    const analysis = await analyze('{ a; b; } > /etc/passwd');
    expect(analysis.commands.map((c) => c.redirects.map((r) => shown(r.target)))).toEqual([['/etc/passwd'], ['/etc/passwd']]);
  });

  test('words after a redirection target are arguments', async () => {
    expect(await spellings('echo > f a b')).toEqual(['echo a b']);
  });

  test('a heredoc body is its target: literal when quoted, expanded when not', async () => {
    const quoted = (await analyze("psql <<'SQL'\nDROP TABLE $T;\nSQL")).commands[0]!;
    expect(quoted.redirects[0]).toMatchObject({op: '<<', target: {known: true, value: 'DROP TABLE $T;\n'}});
    const expanded = (await analyze('T=users; psql <<SQL\nDROP TABLE $T;\nSQL')).commands[0]!;
    expect(shown(expanded.redirects[0]!.target)).toBe('DROP TABLE users;\n');
    const tabs = (await analyze('cat <<-EOF\n\t\tindented\n\tEOF')).commands[0]!;
    expect(shown(tabs.redirects[0]!.target)).toBe('indented\n');
  });

  test('a here-string is its target', async () => {
    const command = (await analyze('psql <<< "DROP TABLE users"')).commands[0]!;
    expect(command.redirects[0]).toMatchObject({op: '<<<', target: {value: 'DROP TABLE users'}});
  });

  test('a here-string after another redirect is a here-string, not a syntax error', async () => {
    const analysis = await analyze('psql -d app 2>&1 > /tmp/out.txt <<< "DROP TABLE users"');
    expect(analysis.problems).toEqual([]);
    expect(analysis.commands[0]!.redirects.map((redirect) => redirect.op)).toEqual(['>&', '>', '<<<']);
    expect(analysis.commands[0]!.redirects[2]).toMatchObject({target: {value: 'DROP TABLE users'}});
  });

  test('a redirect whose target is an escaped blank at a line end is a problem, not the next line taken for its words', async () => {
    for (const code of ['echo > \\ \nrm -rf /', 'cat <<< \\ \nrm -rf /', 'ls 2> \\ \nrm -rf /']) {
      const analysis = await analyze(code);
      expect(analysis.problems.map((problem) => problem.kind), code).toContain('syntax');
    }

    // A line continued by a backslash is one command, as bash runs it.
    expect((await analyze('echo hi > out.txt \\\n  more')).problems).toEqual([]);
  });

  test('a here-string after a loop feeds the commands inside it', async () => {
    const analysis = await analyze('ids="a b"; while read -r id; do bw delete item "$id"; done <<< "$ids"');
    expect(only(analysis, 'bw').redirects).toEqual([expect.objectContaining({op: '<<<', target: expect.objectContaining({value: 'a b'})})]);
  });
});

describe('locations point into the top-level input', () => {
  test('a command in a script names its line and column', async () => {
    const analysis = await analyze('echo one\n  if true; then\n    rm -rf /tmp/x\n  fi');
    expect(only(analysis, 'rm').location).toEqual({line: 3, column: 5, text: 'rm -rf /tmp/x', site: '0:29'});
  });

  test('a command in a code string points at the command that runs it', async () => {
    const analysis = await analyze('echo hi\n  bash -c "echo a; rm -rf /"');
    expect(only(analysis, 'rm').location).toEqual({line: 2, column: 3, text: 'rm -rf /', site: '1:8'});
  });

  test('a command in a heredoc fed to a shell names its own line', async () => {
    const analysis = await analyze("echo hi\nbash <<'EOF'\necho a\n  rm -rf /\nEOF");
    expect(only(analysis, 'rm').location).toMatchObject({line: 4, column: 3});
  });

  test('the file is named when the context names it', async () => {
    const analysis = await analyze('rm x', {env: {}, cwd: '/', home: '/root', file: '/usr/local/bin/backup.sh'});
    expect(analysis.commands[0]!.location.file).toBe('/usr/local/bin/backup.sh');
  });
});

describe('a shell is given the right positional parameters', () => {
  test.each([
    [`bash -c 'rm "$1" "$0"' me /tmp/x`, 'rm /tmp/x me'],
    [`sh -c 'rm "$@"' _ a b`, 'rm a b'],
    [`echo a | xargs sh -c 'rm "$@"' _`, 'rm a'],
    [`ls | xargs sh -c 'rm "$@"' _`, 'rm ?'],
    [`bash -s /tmp/x <<'EOF'\nrm "$1"\nEOF`, 'rm /tmp/x'],
  ])('%j', async (script, expected) => {
    expect(await spellings(script)).toContain(expected);
  });
});
