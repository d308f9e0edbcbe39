import {codeFromWords} from './code.js';
import type {Stdin, Tap} from './frame.js';
import {decoded} from './decoders.js';
import {echoOutput, printfOutput} from './printf.js';
import type {CodeText, SimpleCommand} from './types.js';

/** What `echo …`, `printf FORMAT ARGS…`, `cat <<EOF` or a decoder of known text print, for `… | sh`; undefined where guard cannot say. */
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

    case 'base64':
    case 'xxd': {
      // A decoder fed text guard knows (`echo cm0gLXJm… | base64 -d`): what it decodes to, for the whole pipe.
      const input = stdin?.kind === 'heredoc' || stdin?.kind === 'herestring' ? (stdin.code.unknowns.size === 0 ? stdin.code.text : undefined) : stdin ? undefined : command.piped?.text;
      if (input === undefined || !args.every((word) => word.known)) return undefined;
      const text = decoded([command.program.value, ...args.map((word) => word.value!)], input);
      return text === undefined ? undefined : {text, unknowns: new Map(), whole: true};
    }

    case 'cat':
      return args.length === 0 && (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring') ? stdin.code : undefined;
    default:
      return undefined;
  }
}

/** What the commands upstream in a pipe print together: the one command's output, or a decoder's that accounts for the whole pipe before it. */
export function tapOutput(tap: Tap): CodeText | undefined {
  if (tap.commands.length === 1) return tap.outputs.get(tap.commands[0]!);
  const last = tap.outputs.get(tap.commands.at(-1)!);
  return last?.whole ? last : undefined;
}
