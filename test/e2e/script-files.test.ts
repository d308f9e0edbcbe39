import {chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
let project: string;
beforeEach(() => {
  box = sandbox();
  project = join(box.dir, 'project');
  mkdirSync(project);
});
afterEach(() => box.remove());

const env = () => ({...box.env, HOME: box.dir, PATH: '/usr/local/bin:/usr/bin:/bin'});
const check = (script: string) => guard(['check', '--', 'bash', '-c', script], {cwd: project, env: env()});
const file = (name: string, text: string, mode = 0o755) => {
  writeFileSync(join(project, name), text);
  chmodSync(join(project, name), mode);
};

describe('a script file run or sourced inside the command is read as the shell would run it', () => {
  it('refuses `bash FILE` whose file deletes the root, naming the file and line', async () => {
    file('deploy.sh', '#!/bin/sh\nset -e\necho cleaning up\nrm -rf /\n');
    const result = await check('bash deploy.sh');
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toBe('guard: refused by rule fs.rm-root at deploy.sh:4: rm -rf / would delete the root filesystem');
  });

  it('gives the script its own $1: empty with no argument, the word given otherwise', async () => {
    file('clean.sh', '#!/bin/bash\nrm -rf "$1"/*\n');
    const none = await check('./clean.sh');
    expect(none.exitCode).toBe(77);
    expect(none.stderr).toMatch(/^guard: refused by rule fs\.rm-root at \.\/clean\.sh:2: rm -rf \/\* /);
    const root = await check('sh -x ./clean.sh /');
    expect(root.exitCode).toBe(77);
    const build = await check('./clean.sh ./build');
    expect(build.exitCode).toBe(0);
    expect(build.stderr).toBe('');
  });

  it('knows the functions a sourced library defines', async () => {
    file('lib.sh', 'cleanup() {\n  rm -rf "$HOME"\n}\n', 0o644);
    const result = await check('. ./lib.sh && cleanup');
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule fs\.rm-home at \.\/lib\.sh:2: /);
    file('ok.sh', 'tidy() { rm -rf ./dist; }\n', 0o644);
    expect((await check('source ./ok.sh; tidy')).exitCode).toBe(0);
  });

  it("judges a library's functions where the command calls them", async () => {
    file('util.sh', 'clear_dir() { rm -rf "$1"; }\nsay() { echo "$@"; }\n', 0o644);
    const say = await check('. ./util.sh; say hello');
    expect(say.stderr).toBe('');
    expect(say.exitCode).toBe(0);
    const wipe = await check('. ./util.sh; clear_dir /');
    expect(wipe.exitCode).toBe(77);
    expect(wipe.stderr).toBe('guard: refused by rule fs.rm-root at ./util.sh:1: rm -rf / would delete the root filesystem ("$1" is /)');
  });

  it('refuses a script that does not parse: it cannot vouch for it', async () => {
    file('broken.sh', '#!/bin/sh\nif [ -d ./build ]; then\n  rm -rf ./build\n');
    const result = await check('./broken.sh');
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule shell\.syntax at \.\/broken\.sh:4: /);
  });

  it('reads a text file with no #! line, which the shell runs as a script', async () => {
    file('wipe', 'rm -rf /\n');
    const result = await check('./wipe');
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule fs\.rm-root at \.\/wipe:1: /);
  });

  it('stops at a script that runs itself', async () => {
    file('again.sh', '#!/bin/sh\necho once\n./again.sh\n');
    const result = await check('./again.sh');
    expect(result.exitCode).toBe(0);
  });
});

