import {describe, expect, it} from 'vitest';
import {fleetSettings} from '../../src/policy/fleet-settings.js';
import {resolveJobSettings} from '../../src/policy/job-settings.js';
import {SettingsMerge} from '../../src/policy/merge-settings.js';
import {PolicyError, PolicyInvalid, type PolicyIssue} from '../../src/policy/schema-errors.js';
import {parsePolicyFile} from '../../src/policy/schema.js';

const layers = ['system', 'user', 'project'] as const;

/** The merged settings of these files (system, user, project), and the issues the merge found. */
function merge(...files: unknown[]): {issues: PolicyIssue[]; settings: SettingsMerge['settings']} {
  const merged = new SettingsMerge();
  const issues: PolicyIssue[] = [];
  files.forEach((data, index) => merged.layer({file: parsePolicyFile(data, `/${layers[index]}.yaml`), layer: layers[index]!, source: `/${layers[index]}.yaml`}, issues));
  return {issues, settings: merged.settings};
}

function schemaIssues(data: unknown): string[] {
  try {
    parsePolicyFile(data, '/etc/guard/policy.yaml');
    return [];
  } catch (error) {
    if (error instanceof PolicyInvalid) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
}

const url = 'postgres://guard_web1@db.internal:5432/guard?sslmode=verify-full';

describe('the fleet settings', () => {
  it('are null when neither the policy nor GUARD_FLEET_URL names a fleet', () => {
    expect(fleetSettings(merge({defaults: {timeout: '1h'}}).settings, {})).toBeNull();
  });

  it("are guard's defaults, in milliseconds, for a block with a url alone", () => {
    expect(fleetSettings(merge({fleet: {url}}).settings, {})).toEqual({
      connectTimeoutMs: 3000,
      heartbeatMs: 5000,
      history: true,
      keepalive: {count: 3, idleMs: 10_000, intervalMs: 5000},
      lock: true,
      lockDelayMs: 15_000,
      lostAfterMs: 15_000,
      monitorRetry: 2,
      onLost: 'stop',
      onUnavailable: 'skip',
      output: true,
      passwordFile: null,
      schema: 'guard',
      shipTimeoutMs: 2000,
      source: '/system.yaml',
      url,
      userTimeoutMs: 25_000,
    });
  });

  it('take every field from the layers, a later machine layer over an earlier one', () => {
    const system = {fleet: {url, passwordFile: '/etc/guard/fleet.pass', heartbeat: '2s', lostAfter: '10s', keepalive: {idle: '20s'}, onUnavailable: 'local', schema: 'ops_guard'}};
    const user = {fleet: {onLost: 'continue', output: false, history: false, lock: false, monitorRetry: 0, shipTimeout: 500, connectTimeout: '1s', lockDelay: '30s', userTimeout: '40s'}};
    expect(fleetSettings(merge(system, user).settings, {})).toMatchObject({
      connectTimeoutMs: 1000,
      heartbeatMs: 2000,
      history: false,
      keepalive: {count: 3, idleMs: 20_000, intervalMs: 5000},
      lock: false,
      lockDelayMs: 30_000,
      lostAfterMs: 10_000,
      monitorRetry: 0,
      onLost: 'continue',
      onUnavailable: 'local',
      output: false,
      passwordFile: '/etc/guard/fleet.pass',
      schema: 'ops_guard',
      shipTimeoutMs: 500_000,
      source: '/system.yaml',
      userTimeoutMs: 40_000,
    });
  });

  it("take the url from GUARD_FLEET_URL in guard's environment when the policy gives none", () => {
    expect(fleetSettings(merge().settings, {GUARD_FLEET_URL: url})).toMatchObject({lock: true, source: 'GUARD_FLEET_URL', url});
    expect(fleetSettings(merge({fleet: {onUnavailable: 'local'}}).settings, {GUARD_FLEET_URL: url})).toMatchObject({onUnavailable: 'local', source: 'GUARD_FLEET_URL'});
    // The policy's own url wins: it is the machine's.
    expect(fleetSettings(merge({fleet: {url}}).settings, {GUARD_FLEET_URL: 'postgres://elsewhere/guard'})).toMatchObject({source: '/system.yaml', url});
  });

  it('refuse a block without any url, naming the file (78)', () => {
    const refused = (() => {
      try {
        fleetSettings(merge({fleet: {lock: true}}).settings, {});
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(PolicyError);
    expect((refused as PolicyError).exitCode).toBe(78);
    expect((refused as PolicyError).message).toBe("/system.yaml: fleet: no url (set fleet.url, or GUARD_FLEET_URL in guard's environment)");
  });

  it('refuse a GUARD_FLEET_URL that is no PostgreSQL URL, without echoing it', () => {
    expect(() => fleetSettings(merge().settings, {GUARD_FLEET_URL: 'mysql://u:secret@db/x'})).toThrow(/^GUARD_FLEET_URL: expected a postgres:\/\/ or postgresql:\/\/ URL$/);
  });

  it('reject bad fields in the file, each at its path', () => {
    expect(
      schemaIssues({
        fleet: {
          url: 'http://db/guard',
          passwordFile: 'fleet.pass',
          heartbeat: '0',
          onUnavailable: 'wait',
          onLost: 'ignore',
          monitorRetry: -1,
          keepalive: {count: 0, idle: 'soon'},
          schema: 'Guard; DROP',
          peers: ['a'],
        },
      }),
    ).toEqual([
      'fleet.heartbeat: must be longer than 0',
      'fleet.keepalive.count: Too small: expected number to be >=1',
      expect.stringMatching(/^fleet\.keepalive\.idle: not a duration/),
      'fleet.monitorRetry: Too small: expected number to be >=0',
      'fleet.onLost: expected one of "stop"|"continue"',
      'fleet.onUnavailable: expected one of "skip"|"local"',
      'fleet.passwordFile: must be an absolute path',
      'fleet.schema: a schema name is 1-63 lower-case letters, digits and "_", not starting with a digit',
      'fleet.url: expected a postgres:// or postgresql:// URL',
      'fleet.peers: unknown field',
    ]);
    expect(schemaIssues({fleet: {url: 'postgresql://db/guard'}})).toEqual([]);
  });
});

describe('the fleet timing rule', () => {
  it('holds for the defaults', () => {
    expect(merge({fleet: {url}}).issues).toEqual([]);
  });

  it('wants a heartbeat shorter than lostAfter, naming where each came from', () => {
    expect(merge({fleet: {url, lostAfter: '10s'}}, {fleet: {heartbeat: '10s'}}).issues).toEqual([
      {message: 'heartbeat 10s (/user.yaml) must be shorter than lostAfter 10s (/system.yaml), or one late heartbeat loses the lock', path: 'fleet.heartbeat'},
    ]);
  });

  it('wants a holder stopped before the server lets another host take the lock', () => {
    // 30s + 10s is not less than min(10s + 5s × 3, 25s) + 15s = 40s.
    expect(merge({fleet: {url, lostAfter: '30s'}}).issues).toEqual([
      {
        message:
          'lostAfter 30s + killAfter 10s (built-in) must be less than the time before another host may take the lock: keepalive 10s + 5s × 3 (capped by userTimeout 25s) + lockDelay 15s = 40s; otherwise a second host may start the job while this one is still stopping it',
        path: 'fleet.lostAfter',
      },
    ]);
    // A longer lockDelay makes room for it.
    expect(merge({fleet: {url, lostAfter: '30s', lockDelay: '1m'}}).issues).toEqual([]);
  });

  it('counts the policy grace before SIGKILL, and a userTimeout shorter than the keepalive probes', () => {
    expect(merge({fleet: {url}}, {defaults: {killAfter: '30s'}}).issues.map((issue) => issue.path)).toEqual(['fleet.lostAfter']);
    expect(merge({fleet: {url, userTimeout: '5s'}}).issues[0]?.message).toContain('capped by userTimeout 5s) + lockDelay 15s = 20s');
  });

  it('is not checked without a fleet block, and fleetSettings checks it too', () => {
    const {issues, settings} = merge({defaults: {killAfter: '1m'}});
    expect(issues).toEqual([]);
    expect(() => fleetSettings(settings, {GUARD_FLEET_URL: url})).toThrow(/^fleet\.lostAfter: lostAfter 15s \+ killAfter 1m \(defaults\.killAfter in \/system\.yaml\)/);
  });
});

describe('a job and the fleet lock', () => {
  it('follows fleet.lock unless the job or a flag says otherwise, and a policy may fix it', () => {
    const {settings} = merge({jobs: {backup: {fleet: false}, pinned: {fleet: false, fixed: ['fleet']}}});
    expect(resolveJobSettings('report', {}, settings).values.fleet).toBeNull();
    expect(resolveJobSettings('backup', {}, settings).values.fleet).toBe(false);
    expect(resolveJobSettings('backup', {fleet: true}, settings).values.fleet).toBe(true);
    expect(() => resolveJobSettings('pinned', {fleet: true}, settings)).toThrow('--fleet/--no-fleet true: job pinned has fleet fixed at false by /system.yaml; run it without the flag');
  });
});
