// Path protection: each path a destructive command touches, canonicalized by the caller's
// resolver, checked as the link itself and as what it resolves to, against the contract's
// default classes and the policy's own `paths.protect`, `paths.allow` and `paths.confine`.
import {posix} from 'node:path';
import {type SimpleCommand, type Word, knownText, wordParts} from '../shell/index.js';
import {targetsOf} from './destructive.js';
import {globBase, globMatcher, policyGlob, shellGlobMatcher} from './globs.js';
import {type Operation, type PathHit, type Touch, isHarmlessDevice, knownPlaces, protectedClass} from './paths.js';
import {expansionNote, phrase, spelled, written} from './spelling.js';
import type {Target} from './target.js';
import {type Place, guardFile, ownPlaces, usualGuardFiles} from './guard-files.js';
import type {EvaluationContext, GuardFile, Policy} from './types.js';

/** A path finding before the rule's level and source are looked up. */
export interface PathFinding {
  rule: string;
  word: Word;
  reason: string;
  /** For the policy's own path rules: where the glob came from. */
  source?: string;
}

const verbs: Record<Operation, string> = {
  delete: 'delete',
  move: 'move away',
  write: 'overwrite',
  truncate: 'truncate',
  replace: 'replace',
  append: 'write to',
  unpack: 'write files into',
  chmod: 'change the permissions of',
  chown: 'change the owner of',
  format: 'format',
  partition: 'rewrite the partition table of',
  erase: 'erase',
};

const verb = (target: Target) => (target.recursive && (target.op === 'chmod' || target.op === 'chown') ? `recursively ${verbs[target.op]}` : verbs[target.op]);


type Placed = {places: Place[]} | {why: string};

function doing(command: SimpleCommand, target: Target): string {
  if (target.inside) return target.doer!;
  const word = spelled(target.word);
  if (target.doer === 'find -delete' || target.doer === 'find -exec') return `find ${word} ${target.doer.slice(5)}`;
  if (target.doer?.startsWith('rsync')) return `${target.doer} ${word}`;
  if (target.doer === 'dd') return `dd ${word}`;
  if (target.doer) return `${target.doer} ${word}`;
  return phrase(command, target.word);
}

