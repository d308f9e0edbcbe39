// Disk tools and the device each one rewrites: a filesystem (mkfs, mkswap), a partition table
// (fdisk, sfdisk, sgdisk, parted), an erasure (wipefs, blkdiscard, cryptsetup luksFormat,
// hdparm and nvme erase, badblocks -w, mdadm --zero-superblock), a new volume label (pvcreate,
// zpool create). Their listing, printing and dry-run forms name nothing. Whether the device is
// a disk or an image file in the project is path protection's call, as for `dd of=`.
import {type OptionSpec, type SimpleCommand, type Word, knownText, normalizeOptions} from '../shell/index.js';
import type {Operation} from './paths.js';
import {type Target, type Targets, informational, target} from './target.js';

const on = (word: Word, op: Operation, doer: string): Target => target(word, op, false, {doer});

const formatValues = ['-t', '-L', '-b', '-E', '-O', '-N', '-m', '-g', '-G', '-i', '-I', '-J', '-o', '-r', '-T', '-U', '-e', '-d', '-C', '-M', '-l', '-n', '-p', '-s', '-c', '-f', '-F', '-S', '-z', '--label', '--uuid', '--pagesize', '--type'];

/** The dry run of each mkfs: mke2fs and mkfs.ext* `-n`, mkfs.xfs `-N`, mkfs.ntfs `-n`/`--no-action`, mkfs.lustre `--dryrun`. */
function dryRun(name: string, flags: Set<string>, values: Map<string, Word>): boolean {
  const type = name === 'mkfs' ? (values.get('-t')?.value ?? values.get('--type')?.value ?? '') : name.replace(/^mkfs\./, '');
  if (name === 'mke2fs' || /^ext[234]$/.test(type)) return flags.has('-n');
  if (type === 'xfs') return flags.has('-N');
  if (type === 'ntfs' || name === 'mkntfs') return flags.has('-n') || flags.has('--no-action');
  if (type === 'lustre') return flags.has('--dryrun');
  return false;
}

/** mkfs*, mke2fs, mkswap: every operand that is not a number (a block count) is the device. */
function format(command: SimpleCommand): Target[] {
  const name = command.program.value!;
  const takesValue = name === 'mkswap' ? ['-L', '-U', '-p', '--label', '--uuid', '--pagesize', '-o', '--offset', '-s', '--size'] : formatValues.filter((flag) => !['-F', '-c', '-f', '-n', '-q', '-N'].includes(flag));
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {takesValue});
  if (flags.has('-V') || informational(flags) || dryRun(name, flags, values)) return [];
  return operands.filter((word) => !word.known || !/^\d+$/.test(word.value)).map((word) => on(word, 'format', name));
}

function wipefs(command: SimpleCommand): Target[] {
  // `-b`/`--backup` takes no value (a folder only as `--backup=DIR`): it keeps a copy of what is erased, and erases it all the same.
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {
    takesValue: ['-o', '-t', '-O', '--offset', '--types', '--output'],
    long: ['all', 'backup', 'force', 'help', 'lock', 'no-act', 'no-headings', 'json', 'offset', 'output', 'parsable', 'quiet', 'types', 'version'],
    aliases: {'--all': '-a', '--offset': '-o', '--no-act': '-n'},
  });
  if (flags.has('-n') || !(flags.has('-a') || flags.has('-o'))) return [];
  return operands.map((word) => on(word, 'erase', 'wipefs'));
}

function blkdiscard(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-o', '-l', '-p', '--offset', '--length', '--step']});
  if (informational(flags) || flags.has('-h') || flags.has('-V')) return [];
  return operands.map((word) => on(word, 'erase', 'blkdiscard'));
}

