// The descriptors a shell has open for reading, as `exec` leaves them for what follows:
// `exec < x.sh; bash` and `exec 3< x.sh; bash <&3` run x.sh as `bash < x.sh` does.
import type {Stdin} from './frame.js';
import type {Redirect, Word} from './types.js';

/**
 * What the descriptors hold: an input guard follows, or null for the input the shell was started
 * with (`exec 3<&0`), which is guard's own and no more seen than a plain `bash`'s.
 */
export type Inputs = ReadonlyMap<number, Stdin | null>;

/** The part of a shell's state (state.ts) that holds them. */
interface Holder {
  inputs: Inputs | undefined;
}

/** What a descriptor guard cannot follow holds: a shell reading its code from it is refused as code guard cannot see. */
export const unknownInput = (fd: number, why: string): Stdin => ({kind: 'file', target: {value: null, known: false, raw: `descriptor ${fd}`, why}});

/** The input a redirect `<&N` (or `0>&N`) gives: what `exec` opened on N, or nothing when N is the shell's own input. */
export function duplicated(target: Word, state: Holder): Stdin | undefined {
  if (!target.known) return unknownInput(0, `the descriptor it reads is only known when it runs (${target.why})`);
  // A descriptor bash numbered itself (`exec {fd}< x.sh`, then `<&$fd`): guard does not follow which.
  if (/\$/.test(target.raw) && !/^\d+$/.test(target.value)) return unknownInput(0, `the descriptor ${target.raw} names is opened where guard does not follow it`);
  if (!/^\d+$/.test(target.value)) return undefined;
  const fd = Number(target.value);
  const held = state.inputs?.get(fd);
  if (held !== undefined) return held ?? undefined;
  // 0, and the outputs 1 and 2 (`bash -i >& /dev/tcp/… 0>&1`: where the command's own redirects
  // send them, which the rules on those redirects judge), are no script guard follows here.
  return fd <= 2 ? undefined : unknownInput(fd, `descriptor ${fd} is opened outside the code guard reads`);
}

/** `exec` with redirects and no command: its descriptors stay open, and what reads them later reads what they name. */
export function execRedirects(redirects: readonly Redirect[], stdin: Stdin | undefined, state: Holder): void {
  const inputs = new Map<number, Stdin | null>(state.inputs ?? []);
  for (const {op, fd: given, target} of redirects) {
    const fd = given ?? (op.startsWith('<') ? 0 : 1);
    // The terminal read again (`exec < /dev/tty`) is the shell's own input, as a plain `bash`'s.
    if ((op === '<' || op === '<>') && target.known && /^\/dev\/(?:tty|stdin|fd\/0)$/.test(target.value)) inputs.set(fd, null);
    else if (op === '<' || op === '<>') inputs.set(fd, {kind: 'file', target});
    else if (op === '<<' || op === '<<-' || op === '<<<') inputs.set(fd, fd === 0 && stdin ? stdin : unknownInput(fd, `descriptor ${fd} holds a heredoc guard does not follow there`));
    else if ((op === '<&' || op === '>&') && !(target.known && target.value === '-')) {
      const from = target.known && /^\d+$/.test(target.value) ? Number(target.value) : undefined;
      // A copy of the shell's own input (`exec 3<&0`) is that input still.
      const source = from === undefined ? duplicated(target, state) : inputs.has(from) ? inputs.get(from) : from === 0 ? null : unknownInput(from, `descriptor ${from} is opened outside the code guard reads`);
      if (source === undefined || (source === null && fd === 0)) inputs.delete(fd);
      else inputs.set(fd, source);
    } else inputs.delete(fd);
  }

  state.inputs = inputs.size > 0 ? inputs : undefined;
}

/** The descriptors after one of several paths ran: one the paths leave differently is not known. */
export function mergedInputs(paths: readonly Holder[]): Inputs | undefined {
  const first = paths[0]?.inputs;
  if (paths.every((path) => path.inputs === first)) return first;
  const fds = new Set(paths.flatMap((path) => [...(path.inputs?.keys() ?? [])]));
  const merged = new Map<number, Stdin | null>();
  for (const fd of fds) {
    // Not opened on a path: the shell's own input there, for descriptor 0; closed, for the others.
    const each = paths.map((path) => (path.inputs?.has(fd) ? path.inputs.get(fd)! : fd === 0 ? null : undefined));
    if (each.every((one) => one === each[0])) {
      if (each[0] !== undefined) merged.set(fd, each[0]);
    } else merged.set(fd, unknownInput(fd, `descriptor ${fd} is opened differently on the paths the code may take`));
  }

  return merged;
}
