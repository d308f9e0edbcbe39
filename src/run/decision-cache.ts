// Decisions kept in the state folder, for a run that decides the same command again (a cron
// job's script, every time): walking a long script and judging each of its commands costs
// more than all the rest of a check. A decision is a function of what the run says (argv,
// working folder, environment, user, home, policy, this build) and of what the analysis asked
// the machine: which scripts it read and what they hold, where each path leads, what a
// program file really is, what a glob matches. The first part names the file; the second is
// kept in it, every question with its answer, and a later run asks each question again: one
// answer that differs, and the decision is made afresh. A decision that read the time (a
// date already past) holds only then, and is never kept.
//
// Only a clean allow is kept, and only of a walk of many commands: a short command costs less
// to decide again than to read back, and a refusal or a warning quotes the command's words,
// secrets included, which are not written to disk. Nor is the environment or a script's
// text: the file holds a SHA-256 of what names it and of every answer.
//
// A kept decision says what guard lets run, so it is trusted as a parsed tree is
// (src/private-file.ts): a private file of this user's in a private folder, written
// atomically; and it is sealed (an HMAC) under a key bound to a file of the folder's own
// (sealKey), so that a decision planted by a command guard let run is a miss. Anything odd
// is a miss, never an error.
import {hmacSha256, randomHex, sha256} from '../digest.js';
import {canKeepFiles, readPrivate, readStamped, trimFolder, writePrivate} from '../private-file.js';
import type {FileReader} from '../inspect/files.js';
import type {Decision, GuardFile, ResolvedPath} from '../policy/types.js';
import type {ScriptFile} from '../inspect/script-file.js';
import {buildParts} from '../version.js';

/** A decision with the programs its command starts, as decide() returns it. */
type RunDecision = Decision & {programs: string[]};

/** Everything a decision asks of the machine. Each method is a function of its arguments and the machine alone. */
export interface Machine {
  files: FileReader;
  resolvePath(path: string, cwd: string): ResolvedPath;
  readFile(path: string): {text: string} | {problem: string};
  /** The script file the command's words run, if any (src/inspect/script-file.ts). */
  scriptFile(): ScriptFile | undefined;
  /** A folder's device and inode, or undefined when it is none. */
  folder(path: string): string | undefined;
}

/** Each question a decision may ask, asked again of a machine with the arguments it was asked with. */
const questions = {
  script: (machine, [path]) => machine.files.script(path as string),
  isShellScript: (machine, [path]) => machine.files.isShellScript(path as string),
  identify: (machine, [path]) => machine.files.identify(path as string),
  glob: (machine, [pattern, cwd]) => machine.files.glob(pattern as string, cwd as string),
  // The optional last argument is kept as null.
  addedToPath: (machine, [name, searchPath, cwd, milder]) => machine.files.addedToPath(name as string, searchPath as string, cwd as string, (milder as boolean | null) ?? undefined),
  resolvePath: (machine, [path, cwd]) => machine.resolvePath(path as string, cwd as string),
  readFile: (machine, [path]) => machine.readFile(path as string),
  scriptFile: (machine) => machine.scriptFile(),
  folder: (machine, [path]) => machine.folder(path as string),
} satisfies Record<string, (machine: Machine, args: unknown[]) => unknown>;

type Question = keyof typeof questions;

/** An answer's JSON, as the journal holds it while the walk lasts. */
const answerOf = (value: unknown): string => (value === undefined ? 'undefined' : plainJson(value));

/**
 * An answer as a file keeps it: a hash of its JSON (a short script's text may hold a password
 * too). Hashed only when a decision is kept or read back, so a short command loads no hash library.
 */
const keptAnswer = (json: string): string => digest(json);

/** JSON of plain data only: a Map, Set, RegExp or function would be written as `{}` and tell nothing apart. */
function plainJson(value: unknown): string {
  return JSON.stringify(value, (_key, each: unknown) => {
    if (typeof each === 'function' || typeof each === 'bigint' || each instanceof Map || each instanceof Set || each instanceof RegExp) throw new TypeError('not plain data');
    return each;
  });
}

