import {describe, expect, test} from 'vitest';
import {analyze, only, shown, spelled, withEnv} from './fixture.js';

async function target(script: string, program = 'rm'): Promise<string> {
  const analysis = await analyze(script);
  const command = analysis.commands.filter((c) => c.program.value === program).at(-1)!;
  return command.argv.slice(1).map(shown).join(' ');
}

async function cwdOf(script: string, program = 'rm'): Promise<string> {
  const analysis = await analyze(script);
  const command = analysis.commands.filter((c) => c.program.value === program).at(-1)!;
  return shown(command.cwd);
}

describe('assignments are tracked in order', () => {
  test.each([
    ['X=/tmp; rm -rf $X', '-rf /tmp'],
    ['X=/tmp; X=/var; rm -rf $X', '-rf /var'],
    ['X=/tmp; Y=$X/a; rm -rf $Y', '-rf /tmp/a'],
    ['X=a; X+=b; rm $X', 'ab'],
    ['X=/tmp rm $X', ''],
    ['unset HOME; rm -rf ~', '-rf /home/dev'],
    ['HOME=/srv; rm -rf ~', '-rf /srv'],
    ['X=$(pwd); rm -rf $X', '-rf ?'],
    ['read X; rm -rf $X', '-rf ?'],
    ['while read f; do rm -rf "$f"; done < list', '-rf ?'],
    ['(X=/tmp); rm -rf "$X/"', '-rf /'],
    ['echo | X=/tmp; rm -rf "$X/"', '-rf /'],
    ['f(){ local X=/in; }; X=/out; f; rm -rf $X', '-rf /out'],
    ['f(){ X=/in; }; X=/out; f; rm -rf $X', '-rf /in'],
    ['set -- /a /b; rm $1 $2 $#', '/a /b 2'],
    ['set -- /a /b; shift; rm $1', '/b'],
    ['. ./env.sh; rm -rf "$HOME"', '-rf ?'],
    ['export X=/tmp; bash -c \'rm -rf "$X"\'', '-rf /tmp'],
    ['X=/tmp; bash -c \'rm -rf "$X/"\'', '-rf /'],
    ['X=/tmp; export X; sh -c \'rm -rf "$X"\'', '-rf /tmp'],
  ])('%j: rm %s', async (script, expected) => {
    expect(await target(script)).toBe(expected);
  });
});

describe('a variable set on only some paths is unknown after them', () => {
  test.each([
    ['if test -d /srv; then D=/srv; fi; rm -rf "$D"', '-rf ?'],
    ['if test -d /srv; then D=/srv; else D=/opt; fi; rm -rf "$D"', '-rf ?'],
    ['if test -d /srv; then D=/srv; else D=/srv; fi; rm -rf "$D"', '-rf /srv'],
    ['test -d /srv && D=/srv; rm -rf "$D"', '-rf ?'],
    ['case $1 in a) D=/a;; *) D=/b;; esac; rm -rf "$D"', '-rf ?'],
    ['for f in $(ls); do D=/x; done; rm -rf "$D"', '-rf ?'],
    ['D=/keep; for f in "$@"; do rm -rf "$D"; D=/; done', '-rf ?'],
    // A list written out runs at least once: what every pass leaves is known after it.
    ['for f in a; do D=/x; done; rm -rf "$D"', '-rf /x'],
    ['for f in a b; do D=/x; done; rm -rf "$D"', '-rf /x'],
    ['for f in a b; do D=$f; done; rm -rf "/srv/$D"', '-rf ?'],
    ['D=/keep; for f in a b; do rm -rf "$D"; done', '-rf /keep'],
    ['if true; then exit 1; else D=/b; fi; rm -rf "$D"', '-rf /b'],
  ])('%j: rm %s', async (script, expected) => {
    expect(await target(script)).toBe(expected);
  });
});

describe('$OLDPWD is the folder before the last cd that ran', () => {
  test.each([
    ['cd /srv/a && cd /srv/b && rm -rf "$OLDPWD"', '-rf /srv/a'],
    ['cd ./build && cd .. && rm -rf "$OLDPWD"', '-rf /home/dev/proj/build'],
    ['cd /srv/a && cd - && rm -rf "$OLDPWD"', '-rf /srv/a'],
  ])('%j: rm %s', async (script, expected) => {
    expect(await target(script)).toBe(expected);
  });
});

