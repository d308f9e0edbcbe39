// The built-in layer, as merge needs it: the default policy and, for each built-in rule,
// its id, level, pack and whether a later layer may lower it (the packs' own data).
import {defaultPolicy} from '../policy/defaults.js';
import type {BuiltinLayer} from '../policy/merge.js';
import {builtinRules} from '../policy/packs/index.js';

export function builtinLayer(): BuiltinLayer {
  const rules = builtinRules().map(({id, level, overridable, pack, reason}) => ({id, level, overridable: overridable === true, pack, reason}));
  return {policy: defaultPolicy(), rules};
}
