// Disks: writing into a block device, or formatting and wiping one. Fired by path protection,
// so `dd of=/dev/sda`, `cat img > /dev/sdb` and `tee /dev/mmcblk0` are one rule however spelled.
import type {BuiltinRule} from '../types.js';

const byPath = (rule: Omit<BuiltinRule, 'pack' | 'firedBy'>): BuiltinRule => ({...rule, pack: 'devices', firedBy: 'paths'});

export const devices: BuiltinRule[] = [
  byPath({
    id: 'devices.write',
    level: 'deny',
    reason: 'writes over, deletes or re-permissions a block device (/dev/sd*, /dev/nvme*, /dev/vd*, /dev/xvd*, /dev/mmcblk*, /dev/md*, /dev/dm-*, /dev/mapper/*, /dev/disk/**)',
    alternative: 'write to an image file, or to /dev/null',
    match: {program: ['dd', 'tee', 'cp', 'mv', 'install', 'shred', 'truncate', 'rm', 'chmod', 'chown', 'chgrp']},
    examples: {
      refuse: ['dd if=/dev/zero of=/dev/sda bs=1M', 'dd of=/dev/nvme0n1 if=./image.iso', 'dd if=/dev/urandom of=/dev/xvda', 'cat ./disk.img > /dev/sdb', 'echo > /dev/vda', 'tee /dev/mmcblk0 < ./sd.img', 'shred -n 3 -z /dev/sda', 'cp ./image.img /dev/disk/by-id/usb-stick', 'echo x >> /dev/md0', 'cmd &> /dev/dm-0', 'dd if=x.img of=/dev/mapper/vg-root', 'sudo dd if=/dev/zero of="/dev/sd$UNSET_VAR"a'],
      allow: ['dd if=/dev/zero of=./swap.img bs=1M count=64', 'dd if=/dev/sda of=./mbr.bin bs=512 count=1', 'dd if=./data.bin of=/dev/null', './nightly-report.sh > /dev/null 2>&1', 'ls -la /dev/sda', 'rm -rf ./tmp/dd-of=/dev/sda-notes', 'fdisk -l /dev/sda', 'lsblk -f', 'echo hi > /dev/stderr', 'cat /dev/sda > ./disk.img'],
    },
  }),
  byPath({
    id: 'devices.format',
    level: 'deny',
    reason: 'formats, wipes or discards a device (mkfs*, mke2fs, mkswap, wipefs -a, blkdiscard)',
    alternative: 'format an image file first; wipefs without options only lists signatures',
    match: {program: ['mkfs', 'mke2fs', 'mkswap', 'wipefs', 'blkdiscard']},
    examples: {
      refuse: ['mkfs.ext4 /dev/sdb1', 'mkfs -t xfs /dev/nvme1n1', 'mke2fs -F /dev/sdc', 'mkswap /dev/sda2', 'wipefs -a /dev/sdb', 'wipefs --all /dev/sdb', 'wipefs -o 0x438 /dev/sdb1', 'blkdiscard /dev/nvme0n1', 'mkfs.ext4 -L df /dev/sdb1', 'mkfs.vfat /dev/loop0'],
      allow: ['mkfs.ext4 -F ./rootfs.img', 'wipefs /dev/sdb', 'wipefs -n -a /dev/sdb', 'mkswap ./swapfile', 'mkfs.ext4 --help'],
    },
  }),
];