const partitioners: Record<string, {spec: OptionSpec; readOnly: string[]}> = {
  fdisk: {
    spec: {
      takesValue: ['-b', '--sector-size', '-o', '--output', '-C', '--cylinders', '-H', '--heads', '-S', '--sectors', '-w', '--wipe', '-W', '--wipe-partitions', '-t', '--type'],
      long: ['sector-size', 'output', 'cylinders', 'heads', 'sectors', 'wipe', 'wipe-partitions', 'type', 'list', 'list-details', 'noauto-pt', 'lock', 'bytes', 'color', 'units', 'compatibility', 'protect-boot', 'getsz', 'help', 'version'],
      aliases: {'--list': '-l', '--list-details': '-x', '--getsz': '-s', '--help': '-h', '--version': '-V'},
    },
    readOnly: ['-l', '-x', '-s', '-h', '-V'],
  },
  gdisk: {spec: {}, readOnly: ['-l', '-h', '-v', '--help', '--version']},
  cfdisk: {spec: {long: ['read-only', 'help', 'version', 'lock', 'color', 'zero'], aliases: {'--read-only': '-r'}}, readOnly: ['-r', '-h', '-V', '--help', '--version']},
};

/** fdisk, gdisk, cfdisk DEVICE: an interactive or scripted session that writes a new table; `-l` only lists. */
function partitioner(command: SimpleCommand): Target[] {
  const name = command.program.value!;
  const {spec, readOnly} = partitioners[name === 'cgdisk' ? 'gdisk' : name]!;
  const {flags, operands} = normalizeOptions(command.argv.slice(1), spec);
  if (readOnly.some((flag) => flags.has(flag))) return [];
  return operands.map((word) => on(word, 'partition', name));
}

const sfdiskSpec: OptionSpec = {
  takesValue: ['-N', '--partno', '-O', '--backup-file', '-o', '--output', '-w', '--wipe', '-W', '--wipe-partitions', '-X', '--label', '-Y', '--label-nested', '--sector-size', '--relocate', '--lock'],
  long: [
    'partno', 'backup-file', 'output', 'wipe', 'wipe-partitions', 'label', 'label-nested', 'sector-size', 'relocate', 'list', 'dump', 'json', 'show-size', 'show-geometry', 'show-pt-geometry', 'verify', 'list-free', 'no-act', 'activate', 'delete',
    'disk-id', 'reorder', 'move-data', 'part-type', 'part-uuid', 'part-label', 'part-attrs', 'append', 'backup', 'backup-pt-sectors', 'force', 'no-reread', 'no-tell-kernel', 'quiet', 'list-types', 'help', 'version',
  ],
  aliases: {'--list': '-l', '--dump': '-d', '--json': '-J', '--show-size': '-s', '--show-geometry': '-g', '--show-pt-geometry': '-G', '--verify': '-V', '--list-free': '-F', '--no-act': '-n', '--activate': '-A', '--reorder': '-r', '--append': '-a', '--list-types': '-T', '--help': '-h', '--version': '-v'},
};

/** sfdisk DEVICE writes the table it reads on stdin; --delete, --reorder, setting a type or id change it; -l, -d, -J, -n only read. */
function sfdisk(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), sfdiskSpec);
  if (['-l', '-d', '-J', '-s', '-g', '-G', '-V', '-F', '-n', '-T', '-h', '-v', '--backup-pt-sectors'].some((flag) => flags.has(flag))) return [];
  const device = operands[0];
  if (!device) return [];
  const printing = (['--part-type', '--part-uuid', '--part-label', '--part-attrs'].some((flag) => flags.has(flag)) && operands.length <= 2) || ((flags.has('--disk-id') || flags.has('-A')) && operands.length <= 1);
  return printing ? [] : [on(device, 'partition', 'sfdisk')];
}

