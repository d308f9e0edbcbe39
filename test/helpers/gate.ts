import {writeFileSync} from 'node:fs';
import {join} from 'node:path';

/**
 * A command that must live "long enough" for a test to act on it waits at a gate instead of
 * sleeping a fixed time: a loaded machine can start the next guard later than any sleep lasts.
 * `wait` is a shell snippet that returns once the test opens the gate, or exits the shell with
 * 9 after about `seconds` (a minute), so a test that fails before it opens the gate leaves no command
 * behind for long.
 */
export interface Gate {
  wait: string;
  open(): void;
}

/** A gate whose file lives in `dir` (a test's own folder). */
export function gate(dir: string, name: string, seconds = 60): Gate {
  const file = join(dir, `gate-${name}`);
  return {wait: waitFor(file, seconds), open: () => writeFileSync(file, '')};
}

/** The shell snippet of a gate that opens when `file` exists (the test writes it). */
export function waitFor(file: string, seconds = 60): string {
  return `waited=0; until [ -e ${file} ]; do waited=$((waited + 1)); [ $waited -le ${seconds * 20} ] || exit 9; sleep 0.05; done`;
}
