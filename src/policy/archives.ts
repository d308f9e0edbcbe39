// Programs that write files of their own choosing into a folder: archives unpacked (`tar -x -C
// /`, `unzip -d /usr/bin`, `cpio -i` in /etc, `7z x -o/etc`), patches applied (`patch -d /`,
// `git apply --directory`). What lands there is in the archive, not in the command, so the
// folder is the target: guard judges every file that could land in it.
import {posix} from 'node:path';
import {type SimpleCommand, type Word, normalizeOptions} from '../shell/index.js';
import {type Target, type Targets, informational, target} from './target.js';

const unpack = (word: Word, doer: string): Target => target(word, 'unpack', true, {doer});
const workingFolder: Word = {value: '.', known: true, raw: '.'};
/** The folder the program runs in, when it unpacks there. */
const here = (_command: SimpleCommand, doer: string): Target => unpack(workingFolder, `${doer} in`);

/** tar's long options: the letter each stands for, or whether it takes a value (GNU accepts any unique prefix). */
const tarLong: Record<string, string> = {
  // `!` stands for --remove-files: the files archived are deleted once they are in.
  'remove-files': '!',
  'files-from': 'T=',
  extract: 'x', get: 'x', create: 'c', append: 'r', update: 'u', catenate: 'A', concatenate: 'A', delete: 'D', list: 't', diff: 'd', compare: 'd', 'to-stdout': 'O', 'absolute-names': 'P', file: 'f=', directory: 'C=', help: '?', usage: '?', version: '?',
  ...Object.fromEntries(
    ['files-from', 'exclude-from', 'blocking-factor', 'format', 'use-compress-program', 'starting-file', 'tape-length', 'newer', 'after-date', 'label', 'listed-incremental', 'exclude', 'transform', 'xform', 'owner', 'group', 'mode', 'mtime', 'checkpoint-action', 'to-command', 'strip-components', 'index-file', 'rsh-command', 'rmt-command', 'volno-file', 'info-script', 'new-volume-script', 'newer-mtime', 'record-size', 'suffix', 'sort', 'quoting-style', 'hole-detection', 'level', 'warning', 'exclude-tag', 'exclude-tag-under', 'exclude-tag-all'].map((name) => [name, '=']),
  ),
};
const tarLongNames = Object.keys(tarLong);
const tarValueLetters = 'fCTXbHIKLNVgF';

/** What a tar command does: its mode letters (x, c, r, u, A, D, t, d, O, P, ?), its archive, every -C folder (tar honours each in turn). */
interface TarCommand {
  modes: Set<string>;
  archive?: Word;
  dirs: Word[];
  absolute?: Word;
  /** The files named to archive (or extract), each with the -C folder in effect where it stands. */
  operands: Array<{word: Word; dir?: Word}>;
}

/** One pass over tar's words, old style too (`tar xzf ARCHIVE`: a first word of letters whose values follow in order). */
function readTar(args: Word[]): TarCommand {
  const read: TarCommand = {modes: new Set(), dirs: [], operands: []};
  const take = (letter: string, word: Word, value?: Word) => {
    if (letter === 'f') read.archive = value;
    else if (letter === 'C') read.dirs.push(...(value ? [value] : []));
    // A list of files read from a file or the input: what they name is not known here.
    else if (letter === 'T') read.modes.add('T');
    else {
      read.modes.add(letter);
      if (letter === 'P') read.absolute = word;
    }
  };

  let i = 0;
  const first = args[0];
  if (first?.known && /^[A-Za-z]+$/.test(first.value)) {
    i = 1;
    for (const letter of first.value) take(letter, first, tarValueLetters.includes(letter) ? args[i++] : undefined);
  }

  for (; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    if (text === '--') {
      read.operands.push(...args.slice(i + 1).map((rest) => ({word: rest, dir: read.dirs.at(-1)})));
      break;
    }

    if (text === null || text.length < 2 || !text.startsWith('-')) {
      read.operands.push({word, dir: read.dirs.at(-1)});
      continue;
    }
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const spelled = text.slice(2, eq === -1 ? undefined : eq);
      const matches = tarLong[spelled] === undefined ? tarLongNames.filter((name) => name.startsWith(spelled)) : [spelled];
      const meaning = matches.length === 1 ? tarLong[matches[0]!]! : '';
      const value = !meaning.endsWith('=') ? undefined : eq === -1 ? args[++i] : ({...word, value: text.slice(eq + 1)} as Word);
      if (meaning && meaning !== '=') take(meaning[0]!, word, value);
      continue;
    }

    for (let k = 1; k < text.length; k++) {
      const letter = text[k]!;
      if (!tarValueLetters.includes(letter)) {
        take(letter, word);
        continue;
      }

      const attached = text.slice(k + 1);
      take(letter, word, attached ? ({...word, value: attached} as Word) : args[++i]);
      break;
    }
  }

  return read;
}

