// Parsed code kept in the state folder: a run that checks the same script as an earlier run
// (a cron job's, every time) neither loads the bash grammar's WebAssembly nor parses, which
// was most of what a long script cost. One file per text, named by a hash of the text, of
// this build and of the grammar, so a tree is only ever read back for the code it was made
// from by the parser that made it. A tree decides what guard lets run: the file is read only
// when it is a regular file of this user's, private (0600), in a folder no one else may
// write, opened without following a symlink, and when its content hashes to what its header
// says; anything odd is a miss, never an error. Writing is best effort, at most
// `writtenPerRun` trees a run, and keeps about the newest `kept` files.
import {sha256} from '../digest.js';
import {type PackedTree, type ParseCache, type ParseError, type Parsed, packTree, unpackTree} from '../shell/tree.js';
import {buildId, grammarId} from '../version.js';
import {canKeepFiles, readPrivate, trimFolder, writePrivate} from '../private-file.js';

interface Header {
  v: 1;
  key: string;
  types: string[];
  fields: string[];
  error: ParseError | null;
  nodes: number;
  sum: string;
}

const kept = 256;
/** Trees one run writes at most: code that evals a new string at every call must not churn the cache (and evict a cron job's tree). */
const writtenPerRun = 32;
const largest = 64 * 1024 * 1024;
const suffix = '.tree';

export class TreeCache implements ParseCache {
  /** Texts met in this process: a walk started again (a module to load) does not read twice. */
  private readonly met = new Map<string, Parsed>();
  private written = 0;

  constructor(readonly dir: string) {}

  /** The tree of `text` an earlier run parsed, if one is here and sound. */
  get(text: string): Parsed | undefined {
    const met = this.met.get(text);
    if (met || !canKeepFiles()) return met;
    const key = keyOf(text);
    const parsed = this.read(key, text);
    if (parsed) this.met.set(text, parsed);
    return parsed;
  }

  /** Keeps the tree of `text` for later runs. */
  put(text: string, parsed: Parsed): void {
    this.met.set(text, parsed);
    if (!canKeepFiles() || this.written >= writtenPerRun) return;
    const key = keyOf(text);
    const packed = packTree(parsed.root);
    const body = Buffer.from(packed.nodes.buffer, packed.nodes.byteOffset, packed.nodes.byteLength);
    const header: Header = {v: 1, key, types: packed.types, fields: packed.fields, error: parsed.error ?? null, nodes: packed.nodes.length, sum: sha256().update(body).digest('hex')};
    const head = Buffer.from(`${JSON.stringify(header)}\n`);
    // The numbers start at a multiple of four, to be read in place.
    const padded = Buffer.alloc((head.length + 3) & ~3, 0x20);
    head.copy(padded);
    if (padded.length + body.length > largest) return;
    const file = writePrivate(this.dir, `${key.slice(0, 40)}${suffix}`, [padded, body]);
    // The folder is listed once a run, at its first write.
    if (file !== undefined && this.written++ === 0) trimFolder(this.dir, suffix, kept, file);
  }

  private read(key: string, text: string): Parsed | undefined {
    const bytes = readPrivate(this.dir, `${key.slice(0, 40)}${suffix}`, largest);
    try {
      return bytes && decode(bytes, key, text);
    } catch {
      return undefined;
    }
  }
}

function keyOf(text: string): string {
  return sha256().update(`tree\0${buildId()}\0${grammarId()}\0${process.arch}\0`).update(text).digest('hex');
}

function decode(bytes: Buffer, key: string, text: string): Parsed | undefined {
  const end = bytes.indexOf(0x0a);
  if (end < 0) return undefined;
  const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Partial<Header>;
  const start = (end + 1 + 3) & ~3;
  const body = bytes.subarray(start);
  if (header.v !== 1 || header.key !== key || typeof header.nodes !== 'number' || body.length !== header.nodes * 4) return undefined;
  if (!Array.isArray(header.types) || !Array.isArray(header.fields) || !header.types.every(isString) || !header.fields.every(isString)) return undefined;
  if (!soundError(header.error)) return undefined;
  if (header.sum !== sha256().update(body).digest('hex')) return undefined;
  // Buffer.allocUnsafe may hand out a slice of a shared pool: copied, the numbers are aligned.
  const nodes = body.byteOffset % 4 === 0 ? new Int32Array(body.buffer, body.byteOffset, header.nodes) : new Int32Array(new Uint8Array(body).buffer);
  const packed: PackedTree = {types: header.types, fields: header.fields, nodes};
  const root = unpackTree(packed, text);
  return root ? {root, error: header.error ?? undefined} : undefined;
}

const isString = (value: unknown): value is string => typeof value === 'string';

function soundError(error: unknown): error is ParseError | null {
  if (error === null) return true;
  if (typeof error !== 'object' || error === undefined) return false;
  const {message, row, column} = error as Record<string, unknown>;
  return typeof message === 'string' && Number.isInteger(row) && Number.isInteger(column);
}