const sgdiskValues = ['-a', '--set-alignment', '-A', '--attributes', '-b', '--backup', '-c', '--change-name', '-d', '--delete', '-h', '--hybrid', '-i', '--info', '-j', '--adjust-main-table', '-l', '--load-backup', '-m', '--gpttombr', '-n', '--new', '-N', '--largest-new', '-r', '--transpose', '-R', '--replicate', '-t', '--typecode', '-T', '--transform-bsd', '-u', '--partition-guid', '-U', '--disk-guid'];
const sgdiskLong: Record<string, string> = {
  '--print': '-p', '--info': '-i', '--verify': '-v', '--backup': '-b', '--print-mbr': '-O', '--pretend': '-P', '--list-types': '-L', '--version': '-V', '--help': '-?', '--usage': '-?', '--display-alignment': '-D', '--end-of-largest': '-E', '--first-in-largest': '-F',
  '--set-alignment': '-a', '--replicate': '-R', '--zap': '-z', '--zap-all': '-Z', '--clear': '-o', '--new': '-n', '--delete': '-d', '--typecode': '-t', '--change-name': '-c', '--load-backup': '-l', '--mbrtogpt': '-g', '--randomize-guids': '-G', '--sort': '-s', '--largest-new': '-N',
};
const sgdiskReads = new Set(['-p', '-i', '-v', '-b', '-O', '-L', '-V', '-?', '-D', '-E', '-F', '-a']);

/** sgdisk changes the GPT with nearly every option; -p, -i, -v, -b, -O only read and -P pretends. -R DEV writes DEV's table. */
function sgdisk(command: SimpleCommand): Target[] {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {takesValue: sgdiskValues, long: Object.keys(sgdiskLong).map((name) => name.slice(2)), aliases: sgdiskLong});
  if (flags.has('-P') || ![...flags].some((flag) => !sgdiskReads.has(flag))) return [];
  const replica = values.get('-R');
  return replica ? [on(replica, 'partition', 'sgdisk -R')] : operands.map((word) => on(word, 'partition', 'sgdisk'));
}

/**
 * FreeBSD's gpart: `destroy` (with -F even a table with partitions in it) and `delete -i N` of a
 * disk's partition table; a bare name (`ada1`) is /dev/ada1. `show`, `list`, `status` only read.
 */
function gpart(command: SimpleCommand): Target[] {
  const {operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-i', '-s', '-t', '-b', '-a', '-l', '-f', '-n', '-p']});
  const [verb, ...rest] = operands;
  if (!verb?.known || !/^(?:destroy|delete|create|recover|restore|bootcode)$/.test(verb.value)) return [];
  const device = rest.at(-1);
  if (!device) return [];
  return [device.known && !device.value.includes('/') ? target(device, 'partition', false, {path: `/dev/${device.value}`, doer: `gpart ${verb.value}`}) : on(device, 'partition', `gpart ${verb.value}`)];
}

const partedChanges = new Set(['mklabel', 'mktable', 'mkpart', 'mkpartfs', 'mkfs', 'rm', 'resizepart', 'resize', 'name', 'set', 'toggle', 'disk_set', 'disk_toggle', 'rescue', 'move', 'cp', 'type']);

/** parted DEVICE [COMMAND…]: without commands an interactive session; print, unit and align-check only read. */
function parted(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-a', '--align'], long: ['list', 'machine', 'script', 'align', 'fix', 'json', 'version', 'help'], aliases: {'--list': '-l', '--version': '-v', '--help': '-h'}});
  if (flags.has('-l') || flags.has('-v') || flags.has('-h')) return [];
  const [device, ...commands] = operands;
  if (!device) return [];
  const changes = commands.length === 0 || commands.some((word) => !word.known || partedChanges.has(word.value));
  return changes ? [on(device, 'partition', commands.length === 0 ? 'parted (interactive)' : 'parted')] : [];
}

const cryptsetupValues = [
  '--type', '-M', '-c', '--cipher', '-s', '--key-size', '-h', '--hash', '-d', '--key-file', '-S', '--key-slot', '-i', '--iter-time', '--header', '--pbkdf', '--label', '--subsystem', '--sector-size', '--uuid', '-l', '--keyfile-size', '--keyfile-offset', '--new-keyfile-size', '--new-keyfile-offset', '--header-backup-file', '-t', '--timeout', '-T', '--tries', '-o', '--offset', '-p', '--skip', '-b', '--size', '--align-payload', '--luks2-metadata-size', '--luks2-keyslots-size', '--integrity', '--pbkdf-memory', '--pbkdf-parallel', '--pbkdf-force-iterations', '--priority', '--token-id', '--key-description', '--master-key-file', '--volume-key-file', '--reduce-device-size', '--resilience', '--hotzone-size', '--device-size', '--key-size',
];
const cryptsetupErases: Record<string, string> = {luksformat: 'luksFormat', erase: 'erase', lukserase: 'luksErase', luksheaderrestore: 'luksHeaderRestore', reencrypt: 'reencrypt'};

/** cryptsetup luksFormat/erase/luksErase/luksHeaderRestore DEVICE: the data behind the old header is gone; reencrypt in place loses it if interrupted. */
function cryptsetup(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: cryptsetupValues});
  if (informational(flags)) return [];
  const action = operands[0];
  const device = operands[1];
  const name = action?.known ? cryptsetupErases[action.value.toLowerCase()] : undefined;
  return name && device ? [on(device, 'erase', `cryptsetup ${name}`)] : [];
}

