import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, readlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

// What guard refuses to do to the machine, through the built CLI: writes of any kind to
// protected paths, disks and volumes, and the system's own state. Every refusal is a
// `run --dry-run`, so nothing is ever started even if guard were wrong; the near-misses are
// `check`ed, and the ones that are harmless in a scratch folder really run.
let box: ReturnType<typeof sandbox>;
let env: Record<string, string>;
beforeEach(() => {
  box = sandbox();
  mkdirSync(join(box.dir, 'home/.ssh'), {recursive: true});
  env = {...box.env, HOME: join(box.dir, 'home'), PATH: '/usr/bin:/bin', USER: 'op'};
});
afterEach(() => box.remove());

const rows = (query: string) => {
  const text = execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}).trim();
  return text === '' ? [] : (JSON.parse(text) as Record<string, unknown>[]);
};

async function refused(command: string, rule: string, line: string) {
  const result = await guard(['run', '--dry-run', '--', 'bash', '-c', command], {cwd: box.dir, env});
  expect(result.stderr).toBe(`guard: refused by rule ${rule}: ${line}`);
  expect(result.exitCode).toBe(77);
  const [row] = rows('select status, decision, rules from runs');
  expect(row).toMatchObject({status: 'blocked', decision: 'deny'});
  expect(JSON.parse(String(row!.rules))).toContain(rule);
}

async function allowed(command: string) {
  const result = await guard(['check', '--', 'bash', '-c', command], {cwd: box.dir, env});
  expect(result.stdout.trim()).toBe('allowed');
  expect(result.exitCode).toBe(0);
}

