// healthchecks.io keeps the first 10,000 bytes of a ping body by default (runitor sends
// as much): a bigger body would be cut where it matters least, at its end.
export const pingBodyLimit = 10_000;

/** What an end ping tells about the run; the text is already redacted by the caller. */
export interface PingReport {
  /** Why it did not run or failed, when the status alone does not say (a refusal, a busy lock). */
  error: string | null;
  stderr: string;
  stdout: string;
  /** One line: the job, how it ended, its run id. */
  summary: string;
}

/**
 * The body of an end ping: the summary and the error, then the end of stderr (where a
 * failing job says why), then the end of stdout with what room is left, within `limit`
 * bytes. Each part is cut at its start, so what is kept is the latest output.
 */
export function pingBody(report: PingReport, limit = pingBodyLimit): string {
  const head = [report.summary, ...(report.error ? [report.error] : [])].join('\n') + '\n';
  let room = limit - Buffer.byteLength(head);
  const parts = [head];
  for (const [name, text] of [['stderr', report.stderr], ['stdout', report.stdout]] as const) {
    if (text === '' || room <= 0) continue;
    const title = `--- ${name} ---\n`;
    const kept = cutTo(text, room - Buffer.byteLength(title));
    if (kept === '') continue;
    parts.push(title, kept);
    room -= Buffer.byteLength(title) + Buffer.byteLength(kept);
  }

  return cutTo(parts.join(''), limit, 'start');
}

// `text` within `limit` bytes, keeping its end (or its start), never half a character.
function cutTo(text: string, limit: number, keep: 'end' | 'start' = 'end'): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= limit) return text;
  if (limit <= 0) return '';
  const continues = (at: number) => ((bytes[at] ?? 0) & 0xc0) === 0x80;
  if (keep === 'start') {
    let end = limit;
    while (end > 0 && continues(end)) end--;
    return bytes.subarray(0, end).toString('utf8');
  }

  let start = bytes.length - limit;
  while (start < bytes.length && continues(start)) start++;
  return bytes.subarray(start).toString('utf8');
}