/** The questions an analysis asked, each with its answer's JSON, in the order first asked. */
export class Journal {
  readonly asked = new Map<string, string>();
  /**
   * Set when an answer could not be kept, or when one question had two answers in one walk (a
   * file that changed between two reads): the decision is not kept either.
   */
  unsound = false;

  /** `machine`, every question asked of it written down. */
  record(machine: Machine): Machine {
    const note = (question: Question, args: unknown[], answer: unknown) => {
      try {
        const call = plainJson([question, ...args]);
        const said = answerOf(answer);
        if ((this.asked.get(call) ?? said) !== said) this.unsound = true;
        this.asked.set(call, said);
      } catch {
        this.unsound = true;
      }

      return answer;
    };

    const {files} = machine;
    return {
      files: {
        unread: files.unread,
        script: (path) => note('script', [path], files.script(path)) as ReturnType<FileReader['script']>,
        isShellScript: (path) => note('isShellScript', [path], files.isShellScript(path)) as boolean,
        identify: (path) => note('identify', [path], files.identify(path)) as string | undefined,
        glob: (pattern, cwd) => note('glob', [pattern, cwd], files.glob(pattern, cwd)) as string[],
        addedToPath: (name, searchPath, cwd, milder) => note('addedToPath', [name, searchPath, cwd, milder ?? null], files.addedToPath(name, searchPath, cwd, milder)) as string | undefined,
      },
      resolvePath: (path, cwd) => note('resolvePath', [path, cwd], machine.resolvePath(path, cwd)) as ResolvedPath,
      readFile: (path) => note('readFile', [path], machine.readFile(path)) as {text: string} | {problem: string},
      scriptFile: () => note('scriptFile', [], machine.scriptFile()) as ScriptFile | undefined,
      folder: (path) => note('folder', [path], machine.folder(path)) as string | undefined,
    };
  }
}

/** Whether `machine` still answers every question as the journal says. */
function stillHolds(asked: ReadonlyArray<readonly [string, string]>, machine: Machine): boolean {
  for (const [call, answer] of asked) {
    const [question, ...args] = JSON.parse(call) as [Question, ...unknown[]];
    if (!Object.hasOwn(questions, question) || keptAnswer(answerOf(questions[question](machine, args))) !== answer) return false;
  }

  return true;
}

interface Kept {
  v: 1;
  /** A SHA-256 of what names the decision. */
  key: string;
  /** The simple commands its walk went through: at least keptFrom. */
  commands: number;
  asked: Array<[string, string]>;
  programs: string[];
}

// Checked by hand, not by a schema library: a kept decision is read on the start-up path.
const isString = (value: unknown): value is string => typeof value === 'string';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether parsed JSON is a kept decision of the shape guard writes: one that asked for the command's script, of a walk long enough to keep. */
function isKept(value: unknown): value is Kept {
  if (!isRecord(value) || value.v !== 1 || !isString(value.key) || !Number.isInteger(value.commands) || (value.commands as number) < keptFrom) return false;
  const {asked, programs} = value;
  return (
    Array.isArray(asked) &&
    asked.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(isString)) &&
    asked.some(([call]) => call === scriptQuestion) &&
    Array.isArray(programs) &&
    programs.every(isString)
  );
}

const scriptQuestion = plainJson(['scriptFile']);

/** Simple commands a walk must have gone through for its decision to be kept. */
export const keptFrom = 16;

const keptAtMost = 256;
const largest = 4 * 1024 * 1024;
const suffix = '.decision';

/** What names a decision: everything it depends on besides the machine. */
export interface DecisionKey {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  home: string;
  user: string | null;
  policy: unknown;
  stateDir?: string;
  auditDb?: string;
  policyFiles?: readonly GuardFile[];
}

/**
 * A file's name (two 32-bit hashes, no hash library loaded). Two decisions that share one (the
 * same command from the same folder, with another environment or policy) take turns: each is
 * a miss for the other, as the file holds a SHA-256 of its whole key.
 */
