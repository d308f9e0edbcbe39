// The system pack's network rules: what cuts the operator off from the machine. An interface
// or the default route taken down, a firewall flushed, turned off or told to drop what ssh
// needs, sshd or the network service stopped. Each is one command a careful operator would
// not run from a script on a machine they reach over the network.
import {posix} from 'node:path';
import {type OptionSpec, type SimpleCommand, type Word, knownText, normalizeOptions} from '../../shell/index.js';
import type {BuiltinRule, EvaluationContext, Hit} from '../types.js';
import {args, asking, fileText, has, lethal, say} from './hits.js';
import {privatePort, privatePorts, privateServices} from './private-ports.js';

/** `ip l s`, `ip a f`, `ip r d`: ip takes any prefix of an object or a verb. */
const prefixOf = (word: Word | undefined, full: string, shortest = 1) => word?.known === true && word.value.length >= shortest && full.startsWith(word.value);
const ipGlobalValues = new Set(['-f', '-family', '-l', '-loops', '-rc', '-rcvbuf', '-b', '-batch']);

/** ip link set DEV down, ip addr flush/del, ip route del default, ip route flush (not `cache`), ip rule flush. */
// What changes the network namespace it runs in, not a daemon's or the host's: what `unshare -n` contains.
const namespaced = /^(?:ip|ifconfig|route|tc|nft|ebtables|ip6?tables(?:-legacy|-nft)?(?:-restore)?|ipvsadm)$/;

// Links a runtime makes and leaves behind: veth pairs, taps, CNI and overlay devices, VLANs. They carry no one's ssh.
export const virtualLink = /^(?:veth|tap|tun|vnet|cali|flannel|cni|docker_gwbridge|dummy|vxlan|kube-|weave|cilium_|lxc|genev|wg\d|vlan\d|macvtap|qvo|qvb|qbr)/;

function ip(command: SimpleCommand): Hit | null {
  const words = args(command);
  let i = 0;
  for (; i < words.length && words[i]!.value?.startsWith('-'); i++) {
    const text = words[i]!.value!;
    if (text === '-n' || text === '-netns') return null;
    if (ipGlobalValues.has(text)) i++;
  }

  const [object, verb, ...rest] = words.slice(i);
  if (!object?.known || !verb?.known) return null;
  // An interface the code made itself (`ip link add dummy0 type dummy`) carries no one's session.
  const device = rest[0]?.value === 'dev' ? rest[1] : (rest.find((word, k) => rest[k - 1]?.value === 'dev') ?? rest[0]);
  if (device?.known && command.madeNetwork?.has(`link ${device.value}`)) return null;
  if (prefixOf(object, 'link') && !prefixOf(object, 'l2tp', 2)) {
    if (prefixOf(verb, 'set') || prefixOf(verb, 'change', 2)) {
      const down = rest.find((word) => word.value === 'down' || word.value === 'netns');
      return down ? say(command, [object, verb, ...rest], down.value === 'down' ? 'takes the interface down: the network through it, ssh sessions included, is cut off' : 'moves the interface out of this machine’s network namespace', down) : null;
    }

    // A bridge, bond, VRF or card deleted (`ip link del br0`) takes the network through it along; one the code made is above.
    if (prefixOf(verb, 'delete') && device?.known && !virtualLink.test(device.value)) return say(command, [object, verb, ...rest], 'deletes the interface: the network through it, ssh sessions included, is cut off', verb);
    return null;
  }

  if (prefixOf(object, 'address') && !prefixOf(object, 'addrlabel', 5)) {
    // One host address (`/32`, `/128`) deleted is a floating VIP moved away, the routine of a
    // failover; the machine keeps its own. A whole prefix or a flush takes what ssh came in on.
    if (prefixOf(verb, 'delete') && rest[0]?.known && /^[\d.]+\/32$|^[\da-f:]+\/128$/i.test(rest[0].value)) return null;
    return prefixOf(verb, 'flush') || prefixOf(verb, 'delete') ? say(command, [object, verb, ...rest], 'removes the interface’s addresses: connections to them, ssh included, are cut off', verb) : null;
  }

  if (prefixOf(object, 'route')) {
    const defaultRoute = rest.find((word) => word.known && /^(default|0\.0\.0\.0\/0|0\/0|::\/0|all)$/.test(word.value));
    if (prefixOf(verb, 'delete') && defaultRoute) return say(command, [object, verb, ...rest], 'removes the default route: every host off the local network is out of reach', defaultRoute);
    const table = rest.findIndex((word) => word.value === 'table');
    const ownTable = table !== -1 && !/^(main|all|default|local|254|255|253)$/.test(rest[table + 1]?.value ?? 'main');
    if (prefixOf(verb, 'flush') && !rest.some((word) => word.value === 'cache') && !ownTable) return say(command, [object, verb, ...rest], 'removes routes the machine is reached by', verb);
    return null;
  }

  return prefixOf(object, 'rule', 2) && prefixOf(verb, 'flush') ? say(command, [object, verb], 'removes the routing rules, the one that looks up the main table included: nothing is routed', verb) : null;
}

/** ifdown IFACE / -a, ifconfig IFACE down, route del default, networkctl down, nmcli off/disconnect/down, rfkill block all|wlan. */
function interfaces(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  // In a network namespace of its own (`unshare -n`), its links are not the machine's; a daemon it asks (nmcli, networkctl) is.
  if (asking(words) || (command.ownNetwork && namespaced.test(name))) return null;
  if (name === 'ip') return ip(command);
  if (name === 'ipvsadm') {
    const clear = has(words, '-C', '--clear');
    return clear ? say(command, [clear], 'clears the virtual server table: every service the director balances stops answering', clear) : null;
  }

  if (name === 'ifdown') {
    if (has(words, '-n', '--no-act')) return null;
    return words.length > 0 ? say(command, words, 'takes the interface down: the network through it, ssh sessions included, is cut off', words.at(-1)) : null;
  }

  if (name === 'ifconfig') {
    const down = has(words, 'down') ?? words.find((word, i) => i > 0 && word.value === '0.0.0.0');
    return down ? say(command, words, 'takes the interface down: the network through it, ssh sessions included, is cut off', down) : null;
  }

  if (name === 'route') {
    const verb = has(words, 'del', 'delete');
    const target = words.find((word) => word.known && /^(default|0\.0\.0\.0(\/0)?)$/.test(word.value));
    return verb && target ? say(command, words, 'removes the default route: every host off the local network is out of reach', target) : null;
  }

  if (name === 'networkctl') {
    const down = has(words, 'down');
    return down ? say(command, words, 'takes the interface down: the network through it, ssh sessions included, is cut off', down) : null;
  }

  if (name === 'rfkill') {
    const at = words.findIndex((word) => word.value === 'block');
    const what = words[at + 1];
    return at !== -1 && what?.known && /^(all|wlan|wifi|wwan|\d+)$/.test(what.value) ? say(command, words, 'turns the radios off: a machine reached over wifi is cut off', what) : null;
  }

  if (name === 'wg-quick' || name === 'tailscale') {
    const down = has(words, 'down');
    return down ? say(command, words, 'takes the VPN down: a machine reached through it is cut off', down) : null;
  }

  if (name === 'dhclient' || name === 'dhcpcd') {
    const release = has(words, '-r', '-x', '--release', '-k');
    return release ? say(command, words, 'releases the address: the interface is left without one and ssh through it is cut off', release) : null;
  }

  return nmcli(command);
}

const nmcliValues = ['-m', '--mode', '-f', '--fields', '-e', '--escape', '-c', '--colors', '-w', '--wait', '-g', '--get-values'];

