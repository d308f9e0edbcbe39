import {describe, expect, test} from 'vitest';
import {defaultPolicy} from '../../src/policy/defaults.js';
import type {Policy} from '../../src/policy/types.js';
import {decide, fired, shell} from './fixture.js';
import {cases} from './research-cases.js';
const policy: Policy = {...defaultPolicy(), paths: {allow: ['/srv/app/**'], protect: [], confine: null, sources: {'/srv/app/**': 'research §6'}}};

describe('research §6: every case, decided the contract’s way', () => {
  test.each(cases)('%s %s: %j', async (_section, _research, command, expected, options = {}) => {
    const context = {...shell, ...(options.cwd ? {cwd: options.cwd} : {}), env: {...shell.env, ...options.env}};
    const decision = await decide(command, policy, context);
    if (expected === 'allow') {
      expect(decision.findings, JSON.stringify(decision.findings, null, 1)).toEqual([]);
      expect(decision.verdict).toBe('allow');
      return;
    }

    expect(fired(decision)).toEqual(expect.arrayContaining(expected));
    expect(['deny', 'confirm']).toContain(decision.verdict);
  });

  test('the table holds all 291 cases, 195 of them refusals in the research', () => {
    expect(cases).toHaveLength(291);
    expect(cases.filter(([, research]) => research === 'block')).toHaveLength(195);
  });

  test('every case decided against the research names the contract’s reason', () => {
    const against = cases.filter(([, research, , expected]) => (research === 'block') === (expected === 'allow'));
    expect(against.map(([, , command, , options]) => [command, options?.contract])).toEqual(against.map(([, , command, , options]) => [command, expect.any(String)]));
    expect(against).toHaveLength(5);
  });

  test('eval of a variable the environment sets is checked as the code it holds', async () => {
    const decision = await decide('eval "$CLEANUP_CMD"', policy, {...shell, env: {...shell.env, CLEANUP_CMD: 'rm -rf ~'}});
    expect(fired(decision)).toContain('fs.rm-home@deny');
  });

  test('rm -rf /var/lib/grafana is refused once a policy protects /var/lib', async () => {
    const strict: Policy = {...policy, paths: {...policy.paths, protect: ['/var/lib/**'], sources: {...policy.paths.sources, '/var/lib/**': '/etc/guard/policy.yaml'}}};
    expect((await decide('rm --rec --forc /var/lib/grafana', policy)).findings).toEqual([]);
    const decision = await decide('rm --rec --forc /var/lib/grafana', strict);
    expect(decision.findings).toMatchObject([{rule: 'paths.protect', level: 'deny', source: '/etc/guard/policy.yaml', word: '/var/lib/grafana'}]);
  });
});
