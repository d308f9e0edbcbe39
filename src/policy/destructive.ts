// Which words of a command are paths it destroys or writes, and how: rm's operands, mv's sources
// and destination, dd's of=, a redirection's target… Options are read as each program reads them.
// The families with many members have their own files: permissions.ts (chmod, setfacl, chattr…),
// writers.ts (sort -o, curl -o, ln, perl -i, ed…), archives.ts (tar -x, unzip, cpio, patch) and
// disks.ts (mkfs, fdisk, cryptsetup, mdadm…); this file dispatches to them.
import {posix} from 'node:path';
import {type OptionSpec, type SimpleCommand, type Word, normalizeOptions} from '../shell/index.js';
import {archiveHandlers} from './archives.js';
import {diskHandlerOf} from './disks.js';
import type {Operation} from './paths.js';
import {keepsOthersOut, permissionHandlers} from './permissions.js';
import {type Target, type Targets, informational, target} from './target.js';
import {inPlaceSwitches, writerHandlers} from './writers.js';

const rmSpec: OptionSpec = {
  long: ['force', 'interactive', 'one-file-system', 'no-preserve-root', 'preserve-root', 'recursive', 'dir', 'verbose', 'help', 'version'],
  aliases: {'-R': '-r', '--recursive': '-r', '--force': '-f', '--dir': '-d'},
};

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
  // `cp -l` (`cp -al`): each file is given a second name, not copied.
  if (!moves && (flags.has('-l') || flags.has('--link'))) for (const word of sources) targets.push(target(word, 'write', flags.has('-r') || flags.has('-a') || flags.has('--archive'), {guardOnly: 'link', doer: `${command.program.value} -l`}));
  const noClobber = flags.has('-n') || values.get('--update')?.value === 'none';
  if (noClobber) return targets;
  const intoFolder = into !== undefined || sources.length > 1 || (dest.known && dest.value.endsWith('/'));
  if (!dest.known || flags.has('-T') || !intoFolder) targets.push(target(dest, op));
  if (dest.known && !flags.has('-T')) {
    for (const source of sources) {
      if (!source.known || source.value === '') continue;
      // `cp -a ./rootfs/. /` copies what is in the folder, not the folder; `cp -r ./overlay/* /` any name at all.
      const contents = /(^|\/)\.\/?$/.test(source.value) || (source.glob === true && /[*?[]/.test(posix.basename(source.value)));
      if ((flags.has('-r') || flags.has('-a') || flags.has('--archive')) && contents) targets.push(target(dest, 'unpack', true, {doer: `${command.program.value} -r ${source.value}`}));
      else targets.push(target(dest, op, false, {path: posix.join(dest.value, posix.basename(source.value)), ...(intoFolder ? {} : {ifFolder: true})}));
    }
  }

  return targets;
}

function tee(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {long: ['append', 'ignore-interrupts', 'output-error', 'help', 'version'], aliases: {'--append': '-a'}});
  if (informational(flags)) return [];
  return operands.map((word) => target(word, flags.has('-a') ? 'append' : 'write'));
}

/** dd of=FILE (and its clones dcfldd, sg_dd: of= and, for dcfldd, of1=, of2=…). */
function dd(command: SimpleCommand): Target[] {
  const doer = command.program.value!;
  return command.argv.slice(1).flatMap((word) => {
    if (word.known) return /^of\d*=/.test(word.value) ? [target(word, 'write', false, {path: word.value.slice(word.value.indexOf('=') + 1), doer})] : [];
    return /^of\d*=/.test(word.raw) ? [target(word, 'write', false, {doer})] : [];
  });
}