describe('cd is tracked, and a cd that may have failed leaves the cwd unknown', () => {
  test.each([
    ['cd /tmp && rm -rf *', '/tmp'],
    ['cd /tmp || exit 1; rm -rf *', '/tmp'],
    ['cd /tmp || { echo no; exit 1; }; rm -rf *', '/tmp'],
    ['set -e; cd /tmp; rm -rf *', '/tmp'],
    ['set -euo pipefail; cd /tmp; rm -rf *', '/tmp'],
    ['#!/bin/bash -e\ncd /tmp\nrm -rf *', '/tmp'],
    ['cd /tmp; rm -rf *', '?'],
    ['cd build && cd .. && rm -rf *', '/home/dev/proj'],
    ['cd && rm -rf *', '/home/dev'],
    ['cd ~/x && rm -rf *', '/home/dev/x'],
    ['cd "$(cat dir.txt)" && rm -rf *', '?'],
    ['cd "$(mktemp -d)" && rm -rf *', '/tmp/tmp.XXXXXXXXXX'],
    ['(cd /tmp && true); rm -rf *', '/home/dev/proj'],
    ['pushd /tmp && rm -rf *', '/tmp'],
    ['cd /tmp && popd && rm -rf *', '?'],
    ['sudo -D /srv rm -rf *', '/srv'],
    ['env -C /srv rm -rf *', '/srv'],
    ['cd /a && rm -rf * && cd /b && rm -rf *', '/b'],
    ['if cd /tmp; then rm -rf *; fi', '/tmp'],
    ['set -e; cd /a && true; rm -rf *', '?'],
    ['set -e; cd /a || true; rm -rf *', '?'],
    ['while cd /a; do rm -rf *; done', '/a'],
  ])('%j: cwd %s', async (script, expected) => {
    expect(await cwdOf(script)).toBe(expected);
  });

  test('the unknown cwd says why', async () => {
    const {commands} = await analyze('cd /tmp; rm -rf *');
    const cwd = commands[1]!.cwd;
    expect(cwd.known ? cwd.value : cwd.why).toContain('cd may have failed');
  });
});

describe('the environment a command gets', () => {
  test('prefix assignments reach the command, not the shell', async () => {
    const analysis = await analyze('PGDATABASE=prod psql -c "select 1"; echo $PGDATABASE');
    expect(only(analysis, 'psql').env.PGDATABASE).toBe('prod');
    expect(spelled(only(analysis, 'echo'))).toBe('echo');
  });

  test('only exported variables are passed on', async () => {
    const analysis = await analyze('A=1; export B=2; env');
    const {env} = only(analysis, 'env');
    expect(env.A).toBeUndefined();
    expect(env.B).toBe('2');
    expect(env.HOME).toBe('/home/dev');
  });

  test('env -i empties it, env -u removes one, NAME=VALUE adds one', async () => {
    expect(only(await analyze('env -i PATH=/bin rm x'), 'rm').env).toEqual({PATH: '/bin'});
    expect(only(await analyze('env -u HOME rm x'), 'rm').env.HOME).toBeUndefined();
    expect(only(await analyze('env --unset=HOME X=1 rm x'), 'rm').env).toMatchObject({X: '1'});
  });

  test('sudo without -E may reset every variable', async () => {
    expect(only(await analyze('sudo rm x'), 'rm').env.HOME).toBeNull();
    expect(only(await analyze('sudo -E rm x'), 'rm').env.HOME).toBe('/home/dev');
  });

  test('a variable read at run time is in the env as null', async () => {
    expect(only(await analyze('read X; export X; rm y'), 'rm').env.X).toBeNull();
  });

  // Commands that see the same environment share one record, remade only when an exported
  // variable or the export list changes: a function's locals going out of scope included.
  test.each([
    ['export D=/out; f(){ local D=/in; env; }; f; env', ['/in', '/out']],
    ['f(){ local D=/in; export D; env; }; f; env', ['/in', undefined]],
    ['f(){ local N=1; }; export D=/out; f; env; unset D; env', ['/out', undefined]],
    ['export D=/out; f(){ D=/in; }; env; f; env', ['/out', '/in']],
  ])('%j: each env sees D as %j', async (script, expected) => {
    const analysis = await analyze(script);
    expect(analysis.commands.filter((c) => c.program.value === 'env').map((c) => ('D' in c.env ? c.env.D : undefined))).toEqual(expected);
  });

  // Paths are merged on the variables set on one of them: one the script unset everywhere stays unset.
  test('a variable of the start that the script unset stays unset after a loop', async () => {
    const started = withEnv({E: '/start', PWD: '/home/dev/proj'});
    const analysis = await analyze('unset E; export E; for i in 1; do env; . ./f; done; env', started);
    expect(analysis.commands.filter((c) => c.program.value === 'env').map((c) => 'E' in c.env)).toEqual([false, false]);
    // Unset, $PWD follows cd again, as in bash.
    const rm = only(await analyze('set -e; unset PWD; for i in 1 2; do cd /b; done; cd /c; rm -rf "$PWD/x"', started), 'rm');
    expect(spelled(rm)).toBe('rm -rf /c/x');
  });

  test('a context env value that is undefined is unset', async () => {
    expect(await target('rm -rf "$GONE/"', 'rm')).toBe('-rf /');
    const analysis = await analyze('rm -rf "$GONE/"', withEnv({GONE: undefined}));
    expect(only(analysis, 'rm').env).not.toHaveProperty('GONE');
  });
});

