// A container folder that is a host folder: `docker run -v /:/host …` mounts the host's root at
// /host, so `rm -rf /host/etc` inside deletes the host's /etc. Every command run inside, and the
// code it runs in turn, has its paths read through the volumes.
import {posix} from 'node:path';
import type {Redirect, Word} from './types.js';

export interface Volume {
  host: string;
  inside: string;
}

/** The host path of a container path: `/host/etc` with `-v /:/host` is `/etc`; a path under no volume is judged as it is. */
export function onHost(path: string, volumes: Volume[]): string {
  for (const {host, inside} of volumes) {
    if (inside === '/') continue;
    if (path === inside || path.startsWith(`${inside}/`)) return posix.join(host, path.slice(inside.length)) || '/';
  }

  return path;
}

/** A word that is an absolute path (or `NAME=/path`, as dd's `of=`), read through the volumes. */
export function mapWord(word: Word, volumes: Volume[]): Word {
  if (!word.known) return word;
  const match = /^([A-Za-z_][\w-]*=)?(\/.*)$/.exec(word.value);
  if (!match) return word;
  const mapped = `${match[1] ?? ''}${onHost(match[2]!, volumes)}`;
  return mapped === word.value ? word : {...word, value: mapped};
}

export const mapRedirect = (redirect: Redirect, volumes: Volume[]): Redirect => {
  const target = mapWord(redirect.target, volumes);
  return target === redirect.target ? redirect : {...redirect, target};
};
