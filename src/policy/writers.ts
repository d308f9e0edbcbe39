// Programs that write a file an option or an operand names (GTFOBins calls them "file write"):
// `sort -o FILE`, `curl -o FILE`, `uniq IN OUT`, `ln -sf SRC LINK`, the in-place editors
// (`perl -pi`, `ed FILE`), and the odd ones (`find -fprintf`, `make --eval '$(file >F,…)'`,
// `sqlite3 -cmd '.output F'`, `socat … open:F`). Each write is a target like `cp`'s destination.
import {posix} from 'node:path';
import {type OptionSpec, type SimpleCommand, type Word, normalizeOptions} from '../shell/index.js';
import type {Operation} from './paths.js';
import {type Target, type Targets, informational, target} from './target.js';

/** A program whose options name the files it writes: which options, and how its other options read. */
interface OutputOptions {
  spec: OptionSpec;
  writes: string[];
  appends?: string[];
  /** Options after which it writes nothing (a dry run, a listing). */
  harmless?: string[];
}

const outputOptions: Record<string, OutputOptions> = {
  sort: {
    spec: {takesValue: ['-o', '--output', '-k', '--key', '-t', '--field-separator', '-S', '--buffer-size', '-T', '--temporary-directory', '--parallel', '--batch-size', '--compress-program', '--files0-from', '--random-source', '--sort'], long: ['output', 'key', 'field-separator', 'buffer-size', 'temporary-directory', 'parallel', 'batch-size', 'compress-program', 'files0-from', 'random-source', 'sort', 'merge', 'check', 'unique', 'reverse', 'numeric-sort', 'help', 'version']},
    writes: ['-o', '--output'],
  },
  'grub-mkconfig': {spec: {takesValue: ['-o', '--output'], long: ['output', 'help', 'version']}, writes: ['-o', '--output']},
  'grub2-mkconfig': {spec: {takesValue: ['-o', '--output'], long: ['output', 'help', 'version']}, writes: ['-o', '--output']},
  shuf: {spec: {takesValue: ['-o', '--output', '-n', '--head-count', '-i', '--input-range', '--random-source'], long: ['output', 'head-count', 'input-range', 'random-source', 'echo', 'repeat', 'zero-terminated', 'help', 'version']}, writes: ['-o', '--output']},
  iconv: {spec: {takesValue: ['-f', '-t', '--from-code', '--to-code', '-o', '--output'], long: ['from-code', 'to-code', 'output', 'list', 'silent', 'verbose', 'help', 'version']}, writes: ['-o', '--output'], harmless: ['-l', '--list']},
  pandoc: {spec: {takesValue: ['-o', '--output', '-f', '--from', '-r', '--read', '-t', '--to', '-w', '--write', '--template', '-M', '--metadata', '-V', '--variable', '--data-dir', '--resource-path', '-H', '-B', '-A', '--css', '--pdf-engine', '--lua-filter', '-F', '--filter', '--reference-doc']}, writes: ['-o', '--output']},
  csvtool: {spec: {takesValue: ['-o', '-t', '-u', '-z']}, writes: ['-o']},
  tcpdump: {spec: {takesValue: ['-i', '--interface', '-c', '-s', '--snapshot-length', '-w', '-r', '-C', '-G', '-W', '-E', '-F', '-y', '-z', '-Z', '--relinquish-privileges', '-j', '-T', '-B', '--buffer-size', '-M', '-V', '--time-stamp-precision', '--count']}, writes: ['-w']},
  curl: {
    spec: {
      takesValue: [
        '-o', '--output', '-D', '--dump-header', '-c', '--cookie-jar', '--trace', '--trace-ascii', '--stderr', '--etag-save', '--libcurl', '--output-dir', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--json', '-H', '--header', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-X', '--request', '-F', '--form', '-b', '--cookie', '-x', '--proxy', '-m', '--max-time', '--connect-timeout', '-T', '--upload-file', '-w', '--write-out', '-K', '--config', '-r', '--range', '-E', '--cert', '--key', '--cacert', '-U', '--proxy-user', '--retry', '--retry-delay', '--retry-max-time', '-Y', '--speed-limit', '-y', '--speed-time', '-C', '--continue-at', '--resolve', '--url', '-z', '--time-cond', '--limit-rate', '--max-filesize', '--oauth2-bearer', '--connect-to', '--interface', '-Q', '--quote', '--proto', '--proto-redir', '--capath', '--pinnedpubkey', '--ciphers', '--max-redirs',
      ],
    },
    writes: ['-o', '--output', '-D', '--dump-header', '-c', '--cookie-jar', '--trace', '--trace-ascii', '--stderr', '--etag-save', '--libcurl'],
  },
  wget: {
    spec: {
      takesValue: [
        '-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-P', '--directory-prefix', '--save-cookies', '-e', '--execute', '-i', '--input-file', '-t', '--tries', '-T', '--timeout', '-w', '--wait', '-Q', '--quota', '-U', '--user-agent', '--header', '--user', '--password', '-l', '--level', '-A', '--accept', '-R', '--reject', '-D', '--domains', '--post-data', '--post-file', '--body-data', '--method', '--load-cookies', '--ca-certificate', '--certificate', '--private-key', '-B', '--base', '--bind-address', '--limit-rate', '--referer', '--restrict-file-names', '-I', '-X', '--cut-dirs', '--warc-file',
      ],
    },
    writes: ['-O', '--output-document', '-o', '--output-file', '--save-cookies'],
    appends: ['-a', '--append-output'],
  },
  gpg: {spec: {takesValue: ['-o', '--output', '-r', '--recipient', '-u', '--local-user', '--homedir', '--passphrase', '--passphrase-file', '--keyserver', '--default-key', '--cipher-algo', '--digest-algo', '--compress-algo', '--trust-model', '--pinentry-mode', '--status-fd', '--logger-fd', '--batch-size']}, writes: ['-o', '--output']},
  pg_dump: {spec: {takesValue: ['-f', '--file', '-F', '--format', '-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-n', '--schema', '-N', '--exclude-schema', '-t', '--table', '-T', '--exclude-table', '-Z', '--compress', '-j', '--jobs', '-E', '--encoding', '--role', '--section', '--lock-wait-timeout']}, writes: ['-f', '--file']},
  pg_dumpall: {spec: {takesValue: ['-f', '--file', '-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-l', '--database', '--role', '--exclude-database', '--lock-wait-timeout']}, writes: ['-f', '--file']},
  mysqldump: {spec: {takesValue: ['-r', '--result-file', '-u', '--user', '-h', '--host', '-P', '--port', '-S', '--socket', '--where', '-w', '--default-character-set', '--tables', '--ignore-table', '--databases']}, writes: ['-r', '--result-file']},
  dmidecode: {spec: {takesValue: ['-d', '--dev-mem', '-t', '--type', '-s', '--string', '-H', '--handle', '--dump-bin', '--from-dump', '--oem-string']}, writes: ['--dump-bin']},
  hashcat: {spec: {takesValue: ['-m', '--hash-type', '-a', '--attack-mode', '-o', '--outfile', '--outfile-format', '-r', '--rules-file', '--session', '--potfile-path', '-w', '--workload-profile']}, writes: ['-o', '--outfile', '--potfile-path']},
  mypy: {spec: {takesValue: ['--junit-xml', '--config-file', '-m', '--module', '-p', '--package', '-c', '--command', '--python-version', '--cache-dir']}, writes: ['--junit-xml']},
  varnishncsa: {spec: {takesValue: ['-w', '-F', '-f', '-g', '-q', '-n', '-P', '-L', '-r', '-T']}, writes: ['-w']},
  'iptables-save': {spec: {takesValue: ['-f', '--file', '-M', '--modprobe', '-t', '--table']}, writes: ['-f', '--file']},
  'ip6tables-save': {spec: {takesValue: ['-f', '--file', '-M', '--modprobe', '-t', '--table']}, writes: ['-f', '--file']},
  check_log: {spec: {takesValue: ['-F', '-O', '-q']}, writes: ['-O']},
  strace: {spec: {takesValue: ['-e', '-o', '--output', '-p', '-s', '-u', '-E', '-a', '-b', '-I', '-O', '-S', '-P', '-X'], stopAtOperand: true}, writes: ['-o', '--output']},
  ltrace: {spec: {takesValue: ['-e', '-o', '--output', '-p', '-s', '-u', '-a', '-A', '-D', '-l', '-n', '-x', '-F', '-w'], stopAtOperand: true}, writes: ['-o', '--output']},
  rlwrap: {spec: {takesValue: ['-l', '--logfile', '-f', '--file', '-H', '--history-filename', '-s', '--histsize', '-S', '--substitute-prompt', '-p', '-P', '-b', '-e', '-q', '-w'], stopAtOperand: true}, writes: [], appends: ['-l', '--logfile']},
  tsc: {spec: {takesValue: ['--outFile', '--outDir', '-p', '--project', '-t', '--target', '-m', '--module', '--lib', '--rootDir']}, writes: ['--outFile']},
  logrotate: {spec: {takesValue: ['-l', '--log', '-s', '--state', '-m', '--mail']}, writes: ['-l', '--log', '-s', '--state']},
  history: {spec: {takesValue: ['-w', '-a', '-r', '-n', '-d']}, writes: ['-w'], appends: ['-a']},
  partclone: {spec: {takesValue: ['-o', '--output', '-s', '--source', '-O', '--overwrite', '-L', '--logfile']}, writes: ['-o', '--output', '-O', '--overwrite']},
  gtester: {spec: {takesValue: ['-o', '-p', '-s', '--seed']}, writes: ['-o']},
  gcc: {spec: {takesValue: ['-o', '-x', '-I', '-L', '-l', '-D', '-U']}, writes: ['-o']},
  // 1Password's CLI writes a secret or a filled-in template where it is told (`op read --out-file`, `op inject -o`).
  op: {spec: {takesValue: ['-o', '--out-file', '-i', '--in-file', '--account', '--vault', '--format', '--cache', '--config', '--session']}, writes: ['-o', '--out-file']},
  rustc: {spec: {takesValue: ['-o', '--out-dir', '--crate-type', '--crate-name', '--edition', '--emit', '-L', '-l', '--cfg', '-C', '--codegen', '--target', '-A', '-W', '-D', '-F', '--cap-lints']}, writes: ['-o']},
};
for (const name of ['cc', 'c++', 'g++', 'clang', 'clang++']) outputOptions[name] = outputOptions.gcc!;
for (const name of ['partclone.ext4', 'partclone.xfs', 'partclone.ntfs', 'partclone.fat', 'partclone.btrfs', 'partclone.dd', 'partclone.restore', 'partclone.extfs', 'partclone.vfat', 'partclone.exfat']) outputOptions[name] = outputOptions.partclone!;
// ntfsclone writes its image, or restores one, where -o or --overwrite says.
outputOptions.ntfsclone = {spec: {takesValue: ['-o', '--output', '-O', '--overwrite']}, writes: ['-o', '--output', '-O', '--overwrite']};

