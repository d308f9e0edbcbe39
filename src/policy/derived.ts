// Commands that another program builds from its arguments and the shell layer does not unwrap:
// `parallel rm -rf ::: /etc /usr` runs `rm -rf /etc` and `rm -rf /usr`.
import {posix} from 'node:path';
import {type SimpleCommand, type Word, normalizeOptions} from '../shell/index.js';

const parallelValues = ['-j', '-P', '--jobs', '-S', '--sshlogin', '--joblog', '--results', '-a', '--arg-file', '--colsep', '-d', '--delimiter', '-E', '-I', '--timeout', '--delay', '--tmpdir', '--workdir', '-n', '--max-args', '-N', '--max-replace-args', '-L', '--max-lines', '--tag-string', '--memfree', '--load', '--retries'];
const stdin: Word = {value: null, known: false, raw: '(parallel input)', why: 'arguments parallel reads from its input'};
const fromFile: Word = {value: null, known: false, raw: '(parallel file)', why: 'arguments parallel reads from a file'};

function parallel(command: SimpleCommand): SimpleCommand[] {
  const args = command.argv.slice(1);
  const separator = args.findIndex((word) => word.value === ':::' || word.value === '::::' || word.value === ':::+');
  const own = separator === -1 ? args : args.slice(0, separator);
  const {operands} = normalizeOptions(own, {takesValue: parallelValues, stopAtOperand: true});
  const head = operands[0];
  if (!head?.known) return [];
  const inputs: Word[] = separator === -1 ? [stdin] : args[separator]!.value === '::::' ? [fromFile] : args.slice(separator + 1).filter((word) => !word.value?.startsWith(':::'));
  const template = operands;
  const runs = template.some((word) => word.value?.includes('{}')) ? inputs.map((input) => template.map((word) => (word.value?.includes('{}') ? (input.known ? {...word, value: word.value.replaceAll('{}', input.value)} : input) : word))) : [[...template, ...inputs]];
  return runs.map((argv) => ({...command, program: {value: posix.basename(head.value), known: true, raw: head.raw}, argv, via: [...command.via, 'parallel']}));
}

/** The commands this one runs that the shell layer leaves as arguments. */
export function derivedCommands(command: SimpleCommand): SimpleCommand[] {
  return command.program.value === 'parallel' ? parallel(command) : [];
}
