import {userInfo} from 'node:os';

let name: string | null | undefined;

/**
 * The name of the user guard runs as, read once per process: each read goes through the
 * password database (nsswitch.conf, /etc/passwd), and a run asked twice. Null for a uid the
 * database does not know.
 */
export function userName(): string | null {
  if (name === undefined) {
    try {
      name = userInfo().username;
    } catch {
      name = null;
    }
  }

  return name;
}

/** The user as a run row names it: by name, else by uid. */
export function userLabel(): string {
  return userName() ?? `uid ${process.getuid?.() ?? '?'}`;
}
