import {statSync} from 'node:fs';
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';
import {readCodeFile} from '../inspect/code-file.js';
import {fileAccess} from '../inspect/files.js';
import {TreeCache} from '../inspect/tree-cache.js';
import {resolvePath} from '../inspect/resolve-path.js';
import {scriptFile} from '../inspect/script-file.js';
import {evaluate, judgesProgram} from '../policy/evaluate.js';
import {usualGuardFiles} from '../policy/guard-files.js';
import type {Decision, EvaluationContext, GuardFile, Policy, UnreadScript} from '../policy/types.js';
import {analyzeArgv, analyzeScript, type Analysis, followsProgram, type ShellContext, type SimpleCommand} from '../shell/index.js';
import {clockReads} from '../clock.js';
import {log} from '../log.js';
import {userName} from '../user.js';
import {DecisionCache, Journal, type Machine} from './decision-cache.js';

export interface DecisionInput {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  policy: Policy;
  /** guard's state folder: where parsed code is kept for later runs (none without it). */
  stateDir?: string;
  /** Whether parsed code and decisions are kept in the state folder and read back (default true). */
  caches?: boolean;
  /** guard's audit log, when it is not in the state folder. */
  auditDb?: string;
  /** guard's policy: the user's policy folder and each policy file in force, which no command it runs may change. */
  policyFiles?: readonly GuardFile[];
}

/** The decision, and the programs the command starts: masking secrets never hides one of them. */
export interface RunDecision extends Decision {
  programs: string[];
}

/** Every program the analysed commands start, wrappers included, as the shell names them. */
function programsOf(commands: SimpleCommand[]): string[] {
  const programs = new Set<string>();
  for (const command of commands) {
    for (const wrapper of command.wrappers) programs.add(wrapper);
    if (command.program.known) programs.add(command.program.value);
  }

  return [...programs];
}

/**
 * The environment as a shell started in `cwd` sees it: bash and dash keep an inherited PWD only
 * when it names that folder, and otherwise set it to the folder (a parent that changed folder
 * without updating PWD: a job runner's `chdir`, a spawn with a `cwd` option).
 */
function shellEnv(env: NodeJS.ProcessEnv, cwd: string, folderOf: Machine['folder']): NodeJS.ProcessEnv {
  const {PWD: pwd, ...rest} = env;
  if (pwd === undefined) return rest;
  // The usual case, written the same: nothing to ask of the file system.
  if (pwd === cwd) return env;
  const named = pwd.startsWith('/') ? folderOf(pwd) : undefined;
  const here = folderOf(cwd);
  return named !== undefined && named === here ? {...rest, PWD: pwd} : rest;
}

/** A folder's device and inode, or undefined when it cannot be read. */
function folderOf(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? `${stat.dev}:${stat.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * guard's own files, which the commands it runs may not change: its state folder and audit log,
 * its policy, the usual state and policy folders too when this run's are elsewhere (cron, or
 * another shell, may use them), and each where it really is, through a symlinked parent (`~/.local/state` →
 * `/data/state`). Looked up when a command first names a path: `true` asks nothing of the file system.
 */
function guardFiles(input: DecisionInput, home: string, machine: Machine): () => GuardFile[] | undefined {
  const named: GuardFile[] = [];
  if (input.stateDir !== undefined) named.push({kind: 'state', path: input.stateDir});
  // The audit log's write-ahead log holds the commits not yet in it, this run's start among them.
  if (input.auditDb !== undefined) for (const end of ['', '-wal', '-shm', '-journal']) named.push({kind: 'audit log', path: `${input.auditDb}${end}`});
  named.push(...(input.policyFiles ?? []));
  // Without any, the rules' own default (the usual folders) stands.
  if (named.length === 0) return () => undefined;
  named.push(...usualGuardFiles(home));
  let files: GuardFile[] | undefined;
  // guard opens a relative GUARD_DB or state folder from the working folder, and so does the command.
  const real = (file: GuardFile): GuardFile => ({...file, path: machine.resolvePath(file.path, input.cwd).resolved});
  const plain = (file: GuardFile): GuardFile => ({...file, path: resolve(input.cwd, file.path)});
  return () => {
    if (files) return files;
    const seen = new Set<string>();
    files = [];
    for (const file of named.flatMap((file) => [plain(file), real(file)])) {
      const key = `${file.path}\u0000${JSON.stringify(file.only ?? null)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      files.push(file);
    }

    return files;
  };
}

/** The machine as a decision sees it: the file system, with the environment the command will get. */
function machine({argv, cwd, env}: DecisionInput, judged: (name: string) => boolean): Machine {
  return {files: fileAccess(env, judged), resolvePath, readFile: readCodeFile, scriptFile: () => scriptFile(argv, cwd, env), folder: folderOf};
}

/**
 * What the policy says of a command, seen the way the shell will run it: every simple
 * command of the argv, and of the shell script it runs when it runs one, with the
 * environment it will really get. The same command decided by an earlier run, from the same
 * place with the same environment and policy, is that run's decision when every file it
 * read and every path it followed is as it was then (src/run/decision-cache.ts).
 */
export async function decide(input: DecisionInput): Promise<RunDecision> {
  const home = input.env.HOME || homedir();
  const user = userName();
  const judged = judgesProgram(input.policy);
  const here = () => machine(input, (name) => followsProgram(name) || judged(name));
  const kept = input.stateDir === undefined || input.caches === false ? undefined : new DecisionCache(join(input.stateDir, 'decision-cache'), {...input, home, user});
  const earlier = kept?.get(here);
  if (earlier) {
    log().info('decision reused', {verdict: earlier.verdict});
    return earlier;
  }

  const journal = new Journal();
  const reads = clockReads();
  const work = {commands: 0};
  const decision = await decideHere(input, home, user, journal.record(here()), work);
  // A decision that read the time (an expiry date already past) holds only now.
  if (kept && clockReads() === reads) kept.put(journal, decision, work.commands);
  return decision;
}

async function decideHere(input: DecisionInput, home: string, user: string | null, machine: Machine, work: {commands: number}): Promise<RunDecision> {
  const {files} = machine;
  const context: ShellContext = {cwd: input.cwd, env: shellEnv(input.env, input.cwd, machine.folder), home, files, work, ...(user ? {user} : {})};
  if (input.stateDir !== undefined && input.caches !== false) context.trees = new TreeCache(join(input.stateDir, 'parse-cache'));
  const analyses: Analysis[] = [await analyzeArgv([...input.argv], context)];
  const script = machine.scriptFile();
  // A script that cannot be read is judged by the policy (script.unreadable), never silently trusted.
  const unread: UnreadScript[] = script && 'problem' in script ? [{file: script.file, problem: script.problem}] : [];
  if (script && 'text' in script) analyses.push(await analyzeScript(script.text, {...context, args: [script.file, ...script.args], file: script.file}));

  // So is one that a command inside runs or sources.
  unread.push(...files.unread);
  const commands: SimpleCommand[] = [];
  for (const analysis of analyses) for (const command of analysis.commands) commands.push(command);
  const ownFiles = guardFiles(input, home, machine);
  const judging: EvaluationContext = {
    home,
    resolvePath: machine.resolvePath,
    readFile: machine.readFile,
    isFolder: (path) => machine.folder(path) !== undefined,
    get guardFiles() {
      return ownFiles();
    },
  };
  const decision = evaluate({commands, problems: analyses.flatMap((a) => a.problems), unread}, input.policy, judging);
  return {...decision, programs: programsOf(commands)};
}
