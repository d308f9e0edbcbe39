import {spawn} from 'node:child_process';
import {GuardError} from '../errors.js';
import {exitStatus} from '../exit-status.js';

// What flock(1) exits with when the lock stays busy (its `--conflict-exit-code`).
const busy = exitStatus.lockBusy;

/**
 * flock(2) on guard's own open file description, taken by util-linux flock(1) on an
 * inherited descriptor (Node has no flock). The kernel owns the lock: it is released when
 * the last process holding the descriptor ends, whatever killed it, with no clock and no
 * pid involved; and it conflicts with `flock` in shell scripts on the same file.
 */
export function flock(fd: number, waitMs: number, abort?: AbortSignal): Promise<'acquired' | 'busy'> {
  const args = waitMs > 0 ? ['--wait', String(waitMs / 1000)] : ['--nonblock'];
  return new Promise((resolve, reject) => {
    const helper = spawn('flock', [...args, '--exclusive', '--conflict-exit-code', String(busy), '3'], {
      signal: abort,
      stdio: ['ignore', 'ignore', 'pipe', fd],
    });
    let stderr = '';
    helper.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    helper.once('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') return resolve('busy');
      // A system without flock(1) is not set up for locking (configuration); any other failure to start it is I/O.
      if (error.code === 'ENOENT') reject(new GuardError('locking needs flock(1) from util-linux, which is not installed', exitStatus.policyInvalid));
      else reject(new GuardError(`flock: ${error.message}`, exitStatus.auditUnavailable));
    });
    helper.once('close', (code) => {
      if (code === 0) resolve('acquired');
      else if (code === busy) resolve('busy');
      else reject(new GuardError(`flock failed (status ${code}): ${stderr.trim()}`, exitStatus.auditUnavailable));
    });
  });
}