/** tar -x unpacks into each -C folder (the working folder without one; `-P` anywhere from /); -c/-r/-u write the archive. */
function tar(command: SimpleCommand): Target[] {
  const {modes, archive, dirs, absolute, operands} = readTar(command.argv.slice(1));
  if (modes.has('?')) return [];
  const name = command.program.value!;
  if (modes.has('x')) {
    if (modes.has('O')) return [];
    const targets = dirs.length > 0 ? dirs.map((dir) => unpack(dir, `${name} -x -C`)) : [here(command, `${name} -x`)];
    if (absolute) targets.push(target(absolute, 'unpack', true, {path: '/', doer: `${name} -x -P (members named from /)`}));
    return targets;
  }

  const writes = ['c', 'r', 'u', 'A', 'D'].some((mode) => modes.has(mode));
  const targets = writes && archive && archive.value !== '-' && !(archive.known && /^[^/]+:/.test(archive.value)) ? [target(archive, 'write', false, {doer: `${name} -f`})] : [];
  // --remove-files deletes what it archived, each file named from the -C folder in effect where it stands.
  if (writes && modes.has('!')) {
    targets.push(...operands.map(({word, dir}) => removedAfter(word, dir, `${name} --remove-files`)));
    if (modes.has('T')) targets.push(target(unknownFiles(`${name} -T`), 'delete', true, {doer: `${name} --remove-files`}));
  }

  return targets;
}

/** Files an archiver reads the names of from a list or its input. */
const unknownFiles = (from: string): Word => ({value: null, known: false, raw: from, why: `the files ${from} reads from a list`});

/** A file an archiver deletes once it is in the archive, named from `dir` when it is relative. */
function removedAfter(word: Word, dir: Word | undefined, doer: string): Target {
  if (!dir || (word.known && word.value.startsWith('/'))) return target(word, 'delete', true, {doer});
  if (!dir.known || !word.known) return target(dir.known ? word : dir, 'delete', true, {doer});
  return target(word, 'delete', true, {doer, path: posix.join(dir.value, word.value)});
}

/** zip ARCHIVE FILES: writes the archive; -m (--move) deletes the files once they are in it. */
function zip(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const words: Word[] = [];
  let move = false;
  let recursive = false;
  let fromInput = false;
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.value;
    if (text !== null && text.startsWith('-') && text.length > 1) {
      if (text === '--help' || text === '-h' || text === '-v') return [];
      const letters = /^-[A-Za-z0-9@]+$/.test(text) ? text.slice(1) : '';
      if (text === '--move' || letters.includes('m')) move = true;
      if (text === '--recurse-paths' || /[rR]/.test(letters)) recursive = true;
      if (letters.includes('@') || text === '--names-stdin') fromInput = true;
      // Options with a value, and -x/-i whose patterns run to the next option.
      if (/^-(?:b|n|t|tt|O|P|Z|s|sp)$/.test(text) || /^--(?:temp-path|suffixes|output-file|password|compression-method|split-size)$/.test(text)) i++;
      else if (/^-[xi]$|^--(?:exclude|include)$/.test(text)) while (i + 1 < args.length && !args[i + 1]!.value?.startsWith('-')) i++;
      continue;
    }

    words.push(args[i]!);
  }

  const [archive, ...files] = words;
  if (!archive) return [];
  const deleted = move ? files.map((word) => target(word, 'delete', recursive, {doer: 'zip -m'})) : [];
  // -@ reads the names from its input; -f or -u with no names take the archive's own list.
  if (move && (fromInput || files.length === 0)) deleted.push(target(unknownFiles(fromInput ? 'zip -@' : 'zip -m'), 'delete', recursive, {doer: 'zip -m'}));
  return [target(archive, 'write', false, {doer: 'zip'}), ...deleted];
}