describe('a file the command writes and then runs is judged as written', () => {
  it.each([
    ["cat > ./cleanup.sh <<'EOF'\nrm -rf \"$HOME\"\nEOF\nbash ./cleanup.sh", 'fs.rm-home'],
    ["echo 'rm -rf /' > x.sh; chmod +x x.sh; sh x.sh", 'fs.rm-root'],
    ["printf '#!/bin/sh\\nrm -rf /\\n' > x.sh && chmod +x x.sh && ./x.sh", 'fs.rm-root'],
    ["echo 'rm -rf /' | tee run.sh >/dev/null; . ./run.sh", 'fs.rm-root'],
  ])('%s', async (script, rule) => {
    const result = await check(script);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(new RegExp(`^guard: refused by rule ${rule.replace('.', '\\.')}`));
  });

  it('refuses running a file written with what it cannot know', async () => {
    const result = await check('curl -s https://example.com/x > x.sh; bash x.sh');
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule shell\.unanalysable: x\.sh was written by `curl -s https:\/\/example\.com\/x`: guard cannot see what it runs$/);
  });

  it('lets a harmless written script run', async () => {
    const result = await check("cat > ./hello.sh <<'EOF'\necho hello\nEOF\nbash ./hello.sh");
    expect(result.exitCode).toBe(0);
  });
});