const mdadmValues = ['-l', '--level', '-n', '--raid-devices', '-x', '--spare-devices', '-c', '--chunk', '-e', '--metadata', '-p', '--layout', '--parity', '-b', '--bitmap', '-N', '--name', '--homehost', '-z', '--size', '-u', '--uuid', '--data-offset', '--consistency-policy', '--write-journal', '--config', '--bitmap-chunk', '--write-behind', '-a', '--auto'];

/** mdadm --zero-superblock DEV… erases them; --create/--build ARRAY MEMBER… writes new superblocks over each member. */
function mdadm(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const zero = args.some((word) => word.value === '--zero-superblock');
  const create = args.some((word) => word.known && (/^--(create|build)$/.test(word.value) || /^-[A-Za-z]*[CB]/.test(word.value)));
  if (!zero && !create) return [];
  const {operands} = normalizeOptions(args, {takesValue: mdadmValues});
  const members = zero ? operands : operands.slice(1);
  return members.filter((word) => word.value !== 'missing').map((word) => on(word, 'erase', zero ? 'mdadm --zero-superblock' : 'mdadm --create'));
}

/** badblocks -w writes test patterns over every block; the default (read-only) and -n (non-destructive) keep the data. */
function badblocks(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-b', '-c', '-d', '-e', '-i', '-o', '-p', '-t']});
  return flags.has('-w') && operands[0] ? [on(operands[0], 'erase', 'badblocks -w')] : [];
}

const hdparmErases = new Set(['--security-erase', '--security-erase-enhanced', '--security-set-pass', '--trim-sector-ranges', '--trim-sector-ranges-stdin', '--write-sector', '--repair-sector', '--make-bad-sector', '--fwdownload', '--fwdownload-mode3', '--fwdownload-mode3-max', '--fwdownload-mode7', '--dco-restore']);
const hdparmValues = new Set(['--security-erase', '--security-erase-enhanced', '--security-set-pass', '--security-unlock', '--security-disable', '--user-master', '--security-mode', '--write-sector', '--repair-sector', '--make-bad-sector', '--read-sector', '--fwdownload', '--fwdownload-mode3', '--fwdownload-mode3-max', '--fwdownload-mode7', '--trim-sector-ranges', '--set-sector-size']);

/** hdparm's erasing options (secure erase, a drive password that locks it, sector writes, firmware, -N capacity): the devices it names. */
function hdparm(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  let erasing: string | undefined;
  const devices: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.value;
    if (text !== null && hdparmErases.has(text)) erasing ??= text;
    if (text === '-N' && /^p?\d+$/.test(args[i + 1]?.value ?? '')) erasing ??= '-N';
    if (text !== null && (hdparmValues.has(text) || text === '-N')) i++;
    else if (text === null || !text.startsWith('-')) devices.push(args[i]!);
  }

  return erasing ? devices.map((word) => on(word, 'erase', `hdparm ${erasing}`)) : [];
}

