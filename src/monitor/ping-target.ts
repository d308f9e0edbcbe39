import {UsageError} from '../errors.js';

/**
 * What a ping says, in the healthchecks.io convention: `start` before the command,
 * `success`, a failure carrying guard's exit status (1-255, which healthchecks reads as a
 * failure; `fail` when there is none), or `log` for an event that changes nothing.
 */
export type PingSignal = {kind: 'failure'; status: number | null} | {kind: 'log' | 'start' | 'success'};

/** The `--ping` URL, checked: http or https only, so a typo fails at once instead of every run. */
export function checkPingUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--ping: '${shown(text)}' is not a URL`);
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--ping: '${shown(text)}' is not an http or https URL`);
  }

  return url;
}

/** The URL a signal goes to: the base, `/start`, `/log`, `/<status>` or `/fail`, with the run id as `rid`. */
export function pingEndpoint(base: URL, signal: PingSignal, runId: string): URL {
  const url = new URL(base);
  const suffix = signal.kind === 'success' ? '' : signal.kind === 'failure' ? `/${signal.status ?? 'fail'}` : `/${signal.kind}`;
  url.pathname = url.pathname.replace(/\/+$/, '') + suffix;
  url.searchParams.set('rid', runId);
  return url;
}

/** A URL as guard prints it: without credentials or query (the run id is noise there). */
export function displayUrl(url: URL): string {
  const hidden = url.username || url.password ? '***@' : '';
  return `${url.protocol}//${hidden}${url.host}${url.pathname}`;
}

// A URL guard cannot use may still hold credentials: hide what comes before its `@`.
function shown(text: string): string {
  return text.replace(/[^/@]*@/, '***@');
}
