// Routers, switches and routing daemons driven from a Linux host: FRR's vtysh, BIRD, GoBGP,
// ExaBGP, Open vSwitch and OVN, and the gear's own command lines sent over ssh (Cisco IOS and
// NX-OS, Junos, SONiC, Arista, VyOS, OpenWrt) or through automation (netmiko, Ansible's network
// modules, Arista's eAPI, SNMP). What stops traffic or loses the device's configuration is
// refused; show commands, soft resets and one neighbour's or port's change pass.
import {type SimpleCommand, type Word, knownText} from '../../shell/index.js';
import {written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';
import {fedText, httpMethod} from './hits.js';
import {virtualLink} from './system-network.js';

/**
 * One line of a router's or switch's command language that stops traffic or loses the
 * configuration, said as what it does; undefined for the rest. Abbreviations the CLIs accept
 * (`conf t`, `wr erase`) are read.
 */
export function gearDanger(line: string): string | undefined {
  const text = line.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^clear (?:ip )?bgp (?:(?:ipv4|ipv6|vpnv4|l2vpn evpn|all) (?:unicast )?)?\*(?: |$)(?!.*\b(?:soft|in|out)\b)/.test(text)) return 'resets every BGP session at once: every route learned is withdrawn until they come back';
  if (/^no router (?:bgp|ospf|ospf6|isis|rip|ripng|eigrp)\b/.test(text)) return 'deletes the routing protocol and every neighbour and route it carries';
  if (/^no ip route 0\.0\.0\.0\/0\b|^no ip route 0\.0\.0\.0 0\.0\.0\.0\b|^no ipv6 route ::\/0\b/.test(text)) return 'deletes the default route';
  if (/^(?:wr(?:ite)? er(?:ase)?|erase (?:startup-config|nvram:|flash:|\/all)|write erase all)\b/.test(text)) return 'erases the saved configuration: the device boots blank';
  if (/^reload(?: |$)(?!.*\b(?:cancel|in \d|at \d))/.test(text)) return 'reloads the device: everything through it stops until it is back';
  if (/^request system (?:zeroize|reboot|halt|power-off|software rollback)\b/.test(text)) return text.includes('zeroize') ? 'erases every configuration and log of the device, back to factory state' : 'reboots or halts the device';
  if (/^(?:sudo )?config (?:reload|load_minigraph|qos clear)\b/.test(text)) return 'replaces the running configuration from a file: every session drops while it reloads';
  if (/^(?:sudo )?config bgp shutdown all\b/.test(text)) return 'shuts every BGP session down';
  if (/^delete (?:protocols(?: (?:bgp|ospf3?|isis|rip|mpls|ldp|rsvp))?|interfaces|routing-options|routing-instances|system|policy-options|firewall|security)$/.test(text)) return `deletes the device's whole ${text.split(' ')[1]} configuration when committed`;
  if (/^no username \S+/.test(text)) return 'deletes a login of the device';
  if (/^shut(?:down)?$/.test(text)) return 'shuts the interface down';
  return undefined;
}

/** The lines a gear CLI gets: vtysh's `-c` commands, `netmiko-cfg --cmd`, an Ansible module's `lines=`. */
function gearLines(texts: string[], flag: RegExp): string[] {
  const lines: string[] = [];
  for (let i = 0; i < texts.length; i++) if (flag.test(texts[i]!) && texts[i + 1] !== undefined) lines.push(...texts[i + 1]!.split(/\n|\\n/));
  return lines;
}

const hit = (command: SimpleCommand, word: Word | undefined, reason: string): Hit => ({word: written(word ?? command.argv[0]!), reason: `${command.program.value} ${reason}`});

// BIRD's commands: every protocol disabled, restarted or the daemon shut down.
const birdDanger = (text: string) => /^(?:disable|restart) (?:all\b|"?\*"?(?:\s|$))|^down\b/.test(text.trim().toLowerCase());