function optionOutputs(command: SimpleCommand, output: OutputOptions): Target[] {
  const {flags, values} = normalizeOptions(command.argv.slice(1), output.spec);
  if (informational(flags) || output.harmless?.some((flag) => flags.has(flag))) return [];
  const named = (options: string[], op: Operation) =>
    options.flatMap((option) => {
      const word = values.get(option);
      return word && word.value !== '-' ? [target(word, op)] : [];
    });
  return [...named(output.writes, 'write'), ...named(output.appends ?? [], 'append'), ...outputDir(command, values)];
}

/** `curl -O --output-dir DIR` and `wget -P DIR`: a file of the server's choosing is written into DIR. */
function outputDir(command: SimpleCommand, values: Map<string, Word>): Target[] {
  const dir = command.program.value === 'curl' ? values.get('--output-dir') : command.program.value === 'wget' ? (values.get('-P') ?? values.get('--directory-prefix')) : undefined;
  if (!dir) return [];
  return [target(dir, 'write', false, dir.known ? {path: posix.join(dir.value, '(the name the server gives)')} : {})];
}

/** `uniq IN OUT`, `xxd [-r] IN OUT`, `lwp-download URL FILE`: the second operand is written. */
function secondOperand(spec: OptionSpec): Targets {
  return (command) => {
    const {flags, operands} = normalizeOptions(command.argv.slice(1), spec);
    if (informational(flags)) return [];
    const out = operands[1];
    return out && out.value !== '-' ? [target(out, 'write')] : [];
  };
}

