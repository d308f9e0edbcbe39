// The settings parts of the layers (defaults, jobs, env, redact, audit, locks), merged with
// where each value came from. A later layer's value replaces an earlier one, except where
// that would loosen what an earlier layer fixed: a job's `fixed` settings, a required
// reason, removing dangerous variables, failing closed when the audit log is unusable.
import type {LayerName, PolicyLayer} from './merge.js';
import type {PolicyIssue} from './schema-errors.js';
import type {JobSettingName, JobSettings, PolicyFile, RunSettings} from './schema.js';
import type {Source} from './types.js';

/** A setting's value and the layer it came from (`built-in` or a policy file's path). */
export interface Sourced<T> {
  source: Source;
  value: T;
}

type SourcedFields<T> = {[K in keyof T]?: Sourced<NonNullable<T[K]>>};

export type JobSettingsSourced = SourcedFields<Omit<JobSettings, 'fixed'>> & {fixed: Array<Sourced<JobSettingName>>};

/** Durations are milliseconds and sizes bytes, as the schema parsed them. */
export interface PolicySettings {
  audit: SourcedFields<NonNullable<PolicyFile['audit']>>;
  defaults: SourcedFields<RunSettings>;
  env: {remove: Array<Sourced<string>>; removeDangerous?: Sourced<boolean>; require: Array<Sourced<string>>};
  jobs: Record<string, JobSettingsSourced>;
  locks: SourcedFields<NonNullable<PolicyFile['locks']>>;
  redact: Array<Sourced<string>>;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function addAll<T>(list: Array<Sourced<T>>, values: readonly T[] | undefined, source: Source): void {
  for (const value of values ?? []) if (!list.some((item) => same(item.value, value))) list.push({source, value});
}

function assign<T extends object>(target: SourcedFields<T>, values: T | undefined, source: Source): void {
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value !== undefined) (target as Record<string, Sourced<unknown>>)[key] = {source, value};
  }
}

export class SettingsMerge {
  readonly settings: PolicySettings = {audit: {}, defaults: {}, env: {remove: [], require: []}, jobs: {}, locks: {}, redact: []};

  layer({file, layer, source}: PolicyLayer, issues: PolicyIssue[]): void {
    const {settings} = this;
    assign(settings.defaults, file.defaults, source);
    for (const [name, job] of Object.entries(file.jobs ?? {})) this.job(name, job, source, issues);

    addAll(settings.env.remove, file.env?.remove, source);
    addAll(settings.env.require, file.env?.require, source);
    const dangerous = file.env?.removeDangerous;
    if (dangerous === false && settings.env.removeDangerous?.value) {
      issues.push({message: `${settings.env.removeDangerous.source} removes dangerous variables; a later layer cannot keep them`, path: 'env.removeDangerous'});
    } else if (dangerous !== undefined) settings.env.removeDangerous = {source, value: dangerous};

    addAll(settings.redact, file.redact, source);
    this.audit(file.audit, layer, source, issues);
    assign(settings.locks, file.locks, source);
  }

  private job(name: string, job: JobSettings, source: Source, issues: PolicyIssue[]): void {
    const merged = (this.settings.jobs[name] ??= {fixed: []});
    const fixed = new Map(merged.fixed.map((item) => [item.value, item.source]));
    const {fixed: newlyFixed, ...values} = job;
    for (const [key, value] of Object.entries(values) as Array<[keyof typeof values, unknown]>) {
      if (value === undefined) continue;
      const earlier = merged[key];
      const fixedBy = fixed.get(key);
      if (fixedBy !== undefined) {
        if (!same(earlier?.value, value)) issues.push({message: `${fixedBy} fixes this setting for job ${name}; a later layer cannot change it`, path: `jobs.${name}.${key}`});
      } else if (key === 'reasonRequired' && value === false && earlier?.value === true) {
        issues.push({message: `${earlier.source} requires a reason for job ${name}; a later layer cannot drop that`, path: `jobs.${name}.reasonRequired`});
      } else {
        (merged as unknown as Record<string, Sourced<unknown>>)[key] = {source, value};
      }
    }

    addAll(merged.fixed, newlyFixed, source);
  }

  // Failing closed when the audit log is unusable is the machine's call, never a repository's.
  private audit(audit: PolicyFile['audit'], layer: LayerName, source: Source, issues: PolicyIssue[]): void {
    const current = this.settings.audit.onError;
    if (audit?.onError === 'run' && layer === 'project') {
      issues.push({message: 'only the system or user policy may let commands run when the audit log is unusable', path: 'audit.onError'});
      return;
    }

    if (audit?.onError === 'run' && current?.value === 'fail') {
      issues.push({message: `${current.source} makes guard fail closed when the audit log is unusable; a later layer cannot change that`, path: 'audit.onError'});
      return;
    }

    assign(this.settings.audit, audit, source);
  }
}
