// node:crypto brings some sixteen of Node's internal modules with it (~2 ms of CPU a start).
// guard needs it only now and then (a JS policy's data, a program's file, a cache file's
// temporary name, an unnamed lock, a retried run's group), so it is loaded on first use. The
// hash every run seals its row with is src/audit/chain.ts's, which does without it.
import type * as Crypto from 'node:crypto';
import {createRequire} from 'node:module';

let crypto: typeof Crypto | undefined;
const load = () => (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto);

/** A SHA-256 hash to update and digest. */
export const sha256 = (): Crypto.Hash => load().createHash('sha256');

/** An HMAC-SHA-256 of `data` under `key`, as hex. */
export const hmacSha256 = (key: Uint8Array, data: Uint8Array): string => load().createHmac('sha256', key).update(data).digest('hex');

/** `bytes` random bytes as hex, for names nobody may guess. */
export const randomHex = (bytes: number): string => load().randomBytes(bytes).toString('hex');

/** A random UUID (version 4). */
export const randomUuid = (): string => load().randomUUID();
