// Deleting, overwriting and re-permissioning what the contract protects. The path rules fire
// from path protection (src/policy/protection.ts); their examples show what each class covers.
import type {SimpleCommand} from '../../shell/index.js';
import {normalizeOptions} from '../../shell/index.js';
import {phrase, written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';

const destructive = ['sed', 'rm', 'rmdir', 'unlink', 'find', 'rsync', 'shred', 'mv', 'cp', 'install', 'tee', 'dd', 'truncate', 'chmod', 'chown', 'chgrp'];

const byPath = (rule: Omit<BuiltinRule, 'pack' | 'match' | 'firedBy'>): BuiltinRule => ({...rule, pack: 'filesystem', match: {program: destructive}, firedBy: 'paths'});

/** Inline code: the flag that carries it, and what in it deletes files or starts a shell. */
const inline: Record<string, {flags: string[]; danger: RegExp; stdin?: boolean}> = {
  python: {flags: ['-c'], stdin: true, danger: /\b(?:os\.(?:system|popen|remove|unlink|rmdir|removedirs|exec\w*|spawn\w*)|shutil\.(?:rmtree|move)|subprocess|pty\.spawn|__import__)\b|\.(?:unlink|rmdir|rmtree)\(|\bexec\(|\beval\(/},
  perl: {flags: ['-e', '-E'], stdin: true, danger: /\b(?:system|exec|unlink|rmdir|rmtree|remove_tree|qx)\b|`/},
  ruby: {flags: ['-e'], stdin: true, danger: /\b(?:system|exec|spawn|IO\.popen|Open3|FileUtils\.\w*(?:rm|remove)\w*|File\.(?:delete|unlink)|Dir\.(?:delete|rmdir|unlink))\b|%x|`/},
  node: {flags: ['-e', '-p', '--eval', '--print'], stdin: true, danger: /child_process|\b(?:rm|rmdir|unlink|rmSync|rmdirSync|unlinkSync|execSync|execFileSync|spawnSync|spawn|execFile)\s*\(/},
  php: {flags: ['-r'], danger: /\b(?:system|exec|shell_exec|passthru|popen|proc_open|unlink|rmdir)\s*\(|`/},
  awk: {flags: [], danger: /\bsystem\s*\(|\|\s*getline|\|\s*"/},
};

const interpreterOf = (name: string): string | undefined => {
  if (/^python[\d.]*$|^pypy\d*$/.test(name)) return 'python';
  if (/^(?:g|m|n|busybox-)?awk$/.test(name)) return 'awk';
  if (name === 'nodejs' || name === 'bun' || name === 'deno') return 'node';
  return Object.hasOwn(inline, name) ? name : undefined;
};

function inlineCode(command: SimpleCommand): Hit | null {
  const kind = interpreterOf(command.program.value ?? '');
  if (!kind) return null;
  const {flags, danger, stdin} = inline[kind]!;
  const args = command.argv.slice(1);
  const codes = [];
  if (kind === 'awk') {
    const {operands, values} = normalizeOptions(args, {takesValue: ['-f', '-v', '-F', '--file', '--assign', '--field-separator'], stopAtOperand: true});
    if (!values.has('-f') && !values.has('--file') && operands[0]) codes.push(operands[0]);
  } else {
    for (const [i, word] of args.entries()) {
      const text = word.value;
      if (text === null) continue;
      const flag = flags.find((name) => text === name || (name.length === 2 && text.startsWith(name) && text.length > 2 && !text.startsWith('--')));
      if (flag === undefined) continue;
      const attached = text.slice(flag.length);
      codes.push(attached ? {...word, value: attached} : args[i + 1]);
    }

    const script = args.find((word) => !word.value?.startsWith('-') || word.value === '-');
    if (stdin && (!script || script.value === '-')) codes.push(...command.redirects.filter((redirect) => redirect.op.startsWith('<<')).map((redirect) => redirect.target));
  }

  for (const code of codes) {
    if (!code) continue;
    const found = code.known ? danger.exec(code.value) : null;
    if (found) return {word: written(code), reason: `${phrase(command, undefined)} runs code that calls ${found[0].replace(/[\s(]+$/, '')}, which guard cannot check`};
  }

  return null;
}

const here = (body: string) => `<<'EOF'\n${body}\nEOF`;

export const filesystem: BuiltinRule[] = [
  byPath({
    id: 'fs.rm-root',
    level: 'deny',
    reason: 'deletes the root filesystem or everything in it',
    alternative: 'delete an explicit path below /',
    examples: {
      refuse: [
        'rm -rf /',
        'rm -rf /*',
        'rm -rf --no-preserve-root /',
        'rm -rf "$UNSET_VAR/"',
        'rm -rf "$UNSET_VAR"/*',
        'rm -rf "${DEPLOY_DIR:-/}"',
        'cd / && rm -rf *',
        'bash -lc "cd / && rm -rf *"',
        'find / -name "*.log" -delete',
        'find / -exec rm -rf {} \\;',
        "r''m -rf /",
        '"rm" -rf /',
        '\\rm -rf /',
        '/bin/rm -rf /',
        'sudo -u root -- rm -rf /',
        'doas rm -rf /',
        'busybox rm -rf /',
        "sh -c 'rm -rf /'",
        "su -c 'rm -rf /'",
        'rm -rf /tmp/rootlink/*',
        'rm -rf /tmp/rootlink/',
        'rm --rec --forc /',
        'rm -r -f /',
        'rm / -rf',
      ],
      allow: ['rm -rf ./build', 'rm -rf /tmp/guard-test.1234', 'echo "rm -rf /"', 'rm -rf /tmp/rootlink', "printf '%s\\n' 'rm -rf /'", 'git commit -m "rm -rf /"', 'ssh web1 \'df -h /\''],
    },
  }),
  byPath({
    id: 'fs.rm-home',
    level: 'deny',
    reason: 'deletes the home folder or everything in it',
    alternative: 'delete a named folder inside it',
    examples: {
      refuse: ['rm -fr ~', 'rm -rf ~/', 'rm -rf $HOME', 'rm -rf "${HOME}"/*', 'cd ~ && rm -rf *', 'command rm -rf ~', 'env -i PATH=/usr/bin rm -rf ~', 'nohup rm -rf ~ &', 'eval "rm -rf ~"', 'X=rm; $X -rf ~', 'rsync -a --delete /tmp/empty/ ~/', 'find ~ -type f -exec rm -f {} +', 'bash <<\'EOF\'\nrm -rf ~\nEOF', "sh <<< 'rm -rf ~'", "echo 'rm -rf ~' | sh", 'cat <(rm -rf ~)', 'x=$(rm -rf ~)', 'cleanup(){ rm -rf ~; }; cleanup', 'mv ~ /tmp/old-home'],
      allow: ['rm -rf "~"', 'rm ~/notes.txt', "printf '%s\\n' 'rm -rf ~'", `cat ${here('$(rm -rf ~)')} > notes.md`, 'chmod 700 ~'],
    },
  }),
  byPath({
    id: 'fs.rm-home-child',
    level: 'deny',
    overridable: true,
    reason: 'deletes a folder directly in the home folder, recursively or by a glob',
    alternative: 'delete a path further down, or allow it in the policy (paths.allow)',
    examples: {
      refuse: ['rm -r ~/Desktop', 'rm ~/*.txt', "watch -n 60 'rm -rf ~/Documents'", 'rm -rf ~/.cache', 'rm -f ~/*.md'],
      allow: ['rm -r ~/Desktop/photos', 'rm -f ~/Downloads/*.md', 'rm ~/notes.txt', 'rm -rf /tmp/x'],
    },
  }),
  byPath({
    id: 'fs.credentials',
    level: 'deny',
    overridable: true,
    reason: 'touches ~/.ssh, ~/.gnupg, ~/.aws or ~/.kube',
    alternative: 'change credentials by hand, or allow the path in the policy (paths.allow)',
    examples: {
      refuse: ['rm -rf ~/.ssh', 'rm ~/.ssh/id_ed25519', 'echo key > ~/.ssh/authorized_keys', 'chmod 644 ~/.ssh/id_ed25519', 'cp ./config ~/.kube/config', 'chown -R nobody ~/.gnupg', 'shred -u ~/.aws/credentials'],
      allow: ['chmod 600 ~/.ssh/id_ed25519', 'chmod go-rwx ~/.ssh/id_ed25519', 'cat ~/.ssh/id_ed25519.pub', 'cp ~/.kube/config ./kubeconfig.bak', 'echo key >> ~/.ssh/authorized_keys'],
    },
  }),
  byPath({
    id: 'fs.protected-path',
    level: 'deny',
    reason: 'touches a top-level system folder, or what is directly in one',
    alternative: 'name a path further down',
    examples: {
      refuse: [
        'rm -r -f /etc',
        'rm -R --force /usr/local',
        'rm /boot -rf',
        'rm -rf -- /home',
        'rm -rf /tmp',
        'rm -rf /var/tmp',
        'rm -rf /bin',
        'rm /bin',
        'rm -rf /tmp/../etc',
        'rm -rf //etc',
        'rm -rf /./usr/',
        'rm -rf /{etc,var}',
        'rm -rf /e*',
        'rm -rf /var/*',
        'rm -rf /var/log',
        'rm -rf /tmp/pm/link/../etc',
        'if [ -d /srv ]; then rm -rf /srv; fi',
        'mv /etc /etc.old',
        'mv ./notes.txt /dev/null',
        'chmod -R 777 /',
        'chmod -R 000 /etc',
        'chown -R nobody:nogroup /usr',
        'chown -R app /opt/app',
        'find /etc -type f -exec chmod 666 {} \\;',
        'rm /dev/null',
        'chmod 777 /etc/shadow',
        'rmdir /mnt',
        'parallel rm -rf ::: /etc /usr',
        'rm -rf /*/cache',
      ],
      allow: ['rm -rf /tmp/guard-test.1234', 'rm -rf /tmp/ci-cache-4821', 'rm -rf "$TMPDIR/guard-test"', 'rmdir /tmp/empty-dir', 'rm -rf /var/log/app/old', 'find /var/log -name "*.gz" -mtime +30 -delete', 'ls -la /dev/sda', 'cp x /tmp', 'echo 1 > /proc/sys/vm/drop_caches', 'echo hi > /opt/app/motd', 'rm -rf /srv/app/releases/1'],
    },
  }),
  byPath({
    id: 'fs.system-path',
    level: 'deny',
    overridable: true,
    reason: 'deletes, overwrites or re-permissions something inside /etc, /usr, /boot, /bin, /sbin or /lib*',
    alternative: 'change system files through the package manager or configuration management, or allow the path in the policy (paths.allow)',
    examples: {
      refuse: ['truncate -s 0 /etc/passwd', ': > /etc/hosts', '> /etc/resolv.conf', 'echo "nameserver 1.1.1.1" > /etc/resolv.conf', 'cp /dev/null /etc/fstab', 'rm -rf /usr/local/bin', 'install -m 755 tool /usr/local/bin/tool', 'cat <<EOF > /etc/passwd\nroot::0:0::/root:/bin/sh\nEOF', 'tee /etc/sudoers.d/x < f', 'rm -f /lib/x86_64-linux-gnu/libc.so.6', "sed -i 's/^root:x/root:/' /etc/passwd", 'sed -i.bak -e s/a/b/ ./x /etc/ssh/sshd_config', 'chmod 777 /etc/ssh/sshd_config', 'cp ./tool /bin/'],
      allow: ['cat /etc/hosts', 'cp /etc/hosts ./hosts.backup', 'echo "1.2.3.4 db" >> /etc/hosts', 'ls -la /usr/local/bin', 'echo "nameserver 1.1.1.1" > ./resolv.conf.new', 'truncate -s 0 ./logs/app.log', "sed 's/a/b/' /etc/hosts", "sed -i 's/a/b/' ./config.ini", "sed -n '/root/p' /etc/passwd"],
    },
  }),
  byPath({
    id: 'fs.git-dir',
    level: 'deny',
    overridable: true,
    reason: "deletes or overwrites a git repository's own folder (.git)",
    alternative: 'use git itself (git gc, git worktree remove), or allow the path in the policy (paths.allow)',
    examples: {
      refuse: ['rm -rf ./.git', 'rm -rf .git/', 'rm -rf .*', 'echo x > .git/HEAD', 'rm -rf .git/hooks', 'find .git -delete', 'rm -rf /srv/app/.git'],
      allow: ['rm -rf ./build', 'rm -rf *', 'git status', "echo '*.log' >> .git/info/exclude", 'rm -f ./app.log', 'rm -rf build/ dist/ node_modules/', 'rm -rf ./{dist,coverage}', 'rm -rf -- ./-odd-name'],
    },
  }),
  byPath({
    id: 'fs.unknown-target',
    level: 'deny',
    overridable: true,
    reason: 'deletes or overwrites a path guard cannot know before it runs',
    alternative: 'name the path in the command, or set the variable in the environment guard runs with',
    examples: {
      refuse: [
        'for d in /etc /usr; do rm -rf "$d"; done',
        'ls | xargs rm -rf',
        'echo / | xargs rm -rf',
        'git ls-files --others | xargs -r rm -f',
        "xargs -I{} sh -c 'rm -rf {}' <<< /",
        'cd /srv/app/cache-that-does-not-exist; rm -rf *',
        'rm -rf "$(cat dirs.txt)"',
        'echo data > "$(date +%F).log"',
        'read dir; rm -rf "$dir"',
        'mkfs.ext4 "$(ls /dev/sd* | head -1)"',
        'cp a.txt "`mktemp`"',
        'chmod -R 777 "$(pwd)"',
        'parallel rm -rf',
      ],
      allow: [
        'find . -name "*.tmp" -exec rm {} \\;',
        'echo data >> "$(date +%F).log"',
        'chmod +x "$(command -v tool)"',
        'cd /srv/app/cache && rm -rf ./tmp-*',
        'rm -rf "${TMPDIR:?}/releases/2023-01"',
        'git ls-files -z | xargs -0 wc -l',
        "find . -name '*.md' -print0 | xargs -0 grep -l TODO",
        'rm --help',
      ],
    },
  }),
  {
    id: 'fs.inline-code',
    pack: 'filesystem',
    level: 'deny',
    overridable: true,
    reason: 'runs interpreter code that deletes files or starts commands, which guard cannot check',
    alternative: 'put the code in a reviewed script file, or do it with shell commands guard can check',
    match: {program: ['python', 'python2', 'python3', 'pypy3', 'perl', 'ruby', 'node', 'nodejs', 'bun', 'deno', 'php', 'awk', 'gawk', 'mawk', 'nawk']},
    check: inlineCode,
    examples: {
      refuse: [
        "python3 -c 'import shutil; shutil.rmtree(\"/\")'",
        `python3 - ${here('import os; os.system("rm -rf ~")')}`,
        'perl -e \'system("rm -rf ~")\'',
        'awk \'BEGIN { system("rm -rf ~") }\'',
        'node -e \'require("fs").rmSync(require("os").homedir(),{recursive:true,force:true})\'',
        "ruby -e 'FileUtils.rm_rf(Dir.home)'",
        "python -c 'import subprocess; subprocess.run([\"reboot\"])'",
      ],
      allow: ["python3 -c 'print(1)'", "awk '{print $1}' access.log", "node -e 'process.stdout.write(process.version)'", "perl -ne 'print if /x/' notes.txt", 'python3 ./manage.py migrate'],
    },
  },
];
