// How words and commands read in a reason: the expanded value where guard knows it, the
// words as written where it does not, quoted only where a shell would need it.
import type {Redirect, SimpleCommand, Word} from '../shell/index.js';

const placeholder = /\$\{__guard_unknown_\d+\}/g;

/** Text of a code string with each part guard cannot know read as `…`. */
export const readable = (text: string): string => text.replace(placeholder, '…');

/** A word as the command wrote it (placeholders for unknown parts of code strings read as `…`). */
export const written = (word: Word): string => readable(word.raw);

export function quoted(text: string): string {
  if (text === '') return "''";
  return /^[\w@%+=:,./~^-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A word as the program will get it: its value, or as written when guard cannot know it. */
export const spelled = (word: Word): string => (!word.known ? written(word) : word.glob ? word.value : quoted(word.value));

export function redirectText(redirect: Redirect): string {
  const fd = redirect.fd === undefined ? '' : String(redirect.fd);
  return `${fd}${redirect.op} ${redirect.op.startsWith('<<') && redirect.op !== '<<<' ? '…' : spelled(redirect.target)}`;
}

/** The simple command as it reads after expansion, with its own redirections. */
export function commandText(command: SimpleCommand): string {
  const words = command.argv.map(spelled);
  const redirects = command.redirects.filter((redirect) => !redirect.op.startsWith('<<') || redirect.op === '<<<').map(redirectText);
  return [...words, ...redirects].join(' ');
}

/** The program, its options, and the word at fault: `rm -rf /` for `sudo rm -v -rf -- /`. */
export function phrase(command: SimpleCommand, word: Word | undefined): string {
  const options = command.argv.slice(1).filter((arg) => arg !== word && arg.known && /^-./.test(arg.value) && arg.value !== '--' && arg.value.length <= 20);
  const parts = [command.program.value ?? written(command.program), ...options.slice(0, 3).map(spelled)];
  if (word && word !== command.argv[0]) parts.push(spelled(word));
  return parts.filter(Boolean).join(' ');
}

/** `("$DIR/" is /)` when the word as written differs from what the shell makes of it. */
export function expansionNote(word: Word, path?: string): string {
  if (!word.known) return '';
  const value = path ?? word.value;
  const raw = written(word);
  return raw !== value && raw !== word.value ? ` (${raw} is ${value})` : path !== undefined && path !== word.value ? ` (${word.value} is ${path})` : '';
}
