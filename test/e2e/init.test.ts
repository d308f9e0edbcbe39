import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa, type Options} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin} from '../helpers/guard.js';
import {policySandbox, type PolicySandbox} from '../policy-files/fixture.js';

let box: PolicySandbox;
beforeEach(() => {
  box = policySandbox();
});
afterEach(() => box.remove());

const mode = (path: string) => statSync(path).mode & 0o7777;

// Example lines are "#key:" or "#  indented"; prose is "# text". Uncommenting every example must still be a valid policy.
const uncommented = (text: string) =>
  text
    .split('\n')
    .map((line) => (/^#(?! )|^# {2}/.test(line) ? line.slice(1) : line))
    .join('\n');

/**
 * A private /etc for guard: an overlay whose writes land in `upper` (so /etc/guard/… written
 * by guard shows up as upper/guard/…), in a mount namespace of its own; the machine's /etc is
 * never written. Runs as `uid` after the mount when given.
 */
function privateEtc() {
  const dir = mkdtempSync(join(tmpdir(), 'guard-init-etc-'));
  const upper = join(dir, 'upper');
  mkdirSync(upper);
  return {
    upper,
    guard(args: readonly string[], options: Options & {uid?: number} = {}) {
      const {uid, ...rest} = options;
      const work = mkdtempSync(join(dir, 'work-'));
      const script = 'mount -t overlay overlay -o "lowerdir=/etc,upperdir=$1,workdir=$2" /etc && shift 2 && exec "$@"';
      const user = uid === undefined ? [] : ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups'];
      const env = {...process.env, NODE_OPTIONS: undefined, ...box.env, ...(rest.env as Record<string, string> | undefined)};
      const command = ['-m', 'sh', '-c', script, 'sh', upper, work, ...user, process.execPath, bin, ...args];
      return execa('unshare', command, {cwd: box.project, reject: false, stdin: 'ignore', ...rest, env, extendEnv: false});
    },
    remove: () => rmSync(dir, {force: true, recursive: true}),
  };
}

describe('guard init', () => {
  it('writes .guardrc.yaml in this folder, 0644, and says what to do next', async () => {
    const path = join(box.project, '.guardrc.yaml');
    const result = await box.guard(['init']);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      `wrote ${path} (project policy, every example commented out)`,
      `next: edit it, then check it with: guard policy validate ${path}`,
    ]);
    expect(result.exitCode).toBe(0);
    expect(mode(path)).toBe(0o644);
    expect(readFileSync(path, 'utf8')).toMatch(/^# guard policy, project layer: /);

    const validated = await box.guard(['policy', 'validate']);
    expect(validated.stdout).toBe(`ok  ${path}  (project policy: 0 rules)`);
    expect(validated.exitCode).toBe(0);
  });

  it('writes the user policy under $XDG_CONFIG_HOME/guard, making the folders 0755', async () => {
    const path = join(box.env.XDG_CONFIG_HOME, 'guard/policy.yaml');
    const result = await box.guard(['init', '--user']);
    expect(result.stdout).toContain(`wrote ${path} (user policy`);
    expect(result.exitCode).toBe(0);
    expect(mode(path)).toBe(0o644);
    expect(mode(join(box.env.XDG_CONFIG_HOME, 'guard'))).toBe(0o755);
    expect(mode(box.env.XDG_CONFIG_HOME)).toBe(0o755);

    const validated = await box.guard(['policy', 'validate']);
    expect(validated.stdout).toBe(`ok  ${path}  (user policy: 0 rules)`);
    expect(validated.exitCode).toBe(0);
  });

  it('writes the user policy under ~/.config/guard when XDG_CONFIG_HOME is unset', async () => {
    const result = await box.guard(['init', '--user'], {env: {XDG_CONFIG_HOME: ''}});
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(box.dir, '.config/guard/policy.yaml'))).toBe(true);
  });

  it('gives new folders 0755 and the file 0644 whatever the umask', async () => {
    const result = await execa('sh', ['-c', 'umask 077 && exec "$@"', 'sh', process.execPath, bin, 'init', '--user'], {
      cwd: box.project,
      env: {...process.env, NODE_OPTIONS: undefined, ...box.env},
      extendEnv: false,
      reject: false,
    });
    expect(result.exitCode).toBe(0);
    expect(mode(join(box.env.XDG_CONFIG_HOME, 'guard'))).toBe(0o755);
    expect(mode(join(box.env.XDG_CONFIG_HOME, 'guard/policy.yaml'))).toBe(0o644);
  });

  it('refuses --system and --user together as a usage error', async () => {
    const result = await box.guard(['init', '--system', '--user']);
    expect(result.stderr).toBe('guard: --system and --user cannot both be given');
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.exitCode).toBe(64);
  });

  it('never overwrites a policy: exit 73, one line, the file untouched', async () => {
    const path = box.write('project/.guardrc.yaml', 'defaults:\n  timeout: 5m\n');
    const result = await box.guard(['init']);
    expect(result.stderr).toBe(`guard: ${path} already exists; guard init never overwrites a policy (check it with: guard policy validate ${path})`);
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(73);
    expect(readFileSync(path, 'utf8')).toBe('defaults:\n  timeout: 5m\n');
  });

  it('does not write through a symbolic link left where the policy goes', async () => {
    const target = join(box.dir, 'elsewhere.yaml');
    symlinkSync(target, join(box.project, '.guardrc.yaml'));
    const result = await box.guard(['init']);
    expect(result.stderr).toContain('already exists');
    expect(result.exitCode).toBe(73);
    expect(existsSync(target)).toBe(false);
  });

  it.each([
    ['.guardrc', 'rules: []\n'],
    ['.guardrc.json', '{}'],
    ['.guardrc.yml', 'rules: []\n'],
    ['package.json', JSON.stringify({guard: {}, name: 'app'})],
  ])('refuses to write a second project policy next to %s', async (name, content) => {
    const existing = box.write(`project/${name}`, content);
    const result = await box.guard(['init']);
    expect(result.stderr).toMatch(new RegExp(`^guard: ${existing.replaceAll('.', '\\.')}( \\(its "guard" key\\))? is already the project policy here; a second file would make the layer an error, so edit that one$`));
    expect(result.exitCode).toBe(73);
    expect(existsSync(join(box.project, '.guardrc.yaml'))).toBe(false);
  });

  it('writes next to a package.json that holds no guard policy', async () => {
    box.write('project/package.json', JSON.stringify({name: 'app', version: '1.0.0'}));
    const result = await box.guard(['init']);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(box.project, '.guardrc.yaml'))).toBe(true);
  });

  it('refuses to write policy.yaml next to a user policy.json', async () => {
    const existing = box.write('config/guard/policy.json', '{}');
    const result = await box.guard(['init', '--user']);
    expect(result.stderr).toBe(`guard: ${existing} is already the user policy here; a second file would make the layer an error, so edit that one`);
    expect(result.exitCode).toBe(73);
  });

  it('names the path and the cause when the folder is not writable', async () => {
    chmodSync(box.dir, 0o755);
    const path = join(box.project, '.guardrc.yaml');
    const result = await execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, 'init'], {
      cwd: box.project,
      env: {...process.env, NODE_OPTIONS: undefined, ...box.env, HOME: box.project},
      extendEnv: false,
      reject: false,
    });
    expect(result.stderr).toBe(`guard: cannot create ${path}: permission denied (EACCES)`);
    expect(result.exitCode).toBe(73);
  });

  it('warns when the new policy takes the place of a project policy further up', async () => {
    const parent = box.write('.guardrc.yaml', 'defaults:\n  timeout: 5m\n');
    const path = join(box.project, '.guardrc.yaml');
    const result = await box.guard(['init']);
    expect(result.stderr).toBe(`guard: runs in ${box.project} and below now read ${path} instead of ${parent}: a project has one policy, the nearest`);
    expect(result.exitCode).toBe(0);
  });

  it('warns when runs in this folder would not read the policy it wrote', async () => {
    chmodSync(box.project, 0o1777);
    const path = join(box.project, '.guardrc.yaml');
    const result = await box.guard(['init']);
    expect(result.stderr).toBe(
      `guard: runs in ${box.project} will not read ${path}: guard looks for a project policy only in folders you own that others cannot write (use --policy ${path})`,
    );
    expect(result.exitCode).toBe(0);
  });
});

