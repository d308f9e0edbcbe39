import {codeFromAtoms, codeFromWords} from './code.js';
import {atomsOf} from './expand.js';
import type {Stdin} from './frame.js';
import {echoOutput, printfOutput} from './printf.js';
import type {CodeText, SimpleCommand} from './types.js';

/** What `echo …`, `printf TEXT` or `cat <<EOF` print, for `… | sh`. */
export function staticOutput(command: SimpleCommand, stdin: Stdin | undefined): CodeText | undefined {
  if (command.wrappers.length > 0) return undefined;
  const args = command.argv.slice(1);
  switch (command.program.value) {
    case 'echo': {
      // Options or escapes: bash's echo, worked out where every word is known (`echo -e '\x72m'`).
      if (args.every((word) => word.known)) return {text: echoOutput(args.map((word) => word.value!)), unknowns: new Map()};
      const newline = args[0]?.value === '-n' ? '' : '\n';
      const rest = newline ? args : args.slice(1);
      if (rest.some((word) => word.value?.startsWith('-') || word.value?.includes('\\'))) return undefined;
      const code = codeFromWords(rest);
      return {text: code.text + newline, unknowns: code.unknowns};
    }

    case 'printf': {
      const words = args[0]?.value === '--' ? args.slice(1) : args;
      if (words.length > 0 && words[0]!.value !== '-v' && words.every((word) => word.known)) {
        const text = printfOutput(words[0]!.value!, words.slice(1).map((word) => word.value!));
        return text === undefined ? undefined : {text, unknowns: new Map()};
      }

      const format = args.length === 1 ? args[0]! : undefined;
      if (!format?.known || format.value.includes('%')) return undefined;
      if (!format.value.includes('\\')) return codeFromAtoms(atomsOf(format));
      // The escapes of a format with no conversions: `printf '#!/bin/sh\nrm -rf /\n'`.
      const escapes: Record<string, string> = {n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'", r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v'};
      if (/\\(?![ntr\\"'abfv])/.test(format.value)) return undefined;
      return {text: format.value.replace(/\\([ntr\\"'abfv])/g, (_, ch: string) => escapes[ch]!), unknowns: new Map()};
    }

    case 'cat':
      return args.length === 0 && (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring') ? stdin.code : undefined;
    default:
      return undefined;
  }
}
