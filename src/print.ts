// The one door through which guard writes its own text to stdout and stderr: error and
// warning lines, tables, CSV, JSON. Whatever passes here reaches a terminal with every
// control character spelled out (`\x1b`), so a program name, a reason or a captured output
// can neither retitle the terminal, clear it, move its cursor nor forge a line. The output a
// command writes during `guard run` does not pass here: it is the command's, byte for byte.

import {fstatSync, writeSync} from 'node:fs';
import {GuardError} from './errors.js';
import {exitStatus} from './exit-status.js';
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
/**
 * How guard writes to each: `direct` (a file or a terminal, which Node's stream would write
 * to synchronously too), `stream` (a pipe or a socket: Node's stream, which never blocks the
 * event loop on a reader that does not read), `gone` (its reader has gone, or it cannot be
 * written: what guard would print there is dropped, its exit status unchanged).
 */
const ways: Record<Stream, 'direct' | 'gone' | 'stream' | undefined> = {stderr: undefined, stdout: undefined};

function wayOf(stream: Stream): 'direct' | 'gone' | 'stream' {
  if (ways[stream] === undefined) {
    try {
      const stat = fstatSync(descriptors[stream]);
      ways[stream] = stat.isFile() || stat.isCharacterDevice() ? 'direct' : toStream(stream);
    } catch {
      ways[stream] = 'gone';
    }
  }

  return ways[stream];
}

/** Node's stream for it from now on, so that it keeps every later write in order; any error on it (EPIPE, ECONNRESET) is a reader gone. */
function toStream(stream: Stream): 'stream' {
  process[stream].on('error', () => {
    ways[stream] = 'gone';
  });
  return 'stream';
}

/**
 * Writes guard's own text. To a file or a terminal straight to the descriptor, without
 * making Node's stream, whose making was a fifth of `guard check`'s start-up; a terminal
 * made non-blocking that is full (EAGAIN) hands the rest, and every later write, to the
 * stream, which waits until it can write. When the reader has gone (`guard check … | head
 * -1`, `guard history | head`) the rest is dropped and the exit status stands.
 */
function write(stream: Stream, text: string): void {
  const way = wayOf(stream);
  if (way === 'gone') return;
  if (way === 'stream') {
    process[stream].write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(descriptors[stream], bytes, done);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EAGAIN') {
      ways[stream] = 'gone';
      // A full disk or an I/O error is not a reader gone: output left short fails, in one line
      // on stderr. On stderr itself there is nowhere left to say it.
      if (stream === 'stdout' && code !== 'EPIPE' && code !== 'EBADF') throw new GuardError(`cannot write to stdout: ${(error as Error).message}`, exitStatus.internal);
      return;
    }
    ways[stream] = toStream(stream);
    process[stream].write(bytes.subarray(done));
  }
}

/**
 * Whether everything guard wrote has reached its descriptor: nothing waits in Node's stream
 * for a pipe's reader. Only then may guard end with process.exit, which drops what waits.
 */
export function outputWritten(): boolean {
  return (['stdout', 'stderr'] as const).every((stream) => ways[stream] !== 'stream' || process[stream].writableLength === 0);
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

/** Lines of pieces (a table with its marks), each ended by a newline, as printPieces writes them. */
export function printPieceLines(stream: Stream, lines: readonly Piece[][], colour: boolean): void {
  printPieces(stream, lines.flatMap((line) => [...line, {text: '\n'}]), colour);
}