describe('writes of any kind to protected paths', () => {
  it.each([
    ["echo '10.0.0.5 db.internal' >> /etc/hosts", 'fs.system-path', '>> /etc/hosts would write to /etc/hosts, in the system folder /etc'],
    ["echo 'deploy ALL=(ALL) NOPASSWD:ALL' | tee -a /etc/sudoers.d/deploy", 'fs.system-path', 'tee -a /etc/sudoers.d/deploy would write to /etc/sudoers.d/deploy, in the system folder /etc'],
    ["perl -pi -e 's/^#?PasswordAuthentication.*/PasswordAuthentication yes/' /etc/ssh/sshd_config", 'fs.system-path', 'perl -i /etc/ssh/sshd_config would overwrite /etc/ssh/sshd_config, in the system folder /etc'],
    ["printf 'a\\nDATA\\n.\\nw\\nq\\n' | ed -s /etc/hosts", 'fs.system-path', 'ed /etc/hosts would overwrite /etc/hosts, in the system folder /etc'],
    ['ln -s /tmp/evil.so /usr/lib/libevil.so', 'fs.system-path', 'ln -s /usr/lib/libevil.so would replace /usr/lib/libevil.so, in the system folder /usr (and 1 more: guard check explains)'],
    ['setfacl -m u:nobody:rwx /etc/ssh/sshd_config', 'fs.system-path', 'setfacl -m /etc/ssh/sshd_config would change the permissions of /etc/ssh/sshd_config, in the system folder /etc'],
    ['chattr +i /etc/ssh/sshd_config', 'fs.system-path', 'chattr /etc/ssh/sshd_config would change the permissions of /etc/ssh/sshd_config, in the system folder /etc'],
    ['tar -xzf ./release.tgz -C /', 'fs.protected-path', 'tar -x -C / would write files into the root filesystem'],
    ['tar -xf ./backup.tar -C /etc', 'fs.system-path', 'tar -x -C /etc would write files into /etc, a top-level system folder'],
    ['unzip ./tools.zip -d /usr/bin', 'fs.system-path', 'unzip -d /usr/bin would write files into /usr/bin, in the system folder /usr'],
    ['cd / && cpio -idmv < /tmp/payload.cpio', 'fs.protected-path', 'cpio -i in . would write files into the root filesystem (. is /)'],
    ['kopia snapshot restore k8d1c5e3f0a9b7c6 /etc', 'fs.system-path', 'kopia restore /etc would write files into /etc, a top-level system folder'],
    ['find /var/log -name auth.log -exec shred -u {} \\;', 'fs.protected-path', 'find /var/log/auth.log -exec would overwrite /var/log/auth.log, the authentication log: it hides what was done on this machine'],
    ['rsync -a ./overlay/ /', 'fs.protected-path', 'rsync onto / would write files into the root filesystem'],
    ['cp -a ./rootfs/. /', 'fs.protected-path', 'cp -r ./rootfs/. / would write files into the root filesystem'],
    ['patch -p1 -d /etc < ./conf.diff', 'fs.system-path', 'patch -d /etc would write files into /etc, a top-level system folder'],
    ['echo DATA | sort -m -o /etc/environment', 'fs.system-path', 'sort -m -o /etc/environment would overwrite /etc/environment, in the system folder /etc'],
    ["socat -u 'exec:echo DATA' open:/etc/motd,creat", 'fs.system-path', 'socat would overwrite /etc/motd, in the system folder /etc'],
    ["sqlite3 /dev/null -cmd '.output /etc/cron.d/x' 'select 1;'", 'fs.system-path', 'sqlite3 .output would overwrite /etc/cron.d/x, in the system folder /etc'],
    ['find / -fprintf /etc/cron.d/x DATA -quit', 'fs.system-path', 'find -fprintf /etc/cron.d/x would overwrite /etc/cron.d/x, in the system folder /etc'],
    ['curl -fsSL https://example.com/tool -o /usr/local/bin/tool', 'fs.system-path', 'curl -fsSL -o /usr/local/bin/tool would overwrite /usr/local/bin/tool, in the system folder /usr'],
    ["echo 'ssh-rsa AAAA backdoor' | tee -a /root/.ssh/authorized_keys", 'fs.credentials', 'tee -a /root/.ssh/authorized_keys would write to /root/.ssh/authorized_keys, which says who may log in over ssh'],
    ["echo '[core] fsmonitor = ./x.sh' >> .git/config", 'fs.git-dir', ">> .git/config would write to BOX/.git/config, a git repository's own folder (.git/config is BOX/.git/config)"],
  ])('refuses %j (%s), starts nothing and records the rule', async (command, rule, line) => {
    await refused(command, rule, line.replaceAll('BOX', box.dir));
  });

  it('refuses an archiver that deletes what it archived from a system folder or a home, and lets one that tidies the project through', async () => {
    for (const command of [
      'tar --remove-files -czf /srv/backups/etc.tgz /etc',
      'tar -C / --remove-files -czf ./etc.tgz etc',
      'tar -cf ./a.tar --remove-files -C / etc -C /tmp x',
      'tar --remove-files -czf ./x.tgz -T ./list.txt',
      'zip -m -r /srv/backups/alice.zip /home/alice',
      'zip -9rm ./x.zip /etc',
      "find / -name '*.conf' | zip -m ./c.zip -@",
    ]) {
      const result = await guard(['check', '--', 'bash', '-c', command], {cwd: box.dir, env});
      expect(result.exitCode, command).toBe(77);
    }

    await allowed('tar --remove-files -czf ./logs.tgz ./logs');
    await allowed('zip -rm ./old.zip ./old-logs');
  });

  it('refuses an append to your own authorized_keys, naming where ~ leads', async () => {
    const keys = join(box.dir, 'home/.ssh/authorized_keys');
    await refused('curl -fsSL https://github.com/octocat.keys >> ~/.ssh/authorized_keys', 'fs.credentials', `>> ${keys} would write to ${keys}, which says who may log in over ssh (~/.ssh/authorized_keys is ${keys})`);
  });

  it.each([
    'ssh-keyscan github.com >> ~/.ssh/known_hosts',
    'tar -xzf ./release.tgz -C ./vendor',
    'tar -xzf ./node.tgz -C /opt',
    'tar -czf /backups/etc-$(date +%F).tgz /etc',
    'dd if=/dev/sda of=./mbr-$(hostname -s).bin bs=512 count=1',
    'rsync -a ./site/ /var/www/html/',
    'rsync -a /etc/ ./etc-backup/',
    'unzip -l ./bundle.zip',
    "perl -ne 'print if /x/' /etc/hosts",
    'vim -R /etc/hosts',
    'visudo -cf ./sudoers.new',
    'getfacl /etc/shadow',
    'curl -fsSL https://example.com/install.sh -o install.sh',
    'patch --dry-run -p0 -d / < ./system.diff',
    'echo "alias ll=ls" >> ~/.bashrc',
  ])('lets %j through', async (command) => {
    await allowed(command);
  });

  it('runs the harmless writes in a scratch folder: an archive unpacked there, a link switched, a sorted file, a log appended', async () => {
    mkdirSync(join(box.dir, 'src'));
    writeFileSync(join(box.dir, 'src/a.txt'), 'b\na\n');
    execFileSync('tar', ['-cf', join(box.dir, 'a.tar'), '-C', join(box.dir, 'src'), 'a.txt']);
    mkdirSync(join(box.dir, 'out'));
    const script = 'tar -xf ./a.tar -C ./out && sort -o ./sorted.txt ./out/a.txt && ln -sfn ./out ./current && echo done >> ./run.log';
    const result = await guard(['run', '--', 'bash', '-c', script], {cwd: box.dir, env});
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(box.dir, 'sorted.txt'), 'utf8')).toBe('a\nb\n');
    expect(readlinkSync(join(box.dir, 'current'))).toBe('./out');
    expect(readFileSync(join(box.dir, 'run.log'), 'utf8')).toBe('done\n');
    expect(rows('select status, rules from runs')).toEqual([{status: 'succeeded', rules: '[]'}]);
  });
});

