import {chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadPolicy, PolicyError, type LoadOptions} from '../../src/policy-files/index.js';
import {policySandbox, type PolicySandbox} from './fixture.js';

let box: PolicySandbox;
let systemDir: string;
beforeEach(() => {
  box = policySandbox();
  systemDir = join(box.dir, 'etc-guard');
  mkdirSync(systemDir);
});
afterEach(() => box.remove());

const options = (extra: Partial<LoadOptions> = {}): LoadOptions => ({cwd: box.project, env: box.env, systemDir, ...extra});
const ruleYaml = (id: string) => `rules:\n  - id: ${id}\n    level: deny\n    reason: because\n    match: {program: reboot}\n`;
const ids = async (extra: Partial<LoadOptions> = {}) => (await loadPolicy(options(extra))).policy.rules.map((rule) => `${rule.id} ${rule.source}`);

async function refusal(extra: Partial<LoadOptions> = {}): Promise<string> {
  try {
    await loadPolicy(options(extra));
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as Error).message;
  }

  throw new Error('expected the policy to be refused');
}

describe('finding the policy layers', () => {
  it('is the built-in policy alone when there is no file anywhere', async () => {
    const loaded = await loadPolicy(options());
    expect(loaded.layers).toEqual([{layer: 'built-in', source: 'built-in'}]);
    expect(loaded.policy.rules).toEqual([]);
  });

  it.each([
    ['.guardrc', ruleYaml('p.rc')],
    ['.guardrc.yaml', ruleYaml('p.rc')],
    ['.guardrc.yml', ruleYaml('p.rc')],
    ['.guardrc.json', JSON.stringify({rules: [{id: 'p.rc', level: 'deny', reason: 'because', match: {program: 'reboot'}}]})],
    ['.guardrc', JSON.stringify({rules: [{id: 'p.rc', level: 'deny', reason: 'because', match: {program: 'reboot'}}]})],
    ['package.json', JSON.stringify({name: 'app', guard: {rules: [{id: 'p.rc', level: 'deny', reason: 'because', match: {program: 'reboot'}}]}})],
  ])('finds a project policy in %s from a folder below it', async (name, content) => {
    const path = box.write(`project/${name}`, content);
    mkdirSync(join(box.project, 'src/deep'), {recursive: true});
    expect(await ids({cwd: join(box.project, 'src/deep')})).toEqual([`p.rc ${path}`]);
  });

  it('skips a package.json without a guard key and keeps climbing', async () => {
    box.write('project/package.json', JSON.stringify({name: 'app', scripts: {guard: 'x'}}));
    const path = box.write('.guardrc', ruleYaml('home.rc'));
    expect(await ids()).toEqual([`home.rc ${path}`]);
  });

  it('stops the search at $HOME', async () => {
    box.write('.guardrc', ruleYaml('home.rc'));
    expect(await ids({env: {...box.env, HOME: box.project}})).toEqual([]);
  });

  it('climbs only through folders the running user owns', async () => {
    box.write('.guardrc', ruleYaml('above'));
    mkdirSync(join(box.project, 'theirs/mine'), {recursive: true});
    chownSync(join(box.project, 'theirs'), 65534, 65534);
    expect(await ids({cwd: join(box.project, 'theirs/mine')})).toEqual([]);
  });

  it('does not look in a folder anyone can write (a shared /tmp is nobody\'s project)', async () => {
    box.write('.guardrc', ruleYaml('above'));
    chmodSync(box.project, 0o1777);
    expect(await ids()).toEqual([]);
  });

  it('refuses two project policies in one folder, and a JS project policy', async () => {
    box.write('project/.guardrc', '{}');
    box.write('project/.guardrc.yaml', '{}');
    expect(await refusal()).toContain('both exist; keep one');
    box.remove();
    box = policySandbox();
    box.write('project/.guardrc.js', 'export default {}');
    expect(await refusal()).toContain('a project policy is data (JSON or YAML), never code');
  });

  it('takes --policy, else GUARD_POLICY, instead of the project search', async () => {
    box.write('project/.guardrc', ruleYaml('found'));
    const named = box.write('named.yaml', ruleYaml('named'));
    const other = box.write('other.json', JSON.stringify({rules: []}));
    expect(await ids({policyFlag: '../named.yaml'})).toEqual([`named ${named}`]);
    expect(await ids({env: {...box.env, GUARD_POLICY: named}})).toEqual([`named ${named}`]);
    expect(await ids({env: {...box.env, GUARD_POLICY: other}, policyFlag: named})).toEqual([`named ${named}`]);
    expect((await loadPolicy(options({policyFlag: named}))).layers.at(-1)).toMatchObject({layer: 'project', viaFlag: '--policy'});
  });

  it('refuses a named file that does not exist, or is code', async () => {
    expect(await refusal({policyFlag: 'missing.yaml'})).toBe(`policy ${join(box.project, 'missing.yaml')} (--policy): no such file`);
    box.write('p.mjs', 'export default {}');
    expect(await refusal({env: {...box.env, GUARD_POLICY: join(box.dir, 'p.mjs')}})).toContain('(GUARD_POLICY): a project policy is data');
  });

  it('merges system, user and project in that order', async () => {
    writeFileSync(join(systemDir, 'policy.yaml'), ruleYaml('sys'));
    const user = box.write('config/guard/policy.json', JSON.stringify({rules: [{id: 'usr', level: 'warn', reason: 'r', match: {program: 'x'}}]}));
    const project = box.write('project/.guardrc', ruleYaml('proj'));
    const loaded = await loadPolicy(options());
    expect(loaded.layers.map((layer) => `${layer.layer} ${layer.path ?? ''}`.trim())).toEqual(['built-in', `system ${join(systemDir, 'policy.yaml')}`, `user ${user}`, `project ${project}`]);
    expect(loaded.policy.rules.map((rule) => rule.id)).toEqual(['sys', 'usr', 'proj']);
  });

  it('refuses two files for one layer', async () => {
    writeFileSync(join(systemDir, 'policy.yaml'), '{}');
    writeFileSync(join(systemDir, 'policy.json'), '{}');
    expect(await refusal()).toContain('two system policies');
  });

  it('reads the user layer from ~/.config/guard when XDG_CONFIG_HOME is not set', async () => {
    const path = box.write('.config/guard/policy.yml', ruleYaml('usr'));
    expect(await ids({env: {...box.env, XDG_CONFIG_HOME: ''}})).toEqual([`usr ${path}`]);
  });

  it('runs a JS user policy once it is found safe, and takes its default export', async () => {
    const marker = join(box.dir, 'ran');
    box.write('config/guard/policy.mjs', `import {writeFileSync} from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default ${JSON.stringify({rules: [{id: 'js', level: 'deny', reason: 'r', match: {program: 'x'}}]})};\n`);
    expect((await loadPolicy(options())).policy.rules.map((rule) => rule.id)).toEqual(['js']);
    expect(existsSync(marker)).toBe(true);
  });

  it('never runs a JS policy when any layer is unsafe', async () => {
    const marker = join(box.dir, 'ran');
    box.write('config/guard/policy.cjs', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = {};\n`);
    box.write('project/.guardrc', '{}', 0o666);
    expect(await refusal()).toContain('writable by others');
    expect(existsSync(marker)).toBe(false);
  });

  it('reports YAML and JSON syntax errors as invalid policies', async () => {
    box.write('project/.guardrc.yaml', 'rules: [\n');
    expect(await refusal()).toMatch(/\.guardrc\.yaml: not valid YAML: /);
    box.write('project/.guardrc.yaml', 'a: 1\na: 2\n');
    expect(await refusal()).toMatch(/not valid YAML: duplicated mapping key/);
  });
});

describe('the policy cache', () => {
  const cachePath = () => join(box.env.XDG_STATE_HOME, 'guard/policy-cache.json');

  it('validates a changed file once, then serves it from a private cache file', async () => {
    const path = box.write('project/.guardrc', ruleYaml('one'));
    expect((await loadPolicy(options())).layers.at(-1)?.cached).toBe(false);
    expect(statSync(cachePath()).mode & 0o777).toBe(0o600);
    expect(statSync(join(box.env.XDG_STATE_HOME, 'guard')).mode & 0o777).toBe(0o700);
    const again = await loadPolicy(options());
    expect(again.layers.at(-1)?.cached).toBe(true);
    expect(again.policy.rules.map((rule) => rule.id)).toEqual(['one']);

    writeFileSync(path, ruleYaml('two'));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const changed = await loadPolicy(options());
    expect(changed.layers.at(-1)?.cached).toBe(false);
    expect(changed.policy.rules.map((rule) => rule.id)).toEqual(['two']);
  });

  it('still checks safety on a cache hit', async () => {
    const path = box.write('project/.guardrc', ruleYaml('one'));
    await loadPolicy(options());
    chmodSync(path, 0o666);
    expect(await refusal()).toContain('writable by others');
  });

  it('ignores a cache file others could have written', async () => {
    box.write('project/.guardrc', ruleYaml('one'));
    await loadPolicy(options());
    chmodSync(cachePath(), 0o644);
    expect((await loadPolicy(options())).layers.at(-1)?.cached).toBe(false);
    expect(statSync(cachePath()).mode & 0o777).toBe(0o600);
  });

  it('ignores a corrupt cache, and an entry whose key no longer matches', async () => {
    box.write('project/.guardrc', ruleYaml('one'));
    await loadPolicy(options());
    writeFileSync(cachePath(), '{not json');
    expect((await loadPolicy(options())).layers.at(-1)?.cached).toBe(false);
    const content = JSON.parse(readFileSync(cachePath(), 'utf8'));
    for (const entry of Object.values(content.entries) as Array<{key: string}>) entry.key = 'other';
    writeFileSync(cachePath(), JSON.stringify(content));
    expect((await loadPolicy(options())).layers.at(-1)?.cached).toBe(false);
  });

  it('runs a JS policy every time, and skips only validating what it exported', async () => {
    const marker = join(box.dir, 'runs');
    box.write('config/guard/policy.mjs', `import {appendFileSync} from 'node:fs';\nappendFileSync(${JSON.stringify(marker)}, 'x');\nexport default {rules: []};\n`);
    expect((await loadPolicy(options())).layers.at(-1)?.cached).toBe(false);
    // ESM caches a module per URL within one process; a new process imports it afresh.
    expect(readFileSync(marker, 'utf8')).toBe('x');
    expect((await loadPolicy(options())).layers.at(-1)?.cached).toBe(true);
  });

  it('does not touch the cache when asked not to', async () => {
    box.write('project/.guardrc', ruleYaml('one'));
    await loadPolicy(options({cache: false}));
    expect(existsSync(cachePath())).toBe(false);
  });
});
