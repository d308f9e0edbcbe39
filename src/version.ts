import {readFileSync} from 'node:fs';

let version: string | undefined;

/** guard's own version, stored with every run so a row says which guard wrote it. */
export function guardVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version;
  return version;
}
