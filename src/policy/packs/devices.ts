// Disks and volumes: writing into a block device, formatting, partitioning or erasing one, and
// destroying the pools and volumes built on them. The first three are fired by path protection
// (src/policy/disks.ts names each tool's device), so `dd of=/dev/sda`, `cat img > /dev/sdb` and
// `tee /dev/mmcblk0` are one rule however spelled, and an image file in the project is allowed.
import {type SimpleCommand, type Word, knownText, normalizeOptions} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {type PlatformVerb, verbDelete} from './platform-verbs.js';
import {httpMethod, say} from './hits.js';

// The rule's own object with the pack's fields added, not a copy.
const byPath = (rule: Omit<BuiltinRule, 'pack' | 'firedBy'>): BuiltinRule => Object.assign(rule, {pack: 'devices' as const, firedBy: 'paths' as const});

const lvmSpec = {takesValue: ['-L', '--size', '-l', '--extents', '--config', '--profile', '--devices', '--devicesfile', '--reportformat', '-S', '--select', '--commandprofile', '--autobackup', '-A']};

/** zpool destroy, zfs destroy (of a dataset: pruning snapshots is routine), lvremove, vgremove, lvreduce and a shrinking lvresize. */
function volumes(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = command.argv.slice(1);
  if (words.some((word) => word.value === '--help' || word.value === '-h' || word.value === '--version')) return null;
  const raid = raidDelete(command);
  if (raid !== undefined) return raid;
  if (name === 'iscsiadm') {
    const texts = words.map((word) => word.value ?? '');
    const all = texts.some((text) => /^--logoutall(?:=|$)/.test(text) || text === '-U') || (texts.includes('session') && texts.some((text) => text === '-u' || text === '--logout') && !texts.some((text) => /^(?:-T|--targetname|-r|--sid)(?:=|$)/.test(text)));
    return all ? say(command, words, 'logs out of every iSCSI session: every disk they provide vanishes from under its filesystems', words.find((word) => /^--logoutall|^-u$|^--logout$/.test(word.value ?? ''))) : null;
  }

  if (name === 'zfs' && /^(?:receive|recv)$/.test(words[0]?.value ?? '')) {
    const {flags, operands} = normalizeOptions(words.slice(1), {takesValue: ['-o', '-x']});
    const target = operands.at(-1);
    if (!flags.has('-F') || !target?.known) return null;
    if (/\/ROOT(?:\/|$)/.test(target.value)) return say(command, words, 'overwrites the running system\'s root dataset with the stream, rolling back whatever it holds that the stream lacks', target);
    // A whole pool as the target (`tank`): -F rolls it back and, for a replication stream, destroys every dataset the stream lacks.
    return /^[^/@#\s-][^/@#\s]*$/.test(target.value) ? say(command, words, `overwrites the whole pool ${target.value} with the stream, rolling it back and destroying what the stream lacks`, target) : null;
  }

  if (name === 'qemu-img') {
    const verb = words.find((word) => word.known && !word.value.startsWith('-'));
    if (verb?.value === 'resize' && words.some((word) => word.value === '--shrink')) return say(command, words, 'shrinks the disk image: whatever lies past its new end is lost', verb);
    if (verb?.value === 'snapshot' && words.some((word) => word.value === '-a')) return say(command, words, 'reverts the disk image to the snapshot: everything written since is lost', verb);
    return null;
  }

  if (name === 'zpool') {
    const verb = words[0];
    return verb?.value === 'destroy' ? say(command, words, 'destroys the pool and every dataset in it', verb) : null;
  }

  if (name === 'dmsetup') {
    const verb = words.find((word) => word.value === 'remove_all' || word.value === 'wipe_table');
    return verb ? say(command, words, verb.value === 'remove_all' ? 'tears down every device-mapper device: encrypted, LVM and multipath volumes in use vanish' : 'replaces the device’s table with one that fails every read and write', verb) : null;
  }

  if (name === 'zfs' && words[0]?.value === 'rollback') {
    const {flags} = normalizeOptions(words.slice(1), {});
    return say(command, words, flags.has('-r') || flags.has('-R') ? 'throws away everything written since the snapshot, and every later snapshot' : 'throws away everything written since the snapshot', words[0]);
  }

  if (name === 'zfs') {
    if (words[0]?.value !== 'destroy') return null;
    const {flags, operands} = normalizeOptions(words.slice(1), {});
    if (flags.has('-n')) return null;
    // A snapshot or bookmark: NAME@… or NAME#…, its date part computed at run time (tank/data@$(date … +%F)) or not.
    const snapshot = (word: Word) => /[@#]/.test(knownText(word).split('…')[0]!);
    const snapshots = operands.length > 0 && operands.every(snapshot);
    // `pool/ds@%` is a range with both ends open: every snapshot of the dataset.
    const every = operands.find((word) => word.known && /@/.test(word.value) && word.value.slice(word.value.indexOf('@') + 1).split(',').includes('%'));
    if (every) return say(command, words, flags.has('-r') ? 'destroys every snapshot of the dataset and of every dataset below it' : 'destroys every snapshot of the dataset: nothing is left to roll back to', every);
    if (snapshots && !flags.has('-R')) return null;
    return say(command, words, flags.has('-R') ? 'destroys the snapshots and every clone made from them' : 'destroys the dataset and its data', operands.find((word) => !snapshot(word)) ?? words[0]);
  }

  const {flags, operands, values} = normalizeOptions(words, lvmSpec);
  if (flags.has('-t') || flags.has('--test')) return null;
  const volume = operands[0] ?? words[0];
  if (name === 'lvremove') return say(command, words, 'deletes the logical volume and the data on it', volume);
  if (name === 'vgremove') return say(command, words, 'deletes the volume group and every logical volume in it', volume);
  if (name === 'lvreduce') return say(command, words, 'shrinks the logical volume: whatever lies past its new end is lost', volume);
  const size = values.get('-L') ?? values.get('--size') ?? values.get('-l') ?? values.get('--extents');
  return name === 'lvresize' && size?.value?.startsWith('-') ? say(command, words, 'shrinks the logical volume: whatever lies past its new end is lost', size) : null;
}

/**
 * A hardware RAID controller's delete of a virtual drive or of its whole configuration (storcli
 * `/c0/v1 del`, MegaCli `-CfgLdDel`/`-CfgClr`, ssacli `ld N delete`, racadm `raid deletevd` or
 * `resetconfig`, a Redfish DELETE of a volume): the data on it is gone. undefined: not such a tool.
 */
function raidDelete(command: SimpleCommand): Hit | null | undefined {
  const name = command.program.value!;
  const words = command.argv.slice(1);
  const texts = words.map((word) => word.value ?? '');
  if (/^(?:storcli|storcli64|perccli|perccli64)$/.test(name)) {
    const drive = texts.findIndex((text) => /^\/c\d+\/v(?:\d+|all)$/i.test(text));
    const verb = words.find((word, i) => i > drive && /^(?:del|delete)$/i.test(word.value ?? ''));
    return drive !== -1 && verb ? say(command, words, `deletes the virtual drive ${texts[drive]}: the data on it is gone`, verb) : null;
  }

  if (/^(?:MegaCli|MegaCli64|megacli)$/.test(name)) {
    const verb = words.find((word) => /^-(?:CfgLdDel|CfgClr)$/i.test(word.value ?? ''));
    return verb ? say(command, words, verb.value!.toLowerCase() === '-cfgclr' ? "clears the controller's whole configuration: every virtual drive's data is gone" : 'deletes the virtual drive: the data on it is gone', verb) : null;
  }

  if (/^(?:ssacli|hpssacli|hpacucli)$/.test(name)) {
    const verb = words.find((word) => /^delete$/i.test(word.value ?? ''));
    return verb && texts.some((text) => /^(?:ld|array)$/i.test(text)) ? say(command, words, 'deletes the logical drive or array: the data on it is gone', verb) : null;
  }

  if (name === 'racadm') {
    const verb = words.find((word) => /^(?:deletevd|resetconfig)(?::|$)/i.test(word.value ?? ''));
    return verb && texts.includes('raid') ? say(command, words, 'deletes the virtual disk (or every one, resetconfig): the data on it is gone', verb) : null;
  }

  if (name === 'curl') {
    const deletes = httpMethod(command) === 'DELETE';
    const volume = words.find((word) => word.known && /\/redfish\/v1\/.*\/Volumes\/[^/?]+/i.test(word.value));
    return deletes && volume ? say(command, words, 'deletes the volume through the BMC: the data on it is gone', volume) : null;
  }

  return undefined;
}

/** Distributed storage's and filesystems' own deletes and repairs that lose data: Ceph, RBD, RGW, Gluster, btrfs, XFS, ext4, LVM merges. */
const storageVerbs: Record<string, PlatformVerb[]> = {
  ceph: [
    {verb: /^osd pool (?:delete|rm)$/, what: 'the pool and every object in it'},
    {verb: /^osd (?:purge|destroy|lost)$/, what: 'the OSD and whatever only it held'},
    {verb: /^pg \S+ mark_unfound_lost delete$/, what: 'the objects Ceph could not find, rather than waiting for them'},
    {verb: /^fs (?:rm|remove)$/, what: 'the file system'},
    {verb: /^orch osd rm$/, what: 'the OSDs, and wipes their devices', needs: /^--zap$/},
    {verb: /^orch device zap$/, what: 'everything on the device'},
  ],
  rbd: [
    {verb: /^(?:rm|remove)$/, what: 'the image and its data'},
    {verb: /^snap purge$/, what: 'every snapshot of the image'},
    {verb: /^snap (?:rollback|revert)$/, what: 'everything written to the image since the snapshot'},
  ],
  rados: [{verb: /^purge$/, what: 'every object of the pool'}],
  'radosgw-admin': [
    {verb: /^bucket (?:rm|remove)$/, what: 'the bucket and every object in it', needs: /^--purge-objects$/},
    {verb: /^user (?:rm|remove)$/, what: "the user and every bucket and object it owns", needs: /^--purge-data$/},
  ],
  gluster: [
    {verb: /^volume delete$/, what: 'the volume'},
    {verb: /^volume remove-brick$/, what: "the brick, without migrating its data first", needs: /^force$/},
  ],
  btrfs: [
    // The root subvolume, or a distribution's top-level ones (@, @home, @var…); a snapshot elsewhere is routine.
    // Not a snapshot tool's copies (btrbk's `@home.20240101`, timeshift's `snapshots/…/@`).
    {verb: /^(?:subvolume|subvol|sub) (?:delete|del|de)$/, what: 'the subvolume and every file in it', needs: /^\/$|^(?!.*\/(?:\.?snapshots?|timeshift[^/]*|btrbk[^/]*)\/)(?:.*\/)?@[\w-]*\/?$/},
    {verb: /^check$/, what: '', does: 'repairs the filesystem in place, which its own manual warns can make it worse', needs: /^--repair$/},
    {verb: /^rescue zero-log$/, what: "the filesystem's log tree: whatever it held is lost"},
  ],
  xfs_repair: [{verb: /(?:^| )\/dev\/\S+$/, what: '', does: "zeroes the filesystem's log (-L): the metadata changes it held are lost", needs: /^-[a-zA-Z]*L[a-zA-Z]*$/}],
  tune2fs: [{verb: /(?:^| )\/dev\/\S+$/, what: '', does: 'removes the journal: a crash from then on can corrupt the filesystem', needs: /(?:^|,)\^has_journal(?:,|$)/}],
  resize2fs: [{verb: /^\/dev\/\S+$/, what: '', does: 'shrinks the filesystem past its own safety checks (-f): data beyond the new end can be lost', needs: /^-[a-zA-Z]*f[a-zA-Z]*$/}],
  lvconvert: [{verb: /^\S+$/, what: '', does: 'merges the snapshot back into its origin: everything written to the origin since is lost', needs: /^--merge(?:snapshot)?$/}],
};

/**
 * A board's or a phone's own storage erased or locked for good: a chip's whole flash, one-time
 * fuses burned, a phone wiped or its bootloader unlocked (which wipes it), U-Boot told to boot
 * something else, an EEPROM on the I2C bus overwritten unasked. Ordinary uploads of firmware to
 * a dev board are the daily loop, and pass.
 */
function boardErase(command: SimpleCommand): Hit | null {
  const name = command.program.value!.replace(/\.py$/, '');
  const words = command.argv.slice(1);
  const texts = words.map((word) => word.value ?? '');
  if (texts.some((text) => text === '-h' || text === '--help')) return null;
  const word = (pattern: RegExp) => words.find((item) => item.known && pattern.test(item.value));
  const hit = (found: Word | undefined, reason: string): Hit | null => (found ? say(command, [found], reason, found) : null);
  switch (name) {
    case 'esptool':
      // -e is write_flash's --erase-all (elf2image's -e is an image version).
      return hit(word(/^(?:erase_flash|erase-flash|--erase-all)$/) ?? (texts.some((text) => /^write[_-]flash$/.test(text)) ? word(/^-e$/) : undefined), "erases the chip's whole flash");
    case 'espefuse':
      return texts.includes('--virt') ? null : hit(word(/^burn[_-]/), 'burns one-time eFuses: they can never be unburned, and a wrong one bricks the chip');
    case 'avrdude':
      return texts.includes('-n') ? null : hit(word(/^(?:[lhe]fuse|fuse\d|lock):w:/) ?? words.find((item, i) => texts[i - 1] === '-U' && /^(?:[lhe]fuse|fuse\d|lock):w:/.test(item.value ?? '')), "writes the chip's fuses or lock bits: a wrong value leaves it unprogrammable");
    case 'arduino-cli':
      return hit(word(/^burn-bootloader$/), "burns the bootloader and the board's fuses");
    case 'st-flash':
      return hit(word(/^erase$/), "erases the chip's whole flash");
    case 'openocd':
      return hit(word(/mass_erase|flash erase_sector \d+ 0 last|\bunlock\b/), "erases the chip's whole flash");
    case 'dfu-util':
      return hit(word(/:mass-erase/), "erases the device's whole flash before writing");
    case 'nrfjprog':
      return hit(word(/^(?:--recover|--eraseall|-e)$/), "erases the chip's whole flash (and its user registers)");
    case 'fastboot': {
      // Its options that take the next word: the serial, the slot, a vendor id, sizes.
      const operands = texts.filter((text, i) => !text.startsWith('-') && !/^(?:-s|-S|-i|-b|--base|--slot|--kernel-offset|--ramdisk-offset|--tags-offset|--dtb-offset|--header-version|--os-version|--os-patch-level|-c|--cmdline)$/.test(texts[i - 1] ?? ''));
      const wipe = word(/^(?:-w|--wipe-and-use-fbe)$/);
      if (wipe) return hit(wipe, "wipes the phone's user data");
      const verb = operands[0] ?? '';
      if (/^(?:erase|format(?::\S+)?|wipe-super)$/.test(verb)) return hit(words[texts.indexOf(verb)], `${verb.replace(/:.*/, '')}s a partition of the phone (${operands[1] ?? 'a partition'})`);
      if ((verb === 'flashing' || verb === 'oem') && /^(?:un)?lock/.test(operands[1] ?? '')) return hit(words[texts.indexOf(operands[1]!)], "locks or unlocks the bootloader, which wipes the phone's data");
      return null;
    }

    case 'fw_setenv':
      return hit(word(/^(?:bootcmd|bootargs|boot_targets|bootfile|-s|--script)$/), 'rewrites what U-Boot boots: a wrong value leaves the board at its console or not booting');
    case 'i2cset':
      // An EEPROM answers at 0x50-0x57 (a DIMM's SPD among them); -y skips i2cset's own question.
      {
        // i2cset [-f] [-y] [-m MASK] [-r] [-a] BUS CHIP DATA-ADDRESS [VALUE]: the chip is the second operand.
        const operands = words.filter((item, i) => !item.value?.startsWith('-') && texts[i - 1] !== '-m');
        const chip = operands[1];
        return words.some((item) => item.known && /^-[a-z]*y[a-z]*$/.test(item.value)) && chip?.known && /^0x5[0-7]$/i.test(chip.value) ? hit(chip, "writes an EEPROM on the I2C bus (a memory module's SPD or a board's identity lives there) without asking") : null;
      }
    case 'recovery':
      return hit(word(/^--wipe_data$/), "wipes the phone's user data (a factory reset)");
    case 'pm': {
      // Android's package manager: a system package removed for the user, or a system provider's data cleared.
      const operands = texts.filter((text) => !text.startsWith('-'));
      const system = words.find((item) => item.known && /^(?:android|com\.android\.\S+|com\.google\.android\.\S+)$/.test(item.value));
      if (operands[0] === 'uninstall' && system) return hit(system, 'removes a system package of the phone: what depends on it stops working');
      if (operands[0] === 'clear' && system) return hit(system, "clears a system package's data (contacts, settings, messages live there)");
      return null;
    }

    default:
      return null;
  }
}

export const devices: BuiltinRule[] = [
  {
    id: 'devices.board-erase',
    pack: 'devices',
    level: 'deny',
    reason: "erases or locks a board's or a phone's own storage for good: a chip's whole flash, one-time fuses, a phone wiped or its bootloader unlocked, U-Boot's boot command, an EEPROM written unasked",
    alternative: 'read the flash out to a file first (esptool read_flash, fastboot fetch), then erase by hand on the bench',
    match: {program: ['esptool', 'esptool.py', 'espefuse', 'espefuse.py', 'avrdude', 'arduino-cli', 'st-flash', 'openocd', 'dfu-util', 'nrfjprog', 'fastboot', 'fw_setenv', 'i2cset', 'recovery', 'pm']},
    check: boardErase,
    examples() {
      return {
        refuse: [
          'esptool.py --port /dev/ttyUSB0 erase_flash', 'esptool.py -p /dev/ttyUSB0 write_flash --erase-all 0x0 build/merged.bin', 'espefuse.py --port /dev/ttyUSB0 burn_efuse DIS_USB_JTAG 1 --do-not-confirm',
          'avrdude -c usbasp -p m328p -U lfuse:w:0x62:m -U hfuse:w:0xd9:m', 'arduino-cli burn-bootloader -b arduino:avr:uno -P usbasp', 'st-flash erase',
          'openocd -f target/stm32f1x.cfg -c "init" -c "stm32f1x mass_erase 0" -c "shutdown"', 'dfu-util -a 0 -s 0x08000000:mass-erase:force -D build/firmware.bin', 'nrfjprog --recover -f NRF52',
          'adb shell recovery --wipe_data', 'adb shell pm uninstall -k --user 0 com.android.systemui', 'adb shell pm clear com.android.providers.contacts', 'fastboot erase userdata', 'fastboot -s R58M12ABC erase userdata', 'fastboot --slot all format:ext4 userdata', 'fastboot -w reboot', 'fastboot flashing unlock', 'fastboot oem unlock', 'fastboot flashing lock', 'sudo i2cset -fy 1 0x50 0x00 0xff', 'adb exec-out pm clear com.android.providers.contacts', "fw_setenv bootcmd 'run netboot'", 'sudo i2cset -y 1 0x50 0x00 0xff',
        ],
        allow: [
          'esptool.py --port /dev/ttyUSB0 chip_id', 'esptool.py -p /dev/ttyUSB0 write_flash 0x10000 build/app.bin', 'esptool.py read_flash 0 0x400000 build/backup.bin', 'espefuse.py --virt burn_efuse DIS_USB_JTAG 1', 'espefuse.py summary',
          'avrdude -c usbasp -p m328p -U flash:w:build/main.hex:i', 'avrdude -n -c usbasp -p m328p -U lfuse:w:0x62:m', 'arduino-cli upload -b arduino:avr:uno -p /dev/ttyACM0', 'st-flash write build/fw.bin 0x8000000',
          'adb shell pm clear com.example.myapp.debug', 'adb shell pm uninstall com.example.myapp', 'adb shell pm list packages', 'dfu-util -l', 'nrfjprog --program build/app.hex --verify', 'fastboot devices', 'fastboot flash boot build/boot.img', 'fw_printenv bootcmd', 'fw_setenv upgrade_available 1', 'i2cget -y 1 0x50 0x00', 'i2cset 1 0x50 0x00 0xff', 'sudo i2cset -y 1 0x20 0x00 0x01', 'i2cset -y 1 0x20 0x50 0x01', 'esptool.py --chip esp8266 elf2image -e 2 build/app.elf', 'fastboot -s R58M12ABC flash boot build/boot.img',
        ],
      };
    },
  },
  byPath({
    id: 'devices.write',
    level: 'deny',
    reason: 'writes over, deletes or re-permissions a block device (/dev/sd*, /dev/nvme*, /dev/vd*, /dev/xvd*, /dev/mmcblk*, /dev/md*, /dev/dm-*, /dev/mapper/*, /dev/disk/**, /dev/VG/LV, loop and zvol devices) or the memory devices',
    alternative: 'write to an image file, or to /dev/null',
    match: {program: ['dd', 'dcfldd', 'ddrescue', 'partclone', 'tee', 'cp', 'mv', 'install', 'shred', 'wipe', 'scrub', 'truncate', 'rm', 'chmod', 'chown', 'chgrp', 'sort', 'socat', 'xxd', 'debugfs']},
    examples() {
      return {
        refuse: [
          'sudo ntfsclone --restore-image --overwrite /dev/sdb1 /mnt/backup/win.img', 'partclone.restore -s root.pcl -o /dev/nvme0n1p2',
          'dd if=/dev/zero of=/dev/sda bs=1M',
          'dd of=/dev/nvme0n1 if=./image.iso',
          'dd if=/dev/urandom of=/dev/xvda',
          'cat ./disk.img > /dev/sdb',
          'echo > /dev/vda',
          'tee /dev/mmcblk0 < ./sd.img',
          'shred -n 3 -z /dev/sda',
          'cp ./image.img /dev/disk/by-id/usb-stick',
          'echo x >> /dev/md0',
          'cmd &> /dev/dm-0',
          'dd if=x.img of=/dev/mapper/vg-root',
          'sudo dd if=/dev/zero of="/dev/sd$UNSET_VAR"a',
          'dd if=/dev/zero of=/dev/vg0/root bs=1M',
          'dd if=./disk.img of=/dev/loop0',
          'dd if=/dev/zero of=/dev/zvol/tank/vm1',
          'pv ./image.img > /dev/sdc',
          'fio --name=bench --filename=/dev/nvme1n1 --rw=randwrite --bs=8k --direct=1',
          'fio --name=t --rw write --filename /dev/sdb',
          'xzcat ./image.xz | dd of=/dev/sdb bs=4M conv=fsync',
          'cat ./payload.bin > /dev/mem',
          'socat -u FILE:./disk.img OPEN:/dev/sdb',
          'sort -o /dev/sda ./x',
          'ddrescue -f /dev/sda /dev/sdb ./rescue.map',
          'dcfldd if=/dev/zero of=/dev/sdb',
          'sudo bmaptool copy ./core-image.wic /dev/sdc',
          'partclone.ext4 -r -s ./root.img -o /dev/sdb1',
          'scrub /dev/sdb',
          'wipe -kq /dev/sdc',
          "debugfs -w -R 'set_inode_field /etc/shadow ctime 20230101000000' /dev/sda1", "sudo debugfs -w -R 'rm /var/log/auth.log' /dev/nvme0n1p2", 'debugfs -w /dev/sda1', "printf 'open -w /dev/sda1\\nrm /var/log/auth.log\\n' | debugfs",
          'virt-sysprep -a /dev/vg0/web01-root --operations machine-id,ssh-hostkeys', 'guestfish -a /dev/sdb -i rm /etc/fstab', 'virt-resize --expand /dev/sda2 ./in.img /dev/vg0/web01',
        ],
        allow: [
          'ntfsclone --save-image -o backup.img /dev/sdb1',
          'virt-sysprep -a ./output/image.qcow2 --operations defaults', 'guestfish --ro -a /dev/sda -i ls /', 'virt-sysprep -d web01', 'virt-resize --expand /dev/sda2 ./in.img ./out.img',
          'dd if=/dev/zero of=./swap.img bs=1M count=64',
          'fio --name=read --filename=/dev/nvme1n1 --rw=randread --bs=4k --readonly',
          'fio --name=read --filename=/dev/nvme1n1 --rw=randread',
          'fio --name=t --filename=./fio.test --rw=randwrite --size=1G',
          'bmaptool copy ./core-image.wic ./disk.img',
          'dd if=/dev/sda of=./mbr.bin bs=512 count=1',
          'dd if=./data.bin of=/dev/null',
          './nightly-report.sh > /dev/null 2>&1',
          'ls -la /dev/sda',
          'rm -rf ./tmp/dd-of=/dev/sda-notes',
          'fdisk -l /dev/sda',
          'lsblk -f',
          'echo hi > /dev/stderr',
          'cat /dev/sda > ./disk.img',
          'echo hi > /dev/shm/app.lock',
          'echo hi > /dev/tcp/127.0.0.1/9',
          'dd if=/dev/vg0/root of=./root.img bs=4M',
          'ddrescue /dev/sda ./sda.img ./sda.map',
          'partclone.ext4 -c -s /dev/sdb1 -o ./sdb1.img',
          "debugfs -R 'stat /etc/shadow' /dev/sda1", "debugfs -w -R 'stat <12>' /dev/sda1", 'debugfs /dev/sda1', "debugfs -w -R 'rm x' ./disk.img", "printf 'open -w /dev/sda1\\nstat /etc/passwd\\n' | debugfs",
        ],
      };
    },
  }),
  byPath({
    id: 'devices.format',
    level: 'deny',
    reason: 'formats, wipes or erases a device (mkfs*, mkswap, wipefs, blkdiscard, cryptsetup luksFormat/erase, hdparm and nvme erase, badblocks -w, mdadm --zero-superblock or --create, pvcreate, zpool create)',
    alternative: 'format an image file first; the listing and dry-run forms (wipefs without options, mke2fs -n, badblocks without -w) change nothing',
    match: {program: ['mkfs', 'mke2fs', 'mkswap', 'wipefs', 'blkdiscard', 'cryptsetup', 'hdparm', 'nvme', 'badblocks', 'mdadm', 'pvcreate', 'pvremove', 'vgcreate', 'vgextend', 'zpool', 'sg_format', 'sg_sanitize']},
    examples() {
      return {
        refuse: [
          'mkfs.ext4 /dev/sdb1',
          'mkfs -t xfs /dev/nvme1n1',
          'mke2fs -F /dev/sdc',
          'mkswap /dev/sda2',
          'wipefs -a /dev/sdb', 'wipefs --backup -a /dev/nvme0n1', 'wipefs -b -a /dev/sdb',
          'wipefs --all /dev/sdb',
          'wipefs -o 0x438 /dev/sdb1',
          'blkdiscard /dev/nvme0n1',
          'mkfs.ext4 -L df /dev/sdb1',
          'mkfs.vfat /dev/loop0',
          'mkfs.xfs -f -L data /dev/vg0/data',
          'mkdosfs -F 32 /dev/sdb1',
          'mkfs.ext4 -n -F /dev/sdb1 && mkfs.ext4 -F /dev/sdb1',
          'cryptsetup luksFormat /dev/sdb1',
          'cryptsetup -q luksFormat --type luks2 /dev/nvme0n1p3 ./keyfile',
          'cryptsetup --batch-mode luksFormat /dev/sdc',
          'cryptsetup erase /dev/sdb1',
          'cryptsetup luksErase -q /dev/sdb1',
          'cryptsetup luksHeaderRestore /dev/sdb1 --header-backup-file ./hdr.img',
          'cryptsetup reencrypt --encrypt --reduce-device-size 32M /dev/sdb1',
          'hdparm --user-master u --security-erase p /dev/sda',
          'hdparm --security-erase-enhanced p /dev/sdb',
          'hdparm --user-master u --security-set-pass p /dev/sda',
          'hdparm --yes-i-know-what-i-am-doing --write-sector 1234 /dev/sda',
          'hdparm -N p1000000 /dev/sdb',
          'nvme format /dev/nvme0n1',
          'nvme format -s1 /dev/nvme0n1',
          'nvme format /dev/nvme0n1 --ses=2 --force',
          'nvme sanitize -a 2 /dev/nvme0',
          'nvme delete-ns /dev/nvme0 -n 1',
          'nvme write-zeroes /dev/nvme0n1 -s 0 -c 1000',
          'badblocks -w /dev/sdb',
          'badblocks -wsv -b 4096 /dev/sdc',
          'mdadm --zero-superblock /dev/sdb1',
          'mdadm --zero-superblock /dev/sdb1 /dev/sdc1',
          'mdadm --create /dev/md0 --level=1 --raid-devices=2 /dev/sdb1 /dev/sdc1',
          'mdadm -C /dev/md1 -l 5 -n 3 /dev/sd[bcd]1',
          'pvcreate /dev/sdb',
          'pvcreate -ff -y /dev/sdc1',
          'pvremove -ff /dev/sdb',
          'vgcreate vg1 /dev/sdb /dev/sdc',
          'vgextend vg0 /dev/sdd',
          'zpool create tank mirror sdb sdc',
          'zpool create -f tank /dev/sdb',
          'zpool add tank raidz /dev/sdd /dev/sde /dev/sdf',
          'zpool labelclear -f /dev/sdb1',
          'zpool replace tank sdb sdg',
          'sg_format --format /dev/sg1',
          'sg_sanitize --overwrite /dev/sdb',
        ],
        allow: [
          'mkfs.ext4 -F ./rootfs.img',
          'wipefs /dev/sdb',
          'wipefs -n -a /dev/sdb',
          'mkswap ./swapfile',
          'mkfs.ext4 --help',
          'mke2fs -n /dev/sdb1',
          'mkfs.ext4 -n /dev/sdb1',
          'mkfs.xfs -N /dev/sdb1',
          'cryptsetup status cryptroot',
          'cryptsetup luksDump /dev/sdb1',
          'cryptsetup open /dev/sdb1 data',
          'cryptsetup luksFormat ./vault.img',
          'hdparm -I /dev/sda',
          'hdparm -tT /dev/sda',
          'nvme list',
          'nvme smart-log /dev/nvme0',
          'badblocks -sv /dev/sdb',
          'badblocks -nsv /dev/sdb',
          'mdadm --detail /dev/md0',
          'mdadm --examine /dev/sdb1',
          'pvs',
          'pvcreate --test /dev/sdb',
          'zpool status tank',
          'zpool create -n tank mirror sdb sdc',
          'zpool create tank mirror ./disk1.img ./disk2.img',
          'sg_format /dev/sg1',
        ],
      };
    },
  }),
  byPath({
    id: 'devices.partition',
    level: 'deny',
    reason: 'writes a new partition table onto a device (fdisk, gdisk, cfdisk, sfdisk, sgdisk, parted, FreeBSD gpart)',
    alternative: 'list it first (fdisk -l, sfdisk -d, sgdisk -p, parted DEVICE print, gpart show); partition an image file to try a layout',
    match: {program: ['fdisk', 'gdisk', 'cgdisk', 'cfdisk', 'sfdisk', 'sgdisk', 'parted', 'gpart']},
    examples() {
      return {
        refuse: [
          'gpart destroy -F ada1', 'gpart delete -i 2 da0', 'gpart create -s gpt /dev/ada2',
          "printf 'o\\nn\\np\\n1\\n\\n\\nw\\n' | fdisk /dev/sda",
          'fdisk /dev/sdb',
          'fdisk -w always /dev/nvme0n1',
          'gdisk /dev/sdb',
          'cfdisk /dev/sda',
          'sfdisk /dev/sdb < ./layout.sfdisk',
          'sfdisk --delete /dev/sda 2',
          'sfdisk -N 1 /dev/sdb <<< ",,L"',
          'sfdisk --part-type /dev/sda 1 8e',
          'sfdisk --reorder /dev/sda',
          'sgdisk -n 1:0:+512M -t 1:ef00 /dev/sdb',
          'sgdisk -R /dev/sdb /dev/sda',
          'sgdisk --replicate=/dev/sdc /dev/sda',
          'sgdisk --zap-all /dev/sdb',
          'sgdisk -Z /dev/nvme1n1',
          'sgdisk -o /dev/sdb',
          'parted /dev/sda rm 2',
          'parted -s /dev/sdb mkpart primary ext4 0% 100%',
          'parted -s /dev/sdb mklabel gpt',
          'parted /dev/sda',
          'parted --script /dev/vdb -- mklabel msdos mkpart primary 1MiB 100%',
          'parted /dev/sda resizepart 2 100%',
          'sudo fdisk "/dev/$DISK"',
        ],
        allow: ['gpart show ada1', 'gpart list', 
          'fdisk -l /dev/sda',
          'fdisk -l',
          'fdisk --list /dev/nvme0n1',
          'sfdisk -d /dev/sda > ./sda.layout',
          'sfdisk -l /dev/sda',
          'sfdisk --json /dev/sda',
          'sfdisk -n /dev/sdb < ./layout.sfdisk',
          'sfdisk --part-type /dev/sda 1',
          'sgdisk -p /dev/sda',
          'sgdisk --print /dev/sda',
          'sgdisk -i 1 /dev/sda',
          'sgdisk -b ./sda.gpt /dev/sda',
          'sgdisk -P -n 1:0:0 /dev/sdb',
          'parted -l',
          'parted /dev/sda print',
          'parted -s /dev/sda unit s print free',
          'parted -m /dev/sda align-check optimal 1',
          'gdisk -l /dev/sda',
          'cfdisk -r /dev/sda',
          'sfdisk ./disk.img < ./layout.sfdisk',
          'parted -s ./disk.img mklabel gpt',
        ],
      };
    },
  }),
  {
    id: 'devices.storage-delete',
    pack: 'devices',
    level: 'deny',
    lowerable: 'machine',
    reason: "deletes what a storage system holds, or repairs a filesystem in a way that loses data: Ceph pools, OSDs, file systems and RBD images, RGW buckets with their objects, Gluster volumes, btrfs's top-level subvolumes, xfs_repair -L, a journal removed, a forced shrink, a snapshot merged back",
    alternative: 'take a snapshot or a backup first; use the tool’s dry run or read-only check (xfs_repair -n, btrfs check --readonly)',
    match: {program: Object.keys(storageVerbs)},
    check: (command) => verbDelete(command, storageVerbs),
    examples() {
      return {
        refuse: [
          "btrfs subvolume delete /srv/@data",
          'ceph osd pool delete rbd rbd --yes-i-really-really-mean-it', 'ceph osd purge 12 --yes-i-really-mean-it', 'ceph fs rm cephfs --yes-i-really-mean-it', 'ceph pg 2.9d mark_unfound_lost delete', 'ceph orch device zap node3 /dev/sdb --force',
          'rbd rm volumes/volume-7f3c2a', 'rbd --pool pool1 snap purge image1', 'rbd snap rollback rbd/vm-101-disk-0@pre', 'rados purge scratch --yes-i-really-really-mean-it', 'radosgw-admin bucket rm --bucket=logs --purge-objects',
          'gluster --mode=script volume delete gv0', 'gluster volume remove-brick gv0 replica 2 n3:/b force', 'btrfs subvolume delete /mnt/pool/@home', 'btrfs subvolume delete --commit-after /', 'btrfs check --repair /dev/sdb',
          'btrfs rescue zero-log /dev/nvme0n1p3', 'xfs_repair -L /dev/mapper/vg0-data', 'tune2fs -O ^has_journal /dev/sda2', 'resize2fs -f /dev/vg0/data 20G', 'lvconvert --merge vg0/root_snap',
        ],
        allow: [
          'xfs_repair -f -L ./images/fs.img', 'resize2fs -f ./disk.img 1G', 'btrfs subvolume delete ./snapshots/nightly', 'ceph osd pool delete scratch scratch --yes-i-really-really-mean-it --dry-run',
          'ceph status', 'ceph osd pool ls', 'ceph osd out 3', 'ceph osd set noout', 'rbd ls volumes', 'rbd snap create rbd/vm-101-disk-0@pre', 'radosgw-admin bucket rm --bucket=empty', 'gluster volume status',
          'btrfs subvolume delete /.snapshots/42/snapshot', 'btrfs check --readonly /dev/sdb', 'btrfs scrub start /', 'xfs_repair -n /dev/sdb1', 'tune2fs -l /dev/sda2', 'resize2fs /dev/vg0/data', 'lvconvert --type raid1 -m1 vg0/data',
        ],
      };
    },
  },
  {
    id: 'devices.volume',
    pack: 'devices',
    level: 'deny',
    lowerable: 'machine',
    reason: 'destroys a storage pool or volume: zpool destroy, zfs destroy of a dataset, zfs rollback, lvremove, vgremove, lvreduce, dmsetup remove_all, a RAID controller\'s virtual drive deleted, a disk image shrunk or reverted',
    alternative: 'snapshot and check it first; zfs destroy -n and lvremove --test show what would go; pruning snapshots (zfs destroy pool@snap) is allowed',
    match: {program: ['zpool', 'zfs', 'lvremove', 'vgremove', 'lvreduce', 'lvresize', 'dmsetup', 'iscsiadm', 'qemu-img', 'storcli', 'storcli64', 'perccli', 'perccli64', 'MegaCli', 'MegaCli64', 'megacli', 'ssacli', 'hpssacli', 'hpacucli', 'racadm', 'curl']},
    check: volumes,
    examples() {
      return {
        refuse: [
          'iscsiadm -m node --logoutall=all',
          'iscsiadm -m session -u',
          'zfs send -R backup/rpool/ROOT/debian@weekly | zfs receive -F rpool/ROOT/debian',
          'ssh backup01 zfs send -R backup/tank@2024-05-01 | zfs recv -F tank',
          'zpool destroy tank',
          'zpool destroy -f tank',
          'zfs destroy tank/data',
          'zfs destroy "tank/$(cat name)@old"',
          'zfs destroy -r tank/data',
          'zfs destroy -R tank@base', 'sudo zfs destroy tank/db@%', 'zfs destroy -r tank@daily-2024%,%',
          'zfs destroy -f tank/home tank/home@old',
          'lvremove -y /dev/vg0/root',
          'lvremove vg0/data',
          'lvremove -f vg0',
          'vgremove vg0',
          'vgremove -ff vg0',
          'lvreduce -L 10G vg0/data',
          'lvresize -L -5G /dev/vg0/data',
          'sudo zfs destroy -r "$POOL/data"',
          'zfs rollback -r tank/data@monday',
          'dmsetup remove_all',
          'dmsetup wipe_table cryptroot',
          'storcli64 /c0/v1 del force',
          'MegaCli64 -CfgLdDel -L1 -a0',
          'ssacli ctrl slot=0 ld 2 delete forced',
          'racadm raid deletevd:Disk.Virtual.0:RAID.Integrated.1-1',
          'curl -sk -u root:x -X DELETE https://bmc/redfish/v1/Systems/1/Storage/RAID.1/Volumes/Disk.Virtual.1',
          'qemu-img resize --shrink ./vm.qcow2 40G',
          'qemu-img snapshot -a pre-upgrade ./vm.qcow2',
        ],
        allow: [
          'iscsiadm -m session -P 3',
          'iscsiadm -m node -T iqn.2024-01.com.acme:disk1 -p 10.0.0.5 -u',
          'zfs send tank/data@1 | zfs receive -F backup/data',
          'zfs send -R tank@1 | zfs receive backup',
          'storcli64 /c0/v1 show all',
          'MegaCli64 -LDInfo -Lall -aALL',
          'ssacli ctrl all show config',
          'racadm raid get vdisks',
          'qemu-img resize ./vm.qcow2 +10G',
          'qemu-img snapshot -c pre-upgrade ./vm.qcow2',
          'qemu-img info ./vm.qcow2',
          'curl -sk https://bmc/redfish/v1/Systems/1/Storage/RAID.1/Volumes',
          'zpool list',
          'zpool scrub tank',
          'zfs list -t snapshot',
          'zfs snapshot tank/data@before-upgrade',
          'zfs destroy tank/data@2024-01-01', 'zfs destroy tank/data@daily-2024-01-01%daily-2024-01-31', 'zfs destroy -nv tank/db@%',
          "zfs destroy tank/data@$(date -d '30 days ago' +%F)",
          'zfs destroy -r tank@autosnap_2024-01-01',
          'zfs destroy -n tank/data',
          'lvs -a -o +devices',
          'lvcreate -s -n data-snap -L 5G vg0/data',
          'lvremove --test vg0/data',
          'lvresize -L +5G vg0/data',
          'lvextend -l +100%FREE vg0/data',
          'vgs',
          'dmsetup ls',
          'dmsetup status',
          'zfs list -t snapshot -o name,used',
        ],
      };
    },
  },
];
