import {openBacklog, writeNow} from './backlog.js';
import {openSink} from './sink.js';

/** Writes to one of guard's outputs without blocking the event loop, so signals still reach guard. */
export interface Writer {
  /** Resolves once all of `data` is written (it may be reused then); rejects on a write error (EPIPE). One at a time. */
  write(data: Buffer): Promise<void>;
  /** Drops what is still queued and closes guard's own descriptor, if it opened one. */
  close(): void;
}

/** pump's way of writing (backlog.ts) as promises, for the replay of held output. */
export function openWriter(fd: number): Writer {
  const sink = openSink(fd);
  let owed = 0;
  let failure: Error | undefined;
  let settle: {resolve: () => void; reject: (error: Error) => void} | undefined;
  const backlog = openBacklog(sink, {
    took(bytes) {
      owed -= bytes;
      if (owed === 0) settle?.resolve();
    },
    failed(error) {
      failure = error;
      settle?.reject(error);
    },
  });
  return {
    async write(data) {
      if (failure) throw failure;
      // A pool sink may block: only the backlog writes to it, in the thread pool.
      const written = sink.kind === 'direct' ? writeNow(sink.fd, data) : 0;
      if (written === data.length) return;
      owed = data.length - written;
      await new Promise<void>((resolve, reject) => {
        settle = {reject, resolve};
        backlog.write(data.subarray(written));
      });
    },
    close: () => backlog.close(),
  };
}
