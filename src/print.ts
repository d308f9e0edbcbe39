// The one door through which guard writes its own text to stdout and stderr: error and
// warning lines, tables, CSV, JSON. Whatever passes here reaches a terminal with every
// control character spelled out (`\x1b`), so a program name, a reason or a captured output
// can neither retitle the terminal, clear it, move its cursor nor forge a line. The output a
// command writes during `guard run` does not pass here: it is the command's, byte for byte.

import {writeSync} from 'node:fs';
// C0 controls, DEL, C1 controls and the bidi marks and overrides (which reorder what is shown).
const controls = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const lineEnds = /\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// JSON.stringify escapes C0 controls itself but leaves DEL, C1 and the bidi marks raw.
const beyondC0 = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const named: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'};

function spelled(char: string): string {
  const code = char.codePointAt(0)!;
  return named[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * Text safe for a terminal, every control character shown as an escape. `keepLines` keeps
 * the layout of a text of several lines: newlines, CRLF line ends and tabs.
 */
export function escapeControls(text: string, keepLines = false): string {
  return keepLines ? text.replace(lineEnds, (match) => (match === '\r\n' ? match : spelled(match))) : text.replace(controls, spelled);
}

/** JSON text with every control character escaped (`\u001b`, `\u009b`), none raw. */
export function escapeJsonControls(json: string): string {
  return json.replace(beyondC0, (char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** A value as JSON text that no terminal acts on. */
export function jsonText(value: unknown, indent?: number): string {
  return escapeJsonControls(JSON.stringify(value, null, indent));
}

type Stream = 'stderr' | 'stdout';

const descriptors = {stderr: 2, stdout: 1} as const;
/** A stream whose reader is gone (EPIPE) or that is closed (EBADF): what guard would print there is dropped. */
const gone = {stderr: false, stdout: false};
/** A stream Node's own stream object writes to from now on, so that it keeps every later write in order. */
const streamed = {stderr: false, stdout: false};

/**
 * Writes straight to the descriptor, synchronously, as Node's stdio streams do on Linux
 * (files, terminals and pipes alike), without making one: Node builds the stream on first
 * use, which for `guard check` was a fifth of its start-up. When the reader has gone (`guard
 * history | head -1`) the rest of guard's text is dropped, its exit status unchanged; a full
 * non-blocking descriptor (EAGAIN) hands the rest, and every later write, to Node's stream,
 * which waits until it can write.
 */
function write(stream: Stream, text: string): void {
  if (gone[stream]) return;
  if (streamed[stream]) {
    process[stream].write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(descriptors[stream], bytes, done);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE' || code === 'EBADF') {
      gone[stream] = true;
      return;
    }
    if (code !== 'EAGAIN') throw error;
    streamed[stream] = true;
    process[stream].on('error', (streamError: NodeJS.ErrnoException) => {
      if (streamError.code !== 'EPIPE') throw streamError;
      gone[stream] = true;
    });
    process[stream].write(bytes.subarray(done));
  }
}

/**
 * guard's JSON output, the one way it is printed: indented by 2, or, where the contract
 * promises one line per record (`run --json`, `check --json`), on one line.
 */
export function printJson(stream: Stream, value: unknown, {oneLine = false}: {oneLine?: boolean} = {}): void {
  write(stream, `${jsonText(value, oneLine ? undefined : 2)}\n`);
}

/** Writes text of guard's own: its line ends and tabs are kept, every other control character spelled out. */
export function print(stream: Stream, text: string): void {
  write(stream, escapeControls(text, true));
}

/** Writes one line of guard's own: a newline or carriage return inside it is spelled out too. */
export function printLine(stream: Stream, line: string): void {
  write(stream, `${escapeControls(line)}\n`);
}

/** What a piece of guard's own text means, shown as a colour on a terminal that wants colour. */
export type Tone = 'bad' | 'dim' | 'good' | 'live' | 'warn';

/** A piece of text and, optionally, its tone. */
export interface Piece {
  text: string;
  tone?: Tone;
}

// The only escape sequences guard writes of its own: a foreground colour, then a reset.
const colours: Record<Tone, string> = {bad: '31', dim: '2', good: '32', live: '36', warn: '33'};

/**
 * Writes pieces of guard's own text, each spelled out as print() does; with `colour`, a
 * piece with a tone is wrapped in that tone's colour and a reset, nothing else raw.
 */
export function printPieces(stream: Stream, pieces: readonly Piece[], colour: boolean): void {
  const text = pieces.map(({text, tone}) => {
    const safe = escapeControls(text, true);
    return colour && tone && safe ? `\u001b[${colours[tone]}m${safe}\u001b[0m` : safe;
  });
  write(stream, text.join(''));
}
