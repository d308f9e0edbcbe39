import {describe, expect, test} from 'vitest';
import {analyze, context, only, spelled, spellings, withEnv} from './fixture.js';

// research/danger.md §6.9: each must show the rm (or the danger) a rule would refuse.
const evasions: [string, string][] = [
  [`r''m -rf /`, 'rm -rf /'],
  [`"rm" -rf /`, 'rm -rf /'],
  [`\\rm -rf /`, 'rm -rf /'],
  [`/bin/rm -rf /`, 'rm -rf /'],
  [`/usr/bin/../bin/rm -rf ~`, 'rm -rf /home/dev'],
  [`command rm -rf ~`, 'rm -rf /home/dev'],
  [`env rm -rf ~`, 'rm -rf /home/dev'],
  [`env -i PATH=/usr/bin rm -rf ~`, 'rm -rf /home/dev'],
  [`sudo rm -rf /`, 'rm -rf /'],
  [`sudo -u root -- rm -rf /`, 'rm -rf /'],
  [`sudo -E -n -u root rm -rf /`, 'rm -rf /'],
  [`doas rm -rf /`, 'rm -rf /'],
  [`nice -n 19 rm -rf ~`, 'rm -rf /home/dev'],
  [`nohup rm -rf ~ &`, 'rm -rf /home/dev'],
  [`timeout 30 rm -rf ~`, 'rm -rf /home/dev'],
  [`timeout -k 5 -s KILL 30s rm -rf ~`, 'rm -rf /home/dev'],
  [`exec rm -rf ~`, 'rm -rf /home/dev'],
  [`time rm -rf ~`, 'rm -rf /home/dev'],
  [`stdbuf -oL rm -rf ~`, 'rm -rf /home/dev'],
  [`busybox rm -rf /`, 'rm -rf /'],
  [`ionice -c3 setsid nice rm -rf /`, 'rm -rf /'],
  [`sh -c 'rm -rf /'`, 'rm -rf /'],
  [`bash -c 'rm -rf /'`, 'rm -rf /'],
  [`dash -c 'rm -rf /'`, 'rm -rf /'],
  [`zsh -c 'rm -rf /'`, 'rm -rf /'],
  [`bash -lc "cd / && rm -rf *"`, 'rm -rf *'],
  [`sh -c "sh -c 'rm -rf /'"`, 'rm -rf /'],
  [`sudo sh -c "rm -rf /var/lib/docker"`, 'rm -rf /var/lib/docker'],
  [`su -c 'rm -rf /'`, 'rm -rf /'],
  [`su - root -c 'rm -rf /'`, 'rm -rf /'],
  [`eval 'rm -rf /'`, 'rm -rf /'],
  [`eval "rm -rf ~"`, 'rm -rf /home/dev'],
  [`X=rm; $X -rf ~`, 'rm -rf /home/dev'],
  [`$'\\x72\\x6d' -rf ~`, 'rm -rf /home/dev'],
  [`$'\\x72m' -rf /`, 'rm -rf /'],
  [`{ rm -rf ~; }`, 'rm -rf /home/dev'],
  [`(rm -rf ~)`, 'rm -rf /home/dev'],
  [`true && rm -rf ~`, 'rm -rf /home/dev'],
  [`false || rm -rf ~`, 'rm -rf /home/dev'],
  [`ls; rm -rf ~`, 'rm -rf /home/dev'],
  [`sleep 1 & rm -rf ~`, 'rm -rf /home/dev'],
  [`if [ -d /srv ]; then rm -rf /srv; fi`, 'rm -rf /srv'],
  [`for d in /etc /usr; do rm -rf "$d"; done`, 'rm -rf /usr'],
  [`for d in $(cat dirs); do rm -rf "$d"; done`, 'rm -rf ?'],
  [`for f in /var/log/*; do truncate -s 0 "$f"; done`, 'truncate -s 0 /var/log/*'],
  [`cleanup(){ rm -rf ~; }; cleanup`, 'rm -rf /home/dev'],
  [`never_called(){ rm -rf ~; }`, 'rm -rf /home/dev'],
  [`bash <<'EOF'\nrm -rf ~\nEOF`, 'rm -rf /home/dev'],
  [`bash <<EOF\nrm -rf /\nEOF`, 'rm -rf /'],
  [`sh <<< 'rm -rf ~'`, 'rm -rf /home/dev'],
  [`sh 2>/dev/null <<< 'rm -rf ~'`, 'rm -rf /home/dev'],
  [`{ bash; } <<EOF\nrm -rf /\nEOF`, 'rm -rf /'],
  [`( bash ) <<< 'rm -rf ~'`, 'rm -rf /home/dev'],
  [`while true; do bash; break; done <<EOF\nrm -rf /\nEOF`, 'rm -rf /'],
  [`run() { bash; }; run <<EOF\nrm -rf /\nEOF`, 'rm -rf /'],
  [`g() { bash; }; f() { g; }; f <<< 'rm -rf ~'`, 'rm -rf /home/dev'],
  [`echo 'rm -rf ~' > x.sh; bash < x.sh`, 'rm -rf /home/dev'],
  // A script this shell opens, fed to a shell elsewhere.
  [`echo 'rm -rf /' > x.sh; ssh host bash < x.sh`, 'rm -rf /'],
  [`echo 'rm -rf /' > x.sh; ssh host < x.sh`, 'rm -rf /'],
  [`echo 'rm -rf /' > x.sh; docker exec -i web sh < x.sh`, 'rm -rf /'],
  // The descriptor 0 written out, which tree-sitter-bash reads as a word of the command.
  [`echo 'rm -rf ~' > x.sh; bash 0< x.sh`, 'rm -rf /home/dev'],
  [`echo 'rm -rf ~' > x.sh; 0<x.sh bash`, 'rm -rf /home/dev'],
  [`bash 0<<< 'rm -rf ~'`, 'rm -rf /home/dev'],
  // A descriptor opened by exec and read later.
  [`echo 'rm -rf ~' > x.sh; exec 3< x.sh; bash <&3`, 'rm -rf /home/dev'],
  [`echo 'rm -rf ~' > x.sh; exec < x.sh; bash`, 'rm -rf /home/dev'],
  [`echo 'rm -rf ~' > x.sh; exec 3< x.sh; exec 0<&3; sh`, 'rm -rf /home/dev'],
  [`echo 'rm -rf ~' > x.sh; exec 4< x.sh 5<&4; (bash 0<&5)`, 'rm -rf /home/dev'],
  // Project files and scripts the same code wrote, then ran.
  [`cat > Makefile <<'EOF'\nwipe:\n\trm -rf ~\nEOF\nmake wipe`, 'rm -rf /home/dev'],
  [`echo '{"scripts":{"x":"rm -rf ~"}}' > package.json; npm run x`, 'rm -rf /home/dev'],
  [`printf 'exec rm -rf /\n' > t.tcl; tclsh t.tcl`, 'rm -rf /'],
  [`tclsh <<< 'file delete -force /'`, 'rm -rf -- /'],
  // go-task's Taskfile: commands, deps, a block, another task called, variables filled in.
  [`cat > Taskfile.yml <<'EOF'\nversion: '3'\ntasks:\n  reset:\n    cmds:\n      - rm -rf ~\nEOF\ntask reset`, 'rm -rf /home/dev'],
  [`cat > Taskfile.yml <<'EOF'\nversion: '3'\nvars:\n  DIR: /srv/data\ntasks:\n  clean:\n    deps: [stop]\n    cmds:\n      - cmd: echo cleaning\n      - |\n        cd /tmp\n        rm -rf {{.DIR}}\n  stop: systemctl stop app\nEOF\ntask clean`, 'rm -rf /srv/data'],
  [`cat > Taskfile.yml <<'EOF'\nversion: '3'\ntasks:\n  default:\n    cmds:\n      - task: wipe\n  wipe:\n    cmds: ['rm -rf ~']\nEOF\ntask`, 'rm -rf /home/dev'],
  [`cat > Taskfile.yml <<'EOF'\nversion: '3'\ntasks:\n  wipe:\n    cmds:\n      - cmd: echo start\n        silent: true\n      - defer: rm -rf ~\n  w2: [rm -rf /]\nEOF\ntask wipe`, 'rm -rf /home/dev'],
  [`cat > Taskfile.yml <<'EOF'\nversion: '3'\ntasks:\n  "w2":\n    aliases: [w]\n    status:\n      - rm -rf /\nEOF\ntask -t Taskfile.yml w`, 'rm -rf /'],
  // `hash -p PATH NAME` makes NAME run PATH.
  [`hash -p /bin/rm ls; ls -rf /srv/www`, 'rm -rf /srv/www'],
  // A `return` ends only a sourced script, or nothing outside a function (bash goes on).
  [`. /dev/stdin <<< "return 0"; rm -rf /etc`, 'rm -rf /etc'],
  [`printf 'return 0\n' > lib.sh; . ./lib.sh; rm -rf /etc`, 'rm -rf /etc'],
  [`bash -c 'return 0; rm -rf /etc'`, 'rm -rf /etc'],
  [`. /dev/stdin /etc <<< 'rm -rf "$1"'`, 'rm -rf /etc'],
  // A namespaced task name holds a colon (`db:drop:`).
  [`cat > Taskfile.yml <<'EOF'\nversion: '3'\ntasks:\n  db:drop:\n    cmds:\n      - rm -rf /var/lib/postgresql\nEOF\ntask db:drop`, 'rm -rf /var/lib/postgresql'],
  [`echo 'rm -rf ~' | sh`, 'rm -rf /home/dev'],
  [`cat <<'EOF' | sh\nrm -rf /\nEOF`, 'rm -rf /'],
  [`cat <<EOF > notes.md\n$(rm -rf ~)\nEOF`, 'rm -rf /home/dev'],
  [`cat <<EOF > notes.md\n\`rm -rf ~\`\nEOF`, 'rm -rf /home/dev'],
  [`cat <(rm -rf ~)`, 'rm -rf /home/dev'],
  [`x=$(rm -rf ~)`, 'rm -rf /home/dev'],
  [`y=\`rm -rf ~\``, 'rm -rf /home/dev'],
  [`diff <(ls) <(rm -rf b)`, 'rm -rf b'],
  [`tee >(rm -rf b) < /dev/null`, 'rm -rf b'],
  [`find / -exec rm -rf {} \\;`, 'rm -rf ?'],
  [`find ~ -type f -exec rm -f {} +`, 'rm -f ?'],
  [`find . -execdir sudo rm {} \\;`, 'rm ?'],
  [`find . -maxdepth 0 -exec sh -c 'rm -rf ~' \\;`, 'rm -rf /home/dev'],
  [`echo / | xargs rm -rf`, 'rm -rf /'],
  [`ls | xargs rm -rf`, 'rm -rf ?'],
  [`ls | xargs -0 -n1 rm -rf`, 'rm -rf ?'],
  [`xargs -I{} sh -c 'rm -rf {}' <<< /`, 'rm -rf /'],
  [`xargs -I{} sh -c 'rm -rf {}' < list.txt`, 'rm -rf ?'],
  [`ssh prod-db 'rm -rf /var/lib/postgresql'`, 'rm -rf /var/lib/postgresql'],
  [`watch -n 60 'rm -rf ~/Documents'`, 'rm -rf /home/dev/Documents'],
  [`rm -rf "$DIR/"`, 'rm -rf /'],
  [`rm -rf "$DIR"/`, 'rm -rf /'],
  [`rm -rf "$UNSET_VAR"/*`, 'rm -rf /*'],
  [`rm -rf /{etc,usr}`, 'rm -rf /etc /usr'],
  [`alias ll='rm -rf /'`, 'rm -rf /'],
  [`trap 'rm -rf /' EXIT`, 'rm -rf /'],
  [`flock /tmp/lock -c 'rm -rf /'`, 'rm -rf /'],
  [`flock /tmp/lock rm -rf /`, 'rm -rf /'],
  [`X="-rf /"; rm $X`, 'rm -rf /'],
  [`cd /; rm -rf *`, 'rm -rf *'],
  [`rm\${IFS}-rf\${IFS}/`, 'rm -rf /'],
  [`rm$IFS-rf$IFS/`, 'rm -rf /'],
  [`bash <<'EOF'\n\\rm -rf /\nEOF`, 'rm -rf /'],
  [`bash <<EOF | cat\n\\rm -rf /\nEOF`, 'rm -rf /'],
  [`sh <<-'EOF'\n\t\\rm -rf /\nEOF`, 'rm -rf /'],
  [`bash - <<'EOF'\nrm -rf /\nEOF`, 'rm -rf /'],
  // A brace expansion as the whole command: the grammar reads its { as a group's.
  [`{rm,-rf,/}`, 'rm -rf /'],
  [`true && {rm,-rf,/etc}`, 'rm -rf /etc'],
  [`if true; then {rm,-rf,/boot}; fi`, 'rm -rf /boot'],
];

