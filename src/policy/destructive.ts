// Which words of a command are paths it destroys, and how: rm's operands, mv's sources and
// destination, dd's of=, a redirection's target… Options are read as each program reads them.
import {posix} from 'node:path';
import {type OptionSpec, type SimpleCommand, type Word, normalizeOptions} from '../shell/index.js';
import type {Operation} from './paths.js';

export interface Target {
  /** The word that names the path, as the command wrote it. */
  word: Word;
  /** The path, when it is not the word's value (`of=/dev/sda`, `cp x /etc` writes `/etc/x`). */
  path?: string;
  op: Operation;
  recursive: boolean;
  contents: boolean;
  narrows?: boolean;
  /** How the reason names the action: `rm -rf`, `>`, `find -delete`. */
  doer?: string;
}

const target = (word: Word, op: Operation, recursive = false, more: Partial<Target> = {}): Target => ({word, op, recursive, contents: false, ...more});

const rmSpec: OptionSpec = {
  long: ['force', 'interactive', 'one-file-system', 'no-preserve-root', 'preserve-root', 'recursive', 'dir', 'verbose', 'help', 'version'],
  aliases: {'-R': '-r', '--recursive': '-r', '--force': '-f', '--dir': '-d'},
};

const informational = (flags: Set<string>) => flags.has('--help') || flags.has('--version');

function rm(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), rmSpec);
  if (informational(flags)) return [];
  return operands.map((word) => target(word, 'delete', flags.has('-r')));
}

function rmdir(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {long: ['ignore-fail-on-non-empty', 'parents', 'verbose', 'help', 'version']});
  if (informational(flags)) return [];
  return operands.map((word) => target(word, 'delete'));
}

const unlink = (command: SimpleCommand): Target[] => command.argv.slice(1).filter((word) => word.value !== '--' && !word.value?.startsWith('--')).map((word) => target(word, 'delete'));

const copySpec: OptionSpec = {
  takesValue: ['-S', '-t', '--suffix', '--target-directory', '-m', '-o', '-g', '--mode', '--owner', '--group', '--strip-program'],
  long: [
    'archive', 'attributes-only', 'backup', 'copy-contents', 'dereference', 'force', 'interactive', 'link', 'no-dereference', 'no-clobber', 'no-preserve',
    'no-target-directory', 'parents', 'preserve', 'recursive', 'reflink', 'remove-destination', 'sparse', 'strip-trailing-slashes', 'suffix', 'symbolic-link',
    'target-directory', 'update', 'verbose', 'one-file-system', 'context', 'help', 'version', 'debug', 'keep-directory-symlink', 'directory', 'mode', 'owner',
    'group', 'strip', 'strip-program', 'compare', 'preserve-timestamps', 'exchange', 'no-copy',
  ],
  aliases: {'--target-directory': '-t', '--no-target-directory': '-T', '--suffix': '-S', '--recursive': '-r', '-R': '-r', '--no-clobber': '-n', '--directory': '-d'},
};

/** cp, mv, install: what is written (the destination, or each source's name inside it) and what moves away. */
function copyLike(command: SimpleCommand, op: Operation, moves: boolean): Target[] {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), copySpec);
  if (informational(flags)) return [];
  if (command.program.value === 'install' && flags.has('-d')) return [];
  const into = values.get('-t');
  const dest = into ?? (operands.length >= 2 ? operands.at(-1) : undefined);
  if (!dest) return [];
  const sources = into ? operands : operands.slice(0, -1);
  const targets: Target[] = moves ? sources.map((word) => target(word, 'move')) : [];
  const noClobber = flags.has('-n') || values.get('--update')?.value === 'none';
  if (noClobber) return targets;
  const intoFolder = into !== undefined || sources.length > 1 || (dest.known && dest.value.endsWith('/'));
  if (!dest.known || flags.has('-T') || !intoFolder) targets.push(target(dest, op));
  if (dest.known && !flags.has('-T')) {
    for (const source of sources) {
      if (source.known && source.value !== '') targets.push(target(dest, op, false, {path: posix.join(dest.value, posix.basename(source.value))}));
    }
  }

  return targets;
}

function tee(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {long: ['append', 'ignore-interrupts', 'output-error', 'help', 'version'], aliases: {'--append': '-a'}});
  if (informational(flags)) return [];
  return operands.map((word) => target(word, flags.has('-a') ? 'append' : 'write'));
}

function dd(command: SimpleCommand): Target[] {
  return command.argv.slice(1).flatMap((word) => {
    if (word.known) return word.value.startsWith('of=') ? [target(word, 'write', false, {path: word.value.slice(3), doer: 'dd'})] : [];
    return /^of=/.test(word.raw) ? [target(word, 'write', false, {doer: 'dd'})] : [];
  });
}

