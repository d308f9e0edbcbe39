// The system pack's rule for the GPUs a machine's jobs run on: a GPU reset, its MIG instances
// destroyed, or every process that holds a GPU killed. A training run loses what it had not
// checkpointed, and a shared node's jobs are everyone's.
import {type SimpleCommand, normalizeOptions} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {args, asking, has, say} from './hits.js';

/** `nvidia-smi -r`/`--gpu-reset`; `nvidia-smi mig -dci`/`-dgi` without the instances named. */
function nvidiaSmi(command: SimpleCommand): Hit | null {
  const words = args(command);
  if (asking(words)) return null;
  const reset = has(words, '-r', '--gpu-reset');
  if (reset) return say(command, words, 'resets the GPU: every process on it is killed, and what a job had not saved is lost', reset);
  if (words[0]?.value !== 'mig') return null;
  const destroy = has(words, '-dci', '--destroy-compute-instance', '-dgi', '--destroy-gpu-instance');
  // One instance named (`-gi 1 -ci 0`) is the operator's; none destroys every one, with the work on it.
  // `-ci` alone still acts on every GPU instance: one is named by its `-gi`.
  const named = words.find((word) => word.known && /^(?:-gi|--gpu-instance-id)(?:=|$)/.test(word.value));
  return destroy && !named ? say(command, words, 'destroys every MIG instance of the GPUs: every job running on them is killed', destroy) : null;
}

/** `fuser -k /dev/nvidia*`, `/dev/nvidiactl`, `/dev/nvidia-uvm`: every process that holds any GPU. */
function fuserGpus(command: SimpleCommand): Hit | null {
  const {flags, operands} = normalizeOptions(args(command), {takesValue: ['-n', '--namespace', '-SIGNAL']});
  const kills = flags.has('-k') || flags.has('--kill') || args(command).some((word) => word.known && /^-[a-zA-Z]*k/.test(word.value));
  if (!kills) return null;
  const every = operands.find((word) => word.known && /^\/dev\/nvidia(?:\*|ctl$|-uvm$)/.test(word.value));
  return every ? say(command, args(command), 'kills every process that uses a GPU: every job on the node', every) : null;
}

export const gpuRules: BuiltinRule[] = [
  {
    id: 'system.gpu-reset',
    pack: 'system',
    level: 'deny',
    reason: 'resets a GPU, destroys every MIG instance, or kills every process that holds a GPU: the jobs running on them are lost',
    alternative: 'drain the node first (scontrol update state=drain, kubectl drain), then reset the one idle GPU by its index',
    match: {program: ['nvidia-smi', 'fuser']},
    check: (command) => (command.program.value === 'fuser' ? fuserGpus(command) : nvidiaSmi(command)),
    examples() {
      return {
        refuse: [
          'nvidia-smi mig -dci -ci 0','sudo nvidia-smi -r', 'nvidia-smi --gpu-reset -i 0,1,2,3', 'sudo nvidia-smi mig -dci', 'nvidia-smi mig --destroy-gpu-instance', 'sudo fuser -k -9 /dev/nvidia*', 'fuser -k /dev/nvidia-uvm', "ssh gpu-node-07 'sudo nvidia-smi --gpu-reset -i 2'"],
        allow: [
          'nvidia-smi mig -dci --gpu-instance-id=1','nvidia-smi', 'nvidia-smi -q -d MEMORY', 'nvidia-smi -pm 1', 'nvidia-smi mig -dci -ci 0 -gi 1 -i 0', 'nvidia-smi mig -lgi', 'fuser -v /dev/nvidia*', 'nvidia-smi --help', 'fuser -k 8080/tcp'],
      };
    },
  },
];