/** ddrescue IN OUT [MAPFILE]: OUT (a disk, with -f) and the map file are written. */
function ddrescue(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-b', '--sector-size', '-c', '--cluster-size', '-i', '--input-position', '-o', '--output-position', '-s', '--size', '-r', '--retry-passes', '-m', '--domain-mapfile', '-K', '--skip-size', '-a', '--min-read-rate', '-e', '--max-errors', '-T', '--timeout', '-x', '--extend-outfile']});
  if (informational(flags)) return [];
  return operands.slice(1, 3).map((word) => target(word, 'write', false, {doer: 'ddrescue'}));
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

/** wipe, srm and scrub overwrite what they name (wipe and srm then delete it, -r into folders). */
function wipe(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-p', '-l', '-x', '-X', '-b', '-S', '--pattern', '--blocksize', '--device-size']});
  if (informational(flags) || flags.has('-h')) return [];
  const recursive = flags.has('-r') || flags.has('-R') || flags.has('--recursive');
  const deletes = command.program.value !== 'scrub' || flags.has('-r') || flags.has('--remove');
  return operands.flatMap((word) => [target(word, 'write', recursive), ...(deletes ? [target(word, 'delete', recursive)] : [])]);
}

/** fallocate --punch-hole / --zero-range / --collapse-range / --insert-range destroy or move a file's data. */
function fallocate(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-l', '--length', '-o', '--offset'], aliases: {'--punch-hole': '-p', '--zero-range': '-z', '--collapse-range': '-c', '--insert-range': '-i'}});
  return ['-p', '-z', '-c', '-i'].some((flag) => flags.has(flag)) ? operands.map((word) => target(word, 'write', false, {doer: 'fallocate'})) : [];
}

/** rename EXPR FILE… (perl's) or rename FROM TO FILE… (util-linux): each file moves away; -n only shows. */
function rename(command: SimpleCommand): Target[] {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {takesValue: ['-e', '-E'], aliases: {'--nono': '-n', '--no-act': '-n', '--dry-run': '-n'}});
  if (informational(flags) || flags.has('-n') || flags.has('-h')) return [];
  return (values.has('-e') || values.has('-E') ? operands : operands.slice(1)).map((word) => target(word, 'move', false, {doer: 'rename'}));
}

const findGlobal = new Set(['-H', '-L', '-P']);
const findDestroys: Record<string, Operation> = {rm: 'delete', unlink: 'delete', rmdir: 'delete', shred: 'write', chmod: 'chmod', chown: 'chown', chgrp: 'chown', truncate: 'truncate', mv: 'move', wipefs: 'erase', blkdiscard: 'erase'};

const execShells = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash']);

/**
 * `find / -exec sh -c 'rm -rf "$1"' _ {} \;`: what the code string runs on each path found,
 * read as if find ran that program itself: the first word of each of its commands (after
 * `sudo`, `command`, assignments), `sed -i`, and an output redirection (`: > "$1"`). What find
 * starts from is then judged, and a project's own folders stay allowed.
 */