function routing(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = command.argv.slice(1);
  const texts = words.map((word) => knownText(word));
  const at = (pattern: RegExp) => words[texts.findIndex((text) => pattern.test(text))];
  switch (name) {
    case 'vtysh': {
      // Configuration mode's `shutdown` only counts after `interface …`: `shutdown` of a neighbour is one session.
      const lines = gearLines(texts, /^(?:-c|--command)$/);
      let inInterface = false;
      for (const line of [...lines, ...(fedText(command) ?? '').split('\n')]) {
        if (/^\s*int(?:erface)?\s/i.test(line)) inInterface = true;
        else if (/^\s*(?:exit|end|router|neighbor)\b/i.test(line)) inInterface = false;
        const danger = gearDanger(line);
        if (danger && (!/^shut/.test(line.trim()) || inInterface)) return hit(command, at(/^(?:-c|--command)$/), `runs \`${line.trim()}\`, which ${danger}`);
      }

      return null;
    }

    case 'birdc':
    case 'birdcl':
    case 'birdc6': {
      const code = texts.filter((text) => !text.startsWith('-') && !/^\/|\.ctl$/.test(text)).join(' ');
      const line = [code, ...(fedText(command) ?? '').split('\n')].find(birdDanger);
      return line ? hit(command, words.at(-1), `${line.trim()} stops every BGP and OSPF session the daemon runs: its routes are withdrawn`) : null;
    }

    case 'gobgp':
      return /^global rib (?:del|delete) all\b/.test(texts.filter((text, i) => !text.startsWith('-') && !/^-/.test(texts[i - 1] ?? '')).join(' ')) ? hit(command, at(/^(?:del|delete)$/), 'global rib del all withdraws every route the speaker announces') : null;
    case 'exabgpcli':
      return texts.includes('shutdown') ? hit(command, at(/^shutdown$/), 'shutdown stops ExaBGP: every route it announces is withdrawn') : null;
    case 'ovs-vsctl': {
      const verb = words.find((word) => word.known && /^(?:del-br|del-port|emer-reset)$/.test(word.value));
      if (!verb || texts.includes('--dry-run')) return null;
      const target = words[words.indexOf(verb) + 1];
      if (target?.known && command.madeNetwork?.has(`ovs ${target.value}`)) return null;
      // One VM's or container's port (`del-port br-int tap1234`) passes; the uplink or the bridge does not.
      const port = verb.value === 'del-port' ? words.slice(words.indexOf(verb) + 1).filter((word) => !word.value?.startsWith('-')).at(-1) : undefined;
      if (port?.known && virtualLink.test(port.value)) return null;
      return hit(command, verb, `${verb.value}${target ? ` ${knownText(target)}` : ''} ${verb.value === 'emer-reset' ? 'clears the whole switch configuration' : 'removes the bridge or port, and the traffic through it stops'}`);
    }

    case 'ovs-ofctl': {
      const at2 = texts.findIndex((text) => text === 'del-flows');
      // Every flow of the bridge: no match given after it. A bridge the code made is its own.
      const named = texts.slice(at2 + 1).filter((text) => !text.startsWith('-'));
      if (at2 === -1 || command.madeNetwork?.has(`ovs ${named[0]}`)) return null;
      return named.length === 1 ? hit(command, words[at2], 'del-flows deletes every flow of the bridge: it forwards nothing') : null;
    }

    case 'ovn-nbctl':
    case 'ovn-sbctl': {
      const verb = words.find((word) => word.known && /^(?:ls-del|lr-del|chassis-del|lr-route-del|acl-del|lr-nat-del|lr-policy-del|lb-del)$/.test(word.value));
      if (!verb) return null;
      const operands = texts.slice(words.indexOf(verb) + 1).filter((text) => !text.startsWith('-'));
      // A route, ACL, NAT rule or policy deleted by name passes; with only the router or switch named, all of them go.
      if (/-(?:route|acl|nat|policy)-del$/.test(verb.value!) && operands.length > 1) return null;
      return hit(command, verb, `${verb.value} ${operands.join(' ')} deletes a logical switch or router, or all its routes, ACLs or NAT rules`);
    }

    case 'brctl':
      return (texts[0] === 'delbr' || texts[0] === 'delif') && !(texts[0] === 'delif' && virtualLink.test(texts[2] ?? '')) ? hit(command, words[0], `${texts[0]} ${texts.slice(1).join(' ')} takes the bridge or its port away: the network through it is cut off`) : null;
    case 'ifenslave':
      return texts.some((text) => /^(?:-d|--detach)$/.test(text)) ? hit(command, at(/^(?:-d|--detach)$/), 'detaches the bond\'s ports: the network through it is cut off') : null;
    case 'tcset': {
      const loss = texts[texts.findIndex((text) => text === '--loss') + 1];
      return texts.includes('--loss') && loss !== undefined && Number.parseFloat(loss) >= 50 && !texts.includes('--tc-command') && !texts.includes('lo') ? hit(command, at(/^--loss$/), `--loss ${loss} drops most of the interface's traffic`) : null;
    }

    case 'snmpset':
      return /ifadminstatus\.\d+\s+i\s+2\b|1\.3\.6\.1\.2\.1\.2\.2\.1\.7\.\d+\s+i\s+2\b/i.test(texts.join(' ')) ? hit(command, words.at(-1), 'sets a port\'s ifAdminStatus to down: the link through it is cut off') : null;
    case 'netmiko-cfg': {
      const line = gearLines(texts, /^--cmd$/).find(gearDanger);
      return line ? hit(command, at(/^--cmd$/), `sends \`${line}\`, which ${gearDanger(line)}`) : null;
    }

    case 'ansible': {
      const module = texts[texts.findIndex((text) => text === '-m' || text === '--module-name') + 1] ?? '';
      const args = texts[texts.findIndex((text) => text === '-a' || text === '--args') + 1] ?? '';
      if (/(?:^|\.)(?:ios|nxos|eos|junos|vyos|iosxr|frr|sonic)_config$/.test(module)) {
        if (/\bzeroize\s*=\s*(?:yes|true)\b/i.test(args)) return hit(command, at(/^(?:-a|--args)$/), `-m ${module} zeroize=yes erases the device back to factory state`);
        const line = [...args.matchAll(/lines\s*=\s*['"]?([^'"]+)['"]?/g)].flatMap((match) => match[1]!.split(/,|\\n/)).find((candidate) => gearDanger(candidate));
        if (line) return hit(command, at(/^(?:-a|--args)$/), `-m ${module} sends \`${line.trim()}\`, which ${gearDanger(line)}`);
      }

      return /(?:^|\.)(?:ios|nxos|eos|junos|vyos|iosxr)_user$/.test(module) && /\bstate\s*=\s*absent\b/.test(args) ? hit(command, at(/^(?:-a|--args)$/), `-m ${module} state=absent deletes a login of the devices`) : null;
    }

    case 'curl': {
      // Kea's control channel wiping a subnet's leases; Arista's eAPI running a gear command.
      const body = texts.filter((_, i) => /^(?:-d|--data(?:-raw|-binary)?|--json)$/.test(texts[i - 1] ?? '')).join(' ');
      if (/"command"\s*:\s*"lease[46]-wipe"/.test(body)) return hit(command, words.at(-1), 'asks Kea to wipe every lease of the subnet: clients lose their addresses at renewal');
      const cmds = /"method"\s*:\s*"runCmds"[\s\S]*?"cmds"\s*:\s*\[([^\]]*)\]/.exec(body)?.[1];
      const line = cmds ? [...cmds.matchAll(/"([^"]*)"/g)].map((match) => match[1]!).find((candidate) => gearDanger(candidate)) : undefined;
      return line && httpMethod(command) !== 'GET' ? hit(command, words.at(-1), `sends eAPI \`${line}\`, which ${gearDanger(line)}`) : null;
    }

    default:
      return null;
  }
}