describe('what a command made is kept only on the paths where it surely succeeded', () => {
  const made = async (script: string) => {
    const analysis = await analyze(script);
    const command = analysis.commands.filter((c) => c.program.value === 'dropdb').at(-1)!;
    return [...(command.made ?? [])].map((name) => name.split('\0').at(-1));
  };

  test.each([
    ['createdb a && dropdb a', ['a']],
    ['createdb a && psql -d a -c "select 1" && dropdb a', ['a']],
    ['createdb a || exit 1; dropdb a', ['a']],
    ['set -e; createdb a; dropdb a', []],
    ['set -e; { createdb a; } || true; dropdb a', []],
    ['set -e; x=$(createdb a; dropdb a)', []],
    ['createdb -h "$(cat host)" a && dropdb -h "$(cat host)" a', []],
    ['if createdb a; then dropdb a; fi', ['a']],
    ['createdb a && { psql -d a -f t.sql; dropdb a; }', ['a']],
    ['createdb a; dropdb a', []],
    ['createdb a || true; dropdb a', []],
    ['set -e; createdb a && echo made; dropdb a', []],
    ['if ! createdb a; then dropdb a; fi', []],
    ['until createdb a; do dropdb a; done', []],
    ['createdb a | tee log && dropdb a', []],
    ['(createdb a) && dropdb a', []],
    ['if createdb a; then :; else dropdb a; fi', []],
  ])('%s', async (script, names) => {
    expect(await made(script)).toEqual(names);
  });
});

describe('a checkout git clone made is kept under its folder', () => {
  const made = async (script: string) => {
    const analysis = await analyze(script);
    const command = analysis.commands.filter((c) => c.program.value === 'true').at(-1)!;
    return [...(command.made ?? [])].map((name) => name.split('\0').at(-1));
  };

  test.each([
    ['git clone https://example.com/acme/site.git && true', ['/home/dev/proj/site']],
    ['git clone git@github.com:acme/app.git/ && true', ['/home/dev/proj/app']],
    ['git -C /srv clone -q --depth 1 -b main https://example.com/x.git web && true', ['/srv/web']],
    ['git clone --bare https://example.com/x.git && true', []],
    ['git clone https://example.com/x.git "$(cat dir)" && true', []],
    ['git clone https://example.com/x.git; true', []],
    // An abbreviated option takes its value as git reads it: the source is not the folder made.
    ['git clone --bran main /srv/app site && true', ['/home/dev/proj/site']],
    ['git clone --ref-format reftable /srv/app site && true', ['/home/dev/proj/site']],
    ['git clone --no-checkout https://example.com/x.git && true', []],
  ])('%s', async (script, names) => {
    expect(await made(script)).toEqual(names);
  });
});

describe('set -u: a variable that is not set stops the shell before the command that expands it', () => {
  test.each([
    'set -u; chown -R deploy:deploy "$APP_HOME/"',
    'set -eu; rm -rf "$DIR"/*',
    'set -o nounset; rm -rf /srv/$SITE',
    'set -euo pipefail\nrm -rf "${ROOT}/"',
    '#!/bin/bash -eu\nrm -rf "$TARGET/"',
  ])('%j runs no rm or chown', async (script) => {
    const analysis = await analyze(script);
    expect(analysis.commands.filter((command) => command.program.value === 'rm' || command.program.value === 'chown')).toEqual([]);
  });

  test.each([
    ['set -u; set +u; rm -rf "/srv/$Z"', 'rm -rf /srv/'],
    ['set -u; X=1; rm -rf "/srv/$X"', 'rm -rf /srv/1'],
    ['set -u; rm -rf "/srv/${Y:-old}"', 'rm -rf /srv/old'],
    ['rm -rf "/srv/$Q"', 'rm -rf /srv/'],
  ])('%j still runs %s', async (script, command) => {
    const analysis = await analyze(script);
    expect(analysis.commands.map(spelled)).toContain(command);
  });
});

describe('set -u is not taken to stop the shell where variables may be set in ways guard does not follow', () => {
  test.each([
    'set -u; ((n=0)); rm -rf / $n',
    'set -u; n=$((m=3)); rm -rf / $m',
    "((n=1)); eval 'set -u; echo $n; rm -rf /'",
    "trap 'n=1' DEBUG; set -u; rm -rf / $n",
    'f() { n=1; }; trap f DEBUG; set -u; rm -rf / $n',
    'set -u; declare -i n; n=1; rm -rf / $n',
    'set -u; coproc n { :; }; rm -rf / $n',
    'set -u; exec {fd}>/dev/null; rm -rf / $fd',
  ])('%j runs rm -rf /', async (script) => {
    const analysis = await analyze(script);
    expect(analysis.commands.some((command) => command.program.value === 'rm' && command.argv.some((word) => word.value === '/'))).toBe(true);
  });
});

describe('an assignment that stops the shell stops it', () => {
  test.each([
    'd=${UNSET_DIR:?usage}; rm -rf /',
    'set -u; d=$UNSET_DIR; rm -rf /',
  ])('%j runs no rm', async (script) => {
    const analysis = await analyze(script);
    expect(analysis.commands.filter((command) => command.program.value === 'rm')).toEqual([]);
  });

  test('not where the code may set it in a way guard does not follow', async () => {
    const analysis = await analyze('((X=1)); d=${X:?}; rm -rf /');
    expect(analysis.commands.map(spelled)).toContain('rm -rf /');
  });
});
