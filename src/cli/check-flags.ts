import {jsonFlag, policyFlag, type FlagSpecs} from './flag-spec.js';

export const checkFlags = {
  json: jsonFlag('print the decision as one JSON object on stdout'),
  policy: policyFlag,
  yes: {kind: 'boolean', summary: 'count rules of level confirm as accepted'},
} as const satisfies FlagSpecs;