// The gear's own commands, when a Linux shell meets them on another host (`ssh sw1 'write erase'`): here they are other programs.
const gearWords = ['write', 'wr', 'erase', 'reload', 'request', 'config', 'delete', 'no', 'clear', 'sysupgrade', 'firstboot', 'mtd', 'WRITE', 'Write', 'WR', 'ERASE', 'RELOAD', 'Reload'];

function remoteGear(command: SimpleCommand): Hit | null {
  if (!command.where) return null;
  const line = [command.program.value!, ...command.argv.slice(1).map((word) => knownText(word))].join(' ');
  const danger = gearDanger(line);
  if (danger) return {word: written(command.argv[0]!), reason: `\`${line}\` ${danger}`};
  // OpenWrt: an upgrade that keeps no settings, a factory reset, raw flash written.
  if (/^sysupgrade\b.*\s-n\b|^firstboot\b|^mtd\b.*\s(?:write|erase)\s/.test(line)) return {word: written(command.argv[0]!), reason: `\`${line}\` wipes the device's settings or writes its flash`};
  return null;
}

export const networkGear: BuiltinRule[] = [
  {
    id: 'system.routing-down',
    pack: 'system',
    level: 'deny',
    reason: "stops a router's, switch's or routing daemon's traffic or loses its configuration: every BGP session reset, a routing protocol or the default route deleted, the saved configuration erased, the device reloaded or zeroized, a virtual switch's bridge, ports or flows deleted",
    alternative: 'make the change at the device with a rollback ready (commit confirmed, reload in), or one neighbour or port at a time',
    match: {program: ['vtysh', 'birdc', 'birdcl', 'birdc6', 'gobgp', 'exabgpcli', 'ovs-vsctl', 'ovs-ofctl', 'ovn-nbctl', 'ovn-sbctl', 'brctl', 'ifenslave', 'tcset', 'snmpset', 'netmiko-cfg', 'ansible', 'curl', ...gearWords]},
    check: (command) => (gearWords.includes(command.program.value!) ? remoteGear(command) : routing(command)),
    examples() {
      return {
        refuse: [
          "vtysh -c 'clear ip bgp *'", "vtysh -c 'configure terminal' -c 'no router bgp 65001'", "vtysh -c 'conf t' -c 'interface eno1' -c 'shutdown'", "vtysh -c 'configure terminal' -c 'no ip route 0.0.0.0/0 192.0.2.1'",
          'birdc disable all', 'birdc down', `birdc disable '"*"'`, 'gobgp -p 50051 global rib del all', "echo 'disable all' | birdc", 'gobgp global rib del all -a ipv4', 'exabgpcli shutdown', 'ovs-vsctl del-br br-ex', 'ovs-vsctl -- --if-exists del-port br-ex eno1', 'ovs-ofctl del-flows br-int',
          'ovn-nbctl ls-del sw-tenant-42', 'ovn-nbctl lr-route-del lr-edge', 'brctl delif br0 eno1', 'ifenslave -d bond0 eno1', 'tcset eth0 --loss 100%', 'snmpset -v2c -c private sw-dist-3 IF-MIB::ifAdminStatus.10101 i 2',
          "ssh admin@sw-core-1 'write erase'", "ssh admin@sw1 'wr er'", "ssh admin@rtr-edge-2 'reload'", "ssh netops@mx1 'request system zeroize'", "ssh admin@leaf1 'sudo config reload -y'", "ssh netops@mx1 <<'EOF'\nconfigure exclusive\ndelete protocols bgp\ncommit and-quit\nEOF",
          "netmiko-cfg --cmd 'no router bgp 65000' core-routers", "ansible core -m cisco.ios.ios_config -a \"lines='no router bgp 65000'\"", "ansible mx -m junipernetworks.junos.junos_config -a 'zeroize=yes'", "ssh root@ap1 'firstboot -y'",
          `curl -s -X POST -d '{"command":"lease4-wipe","service":["dhcp4"],"arguments":{"subnet-id":1}}' http://127.0.0.1:8000/`,
        ],
        allow: [
          "vtysh -c 'show ip bgp summary'", "vtysh -c 'clear ip bgp * soft in'", "vtysh -c 'conf t' -c 'router bgp 65001' -c 'neighbor 192.0.2.7 shutdown'", 'birdc show protocols', 'birdc reload in all', 'birdc disable peer_ix1', 'gobgp neighbor',
          'ovs-vsctl show', 'ovs-vsctl --if-exists del-port br-int tap1234', 'brctl delif br0 vnet3', "ssh netops@mx1 'delete protocols bgp group ix neighbor 192.0.2.7'", 'ovs-vsctl add-br br-lab && ovs-vsctl del-br br-lab', 'ovs-vsctl --dry-run del-br br-ex', 'ovs-ofctl dump-flows br-int', 'ovs-vsctl add-br br-t0 && ovs-ofctl del-flows br-t0', 'ovs-ofctl del-flows br-int "table=5,cookie=0x1/-1"', 'ovn-nbctl show', 'ovn-nbctl lr-route-del lr-edge 10.0.0.0/24',
          'tcset lo --loss 100%', 'snmpget -v2c -c public sw1 IF-MIB::ifOperStatus.1', "ssh admin@sw-core-1 'show running-config'", "ssh admin@rtr1 'reload in 10'", 'write alice', "netmiko-cfg --cmd 'show version' core", 'echo no router bgp 1',
        ],
      };
    },
  },
];
