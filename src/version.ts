import {readFileSync} from 'node:fs';

let version: string | undefined;

// From dist/ or from the bundle in dist/fast/: the package root is one or two levels up.
function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {name?: string; version?: string};
      if (manifest.name === 'guard' && manifest.version) return manifest.version;
    } catch {}
  }

  return 'unknown';
}

let build: Record<string, unknown> | undefined;

/** dist/build.json as bin/run.js already read it, on the lean path: not read twice. */
export function buildFrom(read: unknown): void {
  if (typeof read === 'object' && read !== null && !Array.isArray(read)) build = read as Record<string, unknown>;
}

// dist/build.json, written by scripts/build.js: from dist/ or from the bundle in dist/fast/.
function readBuild(field: 'id' | 'grammar' | 'lean' | 'packs'): string {
  if (!build) {
    build = {};
    for (const relative of ['./build.json', '../build.json']) {
      try {
        build = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as Record<string, unknown>;
        break;
      } catch {}
    }
  }

  const value = build[field];
  return typeof value === 'string' ? value : 'unknown';
}

/** The hash of the sources this build was made from: what one build derived, another does not trust. */
export function buildId(): string {
  return readBuild('id');
}

/**
 * Everything a decision's code is made of: the sources' hash, the grammar's, and the bundles'
 * (which hold the libraries they bundle, a glob matcher and a regex engine among them).
 * `unknown` for any this build lacks.
 */
export function buildParts(): string[] {
  return [readBuild('id'), readBuild('grammar'), readBuild('lean'), readBuild('packs')];
}

/** The hash of the bash grammar and the parser this build loads: trees one made, another does not trust. */
export function grammarId(): string {
  return readBuild('grammar');
}

// Written into the bundles of dist/fast by scripts/build.js; dist/ reads package.json.
declare const GUARD_VERSION: string | undefined;

/** guard's own version, stored with every run so a row says which guard wrote it. */
export function guardVersion(): string {
  version ??= typeof GUARD_VERSION === 'string' ? GUARD_VERSION : readVersion();
  return version;
}
