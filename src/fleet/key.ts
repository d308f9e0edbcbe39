import {createHash} from 'node:crypto';

/**
 * The advisory-lock key of a fleet lock: the first 8 bytes of sha256("guard-lock\0" + name)
 * as a signed 64-bit integer. Computed here rather than by the server's hashtext(), whose
 * values may change between PostgreSQL versions, so every host and every version agree.
 */
export function fleetLockKey(name: string): bigint {
  return createHash('sha256').update(`guard-lock\0${name}`).digest().readBigInt64BE(0);
}