/** unzip ARCHIVE [-d DIR]: `-l`, `-v`, `-t`, `-z`, `-Z`, `-p`, `-c` only list, test or print. */
function unzip(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  let dir: Word | undefined;
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === null || !text.startsWith('-') || text === '-') continue;
    if (text === '-d') dir = args[++i];
    else if (text.startsWith('-d')) dir = {...args[i]!, value: text.slice(2)} as Word;
    else if (text === '-P') i++;
    else if (text === '--help' || /^-[A-Za-z]*[lvtzZpc]/.test(text)) return [];
  }

  return [dir ? unpack(dir, 'unzip -d') : here(command, 'unzip')];
}

/** cpio -i unpacks into the working folder (or -D DIR), -p copies into DEST, -o writes the archive -O/-F names. */
function cpio(command: SimpleCommand): Target[] {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {
    takesValue: ['-D', '--directory', '-E', '--pattern-file', '-F', '--file', '-H', '--format', '-I', '-O', '-M', '--message', '-R', '--owner', '-C', '--io-size', '--block-size', '--rsh-command'],
    long: ['extract', 'create', 'pass-through', 'list', 'directory', 'file', 'format', 'to-stdout', 'make-directories', 'unconditional', 'help', 'version'],
    aliases: {'--extract': '-i', '--create': '-o', '--pass-through': '-p', '--list': '-t', '--directory': '-D', '--file': '-F'},
  });
  if (informational(flags) || flags.has('-t') || flags.has('--to-stdout')) return [];
  if (flags.has('-i')) {
    const dir = values.get('-D');
    return [dir ? unpack(dir, 'cpio -i -D') : here(command, 'cpio -i')];
  }

  if (flags.has('-p')) return operands[0] ? [unpack(operands[0], 'cpio -p')] : [];
  const archive = values.get('-O') ?? values.get('-F');
  return flags.has('-o') && archive ? [target(archive, 'write', false, {doer: 'cpio -o'})] : [];
}

/** 7z x|e ARCHIVE [-oDIR]: into DIR, or the working folder; 7z a|u|d writes the archive. */
function sevenZip(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const operands = args.filter((word) => !word.value?.startsWith('-'));
  const verb = operands[0]?.value;
  if (verb === 'x' || verb === 'e') {
    const out = args.find((word) => word.value?.startsWith('-o'));
    return [out ? unpack({...out, value: out.value!.slice(2)} as Word, `${command.program.value} ${verb} -o`) : here(command, `${command.program.value} ${verb}`)];
  }

  return (verb === 'a' || verb === 'u' || verb === 'd' || verb === 'rn') && operands[1] ? [target(operands[1], 'write', false, {doer: `${command.program.value} ${verb}`})] : [];
}

