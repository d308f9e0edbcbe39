// Packages that keep the system running: a vital one removed (the C library, sshd, sudo, systemd,
// every kernel), packages removed past what depends on them, the system's own install undone, the C
// library downgraded, every package marked removable and then removed, or pip and npm reaching into
// what the distribution owns. Simulations, listings and ordinary removals pass.
import {posix} from 'node:path';
import type {SimpleCommand, Word} from '../../shell/index.js';
import {written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';
import {args, say} from './hits.js';

// Packages without which the system cannot boot, run its programs, or be reached and logged into.
const vitalPackages = new Set([
  'openssh-server', 'openssh', 'ssh', 'sshd', 'sudo', 'libc6', 'libc-bin', 'glibc', 'musl', 'systemd', 'systemd-sysv', 'init', 'bash', 'dash', 'coreutils', 'util-linux',
  'login', 'passwd', 'pam', 'libpam0g', 'libpam-modules', 'libpam-runtime', 'dpkg', 'rpm', 'apt', 'yum', 'dnf', 'e2fsprogs', 'mount', 'base-files', 'base-passwd', 'busybox', 'linux',
  // Every installed kernel at once, and the Python the package manager and the system's tools run on.
  'kernel', 'kernel-core', 'kernel-default', 'kernel-modules', 'python3', 'python3-minimal', 'platform-python',
  // Gentoo's categories name them (`sys-libs/glibc`, `dev-lang/python`, `app-admin/sudo`, `net-misc/openssh`).
  'sys-libs/glibc', 'sys-libs/musl', 'dev-lang/python', 'app-admin/sudo', 'net-misc/openssh', 'sys-apps/systemd', 'sys-apps/openrc', 'sys-apps/coreutils', 'app-shells/bash', 'sys-apps/portage', 'sys-kernel/gentoo-kernel-bin', 'sys-kernel/gentoo-kernel', 'sys-apps/util-linux',
  'xbps', 'runit', 'runit-void', 'base-system',
]);
// Each manager's words that remove, and its options that only simulate.
const removals: Record<string, {remove: RegExp; simulate: RegExp}> = {
  dpkg: {remove: /^(?:-r|-P|--remove|--purge)$/, simulate: /^(?:--no-act|--dry-run|--simulate)$/},
  rpm: {remove: /^(?:-[a-z]*e[a-z]*|--erase)$/, simulate: /^--test$/},
  pacman: {remove: /^(?:-R[a-z]*|--remove)$/, simulate: /^(?:-[A-Za-z]*p[A-Za-z]*|--print)$/},
  // Gentoo's emerge (`--unmerge`, `-C`, `--rage-clean`), Void's xbps-remove, FreeBSD's pkg (`delete`, and `-a` for every package).
  emerge: {remove: /^(?:--unmerge|-C|--rage-clean|--depclean|-c)$/, simulate: /^(?:--pretend|-p|-[a-zA-Z]*p[a-zA-Z]*|--ask|-a)$/},
  // xbps-remove removes whatever it is given: any word is its action.
  'xbps-remove': {remove: /^/, simulate: /^(?:-n|--dry-run|-[A-Za-z]*n[A-Za-z]*)$/},
  pkg: {remove: /^(?:delete|remove)$/, simulate: /^(?:-n|--dry-run)$/},
};
const otherManager = {remove: /^(?:remove|purge|erase|autoremove|del|rm|uninstall)$/, simulate: /^(?:-[a-z]*s[a-z]*|--simulate|--dry-run|--just-print|--no-act|--recon|--assumeno|--assume-no|--test)$/};

/** A package manager removing a vital package, or any package past its dependencies (`--nodeps`, `--force-all`). */
function vitalPackageRemoval(command: SimpleCommand): Hit | null {
  const name = command.program.value ?? '';
  if (/^(?:pip[\d.]*|npm|python[\d.]*)$/.test(name)) return languagePackages(command);
  const words = args(command);
  const {remove, simulate} = removals[name] ?? otherManager;
  if (words.some((word) => word.known && simulate.test(word.value))) return null;
  const texts = words.map((word) => word.value);
  // dnf's and yum's first transaction is the system's own install: undone, the base system goes.
  const history = texts.indexOf('history');
  if (/^(?:dnf|yum|microdnf)$/.test(name) && history !== -1 && /^(?:undo|rollback)$/.test(texts[history + 1] ?? '') && /^(?:1|first)$/.test(texts[history + 2] ?? '')) return say(command, words.slice(history, history + 3), 'undoes the first transaction, the installation of the system itself: its base packages are removed', words[history + 1]);
  // The C library downgraded: programs built against the newer one stop loading.
  const libc = words.find((word) => word.known && /^(?:libc6|libc-bin|glibc|musl)(?:[=-]\d|$)/.test(word.value));
  const downgrade = words.find((word) => word.known && /^(?:downgrade|--allow-downgrades|--oldpackage|--force-downgrade)$/.test(word.value));
  if (libc && downgrade && (downgrade.value !== '--allow-downgrades' || /[=]/.test(libc.value!))) return say(command, words, `downgrades the C library (${libc.value}): programs built against the newer one stop loading, the package manager among them`, downgrade);
  // `apt-get install PKG-` removes PKG.
  const trailing = ['apt-get', 'apt', 'aptitude'].includes(command.program.value ?? '') && words.some((word) => word.value === 'install');
  const action = words.find((word) => word.known && remove.test(word.value));
  if (!action && !trailing) return null;
  const forced = words.find((word) => word.known && /^--(?:nodeps|force-(?:all|remove-essential|depends)(?:,\S*)?)$|^--force-\S*(?:all|remove-essential|depends)/.test(word.value));
  // FreeBSD's `pkg delete -a`: every installed package.
  if (command.program.value === 'pkg' && action && words.some((word) => word.known && /^-[a-zA-Z]*a[a-zA-Z]*$|^--all$/.test(word.value))) return say(command, words, 'deletes every installed package', action);
  if (action && forced) return say(command, words, 'removes packages past what depends on them: the system may no longer start its programs', forced);
  // A package by its name, without a version or an architecture; after `install`, one with apt's trailing minus.
  const base = (name: string) => name.replace(/(?:\.(?:x86_64|aarch64|i686|noarch|amd64|arm64))?(?:[:=].*)?$/, '');
  const vital = words.find((word) => {
    if (!word.known || word.value.startsWith('-')) return false;
    if (action) return vitalPackages.has(base(word.value));
    return word.value.endsWith('-') && vitalPackages.has(base(word.value.slice(0, -1)));
  });
  if (vital) return say(command, words, `removes ${vital.value}, which the system needs to boot, run its programs or be reached`, vital);
  // A pattern the manager matches against every installed package (`'linux-image-*'`): every kernel, the running one too.
  // Headers and devel packages build nothing that boots; a version in the pattern picks old kernels by name.
  const pattern = action ? words.find((word) => word.known && /[*?[]/.test(word.value) && /^(?:linux-(?:image|modules)(?:-[a-z]+)?|kernel(?:-core|-modules)?)-?[*?[]/.test(word.value)) : undefined;
  if (pattern) return say(command, words, `removes every installed package ${pattern.value} matches: every kernel (or vital package) of that name, the running one among them`, pattern);
  const computed = action ? words.find((word) => !word.known && computedFromVital(word, command)) : undefined;
  return computed ? say(command, words, 'removes packages picked when it runs from the installed kernels or vital packages: the list may hold the running kernel, or every one', computed) : null;
}

/**
 * Python's and Node's own package managers reaching into what the system owns: pip removing,
 * past PEP 668's guard (`--break-system-packages`), modules the distribution's packages own, or
 * installing over them (`--prefix /usr`, `--root /`); npm removing itself from the system.
 */
function languagePackages(command: SimpleCommand): Hit | null {
  const all = args(command);
  const name = command.program.value!;
  const module = name.startsWith('python') ? all.findIndex((word, i) => all[i - 1]?.value === '-m' && word.value === 'pip') : -1;
  if (name.startsWith('python') && module === -1) return null;
  const words = module === -1 ? all : all.slice(module + 1);
  const texts = words.map((word) => word.value);
  if (texts.some((text) => text === '--help' || text === '-h' || text === '--dry-run' || text === '-n')) return null;
  const verb = words.find((word) => word.known && !word.value.startsWith('-'));
  if (name === 'npm') {
    const global = texts.some((text) => text === '-g' || text === '--global' || text === '--location=global');
    const itself = /^(?:uninstall|un|remove|rm|r|unlink)$/.test(verb?.value ?? '') && global ? words.find((word) => word.value === 'npm' || word.value === 'corepack') : undefined;
    return itself ? say(command, words, `removes ${itself.value} itself from the system: nothing is left to install it again with`, itself) : null;
  }

  const breaking = words.find((word) => word.value === '--break-system-packages');
  if (verb?.value === 'uninstall' && breaking) return say(command, words, "removes modules past the system's guard (--break-system-packages): the distribution's packages that import them stop working", breaking);
  const prefix = words.findIndex((word) => word.known && /^--(?:prefix|root|target)(?:=|$)/.test(word.value));
  const where = prefix === -1 ? undefined : texts[prefix]!.includes('=') ? texts[prefix]!.slice(texts[prefix]!.indexOf('=') + 1) : texts[prefix + 1];
  const system = where !== undefined && where !== null && /^\/(?:usr\/?|usr\/lib\/python3[^/]*\/(?:site|dist)-packages\/?|)$/.test(posix.normalize(where));
  return verb?.value === 'install' && system ? say(command, words, `installs over what the distribution's packages own in ${where}: the system's own Python tools may break`, words[prefix]) : null;
}

/**
 * `apt-mark auto` of a vital package, or of a list known only when it runs (`$(apt-mark
 * showmanual)`: every package), then `autoremove` in the same code: every package nothing else
 * needs goes, the vital ones among them. Likewise `dpkg --clear-selections` then `apt-get
 * dselect-upgrade`: every package not essential goes.
 */
function autoremovedAfterMarking(commands: SimpleCommand[]): Array<{command: SimpleCommand; hit: Hit}> {
  let marked: Word | undefined;
  let cleared: SimpleCommand | undefined;
  const found: Array<{command: SimpleCommand; hit: Hit}> = [];
  for (const command of commands) {
    const words = args(command);
    if (command.program.value === 'apt-mark' && words.some((word) => word.value === 'auto' || word.value === 'markauto')) {
      marked ??= words.find((word) => !word.known || vitalPackages.has(word.value));
      continue;
    }

    if (command.program.value === 'dpkg' && words.some((word) => word.value === '--clear-selections')) {
      cleared ??= command;
      continue;
    }

    // A selection set again (`dpkg --set-selections < list`): the documented copy of a package set, not a wipe.
    if (command.program.value === 'dpkg' && words.some((word) => word.value === '--set-selections')) {
      cleared = undefined;
      continue;
    }

    const apply = cleared && ['apt-get', 'apt'].includes(command.program.value ?? '') ? words.find((word) => word.value === 'dselect-upgrade') : undefined;
    if (apply && !words.some((word) => word.known && otherManager.simulate.test(word.value))) {
      found.push({command, hit: {word: written(apply), reason: `${command.program.value} dselect-upgrade after dpkg --clear-selections removes every package that is not essential: the system's services and tools with them`}});
    }

    const autoremove = ['apt-get', 'apt', 'aptitude'].includes(command.program.value ?? '') ? words.find((word) => word.value === 'autoremove' || word.value === 'autopurge') : undefined;
    if (marked && autoremove && !words.some((word) => word.known && otherManager.simulate.test(word.value))) {
      found.push({command, hit: {word: written(autoremove), reason: `${command.program.value} autoremove after apt-mark auto ${marked.known ? marked.value : marked.raw} removes every package nothing else needs: ${marked.known ? `${marked.value} among them` : 'every package the list held'}`}});
    }
  }

  return found;
}

// A kernel's packages, or a vital package no program is named after, named where a list of
// packages is computed (`dpkg -l`, a package manager or sudo in that text says nothing).
const vitalSource = /\b(?:linux-(?:image|headers|modules|signed|generic)|linux-\{[^}]*\b(?:image|modules)\b|kernel(?:-core|-modules)?\b|vmlinuz)|(?:^|[\s'"|(])(?:openssh-server|libc6|libc-bin|glibc|systemd(?:-sysv)?|libpam0g|libpam-modules|libpam-runtime|coreutils|util-linux|base-files|base-passwd|e2fsprogs)(?=[\s'"*|)$]|$)/;

/**
 * Package names only known when the command runs, drawn from a listing of kernels or of vital
 * packages: `apt-get purge $(dpkg -l 'linux-image-*' | …)`, the same list through xargs, or
 * `linux-image-$(uname -r)`, the running kernel.
 */
function computedFromVital(word: Word, command: SimpleCommand): boolean {
  if (word.known) return false;
  if (vitalSource.test(word.why) || vitalSource.test(word.raw)) return true;
  return /xargs/.test(word.why) && (command.piped?.from ?? []).some((producer) => vitalSource.test(producer.location.text));
}

export const packages: BuiltinRule[] = [
  {
    id: 'system.remove-vital-package',
    pack: 'system',
    level: 'deny',
    reason: "removes a package the system needs to boot, run programs or be reached (the C library, the ssh server, sudo, systemd, PAM), removes packages ignoring what depends on them, undoes the system's own install, downgrades the C library, or has pip or npm remove or overwrite what the system owns",
    alternative: 'simulate first (apt-get -s, dnf --assumeno); remove it at a console, not over ssh',
    match: {program: ['apt-get', 'apt', 'aptitude', 'yum', 'dnf', 'microdnf', 'zypper', 'apk', 'pacman', 'dpkg', 'rpm', 'emerge', 'xbps-remove', 'pkg', 'pip', 'pip3', 'npm', 'python', 'python3']},
    check: vitalPackageRemoval,
    checkAll: autoremovedAfterMarking,
    examples() {
      return {
        refuse: [
          'emerge --unmerge sys-libs/glibc', 'emerge --rage-clean app-admin/sudo', 'xbps-remove -Ff glibc', 'xbps-remove openssh', 'pkg delete -a -y',
          "apt purge -y 'linux-image-*'", "dnf remove 'kernel-core-*'",
          'apt-mark auto $(apt-mark showmanual) && apt-get -y autoremove --purge', 'apt-mark unhold openssh-server && apt-mark auto openssh-server && apt-get -y autoremove',
          'dnf -y remove kernel-core', 'apt-get -y remove python3', 'apt purge -y linux-{image,modules}-"$(uname -r)"',
          'apt-get purge -y openssh-server', 'apt remove sudo', 'yum remove -y openssh-server.x86_64', 'dnf erase glibc', 'dpkg --purge --force-all libc6', 'dpkg -r openssh-server', 'rpm -e --nodeps glibc',
          'rpm -ev --nodeps nginx', 'rpm -e openssh-server', 'apk del musl', 'pacman -Rns systemd', 'pacman --remove sudo', 'dpkg --force-depends -r nginx', 'apt-get install openssh-server-',
          "apt-get purge -y $(dpkg -l 'linux-image-[0-9]*' | awk '/^ii/{print $2}' | grep -v \"$(uname -r)\")", "dpkg -l 'linux-headers-*' | awk '/^ii/{print $2}' | xargs sudo apt-get -y purge",
          'sudo apt-get remove -y linux-image-$(uname -r)', 'dnf -y history undo 1', 'yum history rollback 1', 'apt-get install -y --allow-downgrades libc6=2.31-0ubuntu9.9', 'dnf downgrade glibc',
          'dpkg --clear-selections && apt-get -y dselect-upgrade', 'pip3 uninstall -y --break-system-packages requests urllib3', 'python3 -m pip install --force-reinstall --prefix /usr pip', 'pip install --root / foo', 'npm uninstall -g npm', 'npm rm --global npm', 'yum remove -y $(rpm -q kernel | head -n -1)', "apt remove $(dpkg -l | grep -E 'openssh-server|libc6' | awk '{print $2}')",
        ],
        allow: [
          'emerge -p --unmerge sys-libs/glibc', 'emerge --unmerge app-editors/nano', 'xbps-remove -n glibc', 'pkg delete -y nginx',
          "apt purge -y 'linux-image-5.10.0-1*-amd64' --dry-run", "apt-get purge 'libfoo*'",
          'apt-mark auto libfoo1 && apt-get autoremove', 'apt-mark auto $(apt-mark showmanual) && apt-get -s autoremove', 'apt purge --assume-no "linux-image-$(uname -r)"',
          'dnf history undo 42', 'dnf history list', 'dpkg --clear-selections && dpkg --set-selections < pkgs.list && apt-get -y dselect-upgrade', 'PIP_BREAK_SYSTEM_PACKAGES=1 pip uninstall -y requests', 'apt-get install -y --allow-downgrades nginx=1.18.0-6', 'dnf downgrade nginx', 'apt-get -s dselect-upgrade', 'dpkg --get-selections',
          'pip uninstall -y requests', 'pip3 install --user requests', 'python3 -m pip install --prefix /usr/local foo', 'pip install --break-system-packages ansible', 'npm uninstall -g typescript', 'npm uninstall npm-run-all', 'python3 -m venv .venv',
          'apt-get install -y nginx', 'apt-get remove -y nginx', 'apt-get -s purge openssh-server', 'yum update', 'dnf remove httpd', 'dpkg -l libc6', 'rpm -qa glibc', 'apt-get autoremove -y',
          'apt-get purge -y linux-image-5.10.0-9-amd64', 'apt-get remove bash-completion', 'dpkg -i --force-depends ./x.deb', 'pacman -Rns old-package', 'apt-get remove libpam-tmpdir', 'yum remove sudo-ldap',
          "apt-get purge -y $(dpkg -l | awk '/^rc/ {print $2}')", "sudo dpkg -l | awk '/^rc/{print $2}' | xargs sudo apt-get -y purge", 'apt-get remove -y $(cat ./unused-packages.txt)',
          "apt-get -s purge $(dpkg -l 'linux-image-*' | awk '/^ii/{print $2}')", "dpkg -l 'linux-image-*' | awk '/^ii/{print $2}' | xargs apt-cache policy",
        ],
      };
    },
  },
];