const nvmeErases = new Set(['format', 'sanitize', 'delete-ns', 'write-zeroes', 'write-uncor', 'dsm']);

/** nvme format|sanitize|delete-ns|write-zeroes|dsm DEVICE: the namespace's data is gone. */
function nvme(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const verb = args[0]?.value;
  if (!verb || !nvmeErases.has(verb)) return [];
  const rest = args.slice(1);
  if (rest.some((word) => word.value === '--help' || word.value === '-h')) return [];
  if (verb === 'dsm' && !rest.some((word) => word.known && /^(-d|--ad|--deallocate)$/.test(word.value))) return [];
  return rest.filter((word) => !word.known || word.value.startsWith('/')).map((word) => on(word, 'erase', `nvme ${verb}`));
}

/** sg_format --format DEVICE (without --format it only reports), sg_sanitize DEVICE. */
function scsiErase(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  if (args.some((word) => word.value === '--help' || word.value === '-h')) return [];
  const formats = command.program.value === 'sg_sanitize' || args.some((word) => word.known && (word.value === '--format' || /^-[A-Za-z]*F/.test(word.value)));
  return formats ? args.filter((word) => !word.known || word.value.startsWith('/')).map((word) => on(word, 'erase', command.program.value!)) : [];
}

const lvmValues = ['--metadatasize', '--dataalignment', '--dataalignmentoffset', '-u', '--uuid', '--restorefile', '--setphysicalvolumesize', '-M', '--metadatatype', '--pvmetadatacopies', '--metadatacopies', '--bootloaderareasize', '--labelsector', '-Z', '--zero', '--config', '--profile', '--devices', '--devicesfile', '--reportformat', '-s', '--physicalextentsize', '-l', '--maxlogicalvolumes', '-p', '--maxphysicalvolumes', '--vgmetadatacopies', '--alloc', '--addtag', '--systemid', '--locktype', '--commandprofile'];

/** pvcreate and pvremove DEV…, vgcreate and vgextend VG DEV…: a physical volume label written over, or wiped from, each device. */
function physicalVolumes(command: SimpleCommand): Target[] {
  const name = command.program.value!;
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: lvmValues});
  if (flags.has('-t') || flags.has('--test') || flags.has('-h') || informational(flags)) return [];
  const devices = name === 'vgcreate' || name === 'vgextend' ? operands.slice(1) : operands;
  return devices.map((word) => on(word, name === 'pvremove' ? 'erase' : 'format', name));
}

const vdevKinds = /^(mirror|raidz[123]?|draid[123]?(:\S*)?|spare|log|cache|special|dedup)$/;

/** zpool create|add POOL VDEV…, attach POOL DEV NEW, replace POOL OLD [NEW], labelclear DEV; a bare `sdb` is /dev/sdb. */
function zpool(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const verb = args[0]?.value;
  if (!verb || !['create', 'add', 'attach', 'replace', 'labelclear'].includes(verb)) return [];
  const {flags, operands} = normalizeOptions(args.slice(1), {takesValue: ['-o', '-O', '-m', '-R', '-t']});
  if (flags.has('-n')) return [];
  const devices = verb === 'labelclear' ? operands : verb === 'attach' ? operands.slice(2) : verb === 'replace' ? operands.slice(-1) : operands.slice(1);
  const doer = `zpool ${verb}`;
  return devices
    .filter((word) => !(word.known && vdevKinds.test(word.value)))
    .map((word) => (word.known && !word.value.includes('/') ? target(word, verb === 'labelclear' ? 'erase' : 'format', false, {path: `/dev/${word.value}`, doer}) : on(word, verb === 'labelclear' ? 'erase' : 'format', doer)));
}

