// The system pack's rules for kernel settings: those that starve the whole host at once (memory
// held back from every program, vm.min_free_kbytes of gigabytes; strict overcommit at a ratio that
// leaves nothing to allocate; a handful of local ports, processes, threads, open files or tracked
// connections), and those that switch a protection of every program off (address space
// randomisation, the link protections of shared folders), with the boot's own (Secure Boot's
// checks, kernel lockdown, module signatures). Set by sysctl, written into /proc/sys, or written
// into a sysctl file that the code then loads (or the next boot does).
import {posix} from 'node:path';
import {type SimpleCommand, type Word, echoOutput, printfOutput} from '../../shell/index.js';
import {written} from '../spelling.js';
import type {BuiltinRule, EvaluationContext, Hit} from '../types.js';
import {args, fedText, fileText} from './hits.js';

/** One setting: its key with dots (`vm.min_free_kbytes`), its value, and the word that set it. */
interface Setting {
  key: string;
  value: string;
  word: Word;
}

const gib = 1024 * 1024;

/** What a setting's value does to the host when it starves it; undefined when it does not. */
function starves(key: string, value: string, settings: ReadonlyMap<string, string>): string | undefined {
  const number = Number(value.trim());
  switch (key) {
    case 'vm.min_free_kbytes':
      return number >= 8 * gib ? `keeps ${Math.round(number / gib)} GiB of memory back from every program: the OOM killer starts at once` : undefined;
    case 'vm.overcommit_memory':
    case 'vm.overcommit_ratio': {
      const mode = settings.get('vm.overcommit_memory')?.trim();
      const ratio = Number(settings.get('vm.overcommit_ratio') ?? 50);
      return mode === '2' && ratio < 25 ? `makes overcommit strict at ${ratio}% of memory: fork and malloc fail across the host, ssh logins among them` : undefined;
    }

    case 'net.ipv4.ip_local_port_range': {
      const [low, high] = value.trim().split(/\s+/).map(Number);
      const ports = low !== undefined && high !== undefined ? high - low + 1 : Number.NaN;
      return ports < 1000 ? `leaves ${Math.max(ports, 0)} local ports for every outgoing connection of the host: connections fail with EADDRNOTAVAIL` : undefined;
    }

    case 'kernel.pid_max':
      return number < 4096 ? `caps the host at ${number} processes: fork fails for everyone` : undefined;
    case 'kernel.threads-max':
      return number < 1024 ? `caps the host at ${number} threads: new threads and processes fail` : undefined;
    case 'fs.file-max':
    case 'fs.nr_open':
      return number < 8192 ? `caps open files at ${number}: programs fail to open files and sockets` : undefined;
    case 'net.netfilter.nf_conntrack_max':
    case 'net.nf_conntrack_max':
      return number < 4096 ? `caps tracked connections at ${number}: new connections through the firewall are dropped` : undefined;
    default:
      return undefined;
  }
}

