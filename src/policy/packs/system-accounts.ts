// The system pack's account rules: who may log in, and with what rights. Deleting an account
// with its home, root's password or an empty one (never lowered), and every other change to
// passwords, accounts and groups (a policy may lower it for a provisioning job).
import {posix} from 'node:path';
import {type SimpleCommand, type Word, normalizeOptions} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {args, asking, say} from './hits.js';

function userDelete(command: SimpleCommand): Hit | null {
  const words = args(command);
  const remove = command.program.value === 'userdel' ? words.find((word) => word.known && ((/^-[a-zA-Z]*r/.test(word.value) && !word.value.startsWith('--')) || word.value === '--remove')) : words.find((word) => word.value === '--remove-home' || word.value === '--remove-all-files');
  return remove ? say(command, words, 'deletes the account together with its home folder and mail', remove) : null;
}

const passwdSpec = {
  takesValue: ['-n', '-x', '-w', '-i', '-r', '--repository', '-R', '--root', '-P', '--prefix', '--mindays', '--maxdays', '--warndays', '--inactive'],
  aliases: {'--delete': '-d', '--status': '-S', '--lock': '-l', '--unlock': '-u', '--expire': '-e', '--all': '-a', '--help': '-h', '--mindays': '-n', '--maxdays': '-x', '--warndays': '-w', '--inactive': '-i'},
};

const readsPasswd = (flags: Set<string>) => flags.has('-S') || flags.has('-h') || flags.has('-?') || flags.has('--version');

function rootPassword(command: SimpleCommand): Hit | null {
  if (command.program.value === 'systemd-firstboot') return firstbootRoot(command);
  const {flags, operands} = normalizeOptions(args(command), passwdSpec);
  if (readsPasswd(flags)) return null;
  const user = operands[0];
  if (flags.has('-d')) return say(command, args(command), `empties the password of ${user?.value ?? 'the account'}, so the account logs in without one`, user);
  if (user?.value === 'root') return say(command, args(command), "changes root's password", user);
  return null;
}

/**
 * systemd-firstboot on the running system (no `--root`, `--image`): with `--force` it overwrites
 * root's password (`--root-password`, `--root-password-file`, `--root-password-hashed`) or empties it
 * (`--delete-root-password`), as an image's first boot would. Without `--force` it sets only what
 * is not set yet, which on a running system is nothing.
 */
function firstbootRoot(command: SimpleCommand): Hit | null {
  const words = args(command);
  const texts = words.map((word) => word.value ?? '');
  // `--root=/`, or an empty `--root="$UNSET"`, is the running system all the same.
  const given = (option: string, text: string, i: number) => (text === option ? (texts[i + 1] ?? '') : text.startsWith(`${option}=`) ? text.slice(option.length + 1) : undefined);
  const elsewhere = words.some((word, i) => {
    const text = texts[i]!;
    const value = given('--root', text, i) ?? given('--image', text, i);
    if (value === undefined) return false;
    const next = text.includes('=') ? word : words[i + 1];
    return next?.known === false || (value !== '' && posix.normalize(value) !== '/' && !/^\/+$/.test(posix.normalize(value)));
  });
  if (elsewhere || !texts.includes('--force')) return null;
  const set = words.find((word) => word.known && /^--(?:root-password(?:-file|-hashed)?|delete-root-password|prompt-root-password)(?:=|$)/.test(word.value));
  if (!set) return null;
  return say(command, words, set.value!.startsWith('--delete') ? 'empties root\'s password on the running system, so root logs in without one' : "overwrites root's password on the running system", set);
}

const privileged = /^(root|sudo|wheel|admin|adm|docker|lxd|disk|shadow|0)$/;
const wordFor: Record<string, string> = {
  '-p': 'sets the password hash of',
  '--password': 'sets the password hash of',
  '-L': 'locks',
  '--lock': 'locks',
  '-U': 'unlocks',
  '--unlock': 'unlocks',
  '-s': 'changes the login shell of',
  '--shell': 'changes the login shell of',
  '-e': 'sets the expiry date of',
  '--expiredate': 'sets the expiry date of',
  '-G': 'changes the groups (and the rights) of',
  '--groups': 'changes the groups (and the rights) of',
  '-u': 'changes the uid of',
  '--uid': 'changes the uid of',
  '-l': 'renames',
  '--login': 'renames',
  '-d': 'moves the home folder of',
  '--home': 'moves the home folder of',
};

