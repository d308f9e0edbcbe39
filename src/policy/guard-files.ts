// guard's own files as places a command touches: its state folder, its audit log and its policy
// (src/policy/types.ts GuardFile), which no command guard runs may change (rule fs.guard-state,
// judged in protection.ts): whether a place is in them, holds them, or is a glob that names them.
import {posix} from 'node:path';
import {findNameMatcher, shellGlobMatcher} from './globs.js';
import type {Touch} from './paths.js';
import type {EvaluationContext, GuardFile} from './types.js';

/** A path seen from where the command runs (protection.ts finds them); `why` when guard cannot know it. */
export interface Place {
  path: string;
  /** How the path was found, for the reason: `` or `the files /var/l* matches`. */
  label?: string;
  touch: Touch;
  /** A place that stands for any name a glob could match: only this rule may refuse it. */
  only?: string;
  // A folder a glob sweeps (`rm -rf ./*`): guard's own files there count only where the glob names them (ownPlaces).
  swept?: string;
}

/**
 * guard's usual state folder and user policy folder: guarded wherever this run's are, since cron
 * or another shell, without XDG_STATE_HOME or XDG_CONFIG_HOME, uses them.
 */
export function usualGuardFiles(home: string): GuardFile[] {
  return [
    {kind: 'state', path: posix.join(home, '.local/state/guard')},
    {kind: 'policy', path: posix.join(home, '.config/guard')},
  ];
}

/**
 * How a place touches guard's own files (its state folder: audit log, locks, code and parse
 * caches; its audit log wherever it is; its policy): in them, or a folder holding them deleted,
 * moved or filled wholesale. A command guard runs could otherwise rewrite the record of its own
 * run, plant a parsed tree that makes guard read a later command as harmless, or rewrite the
 * policy that judges the commands after it (a user's `policy.js` is code guard runs).
 */
export function guardFile(place: Place, files: readonly GuardFile[], home: string, ifFolder?: (path: string) => boolean): string | undefined {
  const path = place.path;
  const label = place.label ?? path;
  const {op, recursive, contents, narrows} = place.touch;
  for (const {kind, path: file, only} of files) {
    const what = kind === 'state' ? 'state' : kind;
    if (only === 'permissions') {
      // The folder itself, not what a glob or a find below it reaches (`chown -R www-data ./*`, `find . -type f -exec chmod 644`);
      // discovery asks only who owns it and whether others may write it.
      const itself = path === file && !place.swept && !place.touch.notItself && !place.touch.groupOnly;
      if (itself && ((op === 'chmod' && !narrows && !place.touch.othersOut) || op === 'chown')) return `${label}, a folder guard climbs through to its project policy: opened to others or given away, the policy is passed by`;
      continue;
    }

    if (only) {
      // `cp .guardrc.json ./backup.json` makes `backup.json/.guardrc.json` only if that is a folder on disk.
      const made = ifFolder === undefined || ifFolder(posix.dirname(path));
      if (made && path.startsWith(`${file}/`) && only.names.includes(posix.basename(path)) && (op === 'write' || op === 'replace' || op === 'append' || op === 'truncate')) {
        return `${label}, a project policy that runs from ${posix.dirname(path)} would take in place of guard's own (in ${file})`;
      }

      continue;
    }

    if (path === file || path.startsWith(`${file}/`)) {
      // Only tightened (`chmod 600 .guardrc`, the fix guard itself asks for), or kept from others, it is
      // no less guard's: a policy others may write stops guard (78) before it is read.
      if (op === 'chmod' && (narrows || (kind === 'policy' && place.touch.othersOut))) continue;
      return `${label}, guard's own ${file === path && kind === 'state' ? 'files' : what} (${file})`;
    }

    // A folder holding them deleted, moved or changed recursively; `/`, the top-level folders and the
    // home folder have rules of their own. Unpacking into one (`tar -x -C ~/.local`) is routine, and
    // so is a permission fix over `~/.config`: a policy made unsafe there stops guard (78).
    // A find that rewrites what its names pick (`find . -name '.guardr*' -exec sed -i …`) writes them as surely.
    const rewrites = (op === 'write' || op === 'truncate') && contents && place.touch.names !== undefined;
    const wholesale = op === 'move' || rewrites || ((op === 'delete' || (kind !== 'policy' && (op === 'chmod' || op === 'chown'))) && (recursive || contents));
    if (wholesale && !place.swept && path !== home && path.split('/').length > 2 && file.startsWith(`${path}/`) && picks(place.touch, file.slice(path.length + 1), kind)) return `${label}, which holds guard's own ${what} (${file})`;
    // Unpacked or copied into the folder right above the state folder (`tar -x -C ~/.local/state`),
    // an archive's `guard/…` lands in it: a planted tree or decision. `~/.local` itself stays
    // routine, as does unpacking into the folder of an audit log kept elsewhere (`GUARD_DB=~/audit.db`)
    // or into `~/.config`. So is a tree moved or linked into its place (`mv ./prepared ~/.local/state`,
    // before the first run made it).
    if (kind === 'state' && (op === 'unpack' || op === 'replace' || (op === 'write' && recursive)) && path === posix.dirname(file)) return `${label}, the folder that holds guard's own files (${file})`;
  }

  return undefined;
}