const globChars = /[*?[]/;

/**
 * The few names a glob's segments of plain characters and brackets match: `/mnt/backup/[p]ostgres`
 * is `/mnt/backup/postgres`, `~/[Dd]ownloads` is `~/Downloads` or `~/downloads`.
 * A segment with `*`, `?`, a negated bracket or a class stays a glob; more than 16 names, too.
 * A bracket first in a name that admits a dot matches a dot name, as it does with dotglob on.
 */
function bracketNames(value: string): string[] | undefined {
  let names = [''];
  let expanded = false;
  for (const [at, segment] of value.split('/').entries()) {
    const choices = /[*?]|\[[!^]|\[:|\\/.test(segment) ? undefined : segmentNames(segment);
    if (choices === undefined || choices.length === 0) {
      names = names.map((name) => (at === 0 ? segment : `${name}/${segment}`));
      continue;
    }

    expanded ||= segment.includes('[');
    names = names.flatMap((name) => choices.map((choice) => (at === 0 ? choice : `${name}/${choice}`)));
    if (names.length > 16) return undefined;
  }

  return expanded ? names : undefined;
}

/** The names a segment of plain characters and brackets (`[Dd]ownloads`, `ss[h]`, `db[0-2]`) matches. */
function segmentNames(segment: string): string[] | undefined {
  let names = [''];
  for (let at = 0; at < segment.length; at++) {
    if (segment[at] !== '[') {
      names = names.map((name) => name + segment[at]);
      continue;
    }

    const close = segment.indexOf(']', at + 2);
    if (close === -1) return undefined;
    const chars: string[] = [];
    const inside = segment.slice(at + 1, close);
    for (let i = 0; i < inside.length; i++) {
      if (inside[i + 1] === '-' && i + 2 < inside.length) {
        for (let code = inside.charCodeAt(i); code <= inside.charCodeAt(i + 2); code++) chars.push(String.fromCharCode(code));
        i += 2;
      } else {
        chars.push(inside[i]!);
      }
    }

    // A bracket first in a name that admits a dot (`[.]ssh`) matches the dot name once dotglob is
    // on (`shopt -s dotglob`, GLOBIGNORE set): taken as it. Without dotglob it matches nothing,
    // so the reading costs at most the refusal of a command that would have done nothing.
    const allowed = chars.filter((char) => char !== '/');
    names = names.flatMap((name) => allowed.map((char) => name + char));
    if (names.length > 16) return undefined;
    at = close;
  }

  return names;
}

/**
 * What stamps a file name, always printing something and never a slash or a bare `.`: `$(date
 * +%F)`, `$(hostname -s)`, `$(id -u)`, `$$`, `$RANDOM`, as the walk says why it is unknown. A
 * date only in the conversions that print digits, letters, `:`, `+` and `-` (`date +..` prints
 * `..`, `+%n` nothing, `+%D` slashes), and among them at least one.
 */
const conversion = String.raw`%[YmdHMSsFTjyuVGgwUWCzNI]`;
const dateStamp = String.raw`date(?: (?:-u|--utc|--universal))*(?: (?:-I(?:date|hours|minutes|seconds|ns)?|--iso-8601(?:=(?:date|hours|minutes|seconds|ns))?)| ['"]?\+['"]?(?:${conversion}|[\w:+-])*${conversion}(?:${conversion}|[\w:+-])*['"]?)`;
const stampCommand = String.raw`(?:${dateStamp}|hostname(?: -[sf])?|uname -[rnms]|id -[ug]|whoami)`;
const stamp = new RegExp(String.raw`^(?:command substitution (?:\$\(${stampCommand}\)|\x60${stampCommand}\x60)|\$(?:\$|RANDOM|EPOCHSECONDS|BASHPID) is only known when the script runs)$`);

/**
 * The folder of a path whose only unknown parts are stamps (`/backups/db-$(date +%F).sql`,
 * `build/$1-$(date +%F).tgz` in a function called with a known argument, `backup-$$.tgz` in
 * the working folder, `$APP/releases/$TS/.env` with TS=$(date +%s)): what it names is new, in
 * or below the folder before its first stamp, which is known.
 * `date +%D` and `+%x` print slashes; `..` could leave the folder; a device is never a folder.
 */
function stampedFolder(word: Word): string | undefined {
  const parts = wordParts(word);
  if (!parts) return undefined;
  let text = '';
  for (const part of parts) {
    if ('known' in part) text += part.known;
    else if (stamp.test(part.why)) text += '\u0000';
    else return undefined;
  }

  // An operand that names its path after `KEY=` (`dd of=./mbr-$(hostname).bin`): the path is what follows.
  text = text.replace(/^(?:--?[\w-]+|\w+)=/, '');
  // The folder is what comes before the first stamped name; below it, names only (a release
  // folder `releases/$TS/.env` as much as a file `db-$TS.sql`), never `.` or `..`.
  const first = text.indexOf('\u0000');
  if (first === -1) return undefined;
  const cut = text.lastIndexOf('/', first);
  const folder = cut === -1 ? '.' : text.slice(0, cut) || '/';
  const below = text.slice(cut + 1).replace(/\/+$/, '').split('/');
  if (globChars.test(folder) || /(^|\/)\.\.(\/|$)/.test(folder) || !below.every((name) => name !== '.' && name !== '..' && /^[\w.@%+=:,\u0000-]+$/.test(name))) return undefined;
  // Devices and the kernel's files are never a stamped name's folder, however the path is spelled (`/./dev`, `/proc/self/root/dev`).
  return /^\/(?:dev|proc|sys)(\/|$)/.test(posix.normalize(folder)) ? undefined : folder;
}

/** Operations on the entry itself: a final symlink is not followed unless a `/` says so. */
const onTheEntry = new Set<Operation>(['delete', 'move', 'replace']);

function placesOf(target: Target, command: SimpleCommand, context: EvaluationContext): Placed {
  const word = target.word;
  const touch: Touch = {op: target.op, recursive: target.recursive, contents: target.contents, ...(target.narrows ? {narrows: true} : {}), ...(target.filtered ? {filtered: true} : {}), ...(target.names ? {names: target.names} : {}), ...(target.aged ? {aged: true} : {}), ...(target.othersOut ? {othersOut: true} : {}), ...(target.groupOnly ? {groupOnly: true} : {}), ...(target.notItself ? {notItself: true} : {}), ...(target.mirrors ? {mirrors: true} : {}), ...(target.fromEmpty ? {fromEmpty: true} : {})};
  if (!word.known) {
    const folder = target.path === undefined ? stampedFolder(word) : undefined;
    if (folder === undefined || (!folder.startsWith('/') && !command.cwd.known)) return {why: `${written(word)} is not known (${word.why})`};
    const cwd = command.cwd.value ?? '/';
    const dirs = new Set([posix.resolve(cwd, folder), context.resolvePath(`${folder}/`, cwd).resolved]);
    return {places: [...dirs].map((dir) => ({path: `${dir === '/' ? '' : dir}/\u0000`, label: `a file ${written(word)} names in ${dir}`, touch}))};
  }

  const value = target.path ?? word.value;
  if (value === '') return {places: []};
  const relative = !value.startsWith('/');
  if (relative && !command.cwd.known) return {why: `the working folder is not known (${command.cwd.why})`};
  const cwd = command.cwd.known ? command.cwd.value : '/';
  if (word.glob && target.path === undefined && globChars.test(value)) {
    // `rm -rf /var/lib/*/` is what `/var/lib/*` names, folders only.
    const places = (bracketNames(value) ?? [value]).flatMap((each) =>
      globChars.test(each) ? globPlaces(each.length > 1 ? each.replace(/\/+$/, '') : each, cwd, touch, context, command.links) : plainPlaces(each, target, command, context, cwd, touch),
    );
    return {places};
  }

  return {places: plainPlaces(value, target, command, context, cwd, touch)};
}

function plainPlaces(value: string, target: Target, command: SimpleCommand, context: EvaluationContext, cwd: string, touch: Touch): Place[] {
  const resolved = context.resolvePath(value, cwd);
  const plain = posix.resolve(cwd, value);
  const follows = /\/\.?$/.test(value) || !onTheEntry.has(target.op) || target.contents;
  const paths = follows ? [resolved.lexical, resolved.resolved, plain] : [resolved.lexical, plain];
  for (const path of throughLinks(plain, follows, command.links, context)) paths.push(path);
  return [...new Set(paths)].map((path) => ({path, touch}));
}

/**
 * Where a path leads through the links the code made before the command (`ln -s /etc ./e`
 * then `rm -rf ./e/`): those are not on disk yet for resolvePath to follow. A link itself is
 * followed only where the path says so (`e/`, `e/x`) or the operation goes through it.
 */
function throughLinks(path: string, follows: boolean, links: ReadonlyMap<string, string> | undefined, context: EvaluationContext): string[] {
  if (!links) return [];
  const found: string[] = [];
  // A link to a link (`ln -s /etc a && ln -s a b`) is followed to its end, a few hops at most.
  let paths = [path];
  for (let hop = 0; hop < 8 && paths.length > 0; hop++) {
    const next: string[] = [];
    for (const at of paths) {
      for (const [link, to] of links) {
        const through = at === link ? (follows || hop > 0 ? to : undefined) : at.startsWith(`${link}/`) ? `${to}${at.slice(link.length)}` : undefined;
        if (through === undefined) continue;
        const normal = posix.normalize(through);
        if (found.includes(normal)) continue;
        found.push(normal, context.resolvePath(through, '/').resolved);
        next.push(normal);
      }
    }

    paths = next;
  }

  return found;
}

/** Names a folder of a system or a home holds, to tell a sweep from a pick. */
const systemNames = ['apt', 'dpkg', 'systemd', 'docker', 'postgresql', 'mysql', 'nginx', 'ssh', 'cron.d', 'containerd', 'snapd', 'polkit-1'];
const homeNames = ['Documents', 'Downloads', 'Desktop', 'Pictures', 'Music', 'Videos', 'projects', 'src', 'bin', 'work'];

/**
 * A glob that sweeps its folder: one that matches any name (`*`, `?*`), or half the common names
 * at least (`[a-m]*`, `[a-z]*[a-z]`, a home's `[A-Z]*`). `*.bak`, `php*` and `*sql*` pick.
 */
function broad(matches: (path: string) => boolean, prefix: string, names = systemNames): boolean {
  // A loop over a glob asks of the same glob again and again: answered once per glob and list.
  let known = sweeps.get(matches);
  if (!known) sweeps.set(matches, (known = new Map()));
  const key = `${prefix}\u0000${names === systemNames ? 's' : 'h'}`;
  let sweep = known.get(key);
  if (sweep === undefined) {
    sweep = (matches(`${prefix}/q`) && matches(`${prefix}/zz-any.name`)) || names.filter((name) => matches(`${prefix}/${name}`)).length * 2 >= names.length;
    known.set(key, sweep);
  }

  return sweep;
}

const sweeps = new WeakMap<(path: string) => boolean, Map<string, boolean>>();

/** A glob reaches into its static folder: all of it when it sweeps it, else the places it names. */
function globPlaces(given: string, cwd: string, touch: Touch, context: EvaluationContext, links?: ReadonlyMap<string, string>): Place[] {
  // `..` after a glob climbs out of each match as the shell resolves it: `/srv/*/../../etc` is `/etc`.
  let globbed = false;
  const climbs = given.split('/').some((segment) => (globbed ||= globChars.test(segment)) && segment === '..');
  const value = climbs ? posix.normalize(given) : given;
  if (climbs && !globChars.test(value)) return [{path: posix.resolve(cwd, value), touch}];
  const segments = value.split('/');
  const first = segments.findIndex((segment) => globChars.test(segment));
  const folder = segments.slice(0, first).join('/') || (value.startsWith('/') ? '/' : '.');
  const rest = segments.slice(first);
  const resolved = context.resolvePath(`${folder}/`, cwd);
  const folders = new Set([resolved.resolved, resolved.lexical, posix.resolve(cwd, folder), ...throughLinks(posix.resolve(cwd, folder), true, links, context)]);
  const places: Place[] = [];
  for (const dir of folders) {
    const prefix = dir === '/' ? '' : dir;
    const pattern = `${prefix}/${rest.join('/')}`;
    const firstLevel = shellGlobMatcher(`${prefix}/${rest[0]}`);
    const deeper = rest.length > 1;
    // A home's usual names are its folders (`[A-Z]*` is Documents, Downloads, Desktop…).
    const home = dir === context.home || dir === '/root' || /^\/(?:home|Users)\/[^/]+$/.test(dir);
    if (!deeper && broad(firstLevel, prefix, home ? homeNames : systemNames)) {
      places.push({path: dir, touch: {...touch, contents: true}, swept: pattern});
      // The names of guard's files there the glob can match, below.
      places.push(...ownPlaces(prefix, rest, pattern, touch, context));
      continue;
    }

    places.push({path: prefix + '/\u0000'.repeat(rest.length), label: `what ${pattern} matches`, touch: {...touch, contents: false, globbed: !deeper}});
    // A credential is one whatever name the glob takes (`/home/*/.ssh/authorized_keys`), though no
    // file here matches it: each glob replaced by a plain name, judged by the credential rule alone.
    if (deeper && rest.slice(1).some((segment) => !globChars.test(segment))) {
      places.push({path: `${prefix}/${rest.map((segment) => (globChars.test(segment) ? 'any' : segment)).join('/')}`, label: `what ${pattern} matches`, touch: {...touch, contents: false}, only: 'fs.credentials'});
    }
    // Every user's home at once (`/home/*/Downloads/*`): the folder each home holds, judged by the homes' rule alone.
    // A name picked by a pattern further down (`/home/*/public_html/*.bak`) is a pick, not the folder.
    const anyName = (segment: string) => broad(shellGlobMatcher(`/${segment}`), '', homeNames);
    // Everything below an any-name segment goes with it (`/home/*/*/*` empties every folder of every home);
    // a name after it (`/home/*/*/cache`) picks.
    const below = rest.slice(1);
    const cut = below.findIndex((segment) => globChars.test(segment));
    if (deeper && (dir === '/home' || dir === '/Users') && globChars.test(rest[0]!) && (cut === -1 || below.slice(cut).every(anyName))) {
      const whole = cut !== -1;
      places.push({path: [dir, '*', ...below.slice(0, whole ? cut : undefined)].join('/'), label: `what ${pattern} matches`, touch: {...touch, contents: whole}, only: 'fs.protected-path'});
    }

    for (const place of knownPlaces(context.home, dir)) {
      if (place === dir || !place.startsWith(`${prefix}/`)) continue;
      const depth = place.slice(prefix.length + 1).split('/').length;
      if (deeper && depth === 1 && firstLevel(place)) places.push({path: place, label: `${pattern}, which reaches into ${place}`, touch: {...touch, contents: true, recursive: true}});
      else if (depth === rest.length && shellGlobMatcher(pattern)(place)) places.push({path: place, touch: {...touch, contents: false}});
    }

    places.push(...ownPlaces(prefix, rest, pattern, touch, context));
  }

  return places;
}

const never = (): boolean => false;
const allowMatchers = new WeakMap<readonly string[], Map<string, (path: string) => boolean>>();

/** Whether `paths.allow` lets a path through, from where the command runs: built once per policy, home and cwd. */
function allowMatcher(allow: readonly string[], home: string, cwd: string | undefined): (path: string) => boolean {
  if (allow.length === 0) return never;
  let byPlace = allowMatchers.get(allow);
  if (!byPlace) allowMatchers.set(allow, (byPlace = new Map()));
  const key = `${home}\u0000${cwd ?? '\u0000'}`;
  let allowed = byPlace.get(key);
  if (!allowed) {
    const matchers = allow.map((glob) => globMatcher(policyGlob(glob, home, cwd)));
    allowed = (path: string) => matchers.some((matcher) => matcher(path));
    byPlace.set(key, allowed);
  }

  return allowed;
}

/** Every path finding for the command: the unknown, the protected, and what the policy says of paths. */
/**
 * The variable that, empty, makes the last part of a recursive delete's path (`rm -rf
 * "/srv/app/releases/$OLD_REL"` is `rm -rf /srv/app/releases/`: the Steam and Bumblebee bug, one
 * folder up): its `$NAME`, or undefined. `${NAME:?}` stops the shell first, and is never here.
 */
function emptyLastPart(target: Target): string | undefined {
  const {word} = target;
  if (target.op !== 'delete' || !target.recursive || !word.known || target.path !== undefined) return undefined;
  const tail = /\/["']?(\$\{?[A-Za-z_]\w*\}?)["']?(\/?)["']?$/.exec(word.raw);
  if (!tail) return undefined;
  return word.value.endsWith(tail[2] ? '//' : '/') ? tail[1] : undefined;
}

export function pathFindings(command: SimpleCommand, policy: Policy, context: EvaluationContext, builtin: (rule: string) => boolean): PathFinding[] {
  const findings: PathFinding[] = [];
  const allowed = allowMatcher(policy.paths.allow, context.home, command.cwd.value ?? undefined);
  // Read at the first place judged: a command that names no path asks nothing of the file system for them.
  let guardFiles: readonly GuardFile[] | undefined;
  for (const target of targetsOf(command)) {
    const placed = placesOf(target, command, context);
    const said = new Set<string>();
    const add = (finding: PathFinding) => {
      if (said.has(finding.rule)) return;
      said.add(finding.rule);
      findings.push(finding);
    };

    // A hard link to guard's own file: a second name, through which a later command writes it
    // unseen. A git work tree that is, or holds, guard's files: the repository decides what lands.
    if (target.guardOnly) {
      if (!builtin('fs.guard-state') || 'why' in placed) continue;
      const files = (guardFiles ??= context.guardFiles ?? usualGuardFiles(context.home));
      for (const place of placed.places) {
        if (target.guardOnly === 'own') {
          const own = guardFile(place, files, context.home);
          if (own) add({rule: 'fs.guard-state', word: target.word, reason: `${target.doer} ${spelled(target.word)} would ${verb(target)} ${own}`});
          continue;
        }

        if (target.guardOnly === 'work tree') {
          const own = guardFile(place, files, context.home);
          if (own) add({rule: 'fs.guard-state', word: target.word, reason: `${target.doer} would write the files of ${own}`});
          continue;
        }

        // `cp -al ~/.local ~/snapshot` links every file below, guard's among them.
        const holds = target.recursive ? files.find((file) => !file.only && file.path.startsWith(`${place.path}/`)) : undefined;
        const own = guardFile(place, files, context.home) ?? (holds && `${place.label ?? place.path}, which holds guard's own ${holds.kind} (${holds.path})`);
        if (own) add({rule: 'fs.guard-state', word: target.word, reason: `${target.doer} ${spelled(target.word)} would give a second name to ${own}, through which a later command could write it`});
      }

      continue;
    }

    if ('why' in placed) {
      const credential = credentialTail(target, command, context);
      if (credential && builtin(credential.rule) && !allowed(`${context.home}${credential.tail}`)) {
        add({rule: credential.rule, word: target.word, reason: `${doing(command, target)} would ${verb(target)} ${written(target.word)}, ${credential.what.replace(/^[^,]*, /, '')} (in whichever home folder it is: ${credential.tail.slice(1)} is a credential there)`});
        continue;
      }

      if (mayBeUnknown(target, command)) continue;
      // `find … -print0 | xargs -0 rm -f`: what find finds, judged as `find … -exec rm -f {} +` is.
      const found = findFeeding(target, command);
      if (found) {
        for (const finding of pathFindings(found, policy, context, builtin)) add(finding);
        continue;
      }

      add({rule: 'fs.unknown-target', word: target.word, reason: `${doing(command, target)} would ${verb(target)} a path guard cannot know: ${placed.why}`});
      continue;
    }

    // `rm -rf "$APP/releases/$OLD"` with OLD empty or unset: the folder the path was to be inside goes.
    const empty = emptyLastPart(target);
    if (empty && builtin('fs.unknown-target') && !allowed(posix.resolve(command.cwd.value ?? '/', target.word.value!))) {
      add({rule: 'fs.unknown-target', word: target.word, reason: `${doing(command, target)} would ${verb(target)} ${target.word.value}: ${empty} is empty, so the path is the folder it names the inside of`});
    }

    for (const place of placed.places) {
      const own = guardFile(place, (guardFiles ??= context.guardFiles ?? usualGuardFiles(context.home)), context.home, target.ifFolder ? (path) => context.isFolder?.(path) ?? true : undefined);
      if (own && builtin('fs.guard-state')) add({rule: 'fs.guard-state', word: target.word, reason: `${doing(command, target)} would ${verb(target)} ${own}`});
      const hit = protectedClass(place.path, place.touch, context.home);
      if (hit && (place.only === undefined || place.only === hit.rule) && builtin(hit.rule) && (hit.hard || !allowed(place.path))) {
        add({rule: hit.rule, word: target.word, reason: reasonFor(command, target, place, hit)});
      }

      if (place.only === undefined) for (const finding of policyFindings(command, target, place, policy, context, allowed)) add(finding);
    }
  }

  return findings;
}

/**
 * A path guard cannot know whose known end names a credential (`~/.ssh/authorized_keys` on
 * another host, `$HOME_OF_DEPLOY/.aws/credentials`, `.ssh/authorized_keys` from a folder guard
 * cannot know): whatever home it starts in, it is that
 * home's credential, protected for every write, appends included.
 */
function credentialTail(target: Target, command: SimpleCommand, context: EvaluationContext): (PathHit & {tail: string}) | null {
  if (target.path !== undefined) return null;
  let tail: string;
  if (target.word.known) {
    // A relative path from a folder guard cannot know (`ssh HOST 'cat >> .ssh/authorized_keys'`
    // starts in the remote home): its end is what it names there.
    if (target.word.value.startsWith('/') || command.cwd.known) return null;
    tail = posix.normalize(`/${target.word.value}`);
  } else {
    const text = knownText(target.word);
    if (!text.includes('…')) return null;
    tail = text.slice(text.lastIndexOf('…') + 1);
  }

  if (!/^\/\.[^/.]/.test(tail)) return null;
  const hit = protectedClass(posix.join(context.home, tail), {op: target.op, recursive: target.recursive, contents: target.contents}, context.home);
  return hit?.rule === 'fs.credentials' ? {...hit, tail: posix.normalize(tail)} : null;
}

function reasonFor(command: SimpleCommand, target: Target, place: Place, hit: PathHit): string {
  const what = !place.label ? hit.what : place.path.includes('\u0000') ? `${place.label}, ${hit.what.replace(/^[^,]*, /, '')}` : `${place.label} (${hit.what})`;
  const note = place.path.includes('\u0000') || place.label || target.inside || (target.word.known && target.word.glob) ? '' : expansionNote(target.word, place.path === posix.normalize(target.path ?? target.word.value ?? '') ? undefined : place.path);
  return `${doing(command, target)} would ${verb(target)} ${what}${note}`;
}

/** A word guard cannot know that some other finding already covers, or that cannot destroy anything. */
/**
 * The find whose output xargs hands this command (`find DIR -name '*.pyc' -print0 | xargs -0 rm -f`),
 * as the `find DIR -name '*.pyc' -exec rm -f {} +` it amounts to; undefined when something else feeds it.
 */
function findFeeding(target: Target, command: SimpleCommand): SimpleCommand | undefined {
  const word = target.word;
  const from = command.piped?.from ?? [];
  const find = from[0];
  // Only rm, fed by a find alone (a sed, cut or awk between rewrites the paths), each path a whole word of its own
  // (`-I{} rm -rf /{}` makes other paths), run where find ran (`{ cd /usr/lib; xargs rm; }` is elsewhere).
  if (word.known || !/xargs reads from its input/.test(word.why) || !command.via.includes('xargs') || command.program.value !== 'rm' || command.calls !== undefined) return undefined;
  if (from.length !== 1 || find?.program.value !== 'find' || find.calls !== undefined || knownText(word) !== '\u2026') return undefined;
  if (!find.cwd.known || !command.cwd.known || find.cwd.value !== command.cwd.value || find.where !== command.where) return undefined;
  // Its own actions stay its own (`find … -delete | xargs rm`), and what it prints must be the paths it found (not `-printf '/%P\n'`).
  if (find.argv.some((arg) => !arg.known || /^-(?:delete|exec|execdir|ok|okdir|printf|fprintf|fprint|fprint0|fls|ls)$/.test(arg.value))) return undefined;
  const placeholder: Word = {value: '{}', known: true, raw: '{}'};
  const exec = command.argv.map((arg) => (arg === word ? placeholder : arg));
  if (!exec.includes(placeholder)) exec.push(placeholder);
  const plain = (value: string): Word => ({value, known: true, raw: value});
  return {...find, argv: [...find.argv, plain('-exec'), ...exec, plain('+')]};
}

function mayBeUnknown(target: Target, command: SimpleCommand): boolean {
  if (target.op === 'append') return true;
  if ((target.op === 'chmod' || target.op === 'chown') && !target.recursive) return true;
  // find -exec rm {}: find's own start folders are checked as what it deletes.
  const word = target.word;
  return !word.known && /a path find found/.test(word.why) && command.via.some((via) => via.startsWith('find -'));
}

/**
 * A user or project layer's `paths.allow` carves out of that layer's own `paths.protect`
 * only (the scopes merge records); it never reaches what an earlier layer protects.
 */
function carvedOut(glob: string, path: string, policy: Policy, context: EvaluationContext, cwd: string | undefined): boolean {
  return (policy.paths.scopes ?? []).some(
    (scope) => scope.protect.includes(glob) && scope.allow.some((allow) => globMatcher(policyGlob(allow, context.home, cwd))(path.replace(/\/\u0000$/, '/x'))),
  );
}

function policyFindings(command: SimpleCommand, target: Target, place: Place, policy: Policy, context: EvaluationContext, allowed: (path: string) => boolean): PathFinding[] {
  const cwd = command.cwd.value ?? undefined;
  const findings: PathFinding[] = [];
  const path = place.path;
  const reaches = target.recursive || place.touch.contents;
  if (!allowed(path)) {
    for (const glob of policy.paths.protect) {
      if (carvedOut(glob, path, policy, context, cwd)) continue;
      const pattern = policyGlob(glob, context.home, cwd);
      const base = globBase(pattern);
      const inside = globMatcher(pattern)(path.replace(/\/\u0000$/, '/x'));
      const above = reaches && (path === '/' || base.startsWith(`${path}/`));
      if (inside || above) {
        findings.push({rule: 'paths.protect', word: target.word, source: policy.paths.sources[glob], reason: `${doing(command, target)} would ${verb(target)} ${path.replace(/\/\u0000$/, '')}, protected by the policy (${glob})`});
        break;
      }
    }
  }

  const confine = policy.paths.confine;
  if (confine && target.op !== 'append' && !(target.op === 'write' && isHarmlessDevice(path))) {
    const inRoot = confine.some((root) => globMatcher(policyGlob(root, context.home, cwd))(path.replace(/\/\u0000$/, '/x')));
    if (!inRoot) {
      const source = confine.map((root) => policy.paths.sources[root]).find(Boolean) ?? policy.paths.sources.confine;
      findings.push({rule: 'paths.confine', word: target.word, source, reason: `${doing(command, target)} would ${verb(target)} ${path.replace(/\/\u0000$/, '')}, outside the folders the policy confines destructive commands to (${confine.join(', ')})`});
    }
  }

  return findings;
}