function shellDestroys(program: string, words: Word[]): Operation | undefined {
  if (!execShells.has(program)) return undefined;
  const end = words.findIndex((word) => word.value === ';' || word.value === '+');
  const own = end === -1 ? words : words.slice(0, end);
  const at = own.findIndex((word) => word.known && /^-[a-z]*c[a-z]*$/.test(word.value));
  const code = at === -1 ? undefined : own[at + 1];
  if (!code?.known) return undefined;
  for (const part of code.value.split(/;|&&|\|\||\||\n|\(|\)|\b(?:then|do|else)\b/)) {
    if (/(?:^|[^<>&\d])>\s*["']?(?:\$|\{\})/.test(part)) return 'truncate';
    const tokens = part.trim().split(/\s+/).filter((token) => token !== '' && !/^\w+=/.test(token));
    while (tokens[0] === 'sudo' || tokens[0] === 'command' || tokens[0] === 'exec' || tokens[0] === 'xargs') tokens.shift();
    const name = posix.basename(tokens[0] ?? '');
    const op = Object.hasOwn(findDestroys, name) ? findDestroys[name] : editsInPlace(name, tokens.slice(1).map((value) => ({value, known: true, raw: value}) as Word));
    if (op) return op;
  }

  return undefined;
}

/** `find … -exec sed -i …` and `perl -pi`: each file found is rewritten. Only the words up to the command's `;` or `+`. */
function editsInPlace(program: string, words: Word[]): Operation | undefined {
  const end = words.findIndex((word) => word.value === ';' || word.value === '+');
  const own = end === -1 ? words : words.slice(0, end);
  if (program === 'sed' || program === 'gsed') return sedEdits(own) ? 'write' : undefined;
  if (program === 'perl' || program === 'ruby') return inPlaceSwitches(program, own).edits ? 'write' : undefined;
  return undefined;
}

/** sed -i, -Ei, --in-place[=SUFFIX]: it rewrites the files it is given. */
const sedEdits = (args: readonly Word[]) => args.some((word) => word.known && ((/^-[a-zA-Z]*i/.test(word.value) && !word.value.startsWith('--')) || /^--in-place(=|$)/.test(word.value)));

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
  const written: Target[] = [];
  // What chmod or chown is run with: a mode that keeps others out, a tightening, a group alone.
  const modes: Partial<Target> = {};
  for (let k = i; k < args.length; k++) {
    const text = args[k]!.value;
    if (text === '-delete') ops.push('delete');
    if ((text === '-fprint' || text === '-fprint0' || text === '-fprintf' || text === '-fls') && args[k + 1]) written.push(target(args[k + 1]!, 'write', false, {doer: `find ${text}`}));
    if (text === '-exec' || text === '-execdir' || text === '-ok' || text === '-okdir') {
      const program = args[k + 1]?.value;
      const name = program ? posix.basename(program) : undefined;
      const op = name ? ((Object.hasOwn(findDestroys, name) ? findDestroys[name] : undefined) ?? editsInPlace(name, args.slice(k + 2)) ?? shellDestroys(name, args.slice(k + 2))) : undefined;
      if (op) ops.push(op);
      const mode = args.slice(k + 2).find((word) => !(word.known && word.value.startsWith('-') && !/^-[rwxXst]+$/.test(word.value)));
      if ((name === 'chmod' || name === 'chown' || name === 'chgrp') && mode?.known) Object.assign(modes, modeOf(name, mode.value));
    }
  }

  const folders = starts.length > 0 ? starts : [{value: '.', known: true, raw: '.'} as Word];
  // A test on names, ages, sizes or owners picks some of what is there (`-type` alone does not).
  // A test that matches everything (`-name '*'`) picks nothing out; one after -delete (`find D -delete -name x`) comes too late.
  const firstAction = args.findIndex((word, k) => k >= i && (word.value === '-delete' || word.value === '-exec' || word.value === '-execdir' || word.value === '-ok' || word.value === '-okdir'));
  const filtered = args.slice(i, firstAction === -1 ? undefined : firstAction).some((word, k, rest) => word.known && /^-(?:i?name|i?path|i?wholename|i?regex|[amc](?:time|min)|newer\w*|user|uid|group|gid|nouser|nogroup|perm|empty|inum|samefile)$/.test(word.value) && !/^(?:\*|\.\*|\*\/?\*?)$/.test(rest[k + 1]?.value ?? ''));
  const names = filtered ? pickedNames(args.slice(i, firstAction === -1 ? undefined : firstAction)) : undefined;
  // `-mindepth 1`, or a type a folder is not (`-type f`): the start folder itself is never acted on.
  const before = args.slice(i, firstAction === -1 ? undefined : firstAction);
  const aged = before.some((word) => word.known && /^-(?:[amc](?:time|min)|newer\w*)$/.test(word.value));
  const notItself = before.some((word, k) => (word.value === '-mindepth' && Number(before[k + 1]?.value) >= 1) || (word.value === '-type' && before[k + 1]?.known === true && !before[k + 1]!.value!.includes('d')));
  // Picked by one exact name alone (`-name auth.log`, no wildcard, no other test), the file of
  // that name in each start folder is among what it acts on, judged as that file.
  const tests = args.slice(i, firstAction === -1 ? undefined : firstAction).filter((word) => word.known && /^-(?!type$|maxdepth$|mindepth$|xdev$|mount$|depth$|print)[a-z]/.test(word.value));
  const exact = tests.length === 1 && tests[0]!.value === '-name' ? args[args.indexOf(tests[0]!) + 1] : undefined;
  const named = exact?.known && /^[^*?[\]\\/]+$/.test(exact.value) ? exact.value : undefined;
  const files = named === undefined ? [] : folders.flatMap((word) => (word.known && word.value !== '/' ? [{...word, value: posix.join(word.value, named), raw: posix.join(word.raw, named)} as Word] : []));
  return [
    ...written,
    ...[...new Set(ops)].flatMap((op) => [
      ...folders.map((word) => target(word, op, true, {contents: true, doer: op === 'delete' ? 'find -delete' : 'find -exec', ...(filtered ? {filtered} : {}), ...(names ? {names} : {}), ...(aged ? {aged} : {}), ...(notItself ? {notItself} : {}), ...(op === 'chmod' || op === 'chown' ? modes : {})})),
      ...files.map((word) => target(word, op, true, {doer: op === 'delete' ? 'find -delete' : 'find -exec'})),
    ]),
  ];
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

/** The path of `[USER@]HOST:PATH` on that host, home-relative ones under `home` (the remote home, judged as this one). */
function remotePath(word: Word, home: string | null | undefined): string | undefined {
  if (!word.known || word.value.startsWith('rsync://') || /^[^/]*::/.test(word.value)) return undefined;
  const path = word.value.slice(word.value.indexOf(':') + 1);
  if (path.startsWith('/')) return path;
  if (!home) return undefined;
  return posix.join(home, path.replace(/^~(?=\/|$)/, ''));
}

function rsync(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: rsyncValues});
  if (flags.has('-n') || flags.has('--dry-run') || operands.length < 2) return [];
  const dest = operands.at(-1)!;
  const targets: Target[] = [];
  if (!isRemote(dest) && !flags.has('--list-only')) targets.push(target(dest, 'unpack', true, {doer: 'rsync onto'}));
  // Files written onto another host (`rsync -a ./conf/ root@host:/etc/`) are judged as if here, as commands sent over ssh are.
  const remoteDest = isRemote(dest) && !flags.has('--list-only') ? remotePath(dest, command.env.HOME) : undefined;
  if (remoteDest !== undefined) targets.push(target(dest, 'unpack', true, {path: remoteDest, doer: 'rsync onto'}));
  if ([...flags].some((flag) => rsyncDeletes.has(flag))) {
    const fromEmpty = operands.slice(0, -1).some((source) => source.known && /(?:^|\/)(?:empty|empty[-_]?dir|blank)\/?$/i.test(source.value)) ? {fromEmpty: true as const} : {};
    if (!isRemote(dest)) targets.push(target(dest, 'delete', true, {contents: true, mirrors: true, ...fromEmpty, doer: 'rsync --delete'}));
    else {
      // HOST:PATH is judged as if here, as commands sent over ssh are: `HOST:` and `HOST:~/` are the home folder.
      const path = remotePath(dest, command.env.HOME);
      if (path !== undefined) targets.push(target(dest, 'delete', true, {contents: true, path, mirrors: true, doer: 'rsync --delete onto'}));
    }
  }
  if (flags.has('--remove-source-files')) {
    for (const source of operands.slice(0, -1)) if (!isRemote(source)) targets.push(target(source, 'delete', true, {contents: true, doer: 'rsync --remove-source-files'}));
  }

  return targets;
}

