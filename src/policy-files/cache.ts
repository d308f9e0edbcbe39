// Validated policy files, cached in the state folder so that a run whose policy has not
// changed loads neither a YAML parser nor the schema. A data file's entry is keyed by what
// fstat says of the checked descriptor (path, size, mtime, ctime, inode, owner, mode), and
// the whole cache by guard's version and build (a hash of its sources: a schema or pattern
// engine changed under one version number never inherits another build's verdict); a JS
// policy is code, so it runs every time and only the validation of what it exported is
// skipped, keyed by a digest of that data. The file is private (0600, in a folder only its
// owner can write) and replaced atomically; anything odd about it makes it a miss, never an
// error.
import type {Stats} from 'node:fs';
import {join} from 'node:path';
import type {PolicyFile} from '../policy/schema.js';
import {sha256} from '../digest.js';
import {stateDir} from '../paths.js';
import {readPrivate, writePrivate} from '../private-file.js';
import {buildId, guardVersion} from '../version.js';
import type {Env, PolicyFormat} from './discover.js';

const name = 'policy-cache.json';
const kept = 64;
const largestCache = 16 * 1024 * 1024;

interface Entry {
  file: PolicyFile;
  key: string;
  /** When the entry was written (ms), to keep the newest when trimming. */
  at: number;
}

interface CacheContent {
  entries: Record<string, Entry>;
  guard: string;
  version: 1;
}

/** The key of a data file: everything that changes when its content or its safety could. */
export function statKey(realPath: string, format: PolicyFormat, stat: Stats): string {
  const {size, mtimeMs, ctimeMs, ino, dev, uid, gid, mode} = stat;
  return JSON.stringify(['stat', realPath, format, size, mtimeMs, ctimeMs, ino, dev, uid, gid, mode]);
}

/** The key of a JS policy's output: a digest of the data it exported. */
export function dataKey(realPath: string, data: unknown): string {
  return JSON.stringify(['data', realPath, sha256().update(JSON.stringify(data) ?? 'undefined').digest('hex')]);
}

export class PolicyCache {
  private content: CacheContent | undefined;
  private dirty = false;
  readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, name);
  }

  static in(env: Env): PolicyCache {
    return new PolicyCache(stateDir(env));
  }

  private read(): CacheContent {
    if (this.content) return this.content;
    this.content = {entries: {}, guard: `${guardVersion()}+${buildId()}`, version: 1};
    // Its entries carry their own times: the file's is not touched.
    const bytes = readPrivate(this.dir, name, largestCache, false);
    try {
      const parsed = bytes && (JSON.parse(bytes.toString('utf8')) as Partial<CacheContent>);
      if (parsed && parsed.version === 1 && parsed.guard === `${guardVersion()}+${buildId()}` && typeof parsed.entries === 'object' && parsed.entries) {
        this.content.entries = parsed.entries;
      }
    } catch {}

    return this.content;
  }

  /** The validated file stored under `key`, if any. */
  get(realPath: string, key: string): PolicyFile | undefined {
    const entry = this.read().entries[realPath];
    return entry?.key === key ? entry.file : undefined;
  }

  set(realPath: string, key: string, file: PolicyFile): void {
    this.read().entries[realPath] = {at: Date.now(), file, key};
    this.dirty = true;
  }

  /** Writes the cache when something changed: temp file (0600, O_EXCL) then rename. Failures are ignored. */
  save(): void {
    if (!this.dirty) return;
    const content = this.read();
    const newest = Object.entries(content.entries).sort(([, a], [, b]) => b.at - a.at).slice(0, kept);
    const text = JSON.stringify({...content, entries: Object.fromEntries(newest)});
    if (writePrivate(this.dir, name, [Buffer.from(text)]) !== undefined) this.dirty = false;
  }
}