describe('guard init --system', () => {
  let etc: ReturnType<typeof privateEtc>;
  beforeEach(() => {
    etc = privateEtc();
  });
  afterEach(() => etc.remove());

  it('writes /etc/guard/policy.yaml (folder 0755, file 0644), and every layer loads together', async () => {
    const result = await etc.guard(['init', '--system']);
    expect(result.stdout).toContain('wrote /etc/guard/policy.yaml (system policy, every example commented out)');
    expect(result.stdout).toContain('next: edit it, then check it with: guard policy validate /etc/guard/policy.yaml');
    expect(result.exitCode).toBe(0);
    expect(mode(join(etc.upper, 'guard'))).toBe(0o755);
    expect(mode(join(etc.upper, 'guard/policy.yaml'))).toBe(0o644);
    expect(readFileSync(join(etc.upper, 'guard/policy.yaml'), 'utf8')).toMatch(/^# guard policy, system layer: \/etc\/guard\/policy\.yaml\n/);

    expect((await etc.guard(['init', '--user'])).exitCode).toBe(0);
    expect((await etc.guard(['init'])).exitCode).toBe(0);
    const validated = await etc.guard(['policy', 'validate']);
    expect(validated.stdout.split('\n')).toEqual([
      'ok  /etc/guard/policy.yaml  (system policy: 0 rules)',
      `ok  ${join(box.env.XDG_CONFIG_HOME, 'guard/policy.yaml')}  (user policy: 0 rules)`,
      `ok  ${join(box.project, '.guardrc.yaml')}  (project policy: 0 rules)`,
    ]);
    expect(validated.exitCode).toBe(0);

    // As written the starters change nothing: a plain command runs, the built-in packs still refuse.
    expect((await etc.guard(['run', '--', 'true'])).exitCode).toBe(0);
    const refused = await etc.guard(['check', '--', 'rm', '-rf', '/']);
    expect(refused.stderr).toContain('refused by rule fs.rm-root');
    expect(refused.exitCode).toBe(77);
  });

  it('refuses when /etc/guard already has a policy of another name', async () => {
    mkdirSync(join(etc.upper, 'guard'));
    writeFileSync(join(etc.upper, 'guard/policy.json'), '{}');
    const result = await etc.guard(['init', '--system']);
    expect(result.stderr).toBe('guard: /etc/guard/policy.json is already the system policy here; a second file would make the layer an error, so edit that one');
    expect(result.exitCode).toBe(73);
    expect(existsSync(join(etc.upper, 'guard/policy.yaml'))).toBe(false);
  });

  it('says the system policy is written as root when another user tries', async () => {
    chmodSync(box.dir, 0o755);
    chmodSync(box.project, 0o777);
    const result = await etc.guard(['init', '--system'], {env: {HOME: box.project}, uid: 65534});
    expect(result.stderr).toBe('guard: cannot create /etc/guard/policy.yaml: permission denied (EACCES); the system policy is written as root');
    expect(result.exitCode).toBe(73);
  });
});

describe('the starter policies', () => {
  const layers = [
    ['project', ['init'], () => join(box.project, '.guardrc.yaml'), '3 rules, defaults, env, jobs, paths, redact'],
    ['user', ['init', '--user'], () => join(box.env.XDG_CONFIG_HOME, 'guard/policy.yaml'), '3 rules, audit, defaults, env, jobs, locks, paths, redact'],
  ] as const;

  it.each(layers)('%s: every commented example, uncommented, is a valid policy of that layer', async (layer, args, pathOf, summary) => {
    expect((await box.guard(args)).exitCode).toBe(0);
    const examples = box.write('examples.yaml', uncommented(readFileSync(pathOf(), 'utf8')));
    const result = await box.guard(['policy', 'validate', '--layer', layer, examples]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`ok  ${examples}  (${layer} policy: ${summary})`);
    expect(result.exitCode).toBe(0);
  });

  it('system: every commented example, uncommented, is a valid system policy, packs and audit.onError included', async () => {
    const etc = privateEtc();
    try {
      expect((await etc.guard(['init', '--system'])).exitCode).toBe(0);
      const text = readFileSync(join(etc.upper, 'guard/policy.yaml'), 'utf8');
      expect(text).toContain('#packs:');
      expect(text).toContain('#  onError: fail');
      const examples = box.write('examples.yaml', uncommented(text));
      const result = await box.guard(['policy', 'validate', '--layer', 'system', examples]);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`ok  ${examples}  (system policy: 3 rules, audit, defaults, env, jobs, locks, packs, paths, redact)`);
      expect(result.exitCode).toBe(0);
    } finally {
      etc.remove();
    }
  });

  it('project: has no example only a system or user policy may give', async () => {
    expect((await box.guard(['init'])).exitCode).toBe(0);
    const text = readFileSync(join(box.project, '.guardrc.yaml'), 'utf8');
    expect(text).not.toContain('#packs:');
    expect(text).not.toMatch(/^#\s+onError: run/m);
    for (const example of ['#audit:', '#locks:', '#    overridable: true', '#    fixed:', '#    retries:', '#  captureBytes:']) expect(text).not.toContain(example);
  });
});
