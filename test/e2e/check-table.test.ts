import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cases} from '../policy/research-cases.js';
import {guard} from '../helpers/guard.js';

// The research's 291 cases (research/danger.md §6, decided the contract's way) through the
// built CLI, as `guard check --json -- sh -c CMD`, on this machine's real file system: its
// home is a temporary folder, the project folder below it holds the research's
// `paths.allow: ["/srv/app/**"]` as a .guardrc, and the two symlinks the cases name exist,
// in a temporary folder of their own: /tmp/rootlink and /tmp/pm/link in a case become that
// folder's rootlink and pm/link, so two suites running at once never share them.
let home: string;
let links: string;
const realLinks: Array<[string, string]> = [
  ['rootlink', '/'],
  ['pm/link', '/etc'],
];
const inLinks = (command: string) => command.replaceAll('/tmp/rootlink', `${links}/rootlink`).replaceAll('/tmp/pm/link', `${links}/pm/link`);

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'guard-home-'));
  mkdirSync(join(home, 'proj'));
  writeFileSync(join(home, 'proj/.guardrc.json'), JSON.stringify({paths: {allow: ['/srv/app/**']}}));
  links = mkdtempSync(join(tmpdir(), 'guard-links-'));
  mkdirSync(join(links, 'pm'));
  for (const [path, target] of realLinks) symlinkSync(target, join(links, path));
});

afterAll(() => {
  rmSync(links, {force: true, recursive: true});
  rmSync(home, {force: true, recursive: true});
});

describe.concurrent('guard check on the research table, through the built CLI', () => {
  it.each(cases)('%s %s: %j', async (_section, _research, command, given, options = {}) => {
    // The table runs in a project with a policy of its own (proj/.guardrc.json).
    const expected = options.cwd === '/home/dev' ? given : (options.withPolicy ?? given);
    const cwd = options.cwd === '/home/dev' ? home : join(home, 'proj');
    const env = {HOME: home, PATH: '/usr/bin:/bin', TMPDIR: '/tmp', USER: 'dev', XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), ...options.env};
    const result = await guard(['check', '--json', '--', 'sh', '-c', inLinks(command)], {cwd, env});
    const decision = JSON.parse(result.stdout) as {findings: Array<{level: string; rule: string}>; verdict: string};
    const fired = decision.findings.map((finding) => `${finding.rule}@${finding.level}`);
    if (expected === 'allow') {
      expect(fired).toEqual([]);
      expect(result.exitCode).toBe(0);
    } else {
      expect(fired).toEqual(expect.arrayContaining(expected));
      expect(result.exitCode).toBe(77);
      expect(result.stderr).toMatch(/^guard: refused by rule \S+/);
    }
  });
});