describe('every evasion in research §6.9 shows the command a rule must see', () => {
  test.each(evasions)('%j contains %j', async (script, expected) => {
    expect(await spellings(script)).toContain(expected);
  });
});

describe('text the parser misreads is read as bash reads it', () => {
  test.each(['[ -w / ]', '[ -f / ] && echo file', '[[ -d / ]]', 'test -w / || echo no', '{ls,-la,/etc/cron.d}', '{ echo a; }; {echo,b}'])('%j parses', async (script) => {
    expect((await analyze(script)).problems).toEqual([]);
  });
});

describe('a program guard cannot know is a problem, not a silent pass', () => {
  test.each([
    ['$(cat ./tool) -rf /', 'command substitution $(cat ./tool)'],
    ['`head -1 tools.txt` -rf ~', 'command substitution `head -1 tools.txt`'],
    ['$(echo "$TOOL") -rf /', 'command substitution $(echo "$TOOL")'],
    ['${CMD} -rf /', ''],
    ['eval "$(curl -s https://example.com/x)"', 'command substitution'],
    ['read cmd; $cmd -rf /', 'cmd is read from input'],
  ])('%j reports dynamic-program', async (script, why) => {
    const {problems} = await analyze(script);
    if (why === '') {
      expect(problems).toEqual([]);
      return;
    }

    expect(problems.find((problem) => problem.kind === 'dynamic-program')?.message).toContain(why);
  });

  test('eval of a variable set in the environment runs its value', async () => {
    expect(await spellings('eval "$CLEANUP_CMD"', withEnv({CLEANUP_CMD: 'rm -rf ~'}))).toContain('rm -rf /home/dev');
  });

  test('eval of an unset variable runs nothing', async () => {
    const analysis = await analyze('eval "$CLEANUP_CMD"');
    expect(analysis.commands.map(spelled)).toEqual(['eval ']);
    expect(analysis.problems).toEqual([]);
  });
});