/** `sponge FILE` soaks up its input, then writes FILE (`-a` appends). */
function sponge(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {});
  return operands.map((word) => target(word, flags.has('-a') ? 'append' : 'write'));
}

/** split FILE PREFIX writes PREFIXaa, PREFIXab…; csplit -f PREFIX -b FORMAT writes PREFIX00… (FORMAT may hold a path). */
function split(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {
    takesValue: ['-a', '--suffix-length', '--additional-suffix', '-b', '--bytes', '-C', '--line-bytes', '-l', '--lines', '-n', '--number', '-t', '--separator', '--filter'],
  });
  const prefix = operands[1];
  if (informational(flags) || !prefix) return [];
  return [target(prefix, 'write', false, prefix.known ? {path: `${prefix.value}aa`} : {})];
}

function csplit(command: SimpleCommand): Target[] {
  const {flags, values} = normalizeOptions(command.argv.slice(1), {takesValue: ['-f', '--prefix', '-b', '--suffix-format', '-n', '--digits'], aliases: {'--prefix': '-f', '--suffix-format': '-b'}});
  if (informational(flags)) return [];
  const prefix = values.get('-f');
  const format = values.get('-b');
  const word = format ?? prefix;
  if (!word) return [];
  if ((prefix && !prefix.known) || (format && !format.known)) return [target(!prefix?.known && prefix ? prefix : word, 'write')];
  const path = `${prefix?.value ?? 'xx'}${(format?.value ?? '%02d').replace(/%[-+ #0-9.]*[diouxX]/, '0')}`;
  return [target(word, 'write', false, {path})];
}