/** What a passwd that is not root's nor -d changes: `-l`, `-u`, `-e`, ageing, or a new password. */
function passwdChange(command: SimpleCommand): Hit | null {
  const words = args(command);
  const {flags, operands} = normalizeOptions(words, passwdSpec);
  if (readsPasswd(flags) || flags.has('-d') || operands[0]?.value === 'root') return null;
  const who = operands[0]?.value ?? 'your own account';
  const change = flags.has('-l') ? 'locks the password of' : flags.has('-u') ? 'unlocks the password of' : flags.has('-e') ? 'expires the password of' : ['-n', '-x', '-w', '-i'].some((flag) => flags.has(flag)) ? 'changes the password ageing of' : 'sets a new password for';
  return say(command, words, `${change} ${who}`, operands[0]);
}

/** usermod, chage, chsh, gpasswd, groupmod, groupdel, chpasswd: each changes who may log in or what they may do. */
function accountChange(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  // FreeBSD's pw: `pw groupmod wheel -m jdoe`, `pw usermod jdoe -G wheel`, `pw lock jdoe`, also as two words
  // (`pw user mod`); its show and next verbs only look. `-V DIR` and `-R DIR` name where its files are.
  if (name === 'pw') {
    const operands = words.filter((word, i) => word.known && !word.value.startsWith('-') && !/^-[VRC]$/.test(words[i - 1]?.value ?? ''));
    const first = operands[0]?.value ?? '';
    const verb = /^(?:user|group)$/.test(first) ? `${first}${operands[1]?.value ?? ''}` : first;
    if (verb === '' || /^(?:usershow|groupshow|usernext|groupnext|showuser|showgroup)$/.test(verb)) return null;
    if (verb === 'useradd' || verb === 'adduser') {
      const group = words.find((word, i) => word.value?.replace(/^-[Gg](?=.)/, '').split(',').some((one) => privileged.test(one)) && (/^-[Gg]$/.test(words[i - 1]?.value ?? '') || /^-[Gg]./.test(word.value ?? '')));
      const uid = words.find((word, i) => (words[i - 1]?.value === '-u' && word.value === '0') || word.value === '-u0');
      return group || uid ? say(command, words, group ? `puts the account in ${group.value!.replace(/^-[Gg]/, '')}, a group with root’s power` : 'makes an account with root’s uid: a second root', group ?? uid) : null;
    }

    return say(command, words, `changes accounts or groups (pw ${verb}): who may log in, and with what rights`, operands[0]);
  }

  if (asking(words) || words.some((word) => word.value === '-?')) return null;
  if (name === 'passwd') return passwdChange(command);
  if (name === 'chpasswd' || name === 'chgpasswd' || name === 'newusers') return say(command, words, 'sets passwords (or accounts) from what it reads: whoever writes its input chooses them');
  if (name === 'chage') return words.some((word) => word.value === '-l' || word.value === '--list') ? null : say(command, words, 'changes when the password and the account expire (chage -E 0 locks it at once)', words.at(-1));
  if (name === 'chsh') return words.some((word) => word.value === '-l' || word.value === '--list-shells') ? null : say(command, words, 'changes the login shell (/usr/sbin/nologin locks the account out)', words.at(-1));
  if (name === 'groupdel' || name === 'delgroup') return say(command, words, 'deletes the group: its members lose what it let them do (sudo, wheel: administration)', words.at(-1));
  if (name === 'groupmod' || name === 'gpasswd') return say(command, words, "changes the group's members, name, id or password", words.at(-1));
  if (name === 'usermod') {
    const flag = words.find((word) => word.known && Object.hasOwn(wordFor, word.value.replace(/^-a(?=G)/, '-')));
    const what = flag ? wordFor[flag.value!.replace(/^-a(?=G)/, '-')]! : 'changes the account of';
    return say(command, words, `${what} ${words.at(-1)?.value ?? 'an account'}`, flag ?? words.at(-1));
  }

  if (name === 'userdel') {
    const {operands} = normalizeOptions(words, {takesValue: ['-R', '--root', '-P', '--prefix', '-Z']});
    return operands.some((word) => word.value === 'root') ? say(command, words, 'deletes the root account', operands.find((word) => word.value === 'root')) : null;
  }

  // macOS: `dseditgroup -o edit -a jdoe -t user admin`, `dscl . -append /Groups/admin GroupMembership jdoe`.
  if (name === 'dseditgroup') {
    const op = words[words.findIndex((word) => word.value === '-o') + 1]?.value;
    return op === 'edit' || op === 'delete' || op === 'create' ? say(command, words, `changes a group's members (dseditgroup -o ${op}): who administers the Mac`, words.at(-1)) : null;
  }

  if (name === 'dscl') {
    const verb = words.find((word) => word.known && /^-(?:append|create|merge|delete|change|passwd)$/.test(word.value));
    return verb ? say(command, words, `changes the directory's accounts or groups (dscl ${verb.value}): who may log in, and with what rights`, verb) : null;
  }

  if (name === 'deluser') {
    const {operands} = normalizeOptions(words, {takesValue: ['--conf', '--backup-to']});
    return operands.length >= 2 ? say(command, words, `takes ${operands[0]!.value ?? 'the account'} out of the group ${operands[1]!.value ?? ''}: it loses what the group let it do`, operands[1]) : null;
  }

  return accountCreate(command);
}