function nameOf(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }

  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}${suffix}`;
}

export class DecisionCache {
  /** The file's name: a hash of the command's words and folder alone, cheap for every run. */
  private readonly name: string;
  private named: string | null | undefined;

  constructor(
    readonly dir: string,
    private readonly key: DecisionKey,
  ) {
    this.name = nameOf(JSON.stringify([key.argv, key.cwd]));
  }

  /**
   * A SHA-256 of what names the decision, worked out only when a kept file is there to compare
   * or a decision to keep (the environment and the policy are long); null for a build without
   * its ids, or for what cannot be named.
   */
  private keyDigest(): string | null {
    if (this.named !== undefined) return this.named;
    const {key} = this;
    try {
      const build = buildParts();
      const env = Object.entries(key.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      this.named = build.includes('unknown') ? null : digest(plainJson(['decision', ...build, process.version, process.arch, process.geteuid?.() ?? null, key.user, key.home, key.cwd, key.argv, env, key.policy, key.stateDir ?? null, key.auditDb ?? null, key.policyFiles ?? []]));
    } catch {
      this.named = null;
    }

    return this.named;
  }

  /** The decision an earlier run made here, if one is kept and `machine` still answers all it asked as then. */
  get(machine: () => Machine): RunDecision | undefined {
    if (!canKeepFiles()) return undefined;
    const bytes = readPrivate(this.dir, this.name, largest);
    const seal = bytes && this.sealKey(false);
    if (!bytes || !seal) return undefined;
    try {
      const end = bytes.indexOf(0x0a);
      const body = bytes.subarray(end + 1);
      if (end !== 64 || bytes.toString('latin1', 0, end) !== hmacSha256(seal, body)) return undefined;
      const found: unknown = JSON.parse(body.toString('utf8'));
      const key = this.keyDigest();
      if (!isKept(found) || key === null || found.key !== key) return undefined;
      return stillHolds(found.asked, machine()) ? {verdict: 'allow', findings: [], programs: found.programs} : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps a clean allow with what its analysis asked, for later runs, when its walk went through `commands` simple commands. */
  put(journal: Journal, decision: RunDecision, commands: number): void {
    if (journal.unsound || decision.verdict !== 'allow' || decision.findings.length > 0 || commands < keptFrom || !canKeepFiles()) return;
    const key = this.keyDigest();
    if (key === null) return;
    let body: Buffer;
    try {
      const record: Kept = {v: 1, key, commands, asked: [...journal.asked].map(([call, json]) => [call, keptAnswer(json)]), programs: decision.programs};
      body = Buffer.from(plainJson(record));
    } catch {
      return;
    }

    const seal = this.sealKey(true);
    if (body.length > largest || !seal) return;
    const file = writePrivate(this.dir, this.name, [Buffer.from(`${hmacSha256(seal, body)}\n`), body]);
    if (file !== undefined) trimFolder(this.dir, suffix, keptAtMost, file);
  }

  /**
   * The key that seals kept decisions: a private file of random bytes, made when missing, bound
   * to that file itself (device, inode, change time). A decision is trusted only under it, so
   * one planted by a command (an archive unpacked, a tree copied, a repository cloned into the
   * state folder) is a miss: the seal it carries cannot have been made under a file that did not
   * exist until it was planted, nor one planted beside it.
   */
  private sealKey(make: boolean): Buffer | undefined {
    const read = () => {
      const found = readStamped(this.dir, sealName, 256, false);
      return found && found.bytes.length >= 32 ? Buffer.concat([found.bytes, Buffer.from(`\0${found.stamp}`)]) : undefined;
    };

    const found = read();
    if (found || !make || writePrivate(this.dir, sealName, [Buffer.from(randomHex(32))]) === undefined) return found;
    return read();
  }
}

const sealName = 'seal.key';

const digest = (text: string): string => sha256().update(text).digest('hex');