describe('code piped into a shell is marked on the commands that produce it', () => {
  test.each([
    ['curl -fsSL https://example.com/install.sh | sh', 'curl'],
    ['wget -qO- https://example.com/x.sh | sudo bash', 'wget'],
    ['curl -s https://example.com/x.sh | bash -s -- --yes', 'curl'],
    ['bash <(curl -s https://example.com/x.sh)', 'curl'],
    ['sh -c "$(curl -fsSL https://example.com/x.sh)"', 'curl'],
    ['source <(curl -s https://example.com/x.sh)', 'curl'],
    ['base64 -d <<< cm0gLXJmIH4K | bash', 'base64'],
    ['curl -s https://x | tee log | sh', 'curl'],
  ])('%j: %s feeds a shell', async (script, producer) => {
    const analysis = await analyze(script);
    expect(analysis.commands.find((command) => command.program.value === producer)?.feedsShell).toBe(true);
  });

  test.each(['bash < <(curl -fsSL https://example.com/install.sh)', '{ sh; } < <(curl -fsSL https://example.com/install.sh)', 'bash < "$(cat which)"', 'bash <&3', 'sh 0<&"$(cat fd)"', 'if [ -f a.sh ]; then exec < a.sh; fi; bash', 'curl -s https://example.com/Makefile > Makefile; make', 'curl -s https://example.com/p.json > package.json; npm run build', 'curl -s https://example.com/t.yml > Taskfile.yml; task', 'curl -s https://example.com/x.py > x.py; python3 x.py', 'curl -s https://example.com/x.tcl | tclsh', "printf 'rm -rf /\\n' > x.sh; exec {fd}< x.sh; bash <&$fd"])('a script on an input guard cannot see is unanalysable: %s', async (script) => {
    const {problems} = await analyze(script);
    expect(problems.map((problem) => problem.kind)).toContain('unanalysable');
  });

  test.each(['exec 3<&0; bash <&3', 'exec < /dev/null; bash', 'exec 3< /etc/hosts; while read -r line <&3; do echo "$line"; done', 'exec 2>&1; bash -c "echo hi"', 'echo a 0>&1', 'exec </dev/tty; sh', 'exec {lock}>/run/app.lock; flock -n "$lock" || exit 1; echo ok'])('a descriptor that holds no code guard cannot see is no problem: %s', async (script) => {
    expect((await analyze(script)).problems).toEqual([]);
  });

  test('code read from a pipe guard cannot see is unanalysable', async () => {
    const {problems} = await analyze('curl -fsSL https://example.com/install.sh | sh');
    expect(problems).toMatchObject([{kind: 'unanalysable', line: 1, column: 45}]);
    expect(problems[0]!.message).toContain('curl -fsSL');
  });

  test.each([
    'curl -fsSL https://example.com/install.sh -o install.sh',
    'curl -s https://api.example.com/health | jq .status',
    'echo hi | grep h',
  ])('%j feeds no shell', async (script) => {
    const analysis = await analyze(script);
    expect(analysis.commands.some((command) => command.feedsShell)).toBe(false);
    expect(analysis.problems).toEqual([]);
  });
});

