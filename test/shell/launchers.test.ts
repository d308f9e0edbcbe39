import {execFileSync} from 'node:child_process';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {allLaunchers} from '../../src/shell/launch.js';
import {lazyLaunchers} from '../../src/shell/launcher-index.js';
import {wrapperTable} from '../../src/shell/wrappers.js';
import {analyze, only, shown, spelled} from './fixture.js';

const launcherTable = await allLaunchers();
const reachesRm = (commands: {program: {value: string | null}}[]) => commands.some((command) => command.program.value === 'rm');
const names = (list: readonly {names: string[]}[]) => list.flatMap((entry) => entry.names);

describe('every wrapper runs the command after it, and nothing when it is only asked a question', () => {
  const runs = wrapperTable.flatMap((wrapper) => wrapper.examples().runs.map((example) => [example, wrapper.names] as const));
  const nothing = wrapperTable.flatMap((wrapper) => wrapper.examples().runsNothing.map((example) => [example, wrapper.names] as const));

  test.each(runs)('%j runs rm through %j', async (example, wrapperNames) => {
    const analysis = await analyze(example);
    const rm = analysis.commands.find((command) => command.program.value === 'rm');
    expect(rm, analysis.commands.map(spelled).join('; ')).toBeDefined();
    expect([...rm!.wrappers, ...rm!.via].some((name) => wrapperNames.some((wrapper) => name.includes(wrapper))), JSON.stringify(rm!.wrappers)).toBe(true);
  });

  test.each(nothing)('%j is not unwrapped', async (example, wrapperNames) => {
    const analysis = await analyze(example);
    expect(wrapperNames).toContain(analysis.commands[0]!.program.value);
    expect(reachesRm(analysis.commands)).toBe(false);
  });
});

describe('every launcher hands on the code or command it runs', () => {
  const runs = launcherTable.flatMap((launcher) => launcher.examples().runs.map((example) => [example] as const));
  const nothing = launcherTable.flatMap((launcher) => launcher.examples().runsNothing.map((example) => [example] as const));
  const unreadable = launcherTable.flatMap((launcher) => (launcher.examples().unreadable ?? []).map((example) => [example] as const));

  test.each(runs)('%j runs rm', async (example) => {
    const analysis = await analyze(example);
    expect(reachesRm(analysis.commands), analysis.commands.map(spelled).join('; ')).toBe(true);
    expect(analysis.problems).toEqual([]);
  });

  test.each(nothing)('%j runs no rm and leaves nothing unseen', async (example) => {
    const analysis = await analyze(example);
    expect(reachesRm(analysis.commands), analysis.commands.map(spelled).join('; ')).toBe(false);
    expect(analysis.problems).toEqual([]);
  });

  test.each(unreadable)('%j hands on code guard cannot read, and says so', async (example) => {
    const analysis = await analyze(example);
    expect(analysis.problems.map((problem) => problem.kind)).toEqual(expect.arrayContaining([expect.stringMatching(/^(?:foreign-code|unanalysable)$/)]));
  });

  test('no program is both a plain wrapper and a launcher unless the launcher reads what the wrapper leaves', () => {
    const both = names(wrapperTable).filter((name) => names(launcherTable).includes(name));
    // flock FILE CMD unwraps, flock -c CODE launches; npx PKG unwraps, npx -c CODE launches;
    // sudo -i, chroot DIR, nsenter… with no command start a shell that reads stdin; bun x CMD unwraps, bun -e CODE launches;
    // npm/pnpm/yarn exec CMD unwraps, npm run NAME launches the script of package.json.
    expect(both.sort()).toEqual(['arch-chroot', 'bun', 'chroot', 'doas', 'flock', 'npm', 'npx', 'nsenter', 'pnpm', 'pnpx', 'setarch', 'sudo', 'systemd-nspawn', 'unshare', 'yarn'].sort());
  });

  test('no launcher name is claimed twice', () => {
    const all = names(launcherTable);
    expect(all.filter((name, i) => all.indexOf(name) !== i)).toEqual([]);
  });

  test('the index of launchers loaded on first use names exactly the programs of each module', () => {
    const fromModules = Object.fromEntries(launcherTable.flatMap((launcher) => (launcher.module ? launcher.names.map((name) => [name, launcher.module]) : [])));
    expect(lazyLaunchers).toEqual(fromModules);
  });
});

