// Storage arrays, hyperconverged clusters, hypervisors' datastores and enterprise backup
// software, driven from a Linux admin host (their CLIs over ssh, a few locally): NetApp ONTAP,
// Pure Storage, HPE 3PAR, IBM Spectrum Virtualize, Nutanix, TrueNAS, VMware ESXi, NetBackup,
// Commvault, Bacula and Bareos, Amanda. A volume, LUN, SVM, pool, datastore or every backup on a
// medium deleted, a volume reverted, the cluster halted, is refused; one snapshot, listings and
// dry runs pass.
import type {SimpleCommand} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {fedText, readCommand} from './hits.js';

// ONTAP's command words, as a Linux shell on the admin host meets them in an ssh command line.
const ontap = ['volume', 'vol', 'vserver', 'lun', 'system', 'aggregate', 'storage', 'snapmirror'];

/** An ONTAP command that destroys, as one line: `volume delete`, a wildcard snapshot delete, `vserver delete`, `lun delete -force`… */
function ontapDanger(line: string): string | undefined {
  const text = line.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^vol(?:ume)? (?:delete|destroy)\b/.test(text)) return 'deletes the volume and every file in it';
  if (/^vol(?:ume)? snapshot delete\b.*-snapshot (?:\*|"\*"|'\*')/.test(text)) return 'deletes every snapshot of the volume';
  if (/^vol(?:ume)? snapshot restore\b/.test(text)) return 'reverts the volume to the snapshot: everything written since is gone';
  if (/^vserver delete\b/.test(text)) return 'deletes the SVM';
  if (/^lun delete\b.*-force(?: true)?\b/.test(text)) return 'deletes the LUN while hosts use it';
  if (/^storage aggregate delete\b|^aggregate delete\b/.test(text)) return 'deletes the aggregate';
  if (/^system node (?:halt|reboot)\b.*-node (?:\*|"\*"|'\*')/.test(text)) return 'halts or reboots every node of the cluster';
  return undefined;
}

