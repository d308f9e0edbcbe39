// A policy's declarative rule against one simple command: the program, its leading operands,
// its options read the way the program reads them, operands under paths, and last a regex.
import {compileRegex, type LinearRegex} from '../linear-regex.js';
import {type SimpleCommand, type Word, normalizeOptions} from '../shell/index.js';
import {globMatcher, policyGlob} from './globs.js';
import type {CommandMatch, EvaluationContext} from './types.js';

// Compiled once per run (src/linear-regex.ts), on first use: re2js loads only for a policy that has a pattern.
function compiled(source: string): LinearRegex | null {
  try {
    return compileRegex(source);
  } catch {
    return null;
  }
}

/** `program arg1 arg2…`, the text a rule's regex sees: expanded words, unknown ones as written. */
export function normalizedText(command: SimpleCommand): string {
  return [command.program.value ?? command.program.raw, ...command.argv.slice(1).map((word) => (word.known ? word.value : word.raw))].join(' ');
}

/** The word that made the rule match, or null when it does not. All given conditions must hold. */
export function matches(command: SimpleCommand, match: CommandMatch, context: EvaluationContext): Word | null {
  const program = command.program;
  if (!program.known) return null;
  if (match.program.length > 0 && !match.program.includes(program.value) && !match.program.includes('*')) return null;
  let culprit: Word = command.argv[0] ?? program;
  const args = command.argv.slice(1);
  const needsOptions = match.subcommand || match.allFlags || match.anyFlags || match.noFlags || match.operandsUnder;
  if (needsOptions) {
    const options = normalizeOptions(args, match.options ?? {});
    const operands = options.operands;
    const sub = match.subcommand ?? [];
    for (const [i, name] of sub.entries()) {
      if (operands[i]?.value !== name) return null;
      culprit = operands[i]!;
    }

    if (match.allFlags && !match.allFlags.every((flag) => options.flags.has(flag))) return null;
    if (match.anyFlags) {
      const flag = match.anyFlags.find((name) => options.flags.has(name));
      if (!flag) return null;
      culprit = flagWord(args, flag, match) ?? culprit;
    } else if (match.allFlags?.[0]) culprit = flagWord(args, match.allFlags[0], match) ?? culprit;

    if (match.noFlags?.some((flag) => options.flags.has(flag))) return null;
    if (match.operandsUnder) {
      const under = operandUnder(operands.slice(sub.length), match.operandsUnder, command, context);
      if (!under) return null;
      culprit = under;
    }
  }

  if (match.regex !== undefined) {
    const regex = compiled(match.regex);
    // A pattern that does not compile cannot prove a command safe: it matches (fails closed).
    if (regex && !regex.test(normalizedText(command))) return null;
  }

  return culprit;
}

/** The word that spells an option, in any of its spellings (`-rf` for `-r`, `--rec` for `--recursive`). */
function flagWord(args: Word[], flag: string, match: CommandMatch): Word | undefined {
  return args.find((word) => word.known && normalizeOptions([word], {...match.options, takesValue: []}).flags.has(flag));
}

function operandUnder(operands: Word[], globs: string[], command: SimpleCommand, context: EvaluationContext): Word | undefined {
  const cwd = command.cwd.known ? command.cwd.value : undefined;
  const matchers = globs.map((glob) => globMatcher(policyGlob(glob, context.home, cwd)));
  return operands.find((word) => {
    // What guard cannot know may be anywhere: an unknown operand or cwd counts as under.
    if (!word.known) return true;
    if (!word.value.startsWith('/') && cwd === undefined) return true;
    const path = context.resolvePath(word.value, cwd ?? '/');
    return matchers.some((matcher) => matcher(path.lexical) || matcher(path.resolved));
  });
}