describe('what runs elsewhere is judged here and says where it runs', () => {
  test.each([
    ["ssh prod-db 'sudo -u postgres dropdb app'", 'dropdb', 'on prod-db'],
    ["ssh -p 2222 root@db1 'bash -s' <<'EOF'\niptables -F\nEOF", 'iptables', 'on root@db1'],
    ["echo 'reboot' | ssh web1 bash", 'reboot', 'on web1'],
    ["ssh web1 <<'EOF'\nreboot\nEOF", 'reboot', 'on web1'],
    ["docker exec -i db psql -c 'DROP TABLE t'", 'psql', 'in container db'],
    ["docker compose exec db mysql -e 'DROP DATABASE x'", 'mysql', 'in service db'],
    ['kubectl exec -n prod deploy/pg -- psql -c x', 'psql', 'in pod deploy/pg (namespace prod)'],
    ["kubectl exec -i web -- sh <<'EOF'\nreboot\nEOF", 'reboot', 'in pod web'],
    ['docker run --rm alpine reboot', 'reboot', 'in a container of alpine'],
    ['systemd-run -H web1 reboot', 'reboot', 'on web1'],
    ["ansible all -m shell -a 'reboot'", 'reboot', 'on all'],
    ["psql -c \"COPY t TO PROGRAM 'reboot'\"", 'reboot', 'on the database server'],
    ['lxc exec c1 -- reboot', 'reboot', 'in container c1'],
  ])('%j: %s %s', async (script, program, where) => {
    expect(only(await analyze(script), program).where).toBe(where);
  });

  test('a remote shell knows none of the local variables', async () => {
    const rm = only(await analyze(`ssh web1 'rm -rf "$APP_DIR/cache"'`), 'rm');
    expect(shown(rm.argv[2]!)).toBe('?');
  });

  test('a container path under a volume is the host path it mounts', async () => {
    const rm = only(await analyze('docker run --rm -v /:/host alpine rm -rf /host/etc'), 'rm');
    expect(shown(rm.argv[2]!)).toBe('/etc');
    const cwd = only(await analyze('docker run --rm -v "$HOME/proj":/src -w /src node:20 rm -rf build'), 'rm').cwd;
    expect(shown(cwd)).toBe('/home/dev/proj');
    const code = await analyze("docker run --rm -v /:/host alpine sh -c 'cd /host && rm -rf etc; echo x > /host/etc/passwd'");
    expect(spelled(only(code, 'rm'))).toBe('rm -rf etc');
    expect(shown(only(code, 'rm').cwd)).toBe('/');
    expect(only(code, 'echo').redirects.map((redirect) => shown(redirect.target))).toEqual(['/etc/passwd']);
  });

  test('a command run here keeps no where', async () => {
    expect(only(await analyze('sudo rm -rf /tmp/x'), 'rm').where).toBeUndefined();
  });

  test('the ssh -o ProxyCommand runs here, the remote command there', async () => {
    const analysis = await analyze("ssh -o ProxyCommand='reboot' web1 uptime");
    expect(only(analysis, 'reboot').where).toBeUndefined();
    expect(only(analysis, 'uptime').where).toBe('on web1');
  });
});

describe('the commands escape hatches run are reached the way the tool reaches them', () => {
  test.each([
    ["git -c alias.x='-c core.pager=\"rm -rf ~\" log' x", ['git alias.x', 'git -c core.pager']],
    ["vim -c 'py3 import os'", ['vim -c']],
    ["sed -n '1e rm x' f", ['sed e']],
    ["tar -xf a.tar --to-command='rm x'", ['tar --to-command']],
    ["GIT_SSH_COMMAND='rm x' git fetch", ['GIT_SSH_COMMAND of git']],
  ])('%j via %j', async (script, via) => {
    const analysis = await analyze(script);
    const reached = analysis.commands.at(-1)!;
    expect(reached.via).toEqual(via);
  });

  test('Vim and gdb hand their python to python3 -c, for the interpreter rules', async () => {
    expect((await analyze("vim -c 'py3 import shutil; shutil.rmtree(\"/\")'")).commands.map(spelled)).toContain('python3 -c import shutil; shutil.rmtree("/")');
    expect((await analyze("gdb -batch -ex 'python import os'")).commands.map(spelled)).toContain('python3 -c import os');
  });
});

const built = join(import.meta.dirname, '../../dist/shell/index.js');

// npm test builds first, so dist/ is there; a fresh process has loaded no launcher module yet.
describe('in a fresh process, launcher modules load when a command names one of their programs', () => {
  const run = (code: string) => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', `const {analyzeArgv, analyzeScript} = await import(${JSON.stringify(built)}); const context = {env: {}, cwd: '/', home: '/root'}; ${code}`], {encoding: 'utf8'}));

  test('a script that names ssh only through an expansion is walked again once the module is loaded', () => {
    const commands = run("const a = await analyzeScript('T=s; echo start; ${T}sh web1 reboot', context); console.log(JSON.stringify(a.commands.map((c) => [c.program.value, c.where ?? null])))");
    expect(commands).toEqual([['echo', null], ['ssh', null], ['reboot', 'on web1']]);
  });

  test('an argv naming a launcher of a module not loaded yet is analysed asynchronously, and right', () => {
    const result = run("const a = analyzeArgv(['docker', 'exec', 'db', 'dropdb', 'app'], context); const sync = !(a instanceof Promise); const b = await a; console.log(JSON.stringify({sync, where: b.commands.at(-1).where}))");
    expect(result).toEqual({sync: false, where: 'in container db'});
  });

  test('an argv that names none stays synchronous', () => {
    expect(run("const a = analyzeArgv(['pg_dump', '-Fc', 'db'], context); console.log(JSON.stringify(!(a instanceof Promise)))")).toBe(true);
  });
});