/** useradd/adduser that make another root (uid 0, -o), give a password hash, or put the account in a group with root's power. */
function accountCreate(command: SimpleCommand): Hit | null {
  const words = args(command);
  const {flags, operands, values} = normalizeOptions(words, {
    takesValue: ['-u', '--uid', '-g', '--gid', '-G', '--groups', '-p', '--password', '-s', '--shell', '-d', '--home', '--home-dir', '-c', '--comment', '-e', '--expiredate', '-f', '--inactive', '-k', '--skel', '-K', '--key', '-R', '--root', '-P', '--prefix', '-Z', '--selinux-user', '--ingroup', '--conf', '--firstuid', '--lastuid', '--gecos', '--add_extra_groups'],
  });
  const uid = values.get('-u') ?? values.get('--uid');
  if (uid?.value === '0' || flags.has('-o') || flags.has('--non-unique')) return say(command, words, 'makes an account with root’s uid: a second root', uid ?? words.find((word) => word.value === '-o' || word.value === '--non-unique'));
  const password = values.get('-p') ?? values.get('--password');
  if (password) return say(command, words, 'gives the new account a password hash from the command line', password);
  const groups = [values.get('-g'), values.get('--gid'), values.get('-G'), values.get('--groups'), values.get('--ingroup'), command.program.value === 'adduser' && operands.length >= 2 ? operands[1] : undefined];
  const group = groups.find((word): word is Word => word?.value?.split(',').some((name) => privileged.test(name)) === true);
  return group ? say(command, words, `puts the account in ${group.value}, a group with root’s power`, group) : null;
}

/** A chmod mode that sets the set-user-ID bit: `u+s`, `+s`, `=xs`, `a=rxs`, or octal with 4 among the special bits (4755, 6755). */
function setsUserId(mode: string): boolean {
  if (/^[0-7]{4,}$/.test(mode)) return (Number.parseInt(mode.at(-4)!, 8) & 4) !== 0;
  return mode.split(',').some((clause) => {
    const parsed = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!parsed) return false;
    const forOwner = parsed[1] === '' || /[ua]/.test(parsed[1]!);
    return forOwner && [...parsed[2]!.matchAll(/([-+=])([rwxXstugo]*)/g)].some(([, op, perms]) => op !== '-' && perms!.includes('s'));
  });
}

const looksLikeMode = (text: string) => /^[0-7]{3,}$/.test(text) || /^[ugoa]*[-+=][rwxXstugo]*(?:[-+=,][ugoa]*[rwxXstugo]*)*$/.test(text);
// Capabilities that make a program as good as root: it may change its user, read or write any
// file, load kernel modules, trace any process, or administer the system.
const rootCapabilities = /\b(?:cap_setuid|cap_setgid|cap_dac_override|cap_dac_read_search|cap_fowner|cap_chown|cap_sys_admin|cap_sys_module|cap_sys_ptrace|cap_sys_rawio|cap_setfcap|all)\b/i;

// Programs that are set-user-ID root on a Debian or Red Hat system: a mode copied from one
// (`chmod --reference=/usr/bin/passwd ./sh`) carries the bit.
const setUserIdPrograms = /^(?:\/usr)?\/s?bin\/(?:passwd|sudo|su|mount|umount|chsh|chfn|gpasswd|newgrp|pkexec|fusermount3?|sudoedit|crontab|at|unix_chkpwd|ping)$/;

