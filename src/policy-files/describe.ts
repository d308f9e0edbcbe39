// The effective policy as `guard policy show` presents it: every part beside the layer it
// came from. Plain data; the command turns it into a table or JSON.
import type {BuiltinRuleInfo, LayerName, PolicySettings} from '../policy/merge.js';
import type {BuiltinPackName, CommandMatch, Level, PackName, Source} from '../policy/types.js';
import type {LayerInfo, LoadedPolicy} from './index.js';

export interface RuleView {
  alternative?: string;
  id: string;
  /** The effective level, after every layer's overrides. */
  level: Level | 'off';
  /** Only these layers may lower it (a built-in rule such as script.unreadable). */
  lowerableBy?: LayerName[];
  match?: CommandMatch;
  overridable?: boolean;
  /** Who changed its level last, when a later layer did. */
  overriddenBy?: Source;
  /** That layer's reason: what warnings, refusals and `check` say instead of `reason`. */
  overrideReason?: string;
  pack?: BuiltinPackName;
  reason?: string;
  source: Source;
}

export interface PolicyView {
  layers: LayerInfo[];
  overrides: LoadedPolicy['policy']['overrides'];
  packs: Record<PackName, {on: boolean; source: Source}>;
  paths: {
    /** Each allow glob with the layers whose protected paths it carves out of. */
    allow: Array<{carvesOutOf: Source[]; glob: string; source: Source}>;
    confine: Array<{root: string; source: Source}> | null;
    protect: Array<{glob: string; source: Source}>;
  };
  rules: RuleView[];
  /** Durations in milliseconds, sizes in bytes. */
  settings: PolicySettings;
}

export function describePolicy(loaded: LoadedPolicy, builtinRules: readonly BuiltinRuleInfo[]): PolicyView {
  const {policy} = loaded;
  const sourceOf = (glob: string) => policy.paths.sources[glob] ?? 'built-in';
  const builtin = builtinRules.map((rule): RuleView => {
    const override = policy.overrides[rule.id];
    return {
      id: rule.id,
      level: override?.level ?? rule.level,
      overridable: rule.lowering === 'later',
      ...(rule.lowering === 'machine' ? {lowerableBy: ['system', 'user'] as LayerName[]} : {}),
      ...(override ? {overriddenBy: override.source} : {}),
      ...(override?.reason === undefined ? {} : {overrideReason: override.reason}),
      ...(rule.pack ? {pack: rule.pack} : {}),
      ...(rule.reason ? {reason: rule.reason} : {}),
      source: 'built-in',
    };
  });
  const fromFiles = policy.rules.map((rule): RuleView => {
    const override = policy.overrides[rule.id];
    const later = override && override.source !== rule.source;
    return {...rule, ...(later ? {overriddenBy: override.source} : {}), ...(later && override.reason !== undefined ? {overrideReason: override.reason} : {})};
  });
  // A file rule a later layer lifted is gone from `rules`; it still belongs in the picture.
  const lifted = loaded.lifted.map((rule): RuleView => ({...rule, level: 'off', overriddenBy: policy.overrides[rule.id]?.source ?? rule.source}));
  const packs = Object.fromEntries(Object.entries(policy.packs).map(([name, on]) => [name, {on, source: loaded.packSources[name as PackName]}])) as PolicyView['packs'];
  const carves = new Map<string, Source[]>();
  for (const scope of policy.paths.scopes ?? [{allow: policy.paths.allow, protect: [], source: 'built-in'}]) {
    for (const glob of scope.allow) carves.set(glob, [...(carves.get(glob) ?? []), scope.source]);
  }
  return {
    layers: loaded.layers,
    overrides: policy.overrides,
    packs,
    paths: {
      allow: [...carves].map(([glob, carvesOutOf]) => ({carvesOutOf, glob, source: sourceOf(glob)})),
      confine: policy.paths.confine ? policy.paths.confine.map((root) => ({root, source: sourceOf(root)})) : null,
      protect: policy.paths.protect.map((glob) => ({glob, source: sourceOf(glob)})),
    },
    rules: [...builtin, ...fromFiles, ...lifted],
    settings: loaded.settings,
  };
}
