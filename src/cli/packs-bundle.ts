// On the lean path the built-in rules are data (their ids, levels, reasons and what they
// match, written into the bundle by scripts/build.js) and their checks are code kept in a
// bundle of their own, dist/fast/packs.cjs: some 400 KB that `guard check -- true` never
// needs. bin/run.js gives the loader, which compiles that bundle through a code cache of its
// own the first time a command names a program one of those checks judges.
import type {BuiltinRule} from '../policy/types.js';

/** What dist/fast/packs.cjs exports: each pack's file, its top level run at the first call. */
export interface PacksBundle {
  modules: Record<string, () => Record<string, unknown>>;
}

let load: (() => PacksBundle) | undefined;

/** Called by bin/run.js once the lean bundle is loaded. */
export function packsFrom(loader: () => PacksBundle): void {
  load = loader;
}

/** The built-in rule of this id as its pack's own code defines it (`from`, a list `module` exports), checks and all. */
export function packRule(id: string, module: string, from: string): BuiltinRule {
  if (!load) throw new Error('the built-in rules were asked for their checks before bin/run.js gave their bundle');
  const rules = load().modules[module]?.()[from];
  const rule = Array.isArray(rules) ? (rules as BuiltinRule[]).find((candidate) => candidate.id === id) : undefined;
  if (!rule) throw new Error(`dist/fast/packs.cjs has no rule ${id} in ${module}.ts: the build is inconsistent; run npm run build`);
  return rule;
}