/** The file `chmod --reference=FILE` (or `--reference FILE`) takes its mode from. */
function referenceOf(words: Word[]): Word | undefined {
  for (let i = 0; i < words.length; i++) {
    const text = words[i]!.value;
    if (text === '--reference') return words[i + 1];
    if (text?.startsWith('--reference=')) return {...words[i]!, value: text.slice('--reference='.length)} as Word;
  }

  return undefined;
}

/** chmod or install setting the set-user-ID bit, or setcap granting root's capabilities (`=ep` grants them all). */
function setUserId(command: SimpleCommand): Hit | null {
  const words = args(command);
  const program = command.program.value;
  if (asking(words)) return null;
  if (program === 'chmod') {
    const reference = referenceOf(words);
    if (reference?.known && setUserIdPrograms.test(posix.normalize(reference.value))) {
      return say(command, words, `copies the set-user-ID bit of ${reference.value}: whoever runs the program runs it as its owner`, reference);
    }

    const mode = words.find((word): word is Word & {known: true} => word.known && !word.value.startsWith('--') && looksLikeMode(word.value));
    return mode && setsUserId(mode.value) ? say(command, words, 'sets the set-user-ID bit: whoever runs the program runs it as its owner', mode) : null;
  }

  if (program === 'install') {
    for (let i = 0; i < words.length; i++) {
      const text = words[i]!.value;
      if (text === null) continue;
      const mode = text === '-m' || text === '--mode' ? words[i + 1]?.value : /^--mode=(.*)$|^-m(.+)$/.exec(text)?.slice(1).find((part) => part !== undefined);
      if (mode && setsUserId(mode)) return say(command, words, 'installs the program with the set-user-ID bit: whoever runs it runs it as its owner', words[i]);
    }

    return null;
  }

  for (let i = 0; i < words.length; i++) {
    const text = words[i]!.value;
    if (text === '-v' || text === '--verify') return null;
    if (text === '-n') i++;
    else if (text !== null && (rootCapabilities.test(text) || /^=[eip]+$/.test(text)) && /[+=][eip]*[ep]/.test(text)) return say(command, words, "gives the program root's powers as file capabilities", words[i]);
  }

  return null;
}

