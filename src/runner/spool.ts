import {closeSync, constants, ftruncateSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

// Pieces read back from the file, into one reused buffer.
const readPiece = 64 * 1024;

/**
 * An append-only log of bytes: in memory up to `memoryBytes`, then in a private temporary
 * file, so it can take any amount while guard's memory stays flat. The file is unlinked as
 * soon as it is open, so nothing is left behind however guard ends (even SIGKILL).
 * Appends are whole records: one that fails (no temporary folder, a full disk) is dropped
 * entirely, and so is every later one, so what was kept reads back intact.
 */
export class Spool {
  /** Why appends are refused, once one has failed. */
  failure: Error | null = null;
  private memory: Buffer | undefined;
  private used = 0;
  private file: number | undefined;
  private fileBytes = 0;

  constructor(private readonly memoryBytes: number) {}

  append(parts: readonly Buffer[]): boolean {
    if (this.failure) return false;
    const size = parts.reduce((sum, part) => sum + part.length, 0);
    // Once in the file, always in the file: reading back is memory, then file.
    if (this.file === undefined && this.used + size <= this.memoryBytes) {
      // Pages of the buffer become memory only as they are written.
      const memory = (this.memory ??= Buffer.allocUnsafeSlow(this.memoryBytes));
      for (const part of parts) this.used += part.copy(memory, this.used);
      return true;
    }

    let at = this.fileBytes;
    try {
      this.file ??= openPrivateFile();
      for (const part of parts) {
        for (let written = 0; written < part.length; ) {
          const wrote = writeSync(this.file, part, written, part.length - written, at);
          written += wrote;
          at += wrote;
        }
      }
    } catch (error) {
      this.failure = error as Error;
      if (this.file !== undefined && at > this.fileBytes) {
        try {
          ftruncateSync(this.file, this.fileBytes);
        } catch {}
      }

      return false;
    }

    this.fileBytes = at;
    return true;
  }

  /** Everything kept, in order; each piece is valid only until the next is asked for. */
  *pieces(): Generator<Buffer> {
    if (this.memory && this.used > 0) yield this.memory.subarray(0, this.used);
    if (this.file === undefined) return;
    const buffer = Buffer.allocUnsafeSlow(Math.min(readPiece, this.fileBytes));
    for (let at = 0; at < this.fileBytes; ) {
      const read = readSync(this.file, buffer, 0, Math.min(buffer.length, this.fileBytes - at), at);
      if (read === 0) return;
      at += read;
      yield buffer.subarray(0, read);
    }
  }

  free(): void {
    this.memory = undefined;
    this.used = 0;
    if (this.file !== undefined) closeSync(this.file);
    this.file = undefined;
    this.fileBytes = 0;
  }
}

/** A file only guard can reach: 0600, in a 0700 folder of its own, unlinked at once. */
function openPrivateFile(): number {
  const dir = mkdtempSync(join(tmpdir(), 'guard-held-'));
  try {
    const path = join(dir, 'output');
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600);
    unlinkSync(path);
    return fd;
  } finally {
    rmSync(dir, {force: true, recursive: true});
  }
}