function truncate(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-s', '-r', '--size', '--reference'], long: ['no-create', 'io-blocks', 'reference', 'size', 'help', 'version']});
  if (informational(flags)) return [];
  return operands.map((word) => target(word, 'truncate'));
}

function shred(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {
    takesValue: ['-n', '-s', '--iterations', '--size', '--random-source'],
    long: ['force', 'iterations', 'random-source', 'size', 'remove', 'verbose', 'exact', 'zero', 'help', 'version'],
    aliases: {'--remove': '-u'},
  });
  if (informational(flags)) return [];
  return operands.flatMap((word) => [target(word, 'write'), ...(flags.has('-u') ? [target(word, 'delete')] : [])]);
}

/** chmod's mode that only takes access away from group and others: `600`, `go-rwx`, `o=`. */
function narrows(mode: string): boolean {
  if (/^0?[0-7]?[0-7]00$/.test(mode)) return true;
  return mode.split(',').every((clause) => /^[go]+(-[rwxXst]*|=)$/.test(clause));
}

function permissions(command: SimpleCommand): Target[] {
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
  const narrowing = name === 'chmod' && mode?.known === true && narrows(mode.value);
  return paths.map((word) => target(word, op, recursive, {narrows: narrowing}));
}

const findGlobal = new Set(['-H', '-L', '-P']);
const findDestroys: Record<string, Operation> = {rm: 'delete', unlink: 'delete', rmdir: 'delete', shred: 'write', chmod: 'chmod', chown: 'chown', chgrp: 'chown', truncate: 'truncate', mv: 'move'};

/**
 * find's start folders, when it deletes (`-delete`) or runs a destructive program on what it
 * finds: each counts as "what is in this folder, recursively" (`find / -delete` reaches all of
 * `/`). The `{}` of `-exec rm {}` is then not an unknown target of its own.
 */
function find(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  let i = 0;
  for (let text = args[0]?.value; text != null && (findGlobal.has(text) || /^-O\d*$/.test(text) || text === '-D'); text = args[i]?.value) i += text === '-D' ? 2 : 1;
  const starts: Word[] = [];
  for (; i < args.length; i++) {
    const word = args[i]!;
    if (word.known && (/^-./.test(word.value) || word.value === '(' || word.value === '!' || word.value === ',')) break;
    starts.push(word);
  }

  const ops: Operation[] = [];
  for (let k = i; k < args.length; k++) {
    const text = args[k]!.value;
    if (text === '-delete') ops.push('delete');
    if (text === '-exec' || text === '-execdir' || text === '-ok' || text === '-okdir') {
      const program = args[k + 1]?.value;
      const op = program ? findDestroys[posix.basename(program)] : undefined;
      if (op) ops.push(op);
    }
  }

  const folders = starts.length > 0 ? starts : [{value: '.', known: true, raw: '.'} as Word];
  return [...new Set(ops)].flatMap((op) => folders.map((word) => target(word, op, true, {contents: true, doer: op === 'delete' ? 'find -delete' : 'find -exec'})));
}

const rsyncDeletes = new Set(['--del', '--delete', '--delete-before', '--delete-during', '--delete-delay', '--delete-after', '--delete-excluded', '--delete-missing-args']);
const rsyncValues = [
  '-e', '--rsh', '--rsync-path', '-f', '--filter', '--exclude', '--include', '--exclude-from', '--include-from', '--files-from', '-T', '--temp-dir',
  '--compare-dest', '--copy-dest', '--link-dest', '--backup-dir', '--suffix', '--timeout', '--contimeout', '--bwlimit', '--log-file', '--log-file-format',
  '--password-file', '--port', '--chmod', '--chown', '--usermap', '--groupmap', '--max-size', '--min-size', '--max-delete', '--partial-dir', '--out-format',
  '--iconv', '--info', '--debug', '-B', '--block-size', '--address', '--sockopts', '--outbuf', '--modify-window', '--checksum-choice', '--compress-choice',
  '--compress-level', '--skip-compress', '-M', '--remote-option', '--stop-after', '--stop-at', '--write-batch', '--only-write-batch', '--read-batch',
];
const isRemote = (word: Word) => word.known && (/^[^/]*:/.test(word.value) || word.value.startsWith('rsync://'));

function rsync(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: rsyncValues});
  if (flags.has('-n') || flags.has('--dry-run') || operands.length < 2) return [];
  const dest = operands.at(-1)!;
  const targets: Target[] = [];
  if ([...flags].some((flag) => rsyncDeletes.has(flag)) && !isRemote(dest)) targets.push(target(dest, 'delete', true, {contents: true, doer: 'rsync --delete'}));
  if (flags.has('--remove-source-files')) {
    for (const source of operands.slice(0, -1)) if (!isRemote(source)) targets.push(target(source, 'delete', true, {contents: true, doer: 'rsync --remove-source-files'}));
  }

  return targets;
}