/** unrar/rar/arj x|e ARCHIVE [FILES…] [DIR/]: into the last operand when it ends in a slash, else the working folder. */
function extractToSlash(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const operands = args.filter((word) => !word.value?.startsWith('-'));
  const verb = operands[0]?.value;
  if (verb !== 'x' && verb !== 'e') return [];
  const out = args.find((word) => word.value?.startsWith('-op'));
  if (out) return [unpack({...out, value: out.value!.slice(3)} as Word, `${command.program.value} ${verb} -op`)];
  const last = operands.at(-1);
  return [operands.length > 2 && last && (!last.known || last.value.endsWith('/')) ? unpack(last, `${command.program.value} ${verb}`) : here(command, `${command.program.value} ${verb}`)];
}

/** ar x ARCHIVE unpacks into the working folder; ar r|q|d|m writes the archive. */
function ar(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1).filter((word) => !word.value?.startsWith('--'));
  const key = args[0]?.value?.replace(/^-/, '') ?? '';
  if (/x/.test(key)) return [here(command, 'ar x')];
  const archive = /[abi]/.test(key) ? args[2] : args[1];
  return /[rqdm]/.test(key) && archive ? [target(archive, 'write', false, {doer: `ar ${key}`})] : [];
}

/** Every `-C DIR` / `--directory DIR`. */
function directories(args: Word[]): Word[] {
  return args.flatMap((word, i) => {
    const text = word.value;
    if (text === '-C' || text === '--directory') return args[i + 1] ? [args[i + 1]!] : [];
    return text?.startsWith('--directory=') ? [{...word, value: text.slice(12)} as Word] : [];
  });
}

/** jar xf ARCHIVE, jar --extract: into the working folder (or -C DIR). */
function jar(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const key = args[0]?.value ?? '';
  const extract = /^-?[a-zA-Z]*x/.test(key) && !key.startsWith('--') ? true : args.some((word) => word.value === '--extract');
  if (!extract) return [];
  const dirs = directories(args);
  return dirs.length > 0 ? dirs.map((dir) => unpack(dir, 'jar -x -C')) : [here(command, 'jar x')];
}

/** dpkg-deb -x/-X/-R ARCHIVE DIR, dpkg -x ARCHIVE DIR: the package's files into DIR. */
function debExtract(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const at = args.findIndex((word) => ['-x', '--extract', '-X', '--vextract', '-R', '--raw-extract'].includes(word.value ?? ''));
  if (at === -1) return [];
  const dir = args.slice(at + 1).filter((word) => !word.value?.startsWith('-'))[1];
  return dir ? [unpack(dir, `${command.program.value} ${args[at]!.value}`)] : [];
}

/** cabextract [-d DIR] CABINET: `-l` and `-t` only list and test. */
function cabextract(command: SimpleCommand): Target[] {
  const {flags, values} = normalizeOptions(command.argv.slice(1), {takesValue: ['-d', '--directory', '-F', '--filter', '-e', '--encoding'], aliases: {'--directory': '-d', '--list': '-l', '--test': '-t'}});
  if (informational(flags) || flags.has('-l') || flags.has('-t')) return [];
  const dir = values.get('-d');
  return [dir ? unpack(dir, 'cabextract -d') : here(command, 'cabextract')];
}

/** patch [FILE]: FILE, or the files the patch names under -d DIR (the working folder); -o FILE instead of them. */
function patch(command: SimpleCommand): Target[] {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {
    takesValue: ['-o', '--output', '-d', '--directory', '-i', '--input', '-p', '--strip', '-r', '--reject-file', '-B', '--prefix', '-D', '--ifdef', '-F', '--fuzz', '-V', '--version-control', '-Y', '--basename-prefix', '-z', '--suffix', '-g', '--get', '--quoting-style'],
    long: ['output', 'directory', 'input', 'strip', 'reject-file', 'prefix', 'ifdef', 'fuzz', 'version-control', 'basename-prefix', 'suffix', 'get', 'quoting-style', 'dry-run', 'reverse', 'forward', 'batch', 'force', 'silent', 'quiet', 'backup', 'binary', 'merge', 'posix', 'help', 'version'],
    aliases: {'--output': '-o', '--directory': '-d', '--input': '-i', '--reject-file': '-r'},
  });
  if (informational(flags) || flags.has('--dry-run') || flags.has('-C') || flags.has('--check')) return [];
  const targets: Target[] = [];
  const reject = values.get('-r');
  if (reject && reject.value !== '-') targets.push(target(reject, 'write', false, {doer: 'patch -r'}));
  const out = values.get('-o');
  if (out) return out.value === '-' ? targets : [...targets, target(out, 'write', false, {doer: 'patch -o'})];
  if (operands[0]) return [...targets, target(operands[0], 'write', false, {doer: 'patch'})];
  const dir = values.get('-d');
  return [...targets, dir ? unpack(dir, 'patch -d') : here(command, 'patch')];
}