/** dos2unix FILE… converts in place; `-n IN OUT` writes OUT; `-o` goes back to in place; `-i` only reports. */
function newline(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const targets: Target[] = [];
  let paired = false;
  let input: Word | undefined;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    if (text !== null && (/^-i/.test(text) || /^--(info|help|version)/.test(text) || text === '-h' || text === '-V')) return [];
    if (text === '-n' || text === '--newfile') paired = true;
    else if (text === '-o' || text === '--oldfile') paired = false;
    else if (text === '-c' || text === '--convmode' || text === '-D' || text === '--display-enc') i++;
    else if (text !== null && text.startsWith('-') && text.length > 1) continue;
    else if (!paired) targets.push(target(word, 'write'));
    else if (input) {
      targets.push(target(word, 'write'));
      input = undefined;
    } else input = word;
  }

  return targets;
}

/** xxd [-r] [options] [IN [OUT]]: its options are words (`-cols 16`), some with a value. */
function xxd(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const operands: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === '-h' || text === '-help' || text === '-v' || text === '-version') return [];
    if (text !== null && /^-(c|cols|g|groupsize|l|len|o|offset|s|seek|n|name)$/.test(text)) i++;
    else if (text !== null && text.length > 1 && text.startsWith('-')) continue;
    else operands.push(args[i]!);
  }

  const out = operands[1];
  return out && out.value !== '-' ? [target(out, 'write', false, {doer: 'xxd'})] : [];
}

const linkSpec: OptionSpec = {
  takesValue: ['-S', '--suffix', '-t', '--target-directory'],
  long: ['backup', 'directory', 'force', 'interactive', 'logical', 'no-dereference', 'physical', 'relative', 'symbolic', 'suffix', 'target-directory', 'no-target-directory', 'verbose', 'help', 'version'],
  aliases: {'--target-directory': '-t', '--no-target-directory': '-T', '--symbolic': '-s', '--force': '-f', '--no-dereference': '-n'},
};

/** ln [-s] [-f] SRC… DEST, ln -t DIR SRC…: the link replaces DEST, or lands in DEST under the source's name. */
function link(command: SimpleCommand): Target[] {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), command.program.value === 'link' ? {} : linkSpec);
  if (informational(flags)) return [];
  const into = values.get('-t');
  const dest = into ?? (operands.length >= 2 ? operands.at(-1) : undefined);
  if (!dest) return [];
  const sources = into ? operands : operands.slice(0, -1);
  // A hard link is a second name for each source; a symbolic one only points at it.
  const targets: Target[] = flags.has('-s') ? [] : sources.map((source) => target(source, 'write', false, {guardOnly: 'link', doer: command.program.value!}));
  if (!into) targets.push(target(dest, 'replace'));
  if (dest.known && !flags.has('-T') && (into || sources.length > 1 || !flags.has('-n'))) {
    for (const source of sources) if (source.known && source.value !== '') targets.push(target(dest, 'replace', false, {path: posix.join(dest.value, posix.basename(source.value)), ...(into || sources.length > 1 ? {} : {ifFolder: true})}));
  }

  return targets;
}

/** An editor opened on files from a script: it is there to change them. `-R`, `view`, `nano -v` only read. */
const editors: Record<string, {spec: OptionSpec; readOnly: string[]}> = {
  ed: {spec: {takesValue: ['-p', '--prompt']}, readOnly: []},
  vim: {spec: {takesValue: ['-c', '--cmd', '-S', '-u', '-U', '-i', '-T', '-w', '-W', '-t', '-q', '--servername', '--startuptime']}, readOnly: ['-R', '-M', '--remote', '--remote-send', '--remote-expr']},
  nano: {spec: {takesValue: ['-T', '--tabsize', '-r', '--fill', '-Y', '--syntax', '-o', '--operatingdir', '-s', '--speller', '-X', '--wordchars', '-Q', '--quotestr', '-J', '--guidestripe']}, readOnly: ['-v', '--view']},
  emacs: {spec: {takesValue: ['--eval', '-l', '--load', '-f', '--funcall', '-L', '--directory', '--file', '--find-file', '--visit', '--insert', '-t', '--terminal', '-d', '--display', '--chdir', '-u', '--user']}, readOnly: []},
};
const editorOf: Record<string, string> = {ed: 'ed', red: 'ed', ex: 'vim', vi: 'vim', vim: 'vim', nvim: 'vim', view: 'vim', nano: 'nano', pico: 'nano', emacs: 'emacs', sudoedit: 'ed', vipw: 'ed', vigr: 'ed', visudo: 'ed'};

function editor(command: SimpleCommand): Target[] {
  const name = command.program.value!;
  const {spec, readOnly} = editors[editorOf[name]!]!;
  if (name === 'vipw' || name === 'vigr') return accountsEditor(command);
  if (name === 'visudo') return visudo(command);
  const args = command.argv.slice(1);
  const {flags, operands} = normalizeOptions(args, spec);
  // `vim -c 'w /etc/x'` or `+'saveas /etc/x'` writes where the command says, even read-only.
  const commands = args.filter((word, i) => word.value?.startsWith('+') || ['-c', '--cmd'].includes(args[i - 1]?.value ?? ''));
  const saved = commands.flatMap((word) => {
    const match = word.value?.replace(/^\+/, '').match(/^:?\s*(?:w|write|wq|x|xit|sav|saveas|up|update)!?\s+(?:>>\s*)?(\S+)/);
    return match ? [target(word, 'write', false, {path: match[1], doer: `${name} :w`, inside: true})] : [];
  });
  if (name === 'view' || informational(flags) || readOnly.some((flag) => flags.has(flag))) return saved;
  return [...saved, ...operands.filter((word) => !(word.known && (/^\+/.test(word.value) || word.value === '-'))).map((word) => target(word, 'write', false, {doer: name}))];
}