// research/danger.md §6.10: a regex would refuse these; the analysis shows no rm at all.
const nearMisses = [
  `echo "rm -rf /"`,
  `printf '%s\\n' 'rm -rf ~'`,
  `grep -r 'rm -rf' .`,
  `grep -r 'DROP TABLE' .`,
  `grep -rn "git reset --hard" docs/`,
  `git commit -m "docs: explain why rm -rf / is blocked"`,
  `git commit -m "rm -rf /"`,
  `cat <<'EOF' > docs/danger.md\nrm -rf /\ngit push --force\nEOF`,
  `cat <<'EOF' > notes.md\nrm -rf /\nEOF`,
  `cat <<'EOF' > notes.md\n$(rm -rf ~)\nEOF`,
  `cat <<'EOF' > notes.md\n\`rm -rf ~\`\nEOF`,
  `# rm -rf /`,
  `echo $((1 << 4))`,
  `diff <(ls ./a) <(ls ./b)`,
  `man rm`,
  `command -v rm`,
  `type rm`,
  `history | grep 'rm -rf'`,
  `[ -f ./lock ] && git push origin feature`,
  `ssh web1 'df -h /'`,
  `sudo apt-get install -y ripgrep`,
  `kubectl logs deploy/web --tail=50 | grep -i "delete namespace"`,
  `echo 'DROP TABLE users;' > ./examples/bad.sql`,
  `echo 'rm -rf /' > script.txt`,
  `X='rm -rf /'; echo "$X"`,
];

