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

let build: string | undefined;

// dist/build.json, written by scripts/build.js: from dist/ or from the bundle in dist/fast/.
function readBuild(): string {
  for (const relative of ['./build.json', '../build.json']) {
    try {
      const {id} = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {id?: unknown};
      if (typeof id === 'string') return id;
    } catch {}
  }

  return 'unknown';
}

/** The hash of the sources this build was made from: what one build derived, another does not trust. */
export function buildId(): string {
  build ??= readBuild();
  return build;
}

/** guard's own version, stored with every run so a row says which guard wrote it. */
export function guardVersion(): string {
  version ??= readVersion();
  return version;
}