/** git apply --directory=DIR (with --unsafe-paths, anywhere): the patch's files under DIR. */
function gitApply(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const at = args.findIndex((word) => word.value === 'apply');
  if (at === -1 || args.slice(0, at).some((word, i) => word.known && !word.value.startsWith('-') && !['-C', '-c'].includes(args[i - 1]?.value ?? ''))) return [];
  const rest = args.slice(at + 1);
  if (rest.some((word) => ['--check', '--stat', '--numstat', '--summary'].includes(word.value ?? '')) && !rest.some((word) => word.value === '--apply')) return [];
  const dirs = rest.flatMap((word, i) => (word.value === '--directory' && rest[i + 1] ? [rest[i + 1]!] : word.value?.startsWith('--directory=') ? [{...word, value: word.value.slice(12)} as Word] : []));
  return dirs.map((dir) => unpack(dir, 'git apply --directory'));
}

// git's commands that write the files of a work tree as the repository has them.
const gitTreeWriters = new Set(['pull', 'checkout', 'switch', 'reset', 'merge', 'rebase', 'restore', 'stash', 'am', 'cherry-pick', 'revert', 'apply', 'read-tree', 'checkout-index', 'worktree', 'submodule', 'init']);
// git's options before the command that take their value in the next word.
const gitValued = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--super-prefix']);
// clone's options that take their value in the next word.
const cloneValued = ['-o', '--origin', '-b', '--branch', '-u', '--upload-pack', '--reference', '--reference-if-able', '--separate-git-dir', '--depth', '--shallow-since', '--shallow-exclude', '-c', '--config', '-j', '--jobs', '--filter', '--template', '--server-option', '--bundle-uri', '--ref-format'];

/**
 * The work tree a git command writes, judged for guard's own files alone (`git clone URL
 * ~/.local/state/guard/parse-cache`, `git -C ~/.config/guard pull`): the repository decides what
 * lands there, a planted tree or a policy. Everywhere else, checking out a repository is routine.
 */
function gitWorkTree(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  let folder: Word = workingFolder;
  let at = 0;
  for (; at < args.length; at++) {
    const word = args[at]!;
    if (!word.known) return [];
    if (gitValued.has(word.value)) {
      const value = args[++at];
      if (!value) return [];
      if (word.value === '-C') folder = within(folder, value);
      if (word.value === '--work-tree') folder = within(workingFolder, value);
    } else if (word.value.startsWith('--work-tree=')) {
      folder = within(workingFolder, {...word, value: word.value.slice(12), raw: word.raw.replace(/^--work-tree=/, '')});
    } else if (!word.value.startsWith('-')) {
      break;
    }
  }

  const name = args[at]?.value ?? undefined;
  const doer = `git ${name}`;
  if (name === 'clone') {
    const {operands} = normalizeOptions(args.slice(at + 1), {takesValue: cloneValued});
    const [source, into] = operands;
    if (into) return [target(within(folder, into), 'unpack', true, {doer, guardOnly: 'work tree'})];
    // No folder named: one in the working folder, named after the repository.
    const named = source?.known ? posix.basename(source.value.replace(/\/+$/, '')).replace(/\.git$/, '') : '';
    return named && named !== '.' && named !== '..' ? [target(within(folder, {value: named, known: true, raw: named}), 'unpack', true, {doer, guardOnly: 'work tree'})] : [];
  }

  // `git rm` (not `--cached`) deletes its paths from the work tree; `git mv` moves them.
  if (name === 'rm' || name === 'mv') {
    const {flags, operands} = normalizeOptions(args.slice(at + 1), {takesValue: ['--pathspec-from-file'], long: ['cached', 'force', 'dry-run', 'quiet', 'ignore-unmatch', 'sparse', 'verbose', 'pathspec-file-nul', 'pathspec-from-file']});
    if (flags.has('--cached') || flags.has('-n') || flags.has('--dry-run')) return [];
    const paths = name === 'mv' ? operands.slice(0, -1) : operands;
    return paths.map((word) => target(within(folder, word), name === 'rm' ? 'delete' : 'move', flags.has('-r'), {doer, guardOnly: 'own'}));
  }

  const where = folder === workingFolder ? '' : ` in ${folder.raw}`;
  return name !== undefined && gitTreeWriters.has(name) ? [target(folder, 'unpack', true, {doer: `${doer}${where}`, guardOnly: 'work tree'})] : [];
}

