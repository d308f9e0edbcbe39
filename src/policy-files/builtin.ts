// The built-in layer, as merge needs it: the default policy and, for each built-in rule,
// its id, level and whether a later layer may lower it.
import type {BuiltinLayer, BuiltinRuleInfo} from '../policy/merge.js';
import {packNames, type PackName, type Policy} from '../policy/types.js';

// Until the packs land: every pack on, protection by the engine's own path classes.
function defaultPolicy(): Policy {
  return {
    overrides: {},
    packs: Object.fromEntries(packNames.map((name) => [name, true])) as Record<PackName, boolean>,
    paths: {allow: [], confine: null, protect: [], sources: {}},
    rules: [],
  };
}

const builtinRules: readonly BuiltinRuleInfo[] = [];

export function builtinLayer(): BuiltinLayer {
  return {policy: defaultPolicy(), rules: builtinRules};
}
