// Layers in order (built-in ← system ← user ← project) → the policy evaluation uses, with
// where each part came from. A later layer adds rules and tightens; what it may do beyond
// that is the ownership table's to say (ownership.ts), and any attempt to do more is an
// error naming the file, the field and why: a repository cannot disarm the machine.
import {SettingsMerge} from './merge-settings.js';
import {mayLower, refusalOf, type Lowering} from './ownership.js';
import {PolicyInvalid, type PolicyIssue} from './schema-errors.js';
import type {PolicyFile, PolicyFileRule} from './schema.js';
import type {LayerName, PolicyLayer, PolicySettings} from './settings-types.js';
import {packNames, type BuiltinPackName, type Level, type PackName, type Policy, type ProtectScope, type Rule, type Source} from './types.js';

export type {LayerName, PolicyLayer, PolicySettings, Sourced} from './settings-types.js';

/** What merge needs to know of a built-in rule (taken from the packs by the caller). */
export interface BuiltinRuleInfo {
  id: string;
  level: Level;
  /** Who may take it below its level: any later layer (`overridable`), the system and user layers, or nobody. */
  lowering: Lowering;
  /** For `policy show`. */
  pack?: BuiltinPackName;
  reason?: string;
}

export interface BuiltinLayer {
  policy: Policy;
  rules: readonly BuiltinRuleInfo[];
}

export interface MergedPolicy {
  /** Rules of policy files that a later layer lifted (level off): not in `policy.rules`, kept for `policy show`. */
  lifted: Array<Rule & {source: Source}>;
  /** Which layer last turned each pack on or off. */
  packSources: Record<PackName, Source>;
  policy: Policy;
  settings: PolicySettings;
}

const rank = {confirm: 2, deny: 3, off: 0, warn: 1} as const;
type Stance = Level | 'off';

interface RuleState {
  definedBy: Source;
  /** No later layer may go below this level, save as `lowering` allows: the strongest one a layer set without `overridable`. */
  floor: Stance;
  floorSource: Source;
  lowering: Lowering;
  level: Stance;
  /** A rule from a policy file (a built-in one lives in the packs). */
  rule?: Rule & {source: Source};
}

class Merge {
  readonly packs: Record<PackName, boolean>;
  readonly packSources: Record<PackName, Source>;
  readonly states = new Map<string, RuleState>();
  readonly overrides: Policy['overrides'] = {};
  readonly scopes: ProtectScope[];
  readonly systemAllow: string[] = [];
  readonly sources: Record<string, Source>;
  confine: {roots: string[]; source: Source} | null;

  constructor(builtin: BuiltinLayer) {
    const base = builtin.policy;
    this.packs = {...base.packs};
    this.packSources = Object.fromEntries(packNames.map((name) => [name, 'built-in'])) as Record<PackName, Source>;
    for (const rule of builtin.rules) {
      this.states.set(rule.id, {definedBy: 'built-in', floor: rule.lowering === 'later' ? 'off' : rule.level, floorSource: 'built-in', level: rule.level, lowering: rule.lowering});
    }

    for (const rule of base.rules) this.states.set(rule.id, {definedBy: rule.source, floor: rule.overridable ? 'off' : rule.level, floorSource: rule.source, level: rule.level, lowering: rule.overridable ? 'later' : 'nobody', rule});
    Object.assign(this.overrides, base.overrides);
    this.scopes = base.paths.scopes ? base.paths.scopes.map((scope) => ({...scope, allow: [...scope.allow], protect: [...scope.protect]})) : [{allow: [...base.paths.allow], protect: [...base.paths.protect], source: 'built-in'}];
    this.sources = {...base.paths.sources};
    this.confine = base.paths.confine ? {roots: [...base.paths.confine], source: base.paths.sources[base.paths.confine[0]!] ?? 'built-in'} : null;
  }

  layer({file, layer, source}: PolicyLayer, issues: PolicyIssue[]): void {
    for (const [name, on] of Object.entries(file.packs ?? {}) as Array<[PackName, boolean | undefined]>) {
      if (on === undefined) continue;
      const refused = refusalOf(`packs.${name}`, layer, on);
      if (refused) {
        issues.push({message: refused, path: `packs.${name}`});
        continue;
      }

      this.packs[name] = on;
      this.packSources[name] = source;
    }

    for (const [index, rule] of (file.rules ?? []).entries()) this.rule(rule, index, layer, source, issues);
    this.paths(file, layer, source, issues);
  }