/** sed's `w FILE` command and `s///w FILE` flag (and W): each writes FILE, -i or not. `w` takes the rest of the line. */
const sedWrites = /(?:^|[;{}!$\d]|\/[gpiImMeE\d]*)\s*[wW]\s+([^\n]+)/gm;

/** sed -i rewrites each file in place: an overwrite of what it names; a script's `w FILE` writes FILE. */
function sedInPlace(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const inPlace = sedEdits(args);
  const {operands, values} = normalizeOptions(args, {takesValue: ['-e', '-f', '-l', '--expression', '--file', '--line-length'], long: ['expression', 'file', 'in-place', 'quiet', 'silent', 'regexp-extended', 'separate', 'null-data', 'unbuffered', 'debug', 'posix', 'sandbox', 'follow-symlinks', 'line-length', 'help', 'version']});
  const scripted = values.has('-e') || values.has('-f') || values.has('--expression') || values.has('--file');
  const scripts = scripted ? args.filter((word, i) => ['-e', '--expression'].includes(args[i - 1]?.value ?? '') || /^(-e.|--expression=)/.test(word.value ?? '')) : operands.slice(0, 1);
  const written = scripts.flatMap((script) => (script.known ? [...script.value.matchAll(sedWrites)].map((match) => target(script, 'write', false, {path: match[1]!.trim(), doer: 'sed w', inside: true})) : []));
  if (!inPlace) return written;
  return [...written, ...(scripted ? operands : operands.slice(1)).map((word) => target(word, 'write'))];
}

const scpValues = ['-P', '-i', '-o', '-F', '-c', '-l', '-S', '-J', '-D', '-X'];

/** scp onto another host: the file or folder written there, judged as if here (`scp passwd root@host:/etc/passwd`). */
function scp(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: scpValues});
  const dest = operands.at(-1);
  if (operands.length < 2 || !dest || !/^[^/]*:/.test(dest.value ?? '')) return [];
  const path = remotePath(dest, command.env.HOME);
  if (path === undefined) return [];
  // A folder copied (`-r`) lands anywhere below the destination; a file copied into a folder (`host:/root/`) is that file there;
  // onto a path, that file is replaced.
  if (flags.has('-r')) return [target(dest, 'unpack', true, {path, doer: 'scp onto'})];
  const into = path.endsWith('/') || operands.length > 2;
  if (!into) return [target(dest, 'write', false, {path: posix.normalize(path), doer: 'scp onto'})];
  return operands.slice(0, -1).flatMap((source) => (source.known ? [target(dest, 'write', false, {path: posix.join(path, posix.basename(source.value)), doer: 'scp onto'})] : [target(dest, 'unpack', true, {path, doer: 'scp onto'})]));
}