const formatValues = ['-t', '-L', '-b', '-E', '-O', '-N', '-m', '-g', '-G', '-i', '-I', '-J', '-o', '-r', '-T', '-U', '-e', '-d', '-C', '-M', '-l', '-n', '-p', '-s', '-c', '-f', '-F', '-S', '-z', '--label', '--uuid', '--pagesize', '--type'];

/** mkfs*, mke2fs, mkswap: every operand that is not a number (a block count) is the device. */
function format(command: SimpleCommand): Target[] {
  const name = command.program.value!;
  const takesValue = name === 'mkswap' ? ['-L', '-U', '-p', '--label', '--uuid', '--pagesize', '-o', '--offset', '-s', '--size'] : formatValues.filter((flag) => !['-F', '-c', '-f', '-n', '-q'].includes(flag));
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue});
  if (flags.has('-V') || flags.has('--help') || flags.has('--version')) return [];
  return operands.filter((word) => !word.known || !/^\d+$/.test(word.value)).map((word) => target(word, 'format'));
}

function wipefs(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {
    takesValue: ['-o', '-t', '-O', '-b', '--offset', '--types', '--output', '--backup'],
    long: ['all', 'backup', 'force', 'help', 'lock', 'no-act', 'no-headings', 'json', 'offset', 'output', 'parsable', 'quiet', 'types', 'version'],
    aliases: {'--all': '-a', '--offset': '-o', '--no-act': '-n'},
  });
  if (flags.has('-n') || !(flags.has('-a') || flags.has('-o'))) return [];
  return operands.map((word) => target(word, 'format'));
}

function blkdiscard(command: SimpleCommand): Target[] {
  const {operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-o', '-l', '-p', '--offset', '--length', '--step']});
  return operands.map((word) => target(word, 'format'));
}

/** sed -i rewrites each file in place: an overwrite of what it names. */
function sedInPlace(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const inPlace = args.some((word) => word.known && ((/^-[a-zA-Z]*i/.test(word.value) && !word.value.startsWith('--')) || /^--in-place(=|$)/.test(word.value)));
  if (!inPlace) return [];
  const {operands, values} = normalizeOptions(args, {takesValue: ['-e', '-f', '-l', '--expression', '--file', '--line-length'], long: ['expression', 'file', 'in-place', 'quiet', 'silent', 'regexp-extended', 'separate', 'null-data', 'unbuffered', 'debug', 'posix', 'sandbox', 'follow-symlinks', 'line-length', 'help', 'version']});
  const scripted = values.has('-e') || values.has('-f') || values.has('--expression') || values.has('--file');
  return (scripted ? operands : operands.slice(1)).map((word) => target(word, 'write'));
}

const handlers: Record<string, (command: SimpleCommand) => Target[]> = {
  sed: sedInPlace,
  rm,
  rmdir,
  unlink,
  cp: (command) => copyLike(command, 'write', false),
  mv: (command) => copyLike(command, 'replace', true),
  install: (command) => copyLike(command, 'replace', false),
  tee,
  dd,
  truncate,
  shred,
  chmod: permissions,
  chown: permissions,
  chgrp: permissions,
  find,
  rsync,
  mke2fs: format,
  mkswap: format,
  wipefs,
  blkdiscard,
};

/** The paths a redirection overwrites (`>`, `>|`, `&>`, `>&file`) or appends to (`>>`, `&>>`). */
function redirected(command: SimpleCommand): Target[] {
  return command.redirects.flatMap((redirect): Target[] => {
    const doer = `${redirect.fd ?? ''}${redirect.op}`;
    switch (redirect.op) {
      case '>':
      case '>|':
      case '&>':
        return [target(redirect.target, 'write', false, {doer})];
      case '>>':
      case '&>>':
        return [target(redirect.target, 'append', false, {doer})];
      case '>&':
        return redirect.target.known && /^(\d+|-)$/.test(redirect.target.value) ? [] : [target(redirect.target, 'write', false, {doer})];
      default:
        return [];
    }
  });
}

/** Every path the command would destroy, overwrite, append to or re-permission, with how. */
export function targetsOf(command: SimpleCommand): Target[] {
  const name = command.program.value;
  const handler = name === null ? undefined : Object.hasOwn(handlers, name) ? handlers[name] : name.startsWith('mkfs') ? format : undefined;
  return [...(handler ? handler(command) : []), ...redirected(command)];
}

/** Whether the program is one the contract calls destructive (for `paths.confine` and the unknown-target rule). */
export const isDestructiveProgram = (name: string): boolean => Object.hasOwn(handlers, name) || name.startsWith('mkfs');