describe('disks and volumes', () => {
  it.each([
    ['fdisk /dev/sdb', 'devices.partition', 'fdisk /dev/sdb would rewrite the partition table of /dev/sdb, a block device'],
    ['sfdisk /dev/sdb < ./layout.sfdisk', 'devices.partition', 'sfdisk /dev/sdb would rewrite the partition table of /dev/sdb, a block device'],
    ['sgdisk -R /dev/sdb /dev/sda', 'devices.partition', 'sgdisk -R /dev/sdb would rewrite the partition table of /dev/sdb, a block device'],
    ['parted -s /dev/sdb mklabel gpt', 'devices.partition', 'parted /dev/sdb would rewrite the partition table of /dev/sdb, a block device'],
    ['cryptsetup -q luksFormat --type luks2 /dev/nvme0n1p3 ./keyfile', 'devices.format', 'cryptsetup luksFormat /dev/nvme0n1p3 would erase /dev/nvme0n1p3, a block device'],
    ['mdadm --zero-superblock /dev/sdb1', 'devices.format', 'mdadm --zero-superblock /dev/sdb1 would erase /dev/sdb1, a block device'],
    ['badblocks -wsv /dev/sdc', 'devices.format', 'badblocks -w /dev/sdc would erase /dev/sdc, a block device'],
    ['hdparm --user-master u --security-erase p /dev/sda', 'devices.format', 'hdparm --security-erase /dev/sda would erase /dev/sda, a block device'],
    ['nvme format -s1 /dev/nvme0n1', 'devices.format', 'nvme format /dev/nvme0n1 would erase /dev/nvme0n1, a block device'],
    ['pvremove -ff /dev/sdb', 'devices.format', 'pvremove /dev/sdb would erase /dev/sdb, a block device'],
    ['zpool create tank mirror sdb sdc', 'devices.format', 'zpool create sdb would format /dev/sdb, a block device (and 1 more: guard check explains)'],
    ['dd if=./disk.img of=/dev/vg0/root', 'devices.write', 'dd of=/dev/vg0/root would overwrite /dev/vg0/root, a block device'],
    ['zpool destroy -f tank', 'devices.volume', 'zpool destroy -f tank destroys the pool and every dataset in it'],
    ['zfs destroy -r tank/data', 'devices.volume', 'zfs destroy -r tank/data destroys the dataset and its data'],
    ['lvremove -y /dev/vg0/root', 'devices.volume', 'lvremove -y /dev/vg0/root deletes the logical volume and the data on it'],
  ])('refuses %j (%s), starts nothing and records the rule', async (command, rule, line) => {
    await refused(command, rule, line);
  });

  it.each(['fdisk -l /dev/sda', 'sfdisk -d /dev/sda > ./sda.layout', 'sgdisk -p /dev/sda', 'parted /dev/sda print', 'mke2fs -n /dev/sdb1', 'badblocks -sv /dev/sdb', 'cryptsetup status cryptroot', 'mkfs.ext4 -F ./rootfs.img', 'parted -s ./disk.img mklabel gpt', 'zfs destroy tank/data@2024-01-01', 'lvremove --test vg0/data'])('lets %j through', async (command) => {
    await allowed(command);
  });
});

