// Research computing beyond the batch scheduler: parallel filesystems (GPFS / Spectrum Scale,
// BeeGFS), the cluster managers that power and reinstall nodes (xCAT, Warewulf), shared
// software stacks (Spack), data movers (Globus, iRODS). What deletes a filesystem, a fileset or
// a project's data, or takes every node down at once, is refused; one node, listings and dry
// runs pass.
import type {SimpleCommand} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {readCommand} from './hits.js';

// A noderange of more than one node: a bracketed or comma list, a range, `all`, or a group (a name that does not end in a node's number).
const manyNodes = (range: string | undefined) => range !== undefined && (/[[\],]|^all$/.test(range) || /\d-\w*\d/.test(range) || !/\d$/.test(range));
// The root of an iRODS zone, a home or project collection, or a Globus collection's first levels.
const shallow = (path: string) => path.replace(/^[^:]*:/, '').replace(/\/+$/, '').split('/').filter(Boolean).length <= 3 && !/^\/?~/.test(path.replace(/^[^:]*:/, ''));

function hpc(command: SimpleCommand): Hit | null {
  const {name, texts, hit} = readCommand(command);
  // Flags as written: GPFS's `-N` is not `-n`.
  const flag = (pattern: RegExp) => texts.findIndex((text) => pattern.test(text));
  const all = flag(/^(?:-a|--all)$/);
  switch (name) {
    case 'mmdelfs':
      return hit(0, `${texts.slice(0, 1).join('')} deletes the GPFS filesystem and every file in it`.trim());
    case 'mmdelfileset':
      return hit(1, `${texts.slice(0, 2).join(' ')} deletes the fileset${flag(/^-f$/) === -1 ? '' : ' and every file in it (-f)'}`);
    case 'mmdelnode':
      return all === -1 ? null : hit(all, '-a deletes every node from the GPFS cluster');
    case 'mmshutdown':
    case 'mmumount': {
      // `-N all` names the node class of every node, as -a does.
      const nodes = texts.indexOf('-N');
      const every = all !== -1 ? all : nodes !== -1 && texts[nodes + 1]?.toLowerCase() === 'all' ? nodes : -1;
      return every === -1 ? null : hit(every, `-a ${name === 'mmshutdown' ? 'stops GPFS' : 'unmounts the filesystems'} on every node of the cluster at once`);
    }

    case 'beegfs-ctl':
      return flag(/^--removenode$/) === -1 ? null : hit(flag(/^--removenode$/), '--removenode takes a storage or metadata node out of the filesystem, with what only it holds');
    case 'rpower':
      return manyNodes(texts[0]) && /^(?:off|reset|boot|cycle|softoff)$/.test(texts[1] ?? '') ? hit(1, `${texts[0]} ${texts[1]} powers off or resets every node of the range at once`) : null;
    case 'rinstall':
    case 'winstall':
      return manyNodes(texts.find((text) => !text.startsWith('-'))) ? hit(0, `${texts[0]} reinstalls the nodes of the range: their disks are wiped`) : null;
    case 'rmdef':
      return all === -1 ? null : hit(all, '-a deletes every object definition xCAT has: nodes, groups, networks, images');
    case 'wwctl': {
      const power = texts[0] === 'power' && /^(?:off|reset|cycle|soft)$/.test(texts[1] ?? '') && (texts[2] === undefined || manyNodes(texts[2]));
      return power ? hit(1, `power ${texts.slice(1, 3).join(' ')} powers off or resets the nodes at once`) : null;
    }

    case 'spack':
      // `--all SPEC` removes the installs of that spec; a bare `--all` empties the stack.
      return texts[0] === 'uninstall' && all !== -1 && !texts.slice(1).some((text) => !text.startsWith('-')) ? hit(all, 'uninstall --all removes every package of the shared software stack') : null;
    case 'irm':
      return flag(/^-[a-z]*r[a-z]*$/) !== -1 && flag(/^-[a-z]*f[a-z]*$/) !== -1 && texts.some((text) => text.startsWith('/') && shallow(text)) ? hit(flag(/^-[a-z]*r[a-z]*$/), `${texts.join(' ')} deletes the collection for good, past the trash`) : null;
    case 'globus': {
      if (texts[0] === 'delete' && flag(/^(?:-r|--recursive)$/) !== -1 && flag(/^(?:--dry-run)$/) === -1 && texts.some((text) => /:/.test(text) && shallow(text))) return hit(flag(/^(?:-r|--recursive)$/), 'delete --recursive deletes the folder and everything in it on the collection');
      const extra = flag(/^--delete(?:-destination-extra)?$/);
      return texts[0] === 'transfer' && extra !== -1 && flag(/^--dry-run$/) === -1 ? hit(extra, `transfer ${texts[extra]} deletes every file at the destination that the source lacks`) : null;
    }

    default:
      return null;
  }
}

export const hpcRules: BuiltinRule[] = [
  {
    id: 'system.hpc-cluster',
    pack: 'system',
    level: 'deny',
    reason: "deletes a parallel filesystem, fileset or project's data, or takes every node down or reinstalls them (GPFS, BeeGFS, xCAT, Warewulf, Spack, Globus, iRODS)",
    alternative: 'do it one node or one folder at a time, after a dry run where there is one',
    match: {program: ['mmdelfs', 'mmdelfileset', 'mmdelnode', 'mmshutdown', 'mmumount', 'beegfs-ctl', 'rpower', 'rinstall', 'winstall', 'rmdef', 'wwctl', 'spack', 'irm', 'globus']},
    check: hpc,
    examples() {
      return {
        refuse: [
          'mmdelfs gpfs01 -p', 'mmdelfileset projfs chem_lab -f', 'mmdelnode -a', 'mmshutdown -a', 'mmshutdown -N all', 'mmumount all -a', 'beegfs-ctl --removenode --nodetype=meta 2', 'rpower compute off', 'rinstall compute osimage=rocky9-x86_64-install-compute',
          'rmdef -a -f', 'wwctl power off n[0001-0256]', 'spack uninstall --all -y', 'irm -rf /tempZone/home/proj_chem', 'globus delete --recursive 6c54cade:/projects/', 'globus transfer --recursive --delete-destination-extra src:/scratch/empty/ dst:/archive/',
          "ssh -t nsd01 'sudo /usr/lpp/mmfs/bin/mmdelfs scratch -p'", "xdsh compute 'mmshutdown -a'", "wwctl ssh 'n[001-064]' 'spack uninstall --all -y'",
        ],
        allow: [
          'mmlsfs all', 'mmdelnode -N n042', 'mmshutdown -N n042', 'mmumount scratch -N n042', 'beegfs-ctl --listnodes --nodetype=storage', 'rpower n042 stat', 'rpower n042 reset', 'rinstall n042 osimage=rocky9-compute', 'wwctl power cycle n0042', 'spack uninstall --all -y gcc@9.4.0', 'irm -rf /tempZone/home/alice/tmp/run42', 'globus delete -r ep:/~/scratch/tmp1', 'rpower compute status', 'lsdef -t node', 'wwctl node list', 'wwctl power status n[0001-0004]',
          'spack uninstall -y zlib@1.2.13', 'spack find', 'irm /tempZone/home/alice/old.dat', 'globus delete --dry-run -r src:/scratch/alice/tmp', 'globus transfer --recursive src:/data dst:/archive/data', 'globus ls src:/',
        ],
      };
    },
  },
];