function arrays(command: SimpleCommand): Hit | null {
  const {name, words, texts, lower, at, hit} = readCommand(command);
  if (texts.some((text) => /^(?:--help|-help|-h|-\?)$/.test(text))) return null;
  if (ontap.includes(name)) {
    if (!command.where) return null;
    const danger = ontapDanger([name, ...texts].join(' '));
    return danger ? hit(0, `${texts.slice(0, 1).join('')} ${danger}`.trim()) : null;
  }

  switch (name) {
    case 'purevol':
    case 'purepgroup':
    case 'purepod':
      // One snapshot (`vol.suffix`) is a snapshot; a volume or group is its data.
      if (lower[0] === 'eradicate' && texts.slice(1).some((text) => !text.startsWith('-') && !/\.[\w-]+$/.test(text))) return hit(0, `eradicate ${texts.slice(1).join(' ')} deletes it for good, past the 24-hour recovery`);
      return lower[0] === 'copy' && at(/^--overwrite$/) !== -1 ? hit(at(/^--overwrite$/), 'copy --overwrite replaces the volume\'s data with the snapshot\'s') : null;
    case 'removevv':
      return hit(0, `${texts.at(-1)} deletes the virtual volume`.trim());
    case 'svctask':
      return /^(?:rmvdisk|rmmdiskgrp|rmvolume)$/.test(lower[0] ?? '') ? hit(0, `${lower[0]} ${texts.at(-1)} deletes the volume or pool`) : null;
    case 'acli':
      return lower.some((text) => /^vm\.delete$|^vg\.delete$/.test(text)) ? hit(at(/^v[mg]\.delete$/), `${lower[at(/^v[mg]\.delete$/)]} deletes the VM or volume group with its disks`) : null;
    case 'cluster':
      return command.where && /^(?:destroy|stop)$/.test(lower[0] ?? '') ? hit(0, `${lower[0]} ${lower[0] === 'destroy' ? 'destroys the Nutanix cluster and its data' : 'stops every service of the cluster: every VM loses its storage'}`) : null;
    case 'midclt': {
      const call = lower[0] === 'call' ? lower[1] : undefined;
      const args = lower.slice(2).join(' ');
      if (call === 'pool.export' && /"destroy"\s*:\s*true/.test(args)) return hit(1, 'pool.export with destroy wipes the pool\'s disks');
      if (call === 'pool.dataset.delete' && /"recursive"\s*:\s*true/.test(args)) return hit(1, 'pool.dataset.delete recursive deletes the dataset and every child and snapshot');
      return call === 'pool.dataset.destroy_snapshots' && /"all"\s*:\s*true/.test(args) ? hit(1, 'pool.dataset.destroy_snapshots all deletes every snapshot') : null;
    }

    case 'vmkfstools':
      if (at(/^-u$/) !== -1 && words.some((word) => word.value === '-U')) return hit(at(/^-u$/), `-U ${texts.at(-1)} deletes the virtual disk`);
      return words.some((word) => word.value === '-C') ? hit(words.findIndex((word) => word.value === '-C'), `-C makes a new VMFS over ${texts.at(-1)}`) : null;
    case 'partedUtil':
    case 'partedutil':
      return /^(?:delete|setptbl|mklabel)$/.test(lower[0] ?? '') ? hit(0, `${lower[0]} rewrites the partition table of ${texts[1]}`) : null;
    case 'esxcli':
      return /^vsan storage remove\b/.test(lower.join(' ')) ? hit(at(/^remove$/), 'vsan storage remove takes the disk out of vSAN, with the data only it holds') : null;
    case 'vim-cmd':
      return /^vmsvc\/(?:destroy|snapshot\.removeall)$/.test(lower[0] ?? '') ? hit(0, `${lower[0]} ${lower[0]!.endsWith('destroy') ? 'deletes the VM and its disks' : 'deletes every snapshot of the VM'}`) : null;
    case 'iscsiadm': {
      // One target (`-T IQN`, `-TIQN`, `--targetname=IQN`) or one session (`-r SID`) is routine; every node's session is not.
      const one = words.some((word) => /^(?:-T.*|--targetname(?:=.*)?|-r\d*|--sid(?:=.*)?)$/.test(word.value ?? ''));
      const logout = at(/^(?:-u|--logout)$/) !== -1 && at(/^(?:-m|--mode)(?:=node)?$|^--mode=node$/) !== -1;
      return (logout && !one) || at(/^--logoutall(?:=all)?$/) !== -1 ? hit(at(/^(?:-u|--logout|--logoutall(?:=all)?)$/), 'logs out of every iSCSI session: every LUN disappears from under its filesystems') : null;
    }

    case 'bpexpdate':
      return at(/^-m$/) !== -1 && lower[at(/^-d$/) + 1] === '0' ? hit(at(/^-m$/), `-m ${texts[at(/^-m$/) + 1]} -d 0 expires every backup image on the medium`) : null;
    case 'qdelete':
      return lower[0] === 'client' ? hit(0, 'client deletes the client with every backup of it') : null;
    case 'bconsole': {
      const input = (fedText(command) ?? '').toLowerCase();
      return /^\s*(?:purge\b|delete volume\b)/m.test(input) ? hit(0, 'runs a purge or volume delete: the backups it names are gone from the catalog') : null;
    }

    case 'amrmtape':
      return at(/^--erase$/) !== -1 && at(/^(?:-n|--dryrun)$/) === -1 ? hit(at(/^--erase$/), `--erase ${texts.at(-1)} erases the tape and removes its backups`) : null;
    default:
      return null;
  }
}