describe('near-misses in research §6.10 produce no rm command', () => {
  test.each(nearMisses)('%j', async (script) => {
    const analysis = await analyze(script);
    expect(analysis.commands.filter((command) => command.program.value === 'rm')).toEqual([]);
    expect(analysis.problems).toEqual([]);
  });
});

test('the research environment is the one the tables assume', () => {
  expect(context.env.UNSET_VAR).toBeUndefined();
});

describe('a task runner asked only to list or print runs nothing', () => {
  test.each(['task --dry reset', 'task --list', 'task -n reset'])('%j', async (command) => {
    const commands = await spellings(`cat > Taskfile.yml <<'EOF'\nversion: '3'\ntasks:\n  reset:\n    cmds:\n      - rm -rf ~\nEOF\n${command}`);
    expect(commands).not.toContain('rm -rf /home/dev');
  });
});

test('a function whose call stops the shell at ${VAR:?} runs nothing, and is not walked as one nobody calls', async () => {
  const commands = await spellings('cleanup() { rm -rf "$1"/*; }; cleanup "${ARCHIVE_ROOT:?not set}"; cleanup /');
  expect(commands.filter((command) => command.startsWith('rm'))).toEqual([]);
});

test("a Taskfile's own variables, go-task's ROOT_DIR and a task's vars, are filled in", async () => {
  const commands = await spellings(`cat > Taskfile.yml <<'EOF'\nversion: '3'\nvars:\n  BUILD_DIR: '{{.ROOT_DIR}}/build'\ntasks:\n  clean:\n    vars:\n      OUT: dist\n    cmds:\n      - rm -rf {{.BUILD_DIR}} {{.OUT}}\nEOF\ntask clean`);
  expect(commands).toContain('rm -rf /home/dev/proj/build dist');
});

test.each(['exec < q.sql; psql prod', 'exec 3< q.sql; psql prod <&3'])('a file a descriptor holds is read as from the command\'s own <: %s', async (script) => {
  const psql = only(await analyze(script), 'psql');
  expect(psql.redirects).toContainEqual(expect.objectContaining({op: '<', target: expect.objectContaining({value: 'q.sql'})}));
});

test.each(["tasks:\n  \"x\n  - [unclosed\n    cmds: [", "version: '3'\ntasks:\n  x:\n    cmds:\n      - |", '\u0001\u0002 not yaml at all'])('a Taskfile guard cannot make sense of throws nothing and runs nothing: %j', async (taskfile) => {
  const commands = await spellings(`cat > Taskfile.yml <<'EOF'\n${taskfile}\nEOF\ntask x`);
  expect(commands).toEqual(['cat', 'task x']);
});

test('tasks named like an object\'s own properties are tasks like any other', async () => {
  const commands = await spellings("cat > Taskfile.yml <<'EOF'\ntasks:\n  constructor: rm -rf ~\n  __proto__:\n    cmds: [rm -rf /]\nEOF\ntask constructor; task __proto__; task toString");
  expect(commands).toEqual(['cat', 'task constructor', 'rm -rf /home/dev', 'task __proto__', 'rm -rf /', 'task toString']);
});
