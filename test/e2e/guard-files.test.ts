import {existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

// guard's policy judges every command after this one: a command it runs may not rewrite it.
// That is the user's policy folder (a file made there is a policy from the next run on, and
// a policy.js is code guard runs), the usual ~/.config/guard as well, and each policy file in
// force for the run, wherever it really is. Reading them, and routine work around them, passes.
let box: ReturnType<typeof sandbox>;
let project: string;
let userPolicy: string;
beforeEach(() => {
  box = sandbox();
  box.env.HOME = box.dir;
  project = join(box.dir, 'project');
  mkdirSync(project);
  userPolicy = join(box.env.XDG_CONFIG_HOME!, 'guard');
  mkdirSync(userPolicy, {recursive: true});
  writeFileSync(join(userPolicy, 'policy.yaml'), 'rules: []\n', {mode: 0o600});
  writeFileSync(join(project, '.guardrc.json'), '{"rules": [{"id": "ops.no-curl", "level": "deny", "reason": "no curl here", "match": {"program": "curl"}}]}\n', {mode: 0o600});
});
afterEach(() => box.remove());

const sh = (code: string) => ['--', 'sh', '-c', code];

async function check(code: string) {
  const {exitCode, stderr} = await guard(['check', ...sh(code)], {env: box.env, cwd: project});
  return {exitCode, stderr};
}

describe('a command guard runs cannot change its policy', () => {
  it.each([
    ['the user policy overwritten', () => `echo 'rules: []' > ${userPolicy}/policy.yaml`],
    ['a JS policy planted in the user folder', () => `cp ./evil.js ${userPolicy}/policy.js`],
    ['the user folder moved away', () => `mv ${userPolicy} ${userPolicy}.off`],
    ['the user folder deleted', () => `rm -rf ${userPolicy}`],
    ['the user policy edited in place', () => `sed -i '/rules/d' ${userPolicy}/policy.yaml`],
    ['the user policy replaced by a link', () => `ln -sf /tmp/other.yaml ${userPolicy}/policy.yaml`],
    ['the project policy in force deleted', () => 'rm -f .guardrc.json'],
    ['the project policy in force emptied', () => "echo '{}' > .guardrc.json"],
    ['the usual ~/.config/guard, when XDG_CONFIG_HOME is elsewhere', () => 'mkdir -p ~/.config/guard && printf "rules: []" > ~/.config/guard/policy.yaml'],
  ])('%s: refused (77) by fs.guard-state, naming the policy', async (_what, code) => {
    const {exitCode, stderr} = await check(code());
    expect(exitCode).toBe(77);
    expect(stderr).toContain('refused by rule fs.guard-state');
    expect(stderr).toContain("guard's own policy");
  });

  it('guard run refuses it, runs nothing, leaves the policy as it was and records the refusal', async () => {
    const before = readFileSync(join(userPolicy, 'policy.yaml'), 'utf8');
    const {exitCode, stderr} = await guard(['run', '--name', 'disarm', ...sh(`echo 'rules: []' > ${userPolicy}/policy.yaml; touch ran`)], {env: box.env, cwd: project});
    expect(exitCode).toBe(77);
    expect(stderr).toContain('fs.guard-state');
    expect(readFileSync(join(userPolicy, 'policy.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(project, 'ran'))).toBe(false);
    const db = new Database(box.env.GUARD_DB!, {readonly: true});
    try {
      expect(db.prepare('SELECT status, rules FROM runs').all()).toEqual([{status: 'blocked', rules: JSON.stringify(['fs.guard-state'])}]);
    } finally {
      db.close();
    }
  });

  it('a project policy reached through a symlink is guarded where it really is', async () => {
    const shared = join(box.dir, 'shared');
    mkdirSync(shared);
    writeFileSync(join(shared, 'policy.yaml'), 'rules: []\n', {mode: 0o600});
    const other = join(box.dir, 'other');
    mkdirSync(other);
    symlinkSync(join(shared, 'policy.yaml'), join(other, '.guardrc.yaml'));
    const {exitCode, stderr} = await guard(['check', ...sh(`printf '' > ${join(shared, 'policy.yaml')}`)], {env: box.env, cwd: other});
    expect(exitCode).toBe(77);
    expect(stderr).toContain("guard's own policy");
  });

  it('a policy named by --policy is guarded', async () => {
    const named = join(box.dir, 'named.yaml');
    writeFileSync(named, 'rules: []\n', {mode: 0o600});
    const {exitCode, stderr} = await guard(['check', '--policy', named, ...sh(`rm -f ${named}`)], {env: box.env, cwd: box.dir});
    expect(exitCode).toBe(77);
    expect(stderr).toContain("guard's own policy");
  });
});

describe('what only reads them, or works around them, passes', () => {
  it.each([
    ['the policy read', () => `cat ${userPolicy}/policy.yaml .guardrc.json`],
    ['the project policy copied elsewhere', () => 'cp .guardrc.json ./policy-backup.json'],
    ['permissions tightened over ~/.config', () => 'chmod -R go-rwx ~/.config'],
    ['dotfiles unpacked into ~/.config', () => 'tar -xf ./dotfiles.tar -C ~/.config'],
    ["another tool's folder beside guard's deleted", () => `rm -rf ${box.env.XDG_CONFIG_HOME}/other-tool`],
    ['a file of the project written', () => 'echo hi > README.md'],
  ])('%s', async (_what, code) => {
    expect(await check(code())).toMatchObject({exitCode: 0});
  });

  it("a package.json that holds the project's policy is still the project's manifest: its tools may rewrite it", async () => {
    const app = join(box.dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{"name": "app", "version": "1.0.0", "guard": {"rules": []}}\n', {mode: 0o600});
    const {exitCode} = await guard(['check', ...sh("jq '.version = \"1.0.1\"' package.json > package.json.tmp && mv package.json.tmp package.json")], {env: box.env, cwd: app});
    expect(exitCode).toBe(0);
  });
});

// A hard link is a second name for guard's file: a later command writes it through that name,
// and no rule sees guard's file in the words. A symbolic link only points, and a write through
// it is judged where it leads.
describe("a second name for guard's own files", () => {
  it('ln of the audit log: refused (77), nothing linked, the log still has one name', async () => {
    const {exitCode, stderr} = await guard(['run', ...sh(`ln "$GUARD_DB" ./audit-alias.db`)], {env: box.env, cwd: project});
    expect(exitCode).toBe(77);
    expect(stderr).toContain('refused by rule fs.guard-state');
    expect(stderr).toContain('would give a second name to');
    expect(existsSync(join(project, 'audit-alias.db'))).toBe(false);
    expect(statSync(box.env.GUARD_DB!).nlink).toBe(1);
  });

  it.each([
    ['cp -l of the audit log', 'cp -l "$GUARD_DB" ./alias.db'],
    ['ln -t of a user policy', `ln -t /tmp "${'$'}XDG_CONFIG_HOME/guard/policy.yaml"`],
    ['cp -al of a folder that holds the state folder', 'cp -al "$XDG_STATE_HOME" ./snapshot'],
    ['a symbolic link, then a write through it', 'ln -s "$GUARD_DB" ./alias.db && : > ./alias.db'],
  ])('%s: refused', async (_what, code) => {
    const {exitCode, stderr} = await check(code);
    expect(exitCode).toBe(77);
    expect(stderr).toContain('fs.guard-state');
  });

  it.each([
    ['a symbolic link alone', 'ln -s "$GUARD_DB" ./alias.db'],
    ['a hard link of a file of the project', 'touch a && ln a b'],
    ['a release snapshot made of hard links', 'cp -al ./release ./release.bak'],
  ])('%s: passes', async (_what, code) => {
    expect(await check(code)).toMatchObject({exitCode: 0});
  });
});

// A git command writes its work tree as the repository has it: into guard's files, a planted
// tree, decision or policy. Everywhere else a checkout is routine.
describe("git at work in guard's own folders", () => {
  it.each([
    ['a clone into the parse cache', 'git clone https://git.example.com/x/trees.git "$XDG_STATE_HOME/guard/parse-cache"'],
    ['a pull in the user policy folder', 'git -C "$XDG_CONFIG_HOME/guard" pull'],
    ['a checkout there, from the folder itself', 'cd "$XDG_CONFIG_HOME/guard" && git checkout main'],
    ['a clone named guard, into the folder above the policy', 'cd "$XDG_CONFIG_HOME" && git clone https://git.example.com/x/guard.git'],
    ['a work tree named by --work-tree', 'git --work-tree="$XDG_STATE_HOME/guard" checkout main -- decision-cache'],
    ['a repository made in the state folder', 'cd "$XDG_STATE_HOME/guard" && git init'],
  ])('%s: refused', async (_what, code) => {
    const {exitCode, stderr} = await check(code);
    expect(exitCode).toBe(77);
    expect(stderr).toContain('refused by rule fs.guard-state');
    expect(stderr).toContain('would write the files of');
  });

  it.each([
    ['a clone of an app', 'git clone --depth 1 -b main https://git.example.com/ops/app.git ./app'],
    ['a clone beside the policy folder', 'cd "$XDG_CONFIG_HOME" && git clone https://git.example.com/x/nvim.git'],
    ['a pull in the project', 'git pull --ff-only'],
    ['reading the history of a folder of guard', 'git -C "$XDG_CONFIG_HOME/guard" log --oneline'],
  ])('%s: passes', async (_what, code) => {
    expect(await check(code)).toMatchObject({exitCode: 0});
  });
});

// What a first review found around the edges: globs, the folders guard climbs through to the
// project policy, a nearer policy made to take its place, a home of two parts, a relative log,
// the log's write-ahead file, and the routine cleanups that must stay routine.
describe('around the edges', () => {
  it.each([
    ['a glob naming the project policy', "sed -i 's/deny/warn/' .guardr?.json"],
    ['a glob naming the user policy folder', `echo 'rules: []' > "${'$'}XDG_CONFIG_HOME"/gu*/policy.yaml`],
    ['a glob naming the audit log, hard-linked', 'ln "$XDG_STATE_HOME"/audit.d? ./alias.db'],
    ['the project folder opened to others (the policy would be passed by)', 'chmod o+w .'],
    ['the project folder given away', 'chown nobody .'],
    ['a policy made in a folder below, which runs from there would take first', `mkdir -p sub && echo '{}' > sub/.guardrc.json`],
    ['the project policy copied into a folder below', 'mkdir -p sub && cp .guardrc.json sub/'],
    ["the audit log's write-ahead file emptied", ': > "$GUARD_DB-wal"'],
    ['a find whose names take the policy', "find . -name '.guardrc*' -delete"],
    ['a find by age alone, which takes any name', 'find . -mtime +30 -delete'],
  ])('%s: refused', async (_what, code) => {
    const {exitCode, stderr} = await check(code);
    expect(exitCode).toBe(77);
    expect(stderr).toContain('fs.guard-state');
  });

  it.each([
    ['compiled Python files found and deleted', "find . -name '*.pyc' -delete"],
    ['empty files and folders found and deleted', 'find . -empty -delete'],
    ['every file the star names deleted (not the dot files)', 'rm -rf ./*'],
    ['the project policy tightened', 'chmod 600 .guardrc.json'],
    ['the project folder made group-writable', 'chmod -R g+w .'],
    ['the project folder made 755', 'chmod 755 .'],
    ['the project policy copied to a new name', 'cp .guardrc.json ./policy-backup.json'],
  ])('%s: passes', async (_what, code) => {
    expect(await check(code)).toMatchObject({exitCode: 0});
  });

  it('a home of two parts, as root has: moving its ~/.config moves the usual policy folder away', async () => {
    const {exitCode, stderr} = await guard(['check', ...sh('mv ~/.config ~/.config.old')], {env: {...box.env, HOME: '/guard-test-home-of-two-parts'}, cwd: project});
    expect(exitCode).toBe(77);
    expect(stderr).toContain('fs.guard-state');
  });

  it('a relative GUARD_DB is the file guard opens from the working folder', async () => {
    const {exitCode, stderr} = await guard(['check', ...sh('rm -f ./relative.db')], {env: {...box.env, GUARD_DB: 'relative.db'}, cwd: project});
    expect(exitCode).toBe(77);
    expect(stderr).toContain("guard's own audit log");
  });
});

// What a second review found: find's names take dot files, a name inside guard's folders, git's
// own rm and mv, an empty policy touched into place, a copy into a folder on disk; and the
// routine permission fixes over a project that must pass.
describe('around the edges, a second time', () => {
  it.each([
    ["find's star, which takes dot names as the shell's does not", "find . -name '*rc.json' -delete"],
    ['a stale-lock cleanup that reaches into the state folder', `find "${'$'}XDG_STATE_HOME" -name '*.lock' -mmin +60 -delete`],
    ['find rewriting what its names pick', "find . -name '.guardr*' -exec sed -i s/deny/warn/ {} +"],
    ['git rm of the policy in force', 'git rm -f .guardrc.json'],
    ['git mv of the policy in force', 'git mv .guardrc.json old.json'],
    ['an empty policy touched into a folder below', 'mkdir -p sub && touch sub/.guardrc'],
    ['the policy copied into a folder on disk, named without a slash', 'cp .guardrc.json sub'],
    ['the project folder opened to all by find', 'find . -type d -exec chmod 777 {} +'],
  ])('%s: refused', async (_what, code) => {
    mkdirSync(join(project, 'sub'), {recursive: true});
    const {exitCode, stderr} = await check(code);
    expect(exitCode).toBe(77);
    expect(stderr).toContain('fs.guard-state');
  });

  it.each([
    ['folders made 755 by find', 'find . -type d -exec chmod 755 {} +'],
    ['files made 644 by find', 'find . -type f -exec chmod 644 {} +'],
    ["a web root's files handed to www-data", 'chown -R www-data: ./*'],
    ['the project handed to a group', 'chgrp -R docker .'],
    ['a bulk replace over the project', 'find . -type f -name "*.py" -exec sed -i s/foo/bar/g {} +'],
    ['the policy made readable by all', 'chmod 644 .guardrc.json'],
    ['git rm of a file from the index only', 'git rm --cached .guardrc.json'],
    ['a file of the project touched', 'touch README.md'],
  ])('%s: passes', async (_what, code) => {
    expect(await check(code)).toMatchObject({exitCode: 0});
  });
});
