// The settings parts of the layers (defaults, jobs, env, redact, audit, locks, fleet), merged with
// where each value came from. A later layer's value replaces an earlier one, or adds to a
// list; whether that layer may say it at all (the machine's settings, the ones a project
// may only tighten, the safeguards that once on stay on) is the ownership table's to say.
// A job's `fixed` settings bind every later layer as well as the flags.
import {fleetTimingIssues} from './fleet-settings.js';
import {builtinEarlier, refusalOf, type Earlier} from './ownership.js';
import type {PolicyIssue} from './schema-errors.js';
import type {JobSettingName, JobSettings, PolicyFile} from './schema.js';
import type {JobSettingsSourced, PolicyLayer, PolicySettings, Sourced} from './settings-types.js';
import type {Source} from './types.js';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function addAll<T>(list: Array<Sourced<T>>, values: readonly T[] | undefined, source: Source): void {
  for (const value of values ?? []) if (!list.some((item) => same(item.value, value))) list.push({source, value});
}

type Fields = Record<string, Sourced<unknown> | undefined>;

/** What the earlier layers give a job (or every run, without a job): its own setting, else the defaults, else guard's built-in value. */
function effective(defaults: Fields, job: Fields | undefined, name: string, key: string): Earlier | undefined {
  const own = job?.[key];
  if (own) return {source: own.source, value: own.value, where: `jobs.${name}.${key} in ${own.source}`};
  const shared = defaults[key];
  if (shared) return {source: shared.source, value: shared.value, where: `defaults.${key} in ${shared.source}`};
  return key === 'fixed' ? undefined : builtinEarlier(key as JobSettingName);
}

const earlierOf = (sourced: Sourced<unknown> | undefined): Earlier | undefined => (sourced ? {source: sourced.source, value: sourced.value, where: sourced.source} : undefined);

export class SettingsMerge {
  readonly settings: PolicySettings = {audit: {}, defaults: {}, env: {remove: [], require: []}, fleet: {}, jobs: {}, locks: {}, redact: []};

  layer({file, layer, source}: PolicyLayer, issues: PolicyIssue[]): void {
    const {settings} = this;
    // Compared against what the earlier layers gave, never against this layer's own defaults.
    const defaults: Fields = {...settings.defaults};
    const jobs = Object.fromEntries(Object.entries(settings.jobs).map(([name, job]) => [name, {...job} as unknown as Fields]));
    const allowed = (path: string, value: unknown, earlier: Earlier | undefined) => {
      const refused = refusalOf(path, layer, value, earlier);
      if (refused) issues.push({message: refused, path});
      return refused === undefined;
    };

    for (const [key, value] of Object.entries(file.defaults ?? {})) {
      if (value !== undefined && allowed(`defaults.${key}`, value, effective(defaults, undefined, '', key))) (settings.defaults as Fields)[key] = {source, value};
    }

    for (const [name, job] of Object.entries(file.jobs ?? {})) this.job(name, job, source, (key, value) => allowed(`jobs.${name}.${key}`, value, effective(defaults, jobs[name], name, key)), issues);

    addAll(settings.env.remove, file.env?.remove, source);
    addAll(settings.env.require, file.env?.require, source);
    const dangerous = file.env?.removeDangerous;
    if (dangerous !== undefined && allowed('env.removeDangerous', dangerous, earlierOf(settings.env.removeDangerous))) settings.env.removeDangerous = {source, value: dangerous};

    addAll(settings.redact, file.redact, source);
    this.section('audit', file.audit, source, allowed);
    this.section('locks', file.locks, source, allowed);
    this.section('fleet', file.fleet, source, allowed);
    // Checked on what the layers give together, so the layer that makes the timing unsafe is named.
    if (file.fleet !== undefined || file.defaults?.killAfter !== undefined) issues.push(...fleetTimingIssues(settings));
  }

  // A section of single values (audit, locks, fleet): each field as the table allows, against what the earlier layers set.
  private section<K extends 'audit' | 'fleet' | 'locks'>(name: K, values: PolicyFile[K], source: Source, allowed: (path: string, value: unknown, earlier: Earlier | undefined) => boolean): void {
    const merged = this.settings[name] as Fields;
    for (const [key, value] of Object.entries(values ?? {})) {
      if (value !== undefined && allowed(`${name}.${key}`, value, earlierOf(merged[key]))) merged[key] = {source, value};
    }
  }

  private job(name: string, job: JobSettings, source: Source, allowed: (key: string, value: unknown) => boolean, issues: PolicyIssue[]): void {
    const merged = (this.settings.jobs[name] ??= {fixed: []});
    const fixed = new Map(merged.fixed.map((item) => [item.value, item.source]));
    const {fixed: newlyFixed, ...values} = job;
    for (const [key, value] of Object.entries(values) as Array<[keyof typeof values, unknown]>) {
      if (value === undefined) continue;
      const fixedBy = fixed.get(key);
      if (fixedBy !== undefined) {
        if (!same(merged[key]?.value, value)) issues.push({message: `${fixedBy} fixes this setting for job ${name}; a later layer cannot change it`, path: `jobs.${name}.${key}`});
      } else if (allowed(key, value)) {
        (merged as unknown as Record<string, Sourced<unknown>>)[key] = {source, value};
      }
    }

    if (newlyFixed !== undefined && allowed('fixed', newlyFixed)) addAll(merged.fixed, newlyFixed, source);
  }
}