/**
 * Whether a find's pick can take a file `below` its folder: any name when the filter does not say
 * (an age, a size), else one whose name, or a folder's on the way, one of its patterns matches
 * (`-name '*.pyc'` never takes `.guardrc`; `-empty` alone takes no file with something in it).
 */
function picks(touch: Touch, below: string, kind: GuardFile['kind']): boolean {
  if (!touch.filtered || touch.names === undefined) return true;
  const segments = below.split('/');
  // A folder of guard's: the names it holds too (a job's lock is `NAME.lock`, any name).
  const last = segments.at(-1)!;
  if (kind === 'state') segments.push(...stateNames);
  else if (kind === 'policy' && last === 'guard') segments.push(...policyNames);
  // Compared without case: `-iname`'s patterns are lowercased, and a wider match only refuses more.
  return touch.names.some((name) => (kind === 'state' && /[*?]$/.test(name)) || segments.some((segment) => findNameMatcher(name.toLowerCase())(segment.toLowerCase())));
}

// What guard keeps in its state folder, and in a user's policy folder, by name.
const stateNames = ['audit.db', 'audit.db-wal', 'audit.db-shm', 'audit.db-journal', 'locks', 'job.lock', 'fifos', 'fifo-1-a-0', 'taken-1-a-0', 'code-cache', 'lean-run-0-v20.0.0-x64-0.bin', 'parse-cache', '0a.tree', 'decision-cache', '0a.decision', 'seal.key', 'policy-cache.json'];
const policyNames = ['policy.yaml', 'policy.yml', 'policy.json', 'policy.js', 'policy.cjs', 'policy.mjs'];

// guard's own files a glob names (`rm .guardr?`, `> ~/.config/gu*/policy.yaml`), a folder holding
// them (`rm -rf ~/.loc*`), or a path inside them (`rm ~/.local/state/gu*/audit.db`): judged by
// their rule alone. A star takes no dot name: `rm -rf ./*` leaves a project's `.guardrc` be.
export function ownPlaces(prefix: string, rest: readonly string[], pattern: string, touch: Touch, context: EvaluationContext): Place[] {
  const places: Place[] = [];
  for (const file of context.guardFiles ?? usualGuardFiles(context.home)) {
    if (file.only || !file.path.startsWith(`${prefix}/`)) continue;
    const parts = file.path.slice(prefix.length + 1).split('/');
    const depth = Math.min(parts.length, rest.length);
    if (!shellGlobMatcher(`${prefix}/${rest.slice(0, depth).join('/')}`)(`${prefix}/${parts.slice(0, depth).join('/')}`)) continue;
    const path = parts.length >= rest.length ? `${prefix}/${parts.slice(0, rest.length).join('/')}` : `${file.path}/${rest.slice(parts.length).join('/')}`;
    places.push({path, label: `what ${pattern} matches`, touch: {...touch, contents: false}, only: 'fs.guard-state'});
  }

  return places;
}