describe('configuration management across a fleet', () => {
  it.each([
    ['ansible all -b -m reboot', 'system.power', 'on all: reboot reboots the machine'],
    ["ansible storage -b -m filesystem -a 'dev=/dev/sdb fstype=xfs force=yes'", 'devices.format', 'on storage: mkfs.xfs /dev/sdb would format /dev/sdb, a block device'],
    ["ansible storage -b -m community.general.parted -a 'device=/dev/sdc number=1 state=absent'", 'devices.partition', 'on storage: parted /dev/sdc would rewrite the partition table of /dev/sdc, a block device'],
    ["ansible all -b -m user -a 'name=contractor1 groups=sudo append=yes'", 'system.accounts', 'on all: usermod -aG sudo contractor1 changes the groups (and the rights) of contractor1'],
    ["ansible db -b -m community.postgresql.postgresql_db -a 'name=reporting state=absent'", 'db.dropdb', 'on db: dropdb reporting deletes the database and everything in it'],
    ["salt 'db*' disk.wipe /dev/sdb", 'devices.format', 'on db*: wipefs /dev/sdb would erase /dev/sdb, a block device'],
    ["salt 'db*' disk.format /dev/sdb fs_type=xfs", 'devices.format', 'on db*: mkfs.xfs /dev/sdb would format /dev/sdb, a block device'],
    ["knife ssh 'role:web' 'sudo rm -rf /var/www' -x deploy", 'fs.protected-path', 'on the nodes of role:web: rm -rf /var/www would delete /var/www, directly in /var'],
    ['cloud-init clean --logs --reboot', 'system.power', 'cloud-init clean --reboot reboots the machine once cloud-init has cleaned its state'],
  ])('refuses %j (%s), starts nothing and records the rule', async (command, rule, line) => {
    await refused(command, rule, line);
  });

  // A filesystem module without force formats only a blank device; --noop runs no resource.
  it.each(["ansible storage -b -m filesystem -a 'dev=/dev/sdb fstype=xfs'", `puppet apply --noop -e 'exec { "wipe": command => "/bin/rm -rf /etc/nginx" }'`, 'knife node list', "salt '*' disk.usage", 'cloud-init clean --logs'])('lets %j through', async (command) => {
    await allowed(command);
  });
});

