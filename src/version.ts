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

/** guard's own version, stored with every run so a row says which guard wrote it. */
export function guardVersion(): string {
  version ??= readVersion();
  return version;
}
