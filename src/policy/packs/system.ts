// Whole commands that hurt a machine whatever their targets: power, killing every process,
// fork bombs, losing the crontab, firewall rules that lock the operator out, root's password.
import {type OptionSpec, type SimpleCommand, type Word, normalizeOptions} from '../../shell/index.js';
import {spelled, written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';

const say = (command: SimpleCommand, words: Word[], reason: string, word = words.at(-1)): Hit => ({
  word: written(word ?? command.argv[0]!),
  reason: `${[command.program.value, ...words.map(spelled)].join(' ')} ${reason}`,
});

const args = (command: SimpleCommand) => command.argv.slice(1);
const has = (words: Word[], ...values: string[]) => words.find((word) => word.known && values.includes(word.value));

function power(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  if (has(words, '--help', '-h', '--version') && name !== 'shutdown') return null;
  if (name === 'shutdown') {
    if (has(words, '-c', '-k', '--help')) return null;
    return say(command, words, 'shuts the machine down', command.argv[0]);
  }

  if (name === 'init' || name === 'telinit') {
    const level = words.find((word) => word.known && /^[06sS]$/.test(word.value));
    return level ? say(command, [level], level.value === '6' ? 'reboots the machine' : 'stops every service (runlevel ' + level.value + ')') : null;
  }

  if (name === 'systemctl') {
    const {operands} = normalizeOptions(words, {takesValue: ['-H', '--host', '-M', '--machine', '-t', '--type', '-p', '--property', '-s', '--signal', '--message', '--boot-loader-entry', '--boot-loader-menu', '--when']});
    const verb = operands[0];
    if (verb?.known && /^(reboot|poweroff|halt|kexec|soft-reboot|emergency|rescue)$/.test(verb.value)) return say(command, [verb], `${verb.value === 'reboot' || verb.value === 'kexec' || verb.value === 'soft-reboot' ? 'reboots' : 'stops'} the machine`);
    const target = operands[1];
    if (verb?.value === 'isolate' && target?.known && /^(reboot|poweroff|halt|rescue|emergency|runlevel[06])\.target$/.test(target.value)) return say(command, [verb, target], 'stops the machine');
    return null;
  }

  return say(command, words.slice(0, 2), name === 'reboot' ? 'reboots the machine' : 'stops the machine', command.argv[0]);
}

function killAll(command: SimpleCommand): Hit | null {
  const words = args(command);
  const first = words[0]?.value;
  if (first === '-l' || first === '-L' || first === '--list' || first === '--table') return null;
  // The signal comes first: `-s SIG`, `-n NUM`, or `-SIG` / `-NUM` itself; what follows are pids.
  const i = first === '-s' || first === '-n' || first === '--signal' ? 2 : first && first !== '--' && first.startsWith('-') && words.length > 1 ? 1 : 0;
  const pids = words.slice(i).filter((word) => word.value !== '--');
  const all = pids.find((word) => word.value === '-1');
  if (all) return say(command, words, 'signals every process the user may signal (as root: every process)', all);
  const init = pids.find((word) => word.value === '1');
  return init ? say(command, words, 'signals init (pid 1); killing it panics the kernel', init) : null;
}

function crontabRemove(command: SimpleCommand): Hit | null {
  const {flags} = normalizeOptions(args(command), {takesValue: ['-u', '-s'], long: ['help', 'version']});
  if (!flags.has('-r') || flags.has('-i')) return null;
  const word = args(command).find((arg) => arg.known && /^-[a-z]*r/.test(arg.value));
  return say(command, args(command), 'deletes the whole crontab without asking', word);
}

const iptablesSpec: OptionSpec = {
  takesValue: ['-t', '--table', '-A', '--append', '-C', '--check', '-D', '--delete', '-I', '--insert', '-R', '--replace', '-N', '--new-chain', '-E', '--rename-chain', '-j', '--jump', '-p', '--protocol', '-s', '--source', '-d', '--destination', '-i', '--in-interface', '-o', '--out-interface', '-m', '--match', '-w', '--wait', '-W', '--wait-interval', '-g', '--goto', '--dport', '--sport', '--state', '--ctstate'],
  long: ['flush', 'policy', 'list', 'delete-chain', 'zero', 'table', 'numeric', 'verbose', 'line-numbers', 'exact', 'append', 'insert', 'replace', 'check', 'new-chain', 'rename-chain', 'list-rules'],
  aliases: {'--flush': '-F', '--policy': '-P', '--list': '-L', '--delete-chain': '-X'},
};

function firewall(command: SimpleCommand): Hit | null {
  const words = args(command);
  if (command.program.value === 'nft') {
    const flush = words.findIndex((word) => word.value === 'flush');
    return flush !== -1 && words[flush + 1]?.value === 'ruleset' ? say(command, words.slice(flush, flush + 2), 'removes every firewall rule (and may lock out remote access)') : null;
  }

  if (command.program.value === 'ufw') {
    const action = words.find((word) => word.value === 'reset' || word.value === 'disable');
    return action ? say(command, [action], action.value === 'reset' ? 'removes every firewall rule' : 'turns the firewall off') : null;
  }

  const {flags} = normalizeOptions(words, iptablesSpec);
  if (flags.has('-F')) {
    const word = words.find((arg) => arg.known && ((/^-[a-zA-Z]*F/.test(arg.value) && !arg.value.startsWith('--')) || /^--fl/.test(arg.value)));
    return say(command, words, 'removes firewall rules: with a default policy of DROP, remote access is cut off at once', word);
  }

  const policyAt = words.findIndex((word) => word.value === '-P' || word.value === '--policy');
  if (policyAt !== -1) {
    const chain = words[policyAt + 1];
    const verdict = words[policyAt + 2];
    if (verdict?.known && /^(DROP|REJECT)$/i.test(verdict.value) && chain?.known && /^(INPUT|OUTPUT)$/i.test(chain.value)) return say(command, [words[policyAt]!, chain, verdict], 'drops every packet no rule accepts: remote access is cut off unless a rule lets it in');
  }

  return null;
}

function userDelete(command: SimpleCommand): Hit | null {
  const words = args(command);
  const remove = command.program.value === 'userdel' ? words.find((word) => word.known && ((/^-[a-zA-Z]*r/.test(word.value) && !word.value.startsWith('--')) || word.value === '--remove')) : words.find((word) => word.value === '--remove-home' || word.value === '--remove-all-files');
  return remove ? say(command, words, "deletes the account together with its home folder and mail", remove) : null;
}

function rootPassword(command: SimpleCommand): Hit | null {
  const {flags, operands} = normalizeOptions(args(command), {takesValue: ['-n', '-x', '-w', '-i', '-r', '--repository', '-R', '--root', '-P', '--prefix', '--mindays', '--maxdays', '--warndays', '--inactive'], aliases: {'--delete': '-d', '--status': '-S', '--lock': '-l', '--expire': '-e'}});
  if (flags.has('-S') || flags.has('--help')) return null;
  const user = operands[0];
  if (flags.has('-d')) return say(command, args(command), `empties ${user?.value ?? 'the'} password: the account logs in without one`, user);
  if (user?.value === 'root') return say(command, args(command), "changes root's password", user);
  return null;
}

const lockoutUnits = /^(ssh|sshd|openssh-server|ssh\.socket|sshd\.socket|network|networking|NetworkManager|systemd-networkd|wpa_supplicant)(\.service)?$/;

function remoteLockout(command: SimpleCommand): Hit | null {
  const words = args(command);
  if (command.program.value === 'service') {
    const [unit, action] = words;
    return unit?.known && lockoutUnits.test(unit.value) && /^(stop|disable)$/.test(action?.value ?? '') ? say(command, [unit, action!], 'stops remote access to the machine', unit) : null;
  }

  const {operands} = normalizeOptions(words, {takesValue: ['-H', '--host', '-M', '--machine', '-t', '--type', '-p', '--property', '-s', '--signal']});
  const [verb, ...units] = operands;
  if (!verb?.known || !/^(stop|disable|mask|kill)$/.test(verb.value)) return null;
  const unit = units.find((word) => word.known && lockoutUnits.test(word.value));
  return unit ? say(command, [verb, unit], 'stops remote access to the machine', unit) : null;
}

/** A function whose body calls itself at two places or more: each call forks two, without end. */
function forkBombs(commands: SimpleCommand[]): Array<{command: SimpleCommand; hit: Hit}> {
  const sites = new Map<string, {command: SimpleCommand; at: Set<string>}>();
  for (const command of commands) {
    const name = command.program.value;
    if (!name || command.via.at(-1) !== `function ${name}`) continue;
    const entry = sites.get(name) ?? {command, at: new Set<string>()};
    entry.at.add(`${command.location.file}:${command.location.line}:${command.location.column}:${command.location.site ?? ''}`);
    sites.set(name, entry);
  }

  return [...sites].filter(([, {at}]) => at.size >= 2).map(([name, {command}]) => ({command, hit: {word: name, reason: `the function ${name} calls itself twice in its own body: a fork bomb that exhausts the process table`}}));
}

export const system: BuiltinRule[] = [
  {
    id: 'system.power',
    pack: 'system',
    level: 'deny',
    reason: 'shuts down or reboots the machine',
    alternative: 'schedule it with the host owner; shutdown -c cancels a pending shutdown',
    match: {program: ['shutdown', 'reboot', 'halt', 'poweroff', 'init', 'telinit', 'systemctl']},
    check: power,
    examples: {
      refuse: ['shutdown -h now', 'shutdown -r +5', 'reboot', 'halt -p', 'poweroff', 'init 0', 'telinit 6', 'systemctl reboot', 'systemctl --no-wall poweroff', 'systemctl isolate rescue.target', 'sudo /sbin/reboot -f'],
      allow: ['shutdown -c', 'systemctl status sshd', 'systemctl restart nginx', 'init --version', 'man reboot', 'echo reboot'],
    },
  },
  {
    id: 'system.kill-all',
    pack: 'system',
    level: 'deny',
    reason: 'signals every process (pid -1) or init (pid 1)',
    alternative: 'kill the process by its pid, or pkill by name',
    match: {program: ['kill']},
    check: killAll,
    examples: {
      refuse: ['kill -9 -1', 'kill -KILL -1', 'kill -s KILL -- -1', 'kill -- -1', 'kill -9 1', 'kill -SIGTERM -1'],
      allow: ['kill -9 31337', 'kill -0 31337', 'kill -l', 'kill -1 31337', 'kill %1'],
    },
  },
  {
    id: 'system.fork-bomb',
    pack: 'system',
    level: 'deny',
    reason: 'defines a function that calls itself twice: a fork bomb',
    match: {program: []},
    checkAll: forkBombs,
    examples: {refuse: [':(){ :|:& };:', 'boom(){ boom | boom & }; boom', 'f() { f & f; }; f'], allow: ['greet(){ echo hi; }; greet', 'walk(){ [ -d "$1" ] && walk "$1/sub"; }; walk .', 'x(){ :; }; x; x']},
  },
  {
    id: 'system.crontab-remove',
    pack: 'system',
    level: 'deny',
    reason: 'deletes the whole crontab',
    alternative: 'crontab -l > crontab.bak first, then edit it with crontab -e',
    match: {program: ['crontab']},
    check: crontabRemove,
    examples: {refuse: ['crontab -r', 'crontab -r -u backup', 'crontab -u backup -r', 'sudo crontab -r'], allow: ['crontab -l', 'crontab -ri', 'crontab ./jobs.cron', 'crontab -e']},
  },
  {
    id: 'system.firewall-flush',
    pack: 'system',
    level: 'deny',
    reason: 'flushes the firewall or sets a default DROP policy, which can cut off remote access',
    alternative: 'iptables-apply, which rolls back unless confirmed; iptables -L to look',
    match: {program: ['iptables', 'ip6tables', 'iptables-legacy', 'iptables-nft', 'nft', 'ufw']},
    check: firewall,
    examples: {refuse: ['iptables -F', 'iptables --flush INPUT', 'iptables -t nat -F', 'iptables -P INPUT DROP', 'ip6tables --policy INPUT DROP', 'nft flush ruleset', 'ufw reset'], allow: ['iptables -L -n -v', 'iptables -A INPUT -p tcp --dport 22 -j ACCEPT', 'iptables -P INPUT ACCEPT', 'nft list ruleset', 'ufw status']},
  },
  {
    id: 'system.user-delete',
    pack: 'system',
    level: 'deny',
    reason: 'deletes an account together with its home folder',
    alternative: 'userdel without -r, after backing up the home folder',
    match: {program: ['userdel', 'deluser']},
    check: userDelete,
    examples: {refuse: ['userdel -r deploy', 'userdel --remove deploy', 'userdel -fr deploy', 'deluser --remove-home deploy'], allow: ['userdel deploy', 'id deploy']},
  },
  {
    id: 'system.root-password',
    pack: 'system',
    level: 'deny',
    reason: "changes root's password or empties an account's password",
    alternative: 'passwd -S to look; change passwords by hand',
    match: {program: ['passwd']},
    check: rootPassword,
    examples: {refuse: ['passwd -d root', 'passwd root', 'passwd --delete deploy', 'sudo passwd root'], allow: ['passwd -S deploy', 'passwd -S root', 'passwd deploy']},
  },
  {
    id: 'system.remote-lockout',
    pack: 'system',
    level: 'deny',
    reason: 'stops ssh or the network, which cuts off remote access',
    alternative: 'systemctl restart, or keep a console open',
    match: {program: ['systemctl', 'service']},
    check: remoteLockout,
    examples: {refuse: ['systemctl stop sshd', 'systemctl disable --now ssh', 'systemctl mask networking', 'service ssh stop', 'systemctl stop NetworkManager.service'], allow: ['systemctl status sshd', 'systemctl restart nginx', 'systemctl restart sshd', 'systemctl stop nginx', 'service ssh status']},
  },
];
