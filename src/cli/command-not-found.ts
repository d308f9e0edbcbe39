import type {Hook} from '@oclif/core';
import {UsageError} from '../errors.js';
import {exitStatusOf} from './lean.js';

// An unknown command is a usage error (64) told on one line through guard's log, not oclif's 70 and its own format.
const commandNotFound: Hook.CommandNotFound = async function ({id}) {
  process.exitCode = exitStatusOf(new UsageError(`unknown command ${id.replaceAll(':', ' ')}; see guard --help`));
};

export default commandNotFound;