export const storageArrayRules: BuiltinRule[] = [
  {
    id: 'devices.array-destroy',
    pack: 'devices',
    level: 'deny',
    reason: "deletes or reverts what a storage array, a hyperconverged cluster, a hypervisor's datastore or backup software keeps: a volume, LUN, SVM, pool or VM with its disks, every snapshot, every backup on a medium; halts every node",
    alternative: 'snapshot first; delete one snapshot or one backup image by id; take it offline and wait out the recovery window',
    match: {program: [...ontap, 'purevol', 'purepgroup', 'purepod', 'removevv', 'svctask', 'acli', 'cluster', 'midclt', 'vmkfstools', 'partedUtil', 'partedutil', 'esxcli', 'vim-cmd', 'iscsiadm', 'bpexpdate', 'qdelete', 'bconsole', 'amrmtape']},
    check: arrays,
    examples() {
      return {
        refuse: [
          "ssh admin@cluster1 'volume offline -vserver svm_prod -volume vol_arch; volume delete -vserver svm_prod -volume vol_arch'", 'ssh admin@cluster1 "volume snapshot delete -vserver svm1 -volume vol_home -snapshot * -foreground true"', 'ssh admin@cluster1 vserver delete -vserver svm_legacy',
          "ssh admin@cluster1 'lun delete -vserver svm_san -path /vol/v/lun0 -force true'", 'ssh admin@cluster1 "volume snapshot restore -vserver svm1 -volume vol_web -snapshot daily.0 -force true"', "ssh admin@cluster1 'system node halt -node * -inhibit-takeover true'",
          'ssh pureuser@fa01 purevol eradicate vol-oradata-01', 'ssh pureuser@fa01 purevol copy --overwrite vol-db.snap vol-db', 'ssh pureuser@fa01 purepgroup eradicate pg-oracle', 'ssh 3paradm@3par01 removevv -f -cascade vv_exch', 'ssh superuser@v7000 svctask rmvdisk -force vdisk_sap',
          "ssh nutanix@cvm01 'acli -y vm.delete web-prod-03 delete_snapshots=true'", 'ssh nutanix@cvm01 cluster destroy', `ssh root@truenas01 "midclt call pool.export 1 '{\\"destroy\\": true}'"`, 'ssh root@esxi01 vmkfstools -U /vmfs/volumes/ds1/sql01/sql01_1.vmdk',
          'ssh root@esxi01 partedUtil delete /vmfs/devices/disks/naa.600508b1001c3a4f 1', 'ssh root@esxi01 esxcli vsan storage remove -s naa.5000c500a1b2c3d4', 'sudo iscsiadm -m node -u', 'bpexpdate -m A00012 -d 0 -force', 'qdelete client -c sqlprd01 -y',
          "echo 'purge jobs client=fs01-fd' | bconsole -c /etc/bareos/bconsole.conf", 'amrmtape --erase --cleanup DailySet1 DAILY034',
        ],
        allow: [
          "ssh admin@cluster1 'volume show -vserver svm1'", "ssh admin@cluster1 'volume snapshot delete -vserver svm1 -volume vol_home -snapshot hourly.2024-06-01_0105'", "ssh admin@cluster1 'volume snapshot create -vserver svm1 -volume v -snapshot pre-change'",
          'ssh pureuser@fa01 purevol list', 'ssh pureuser@fa01 purevol destroy vol-stage-07', 'ssh pureuser@fa01 purevol recover vol-stage-07', "ssh nutanix@cvm01 'acli vm.list'", 'ssh nutanix@cvm01 cluster status', 'ssh root@esxi01 vmkfstools -D /vmfs/volumes/ds1/x.vmdk',
          'ssh root@esxi01 esxcli vsan storage list', "ssh root@esxi01 'vim-cmd vmsvc/getallvms'", 'sudo iscsiadm -m session', 'sudo iscsiadm -m node -T iqn.2001-05.com.example:lun1 -p 10.0.0.5 -u', 'sudo iscsiadm -m node --targetname=iqn.2001-05.com.example:lun1 -u', 'sudo iscsiadm -m session -r 3 -u', 'ssh pureuser@fa01 purevol eradicate vol-db.nightly-0601', 'bpexpdate -backupid client1_1717200000 -d 0',
          "echo 'list volumes' | bconsole", 'amrmtape -n --erase DailySet1 DAILY034', 'volume list', 'cluster info',
        ],
      };
    },
  },
];
