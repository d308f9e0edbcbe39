import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/errors.js';
import {builtinSettings, resolveJobSettings} from '../../src/policy/job-settings.js';
import {SettingsMerge} from '../../src/policy/merge-settings.js';
import {parsePolicyFile} from '../../src/policy/schema.js';

function settingsOf(...files: Array<[string, unknown]>) {
  const merge = new SettingsMerge();
  const issues: Array<{message: string; path: string}> = [];
  const layers = ['system', 'user', 'project'] as const;
  files.forEach(([source, data], index) => merge.layer({file: parsePolicyFile(data, source), layer: layers[index]!, source}, issues));
  expect(issues).toEqual([]);
  return merge.settings;
}

describe('the settings a run goes by', () => {
  it('are the built-in defaults without a policy', () => {
    const resolved = resolveJobSettings('backup', {}, settingsOf());
    expect(resolved.values).toEqual(builtinSettings);
    expect(new Set(Object.values(resolved.sources))).toEqual(new Set(['built-in']));
  });

  it('rise from built-in to audit.captureBytes, defaults, jobs.NAME and the flags', () => {
    const policy = settingsOf(
      ['/etc/guard/policy.yaml', {audit: {captureBytes: '16KiB'}, defaults: {captureBytes: '32KiB', timeout: '5m', retries: 1}}],
      ['/home/ops/.config/guard/policy.yaml', {jobs: {backup: {timeout: '20m', lock: true}}}],
    );
    const resolved = resolveJobSettings('backup', {retries: 3}, policy);
    expect(resolved.values).toMatchObject({captureBytes: 32 * 1024, lock: true, retries: 3, timeout: 20 * 60_000});
    expect(resolved.sources).toMatchObject({
      captureBytes: 'defaults.captureBytes in /etc/guard/policy.yaml',
      lock: 'jobs.backup.lock in /home/ops/.config/guard/policy.yaml',
      retries: 'flag --retries',
      timeout: 'jobs.backup.timeout in /home/ops/.config/guard/policy.yaml',
    });
    expect(resolveJobSettings('other', {}, policy).values.timeout).toBe(5 * 60_000);
  });

  it('refuse a flag that changes a fixed setting, and accept one that repeats it', () => {
    const policy = settingsOf(['/etc/guard/policy.yaml', {jobs: {backup: {lock: 'backups', fixed: ['lock']}}}]);
    expect(() => resolveJobSettings('backup', {lock: false}, policy)).toThrow(UsageError);
    expect(() => resolveJobSettings('backup', {lock: false}, policy)).toThrow(
      '--lock/--no-lock false: job backup has lock fixed at backups by /etc/guard/policy.yaml; run it without the flag',
    );
    expect(resolveJobSettings('backup', {lock: 'backups'}, policy).values.lock).toBe('backups');
    expect(resolveJobSettings('nightly', {lock: false}, policy).values.lock).toBe(false);
  });
});
