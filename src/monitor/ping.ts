import {request as httpRequest} from 'node:http';
import {request as httpsRequest} from 'node:https';
import {randomUuid} from '../digest.js';
import {pause} from '../duration.js';
import {log} from '../log.js';
import {guardVersion} from '../version.js';
import {displayUrl, pingEndpoint, type PingSignal} from './ping-target.js';

/**
 * How long pings may take. A monitor must never cost the run it watches: each try gets
 * `tryMs`, a failed one is retried `retries` times after a short pause (growing by
 * `pauseMs`), and after the command has ended guard waits at most `endBoundMs` for its
 * pings, whatever the network does, before it exits with the run's status.
 */
export const pingTiming = {endBoundMs: 5000, pauseMs: 300, retries: 2, tryMs: 2000};

export interface Pinger {
  /** Sends the start ping and returns at once: the command does not wait for it. */
  start(): void;
  /** Sends the end ping once the start ping has settled; resolves within `endBoundMs`. */
  end(signal: PingSignal, body: string): Promise<void>;
}

type Try = {ok: true} | {ok: false; reason: string; retry: boolean};

// Answers worth another try, as runitor and curl --retry treat them.
const transient = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Pings in the healthchecks.io convention for one run: `base/start`, then `base`,
 * `base/<status>` or `base/log`, all with the same `rid` so the server pairs them. A
 * ping that fails is one warning line; it never changes the run's status.
 */
export function pinger(base: URL, timing = pingTiming): Pinger {
  const runId = randomUuid();
  // Aborted when guard stops waiting: every request still open is dropped with it.
  const giveUp = new AbortController();
  let ending = false;
  let started = Promise.resolve();
  const send = async (signal: PingSignal, body: string) => {
    const url = pingEndpoint(base, signal, runId);
    let failure: Try = {ok: false, reason: '', retry: false};
    for (let tries = 1; ; tries++) {
      failure = await post(url, body, giveUp.signal, timing.tryMs);
      // Once the run has ended, the start ping gets no more tries: the end ping matters more.
      if (failure.ok || !failure.retry || tries > timing.retries || giveUp.signal.aborted || (signal.kind === 'start' && ending)) break;
      await pause(timing.pauseMs * tries, giveUp.signal);
    }

    if (failure.ok) return;
    const reason = giveUp.signal.aborted ? `no answer within the ${timing.endBoundMs / 1000}s guard waits for pings after a run` : failure.reason;
    log().warn(`ping to ${displayUrl(url)} failed: ${reason}`);
  };

  return {
    start() {
      started = send({kind: 'start'}, '');
    },
    async end(signal, body) {
      ending = true;
      const bound = setTimeout(() => giveUp.abort(), timing.endBoundMs);
      try {
        await started;
        await send(signal, body);
      } finally {
        clearTimeout(bound);
      }
    },
  };
}

/** One try: a POST (healthchecks stores a POST's body) that settles, never throws. */
function post(url: URL, body: string, giveUp: AbortSignal, tryMs: number): Promise<Try> {
  if (giveUp.aborted) return Promise.resolve({ok: false, reason: 'aborted', retry: false});
  return new Promise((resolve) => {
    const payload = Buffer.from(body);
    const timeout = AbortSignal.timeout(tryMs);
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      // A fresh connection, closed after the answer: nothing stays open to hold guard's exit.
      agent: false,
      headers: {'content-length': payload.length, 'content-type': 'text/plain; charset=utf-8', 'user-agent': `guard/${guardVersion()}`},
      method: 'POST',
      signal: AbortSignal.any([giveUp, timeout]),
    });
    request.on('response', (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) resolve({ok: true});
      else resolve({ok: false, reason: `answered ${status} ${response.statusMessage ?? ''}`.trim(), retry: transient.has(status)});
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const timedOut = timeout.aborted && !giveUp.aborted;
      resolve({ok: false, reason: timedOut ? `no answer within ${tryMs / 1000}s` : error.message, retry: true});
    });
    request.end(payload);
  });
}