/** bmaptool copy IMAGE DEST, bmap-tools' dd: the image is written over DEST. */
function bmaptool(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['--bmap', '--bmap-sig', '--fingerprint', '--keyring', '--psplash-pipe'], long: ['bmap', 'bmap-sig', 'nobmap', 'no-sig-verify', 'no-verify', 'fingerprint', 'keyring', 'psplash-pipe', 'help', 'version', 'quiet', 'debug']});
  if (informational(flags) || operands[0]?.value !== 'copy' || operands.length < 3) return [];
  return [target(operands.at(-1)!, 'write', false, {doer: 'bmaptool copy'})];
}

/**
 * fio with a write, trim or mixed workload (`--rw=randwrite`) on a file it is given
 * (`--filename=/dev/nvme1n1`): the benchmark's blocks land over what the device held. Reads,
 * `--readonly` and job files (not read) leave it.
 */
function fio(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const value = (name: string) => {
    const at = args.findIndex((word) => word.value === `--${name}` || word.value?.startsWith(`--${name}=`));
    if (at === -1) return undefined;
    const word = args[at]!;
    return word.value === `--${name}` ? args[at + 1] : ({...word, value: word.value!.slice(name.length + 3)} as Word);
  };

  if (args.some((word) => word.value === '--readonly' || word.value === '--help')) return [];
  const rw = value('rw') ?? value('readwrite');
  if (!rw?.known || !/^(?:write|randwrite|rw|readwrite|randrw|trim|randtrim|trimwrite)$/.test(rw.value)) return [];
  const file = value('filename');
  if (!file) return [];
  // Several files are joined with `:`.
  return file.known ? file.value.split(':').filter(Boolean).map((part) => on({...file, value: part}, 'write', `fio --rw=${rw.value}`)) : [on(file, 'write', `fio --rw=${rw.value}`)];
}

/** grub-install DEVICE writes its boot code over the start of that disk; on EFI it names none. */
function grubInstall(command: SimpleCommand): Target[] {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['--target', '--boot-directory', '--efi-directory', '--bootloader-id', '-d', '--directory', '--modules', '--install-modules', '--locales', '--themes', '--fonts', '--compress', '--core-compress', '--disk-module']});
  if (informational(flags) || flags.has('--help')) return [];
  return operands.length > 0 ? [on(operands.at(-1)!, 'write', 'grub-install')] : [];
}

/** virt-format -a DISK: a new partition table and filesystem over the disk it is given. */
function virtFormat(command: SimpleCommand): Target[] {
  const {values, flags} = normalizeOptions(command.argv.slice(1), {takesValue: ['-a', '--add', '--format', '--filesystem', '--lvm', '--partition', '--label', '-c', '--connect']});
  if (informational(flags)) return [];
  const disk = values.get('-a') ?? values.get('--add');
  return disk ? [on(disk, 'format', 'virt-format')] : [];
}

/**
 * libguestfs's tools open the disks they are given (`-a DISK`, `--add DISK`) read-write and change
 * what is on them: virt-sysprep, virt-customize and their kin always; guestfish, guestmount and
 * virt-rescue unless `--ro`; virt-resize and virt-sparsify write their last operand. A disk a running machine uses is
 * corrupted under it; an image file in the project is the image build they are for.
 */
function guestfs(command: SimpleCommand): Target[] {
  const name = command.program.value!;
  const args = command.argv.slice(1);
  const texts = args.map((word) => word.value);
  // `-n` is a dry run to virt-sysprep and virt-customize; to guestfish and guestmount it is --no-sync.
  const dryRun = (text: string | null) => text === '--dry-run' || (text === '-n' && /^virt-(?:sysprep|customize)$/.test(name));
  if (texts.some((text) => text === '--help' || text === '--version' || text === '-V' || text === '--list-operations' || dryRun(text))) return [];
  if (/^(?:guestfish|guestmount|virt-rescue)$/.test(name) && texts.some((text) => text === '--ro' || text === '-r')) return [];
  if (name === 'virt-resize' || name === 'virt-sparsify') {
    const last = args.at(-1);
    return last && (args.length >= 2 || name === 'virt-sparsify') && !(last.known && last.value.startsWith('-')) ? [on(last, 'write', name)] : [];
  }

  return args.flatMap((word, i) => {
    if (word.known && (word.value === '-a' || word.value === '--add')) return args[i + 1] ? [on(args[i + 1]!, 'write', name)] : [];
    if (word.known && /^-a[^-]/.test(word.value)) return [on({...word, value: word.value.slice(2)}, 'write', name)];
    return word.known && word.value.startsWith('--add=') ? [on({...word, value: word.value.slice(6)}, 'write', name)] : [];
  });
}

