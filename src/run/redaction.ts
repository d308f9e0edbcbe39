import {redactLogWith} from '../log.js';
import type {PolicySettings} from '../policy-files/index.js';
import {createRedactor, type Redactor} from '../redact/redactor.js';

/** The run's redactor, the policy's `redact` patterns on top of the built-in ones; guard's log lines use it from now on. */
export function runRedactor(settings: PolicySettings): Redactor {
  const redactor = createRedactor(settings.redact.map(({value}) => value));
  redactLogWith(redactor);
  return redactor;
}