describe('the system state', () => {
  it.each([
    ["(crontab -l 2>/dev/null; echo '0 3 * * * /usr/local/bin/backup.sh') | crontab -", 'system.crontab-replace', 'crontab - replaces the whole crontab with whatever it reads on its input'],
    ['crontab ./new.cron', 'system.crontab-replace', 'crontab ./new.cron replaces the whole crontab with ./new.cron: every entry not in it is gone'],
    ["echo '* * * * * /tmp/x' >> /var/spool/cron/crontabs/root", 'system.crontab-replace', '>> /var/spool/cron/crontabs/root would write to /var/spool/cron/crontabs/root, in the spool where crontabs and at jobs are kept'],
    ['killall5 -9', 'system.kill-all', 'killall5 -9 signals every process outside its own session: everything on the machine stops'],
    ['pkill -9 -f .', 'system.kill-all', 'pkill -9 -f . signals every process: the pattern . matches them all'],
    ['pkill -u root', 'system.kill-all', 'pkill -u root signals every process of root'],
    ['killall -9 sshd', 'system.kill-all', 'killall -9 sshd signals the processes remote access and the machine run on (sshd matches sshd, systemd or init): the operator is locked out'],
    ['ip link set dev ens5 down', 'system.network-down', 'ip link set dev ens5 down takes the interface down: the network through it, ssh sessions included, is cut off'],
    ['ip route del default', 'system.network-down', 'ip route del default removes the default route: every host off the local network is out of reach'],
    ['nmcli networking off', 'system.network-down', 'nmcli networking off turns all networking off: every connection, ssh included, is cut off'],
    ['iptables -A INPUT -j DROP', 'system.firewall-flush', 'iptables -A INPUT -j DROP drops traffic ssh needs: nothing in the rule keeps remote access out of it'],
    ['firewall-cmd --panic-on', 'system.firewall-flush', 'firewall-cmd --panic-on drops every packet, in and out: remote access is cut off at once'],
    ["echo 'root:hunter2' | chpasswd", 'system.accounts', 'chpasswd sets passwords (or accounts) from what it reads: whoever writes its input chooses them'],
    ['usermod -L deploy', 'system.accounts', 'usermod -L deploy locks deploy'],
    ['groupdel sudo', 'system.accounts', 'groupdel sudo deletes the group: its members lose what it let them do (sudo, wheel: administration)'],
    ['rc-service sshd stop', 'system.remote-lockout', 'rc-service sshd stop stops remote access to the machine'],
    ['echo b > /proc/sysrq-trigger', 'system.kernel-control', '> /proc/sysrq-trigger would overwrite /proc/sysrq-trigger, the magic SysRq trigger (reboot, crash or kill every process at once)'],
    ['systemctl suspend', 'system.power', 'systemctl suspend puts the machine to sleep: it stops answering'],
  ])('refuses %j (%s), starts nothing and records the rule', async (command, rule, line) => {
    await refused(command, rule, line);
  });

  it.each(['crontab -l', 'crontab -l > ./crontab.bak', 'pkill -HUP sshd', 'pkill -f "python3 worker.py"', 'ip link set eth0 up', 'ip route flush cache', 'iptables -A INPUT -s 203.0.113.7 -j DROP', 'ufw allow ssh', 'passwd -S deploy', 'chage -l deploy', 'systemctl restart sshd', 'echo 3 > /proc/sys/vm/drop_caches'])('lets %j through', async (command) => {
    await allowed(command);
  });

  it('lets the user policy lower the account rule for a provisioning job, while passwd -d root stays refused', async () => {
    mkdirSync(join(box.dir, 'config/guard'), {recursive: true});
    writeFileSync(join(box.dir, 'config/guard/policy.yaml'), 'rules:\n  - id: system.accounts\n    level: warn\n    reason: this job provisions the accounts\n', {mode: 0o600});
    const lowered = await guard(['check', '--', 'bash', '-c', 'usermod -aG docker deploy'], {cwd: box.dir, env});
    // The lowering layer's own reason is the one said.
    expect(lowered.stdout).toContain('warn system.accounts: usermod -aG: this job provisions the accounts');
    expect(lowered.exitCode).toBe(0);
    const kept = await guard(['check', '--', 'bash', '-c', 'passwd -d root'], {cwd: box.dir, env});
    expect(kept.stderr).toBe('guard: refused by rule system.root-password: passwd -d root empties the password of root, so the account logs in without one');
    expect(kept.exitCode).toBe(77);
  });

  it('does not let a project policy lower the account rule', async () => {
    writeFileSync(join(box.dir, 'project.yaml'), 'rules:\n  - id: system.accounts\n    level: off\n    reason: the repository says so\n', {mode: 0o600});
    const result = await guard(['check', '--policy', join(box.dir, 'project.yaml'), '--', 'bash', '-c', 'usermod -aG docker deploy'], {cwd: box.dir, env});
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toMatch(/^guard: .*project\.yaml: rules\[0\]\.level: /);
  });
});
