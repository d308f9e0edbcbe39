import {describe, expect, it} from 'vitest';
import {PolicyInvalid} from '../../src/policy/schema-errors.js';
import {parsePolicyFile} from '../../src/policy/schema.js';

const rule = (extra: Record<string, unknown> = {}) => ({id: 'ops.no-reboot', level: 'deny', reason: 'no reboots from jobs', match: {program: 'reboot'}, ...extra});

function issues(data: unknown): string[] {
  try {
    parsePolicyFile(data, 'p.yaml');
  } catch (error) {
    if (error instanceof PolicyInvalid) return error.lines();
    throw error;
  }

  throw new Error('expected the policy to be rejected');
}

describe('the policy file schema', () => {
  it('accepts every part of a policy the contract names', () => {
    const file = parsePolicyFile(
      {
        rules: [
          rule({alternative: 'schedule a maintenance window', overridable: true}),
          {id: 'git.reset-hard', level: 'off', reason: 'deploy scripts reset on purpose'},
          {id: 'ops.drop', level: 'confirm', reason: 'dropping tables', match: {regex: '\\bDROP\\s+TABLE\\b'}},
          {
            id: 'ops.rsync',
            level: 'warn',
            reason: 'mirrors delete',
            match: {
              program: ['rsync', '/usr/bin/rsync'],
              subcommand: [],
              options: {short: 'avz', long: ['--delete', '--archive'], takesValue: ['-e'], aliases: {'-a': '--archive'}, stopAtOperand: false},
              allFlags: ['--delete'],
              anyFlags: ['-a', '--archive'],
              noFlags: ['--dry-run', '-n'],
              operandsUnder: ['/srv/**', '~/backups'],
            },
          },
        ],
        packs: {git: false, 'remote-code': true},
        paths: {protect: ['/srv/data/**'], allow: ['/srv/data/tmp/**'], confine: ['/srv']},
        defaults: {timeout: '30m', killAfter: 10, lock: true, lockWait: '5s', retries: 2, retryDelay: '500ms', retryOn: [1, 75, 'timeout'], quiet: true, captureBytes: '64KiB'},
        jobs: {backup: {timeout: '2h', lock: 'backup-lock', reasonRequired: true, ping: 'https://hc.example/abc', fixed: ['timeout', 'lock'], retryOn: '1,timeout'}},
        env: {remove: ['LD_*', 'PYTHONPATH'], removeDangerous: true, require: ['PGHOST']},
        redact: ['secret-[a-z0-9]+'],
        audit: {retention: '400d', captureBytes: 1024, onError: 'fail'},
        locks: {dir: '/run/lock/guard'},
      },
      'p.yaml',
    );
    expect(file.rules?.[0]?.match?.program).toEqual(['reboot']);
    expect(file.rules?.[3]?.match?.program).toEqual(['rsync', 'rsync']);
    expect(file.rules?.[2]?.match?.program).toEqual([]);
    expect(file.defaults).toMatchObject({timeout: 1_800_000, killAfter: 10_000, retryDelay: 500, captureBytes: 65_536, retryOn: [1, 75, 'timeout']});
    expect(file.jobs?.backup?.retryOn).toEqual([1, 'timeout']);
    expect(file.audit?.retention).toBe(400 * 86_400_000);
  });

  it('reads an empty file as an empty policy', () => {
    expect(parsePolicyFile(null, 'p.yaml')).toEqual({});
    expect(parsePolicyFile(undefined, 'p.yaml')).toEqual({});
  });

  it.each([
    ['an invalid regular expression, at its field path', {rules: [rule(), rule({id: 'b'}), rule({id: 'c'}), rule({id: 'd', match: {regex: 'a(b'}})]}, 'p.yaml: rules[3].match.regex: invalid regular expression'],
    ['an unknown key in a rule', {rules: [rule(), rule({id: 'b'}), rule({id: 'c'}), rule({id: 'd', pattern: 'rm'})]}, 'p.yaml: rules[3].pattern: unknown field'],
    ['an unknown top-level key', {rulez: []}, 'p.yaml: rulez: unknown field'],
    ['a match with neither program nor regex', {rules: [rule({match: {allFlags: ['-r']}})]}, 'p.yaml: rules[0].match: needs a program or a regex'],
    ['an unknown level', {rules: [rule({level: 'block'})]}, 'p.yaml: rules[0].level: expected one of'],
    ['a rule without a reason', {rules: [{id: 'x', level: 'deny', match: {program: 'rm'}}]}, 'p.yaml: rules[0].reason:'],
    ['an empty reason', {rules: [rule({reason: '  '})]}, 'p.yaml: rules[0].reason: must not be empty'],
    ['a bad rule id', {rules: [rule({id: 'has space'})]}, 'p.yaml: rules[0].id: a rule id is'],
    ['two rules with one id', {rules: [rule(), rule()]}, 'p.yaml: rules[1].id: duplicate rule id ops.no-reboot (also rules[0])'],
    ['an option not spelled as typed', {rules: [rule({match: {program: 'rm', allFlags: ['r']}})]}, 'p.yaml: rules[0].match.allFlags[0]: an option is spelled as typed'],
    ['an unknown key in options', {rules: [rule({match: {program: 'rm', options: {short: 'rf', longs: []}}})]}, 'p.yaml: rules[0].match.options.longs: unknown field'],
    ['an unknown pack', {packs: {network: false}}, 'p.yaml: packs.network: unknown field'],
    ['a bad duration', {defaults: {timeout: '3 weeks'}}, 'p.yaml: defaults.timeout: not a duration'],
    ['a duration over a year', {jobs: {backup: {timeout: '400d'}}}, 'p.yaml: jobs.backup.timeout: not a duration'],
    ['a bad size', {defaults: {captureBytes: '64KB'}}, 'p.yaml: defaults.captureBytes: expected a number of bytes'],
    ['a bad exit code', {defaults: {retryOn: [1, 300]}}, "p.yaml: defaults.retryOn: '300' is neither an exit code"],
    ['a bad lock name', {defaults: {lock: '../etc'}}, 'p.yaml: defaults.lock: a lock name is 1-64 letters'],
    ['a bad job name', {jobs: {'db backup': {timeout: '1m'}}}, 'p.yaml: jobs["db backup"]: not a job name'],
    ['an unknown fixed setting', {jobs: {backup: {fixed: ['colour']}}}, 'p.yaml: jobs.backup.fixed[0]: expected one of'],
    ['a ping that is not http', {jobs: {backup: {ping: 'ftp://x'}}}, 'p.yaml: jobs.backup.ping: expected an http(s) URL'],
    ['a bad variable name', {env: {require: ['PG-HOST']}}, 'p.yaml: env.require[0]: a variable name'],
    ['a bad redaction pattern', {redact: ['ok', '[unclosed']}, 'p.yaml: redact[1]: invalid regular expression'],
    ['a bad onError', {audit: {onError: 'ignore'}}, 'p.yaml: audit.onError: expected one of'],
    ['a relative lock folder', {locks: {dir: 'locks'}}, 'p.yaml: locks.dir: must be an absolute path'],
    ['rules that are not a list', {rules: {id: 'x'}}, 'p.yaml: rules: expected array'],
    ['a policy that is not an object', ['rules'], 'p.yaml: expected object'],
  ])('rejects %s', (_, data, line) => {
    expect(issues(data).join('\n')).toContain(line);
  });

  it('rejects the whole file for one bad rule, and reports every problem', () => {
    const lines = issues({rules: [rule(), rule({id: 'b', match: {regex: '('}}), rule({id: 'c', level: 'nope'})], defaults: {timeout: 'x'}});
    expect(lines).toEqual([
      expect.stringContaining('rules[1].match.regex: invalid regular expression'),
      expect.stringContaining('rules[2].level:'),
      expect.stringContaining('defaults.timeout: not a duration'),
    ]);
  });

  it('puts the first problem and how many more in the one-line message', () => {
    expect(() => parsePolicyFile({rules: [rule({level: 'x'})], defaults: {timeout: 'x'}}, 'p.yaml')).toThrow(/^p\.yaml: rules\[0\]\.level: .*\(and 1 more: guard policy validate lists them\)$/);
  });

  it('carries exit status 78', () => {
    try {
      parsePolicyFile({nope: 1}, 'p.yaml');
    } catch (error) {
      expect((error as PolicyInvalid).exitCode).toBe(78);
    }
  });
});