function nmcli(command: SimpleCommand): Hit | null {
  const {operands} = normalizeOptions(args(command), {takesValue: nmcliValues, stopAtOperand: true});
  const [object, verb, what] = operands;
  if (!object?.known || !verb?.known) return null;
  if (prefixOf(object, 'networking') && verb.value === 'off') return say(command, [object, verb], 'turns all networking off: every connection, ssh included, is cut off', verb);
  if (prefixOf(object, 'radio') && (what?.value === 'off' || verb.value === 'off')) return say(command, operands, 'turns the radios off: a machine reached over wifi is cut off', what ?? verb);
  if (prefixOf(object, 'device') && (prefixOf(verb, 'disconnect', 3) || verb.value === 'down' || prefixOf(verb, 'delete', 3))) return say(command, operands, 'disconnects the device: the network through it, ssh sessions included, is cut off', verb);
  if (prefixOf(object, 'connection') && (verb.value === 'down' || prefixOf(verb, 'delete', 3))) return say(command, operands, 'takes the connection down: the network through it, ssh sessions included, is cut off', verb);
  return null;
}

const iptablesSpec: OptionSpec = {
  takesValue: ['-t', '--table', '-A', '--append', '-C', '--check', '-D', '--delete', '-I', '--insert', '-R', '--replace', '-N', '--new-chain', '-E', '--rename-chain', '-j', '--jump', '-p', '--protocol', '-s', '--source', '-d', '--destination', '-i', '--in-interface', '-o', '--out-interface', '-m', '--match', '-w', '--wait', '-W', '--wait-interval', '-g', '--goto', '--dport', '--sport', '--state', '--ctstate'],
  long: ['flush', 'policy', 'list', 'delete-chain', 'zero', 'table', 'numeric', 'verbose', 'line-numbers', 'exact', 'append', 'insert', 'replace', 'check', 'new-chain', 'rename-chain', 'list-rules'],
  aliases: {'--flush': '-F', '--policy': '-P', '--list': '-L', '--delete-chain': '-X'},
};

/** Whether a port list (`22`, `1:1024`, `22,80,443`, `ssh`) includes ssh's port. */
function reachesSsh(ports: string): boolean {
  return ports.split(/[,\s{}]+/).some((piece) => {
    if (piece === 'ssh' || piece === 'OpenSSH') return true;
    const [low, high] = piece.split(/[:-]/);
    if (high === undefined) return low === '22';
    return Number(low || 0) <= 22 && 22 <= Number(high || 65535);
  });
}

const narrowingModules = new Set(['recent', 'limit', 'hashlimit', 'connlimit', 'string', 'set', 'geoip', 'mac', 'time', 'u32', 'owner', 'length', 'iprange', 'addrtype', 'pkttype', 'icmp', 'icmp6', 'bpf', 'statistic']);
const quietStates = (states: string) => !/NEW|ESTABLISHED|RELATED/i.test(states);

/** `iptables -A INPUT -j DROP` and its kin: a DROP or REJECT on the way in or out that nothing narrows away from ssh. */
function broadDrop(words: Word[]): Word | undefined {
  let chain = '';
  let jump: Word | undefined;
  let negated = false;
  const seen = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const text = words[i]!.value ?? '';
    if (text === '!') {
      negated = true;
      continue;
    }

    const next = words[i + 1]?.value ?? '';
    if (/^(-A|--append|-I|--insert)$/.test(text)) chain = next.toUpperCase();
    else if (text === '-j' || text === '--jump') jump = words[i + 1];
    else if (/^(-p|--protocol|-s|--source|--src|--src-range|-d|--destination|--dst|--dst-range|-i|--in-interface|-o|--out-interface|--dport|--destination-port|--dports|--destination-ports|--sport|--source-port|--sports|--source-ports|--state|--ctstate|-m|--match)$/.test(text)) {
      const key = text.replace(/^--?/, '').replace(/^(src|src-range|source)$/, 's').replace(/^(dst|dst-range|destination)$/, 'd').replace(/^(in-interface)$/, 'i').replace(/^(out-interface)$/, 'o').replace(/^(protocol)$/, 'p').replace(/^(destination-ports?|dports)$/, 'dport').replace(/^(source-ports?|sports)$/, 'sport').replace(/^ctstate$/, 'state').replace(/^match$/, 'm');
      if (!negated) seen.set(key === 'm' ? `m:${next}` : key, next);
      i++;
    } else continue;
    negated = false;
  }

  if (!jump?.known || !/^(DROP|REJECT|TARPIT)$/i.test(jump.value)) return undefined;
  const inbound = chain === 'INPUT' || chain === 'PREROUTING';
  if (!inbound && chain !== 'OUTPUT' && chain !== 'POSTROUTING') return undefined;
  const protocol = seen.get('p');
  const narrowed =
    (protocol !== undefined && !/^(tcp|6|all|0)$/i.test(protocol)) ||
    (seen.has('state') && quietStates(seen.get('state')!)) ||
    [...seen.keys()].some((key) => key.startsWith('m:') && narrowingModules.has(key.slice(2))) ||
    (inbound
      ? seen.has('s') || seen.get('i') === 'lo' || (seen.has('dport') && !reachesSsh(seen.get('dport')!))
      : seen.has('d') || seen.get('o') === 'lo' || seen.has('dport') || (seen.has('sport') && !reachesSsh(seen.get('sport')!)));
  return narrowed ? undefined : jump;
}