/** qemu-img convert … DEST and qemu-img dd … of=DEST write the image over DEST. */
function qemuImg(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  const verb = args.find((word) => word.known && !word.value.startsWith('-'));
  if (verb?.value === 'dd') {
    const of = args.find((word) => word.known && word.value.startsWith('of='));
    return of ? [on({...of, value: of.value!.slice(3)} as Word, 'write', 'qemu-img dd')] : [];
  }

  if (verb?.value !== 'convert') return [];
  const {operands} = normalizeOptions(args.slice(args.indexOf(verb) + 1), {takesValue: ['-f', '-O', '-o', '-B', '-t', '-T', '-S', '-l', '-s', '-r', '-m', '-F', '--object']});
  return operands.length >= 2 ? [on(operands.at(-1)!, 'write', 'qemu-img convert')] : [];
}

/** ceph-volume lvm zap DEVICE…: wipes the device (with --destroy, its partitions and volumes too). */
function cephZap(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  if (args[0]?.value !== 'lvm' || args[1]?.value !== 'zap') return [];
  const {operands, flags} = normalizeOptions(args.slice(2), {takesValue: ['--osd-id', '--osd-fsid']});
  if (informational(flags)) return [];
  return operands.map((word) => on(word, 'erase', 'ceph-volume lvm zap'));
}

/** mtd-utils: flash_erase DEV, flashcp FILE DEV, nandwrite DEV [FILE], ubiformat DEV: the raw flash is erased or written. */
function mtd(command: SimpleCommand): Target[] {
  const name = command.program.value!;
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-s', '--start', '-b', '--blockalign', '-f', '--flash-image', '-O', '--vid-hdr-offset', '-e', '--erase-counter', '-x', '--ubi-ver', '-Q', '--image-seq', '-S', '--image-size']});
  if (informational(flags) || operands.length === 0) return [];
  if (name === 'flashcp') return operands.length >= 2 ? [on(operands.at(-1)!, 'write', 'flashcp')] : [];
  return [on(operands[0]!, name === 'ubiformat' ? 'format' : name === 'flash_erase' || name === 'flash_eraseall' ? 'erase' : 'write', name)];
}

/** rpi-imager --cli IMAGE DEVICE and balena local flash IMAGE --drive DEVICE: the image is written over the card. */
function imager(command: SimpleCommand): Target[] {
  const args = command.argv.slice(1);
  if (command.program.value === 'rpi-imager') {
    if (!args.some((word) => word.value === '--cli')) return [];
    const {operands} = normalizeOptions(args, {takesValue: ['--sha256', '--first-run-script']});
    return operands.length >= 2 ? [on(operands.at(-1)!, 'write', 'rpi-imager --cli')] : [];
  }

  if (args[0]?.value !== 'local' || args[1]?.value !== 'flash') return [];
  const at = args.findIndex((word) => word.value === '--drive' || word.value === '-d');
  const joined = args.find((word) => word.value?.startsWith('--drive='));
  const drive = joined ? ({...joined, value: joined.value!.slice(8)} as Word) : at === -1 ? undefined : args[at + 1];
  return drive ? [on(drive, 'write', 'balena local flash')] : [];
}

// debugfs requests that only read (the rest change the filesystem under whatever has it mounted).
const debugfsReads = /^(?:stat|show_inode_info|ls|list_directory|cat|dump|dump_inode|rdump|ncheck|icheck|logdump|stats|show_super_stats|testi|testb|ffb|find_free_block|ffi|find_free_inode|lsdel|list_deleted_inodes|blocks|filefrag|bd|block_dump|htree|htree_dump|dx_hash|hash|dirsearch|imap|idump|inode_dump|ea_get|ea_list|get_quota|gq|list_quota|lq|supported_features|dump_unused|dump_extents|extents|ex|pwd|cd|help|lr|list_requests|params|show_debugfs_params|q|quit)$/;

