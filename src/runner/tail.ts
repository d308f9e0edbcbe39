/** Counts every byte of a stream and keeps only the last `limit` of them. */
export class Tail {
  bytes = 0;
  private chunks: Buffer[] = [];
  private kept = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.limit === 0) return;
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (this.chunks.length > 1 && this.kept - this.chunks[0]!.length >= this.limit) {
      this.kept -= this.chunks.shift()!.length;
    }
  }

  contents(): Buffer {
    const all = Buffer.concat(this.chunks, this.kept);
    return all.length > this.limit ? all.subarray(all.length - this.limit) : all;
  }
}
