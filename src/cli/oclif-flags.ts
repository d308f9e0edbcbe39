import {Flags, type Interfaces} from '@oclif/core';
import type {FlagSpec, FlagSpecs} from './flag-spec.js';

// The oclif flag each spec becomes, typed so a command's parsed flags keep their types.
type OclifFlag<S extends FlagSpec> = S extends {kind: 'boolean'}
  ? Interfaces.BooleanFlag<boolean>
  : S extends {options: ReadonlyArray<infer O>}
    ? Interfaces.OptionFlag<S extends {required: true} ? O : O | undefined>
    : Interfaces.OptionFlag<S extends {required: true} ? string : string | undefined>;

/** oclif's view of guard's flag data, for help and for the commands oclif dispatches. */
export function oclifFlags<const S extends FlagSpecs>(specs: S): {[K in keyof S]: OclifFlag<S[K]>} {
  const flags: Interfaces.FlagInput = {};
  for (const [name, spec] of Object.entries(specs)) {
    const summary = spec.default === undefined ? spec.summary : `${spec.summary} [default: ${spec.default}]`;
    const exclusive = spec.exclusive ? [...spec.exclusive] : undefined;
    flags[name] =
      spec.kind === 'boolean'
        ? Flags.boolean({exclusive, summary})
        : Flags.string({exclusive, helpValue: spec.helpValue, options: spec.options ? [...spec.options] : undefined, required: spec.required, summary});
  }

  return flags as {[K in keyof S]: OclifFlag<S[K]>};
}
