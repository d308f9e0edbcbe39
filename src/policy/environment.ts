// The policy's `env` section applied to the caller's environment: variables removed by
// name or glob (and, with `removeDangerous: true`, the built-in list below), then the
// required ones checked. The command gets what is left; guard's decision sees the same.
import type {PolicySettings} from './settings-types.js';

/**
 * Variables that make a program load or run code it was not asked to (sudo's env_reset
 * list, trimmed to what affects the shells and runtimes operational scripts use).
 * Removed only when the policy says `env.removeDangerous: true`: a job may rely on them.
 */
export const dangerousVariables: ReadonlyArray<{glob: string; why: string}> = [
  {glob: 'LD_*', why: 'the dynamic loader preloads or audits libraries named here (LD_PRELOAD, LD_AUDIT, LD_LIBRARY_PATH)'},
  {glob: 'DYLD_*', why: 'the same for the macOS loader'},
  {glob: 'GCONV_PATH', why: 'glibc loads character-set modules from here'},
  {glob: 'BASH_ENV', why: 'a non-interactive bash sources this file first'},
  {glob: 'ENV', why: 'sh sources this file'},
  {glob: 'BASH_FUNC_*', why: 'exported bash functions, which can shadow any command'},
  {glob: 'SHELLOPTS', why: 'turns on shell options such as xtrace in every bash'},
  {glob: 'BASHOPTS', why: 'the same for shopt options'},
  {glob: 'PS4', why: 'expanded, with command substitution, on every traced line'},
  {glob: 'IFS', why: 'changes how an unquoted expansion splits'},
  {glob: 'CDPATH', why: 'makes `cd dir` land somewhere else'},
  {glob: 'GLOBIGNORE', why: 'changes what a glob matches'},
  {glob: 'NODE_OPTIONS', why: 'node preloads modules named here (--require, --import)'},
  {glob: 'NODE_PATH', why: 'node resolves modules from here'},
  {glob: 'PYTHONPATH', why: 'python imports from here first'},
  {glob: 'PYTHONSTARTUP', why: 'python runs this file'},
  {glob: 'PYTHONHOME', why: 'python loads its standard library from here'},
  {glob: 'PERL5LIB', why: 'perl loads modules from here first'},
  {glob: 'PERL5OPT', why: 'perl takes options such as -M from here'},
  {glob: 'PERLLIB', why: 'perl loads modules from here'},
  {glob: 'RUBYOPT', why: 'ruby takes options such as -r from here'},
  {glob: 'RUBYLIB', why: 'ruby loads libraries from here first'},
  {glob: 'JAVA_TOOL_OPTIONS', why: 'the JVM takes agents and options from here'},
];

export interface AppliedEnvironment {
  env: Record<string, string>;
  /** Required variables that are not set (or were removed). */
  missing: string[];
  /** Names removed, in the order found. */
  removed: string[];
}

function globMatcher(globs: readonly string[]): (name: string) => boolean {
  return (name) => globs.some((glob) => globMatches(glob, name));
}

/**
 * `*` any run of characters, `?` one, anything else itself. Matched by keeping only the
 * last `*` to fall back to, which takes at most (name length × glob length) steps: the
 * regular expression once built from a glob backtracked for minutes on `*?*?*?…Z`, and a
 * repository's policy may add globs.
 */
function globMatches(glob: string, name: string): boolean {
  let at = 0;
  let star = -1;
  let resume = 0;
  for (let i = 0; i < name.length; ) {
    if (glob[at] === '*') {
      star = at++;
      resume = i;
    } else if (at < glob.length && (glob[at] === '?' || glob[at] === name[i])) {
      at++;
      i++;
    } else if (star !== -1) {
      at = star + 1;
      i = ++resume;
    } else return false;
  }

  while (glob[at] === '*') at++;
  return at === glob.length;
}

/** The environment the command gets under the policy's `env` section. */
export function applyEnvironment(env: NodeJS.ProcessEnv, settings: PolicySettings['env']): AppliedEnvironment {
  const globs = settings.remove.map((item) => item.value);
  if (settings.removeDangerous?.value) globs.push(...dangerousVariables.map((item) => item.glob));
  const removes = globMatcher(globs);
  const kept: Record<string, string> = {};
  const removed: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (removes(name)) removed.push(name);
    else kept[name] = value;
  }

  const missing = settings.require.map((item) => item.value).filter((name) => kept[name] === undefined);
  return {env: kept, missing, removed};
}
