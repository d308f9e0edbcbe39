// The system pack's rule for backups that stop being made: a schedule turned off does nothing
// at once, and is found only on the day a restore is needed. A backup timer or service disabled
// or masked (a timer stopped, too), velero's schedule deleted, a whole pool's automatic ZFS
// snapshots turned off, snapper's timeline switched off. Stopping one running backup passes.
import {type SimpleCommand, normalizeOptions} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {args, has, say} from './hits.js';
import {unitStopped} from './system-network.js';

// The units of backup and snapshot tools, and units named for a backup.
const backupUnits = /^(?:borgmatic|borgbackup|restic|backup|bacula-fd|bareos-fd|duplicity|duplicati|rsnapshot|zfs-auto-snapshot|sanoid|snapper-timeline|pgbackrest|barman|timeshift|urbackupclientbackend|veeamservice|autorestic|kopia)(?:[@-][\w@.-]*)?(?:\.(?:timer|service))?$|^[\w@.-]*-backups?(?:\.(?:timer|service))?$/;

function scheduleOff(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  if (has(words, '--help', '-h')) return null;
  if (name === 'velero') {
    const texts = words.map((word) => word.value ?? '');
    // Noun then verb (`schedule delete`) or verb then noun (`delete schedule`), as velero takes both.
    const at = texts.findIndex((text, i) => (text === 'schedule' && /^(?:delete|pause)$/.test(texts[i + 1] ?? '')) || (/^(?:delete|pause)$/.test(text) && texts[i + 1] === 'schedule'));
    if (at === -1) return null;
    const verb = texts[at] === 'schedule' ? at + 1 : at;
    return say(command, words.slice(at, at + 2), `${texts[verb] === 'pause' ? 'pauses' : 'deletes'} a backup schedule: no backup of the cluster is taken from here on`, words[verb]);
  }

  if (name === 'zfs') {
    const {operands} = normalizeOptions(words, {});
    const setting = operands.find((word) => word.known && /^com\.sun:auto-snapshot(?::\w+)?=false$/.test(word.value));
    // The pool's root: every dataset in the pool inherits it.
    const pool = operands.at(-1);
    return operands[0]?.value === 'set' && setting && pool?.known && !pool.value.includes('/') ? say(command, [setting, pool], `turns automatic snapshots off for the whole pool ${pool.value}: no dataset in it is snapshotted from here on`, setting) : null;
  }

  if (name === 'snapper') {
    const off = words.find((word) => word.known && /^TIMELINE_CREATE=(?:no|false)$/i.test(word.value));
    return off && has(words, 'set-config') ? say(command, [off], 'turns snapper\'s timeline off: no periodic snapshot is taken from here on', off) : null;
  }

  const stopped = unitStopped(command, backupUnits);
  if (!stopped) return null;
  const [verb, unit] = stopped;
  // Stopping a running backup is routine; its schedule stays.
  if (verb?.value === 'stop' && !/\.timer$/.test(unit?.value ?? '')) return null;
  if (verb?.value === 'kill') return null;
  return say(command, stopped, 'turns a backup schedule off: no backup is made from here on, and nothing says so until a restore is needed', unit);
}

export const backupSchedules: BuiltinRule[] = [
  {
    id: 'system.backups-off',
    pack: 'system',
    level: 'confirm',
    reason: 'turns off a schedule that makes backups or snapshots: nothing fails at once, and the gap is found on the day a restore is needed',
    alternative: 'stop the one running job (systemctl stop borgmatic.service), or pause it for a stated time and say when it resumes',
    match: {program: ['systemctl', 'service', 'rc-service', 'update-rc.d', 'chkconfig', 'rc-update', 'sv', 's6-svc', 's6-rc', 'velero', 'zfs', 'snapper']},
    check: scheduleOff,
    examples() {
      return {
        refuse: [
          'sudo systemctl disable --now borgmatic.timer',
          'systemctl mask restic-backup.timer',
          'systemctl stop pgbackrest-full.timer',
          'systemctl disable nightly-backup.service',
          'velero schedule delete daily-cluster --confirm', 'velero delete schedule daily',
          'sudo zfs set com.sun:auto-snapshot=false tank',
          'sudo snapper -c root set-config TIMELINE_CREATE=no',
        ],
        allow: [
          'systemctl stop borgmatic.service',
          'systemctl restart restic-backup.timer',
          'systemctl list-timers --all "borgmatic*"',
          'systemctl enable --now borgmatic.timer',
          'velero schedule get',
          'velero schedule create daily --schedule="0 3 * * *"',
          'zfs set com.sun:auto-snapshot=false tank/scratch',
          'zfs get -r com.sun:auto-snapshot tank',
          'snapper -c root get-config',
          'snapper -c root set-config TIMELINE_LIMIT_DAILY=7',
        ],
      };
    },
  },
];