describe('a program is judged as what it is, not what it is called', () => {
  it('refuses a symlink to rm under another name', async () => {
    symlinkSync('/bin/rm', join(project, 'myrm'));
    const result = await check('./myrm -rf /');
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toBe('guard: refused by rule fs.rm-root: rm -rf / would delete the root filesystem');
  });

  it('refuses a copy of bash under another name running code', async () => {
    copyFileSync('/bin/bash', join(project, 'helper'));
    chmodSync(join(project, 'helper'), 0o755);
    const result = await check("./helper -c 'rm -rf /'");
    expect(result.exitCode).toBe(77);
  });

  it.each([
    'cp /bin/rm ./del && ./del -rf /',
    'ln -s /bin/rm ./zap; ./zap -rf /',
    'ln /bin/rm ./zap && ./zap -rf /',
    'install -m 755 /bin/rm ./purge && ./purge -rf /',
    'cat /bin/rm > ./d && chmod +x ./d && ./d -rf /',
    '/b??/r? -rf /',
    '/???/rm -rf /',
    'rm${IFS}-rf${IFS}/',
  ])('refuses %s', async (script) => {
    const result = await check(script);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule fs\.rm-root: rm -rf \/ /);
  });

  it('follows a link to a wrapper: the command the wrapper runs is judged', async () => {
    symlinkSync('/usr/bin/env', join(project, 'run'));
    const refused = await check('./run rm -rf /');
    expect(refused.exitCode).toBe(77);
    expect(refused.stderr).toBe('guard: refused by rule fs.rm-root: rm -rf / would delete the root filesystem');
    expect((await check('./run ls -la')).exitCode).toBe(0);
  });

  it('takes a chain of links for the program nearest the real file that the policy judges', async () => {
    // Here python3 is itself a link to python3.11, and mkfs.ext4 one to mke2fs.
    symlinkSync('/usr/bin/python3', join(project, 'py'));
    symlinkSync('/sbin/mkfs.ext4', join(project, 'fmt'));
    const python = await check(`./py -c 'import shutil; shutil.rmtree("/etc")'`);
    expect(python.exitCode).toBe(77);
    expect(python.stderr).toBe('guard: refused by rule fs.protected-path: python3 -c shutil.rmtree("/etc"): rm -rf /etc would delete /etc, a top-level system folder');
    expect((await check("./py -c 'print(1)'")).exitCode).toBe(0);
    const format = await check('./fmt /dev/vdb');
    expect(format.exitCode).toBe(77);
    expect(format.stderr).toBe('guard: refused by rule devices.format: mke2fs /dev/vdb would format /dev/vdb, a block device');
  });

  it('reads the script a name runs from a folder the command put on PATH', async () => {
    file('tidy', '#!/bin/sh\nrm -rf /var/www\n');
    mkdirSync(join(project, 'bin'));
    symlinkSync('/bin/rm', join(project, 'bin/zap'));
    writeFileSync(join(project, 'bin/hello'), '#!/bin/sh\necho hello\n', {mode: 0o755});
    const refused = await check('PATH="$PWD:$PATH" tidy');
    expect(refused.exitCode, String(refused.stdout)).toBe(77);
    expect(refused.stderr).toBe(`guard: refused by rule fs.protected-path at ${join(project, 'tidy')}:2: rm -rf /var/www would delete /var/www, directly in /var`);
    for (const script of ['export PATH="$PWD/bin:$PATH"; zap -rf /etc', 'PATH=./bin:$PATH env zap -rf /etc']) expect((await check(script)).exitCode, script).toBe(77);
    expect((await check('PATH=./bin:$PATH hello')).exitCode).toBe(0);
    // Without the folder on PATH the name is what it is called; a builtin or a function never looks.
    for (const script of ['tidy', 'PATH="$PWD:$PATH" ls', 'tidy() { echo tidy; }; PATH="$PWD:$PATH" tidy']) expect((await check(script)).exitCode, script).toBe(0);
    file('echo', '#!/bin/sh\nrm -rf /etc\n');
    expect((await check('PATH="$PWD:$PATH" echo hi')).exitCode).toBe(0);
    expect((await check('PATH="$PWD:$PATH" env echo hi')).exitCode).toBe(77);
  });

  it('takes $PWD for the folder the shell starts in, whatever PWD it inherits, as bash does', async () => {
    // A parent that changed folder without updating PWD (a job runner's chdir, a spawn with cwd).
    const fromRoot = await guard(['check', '--', 'bash', '-c', 'rm -rf "$PWD"/*'], {cwd: '/', env: {...env(), PWD: project}});
    expect(fromRoot.exitCode).toBe(77);
    expect(fromRoot.stderr).toBe('guard: refused by rule fs.rm-root: rm -rf //* would delete everything in the root filesystem');
    const inProject = await guard(['check', '--', 'bash', '-c', 'rm -rf "$PWD/build"'], {cwd: project, env: {...env(), PWD: '/'}});
    expect([inProject.exitCode, inProject.stderr]).toEqual([0, '']);
    // An inherited PWD that names the folder, even spelled otherwise, stays.
    const kept = await guard(['check', '--', 'bash', '-c', 'rm -rf "$PWD"'], {cwd: project, env: {...env(), PWD: `${project}/../project`}});
    expect(kept.stderr).toContain(`rm -rf ${project}/../project`);
  });

  it('expands an alias the code defined where a command starts, as sh does', async () => {
    const refused = await check("shopt -s expand_aliases\nalias ll='rm -rf'\nll /etc");
    expect(refused.exitCode).toBe(77);
    expect(refused.stderr).toBe('guard: refused by rule fs.protected-path: rm -rf /etc would delete /etc, a top-level system folder');
    expect((await check("alias rm='rm -i'\nrm -rf /")).exitCode).toBe(77);
    // An alias is not expanded inside its own text, nor after unalias.
    for (const script of ["alias ls='ls --color'\nls /etc", "alias ll='rm -rf'\nunalias ll\nll /etc", "alias a=b\nalias b=a\na"]) expect((await check(script)).exitCode, script).toBe(0);
  });

  it('takes a program that acts as the name it is run by for that name, and a copy behind a harmless link for what it copies', async () => {
    // Here /sbin/reboot links to systemctl, which reboots when run as reboot; under a name of no tool it is systemctl.
    expect((await check('/sbin/reboot')).exitCode).toBe(77);
    symlinkSync('/usr/bin/systemctl', join(project, 'sc'));
    expect((await check('./sc poweroff')).exitCode).toBe(77);
    copyFileSync('/bin/rm', join(project, 'foo'));
    chmodSync(join(project, 'foo'), 0o755);
    symlinkSync('foo', join(project, 'echo'));
    symlinkSync('echo', join(project, 'x'));
    expect((await check('./x -rf /etc')).exitCode).toBe(77);
  });

  it('takes a name found on a PATH the command set for what that file is, only where that PATH is the one searched', async () => {
    mkdirSync(join(project, 'bin'));
    symlinkSync('/bin/echo', join(project, 'bin/rm'));
    // A dry-run stub: the rm found first is echo, and only prints.
    for (const script of ['PATH="$PWD/bin:$PATH" rm -rf /etc', 'export PATH=./bin:$PATH\nrm -rf /etc']) expect(await check(script), script).toMatchObject({exitCode: 0, stderr: ''});
    // sudo, doas, `command -p` and a login shell search another PATH, and would find the real rm.
    for (const script of ['export PATH=$PWD/bin:$PATH; doas rm -rf /etc', 'PATH=$PWD/bin:$PATH sudo rm -rf /etc', 'PATH=./bin:$PATH command -p rm -rf /etc', 'export PATH=$PWD/bin:$PATH; bash -lc "rm -rf /etc"']) {
      expect((await check(script)).exitCode, script).toBe(77);
    }
  });

  it('expands an alias with the command\'s redirections, pipes and assignments, after time, and after an alias ending in a blank', async () => {
    for (const script of [
      'alias e=echo\ne hi > /etc/passwd',
      "alias p=sh\necho 'rm -rf /etc' | p",
      "alias sudo='sudo '\nalias r='rm -rf'\nsudo r /etc",
      "alias q='rm -rf'\ntime q /etc",
      "alias clean='sh -c \"rm -rf ${T:-./build}\"'\nT=/etc clean",
      "alias nuke='LC_ALL=C rm -rf'\nnuke /etc",
    ]) expect((await check(script)).exitCode, script).toBe(77);
    expect((await check("alias ll='ls -la'\n\\ll /etc")).exitCode).toBe(0);
  });

  it('never takes a device for a stamped name\'s folder, however the path is spelled', async () => {
    for (const script of ['dd if=/dev/zero of=/./dev/nvme$(id -u)n1', 'dd if=/dev/zero of=/proc/self/root/dev/nvme$(id -u)n1']) expect((await check(script)).exitCode, script).toBe(77);
  });

  it('judges a script of the project named like a program by what it runs, and one named by an absolute path by its name too', async () => {
    mkdirSync(join(project, 'stubs'));
    writeFileSync(join(project, 'stubs/reboot'), '#!/bin/sh\necho "[dry-run] would reboot $(hostname)"\n', {mode: 0o755});
    writeFileSync(join(project, 'rm'), '#!/bin/sh\necho would remove "$@"\n', {mode: 0o755});
    for (const script of ['PATH="$PWD/stubs:$PATH" reboot', './rm -rf /etc']) expect(await check(script), script).toMatchObject({exitCode: 0, stderr: ''});
    // What the script runs still counts.
    writeFileSync(join(project, 'stubs/iptables'), '#!/bin/sh\nexec /usr/sbin/iptables "$@"\n', {mode: 0o755});
    expect((await check('PATH="$PWD/stubs:$PATH" iptables -P INPUT DROP')).exitCode).toBe(77);
    expect((await check(`${join(project, 'rm')} -rf /etc`)).exitCode).toBe(77);
    // A wrapper that hands its arguments to a tool guard cannot see into keeps its name's rules.
    writeFileSync(join(project, 'stubs/terraform'), '#!/bin/sh\nexec docker run --rm -v "$PWD:/w" hashicorp/terraform "$@"\n', {mode: 0o755});
    for (const script of ['./stubs/terraform destroy -auto-approve', 'PATH="$PWD/stubs:$PATH" terraform destroy -auto-approve']) expect((await check(script)).exitCode, script).toBe(77);
    // A stub the command edits, removes or hashes past first is not what runs.
    for (const script of ["sed -i 's/^echo/exec \\/bin\\/rm #/' ./rm && ./rm -rf /etc", 'rm -f stubs/reboot; PATH="$PWD/stubs:$PATH" reboot', 'export PATH="$PWD/stubs:$PATH"; hash -p /sbin/reboot reboot; reboot']) {
      expect((await check(script)).exitCode, script).toBe(77);
    }
  });

  it('reads the package.json script npm, yarn or pnpm runs, with its pre- and post-script and the arguments given', async () => {
    file('package.json', JSON.stringify({scripts: {build: 'tsc -p .', clean: 'rm -rf dist coverage', pretest: 'rm -rf ~', test: 'vitest', wipe: 'rm -rf'}}), 0o644);
    for (const script of ['npm run build', 'npm run clean', 'yarn build', 'pnpm run clean', 'npm run wipe -- ./build', 'npm install']) expect(await check(script), script).toMatchObject({exitCode: 0, stderr: ''});
    const refused = await check('npm test');
    expect(refused.exitCode).toBe(77);
    expect(refused.stderr).toMatch(/^guard: refused by rule fs.rm-home: rm -rf \S+ would delete/);
    for (const script of ['npm run wipe -- /etc', 'yarn wipe /etc', 'pnpm wipe /etc']) expect((await check(script)).exitCode, script).toBe(77);
    // A package with no such script runs nothing; a folder below one is in that package.
    mkdirSync(join(project, 'empty'));
    writeFileSync(join(project, 'empty/package.json'), '{"name": "empty"}');
    expect((await check('cd empty && npm test')).exitCode).toBe(0);
    mkdirSync(join(project, 'src'));
    expect((await check('cd src && npm test')).exitCode).toBe(77);
  });

  it('reads the recipes of the goals make runs from the project makefile, and of what they depend on', async () => {
    file('Makefile', 'BUILD := build\nSRC := $(wildcard src/*.c)\nOBJ := $(SRC:.c=.o)\nPREFIX ?= /usr/local\n\nall: $(BUILD)/app\n\n$(BUILD)/app: $(OBJ)\n\t$(CC) -o $@ $^\n\nclean:\n\trm -rf $(BUILD) $(OBJ)\n\ndistclean: clean wipe\n\nwipe:\n\trm -rf $(PREFIX)/lib\n\nhome:\n\t@echo bye; rm -rf $$HOME\n', 0o644);
    for (const script of ['make', 'make clean', 'make -n distclean', 'make wipe PREFIX=./stage', 'make --help']) expect(await check(script), script).toMatchObject({exitCode: 0, stderr: ''});
    for (const script of ['make distclean', 'make home', 'make wipe PREFIX=/usr', 'make -C . wipe']) expect((await check(script)).exitCode, script).toBe(77);
    mkdirSync(join(project, 'sub'));
    writeFileSync(join(project, 'sub/build.mk'), 'clean:\n\trm -rf /srv\n');
    expect((await check('make -C sub -f build.mk clean')).exitCode).toBe(77);
    // No makefile, no recipe.
    expect((await check('cd sub && make clean')).exitCode).toBe(0);
  });

  it('reads a makefile as make does: continued lines, .ONESHELL, the environment, conditionals, and what it cannot read', async () => {
    const cases: Array<[string, string, number]> = [
      ['clean:\n\tif [ -d build ]; then \\\n\t  rm -rf build; \\\n\tfi\n', 'make clean', 0],
      ['.ONESHELL:\nclean:\n\tif [ -d build ]; then\n\t  rm -rf build\n\tfi\n', 'make clean', 0],
      ['install:\n\tcp bin/tool $(DESTDIR)./stage/tool\n', 'make install', 0],
      ['clean:\n\trm -rf \\\n\t/etc\n', 'make clean', 77],
      ['T ?= ./build\nclean:\n\trm -rf $(T)\n', 'T=/etc make clean', 77],
      ['override T := /etc\nclean:\n\trm -rf $(T)\n', 'make clean T=./b', 77],
      ['ifeq ($(X),1)\nT := /etc\nelse\nT := ./build\nendif\nclean:\n\trm -rf $(T)\n', 'make clean', 77],
      ['.DEFAULT_GOAL := nuke\nall:\n\techo\nnuke:\n\trm -rf /etc\n', 'make', 77],
      ['%:\n\trm -rf /etc\n', 'make deploy', 77],
      ['include ops.mk\nbuild:\n\techo\n', 'make clean', 77],
      ["SHELL := python3\nclean:\n\timport shutil; shutil.rmtree('/etc')\n", 'make clean', 77],
    ];
    for (const [makefile, script, status] of cases) {
      file('Makefile', makefile, 0o644);
      expect((await check(script)).exitCode, `${script} with ${makefile}`).toBe(status);
    }
  });

  it('reads what a shell runs first because of its environment: BASH_ENV, ENV for an interactive shell, PROMPT_COMMAND', async () => {
    file('evil.sh', 'rm -rf /etc\n', 0o644);
    file('env.sh', 'export LC_ALL=C\n', 0o644);
    for (const script of ['BASH_ENV=./evil.sh bash -c true', 'export BASH_ENV=$PWD/evil.sh; bash ./x.sh', 'ENV=./evil.sh sh -i < /dev/null', "PROMPT_COMMAND='rm -rf /etc' bash -i < /dev/null", 'BASH_ENV="$(cat ./which)" bash -c true']) {
      expect((await check(script)).exitCode, script).toBe(77);
    }

    // sh -c is not interactive: it reads no ENV; a harmless BASH_ENV stays harmless.
    for (const script of ['ENV=./evil.sh sh -c true', 'BASH_ENV=./env.sh bash -c true']) expect(await check(script), script).toMatchObject({exitCode: 0, stderr: ''});
  });

  it('does not follow a name reference, so eval through one is code guard cannot see', async () => {
    expect((await check("declare -n r=x; x='rm -rf /etc'; eval \"$r\"")).exitCode).toBe(77);
  });

  it('reads the recipe just runs and the commands of the tox environment, from the project files', async () => {
    file('justfile', 'image := "acme/api"\n\ndefault: build\n\nbuild:\n    docker build -t {{image}} .\n\nclean dir="./dist":\n    rm -rf {{dir}}\n\nwipe: clean\n    @rm -rf ~\n\nnuke:\n    #!/usr/bin/env bash\n    set -e\n    docker system prune -af --volumes\n', 0o644);
    file('tox.ini', '[tox]\nenvlist = py312\n\n[testenv]\ncommands = pytest {posargs}\n\n[testenv:clean]\ncommands =\n    git clean -xdf\n', 0o644);
    for (const script of ['just', 'just clean', 'just --list', 'tox', 'tox -e py312 -- -k smoke']) expect(await check(script), script).toMatchObject({exitCode: 0, stderr: ''});
    for (const script of ['just wipe', 'just clean /etc', 'just nuke', 'tox -e clean']) expect((await check(script)).exitCode, script).toBe(77);
  });

  it('finds the justfile and package.json in a folder above, and reads what install, backticks and positional arguments run', async () => {
    mkdirSync(join(project, 'src'));
    file('justfile', 'stamp := `date +%s`\nset positional-arguments\n\nclean:\n    if [ -d build ]; then \\\n      rm -rf build; \\\n    fi\n\nwipe *args:\n    rm -rf "$@"\n\ndeploy: (wipe "./out")\n    echo deployed\n', 0o644);
    file('package.json', JSON.stringify({scripts: {postinstall: 'node scripts/setup.js', clean: 'rm -rf dist'}}), 0o644);
    for (const script of ['cd src && just clean', 'just deploy', 'just wipe ./out', 'npm install', 'cd src && npm run clean']) expect(await check(script), script).toMatchObject({exitCode: 0, stderr: ''});
    expect((await check('cd src && just wipe /etc')).exitCode).toBe(77);
    file('justfile', 'x := `rm -rf /etc`\nbuild:\n    echo\n', 0o644);
    file('package.json', JSON.stringify({scripts: {postinstall: 'rm -rf /etc', clean: 'rm -rf /srv'}}), 0o644);
    for (const script of ['just build', 'npm install', 'yarn', 'cd src && npm run clean']) expect((await check(script)).exitCode, script).toBe(77);
    expect((await check('npm ci --ignore-scripts')).exitCode).toBe(0);
  });

  it('reads a makefile rule whose line ends in a comment, as self-documenting makefiles write them', async () => {
    file('Makefile', '.DEFAULT_GOAL := help\n.PHONY: help nuke\n\nhelp: ## show targets\n\t@grep -E \'^[a-z]+:.*## \' Makefile\n\nnuke: ## reset the docker host\n\tdocker system prune -af --volumes\n', 0o644);
    expect(await check('make help')).toMatchObject({exitCode: 0, stderr: ''});
    expect(await check('make')).toMatchObject({exitCode: 0, stderr: ''});
    expect((await check('make nuke')).exitCode).toBe(77);
  });

  it('reads the package.json script bun runs by name, and what corepack hands to npm, pnpm or yarn', async () => {
    file('package.json', JSON.stringify({scripts: {build: 'tsc -p .', clean: 'rm -rf dist', wipe: 'rm -rf "$HOME"', test: 'rm -rf /srv'}}), 0o644);
    for (const script of ['bun run build', 'bun clean', 'bun install', 'bun test', 'bun run ./tools/gen.ts', 'corepack enable', 'corepack pnpm run build', 'bun exec "ls -la"']) {
      expect(await check(script), script).toMatchObject({exitCode: 0, stderr: ''});
    }

    // `bun test` is bun's test runner; `bun run test` is the script.
    for (const script of ['bun run wipe', 'bun wipe', 'bun run test', 'corepack pnpm run wipe', 'corepack yarn wipe', 'corepack pnpm exec rm -rf /srv', "bun exec 'rm -rf /srv'"]) {
      expect((await check(script)).exitCode, script).toBe(77);
    }
  });

  it('runs nothing from a package.json that does not parse, and refuses a makefile or justfile it cannot read', async () => {
    file('package.json', '{"scripts": {"clean": "rm -rf /etc"', 0o644);
    expect(await check('npm run clean')).toMatchObject({exitCode: 0, stderr: ''});
    // Over 1 MiB: guard cannot read it, so cannot vouch for what it runs (script.unreadable).
    for (const name of ['Makefile', 'justfile']) {
      file(name, `clean:\n\techo ${'x'.repeat(1024)}\n`.repeat(1100), 0o644);
      const result = await check(name === 'Makefile' ? 'make clean' : 'just clean');
      expect(result.exitCode, name).toBe(77);
      expect(result.stderr, name).toMatch(/^guard: refused by rule script\.unreadable/);
      rmSync(join(project, name));
    }
  });

  it('reads a script fed to a shell on its input, and refuses one it cannot read', async () => {
    file('wipe.sh', 'echo bye\nrm -rf /\n', 0o644);
    const fed = await check('bash < wipe.sh');
    expect(fed.exitCode).toBe(77);
    expect(fed.stderr).toMatch(/^guard: refused by rule fs\.rm-root at wipe\.sh:2: /);
    // A device that never ends, and a file over 1 MiB: guard cannot vouch for what the shell runs.
    file('huge.sh', `echo ${'x'.repeat(1024)}\n`.repeat(1100), 0o644);
    for (const script of ['bash < /dev/zero', 'sh < huge.sh']) {
      const result = await check(script);
      expect(result.exitCode, script).toBe(77);
      expect(result.stderr, script).toMatch(/^guard: refused by rule script\.unreadable/);
    }

    // A folder or a missing file: the redirection or the shell's read fails, and nothing runs.
    for (const script of ['bash < .', 'bash < ./missing.sh']) expect(await check(script), script).toMatchObject({exitCode: 0, stderr: ''});
  });

  it("reads git's hooks from a hooks folder the command names, and hooks the same code wrote, not the repository's own", async () => {
    mkdirSync(join(project, 'hooks'));
    file('hooks/pre-commit', '#!/bin/sh\nrm -rf /etc\n');
    const named = await check('git -c core.hooksPath=hooks commit -m wip');
    expect(named.exitCode).toBe(77);
    expect(named.stderr).toMatch(/^guard: refused by rule fs\.protected-path at \S*\/hooks\/pre-commit:2: rm -rf \/etc/);
    // --no-verify skips pre-commit; a verb that runs no hook runs none.
    for (const script of ['git -c core.hooksPath=hooks commit --no-verify -m wip', 'git -c core.hooksPath=hooks status']) expect(await check(script), script).toMatchObject({exitCode: 0, stderr: ''});
    const planted = await check("mkdir -p /tmp/guard-hooks-test && printf '#!/bin/sh\\nreboot\\n' > /tmp/guard-hooks-test/post-commit && git -c core.hooksPath=/tmp/guard-hooks-test commit --allow-empty -m x");
    expect(planted.exitCode).toBe(77);
    expect(planted.stderr).toMatch(/^guard: refused by rule system\.power/);
    // The repository's own hooks are its tooling's (husky, pre-commit): not read, even one guard could not follow.
    mkdirSync(join(project, '.git/hooks'), {recursive: true});
    writeFileSync(join(project, '.git/HEAD'), 'ref: refs/heads/main\n');
    file('.git/hooks/commit-msg', '#!/bin/sh\n. "$(dirname -- "$0")/_/husky.sh"\nnpx --no -- commitlint --edit ${1}\n');
    expect(await check('git commit -m wip')).toMatchObject({exitCode: 0, stderr: ''});
  });

  it('allows a file named rm that is really echo: it prints', async () => {
    symlinkSync('/bin/echo', join(project, 'rm'));
    const result = await check('./rm -rf /');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('plainly safe idioms stay allowed', () => {
  it.each([
    '[ -w / ]',
    '[ -f / ] && echo file',
    'kill -0 1',
    'rm -rf "${DIR:?}/x"',
    'tmp=$(mktemp -d); trap \'rm -rf "$tmp"\' EXIT; cp ./a "$tmp/"; rm -rf "$tmp"',
    'tmpfile=$(mktemp) && crontab -l > "$tmpfile"; rm -f "$tmpfile"',
    'work=$(mktemp -d -t job.XXXXXX); cleanup() { rm -rf "$work"; }; cleanup',
    'eval "$(ssh-agent -s)"',
    'eval "$(pyenv init -)"',
    'source <(kubectl completion bash)',
    'eval "$(direnv hook bash)"',
    'eval "$(dircolors -b ~/.dircolors)"',
  ])('%s', async (script) => {
    const result = await check(script);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it.each(['source <(kubectl completion bash; curl -s https://example.com/x.sh)', 'eval "$(helm completion bash) rm -rf /"', 'eval "$(kubectl delete ns prod)"', 'eval "$(./pyenv init -)"'])(
    'still refuses shell setup with something else in it: %s',
    async (script) => {
      expect((await check(script)).exitCode).toBe(77);
    },
  );

  it('still refuses what a scratch path leads out of', async () => {
    const result = await check('rm -rf "$(mktemp -d)/.."');
    expect(result.exitCode).toBe(77);
    // ~ in a substitution is the home folder, as the shell expands it.
    expect((await check('d=$(mktemp -d -p ~); rm -rf "$d/../.ssh"')).exitCode).toBe(77);
  });
});

describe('a heredoc body is read whole', () => {
  it('refuses a first body line the parser would drop', async () => {
    const result = await check("bash <<'EOF'\n\\rm -rf ~\nEOF");
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toMatch(/^guard: refused by rule fs\.rm-home: /);
  });

  it('refuses a shell reading - then a heredoc', async () => {
    const result = await check("bash - <<'EOF'\nrm -rf ~\nEOF");
    expect(result.exitCode).toBe(77);
  });
});