/** vipw edits /etc/passwd (with -s, /etc/shadow); vigr /etc/group (/etc/gshadow). */
function accountsEditor(command: SimpleCommand): Target[] {
  const {flags} = normalizeOptions(command.argv.slice(1), {takesValue: ['-R', '--root', '-P', '--prefix']});
  if (flags.has('-h') || flags.has('--help')) return [];
  const shadow = flags.has('-s') || flags.has('--shadow');
  const file = command.program.value === 'vipw' ? (shadow ? '/etc/shadow' : '/etc/passwd') : shadow ? '/etc/gshadow' : '/etc/group';
  return [target(command.argv[0]!, 'write', false, {path: file, doer: command.program.value!, inside: true})];
}

/** visudo edits /etc/sudoers (or -f FILE) with $EDITOR (`EDITOR='tee -a' visudo` appends); `-c` only checks. */
function visudo(command: SimpleCommand): Target[] {
  const {flags, values} = normalizeOptions(command.argv.slice(1), {takesValue: ['-f', '--file'], long: ['check', 'file', 'help', 'owner', 'perms', 'quiet', 'strict', 'version'], aliases: {'--check': '-c', '--file': '-f'}});
  if (informational(flags) || flags.has('-c') || flags.has('-h')) return [];
  const file = values.get('-f');
  return [file ? target(file, 'write', false, {doer: 'visudo -f'}) : target(command.argv[0]!, 'write', false, {path: '/etc/sudoers', doer: 'visudo', inside: true})];
}

/**
 * perl -i / ruby -i rewrite every file they are given: `perl -pi -e 's/a/b/' FILE`, `perl -i.bak
 * -pe …`, `ruby -pi -e 'gsub(…)' FILE`. Switches cluster (`-pi.bak`, `-0777`, `-lne`); `-i`
 * takes the rest of its cluster as the backup suffix, `-e` the next word as code.
 */
function inPlace(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const {edits, code, end} = inPlaceSwitches(command.program.value === 'ruby' ? 'ruby' : 'perl', args);
  if (!edits) return [];
  const rest = args.slice(args[end]?.value === '--' ? end + 1 : end);
  return (code ? rest : rest.slice(1)).map((word) => target(word, 'write', false, {doer: `${command.program.value} -i`}));
}

/**
 * gawk -i inplace (`--include=inplace`, `-i inplace.awk`) rewrites every file it reads: the
 * operands after the program (all of them when -f or -e gives the program).
 */
function awkInPlace(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  let edits = false;
  let program = false;
  let i = 0;
  for (; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === null || text === '--' || !text.startsWith('-') || text === '-') break;
    const include = text === '-i' || text === '--include' ? args[++i]?.value : /^--include=(.*)$/.exec(text)?.[1] ?? /^-i(.+)$/.exec(text)?.[1];
    if (include !== undefined && include !== null) edits ||= /^inplace(?:\.awk)?$/.test(include);
    else if (/^-[fe]$|^--(?:file|source)$/.test(text)) {
      program = true;
      i++;
    } else if (/^-[vF]$|^--(?:assign|field-separator|load)$/.test(text) || text === '-l') i++;
    else if (/^-[fe].|^--(?:file|source)=/.test(text)) program = true;
  }

  if (!edits) return [];
  const rest = args.slice(args[i]?.value === '--' ? i + 1 : i);
  return (program ? rest : rest.slice(1)).filter((word) => !/^[A-Za-z_]\w*=/.test(word.value ?? '')).map((word) => target(word, 'write', false, {doer: `${command.program.value} -i inplace`}));
}

/**
 * The switches before perl's or ruby's first operand: whether one says -i (`-pi`, `-i.bak`), not a
 * letter of a switch's argument (`-Mstrict`, `-Ilib`); whether code came with -e; where they end.
 */
export function inPlaceSwitches(program: 'perl' | 'ruby', args: readonly Word[]): {edits: boolean; code: boolean; end: number} {
  const valued = program === 'ruby' ? 'FIrCXEKWx' : 'IMmxdDCF';
  let edits = false;
  let code = false;
  let i = 0;
  for (; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === null || text === '--' || !text.startsWith('-') || text === '-') break;
    if (text.startsWith('--')) continue;
    for (let k = 1; k < text.length; k++) {
      const letter = text[k]!;
      if (letter === 'i') {
        edits = true;
        break;
      }

      if (letter === 'e' || letter === 'E') {
        code = true;
        if (k === text.length - 1) i++;
        break;
      }

      if (valued.includes(letter) || letter === '0' || letter === 'l') break;
    }
  }

  return {edits, code, end: i};
}