const handlers: Record<string, Targets> = {
  ...writerHandlers,
  ...archiveHandlers,
  ...permissionHandlers,
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
  wipe,
  srm: wipe,
  scrub: wipe,
  fallocate,
  rename,
  prename: rename,
  dcfldd: dd,
  sg_dd: dd,
  ddrescue,
  find,
  rsync,
  scp,
};

/** The paths a redirection overwrites (`>`, `>|`, `&>`, `>&file`) or writes without emptying (`>>`, `&>>`, `<>`). */
function redirected(command: SimpleCommand): Target[] {
  const targets: Target[] = [];
  for (const redirect of command.redirects) {
    const doer = `${redirect.fd ?? ''}${redirect.op}`;
    switch (redirect.op) {
      case '>':
      case '>|':
      case '&>':
        // `: > FILE` leaves it empty: a truncation, which no update of a file's contents is.
        targets.push(target(redirect.target, printsNothing(command) ? 'truncate' : 'write', false, {doer}));
        break;
      case '>>':
      case '&>>':
      case '<>':
        targets.push(target(redirect.target, 'append', false, {doer}));
        break;
      case '>&':
        if (!(redirect.target.known && /^(\d+|-)$/.test(redirect.target.value))) targets.push(target(redirect.target, 'write', false, {doer}));
        break;
      default:
    }
  }

  return targets;
}

/** chmod's or chown's first word as a find runs it: what it keeps (`755` keeps others out), or gives to a group alone. */
function modeOf(name: string, mode: string): Partial<Target> {
  if (name === 'chgrp' || (name === 'chown' && mode.startsWith(':'))) return {groupOnly: true};
  return name === 'chmod' && keepsOthersOut(mode) ? {othersOut: true} : {};
}

/**
 * The names a find's tests let through, when they are joined by AND alone: each `-name`'s
 * pattern (`-iname`'s lowercased); none at all when the only picking test is `-empty`;
 * undefined when any name may pass (an OR, a NOT, a test on ages or sizes alone).
 */
function pickedNames(tests: readonly Word[]): string[] | undefined {
  const names: string[] = [];
  let empty = false;
  for (let k = 0; k < tests.length; k++) {
    const word = tests[k]!;
    if (!word.known) return undefined;
    if (/^(?:-o|-or|!|-not|,)$/.test(word.value)) return undefined;
    if (word.value === '-empty') empty = true;
    if (word.value !== '-name' && word.value !== '-iname') continue;
    const pattern = tests[++k];
    if (!pattern?.known) return undefined;
    names.push(word.value === '-iname' ? pattern.value.toLowerCase() : pattern.value);
  }

  return names.length > 0 || empty ? names : undefined;
}

/** A command whose output is nothing at all: `> FILE` alone, `:`, `true`, `echo -n`, `printf ''`, `cat /dev/null`. */
function printsNothing(command: SimpleCommand): boolean {
  const [program, ...args] = command.argv;
  if (program === undefined) return true;
  if (!program.known || command.calls !== undefined) return false;
  const empty = (word: Word) => word.known && word.value === '';
  switch (command.program.value) {
    case ':':
    case 'true':
      return true;
    case 'echo':
      return args.some((word) => word.known && /^-[neE]*n[neE]*$/.test(word.value)) && args.every((word) => empty(word) || (word.known && /^-[neE]+$/.test(word.value)));
    case 'printf':
      return args.length >= 1 && empty(args[0]!) && args.length === 1;
    case 'cat':
      return args.length > 0 && args.every((word) => word.known && word.value === '/dev/null');
    default:
      return false;
  }
}

/** Whether guard knows what a program of this name destroys, overwrites or re-permissions. */
export function knowsTargetsOf(name: string): boolean {
  return Object.hasOwn(handlers, name) || diskHandlerOf(name) !== undefined;
}

/** Every path the command would destroy, overwrite, append to or re-permission, with how. */
export function targetsOf(command: SimpleCommand): Target[] {
  const name = command.program.value;
  const handler = name === null || command.calls !== undefined ? undefined : Object.hasOwn(handlers, name) ? handlers[name] : diskHandlerOf(name);
  const targets = redirected(command);
  return handler ? [...handler(command), ...targets] : targets;
}
