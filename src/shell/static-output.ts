import {codeFromWords} from './code.js';
import type {Stdin} from './frame.js';
import {echoOutput, printfOutput} from './printf.js';
import type {CodeText, SimpleCommand} from './types.js';

/** What `echo …`, `printf FORMAT ARGS…` or `cat <<EOF` print, for `… | sh`; undefined where guard cannot say. */
export function staticOutput(command: SimpleCommand, stdin: Stdin | undefined): CodeText | undefined {
  // A wrapper, or a function of the code's own named echo or printf, prints what it will.
  if (command.wrappers.length > 0 || command.calls !== undefined) return undefined;
  const args = command.argv.slice(1);
  switch (command.program.value) {
    case 'echo': {
      if (args.every((word) => word.known)) {
        const text = echoOutput(args.map((word) => word.value!));
        return text === undefined ? undefined : {text, unknowns: new Map()};
      }

      // Words known only when it runs (`echo "$CMD" | sh`): the code with those parts unknown.
      const newline = args[0]?.value === '-n' ? '' : '\n';
      const rest = newline ? args : args.slice(1);
      if (rest.some((word) => word.value?.startsWith('-') || word.value?.includes('\\'))) return undefined;
      const code = codeFromWords(rest);
      return {text: code.text + newline, unknowns: code.unknowns};
    }

    case 'printf': {
      const words = args[0]?.value === '--' ? args.slice(1) : args;
      if (words.length === 0 || !words.every((word) => word.known)) return undefined;
      const text = printfOutput(words[0]!.value!, words.slice(1).map((word) => word.value!));
      return text === undefined ? undefined : {text, unknowns: new Map()};
    }

    case 'cat':
      return args.length === 0 && (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring') ? stdin.code : undefined;
    default:
      return undefined;
  }
}
