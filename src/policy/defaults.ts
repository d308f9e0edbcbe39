// The policy guard uses when no policy file says otherwise: every pack on, nothing added.
// Built without zod or YAML so `guard check` and `guard run` stay fast without a policy file.
import {type PackName, type Policy, packNames} from './types.js';

export function defaultPolicy(): Policy {
  return {
    packs: Object.fromEntries(packNames.map((name) => [name, true])) as Record<PackName, boolean>,
    paths: {allow: [], protect: [], confine: null, sources: {}},
    rules: [],
    overrides: {},
  };
}