/** `make --eval='$(file >FILE,TEXT)'`: GNU make's file function writes (`>>` appends). */
function make(command: SimpleCommand): Target[] {
  const targets: Target[] = [];
  const args = command.argv.slice(1);
  for (const [i, word] of args.entries()) {
    const text = word.value;
    const code = text?.startsWith('--eval=') ? text.slice(7) : text === '--eval' || text === '-E' ? args[i + 1]?.value : undefined;
    if (!code) continue;
    for (const match of code.matchAll(/\$[({]file\s+(>>?)\s*([^,)}]+)/g)) targets.push(target(word, match[1] === '>>' ? 'append' : 'write', false, {path: match[2]!.trim(), doer: 'make $(file)', inside: true}));
  }

  return targets;
}

/** sqlite3's dot-commands that write a file: `.output F`, `.once F`, `.save F`, `.backup [DB] F`, `.log F`. */
function sqlite(command: SimpleCommand): Target[] {
  const texts = [...command.argv.slice(1), ...command.redirects.filter((redirect) => redirect.op.startsWith('<<')).map((redirect) => redirect.target)];
  const targets: Target[] = [];
  for (const word of texts) {
    if (!word.known) continue;
    for (const match of word.value.matchAll(/(?:^|\n|;)\s*\.(output|once|save|backup|log)\s+(?:(?:-\S+\s+)*)([^\n;]+)/g)) {
      const file = match[2]!.trim().split(/\s+/).at(-1)!.replace(/^(['"])(.*)\1$/, '$2');
      if (file && file !== 'stdout' && file !== 'stderr' && file !== 'off') targets.push(target(word, 'write', false, {path: file, doer: `sqlite3 .${match[1]}`, inside: true}));
    }
  }

  return targets;
}

/** socat's addresses that open a file for writing: `open:F`, `create:F`, `gopen:F`, or a bare path with a slash. */
function socat(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const addresses: Word[] = [];
  let oneWay = '';
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === '-h' || text === '-V' || text === '--help' || text === '--version') return [];
    if (text !== null && addresses.length === 0 && /^-(b|t|T|L|W|lf|lp|lu|lm)$/.test(text)) i++;
    else if (text === '-u' || text === '-U') oneWay = text;
    else if (text !== null && text.length > 1 && text.startsWith('-') && addresses.length === 0) continue;
    else addresses.push(args[i]!);
  }

  const written = oneWay === '-u' ? addresses.slice(1, 2) : oneWay === '-U' ? addresses.slice(0, 1) : addresses.slice(0, 2);
  return written.flatMap((word) => {
    if (!word.known) return [];
    const match = /^(?:(open|create|creat|gopen|file):)?([^,]+)/i.exec(word.value);
    const path = match?.[2];
    if (!path || (!match[1] && (!path.includes('/') || /^[^/]*:/.test(path)))) return [];
    return [target(word, 'write', false, {path, doer: 'socat', inside: true})];
  });
}

/** update-alternatives --install LINK NAME PATH PRIO [--slave LINK NAME PATH]: each LINK is replaced. */
function alternatives(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  return args.flatMap((word, i) => (word.value === '--install' || word.value === '--slave') && args[i + 1] ? [target(args[i + 1]!, 'replace', false, {doer: `update-alternatives ${word.value}`})] : []);
}

const containerGlobals = new Set(['-H', '--host', '--context', '-c', '--config', '-l', '--log-level', '-n', '--namespace', '--kubeconfig', '--cluster', '--user', '-s', '--server']);

/** docker cp, kubectl cp: a destination on this machine (no `container:` before it) is written. */
function containerCopy(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  let at = 0;
  for (; at < args.length; at++) {
    const text = args[at]!.value;
    if (text === null || !text.startsWith('-')) break;
    if (containerGlobals.has(text)) at++;
  }

  if (args[at]?.value === 'build' || (args[at]?.value === 'buildx' && args[at + 1]?.value === 'build') || (args[at]?.value === 'image' && args[at + 1]?.value === 'build')) return buildOutput(command, args.slice(at + 1));
  if (args[at]?.value !== 'cp') return [];
  const {operands} = normalizeOptions(args.slice(at + 1), {takesValue: ['-c', '--container', '-n', '--namespace', '--retries', '--context', '--kubeconfig']});
  const [source, dest] = operands;
  if (!source || !dest || (dest.known && /^[^/.][^/]*:/.test(dest.value))) return [];
  const doer = `${command.program.value} cp`;
  const targets = [target(dest, 'write', false, {doer})];
  if (dest.known && source.known && dest.value.endsWith('/')) targets.push(target(dest, 'write', false, {path: posix.join(dest.value, posix.basename(source.value.replace(/^[^/:]*:/, ''))), doer}));
  return targets;
}

/**
 * docker build -o DIR, --output type=local,dest=DIR (or type=tar,dest=FILE): the build's files
 * land on the host, in DIR.
 */
function buildOutput(command: SimpleCommand, args: Word[]): Target[] {
  const targets: Target[] = [];
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === null) continue;
    const value = text === '-o' || text === '--output' ? args[++i] : /^--output=/.test(text) ? ({...args[i]!, value: text.slice(9)} as Word) : /^-o./.test(text) ? ({...args[i]!, value: text.slice(2)} as Word) : undefined;
    if (!value) continue;
    if (!value.known) {
      targets.push(target(value, 'unpack', true, {doer: `${command.program.value} build --output`}));
      continue;
    }

    // `-o DIR` is type=local; `type=X,dest=D` names its type; type=docker/image/registry stay in the engine.
    const fields = value.value.includes('=') ? Object.fromEntries(value.value.split(',').map((field) => field.split('=', 2) as [string, string])) : {type: 'local', dest: value.value};
    const dest = fields.dest;
    if (!dest || dest === '-' || (fields.type !== 'local' && fields.type !== 'tar')) continue;
    targets.push(target(value, fields.type === 'tar' ? 'write' : 'unpack', fields.type !== 'tar', {path: dest, doer: `${command.program.value} build --output`, inside: true}));
  }

  return targets;
}

