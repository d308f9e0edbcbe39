// Who may read, write or run a path: modes and owners (chmod, chown, chgrp), ACLs (setfacl),
// file attributes (chattr +i), file capabilities (setcap) and SELinux labels (chcon). Each is
// a change of permissions of the paths it names, recursive where the program says so.
import {type SimpleCommand, type Word, normalizeOptions} from '../shell/index.js';
import type {Operation} from './paths.js';
import {written} from './spelling.js';
import {type Target, type Targets, informational, target} from './target.js';

/**
 * chmod's mode that only takes access away from group and others: `600`, `go-rwx`, `o=`. Given
 * to a tree (`-R`), a number applies to its folders too: one without the owner's x (`chmod -R 600
 * ~/.ssh`) leaves folders the owner cannot enter, which takes access away from the owner as well.
 */
function narrows(mode: string, recursive: boolean): boolean {
  if (/^0?[0-7]?[0-7]00$/.test(mode)) return !recursive || /[1357]00$/.test(mode);
  return mode.split(',').every((clause) => /^[go]+(-[rwxXst]*|=)$/.test(clause));
}

/**
 * Whether chmod's mode leaves others (not the group) without write: a number whose last digit
 * lacks it (`775`, `0644`), or clauses none of which adds or sets a w for them (`g+w`, `o-w`).
 * `+w` with no one named follows the umask, which keeps others out (022, 002).
 */
export function keepsOthersOut(mode: string): boolean {
  if (/^0?[0-7]{3,4}$/.test(mode)) return (Number.parseInt(mode.at(-1)!, 8) & 0o2) === 0;
  return mode.split(',').every((clause) => {
    const match = /^([ugoa]*)([-+=].*)$/.exec(clause);
    if (!match) return false;
    const [, who, actions] = match;
    return !/[oa]/.test(who!) || !/[+=][rxXst]*w/.test(actions!);
  });
}

function modes(command: SimpleCommand): Target[] {
  const name = command.program.value!;
  let recursive = false;
  let reference = false;
  const rest: Word[] = [];
  let ended = false;
  for (const word of command.argv.slice(1)) {
    const text = word.value;
    if (!ended && text === '--') ended = true;
    else if (!ended && text !== null && /^--/.test(text)) {
      if (/^--rec/.test(text)) recursive = true;
      if (/^--ref/.test(text)) reference = true;
      if (text === '--help' || text === '--version') return [];
    } else if (!ended && text !== null && /^-[cfvRhHLP]+$/.test(text)) recursive ||= text.includes('R');
    else rest.push(word);
  }

  const mode = reference ? undefined : rest[0];
  const paths = reference ? rest : rest.slice(1);
  const op: Operation = name === 'chmod' ? 'chmod' : 'chown';
  const narrowing = name === 'chmod' && mode?.known === true && narrows(mode.value, recursive);
  const othersOut = name === 'chmod' && mode?.known === true && keepsOthersOut(mode.value);
  // chgrp, and chown to a group alone (`chown :docker`), leave the owner as it was.
  const groupOnly = name === 'chgrp' || (name !== 'chmod' && mode?.known === true && mode.value.startsWith(':'));
  return paths.map((word) => target(word, op, recursive, {narrows: narrowing, ...(othersOut ? {othersOut} : {}), ...(groupOnly ? {groupOnly} : {})}));
}

const restoredFrom = (word: Word): Word => ({value: null, known: false, raw: `--restore=${written(word)}`, why: 'the paths setfacl --restore reads from a file'});

/** setfacl -m/-x/--set ACL FILE…: an ACL entry opens a file as surely as chmod; only removing entries narrows. */
function acl(command: SimpleCommand): Target[] {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {
    takesValue: ['-m', '-M', '-x', '-X', '--modify', '--modify-file', '--remove', '--remove-file', '--set', '--set-file', '--restore'],
    long: ['modify', 'modify-file', 'remove', 'remove-file', 'set', 'set-file', 'remove-all', 'remove-default', 'no-mask', 'mask', 'default', 'restore', 'test', 'recursive', 'logical', 'physical', 'version', 'help'],
    aliases: {'--modify': '-m', '--modify-file': '-M', '--remove': '-x', '--remove-file': '-X', '--remove-all': '-b', '--remove-default': '-k', '--recursive': '-R', '--default': '-d'},
  });
  if (informational(flags) || flags.has('--test')) return [];
  const restore = values.get('--restore');
  if (restore) return [target(restoredFrom(restore), 'chmod', true)];
  const narrowing = !['-m', '-M', '--set', '--set-file'].some((flag) => flags.has(flag));
  return operands.map((word) => target(word, 'chmod', flags.has('-R'), {narrows: narrowing}));
}

/** chattr [-RVf] [-v N] [-p N] [+-=][aAcCdDeFijmPsStTux] FILE…: `-i` is a mode, not an option. */
function attributes(command: SimpleCommand): Target[] {
  const files: Word[] = [];
  let recursive = false;
  const args = command.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === '-v' || text === '-p') i++;
    else if (text !== null && /^-[RVf]+$/.test(text)) recursive ||= text.includes('R');
    else if (text !== null && /^[-+=][aAcCdDeFijmPsStTux]+$/.test(text)) continue;
    else if (text !== '--') files.push(args[i]!);
  }

  return files.map((word) => target(word, 'chmod', recursive));
}

/** setcap CAPS FILE [CAPS FILE…] (`-r` for CAPS removes them); `-v` only verifies. */
function capabilities(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const pairs: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === '-v' || text === '--verify' || text === '-h' || text === '--help') return [];
    if (text === '-n') i++;
    else if (text === '-q') continue;
    else pairs.push(args[i]!);
  }

  return pairs.filter((_, i) => i % 2 === 1).map((word) => target(word, 'chmod'));
}

/** chcon CONTEXT FILE…, or chcon -t TYPE FILE… / --reference=R FILE…: an SELinux label is a permission. */
function labels(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {
    takesValue: ['-u', '-r', '-t', '-l', '--user', '--role', '--type', '--range', '--reference'],
    long: ['user', 'role', 'type', 'range', 'reference', 'recursive', 'dereference', 'no-dereference', 'preserve-root', 'no-preserve-root', 'verbose', 'help', 'version'],
    aliases: {'--user': '-u', '--role': '-r', '--type': '-t', '--range': '-l', '--recursive': '-R'},
  });
  if (informational(flags)) return [];
  const partial = ['-u', '-r', '-t', '-l', '--reference'].some((flag) => flags.has(flag));
  return (partial ? operands : operands.slice(1)).map((word) => target(word, 'chmod', flags.has('-R')));
}

export const permissionHandlers: Record<string, Targets> = {chmod: modes, chown: modes, chgrp: modes, setfacl: acl, chattr: attributes, setcap: capabilities, chcon: labels};
