// node:crypto brings some sixteen of Node's internal modules with it. `guard check` digests
// only now and then (a JS policy's data, a program's file, a cache file's temporary name),
// so the paths it shares with a run load it on first use.
import type * as Crypto from 'node:crypto';
import {createRequire} from 'node:module';

let crypto: typeof Crypto | undefined;
const load = () => (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto);

/** A SHA-256 hash to update and digest. */
export const sha256 = (): Crypto.Hash => load().createHash('sha256');

/** `bytes` random bytes as hex, for names nobody may guess. */
export const randomHex = (bytes: number): string => load().randomBytes(bytes).toString('hex');