/** nmap -oN/-oX/-oG/-oA/-oS FILE (or `-oG=FILE`). */
function nmap(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  return args.flatMap((word, i) => {
    const match = word.known ? /^-o[NXGASM](?:=?(.+))?$/.exec(word.value) : null;
    if (!match) return [];
    if (match[1]) return [target(word, 'write', false, {path: match[1], doer: 'nmap', inside: true})];
    const next = args[i + 1];
    return next && next.value !== '-' ? [target(next, 'write', false, {doer: 'nmap'})] : [];
  });
}

/** openssl's `-out FILE` and `-keyout FILE`, in every subcommand. */
function openssl(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  return args.flatMap((word, i) => ((word.value === '-out' || word.value === '-keyout') && args[i + 1] ? [target(args[i + 1]!, 'write', false, {doer: `openssl ${word.value}`})] : []));
}

/** exiftool -FileName=F / -Directory=D moves the file there; -o F and -W F write. */
function exiftool(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  return args.flatMap((word, i) => {
    const match = word.known ? /^-(filename|directory|testname)[<+]?=(.+)$/i.exec(word.value) : null;
    if (match) return [target(word, 'replace', false, {path: match[2], doer: 'exiftool', inside: true})];
    return (word.value === '-o' || word.value === '-out' || word.value === '-W') && args[i + 1] && args[i + 1]!.value !== '-' ? [target(args[i + 1]!, 'write', false, {doer: 'exiftool'})] : [];
  });
}

/** gzip FILE replaces FILE with FILE.gz (and gunzip the other way): the original is gone. */
function compressor(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-S', '--suffix', '-b', '--blocksize', '-T', '--threads', '-p', '--processes', '--format', '-F', '--memlimit', '-M'], aliases: {'--stdout': '-c', '--to-stdout': '-c', '--keep': '-k', '--test': '-t', '--list': '-l'}});
  if (informational(flags) || ['-c', '-k', '-t', '-l', '-h', '-V', '-L'].some((flag) => flags.has(flag))) return [];
  return operands.filter((word) => word.value !== '-').map((word) => target(word, 'move'));
}

