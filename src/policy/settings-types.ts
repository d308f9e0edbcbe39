// The shapes the merged settings take, apart from the code that merges and reads them:
// merge.ts, merge-settings.ts, ownership.ts and the job and fleet settings all speak of
// them, and none of them need load another to do so.
import type {JobSettingName, JobSettings, PolicyFile, RunSettings} from './schema.js';
import type {Source} from './types.js';

export type LayerName = 'system' | 'user' | 'project';

/** One validated policy file in its place. */
export interface PolicyLayer {
  file: PolicyFile;
  layer: LayerName;
  source: Source;
}

/** A setting's value and the layer it came from (`built-in` or a policy file's path). */
export interface Sourced<T> {
  source: Source;
  value: T;
}

export type SourcedFields<T> = {[K in keyof T]?: Sourced<NonNullable<T[K]>>};

export type JobSettingsSourced = SourcedFields<Omit<JobSettings, 'fixed'>> & {fixed: Array<Sourced<JobSettingName>>};

/** Durations are milliseconds and sizes bytes, as the schema parsed them. */
export interface PolicySettings {
  audit: SourcedFields<NonNullable<PolicyFile['audit']>>;
  defaults: SourcedFields<RunSettings>;
  env: {remove: Array<Sourced<string>>; removeDangerous?: Sourced<boolean>; require: Array<Sourced<string>>};
  /** The fleet block, field by field (`keepalive` as one value); empty when no layer has one. */
  fleet: SourcedFields<NonNullable<PolicyFile['fleet']>>;
  jobs: Record<string, JobSettingsSourced>;
  locks: SourcedFields<NonNullable<PolicyFile['locks']>>;
  redact: Array<Sourced<string>>;
}