/** `key=value` (also `key = value`, `/`-separated keys) as sysctl and its files write them. */
function parse(text: string): Array<{key: string; value: string}> {
  const at = text.indexOf('=');
  if (at === -1) return [];
  const key = text.slice(0, at).trim().replace(/^-\s*/, '');
  if (!/^[\w./-]+$/.test(key)) return [];
  return [{key: key.replace(/^\/?proc\/sys\//, '').replace(/\//g, '.'), value: text.slice(at + 1).trim().replace(/^(["'])(.*)\1$/, '$2')}];
}

const fileLines = (text: string) => text.split('\n').filter((line) => !/^\s*[#;]/.test(line)).flatMap(parse);

// Where sysctl reads its settings at boot and for --system.
const sysctlFile = /^(?:\/etc\/sysctl\.conf|\/(?:etc|run|usr\/lib|lib|usr\/local\/lib)\/sysctl\.d\/[^/]+\.conf)$/;

const absolute = (path: string, command: SimpleCommand) => (path.startsWith('/') ? posix.normalize(path) : command.cwd.known ? posix.resolve(command.cwd.value!, path) : undefined);

/** What echo or printf write, as echo and printf print it; a number is a number whatever echo's options. */
function printedText(name: string, words: Word[]): string | undefined {
  if (!words.every((word) => word.known)) return undefined;
  const texts = words.map((word) => word.value!);
  if (name === 'printf') return printfOutput(texts[0] === '--' ? (texts[1] ?? '') : (texts[0] ?? ''), texts.slice(texts[0] === '--' ? 2 : 1));
  return echoOutput(texts) ?? texts.filter((text) => !/^-[neE]+$/.test(text)).join(' ');
}

// Both rules read each command's settings: worked out once.
const settingsMade = new WeakMap<SimpleCommand, Setting[]>();

/** The settings a command makes: sysctl's words or the files it loads, a write into /proc/sys or into a sysctl file. */
function settingsOf(command: SimpleCommand, context: EvaluationContext): Setting[] {
  let found = settingsMade.get(command);
  if (!found) settingsMade.set(command, (found = readSettings(command, context)));
  return found;
}

function readSettings(command: SimpleCommand, context: EvaluationContext): Setting[] {
  // Most commands neither are sysctl nor write anywhere: nothing to read.
  if (command.program.value !== 'sysctl' && command.program.value !== 'tee' && command.redirects.length === 0) return [];
  const words = args(command);
  const found: Setting[] = [];
  if (command.program.value === 'sysctl') {
    const texts = words.map((word) => word.value);
    if (texts.some((text) => text === '-h' || text === '--help' || text === '--dry-run')) return [];
    // -p (-f, --load) loads files: the one it names or /etc/sysctl.conf, and each word after that has no `=`; `-` is its input.
    const loads = texts.some((text) => text !== null && (/^-\w*[pf]$|^--load(?:=|$)/.test(text)));
    let loaded = false;
    for (const [i, word] of words.entries()) {
      const text = word.value;
      if (text === null) continue;
      const file = /^--load=/.test(text) ? text.slice('--load='.length) : loads && i > 0 && !text.startsWith('-') && !text.includes('=') ? text : text === '-' && loads ? '-' : undefined;
      if (file !== undefined) {
        loaded = true;
        for (const line of fileLines((file === '-' ? fedText(command) : fileText(file, command, context)) ?? '')) found.push({...line, word});
      } else if (text === '--system') {
        // The sysctl files the same code wrote before it (what is on disk already was loaded at boot).
        for (const path of command.written?.files.keys() ?? []) if (sysctlFile.test(path)) for (const line of fileLines(fileText(path, command, context) ?? '')) found.push({...line, word});
      } else if (!text.startsWith('-') && text.includes('=')) for (const line of parse(text)) found.push({...line, word});
    }

    if (loads && !loaded) for (const line of fileLines(fileText('/etc/sysctl.conf', command, context) ?? '')) found.push({...line, word: words[0]!});
    return found;
  }

  // A write: `echo N > /proc/sys/…`, `… | tee /proc/sys/…`, `cat > /etc/sysctl.d/x.conf <<EOF`.
  const targets = [...command.redirects.filter((redirect) => redirect.op === '>' || redirect.op === '>>' || redirect.op === '>|').map((redirect) => redirect.target), ...(command.program.value === 'tee' ? words.filter((word) => !word.value?.startsWith('-')) : [])];
  if (targets.length === 0) return [];
  const text = command.program.value === 'echo' || command.program.value === 'printf' ? printedText(command.program.value, words) : fedText(command);
  if (text === undefined) return [];
  for (const target of targets) {
    const path = target.known ? absolute(target.value, command) : undefined;
    if (path?.startsWith('/proc/sys/')) found.push({key: path.slice('/proc/sys/'.length).replace(/\//g, '.'), value: text.trim(), word: target});
    else if (path !== undefined && sysctlFile.test(path)) for (const line of fileLines(text)) found.push({...line, word: target});
  }

  return found;
}

/** What a setting switches off for every program on the host; undefined when it does not. */
function weakens(key: string, value: string): string | undefined {
  // The kernel reads the number in any base (`00`, `0x0`).
  const off = /^(?:0+|0x0+)$/i.test(value.trim());
  switch (key) {
    case 'kernel.randomize_va_space':
      return off ? 'turns address space layout randomisation off for every program: memory-corruption exploits find their targets at fixed addresses' : undefined;
    case 'fs.protected_symlinks':
    case 'fs.protected_hardlinks':
    case 'fs.protected_regular':
    case 'fs.protected_fifos':
      return off ? `turns off the kernel's guard against ${key.slice('fs.protected_'.length)} planted in shared folders such as /tmp: a classic way to take over a root process` : undefined;
    default:
      return undefined;
  }
}

function weakenedSettings(command: SimpleCommand, context: EvaluationContext): Hit | null {
  for (const {key, value, word} of settingsOf(command, context)) {
    const does = weakens(key, value);
    if (does) return {word: written(word), reason: `${command.program.value} sets ${key} to ${value.trim()}: ${does}`};
  }

  return null;
}

// Kernel command-line words that keep unsigned code out of the running kernel.
// grubby and kernelstub remove an argument by its name whatever its value (`--remove-args=lockdown`).
const bootProtections = /(?:^|\s)(?:lockdown(?:=\S+)?|module\.sig_enforce(?:=1)?|ima_appraise(?:=enforce)?)(?=\s|$)/;

/**
 * A protection of the boot switched off: Secure Boot's checks (`mokutil --disable-validation`),
 * kernel lockdown or module signatures taken off every kernel's command line (`grubby
 * --remove-args=lockdown=…`) or set off (`module.sig_enforce=0`, `lockdown=none`).
 */
function bootUnprotected(command: SimpleCommand): Hit | null {
  const words = args(command);
  if (command.program.value === 'mokutil') {
    // getopt_long takes any unambiguous prefix (`--disable-val`).
    const off = words.find((word) => word.known && word.value.length >= '--disable-v'.length && '--disable-validation'.startsWith(word.value));
    return off ? {word: written(off), reason: "mokutil --disable-validation turns Secure Boot's signature checks off from the next boot: unsigned boot loaders, kernels and modules load"} : null;
  }

  // grubby's `--args`/`--remove-args`, kernelstub's `-a`/`--add-options` and `-d`/`--delete-options`.
  const values = words.flatMap((word, i) => {
    const text = word.value ?? '';
    const named = /^(?:--(remove-args|args)|--(delete-options|add-options)|-([ad]))(?:=(.*))?$/.exec(text);
    if (!named) return [];
    const remove = named[1] === 'remove-args' || named[2] === 'delete-options' || named[3] === 'd';
    return [{remove, text: named[4] ?? words[i + 1]?.value ?? '', word}];
  });
  for (const {remove, text, word} of values) {
    if (remove ? bootProtections.test(text) : /(?:^|\s)(?:module\.sig_enforce=0|lockdown=none|ima_appraise=(?:off|fix))(?=\s|$)/.test(text)) {
      return {word: written(word), reason: `${command.program.value} ${remove ? 'takes' : 'puts'} ${text.trim()} ${remove ? 'off' : 'on'} the kernel's command line: unsigned modules and code load into the running kernel from the next boot`};
    }
  }

  return null;
}

/** Each command that sets a starving value, judged with every setting the code makes (overcommit's mode and ratio come in two). */
function starvingSettings(commands: SimpleCommand[], context: EvaluationContext): Array<{command: SimpleCommand; hit: Hit}> {
  const made = commands.map((command) => ({command, settings: settingsOf(command, context)}));
  const all = new Map<string, string>();
  for (const {settings} of made) for (const {key, value} of settings) all.set(key, value);
  const found: Array<{command: SimpleCommand; hit: Hit}> = [];
  for (const {command, settings} of made) {
    for (const {key, value, word} of settings) {
      const does = starves(key, value, all);
      if (does) {
        found.push({command, hit: {word: written(word), reason: `${command.program.value} sets ${key} to ${value.replace(/\s+/g, ' ')}: ${does}`}});
        break;
      }
    }
  }

  return found;
}

export const limits: BuiltinRule[] = [
  {
    id: 'system.kernel-hardening',
    pack: 'system',
    level: 'confirm',
    reason: "switches off a protection of every program or of the boot: address space randomisation, the kernel's link protections in shared folders, Secure Boot's signature checks, kernel lockdown or module signatures",
    alternative: 'turn it off for one program (setarch -R, a debugger run as that user), or on a test machine; keep the boot protections on',
    match: {program: ['sysctl', 'tee', 'echo', 'printf', 'cat', 'mokutil', 'grubby', 'kernelstub']},
    check: (command, context) => (command.program.value === 'mokutil' || command.program.value === 'grubby' || command.program.value === 'kernelstub' ? bootUnprotected(command) : weakenedSettings(command, context)),
    examples() {
      return {
        refuse: [
          'sysctl -w kernel.randomize_va_space=0',
          'echo 0 | sudo tee /proc/sys/kernel/randomize_va_space',
          `sudo ruby -e 'File.write("/proc/sys/kernel/randomize_va_space", "0")'`,
          `python3 -c 'from pathlib import Path; Path("/proc/sys/fs/protected_symlinks").write_text("0")'`,
          "printf 'fs.protected_symlinks = 0\\n' | sudo tee /etc/sysctl.d/50-links.conf",
          'sudo mokutil --disable-validation',
          "sudo grubby --update-kernel=ALL --remove-args='lockdown=confidentiality module.sig_enforce=1'",
          'sudo grubby --update-kernel=ALL --args=module.sig_enforce=0', 'sysctl -w kernel.randomize_va_space=00', 'sudo mokutil --disable-val', 'grubby --update-kernel=ALL --remove-args=module.sig_enforce', 'kernelstub -a module.sig_enforce=0', 'kernelstub -d lockdown=integrity',
        ],
        allow: [
          'sysctl kernel.randomize_va_space',
          'sysctl -w kernel.randomize_va_space=2',
          `ruby -e 'File.write("/proc/sys/kernel/randomize_va_space", "2")'`,
          'setarch "$(uname -m)" -R ./a.out',
          'mokutil --sb-state',
          'sudo mokutil --enable-validation',
          'sudo grubby --info=ALL',
          "sudo grubby --update-kernel=ALL --remove-args='quiet splash'",
          'sudo grubby --update-kernel=ALL --args=lockdown=integrity', 'kernelstub -a quiet', 'sysctl -w kernel.randomize_va_space=02',
        ],
      };
    },
  },
  {
    id: 'system.kernel-limits',
    pack: 'system',
    level: 'deny',
    reason: 'sets a kernel limit that starves the whole host: memory held back from every program, strict overcommit at a tiny ratio, a handful of local ports, processes, threads, open files or tracked connections',
    alternative: 'change one limit at a time by a measured step, on one host first, with a console at hand',
    match: {program: ['sysctl', 'tee', 'echo', 'printf', 'cat']},
    checkAll: starvingSettings,
    examples() {
      return {
        refuse: [
          'sysctl -w vm.min_free_kbytes=67108864',
          'sudo sysctl vm.min_free_kbytes=33554432',
          'sysctl -w vm.overcommit_memory=2 vm.overcommit_ratio=1',
          'sysctl -w vm.overcommit_ratio=5 && sysctl -w vm.overcommit_memory=2',
          'sysctl -w net.ipv4.ip_local_port_range="61000 61001"',
          'sysctl -w kernel.pid_max=400',
          'sysctl -w fs.file-max=1000',
          'sysctl -w net.netfilter.nf_conntrack_max=512',
          'echo 67108864 | sudo tee /proc/sys/vm/min_free_kbytes',
          'echo 2 > /proc/sys/vm/overcommit_memory; echo 1 > /proc/sys/vm/overcommit_ratio',
          "printf 'vm.min_free_kbytes = 67108864\\n' | sudo tee /etc/sysctl.d/99-memory.conf",
          "cat > /etc/sysctl.d/90-tune.conf <<'EOF'\nvm.overcommit_memory = 2\nvm.overcommit_ratio = 1\nEOF\nsysctl --system",
          "echo 'net.ipv4.ip_local_port_range = 50000 50010' > ./tune.conf && sysctl -p ./tune.conf",
        ],
        allow: [
          'sysctl -a',
          'sysctl vm.min_free_kbytes',
          'sysctl -w vm.min_free_kbytes=1048576',
          'sysctl -w vm.swappiness=10',
          'sysctl -w vm.overcommit_memory=1',
          'sysctl -w vm.overcommit_memory=2 vm.overcommit_ratio=80',
          'sysctl -w net.ipv4.ip_local_port_range="1024 65000"',
          'sysctl -w kernel.pid_max=4194304',
          'sysctl -w fs.file-max=2097152',
          'sysctl -w net.netfilter.nf_conntrack_max=262144',
          'cat /proc/sys/vm/min_free_kbytes',
          'echo 3 > /proc/sys/vm/drop_caches',
          "printf 'vm.max_map_count = 262144\\n' | sudo tee /etc/sysctl.d/99-elastic.conf",
          'sysctl --system',
        ],
      };
    },
  },
];
