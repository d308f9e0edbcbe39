// Path globs of a policy (`paths.protect`, `operandsUnder`): `~` is the home folder, a relative
// glob is the command's working folder, and a glob names a folder and everything below it.
// Matchers are built on first use and kept for the process: nothing is compiled at import.
import {createRequire} from 'node:module';
import {posix} from 'node:path';
import type Picomatch from 'picomatch';

// Loaded on the first glob: most commands (and `guard run -- true`) never need it.
let loaded: typeof Picomatch | undefined;
const picomatch: typeof Picomatch = ((...args: Parameters<typeof Picomatch>) => {
  loaded ??= createRequire(import.meta.url)('picomatch') as typeof Picomatch;
  return loaded(...args);
}) as typeof Picomatch;

const matchers = new Map<string, (path: string) => boolean>();

/** Matches the glob itself and everything below it, dotfiles included. */
export function globMatcher(glob: string): (path: string) => boolean {
  let matcher = matchers.get(glob);
  if (!matcher) {
    const below = glob.endsWith('/**') ? glob : `${glob.replace(/\/+$/, '')}/**`;
    matcher = picomatch([glob === '/' ? '/' : glob.replace(/(.)\/+$/, '$1'), below], {dot: true});
    matchers.set(glob, matcher);
  }

  return matcher;
}

/** The glob as an absolute pattern; a relative one without a known cwd may match anywhere. */
export function policyGlob(glob: string, home: string, cwd: string | undefined): string {
  if (glob === '~') return home;
  if (glob.startsWith('~/')) return posix.join(home, glob.slice(2));
  if (glob.startsWith('/')) return glob;
  if (glob.startsWith('**')) return `/${glob}`;
  return cwd === undefined ? `/**/${glob}` : posix.join(cwd, glob);
}

/** The part of a glob before its first wildcard: `/srv/data` for `/srv/data/**`. */
export function globBase(glob: string): string {
  const segments = glob.split('/');
  const first = segments.findIndex((segment) => /[*?[\]{}()!+@]/.test(segment));
  const base = (first === -1 ? segments : segments.slice(0, first)).join('/');
  return base === '' ? '/' : base;
}

const shellGlobs = new Map<string, (path: string) => boolean>();
const findNames = new Map<string, (name: string) => boolean>();

/** A find `-name` pattern as find matches it: its `*` and `?` take a leading dot too (no FNM_PERIOD). */
export function findNameMatcher(pattern: string): (name: string) => boolean {
  let matcher = findNames.get(pattern);
  if (!matcher) {
    matcher = picomatch(pattern.replace(/(?<!\\)\[!/g, '[^'), {dot: true, nobrace: true, noextglob: true});
    findNames.set(pattern, matcher);
  }

  return matcher;
}

/**
 * A shell glob as bash expands it. A leading dot is matched only by a segment that starts with a
 * plain `.`, or with a bracket that admits one (`[.]ssh`: it matches `.ssh` once dotglob is on):
 * neither `*` nor `[!.]*` matches `.ssh` or `.git`.
 */
export function shellGlobMatcher(glob: string): (path: string) => boolean {
  let matcher = shellGlobs.get(glob);
  if (!matcher) {
    // The shell's `[!…]` is picomatch's `[^…]`: it reads `[!.]` as `!` or `.`.
    const matches = picomatch(glob.replace(/(?<!\\)\[!/g, '[^'), {dot: false, nobrace: true, noextglob: true});
    // `[.]ssh` too: with dotglob on (`shopt -s dotglob`, GLOBIGNORE set) a bracket that admits a dot matches `.ssh`.
    const dotted = glob.split('/').map((segment) => segment.startsWith('.') || segment.startsWith('\\.') || /^\[[^\]!^]*\./.test(segment));
    matcher = (path: string) => {
      if (!path.includes('/.') && !path.startsWith('.')) return matches(path);
      const segments = path.split('/');
      if (segments.length === dotted.length && segments.some((segment, at) => segment.startsWith('.') && !dotted[at])) return false;
      return matches(path);
    };

    shellGlobs.set(glob, matcher);
  }

  return matcher;
}
