import {Flags, type Interfaces} from '@oclif/core';
import type {FlagSpecs} from './flag-spec.js';

/** oclif's view of guard's flag data, for help and for the commands oclif dispatches. */
export function oclifFlags(specs: FlagSpecs) {
  const flags: Interfaces.FlagInput = {};
  for (const [name, spec] of Object.entries(specs)) {
    const summary = spec.default === undefined ? spec.summary : `${spec.summary} [default: ${spec.default}]`;
    flags[name] =
      spec.kind === 'boolean'
        ? Flags.boolean({summary})
        : Flags.string({helpValue: spec.helpValue, summary});
  }

  return flags;
}