/**
 * debugfs -w DEVICE: the filesystem's inodes, blocks and superblock edited in place, under
 * whatever has it mounted (`-R 'set_inode_field /etc/shadow ctime …'`, `-R 'rm /x'`). Without
 * -w it opens read-only, and a request that only reads (`-R 'stat /x'`) changes nothing.
 */
function debugfs(command: SimpleCommand): Target[] {
  const {flags, values, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-R', '-f', '-b', '-s', '-d', '-z']});
  // Requests on its input (a heredoc, `printf … |`) may open a device read-write themselves (`open -w /dev/sda1`).
  const input = [...command.redirects.filter((redirect) => redirect.op === '<<' || redirect.op === '<<-' || redirect.op === '<<<').map((redirect) => knownText(redirect.target)), command.piped?.text ?? ''].join('\n');
  const opened = [...input.matchAll(/^\s*open\b([^\n]*)$/gm)].filter((match) => /(?:^|\s)-\w*w/.test(match[1]!));
  const reads = (text: string) => text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#') && !/^open\b|^close\b/.test(line)).every((line) => debugfsReads.test(line.split(/\s+/)[0]!));
  if (opened.length > 0 && !reads(input)) return opened.map((match) => on({value: match[1]!.trim().split(/\s+/).at(-1)!, known: true, raw: match[1]!.trim().split(/\s+/).at(-1)!}, 'write', 'debugfs (open -w)'));
  const device = operands.at(-1);
  if (!flags.has('-w') || !device) return [];
  const request = values.get('-R');
  if (request?.known && debugfsReads.test(request.value.trim().split(/\s+/)[0] ?? '')) return [];
  return [on(device, 'write', `debugfs -w${request?.known ? ` -R '${request.value.trim().split(/\s+/)[0]}'` : ''}`)];
}

export const diskHandlers: Record<string, Targets> = {
  bmaptool,
  debugfs,
  balena: imager,
  'rpi-imager': imager,
  flash_erase: mtd,
  flash_eraseall: mtd,
  flashcp: mtd,
  nandwrite: mtd,
  ubiformat: mtd,
  'ceph-volume': cephZap,
  fio,
  'grub-install': grubInstall,
  'grub2-install': grubInstall,
  'virt-format': virtFormat,
  'qemu-img': qemuImg,
  'virt-sysprep': guestfs,
  'virt-customize': guestfs,
  'virt-edit': guestfs,
  'virt-copy-in': guestfs,
  'virt-tar-in': guestfs,
  'virt-sparsify': guestfs,
  'virt-resize': guestfs,
  guestfish: guestfs,
  guestmount: guestfs,
  'virt-rescue': guestfs,
  mke2fs: format,
  mkswap: format,
  mkntfs: format,
  mkdosfs: format,
  mkexfatfs: format,
  mkreiserfs: format,
  mkudffs: format,
  wipefs,
  blkdiscard,
  fdisk: partitioner,
  gdisk: partitioner,
  cgdisk: partitioner,
  cfdisk: partitioner,
  sfdisk,
  sgdisk,
  gpart,
  parted,
  cryptsetup,
  mdadm,
  badblocks,
  hdparm,
  nvme,
  sg_format: scsiErase,
  sg_sanitize: scsiErase,
  pvcreate: physicalVolumes,
  pvremove: physicalVolumes,
  vgcreate: physicalVolumes,
  vgextend: physicalVolumes,
  zpool,
};

/** mkfs and mkfs.TYPE are one family. */
export const diskHandlerOf = (name: string): Targets | undefined => (Object.hasOwn(diskHandlers, name) ? diskHandlers[name] : name.startsWith('mkfs') ? format : undefined);
