// The built-in layer, as merge needs it: the default policy and, for each built-in rule,
// its id, level, pack and who may lower it (the packs' own data).
import {defaultPolicy} from '../policy/defaults.js';
import type {BuiltinLayer} from '../policy/merge.js';
import {builtinRules} from '../policy/packs/index.js';

export function builtinLayer(): BuiltinLayer {
  const rules = builtinRules().map(({id, level, lowerable, overridable, pack, reason}) => ({id, level, lowering: overridable ? ('later' as const) : (lowerable ?? ('nobody' as const)), pack, reason}));
  return {policy: defaultPolicy(), rules};
}