/** script [-a] [-c CMD] FILE, logsave [-a] FILE CMD, screen -L -Logfile FILE: the session's log is written (`-a`: appended). */
function sessionLog(command: SimpleCommand): Target[] {
  const name = command.program.value!;
  const args = command.argv.slice(1);
  if (name === 'screen') {
    const named = args.findIndex((word) => word.value === '-Logfile');
    const at = named !== -1 ? named : args.findIndex((word) => word.value === '-L');
    const file = args[at + 1];
    return at !== -1 && file && (named !== -1 || /^\.?\.?\//.test(file.value ?? '')) ? [target(file, 'write', false, {doer: 'screen -L'})] : [];
  }

  const spec: OptionSpec = name === 'script' ? {takesValue: ['-c', '--command', '-I', '--log-in', '-O', '--log-out', '-T', '--log-timing', '-B', '--log-io', '-o', '--output-limit', '-E', '--echo', '-t'], aliases: {'--append': '-a'}} : {stopAtOperand: true};
  const {flags, operands, values} = normalizeOptions(args, spec);
  if (informational(flags) || flags.has('-h') || flags.has('-V')) return [];
  const op = flags.has('-a') ? 'append' : 'write';
  const logs = name === 'script' ? [...['-O', '--log-out', '-I', '--log-in', '-B', '--log-io', '-T', '--log-timing'].flatMap((flag) => (values.get(flag) ? [values.get(flag)!] : [])), ...operands.slice(0, 1)] : operands.slice(0, 1);
  return logs.map((word) => target(word, op, false, {doer: name}));
}

/** gdb -ex 'dump value FILE EXPR' (and dump memory/binary…): the dump is written to FILE. */
function gdb(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  return args.flatMap((word, i) => {
    if (!['-ex', '--ex', '-eval-command', '--eval-command'].includes(args[i - 1]?.value ?? '') && !/^--?(ex|eval-command)=/.test(word.value ?? '')) return [];
    const match = word.value?.replace(/^--?(ex|eval-command)=/, '').match(/^\s*(?:dump|append)\s+(?:(?:binary|verilog|ihex|srec|tekhex)\s+)?(?:value|memory)\s+(\S+)/);
    return match ? [target(word, word.value!.trim().startsWith('append') ? 'append' : 'write', false, {path: match[1], doer: 'gdb dump', inside: true})] : [];
  });
}

/** puppet apply -e 'file { "/etc/x": content => … }': the manifest's file resources are written. */
function puppet(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  if (args[0]?.value !== 'apply') return [];
  return args.flatMap((word, i) => {
    if (!['-e', '--execute'].includes(args[i - 1]?.value ?? '')) return [];
    return [...(word.value ?? '').matchAll(/\bfile\s*\{\s*['"]([^'"]+)['"]/g)].map((match) => target(word, 'write', false, {path: match[1], doer: 'puppet apply file', inside: true}));
  });
}

/** go build -o FILE. */
function go(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  if (args[0]?.value !== 'build') return [];
  const {values} = normalizeOptions(args.slice(1), {takesValue: ['-o', '-p', '-tags', '-ldflags', '-gcflags', '-mod', '-modfile', '-C', '-pkgdir', '-buildmode', '-compiler', '-overlay', '-pgo']});
  const out = values.get('-o');
  return out ? [target(out, 'write', false, {doer: 'go build -o'})] : [];
}

/** sudo -e FILE / sudoedit FILE: the files are edited as root. */
function sudoEdit(command: SimpleCommand): Target[] {
  if (command.program.value === 'sudoedit') return editor(command);
  const args = command.argv.slice(1);
  const edit = args.findIndex((word) => word.known && (word.value === '--edit' || /^-[A-Za-z]*e[A-Za-z]*$/.test(word.value)));
  if (edit === -1) return [];
  const {operands} = normalizeOptions(args, {takesValue: ['-u', '--user', '-g', '--group', '-C', '--close-from', '-p', '--prompt', '-h', '--host', '-r', '--role', '-t', '--type', '-T', '--command-timeout', '-D', '--chdir', '-R', '--chroot']});
  return operands.map((word) => target(word, 'write', false, {doer: 'sudo -e'}));
}

/**
 * touch FILE…: a file made where none was. Judged for guard's own files alone: an empty
 * `.guardrc` below the project policy in force takes its place for runs from there.
 */
function touched(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-d', '--date', '-r', '--reference', '-t'], long: ['no-create', 'date', 'reference', 'time', 'no-dereference', 'help', 'version'], aliases: {'--no-create': '-c'}});
  if (informational(flags) || flags.has('-c')) return [];
  return operands.map((word) => target(word, 'append', false, {doer: 'touch', guardOnly: 'own'}));
}

export const writerHandlers: Record<string, Targets> = {
  touch: touched,
  ...Object.fromEntries(Object.entries(outputOptions).map(([name, output]) => [name, (command: SimpleCommand) => optionOutputs(command, output)])),
  ...Object.fromEntries(Object.keys(editorOf).map((name) => [name, editor])),
  uniq: secondOperand({takesValue: ['-f', '--skip-fields', '-s', '--skip-chars', '-w', '--check-chars']}),
  xxd,
  'lwp-download': secondOperand({}),
  sponge,
  split,
  csplit,
  dos2unix: newline,
  unix2dos: newline,
  mac2unix: newline,
  unix2mac: newline,
  ln: link,
  link,
  perl: inPlace,
  ruby: inPlace,
  gawk: awkInPlace,
  awk: awkInPlace,
  make,
  gmake: make,
  sqlite3: sqlite,
  socat,
  'update-alternatives': alternatives,
  docker: containerCopy,
  podman: containerCopy,
  nerdctl: containerCopy,
  kubectl: containerCopy,
  nmap,
  openssl,
  exiftool,
  gzip: compressor,
  gunzip: compressor,
  pigz: compressor,
  unpigz: compressor,
  bzip2: compressor,
  bunzip2: compressor,
  xz: compressor,
  unxz: compressor,
  lzma: compressor,
  unlzma: compressor,
  go,
  sudo: sudoEdit,
  script: sessionLog,
  logsave: sessionLog,
  screen: sessionLog,
  gdb,
  puppet,
};
