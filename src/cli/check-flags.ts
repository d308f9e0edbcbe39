import type {FlagSpecs} from './flag-spec.js';
import {runFlags} from './run-flags.js';

export const checkFlags = {
  json: {kind: 'boolean', summary: 'print the decision as one JSON object on stdout'},
  policy: runFlags.policy,
  yes: {kind: 'boolean', summary: 'count rules of level confirm as accepted'},
} as const satisfies FlagSpecs;