/** nft: flush ruleset/table/chain, a chain with `policy drop` on the input or output hook, a broad drop rule. */
function nft(command: SimpleCommand): Hit | null {
  const words = args(command);
  const text = words.map((word) => word.value ?? '…').join(' ');
  const tokens = text.replace(/[;{}"]/g, ' ').split(/\s+/).filter(Boolean);
  // Deleting the table or the base chain takes its rules with it, as a flush does.
  // A table, or one of the standard base chains (a chain of one's own holds only one's own rules).
  const chainOf = (i: number) => {
    const after = tokens.slice(i + 2);
    return (/^(?:ip6?|inet|arp|bridge|netdev)$/.test(after[0] ?? '') ? after.slice(1) : after)[1] ?? '';
  };
  const removed = tokens.findIndex((token, i) => (token === 'delete' || token === 'destroy') && (tokens[i + 1] === 'table' || (tokens[i + 1] === 'chain' && /^(?:input|forward|output|prerouting|postrouting)$/i.test(chainOf(i)))));
  if (removed !== -1) return say(command, [], `${tokens[removed]} ${tokens[removed + 1]} removes the ${tokens[removed + 1]} with every firewall rule in it`, words.find((word) => word.value?.includes(tokens[removed]!)));
  const flush = tokens.indexOf('flush');
  if (flush !== -1 && /^(ruleset|table|chain)$/.test(tokens[flush + 1] ?? '')) return say(command, [], `flush ${tokens[flush + 1]} removes firewall rules (and a drop policy left behind cuts off remote access)`, words.find((word) => word.value?.includes('flush')));
  const hook = tokens.indexOf('hook');
  const policy = tokens.indexOf('policy');
  if (hook !== -1 && /^(input|output|prerouting)$/.test(tokens[hook + 1] ?? '') && policy !== -1 && /^(drop|reject)$/.test(tokens[policy + 1] ?? '')) {
    return say(command, [], `sets a ${tokens[policy + 1]} policy on the ${tokens[hook + 1]} hook: remote access is cut off unless a rule lets it in`, words.find((word) => word.value?.includes('policy')));
  }

  const rule = tokens.indexOf('rule');
  if (rule === -1 || !/^(add|insert|create)$/.test(tokens[rule - 1] ?? '')) return null;
  const family = /^(ip|ip6|inet|arp|bridge|netdev)$/.test(tokens[rule + 1] ?? '') ? 1 : 0;
  const chain = (tokens[rule + 2 + family] ?? '').toLowerCase();
  const statements = tokens.slice(rule + 3 + family);
  if (!/^(drop|reject)$/.test(statements.at(-1) ?? '') || !/^(input|output|prerouting)$/.test(chain)) return null;
  const inbound = chain !== 'output';
  const after = (key: string) => statements[statements.indexOf(key) + 1] ?? '';
  const narrowed =
    statements.some((token) => /^(udp|icmp|icmpv6|sctp|limit|meter|@\S+)$/.test(token)) ||
    (statements.includes('state') && quietStates(after('state'))) ||
    (inbound ? statements.includes('saddr') || /^(lo)$/.test(after('iif') || after('iifname')) || (statements.includes('dport') && !reachesSsh(after('dport'))) : statements.includes('daddr') || statements.includes('dport') || /^(lo)$/.test(after('oif') || after('oifname')));
  return narrowed ? null : say(command, [], `adds a rule that drops what ssh needs on the ${chain} chain: remote access is cut off`, words.at(-1));
}

function firewallCmd(command: SimpleCommand): Hit | null {
  const words = args(command);
  const value = (name: string) => {
    const at = words.findIndex((word) => word.value === name || word.value?.startsWith(`${name}=`));
    if (at === -1) return undefined;
    const word = words[at]!;
    return word.value!.includes('=') ? word.value!.slice(name.length + 1) : (words[at + 1]?.value ?? '');
  };

  const panic = has(words, '--panic-on');
  if (panic) return say(command, [panic], 'drops every packet, in and out: remote access is cut off at once', panic);
  const zone = value('--set-default-zone');
  if (zone && /^(drop|block)$/.test(zone)) return say(command, words, `makes ${zone} the default zone: remote access is cut off unless a rule lets it in`);
  const service = value('--remove-service');
  if (service && reachesSsh(service)) return say(command, words, 'stops letting ssh in: remote access is cut off');
  const port = value('--remove-port');
  if (port && reachesSsh(port.replace(/\/\w+$/, ''))) return say(command, words, 'stops letting ssh in: remote access is cut off');
  const target = value('--set-target');
  if (target && /^(DROP|REJECT|%%REJECT%%)$/i.test(target)) return say(command, words, 'makes the zone drop what no rule accepts: remote access is cut off unless a rule lets it in');
  const into = value('--zone');
  if (into && /^(drop|block)$/.test(into) && (value('--change-interface') !== undefined || value('--add-interface') !== undefined)) return say(command, words, `puts the interface in the ${into} zone: remote access through it is cut off`);
  return null;
}

/** ufw deny/reject of ssh or of everything, ufw delete allow ssh, and the existing reset and disable. */
function ufw(command: SimpleCommand): Hit | null {
  const words = args(command);
  if (has(words, '--dry-run')) return null;
  const rest = words.filter((word) => !word.value?.startsWith('--'));
  const action = rest.find((word) => word.known && /^(reset|disable|deny|reject|delete|insert|prepend|default|allow|limit|status|enable|route|app|logging|show|reload|version)$/.test(word.value));
  if (!action) return null;
  if (action.value === 'reset' || action.value === 'disable') return say(command, [action], action.value === 'reset' ? 'removes every firewall rule' : 'turns the firewall off');
  const spec = rest.slice(rest.indexOf(action) + 1).map((word) => word.value ?? '');
  const verb = action.value === 'insert' || action.value === 'prepend' ? spec.find((text) => /^(deny|reject|allow|limit)$/.test(text)) : action.value;
  const ssh = spec.some((text, i) => /^(ssh|OpenSSH)$/i.test(text) || /^22(\/tcp)?$/.test(text) || (spec[i - 1] === 'port' && reachesSsh(text)));
  if (verb === 'delete') return spec[0] === 'allow' && ssh ? say(command, words, 'removes the rule that lets ssh in: remote access is cut off') : null;
  if (verb !== 'deny' && verb !== 'reject') return null;
  if (spec.includes('out')) return null;
  const from = spec[spec.indexOf('from') + 1];
  const specific = spec.includes('from') && from !== undefined && from !== 'any';
  const port = spec.some((text, i) => spec[i - 1] === 'port' || /^\d+(:\d+)?(\/(tcp|udp))?$/.test(text) || (i === 0 && /^[A-Za-z][\w -]*$/.test(text) && !/^(in|on|from|to|proto|log|log-all)$/.test(text)));
  return ssh || (!specific && !port) ? say(command, words, ssh ? 'blocks ssh: remote access is cut off' : 'blocks everything coming in: remote access is cut off') : null;
}

/**
 * `ufw enable` after `ufw default deny incoming` in the same code, with no rule anywhere before
 * it that lets ssh in: the moment the firewall is on, remote access is cut off. The usual set-up
 * (defaults, `allow OpenSSH`, then `enable`) passes, and so does a default set on its own.
 */
function ufwDefaultDeny(commands: SimpleCommand[]): Array<{command: SimpleCommand; hit: Hit}> {
  let sshAllowed = false;
  let denied = false;
  const found: Array<{command: SimpleCommand; hit: Hit}> = [];
  for (const command of commands) {
    if (command.program.value !== 'ufw' || command.ownNetwork || has(args(command), '--dry-run')) continue;
    const words = args(command).filter((word) => !word.value?.startsWith('--'));
    const texts = words.map((word) => word.value ?? '');
    if (/^(?:allow|limit)$/.test(texts[0] ?? '') && texts.some((text, i) => /^(?:ssh|OpenSSH)$/i.test(text) || /^22(?:\/tcp)?$/.test(text) || (texts[i - 1] === 'port' && reachesSsh(text)))) sshAllowed = true;
    if (texts[0] === 'default' && /^(?:deny|reject)$/.test(texts[1] ?? '') && (texts[2] === undefined || texts[2] === 'incoming')) denied = true;
    if (texts[0] === 'enable' && denied && !sshAllowed) found.push({command, hit: say(command, words, 'turns on a firewall whose default drops everything coming in, and nothing here lets ssh in: remote access is cut off', words[0])});
  }

  return found;
}

const firewallUnits = /^(firewalld|ufw|nftables|iptables|ip6tables|netfilter-persistent|shorewall)(\.service)?$/;

/**
 * A rule set iptables-restore reads (a heredoc, a here-string, a pipe guard sees into, a file on
 * its input or named): one whose INPUT policy drops, with no rule that lets ssh or an established
 * connection in, cuts the session off as it loads. A file guard cannot read passes.
 */
function restoredLockout(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const input = command.redirects.find((redirect) => (redirect.op === '<<' || redirect.op === '<<-' || redirect.op === '<<<') && (redirect.fd === undefined || redirect.fd === 0));
  const file = input ? undefined : (command.redirects.findLast((redirect) => redirect.op === '<' && (redirect.fd === undefined || redirect.fd === 0))?.target ?? normalizeOptions(args(command), {takesValue: ['-M', '--modprobe', '-T', '--table', '-W', '--wait-interval']}).operands[0]);
  // `cat rules.v4 | iptables-restore`: the file cat prints.
  const catted = command.piped?.from.length === 1 && command.piped.from[0]!.program.value === 'cat' && command.piped.from[0]!.argv.length === 2 ? command.piped.from[0]!.argv[1] : undefined;
  const text = input ? knownText(input.target) : (command.piped?.text ?? (file?.known ? fileText(file.value, command, context) : catted?.known ? fileText(catted.value, command.piped!.from[0]!, context) : undefined));
  if (text === undefined) return null;
  const lines = text.split('\n').map((line) => line.trim());
  const drops = lines.some((line) => /^:INPUT\s+(?:DROP|REJECT)\b/i.test(line) || /^-P\s+INPUT\s+(?:DROP|REJECT)\b/i.test(line));
  if (!drops) return null;
  // INPUT and the chains it jumps to (ufw's and firewalld's `-A INPUT -j ufw-before-input`): a rule
  // there that accepts ssh, established connections, or everything from a source (an admin subnet).
  const chains = new Set(['INPUT']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const line of lines) {
      const jump = /^-[AI]\s+(\S+)\b.*\s-[jg]\s+(\S+)/.exec(line);
      if (jump && chains.has(jump[1]!) && !/^(?:ACCEPT|DROP|REJECT|LOG|RETURN|QUEUE|MARK|CONNMARK|NFLOG|TRACE)$/.test(jump[2]!) && !chains.has(jump[2]!)) {
        chains.add(jump[2]!);
        grew = true;
      }
    }
  }

  const letsIn = lines.some((line) => {
    const rule = /^-[AI]\s+(\S+)\b/.exec(line);
    if (!rule || !chains.has(rule[1]!) || !/-j\s+ACCEPT\b/.test(line)) return false;
    if (/--dports?\s+(?:\S*[,:])?22\b|\bssh\b/.test(line) || /ESTABLISHED/.test(line)) return true;
    // Everything from a source or on an interface other than loopback, with no port to narrow it.
    return !/--dports?\b|-p\s+(?:udp|icmp)/.test(line) && !/-i\s+lo\b/.test(line) && /\s-(?:s|i)\s/.test(line);
  });
  return letsIn ? null : say(command, [], 'loads a rule set whose INPUT policy drops, with no rule that lets ssh or an established connection in: remote access is cut off as it loads', input?.target ?? file);
}

/** pf (BSD, macOS): `pfctl -d` turns the packet filter off, `-F all`/`rules`/`nat` flushes its rules (`-F states` only drops connections' state). */
function pfctl(command: SimpleCommand): Hit | null {
  const words = args(command);
  const off = words.find((word) => word.known && /^-[a-zA-Z]*d[a-zA-Z]*$/.test(word.value) && !/[DfTtsaxz]/.test(word.value.slice(1)));
  if (off) return say(command, [off], 'turns the packet filter off: the machine is left unfiltered', off);
  // `pfctl -F all -f /etc/pf.conf` is how pf is reloaded: flushed, then loaded again.
  if (words.some((word) => word.known && /^-[a-zA-Z]*f/.test(word.value) && !/^-[a-zA-Z]*F$/.test(word.value))) return null;
  const flush = words.findIndex((word) => word.known && /^-[a-zA-Z]*F$/.test(word.value));
  const what = flush === -1 ? undefined : words[flush + 1];
  return what?.known && /^(?:a|all|r|rules|n|nat|Tables|T)$/.test(what.value) ? say(command, [words[flush]!, what], `flushes pf's ${what.value === 'a' || what.value === 'all' ? 'rules, tables and state' : 'rules'}: the machine is left unfiltered`, what) : null;
}

/** iptables -F, -P INPUT DROP and broad DROP rules; nft; firewall-cmd; ufw; stopping the firewall service. */
function firewall(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  if (command.ownNetwork && namespaced.test(name)) return null;
  if (name === 'nft') return nft(command);
  if (name === 'pfctl') return pfctl(command);
  if (name === 'ufw') return ufw(command);
  if (name === 'firewall-cmd') return firewallCmd(command);
  if (name === 'iptables-restore' || name === 'ip6tables-restore') {
    const empty = command.redirects.find((redirect) => redirect.op === '<' && redirect.target.value === '/dev/null');
    if (empty) return say(command, [], 'restores an empty rule set: every firewall rule is gone', empty.target);
    return args(command).some((word) => word.value === '--test' || word.value === '-t') ? null : restoredLockout(command, context);
  }

  const flush = name === 'netfilter-persistent' ? has(words, 'flush') : undefined;
  if (flush) return say(command, [flush], 'empties every table of the saved firewall: every rule is gone');

  if (name === 'systemctl' || name === 'service' || name === 'rc-service' || command.argv[0]?.value?.startsWith('/etc/init.d/')) {
    const stop = unitStopped(command, firewallUnits);
    if (stop) return say(command, stop, 'turns the firewall off', stop[0]);
    const {operands} = normalizeOptions(words, {});
    const flushed = name === 'service' && firewallUnits.test(operands[0]?.value ?? '') && operands[1]?.value === 'flush';
    return flushed ? say(command, operands.slice(0, 2), 'empties every table of the saved firewall: every rule is gone') : null;
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

  const drop = broadDrop(words);
  return drop ? say(command, words, 'drops traffic ssh needs: nothing in the rule keeps remote access out of it', drop) : null;
}

// The routing daemons and the virtual switch carry the host's routes and bridges: stopped, they are gone.
const lockoutUnits = /^(ssh|sshd|openssh-server|openssh|ssh\.socket|sshd\.socket|network|networking|NetworkManager|network-manager|systemd-networkd|systemd-networkd\.socket|wpa_supplicant|dhcpcd|frr|frr@[\w-]+|bird|bird2|bird6|openvswitch-switch|openvswitch|ovs-vswitchd|ovsdb-server)(\.service)?$/;

/** The units a service manager is told to stop, disable, mask or kill: `systemctl stop sshd`, `service ssh stop`, `rc-service sshd stop`. */
export function unitStopped(command: SimpleCommand, units: RegExp): Word[] | undefined {
  const name = command.program.value!;
  const words = args(command);
  const initScript = command.argv[0]?.value?.match(/^\/etc\/(?:init\.d|rc\.d)\/(.+)$/);
  if (initScript) {
    const [action] = words;
    return units.test(initScript[1]!) && /^(stop|disable|zap|force-stop)$/.test(action?.value ?? '') ? [command.argv[0]!, action!] : undefined;
  }

  if (name === 'service' || name === 'rc-service' || name === 'invoke-rc.d') {
    const {operands} = normalizeOptions(words, {});
    const [unit, action] = operands;
    return unit?.known && units.test(unit.value) && /^(stop|disable|zap|force-stop)$/.test(action?.value ?? '') ? [unit, action!] : undefined;
  }

  if (name === 'update-rc.d' || name === 'chkconfig' || name === 'rc-update') {
    const {operands} = normalizeOptions(words, {});
    const unit = operands.find((word) => word.known && units.test(word.value));
    const action = operands.find((word) => word.known && /^(disable|remove|off|del|delete)$/.test(word.value)) ?? has(words, '--del');
    return unit && action ? [unit, action] : undefined;
  }

  // s6: `s6-svc -d /run/service/sshd` takes the service down (`-x` with it, `-D` too); `s6-rc -d change sshd` brings it down.
  if (name === 's6-svc') {
    const down = words.find((word) => word.known && /^-[a-zA-Z]*[dDx]/.test(word.value) && !word.value.startsWith('--'));
    const dir = words.findLast((word) => word.known && !word.value.startsWith('-'));
    return down && dir?.known && units.test(dir.value.replace(/\/+$/, '').replace(/^.*\//, '')) ? [down, dir] : undefined;
  }

  if (name === 's6-rc') {
    const down = words.find((word) => word.known && /^-[a-zA-Z]*d/.test(word.value) && !word.value.startsWith('--'));
    const change = words.findIndex((word) => word.value === 'change');
    // `-a` with `-d` (`-da`, `-d -a`) takes every service down, these among them.
    const all = words.some((word) => word.known && /^-[a-zA-Z]*a/.test(word.value) && !word.value.startsWith('--'));
    const unit = change === -1 ? undefined : all ? words[change] : words.slice(change + 1).find((word) => word.known && units.test(word.value));
    return down && unit ? [down, unit] : undefined;
  }

  if (name === 'sv') {
    const [action, unit] = normalizeOptions(words, {takesValue: ['-w']}).operands;
    return unit?.known && units.test(unit.value.replace(/^.*\//, '')) && /^(d|down|stop|k|kill|x|exit|force-stop|force-shutdown)$/.test(action?.value ?? '') ? [action!, unit] : undefined;
  }

  const {operands, values} = normalizeOptions(words, {takesValue: ['-H', '--host', '-M', '--machine', '-t', '--type', '-p', '--property', '-s', '--signal']});
  const [verb, ...rest] = operands;
  if (!verb?.known || !/^(stop|disable|mask|kill)$/.test(verb.value)) return undefined;
  // `systemctl kill -s HUP` reloads a daemon; it stops nothing.
  const signal = (values.get('-s') ?? values.get('--signal'))?.value;
  if (verb.value === 'kill' && signal !== undefined && !lethal(signal)) return undefined;
  const unit = rest.find((word) => word.known && units.test(word.value));
  return unit ? [verb, unit] : undefined;
}

function remoteLockout(command: SimpleCommand): Hit | null {
  // A Raspberry Pi's `raspi-config nonint do_ssh 1` turns ssh off (0 turns it on).
  if (command.program.value === 'raspi-config') {
    const words = command.argv.slice(1);
    const at = words.findIndex((word) => word.value === 'do_ssh');
    return at !== -1 && words.some((word) => word.value === 'nonint') && words[at + 1]?.value === '1' ? say(command, words.slice(at, at + 2), 'turns the ssh server off and keeps it off at boot', words[at + 1]) : null;
  }

  // /etc/nologin (or /run/nologin) made: PAM turns away every login but root's.
  if (command.program.value === 'touch') {
    const file = command.argv.slice(1).find((word) => word.known && /^\/(?:etc|run|var\/run)\/nologin$/.test(posix.normalize(word.value)));
    return file ? say(command, [file], 'makes every login but root\'s fail (PAM\'s nologin): ssh sessions of every other account are refused', file) : null;
  }

  const stopped = unitStopped(command, lockoutUnits);
  if (!stopped) return null;
  const unit = stopped.find((word) => word.known && lockoutUnits.test(word.value.replace(/^.*\//, '')));
  return say(command, stopped, 'stops remote access to the machine', unit);
}

/** The init scripts of the units above, run by path (`/etc/init.d/ssh stop`): their program is the script's name. */
const initScripts = ['ssh', 'sshd', 'networking', 'network', 'network-manager', 'NetworkManager', 'firewalld', 'ufw', 'nftables', 'iptables', 'netfilter-persistent', 'frr', 'bird', 'openvswitch-switch'];

/**
 * tc that drops most of an interface's traffic: netem loss of half or more (`tc qdisc add dev
 * eth0 root netem loss 100%`), or a filter dropping every packet (`matchall action drop`,
 * `u32 match u32 0 0 … action drop`). The loopback interface is a test bench.
 */
function trafficDrop(command: SimpleCommand): Hit | null {
  const words = args(command);
  const values = words.map((word) => (word.known ? word.value : null));
  if (asking(words)) return null;
  const device = values[values.indexOf('dev') + 1];
  if (values.indexOf('dev') === -1 || device === 'lo') return null;
  const verb = values.find((value) => value !== null && /^(?:a|ad|add|r|re|rep|repl|repla|replac|replace|c|ch|cha|chan|chang|change)$/.test(value));
  if (!verb) return null;
  if (values.includes('netem')) {
    const at = values.indexOf('loss');
    const spelled = values[at + 1] === 'random' ? values[at + 2] : values[at + 1];
    const percent = at === -1 || !spelled ? Number.NaN : Number.parseFloat(spelled);
    return percent >= 50 ? say(command, words, `drops ${spelled} of the traffic of ${device}, ssh with it`, words[at]) : null;
  }

  const all = values.includes('matchall') || /\bu32 match u32 0 0\b/.test(values.join(' '));
  if (values.includes('filter') && all && values.includes('drop')) return say(command, words, `drops every packet of ${device}, ssh with it`, words[values.indexOf('drop')]);
  return null;
}

const openedPort = (command: SimpleCommand, words: Word[], port: string): Hit => say(command, words, `opens port ${port} (${privatePorts[port]}) to every address: it is reachable from anywhere the host is`);
const openedAll = (command: SimpleCommand, words: Word[], word?: Word): Hit => say(command, words, 'adds a rule that accepts every packet coming in: the firewall keeps nothing out', word);

// A source that is every address.
const anySource = /^(?:any|0\.0\.0\.0\/0|0\/0|::\/0|\[::\]\/0)$/;

/**
 * What an iptables rule accepting into INPUT opens, from its words after the chain: everything
 * (nothing narrows it), a private port to every source, or nothing this rule judges. A source, the
 * loopback or another interface, a state other than NEW, a destination or a negation narrows it; a
 * comment, a protocol and the modules that only name one do not.
 */
function acceptedInput(spec: string[]): {all: true} | {port: string} | undefined {
  let accepts = false;
  let narrowed = false;
  let port: string | undefined;
  let ports = false;
  for (let i = 0; i < spec.length; i++) {
    const text = spec[i]!;
    const value = spec[i + 1] ?? '';
    if (/^(?:-j|--jump)$/.test(text)) {
      accepts = value === 'ACCEPT';
      i++;
    } else if (/^(?:-t|--table)$/.test(text)) {
      narrowed ||= value !== 'filter';
      i++;
    } else if (/^(?:-w|--wait|-W|--wait-interval)$/.test(text)) i += /^\d+$/.test(value) ? 1 : 0;
    else if (/^(?:-s|--source|--src)$/.test(text)) {
      narrowed ||= !anySource.test(value);
      i++;
    } else if (/^(?:-m|--match)$/.test(text)) {
      narrowed ||= !/^(?:tcp|udp|multiport|state|conntrack|comment)$/.test(value);
      i++;
    } else if (/^(?:-p|--protocol)$/.test(text) || text === '--comment') i++;
    else if (/^--(?:state|ctstate)$/.test(text)) {
      narrowed ||= !/\bNEW\b/.test(value);
      i++;
    } else if (/^--(?:dports?|destination-ports?)$/.test(text)) {
      ports = true;
      port = privatePort(value);
      i++;
    } else if (text === '--syn' || /^-v+$/.test(text)) continue;
    else narrowed = true;
  }

  if (!accepts || narrowed) return undefined;
  if (!ports) return {all: true};
  return port === undefined ? undefined : {port};
}

/** iptables' words with a value stuck to its short option split off (`-AINPUT` is `-A INPUT`, `-jACCEPT` `-j ACCEPT`). */
const splitAttached = (texts: string[]) => texts.flatMap((text) => (/^-[AIRDPjpsdimtw][^-\s]/.test(text) && !/^-[a-zA-Z]$/.test(text) ? [text.slice(0, 2), text.slice(2)] : [text]));

/** The nft words of a rule or chain, with the family (`inet`, `ip`…) put in where it was left out. */
function nftParts(texts: string[]): string[] {
  const line = texts.join(' ').replace(/[;'"{}]/g, ' ').trim().split(/\s+/);
  const at = line.findIndex((token) => token === 'rule' || token === 'chain');
  if (at !== -1 && !/^(?:ip|ip6|inet|arp|bridge|netdev)$/.test(line[at + 1] ?? '')) line.splice(at + 1, 0, 'ip');
  return line;
}

/**
 * A firewall opened to everything coming in: iptables' INPUT policy set to ACCEPT, or a rule that
 * accepts every packet with nothing to narrow it (`-I INPUT 1 -j ACCEPT`); ufw's incoming default
 * set to allow; firewalld's default zone, or an interface or every source, made `trusted`, or a
 * zone's target ACCEPT; an nft input rule or chain that accepts all. Also a private port (a
 * database's, a cache's, a control plane's) opened to every source.
 */
function firewallOpened(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  if (command.ownNetwork && namespaced.test(name)) return null;
  const texts = words.map((word) => word.value ?? '');
  if (name === 'ufw') {
    if (has(words, '--dry-run')) return null;
    const rest = texts.filter((text) => !text.startsWith('--'));
    if (rest[0] === 'default') return rest[1] === 'allow' && (rest[2] === undefined || rest[2] === 'incoming') ? say(command, words, "makes ufw let in everything no rule denies: the firewall keeps nothing out") : null;
    // `ufw allow 3306/tcp`, `ufw allow proto tcp to any port 5432`, `ufw allow in on eth0 to any port 6379`: every source.
    const spec = rest[0] === 'insert' || rest[0] === 'prepend' ? rest.slice(rest[0] === 'insert' ? 2 : 1) : rest;
    if (spec[0] !== 'allow' || spec.includes('out')) return null;
    if (spec.includes('from') && !anySource.test(spec[spec.indexOf('from') + 1] ?? '')) return null;
    const portText = spec.includes('port') ? spec[spec.indexOf('port') + 1] : spec.find((text, i) => i > 0 && (/^\d[\d,:]*(?:\/(?:tcp|udp))?$/.test(text) || Object.hasOwn(privateServices, text)));
    const port = portText === undefined ? undefined : privatePort(portText);
    return port !== undefined ? openedPort(command, words, port) : null;
  }

  if (name === 'firewall-cmd') {
    const values = (option: string) => texts.flatMap((text, i) => (text === option ? [texts[i + 1] ?? ''] : text.startsWith(`${option}=`) ? [text.slice(option.length + 1)] : []));
    const value = (option: string) => values(option)[0];
    if (value('--set-default-zone') === 'trusted') return say(command, words, 'makes trusted, which accepts everything, the default zone: the firewall keeps nothing out');
    if (value('--zone') === 'trusted' && (value('--change-interface') ?? value('--add-interface') ?? value('--change-zone')) !== undefined) return say(command, words, 'puts the interface in the trusted zone, which accepts everything: the firewall keeps nothing out on it');
    if (value('--zone') === 'trusted' && values('--add-source').some((source) => anySource.test(source))) return say(command, words, 'puts every address in the trusted zone, which accepts everything: the firewall keeps nothing out');
    if (value('--set-target') === 'ACCEPT') return say(command, words, 'makes the zone accept what no rule drops: the firewall keeps nothing out');
    // `--direct --add-rule ipv4 filter INPUT 0 -j ACCEPT` is an iptables rule.
    const direct = texts.indexOf('--add-rule');
    if (texts.includes('--direct') && direct !== -1 && /^INPUT$/i.test(texts[direct + 3] ?? '')) {
      const opened = acceptedInput(splitAttached(texts.slice(direct + 5)));
      return opened === undefined ? null : 'all' in opened ? openedAll(command, words) : openedPort(command, words, opened.port);
    }

    // A port or service added to a zone every source reaches (no zone given is the default, public).
    const zone = value('--zone');
    if (zone !== undefined && !/^(?:public|external|dmz)$/.test(zone)) return null;
    const port = [...values('--add-port'), ...values('--add-service')].map(privatePort).find((found) => found !== undefined);
    if (port !== undefined) return openedPort(command, words, port);
    // A rich rule that accepts with no source: `rule family=ipv4 port port=3306 protocol=tcp accept`.
    const rich = values('--add-rich-rule').find((rule) => /\baccept\b/.test(rule) && !/\bsource\b/.test(rule));
    if (rich === undefined) return null;
    const richPort = /\bport port="?([\w,:-]+)"?/.exec(rich)?.[1] ?? /\bservice name="?([\w-]+)"?/.exec(rich)?.[1];
    if (richPort === undefined) return /^rule(?: family="?ipv[46]"?)? accept$/.test(rich.trim()) ? openedAll(command, words) : null;
    const found = privatePort(richPort);
    return found === undefined ? null : openedPort(command, words, found);
  }

  if (name === 'nft') {
    const line = nftParts(texts);
    const rule = line.indexOf('rule');
    if (rule !== -1 && /^(?:add|insert)$/.test(line[rule - 1] ?? '') && /^input$/i.test(line[rule + 3] ?? '')) {
      const statements = line.slice(rule + 4).filter((token, i, all) => !/^(?:index|position|handle)$/.test(token) && !/^(?:index|position|handle)$/.test(all[i - 1] ?? ''));
      return statements.length > 0 && statements.every((token) => token === 'accept' || token === 'counter') ? openedAll(command, words) : null;
    }

    // A chain on the input hook whose policy accepts: `add chain inet filter input { type filter hook input priority 0; policy accept; }`.
    const chain = line.indexOf('chain');
    const policy = line.indexOf('policy');
    return chain !== -1 && policy !== -1 && line[policy + 1] === 'accept' && (line.includes('hook') ? line[line.indexOf('hook') + 1] === 'input' : /^input$/i.test(line[chain + 3] ?? '')) ? say(command, words, 'makes the input chain accept every packet no rule drops: the firewall keeps nothing out') : null;
  }

  if (!/^ip6?tables(?:-legacy|-nft)?$/.test(name)) return null;
  const spec = splitAttached(texts);
  const policy = spec.findIndex((text) => text === '-P' || text === '--policy');
  if (policy !== -1) return /^INPUT$/i.test(spec[policy + 1] ?? '') && /^ACCEPT$/i.test(spec[policy + 2] ?? '') ? say(command, words, 'makes INPUT accept every packet no rule drops: the firewall keeps nothing out', words.find((word) => word.value === 'ACCEPT')) : null;
  const add = spec.findIndex((text) => /^(?:-I|-A|-R|--insert|--append|--replace)$/.test(text));
  if (add === -1 || !/^INPUT$/i.test(spec[add + 1] ?? '')) return null;
  // What follows the chain (and a rule number), with the options before it (`-w -A INPUT`, `-t filter`).
  const rest = [...spec.slice(0, add), ...spec.slice(add + 2).filter((text, i) => !(i === 0 && /^\d+$/.test(text)))];
  const opened = acceptedInput(rest);
  return opened === undefined ? null : 'all' in opened ? openedAll(command, words, words[Math.min(add, words.length - 1)]) : openedPort(command, words, opened.port);
}

export const network: BuiltinRule[] = [
  {
    id: 'system.firewall-open',
    pack: 'system',
    level: 'deny',
    reason: 'opens the firewall to everything coming in, or opens a database, cache or admin port to every address: what should be private is reachable from wherever the host is',
    alternative: 'open the one port or source you need (ufw allow 443/tcp, iptables -A INPUT -p tcp --dport 443 -j ACCEPT), with --timeout in firewalld',
    match: {program: ['iptables', 'ip6tables', 'iptables-legacy', 'iptables-nft', 'ip6tables-legacy', 'ip6tables-nft', 'nft', 'ufw', 'firewall-cmd']},
    check: firewallOpened,
    examples() {
      return {
        refuse: [
          'sudo iptables -P INPUT ACCEPT',
          'ip6tables --policy INPUT ACCEPT',
          'sudo iptables -I INPUT 1 -j ACCEPT',
          'iptables -w -A INPUT -j ACCEPT',
          'sudo ufw default allow incoming',
          'ufw default allow',
          'sudo firewall-cmd --set-default-zone=trusted',
          'firewall-cmd --zone=trusted --change-interface=eth0',
          'firewall-cmd --permanent --zone=public --set-target=ACCEPT',
          'nft add rule inet filter input accept',
          'ufw allow 3306/tcp', 'sudo ufw allow proto tcp from any to any port 5432', 'ufw allow redis', 'iptables -I INPUT -p tcp --dport 6379 -j ACCEPT', 'iptables -A INPUT -p tcp -m multiport --dports 80,443,27017 -j ACCEPT',
          'firewall-cmd --permanent --add-port=9200/tcp', 'firewall-cmd --zone=public --add-service=mysql',
          'iptables -A INPUT -p tcp -m state --state NEW --dport 3306 -j ACCEPT', 'iptables -I INPUT 1 -m comment --comment allow -j ACCEPT', 'iptables -I INPUT -p tcp -j ACCEPT', 'iptables -A INPUT -s 0.0.0.0/0 -j ACCEPT',
          'iptables -A INPUT -p tcp --destination-port 3306 -j ACCEPT', 'iptables -A INPUT -p tcp --dport mysql -j ACCEPT', 'iptables -R INPUT 1 -j ACCEPT', 'iptables -AINPUT -jACCEPT',
          'firewall-cmd --add-port=443/tcp --add-port=3306/tcp', 'firewall-cmd --zone=trusted --add-source=0.0.0.0/0', "firewall-cmd --add-rich-rule='rule family=ipv4 port port=3306 protocol=tcp accept'", 'firewall-cmd --direct --add-rule ipv4 filter INPUT 0 -j ACCEPT',
          'ufw allow from 0.0.0.0/0 to any port 3306', 'nft add rule filter input accept', 'nft insert rule inet filter input index 0 accept', "nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'",
        ],
        allow: [
          'iptables -P OUTPUT ACCEPT',
          'iptables -A INPUT -i lo -j ACCEPT',
          'iptables -I INPUT 1 -p tcp --dport 443 -j ACCEPT',
          'iptables -A INPUT -s 10.0.0.0/8 -j ACCEPT',
          'iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
          'ufw default allow outgoing',
          'ufw --dry-run default allow incoming',
          'ufw allow 443/tcp',
          'firewall-cmd --zone=public --add-service=https --timeout=30m',
          'firewall-cmd --get-default-zone',
          'nft add rule inet filter input tcp dport 443 accept',
          'ufw allow from 10.0.0.0/8 to any port 5432', 'ufw allow 443/tcp', 'ufw allow OpenSSH', 'iptables -A INPUT -s 10.0.3.0/24 -p tcp --dport 6379 -j ACCEPT', 'iptables -A INPUT -i lo -p tcp --dport 5432 -j ACCEPT',
          'firewall-cmd --zone=internal --add-service=mysql', 'firewall-cmd --permanent --add-port=8443/tcp', 'ufw deny 3306/tcp',
          'ufw allow 10000:20000/udp', 'iptables -A INPUT -p udp --dport 10000:20000 -j ACCEPT', 'firewall-cmd --permanent --add-service=nfs', 'iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT',
          "firewall-cmd --add-rich-rule='rule family=ipv4 source address=10.0.0.0/8 port port=3306 protocol=tcp accept'", "nft add chain inet filter input '{ type filter hook input priority 0; policy drop; }'", 'nft add rule filter input tcp dport 443 accept',
        ],
      };
    },
  },
  {
    id: 'system.firewall-flush',
    pack: 'system',
    level: 'deny',
    reason: 'flushes or turns off the firewall, sets a default DROP policy, or adds a rule that drops what ssh needs: remote access can be cut off',
    alternative: 'iptables-apply, which rolls back unless confirmed; iptables -L to look; narrow a DROP rule to a source, a port other than 22 or a rate limit',
    match: {program: ['iptables', 'ip6tables', 'iptables-legacy', 'iptables-nft', 'ip6tables-legacy', 'ip6tables-nft', 'ebtables', 'nft', 'ufw', 'firewall-cmd', 'systemctl', 'service', 'rc-service', 'iptables-restore', 'ip6tables-restore', 'firewalld', 'nftables', 'netfilter-persistent', 'pfctl']},
    check: firewall,
    checkAll: ufwDefaultDeny,
    examples() {
      return {
        refuse: ['pfctl -F all', 'sudo pfctl -d', 'pfctl -F rules', 
          'ufw default deny incoming && ufw default deny outgoing && ufw --force enable',
          'ip netns exec blue iptables -F',
          'unshare -m iptables -F',
          'iptables -F',
          'nft delete table inet filter',
          'nft destroy chain inet filter input',
          'service netfilter-persistent flush',
          'netfilter-persistent flush',
          "iptables-restore <<'EOF'\n*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp --dport 443 -j ACCEPT\nCOMMIT\nEOF",
          'iptables --flush INPUT',
          'iptables -t nat -F',
          'iptables -P INPUT DROP',
          'ip6tables --policy INPUT DROP',
          'iptables -A INPUT -j DROP',
          'iptables -I INPUT 1 -j REJECT',
          'iptables -A INPUT -p tcp --dport 22 -j DROP',
          'iptables -A INPUT -p tcp -m multiport --dports 20:30,80 -j DROP',
          'iptables -A INPUT -i eth0 -j DROP',
          'iptables -A INPUT ! -s 10.0.0.0/8 -j DROP',
          'iptables -A OUTPUT -p tcp --sport 22 -j DROP',
          'iptables -t raw -A PREROUTING -j DROP',
          'iptables -A INPUT -m conntrack --ctstate NEW -j DROP',
          'nft flush ruleset',
          'nft flush table inet filter',
          "nft add chain inet filter input '{ type filter hook input priority 0; policy drop; }'",
          'nft add rule inet filter input drop',
          "nft 'add rule inet filter input tcp dport 22 drop'",
          'ufw reset',
          'ufw --force reset',
          'ufw disable',
          'ufw deny ssh',
          'ufw deny 22/tcp',
          'ufw reject OpenSSH',
          'ufw insert 1 deny from any to any port 22',
          'ufw deny in on eth0',
          'ufw delete allow ssh',
          'firewall-cmd --panic-on',
          'firewall-cmd --set-default-zone=drop',
          'firewall-cmd --permanent --remove-service=ssh',
          'firewall-cmd --zone=public --remove-port=22/tcp',
          'firewall-cmd --permanent --zone=public --set-target=DROP',
          'firewall-cmd --zone=drop --change-interface=eth0',
          'systemctl stop firewalld',
          'systemctl disable --now ufw',
          'service nftables stop',
          'iptables-restore < /dev/null',
          '/etc/init.d/netfilter-persistent stop',
        ],
        allow: ['pfctl -s rules', 'pfctl -e', 'pfctl -f /etc/pf.conf', 'pfctl -nf /etc/pf.conf', 'pfctl -F states', 'pfctl -F all -f /etc/pf.conf', 
          'ufw default deny incoming && ufw default allow outgoing && ufw allow ssh && ufw --force enable',
          'ufw allow OpenSSH && ufw default deny incoming && ufw --force enable',
          'ip netns add fwtest && ip netns exec fwtest iptables -P INPUT DROP',
          "unshare -rn sh -c 'nft flush ruleset; nft list ruleset'",
          'unshare --net iptables -F',
          "iptables-restore <<'EOF'\n*filter\n:INPUT DROP [0:0]\n-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\nEOF",
          'iptables-restore --test < ./rules.v4',
          'iptables-restore < /etc/iptables/rules.v4',
          'nft delete rule inet filter input handle 5',
          'nft list table inet filter',
          'netfilter-persistent save',
          'iptables -L -n -v',
          'iptables -S',
          'iptables -A INPUT -p tcp --dport 22 -j ACCEPT',
          'iptables -P INPUT ACCEPT',
          'iptables -A INPUT -s 203.0.113.7 -j DROP',
          'iptables -A INPUT -p tcp --dport 23 -j DROP',
          'iptables -A INPUT -p udp -j DROP',
          'iptables -A INPUT -m conntrack --ctstate INVALID -j DROP',
          'iptables -A INPUT -p tcp --dport 22 -m recent --update --seconds 60 --hitcount 4 -j DROP',
          'iptables -A INPUT -i lo -j ACCEPT',
          'iptables -A FORWARD -j DROP',
          'iptables -P FORWARD DROP',
          'iptables -A OUTPUT -d 198.51.100.0/24 -j REJECT',
          'nft list ruleset',
          'nft add rule inet filter input ip saddr 203.0.113.7 drop',
          'nft add rule inet filter input tcp dport 8080 drop',
          'ufw status',
          'ufw allow ssh',
          'ufw limit ssh',
          'ufw deny from 203.0.113.7',
          'ufw deny 8080/tcp',
          'ufw --dry-run deny ssh',
          'ufw default deny incoming',
          'firewall-cmd --list-all',
          'firewall-cmd --reload',
          'firewall-cmd --permanent --add-service=https',
          'firewall-cmd --permanent --remove-service=http',
          'systemctl restart firewalld',
          'systemctl status ufw',
          'iptables-restore < /etc/iptables/rules.v4',
        ],
      };
    },
  },
  {
    id: 'system.traffic-drop',
    pack: 'system',
    level: 'deny',
    reason: "makes an interface drop most or all of its traffic (tc netem loss, a filter that drops everything), which cuts off remote access like taking it down",
    alternative: 'shape the loopback interface or a test interface, or keep the loss small; tc qdisc del dev IF root undoes it',
    match: {program: ['tc']},
    check: trafficDrop,
    examples() {
      return {
        refuse: ['tc qdisc add dev eth0 root netem loss 100%', 'tc qdisc replace dev ens5 root netem loss random 60%', 'sudo tc qdisc change dev eth0 root netem delay 100ms loss 75%', 'tc filter add dev eth0 parent ffff: matchall action drop', 'tc filter add dev eth0 parent 1: protocol ip u32 match u32 0 0 action drop'],
        allow: ['tc qdisc add dev lo root netem loss 100%', 'tc qdisc add dev eth0 root netem delay 100ms', 'tc qdisc add dev eth0 root netem loss 1%', 'tc qdisc del dev eth0 root', 'tc qdisc show dev eth0', 'tc -s qdisc ls', 'tc filter add dev eth0 parent 1: protocol ip u32 match ip dport 6379 0xffff action drop'],
      };
    },
  },
  {
    id: 'system.network-down',
    pack: 'system',
    level: 'deny',
    reason: 'takes a network interface, its addresses or the default route down, which cuts off remote access',
    alternative: 'do it from a console, or with a timed rollback (a second job that brings it back up)',
    match: {program: ['ip', 'ifdown', 'ifconfig', 'nmcli', 'route', 'networkctl', 'rfkill', 'wg-quick', 'tailscale', 'dhclient', 'dhcpcd', 'ipvsadm']},
    check: interfaces,
    examples() {
      return {
        refuse: [
          'ip link set eth0 down',
          'ipvsadm -C',
          'ip link set dev ens5 down',
          'ip l s eth0 down',
          'ip -6 link set eth0 down',
          'ip link set eth0 netns sandbox',
          'ip addr flush dev eth0',
          'ip a f eth0',
          'ip address del 10.0.0.5/24 dev eth0',
          'ip route del default',
          'ip r d default via 10.0.0.1',
          'ip route delete 0.0.0.0/0',
          'ip route flush all',
          'ip route flush dev eth0',
          'ip rule flush',
          'ifdown eth0',
          'ifdown -a',
          'ifconfig xenbr0 down',
          'ifconfig eth0 down',
          'route del default',
          'route del -net 0.0.0.0 gw 10.0.0.1',
          'nmcli networking off',
          'nmcli n off',
          'nmcli radio all off',
          'nmcli device disconnect eth0',
          'nmcli dev dis eth0',
          'nmcli device down eth0',
          'nmcli connection down "Wired connection 1"',
          'nmcli con delete eth0',
          'networkctl down eth0',
          'rfkill block all',
          'wg-quick down wg0',
          'tailscale down',
          'dhclient -r eth0',
          'sudo ip link set "$IFACE" down',
        ],
        allow: [
          'ip addr del 10.0.0.100/32 dev eth0', 'ip -6 addr del 2001:db8::100/128 dev eth0',
          'ip link del veth1a2b3c', 'ip link delete cni0',
          'ip link add dummy0 type dummy && ip link set dummy0 down && ip link del dummy0',
          'ip netns add lab && ip netns exec lab ip link set lo down',
          'unshare -rn ip link set lo down',
          'ip addr show',
          'ip a',
          'ip -br link',
          'ip route show',
          'ip r',
          'ip link set eth0 up',
          'ip link set eth0 mtu 9000',
          'ip route add 10.2.0.0/16 via 10.0.0.1',
          'ip route del 10.2.0.0/16',
          'ip route flush cache',
          'ip route flush table 100',
          'ip -n sandbox link set veth0 down',
          'ip neigh show',
          'ifup eth0',
          'ifdown -n eth0',
          'ifconfig -a',
          'ifconfig eth0 up',
          'route -n',
          'nmcli device status',
          'nmcli connection up "Wired connection 1"',
          'nmcli networking on',
          'networkctl status',
          'rfkill list',
          'rfkill block bluetooth',
          'wg-quick up wg0',
          'tailscale status',
          'dhclient eth0',
        ],
      };
    },
  },
  {
    id: 'system.remote-lockout',
    pack: 'system',
    level: 'deny',
    reason: 'stops or disables ssh or the network service, or makes /etc/nologin, which cuts off remote access',
    alternative: 'systemctl restart (or reload), or keep a console open',
    match: {program: ['systemctl', 'service', 'rc-service', 'invoke-rc.d', 'update-rc.d', 'chkconfig', 'rc-update', 'sv', 's6-svc', 's6-rc', 'touch', 'raspi-config', ...initScripts]},
    check: remoteLockout,
    examples() {
      return {
        refuse: [
          'sudo raspi-config nonint do_ssh 1',
          'systemctl stop sshd',
          'systemctl disable --now ssh',
          'systemctl disable ssh',
          'systemctl mask networking',
          'systemctl stop ssh.socket',
          'systemctl kill sshd',
          'service ssh stop',
          'systemctl stop NetworkManager.service',
          'systemctl stop systemd-networkd',
          'rc-service sshd stop',
          'invoke-rc.d ssh stop',
          'update-rc.d -f ssh remove',
          'update-rc.d ssh disable',
          'chkconfig sshd off',
          'rc-update del sshd default',
          'sv down sshd', 'sudo s6-svc -d /run/service/sshd', 's6-rc -d change sshd', 's6-rc -da change',
          '/etc/init.d/ssh stop',
          'sudo /etc/init.d/networking stop',
          'touch /etc/nologin',
          'sudo touch /run/nologin',
        ],
        allow: [
          'sudo raspi-config nonint do_ssh 0', 'raspi-config nonint get_ssh',
          'systemctl kill -s HUP bird','systemctl status sshd', 'systemctl restart nginx', 'systemctl restart sshd', 'systemctl reload ssh', 'systemctl stop nginx', 'service ssh status', 'service ssh restart', 'rc-service sshd restart', 'update-rc.d ssh enable', 'chkconfig sshd on', 'sv status sshd', 's6-svc -r /run/service/sshd', 's6-svc -d /run/service/nginx', '/etc/init.d/ssh restart', 'ssh web1 stop', 'touch ./nologin', 'ls -l /etc/nologin'],
      };
    },
  },
];