export const accounts: BuiltinRule[] = [
  {
    id: 'system.setuid',
    pack: 'system',
    level: 'deny',
    reason: "makes a program run with its owner's rights for whoever starts it (the set-user-ID bit), or gives it root's powers as file capabilities (cap_setuid, cap_dac_override, cap_sys_admin…)",
    alternative: 'grant the one command in sudoers; to bind a port below 1024, cap_net_bind_service',
    match: {program: ['chmod', 'install', 'setcap']},
    check: setUserId,
    examples() {
      return {
        refuse: [
          'chmod u+s ./sh', 'chmod 4755 ./tool', 'sudo install -m =xs $(which bash) .', 'chmod +s /tmp/rootbash', 'chmod a=rxs ./x', 'chmod 6755 ./x', 'chmod -R u+s ./bin', 'chmod g+w,u+s ./x', 'chmod 04750 ./x',
          'setcap cap_setuid+ep ./python3', 'setcap cap_dac_override,cap_chown=+eip ./tool', 'setcap =ep ./tool', 'setcap all+ep ./tool', 'install --mode=4755 ./helper ./bin/helper', 'install -m4711 ./helper ./bin/helper',
          'chmod --reference=/usr/bin/passwd ./sh', 'sudo chmod --reference /bin/su ./tool',
        ],
        allow: [
          'chmod 755 ./deploy.sh', 'chmod g+s ./shared', 'chmod 2775 ./shared', 'chmod 1777 ./scratch', 'chmod u-s ./tool', 'chmod -s ./tool', 'chmod 0644 ./x', 'chmod +x ./run.sh', 'chmod u=rwx,go=rx ./x',
          'setcap cap_net_bind_service=+ep ./server', 'setcap -r ./tool', 'setcap -v cap_setuid+ep ./tool', 'setcap cap_setuid-ep ./tool', 'install -m 0755 ./tool ./bin/tool', 'install -d -m 2775 ./shared', 'chmod --help', 'chmod --reference=./deploy.sh ./release.sh', 'chmod --reference=/usr/bin/ls ./tool',
        ],
      };
    },
  },
  {
    id: 'system.user-delete',
    pack: 'system',
    level: 'deny',
    reason: 'deletes an account together with its home folder',
    alternative: 'userdel without -r, after backing up the home folder',
    match: {program: ['userdel', 'deluser']},
    check: userDelete,
    examples() {
      return {refuse: ['userdel -r deploy', 'userdel --remove deploy', 'userdel -fr deploy', 'deluser --remove-home deploy', 'deluser --remove-all-files deploy'], allow: ['userdel deploy', 'id deploy', 'deluser deploy']};
    },
  },
  {
    id: 'system.root-password',
    pack: 'system',
    level: 'deny',
    reason: "changes root's password or empties an account's password",
    alternative: 'passwd -S to look; change passwords by hand',
    match: {program: ['passwd', 'systemd-firstboot']},
    check: rootPassword,
    examples() {
      return {
        refuse: ['passwd -d root', 'passwd root', 'passwd --delete deploy', 'sudo passwd root', 'passwd -l root', "echo 'x' | passwd --stdin root", 'systemd-firstboot --force --root-password=changeme', 'systemd-firstboot --force --delete-root-password', 'systemd-firstboot --root=/ --force --root-password-file=./pw', 'systemd-firstboot --root="$UNSET_ROOTFS" --force --root-password=changeme'],
        allow: ['passwd -S deploy', 'passwd -S root', 'passwd deploy', 'systemd-firstboot --root=./rootfs --force --root-password=changeme', 'systemd-firstboot --hostname=web1', 'systemd-firstboot --image=./os.raw --force --delete-root-password'],
      };
    },
  },
  {
    id: 'system.accounts',
    pack: 'system',
    level: 'deny',
    lowerable: 'machine',
    reason: 'changes passwords, accounts or groups: who may log in, and with what rights',
    alternative: 'look with passwd -S, chage -l, id, getent; change accounts by hand or through configuration management, or lower this rule for the provisioning job',
    match: {program: ['passwd', 'chpasswd', 'chgpasswd', 'newusers', 'usermod', 'chage', 'chsh', 'groupdel', 'delgroup', 'groupmod', 'gpasswd', 'userdel', 'deluser', 'useradd', 'adduser', 'pw', 'dseditgroup', 'dscl']},
    check: accountChange,
    examples() {
      return {
        refuse: [
          "echo 'root:hunter2' | chpasswd",
          'chpasswd < ./passwords.txt',
          "echo 'deploy:$6$x' | chpasswd -e",
          'usermod -p "$HASH" deploy',
          'usermod -L deploy',
          'usermod --lock deploy',
          'usermod -s /usr/sbin/nologin root',
          'usermod -aG sudo deploy', 'doas pw groupmod wheel -m jdoe', 'pw usermod jdoe -G wheel', 'pw lock jdoe', 'pw useradd ops -G wheel -m', 'pw useradd ops -Gwheel', 'pw -V /etc lock jdoe', 'sudo dseditgroup -o edit -a jdoe -t user admin', 'sudo dscl . -append /Groups/admin GroupMembership jdoe',
          'usermod -u 0 -o deploy',
          'usermod -e 1 deploy',
          'passwd deploy',
          'passwd -l deploy',
          'passwd -u deploy',
          'passwd -e deploy',
          'passwd -x 1 deploy',
          'chage -E 0 root',
          'chage -M 1 deploy',
          'chage -d 0 deploy',
          'chsh -s /bin/false root',
          'groupdel sudo',
          'groupdel wheel',
          'delgroup admin',
          'gpasswd -d admin sudo',
          'gpasswd -a deploy wheel',
          'groupmod -g 0 deploy',
          'userdel root',
          'deluser admin sudo',
          'useradd -o -u 0 backdoor',
          'useradd --uid 0 --non-unique toor',
          'useradd -m -G sudo deploy',
          'useradd -p "$HASH" svc',
          'adduser deploy sudo',
          'adduser --ingroup docker deploy',
        ],
        allow: ['pw usershow jdoe', 'pw groupshow wheel', 'pw user show jdoe', 'pw group show wheel', 'pw user add build -m -s /bin/sh', 'pw useradd build -m -s /bin/sh', 'dseditgroup -o checkmember -m jdoe admin', 'dscl . -read /Groups/admin GroupMembership', 'dscl . -list /Users','passwd -S deploy', 'chage -l deploy', 'getent passwd deploy', 'id deploy', 'chsh -l', 'useradd -m -s /bin/bash deploy', 'useradd --system --no-create-home svc', 'adduser --disabled-password --gecos "" deploy', 'userdel deploy', 'deluser deploy', 'groups deploy', 'usermod --help'],
      };
    },
  },
];