/** `path` as git takes it from `folder` (`git -C a -C b` is `a/b`); unknown when either is. */
function within(folder: Word, path: Word): Word {
  if (!path.known || path.value.startsWith('/') || folder.value === '.') return path;
  if (!folder.known) return folder;
  return {...path, value: posix.join(folder.value, path.value), raw: `${folder.raw}/${path.raw}`};
}

/** restic restore SNAPSHOT --target DIR: the snapshot's files into DIR (`--dry-run` only lists them). */
function resticRestore(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  if (!args.some((word) => word.value === 'restore') || args.some((word) => word.value === '--dry-run' || word.value === '--help' || word.value === '-h')) return [];
  return args.flatMap((word, i) => {
    if ((word.value === '--target' || word.value === '-t') && args[i + 1]) return [unpack(args[i + 1]!, `restic restore ${word.value}`)];
    return word.value?.startsWith('--target=') ? [unpack({...word, value: word.value.slice(9)} as Word, 'restic restore --target')] : [];
  });
}

/** borg extract REPO::ARCHIVE: the archive's files into the working folder (`--dry-run`, `--stdout` write none). */
function borgExtract(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  if (!args.some((word) => word.value === 'extract') || args.some((word) => ['--dry-run', '-n', '--stdout', '--help', '-h'].includes(word.value ?? ''))) return [];
  return [here(command, 'borg extract')];
}

/** kopia restore (or snapshot restore) SOURCE TARGET: the snapshot's files into TARGET (`--help` writes none). */
function kopiaRestore(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['--config-file', '--password', '--log-dir', '--log-level', '--file-log-level', '--parallel', '--snapshot-time', '--shallow', '--write-files-atomically', '--ignore-permission-errors']});
  if (flags.has('--help') || flags.has('--dry-run')) return [];
  const at = operands[0]?.value === 'snapshot' ? 1 : 0;
  if (operands[at]?.value !== 'restore') return [];
  const destination = operands[at + 2];
  return destination ? [unpack(destination, 'kopia restore')] : [];
}

export const archiveHandlers: Record<string, Targets> = {
  restic: resticRestore,
  kopia: kopiaRestore,
  borg: borgExtract,
  borgbackup: borgExtract,
  tar,
  gtar: tar,
  bsdtar: tar,
  unzip,
  zip,
  cpio,
  '7z': sevenZip,
  '7za': sevenZip,
  '7zr': sevenZip,
  '7zz': sevenZip,
  unrar: extractToSlash,
  rar: extractToSlash,
  arj: extractToSlash,
  ar,
  jar,
  'dpkg-deb': debExtract,
  dpkg: debExtract,
  cabextract,
  patch,
  git: (command) => [...gitApply(command), ...gitWorkTree(command)],
};
