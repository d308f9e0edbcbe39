// Deleting, overwriting, writing into and re-permissioning what the contract protects. The path
// rules fire from path protection (src/policy/protection.ts) for every program that names a path
// it writes (src/policy/destructive.ts and the modules beside it); the examples show each class.
import type {SimpleCommand} from '../../shell/index.js';
import {normalizeOptions} from '../../shell/index.js';
import {phrase, written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';

const destructive = [
  'sed', 'rm', 'rmdir', 'unlink', 'find', 'rsync', 'shred', 'mv', 'cp', 'install', 'tee', 'dd', 'truncate', 'chmod', 'chown', 'chgrp', 'setfacl', 'chattr', 'setcap', 'chcon', 'ln', 'link',
  'tar', 'unzip', 'cpio', '7z', 'patch', 'perl', 'ruby', 'ed', 'ex', 'vim', 'sort', 'shuf', 'uniq', 'iconv', 'xxd', 'curl', 'wget', 'openssl', 'sponge', 'socat', 'sqlite3', 'make', 'gzip',
];

// Object.assign, not a spread: a spread would call the examples getter (examples load only when asked for).
const byPath = (rule: Omit<BuiltinRule, 'pack' | 'match' | 'firedBy'>): BuiltinRule => Object.assign(rule, {pack: 'filesystem' as const, match: {program: destructive}, firedBy: 'paths' as const});

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
    get examples() {
      return {
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
      };
    },
  }),
  byPath({
    id: 'fs.rm-home',
    level: 'deny',
    reason: 'deletes the home folder or everything in it',
    alternative: 'delete a named folder inside it',
    get examples() {
      return {
        refuse: ['rm -fr ~', 'rm -rf ~/', 'rm -rf $HOME', 'rm -rf "${HOME}"/*', 'cd ~ && rm -rf *', 'command rm -rf ~', 'env -i PATH=/usr/bin rm -rf ~', 'nohup rm -rf ~ &', 'eval "rm -rf ~"', 'X=rm; $X -rf ~', 'rsync -a --delete /tmp/empty/ ~/', 'find ~ -type f -exec rm -f {} +', 'bash <<\'EOF\'\nrm -rf ~\nEOF', "sh <<< 'rm -rf ~'", "echo 'rm -rf ~' | sh", 'cat <(rm -rf ~)', 'x=$(rm -rf ~)', 'cleanup(){ rm -rf ~; }; cleanup', 'mv ~ /tmp/old-home', 'find ~ -type f -exec shred {} \\;', 'find "$HOME" -type f -exec truncate -s 0 {} +'],
        allow: ['rm -rf "~"', 'rm ~/notes.txt', "printf '%s\\n' 'rm -rf ~'", `cat ${here('$(rm -rf ~)')} > notes.md`, 'chmod 700 ~'],
      };
    },
  }),
  byPath({
    id: 'fs.rm-home-child',
    level: 'deny',
    overridable: true,
    reason: 'deletes a folder directly in the home folder, recursively or by a glob',
    alternative: 'delete a path further down, or allow it in the policy (paths.allow)',
    get examples() {
      return {
        refuse: ['rm -r ~/Desktop', 'rm ~/*.txt', "watch -n 60 'rm -rf ~/Documents'", 'rm -rf ~/.cache', 'rm -f ~/*.md'],
        allow: ['rm -r ~/Desktop/photos', 'rm -f ~/Downloads/*.md', 'rm ~/notes.txt', 'rm -rf /tmp/x'],
      };
    },
  }),
  byPath({
    id: 'fs.credentials',
    level: 'deny',
    overridable: true,
    reason: 'touches ~/.ssh, ~/.gnupg, ~/.aws or ~/.kube',
    alternative: 'change credentials by hand, or allow the path in the policy (paths.allow)',
    get examples() {
      return {
        refuse: [
          'rm -rf ~/.ssh',
          'rm ~/.ssh/id_ed25519',
          'echo key > ~/.ssh/authorized_keys',
          'echo key >> ~/.ssh/authorized_keys',
          'curl -fsSL https://github.com/octocat.keys >> ~/.ssh/authorized_keys',
          "echo 'ssh-rsa AAAAB3NzaC1yc2E backdoor' | tee -a /root/.ssh/authorized_keys",
          'cat ./key.pub >> /home/deploy/.ssh/authorized_keys',
          'echo key >> /srv/git/.ssh/authorized_keys',
          'cp ./authorized_keys /etc/ssh/authorized_keys/deploy',
          'cp ./id_rsa /root/.ssh/id_rsa',
          'ln -sf /dev/null ~/.ssh/authorized_keys',
          'rm /home/deploy/.ssh/authorized_keys',
          'tar -xzf ./keys.tgz -C ~/.ssh',
          'chmod 644 ~/.ssh/id_ed25519',
          'setfacl -m u:nobody:r ~/.ssh/id_ed25519',
          'cp ./config ~/.kube/config',
          'chown -R nobody ~/.gnupg',
          'shred -u ~/.aws/credentials',
          'echo "[default]" >> /root/.aws/credentials',
          'ssh-keyscan github.com > ~/.ssh/known_hosts',
        ],
        allow: [
          'chmod 600 ~/.ssh/id_ed25519',
          'chmod go-rwx ~/.ssh/id_ed25519',
          'chmod 600 /home/deploy/.ssh/authorized_keys',
          'cat ~/.ssh/id_ed25519.pub',
          'cat /root/.ssh/authorized_keys',
          'cp ~/.kube/config ./kubeconfig.bak',
          'ssh-keyscan github.com >> ~/.ssh/known_hosts',
          'ssh-keyscan -H gitlab.example.com >> /root/.ssh/known_hosts',
          'echo "alias ll=\'ls -l\'" >> ~/.bashrc',
          'tar -xzf ./dotfiles.tgz -C ~',
          'ls -la ~/.ssh',
        ],
      };
    },
  }),
  byPath({
    id: 'fs.protected-path',
    level: 'deny',
    reason: 'touches a top-level system folder, or what is directly in one',
    alternative: 'name a path further down',
    get examples() {
      return {
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
          'tar -xzf ./release.tgz -C /',
          'tar -C / -xf ./overlay.tar',
          'tar xzf ./backup.tgz --directory=/',
          'tar -xPf ./backup.tar',
          'tar Pxf ./x.tar --xform s@.*@/etc/cron.d/x@',
          'cd / && tar -xzf /tmp/backup.tgz',
          'cd / && unzip -o /tmp/bundle.zip',
          'cd / && cpio -idmv < /tmp/payload.cpio',
          'bsdtar -xf ./image.tar -C /',
          '7z x ./bundle.7z -o/',
          'rsync -a ./overlay/ /',
          'rsync -av --exclude .git ./rootfs/ /',
          'cp -a ./rootfs/. /',
          'cp -rf ./overlay/* /',
          'tar -xf ./state.tar -C /var',
          'rsync -a ./homes/ /home/',
          'cd /root && tar -xzf /tmp/dotfiles.tgz',
          'git apply --unsafe-paths --directory=/ ./x.patch',
          'patch -p0 -d / < ./system.diff',
          'find / -type f -exec truncate -s 0 {} +',
          'find /var -type f -exec shred -u {} +',
          'setfacl -m u:nobody:rwx /etc/shadow',
          'setfacl -R -m o::rwx /usr/local',
          'chattr +i /etc/resolv.conf',
          'gzip /etc/passwd',
        ],
        allow: [
          'rm -rf /tmp/guard-test.1234',
          'rm -rf /tmp/ci-cache-4821',
          'rm -rf "$TMPDIR/guard-test"',
          'rmdir /tmp/empty-dir',
          'rm -rf /var/log/app/old',
          'find /var/log -name "*.gz" -mtime +30 -delete',
          'ls -la /dev/sda',
          'cp x /tmp',
          'echo 1 > /proc/sys/vm/drop_caches',
          'echo hi > /opt/app/motd',
          'rm -rf /srv/app/releases/1',
          'tar -xzf ./release.tgz -C ./vendor',
          'tar -xzf ./release.tgz -C /opt/app/releases/42',
          'tar -xzf ./node.tgz -C /opt',
          'rsync -a /data/ /mnt/',
          'unzip ./site.zip -d /srv',
          'tar -xzf ./backup.tgz -C /home/deploy',
          'tar -xf ./cache.tar -C /tmp',
          'tar -tzf ./release.tgz',
          'tar -xzf ./release.tgz -O | wc -c',
          'unzip -l ./bundle.zip',
          'unzip -o ./bundle.zip -d ./build',
          'rsync -a ./site/ /var/www/html/',
          'rsync -a ./site/ /srv/www/',
          'rsync -a ./x/ backup-host:/',
          'rsync -n -a ./overlay/ /',
          'cp -a ./site/. ./public/',
          'cpio -it < ./payload.cpio',
          'patch -p1 < ./fix.diff',
          'patch --dry-run -p0 -d / < ./system.diff',
        ],
      };
    },
  }),
  byPath({
    id: 'fs.system-path',
    level: 'deny',
    overridable: true,
    reason: 'deletes, overwrites or re-permissions something inside /etc, /usr, /boot, /bin, /sbin or /lib*',
    alternative: 'change system files through the package manager or configuration management, or allow the path in the policy (paths.allow)',
    get examples() {
      return {
        refuse: [
          'truncate -s 0 /etc/passwd',
          ': > /etc/hosts',
          '> /etc/resolv.conf',
          'echo "nameserver 1.1.1.1" > /etc/resolv.conf',
          'echo "1.2.3.4 db" >> /etc/hosts',
          "echo 'deploy ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers",
          'tee -a /etc/fstab < ./fstab.line',
          'cp /dev/null /etc/fstab',
          'rm -rf /usr/local/bin',
          'install -m 755 tool /usr/local/bin/tool',
          'cat <<EOF > /etc/passwd\nroot::0:0::/root:/bin/sh\nEOF',
          'tee /etc/sudoers.d/x < f',
          'rm -f /lib/x86_64-linux-gnu/libc.so.6',
          "sed -i 's/^root:x/root:/' /etc/passwd",
          'sed -i.bak -e s/a/b/ ./x /etc/ssh/sshd_config',
          "perl -pi -e 's/^#?PasswordAuthentication.*/PasswordAuthentication yes/' /etc/ssh/sshd_config",
          "perl -i.bak -pe 's/a/b/' /etc/hosts",
          "perl -0777 -pi -e 's/a/b/' /etc/hosts",
          "ruby -pi -e 'gsub(/a/, %q(b))' /etc/hosts",
          "printf 'a\\nDATA\\n.\\nw\\nq\\n' | ed -s /etc/hosts",
          "ex -sc '%s/a/b/|x' /etc/hosts",
          "vim -es -c '%s/a/b/' -c wq /etc/fstab",
          "EDITOR='tee -a' visudo < ./rule",
          'visudo -f /etc/sudoers.d/deploy',
          'vipw -s',
          'chmod 777 /etc/ssh/sshd_config',
          'setfacl -m u:nobody:rwx /etc/ssh/sshd_config',
          'chattr +i /etc/ssh/sshd_config',
          'setcap cap_setuid+ep /usr/bin/python3',
          'chcon -t bin_t /etc/ssh/ssh_host_ed25519_key',
          'cp ./tool /bin/',
          'cp -r ./config /etc/',
          'ln -sf ./my-resolv.conf /etc/resolv.conf',
          'ln -s /tmp/evil.so /usr/lib/libevil.so',
          'ln -sf /tmp/x -t /usr/local/bin',
          'tar -xf ./backup.tar -C /etc',
          'tar -C /usr/local -xzf ./go.tar.gz',
          'cd /etc && tar xzf /tmp/conf.tgz',
          'unzip ./tools.zip -d /usr/bin',
          'unzip -o ./tools.zip -d/usr/local/bin',
          'cpio -i -D /etc < ./conf.cpio',
          'rsync -av ./etc/ /etc/',
          'rsync -a ./hosts /etc/hosts',
          'patch /etc/ssh/sshd_config < ./harden.diff',
          'patch -p1 -d /etc < ./conf.diff',
          'git apply --unsafe-paths --directory=/etc ./conf.patch',
          "find / -fprintf /etc/cron.d/x 'DATA' -quit",
          "make -s --eval='$(file >/etc/profile.d/x.sh,DATA)' .",
          'echo DATA | sort -m -o /etc/environment',
          'shuf -e DATA -o /etc/ld.so.preload',
          "sqlite3 /dev/null -cmd '.output /etc/cron.d/x' 'select 1;'",
          'echo DATA | xxd | xxd -r - /etc/issue',
          "socat -u 'exec:echo DATA' open:/etc/motd,creat",
          'iconv -f utf-8 -t utf-8 -o /etc/hosts ./hosts.new',
          'uniq ./hosts.new /etc/hosts',
          'dos2unix -n ./hosts.new /etc/hosts',
          'dos2unix /etc/hosts',
          'sponge /etc/hosts < ./hosts.new',
          'split -b 1k ./payload /etc/cron.d/x',
          "csplit -z -f /etc/cron.d/ -b '%dx' ./in 1",
          'curl -fsSL https://example.com/tool -o /usr/local/bin/tool',
          'curl -sO --output-dir /etc/cron.d https://example.com/job',
          'wget -qO /etc/apt/sources.list.d/x.list https://example.com/x.list',
          'openssl enc -d -in ./x.enc -out /etc/x.conf',
          'gpg --output /etc/x.conf --decrypt ./x.gpg',
          'update-alternatives --install /usr/bin/python python /usr/bin/python3 1',
          'docker cp web:/etc/passwd /etc/passwd',
          'kubectl cp default/web:/etc/hosts /etc/hosts',
          'gzip /etc/ssh/sshd_config',
          'exiftool -filename=/etc/cron.d/x ./x.jpg',
          "sed -n '1s/.*/DATA/w /etc/cron.d/x' /etc/hosts",
          "sed -n '$w /etc/profile.d/x.sh' ./payload",
          "vim -R -c 'w! /etc/hosts' -c q ./hosts.new",
          'rename s/conf/bak/ /etc/nginx/nginx.conf',
          'fallocate --punch-hole -o 0 -l 1M /etc/fstab',
          'logrotate -s /etc/passwd ./x.conf',
          'history -w /etc/profile.d/x.sh',
          'strace -o /etc/ld.so.preload true',
          'ltrace -o /etc/cron.d/x true',
          "script -q -c 'echo DATA' /etc/cron.d/x",
          'screen -L -Logfile /etc/profile.d/x.sh echo DATA',
          'rlwrap -l /etc/cron.d/x echo DATA',
          'logsave /etc/cron.d/x echo DATA',
          "gdb -nx -ex 'dump value /etc/cron.d/x \"DATA\"' -ex quit",
          "puppet apply -e 'file { \"/etc/cron.d/x\": content => \"DATA\" }'",
          'tsc ./x.ts --outFile /usr/local/lib/x.js',
          'nmap -oN /etc/motd 127.0.0.1',
          'gcc -o /usr/local/bin/x ./x.c',
          'echo data > /etc/cron.d/job-$(date +%s)',
        ],
        allow: [
          'cat /etc/hosts',
          'cp /etc/hosts ./hosts.backup',
          'ls -la /usr/local/bin',
          'echo "nameserver 1.1.1.1" > ./resolv.conf.new',
          'truncate -s 0 ./logs/app.log',
          "sed 's/a/b/' /etc/hosts",
          "sed -i 's/a/b/' ./config.ini",
          "sed -n '/root/p' /etc/passwd",
          "perl -ne 'print if /x/' /etc/hosts",
          "perl -pe 's/a/b/' /etc/hosts > ./hosts",
          "perl -pi -e 's/a/b/' ./config.ini",
          'vim -R /etc/hosts',
          'view /etc/fstab',
          'nano -v /etc/hosts',
          'visudo -cf ./sudoers.new',
          'getfacl /etc/shadow',
          'lsattr /etc/resolv.conf',
          'getcap /usr/bin/ping',
          'setfacl -m u:deploy:rwx ./logs',
          'chattr -R +i ./archive',
          'ln -sfn ./releases/v2 ./current',
          'ln -s /usr/bin/python3 ./bin/python',
          'tar -czf /backups/etc-$(date +%F).tgz /etc',
          'tar -tzf ./release.tgz',
          'rsync -a /etc/ ./etc-backup/',
          'rsync -a ./x/ host:/etc/',
          'find /etc -name "*.conf" -fprint ./confs.txt',
          'sort -o ./sorted.txt /etc/passwd',
          'sort /etc/passwd -o ./passwd.sorted',
          'shuf -o ./sample.txt -n 10 ./list',
          'uniq /etc/hosts',
          'xxd /etc/issue',
          'xxd -r ./dump.hex ./restored.bin',
          'iconv -f latin1 -t utf-8 /etc/motd',
          "sqlite3 ./app.db '.output ./dump.sql' '.dump'",
          'socat - TCP:example.com:80',
          'socat -u TCP-LISTEN:9000 OPEN:./received.bin,creat',
          'curl -fsSL https://example.com/install.sh -o install.sh',
          'curl -o /dev/null -s -w "%{http_code}" https://example.com',
          'wget -qO- https://example.com/x.sh',
          'openssl req -new -key ./x.key -out ./x.csr',
          'docker cp ./nginx.conf web:/etc/nginx/nginx.conf',
          'gzip -c /etc/hosts > ./hosts.gz',
          'gzip -k ./dump.sql',
          'dos2unix ./script.sh',
          'gcc -o ./build/x ./x.c',
          'make -C /etc/ssl',
          'update-alternatives --display editor',
          "sed -n '/warning/p' /etc/hosts",
          "sed 's/a/b/w ./changes.txt' /etc/hosts",
          'rename -n s/a/b/ /etc/hosts',
          'fallocate -l 1G ./swapfile',
          'strace -o ./trace.log -f ./app',
          'script -q -c make ./build.log',
          'gdb -batch -ex bt ./core ./app',
        ],
      };
    },
  }),
  byPath({
    id: 'fs.git-dir',
    level: 'deny',
    overridable: true,
    reason: "deletes or overwrites a git repository's own folder (.git)",
    alternative: 'use git itself (git gc, git worktree remove), or allow the path in the policy (paths.allow)',
    get examples() {
      return {
        refuse: [
          'rm -rf ./.git',
          'rm -rf .git/',
          'rm -rf .*',
          'echo x > .git/HEAD',
          'rm -rf .git/hooks',
          'find .git -delete',
          'rm -rf /srv/app/.git',
          "echo '*.log' >> .git/info/exclude",
          "printf '[core]\\n\\tfsmonitor = ./x.sh\\n' >> .git/config",
          'cp ./hook.sh .git/hooks/pre-commit',
          'ln -sf ../../x.sh .git/hooks/post-checkout',
          'tar -xf ./hooks.tar -C .git/hooks',
        ],
        allow: ['rm -rf ./build', 'rm -rf *', 'git status', 'cat .git/config', 'rm -f ./app.log', 'rm -rf build/ dist/ node_modules/', 'rm -rf ./{dist,coverage}', 'rm -rf -- ./-odd-name', 'git config core.hooksPath .githooks'],
      };
    },
  }),
  byPath({
    id: 'fs.unknown-target',
    level: 'deny',
    overridable: true,
    reason: 'deletes or overwrites a path guard cannot know before it runs',
    alternative: 'name the path in the command, or set the variable in the environment guard runs with',
    get examples() {
      return {
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
          'cp a.txt "`cat dest.txt`"',
          'chmod -R 777 "$(pwd)"',
          'parallel rm -rf',
          'tar -xf ./x.tar -C "$(cat dir.txt)"',
          'sort -o "$(cat out.txt)" ./in',
          'curl -fsSL https://example.com/x -o "$(cat name)"',
          'echo x > /backups/$(cat name)',
          'echo x > /backups/$(date +%D)',
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
          'tar -czf /backups/etc-$(date +%F).tgz /etc',
          'pg_dump app | gzip > /var/backups/postgres/app-$(date +%F).sql.gz',
          'cp ./report.csv "/srv/reports/report-$(hostname -s)-$(date +%Y%m%d).csv"',
          'curl -fsS -o /var/backups/site-`date +%F`.html https://example.com',
        ],
      };
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
