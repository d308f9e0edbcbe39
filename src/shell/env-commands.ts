// Variables that name a command a program runs through the shell: a pager, an editor, a
// transport (`GIT_SSH_COMMAND='…' git fetch`, `LESSOPEN='|…' less f`). Checked for every
// command of these programs, so the table stays small and in the base of the shell layer.
import {label, runCodeString} from './handoff.js';
import type {Launched} from './launched.js';
import type {Session} from './session-port.js';

// Variables that name a command the program runs through the shell (a pager, an editor, a transport).
const envCommands: Record<string, string[]> = {
  git: ['GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_PAGER', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'GIT_EXTERNAL_DIFF', 'GIT_ASKPASS', 'GIT_PROXY_COMMAND', 'PAGER', 'VISUAL', 'EDITOR'],
  man: ['MANPAGER', 'PAGER', 'BROWSER'],
  less: ['LESSOPEN', 'LESSCLOSE', 'VISUAL', 'EDITOR'],
  psql: ['PSQL_PAGER', 'PAGER', 'PSQL_EDITOR', 'VISUAL', 'EDITOR'],
  crontab: ['VISUAL', 'EDITOR'],
  visudo: ['SUDO_EDITOR', 'VISUAL', 'EDITOR'],
  sudoedit: ['SUDO_EDITOR', 'VISUAL', 'EDITOR'],
  sudo: ['SUDO_ASKPASS', 'SUDO_EDITOR', 'VISUAL', 'EDITOR'],
  vipw: ['VISUAL', 'EDITOR'],
  vigr: ['VISUAL', 'EDITOR'],
  rsync: ['RSYNC_RSH'],
  restic: ['RESTIC_PASSWORD_COMMAND'],
  borg: ['BORG_RSH', 'BORG_PASSCOMMAND'],
  svn: ['SVN_SSH', 'SVN_EDITOR', 'VISUAL', 'EDITOR'],
  cvs: ['CVS_RSH', 'CVSEDITOR', 'VISUAL', 'EDITOR'],
  hg: ['HGEDITOR', 'VISUAL', 'EDITOR'],
  kubectl: ['KUBE_EDITOR', 'EDITOR'],
  autoconf: ['AUTOM4TE', 'M4'],
  autoheader: ['AUTOM4TE', 'M4'],
  autoreconf: ['AUTOM4TE', 'M4'],
  crash: ['CRASHPAGER'],
  ...Object.fromEntries(['systemctl', 'journalctl', 'loginctl', 'busctl', 'coredumpctl', 'timedatectl', 'hostnamectl', 'localectl', 'networkctl', 'resolvectl', 'machinectl', 'homectl', 'bootctl'].map((name) => [name, ['SYSTEMD_PAGER', 'SYSTEMD_EDITOR', 'PAGER', 'VISUAL', 'EDITOR']])),
};

/** The commands a program's environment names for it to run (`GIT_SSH_COMMAND`, `PAGER`, `LESSOPEN`). */
export function runEnvCommands(launched: Launched, session: Session): void {
  const name = launched.command.program.value!;
  if (!Object.hasOwn(envCommands, name)) return;
  for (const variable of envCommands[name]!) {
    const value = launched.env.get(variable);
    if (!value?.known || value.value.trim() === '') continue;
    // LESSOPEN='|cmd %s' pipes; a leading `||` or `-` only changes how less reads the result.
    const code = variable.startsWith('LESS') ? value.value.replace(/^[|-]+/, '') : value.value;
    runCodeString(launched, session, {text: code, unknowns: new Map()}, `${variable} of ${label(launched.command, '')}`);
  }
}