  rule(rule: PolicyFileRule, index: number, layer: LayerName, source: Source, issues: PolicyIssue[]): void {
    const at = `rules[${index}]`;
    const marked = refusalOf(`${at}.overridable`, layer, rule.overridable);
    if (marked) {
      issues.push({message: marked, path: `${at}.overridable`});
      return;
    }

    const state = this.states.get(rule.id);
    if (!state) {
      if (rule.level === 'off') issues.push({message: `off lifts an earlier layer's rule, and no earlier layer defines ${rule.id}`, path: `${at}.level`});
      else if (!rule.match) issues.push({message: `no earlier layer defines rule ${rule.id}, so it needs a match`, path: at});
      else {
        const {match, overridable, alternative, id, level, reason} = rule;
        const defined: Rule & {source: Source} = {id, level, match, reason, source, ...(alternative ? {alternative} : {}), ...(overridable === undefined ? {} : {overridable})};
        this.states.set(id, {definedBy: source, floor: overridable ? 'off' : level, floorSource: source, level, lowering: overridable ? 'later' : 'nobody', rule: defined});
      }

      return;
    }

    if (rule.match) {
      issues.push({message: `rule ${rule.id} is defined by ${state.definedBy}; to change its level, leave out match (a later layer cannot redefine it)`, path: `${at}.match`});
      return;
    }

    const below = rank[rule.level] < rank[state.floor];
    if (below && !mayLower(state.lowering, layer)) {
      const verb = rule.level === 'off' ? 'lift' : 'lower';
      const why = state.lowering === 'machine' ? `; only the system or user policy may ${verb} it` : ' and does not mark it overridable';
      issues.push({message: `cannot ${verb} rule ${rule.id} to ${rule.level}: ${state.floorSource} sets it to ${state.floor}${why}`, path: `${at}.level`});
      return;
    }

    const tightens = rank[rule.level] >= rank[state.level];
    if (below) {
      // Lowered as the machine may: the new level is the floor a project cannot go under.
      state.floor = rule.overridable ? 'off' : rule.level;
      state.floorSource = source;
      if (rule.overridable) state.lowering = 'later';
    } else if (rule.overridable !== true && (tightens || rule.overridable === false) && rank[rule.level] > rank[state.floor]) {
      state.floor = rule.level;
      state.floorSource = source;
      if (state.lowering === 'later') state.lowering = 'nobody';
    }

    state.level = rule.level;
    // The layer that set the level says why in its own words: its reason is the one printed.
    this.overrides[rule.id] = {level: rule.level, reason: rule.reason, source};
  }

  paths(file: PolicyFile, layer: LayerName, source: Source, issues: PolicyIssue[]): void {
    const {allow = [], confine, protect = []} = file.paths ?? {};
    for (const glob of [...protect, ...allow, ...(confine ?? [])]) this.sources[glob] ??= source;
    // The system policy speaks for the machine: its allow carves out of every layer's protected
    // paths (built-in ones included). Any other layer's allow carves only out of its own.
    if (layer === 'system') this.systemAllow.push(...allow);
    if (protect.length > 0 || (allow.length > 0 && layer !== 'system')) this.scopes.push({allow: [...allow], protect: [...protect], source});
    if (confine === undefined) return;

    for (const [index, root] of confine.entries()) {
      const refused = this.confine && refusalOf(`paths.confine[${index}]`, layer, root, {value: this.confine.roots, where: this.confine.source});
      if (refused) issues.push({message: refused, path: `paths.confine[${index}]`});
    }

    this.confine = {roots: [...confine], source};
  }

  lifted(): Array<Rule & {source: Source}> {
    return [...this.states.values()].flatMap((state) => (state.rule && state.level === 'off' ? [state.rule] : []));
  }

  policy(): Policy {
    const rules: Policy['rules'] = [];
    for (const state of this.states.values()) {
      if (state.rule && state.level !== 'off') rules.push({...state.rule, level: state.level});
    }

    const scopes = this.scopes.map((scope) => ({...scope, allow: [...new Set([...scope.allow, ...this.systemAllow])]}));
    return {
      overrides: this.overrides,
      packs: this.packs,
      paths: {
        allow: scopes[0]!.allow,
        confine: this.confine ? this.confine.roots : null,
        protect: [...new Set(this.scopes.flatMap((scope) => scope.protect))],
        scopes,
        sources: this.sources,
      },
      rules,
    };
  }
}

/**
 * Merges validated layers over the built-in one. Throws PolicyInvalid naming the first
 * layer that breaks a rule of layering, with every issue found in it.
 */
export function mergeLayers(builtin: BuiltinLayer, layers: readonly PolicyLayer[]): MergedPolicy {
  const merge = new Merge(builtin);
  const settings = new SettingsMerge();
  for (const layer of layers) {
    const issues: PolicyIssue[] = [];
    merge.layer(layer, issues);
    settings.layer(layer, issues);
    if (issues.length > 0) throw new PolicyInvalid(layer.source, issues);
  }

  return {lifted: merge.lifted(), packSources: merge.packSources, policy: merge.policy(), settings: settings.settings};
}
