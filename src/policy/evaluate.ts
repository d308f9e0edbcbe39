/**
 * The policy decision for an analysed command: every simple command it would run against the
 * built-in rules of the enabled packs (with the policy's overrides), the policy's own rules,
 * and path protection; what the shell layer could not see is refused. Pure: the caller gives
 * the home folder and the path resolver.
 *
 *   evaluate(await analyzeScript('sudo rm -rf "$DIR/"', shell), defaultPolicy(), context)
 *     → deny, fs.rm-root: `rm -rf / would delete the root filesystem ("$DIR/" is /)`
 */
import type {Analysis, Problem, SimpleCommand, Word} from '../shell/index.js';
import {matches} from './match.js';
import {builtinRules} from './packs/index.js';
import {pathFindings} from './protection.js';
import {commandText, spelled, written} from './spelling.js';
import {derivedCommands} from './derived.js';
import type {BuiltinRule, Decision, EvaluationContext, Finding, Hit, Level, Policy, Rule, Verdict} from './types.js';

const rank: Record<Verdict | 'off', number> = {off: -1, allow: 0, warn: 1, confirm: 2, deny: 3};

/** The rule's level after the policy's override: lowering or lifting needs `overridable`, raising never does. */
export function effectiveLevel(rule: Rule, override: Policy['overrides'][string] | undefined): Level | 'off' {
  if (!override) return rule.level;
  if (rule.overridable || rank[override.level] > rank[rule.level]) return override.level;
  return rule.level;
}

interface Active {
  rule: BuiltinRule;
  level: Level;
}

function activeRules(policy: Policy): Map<string, Active> {
  const active = new Map<string, Active>();
  for (const rule of builtinRules()) {
    if (!policy.packs[rule.pack]) continue;
    const level = effectiveLevel(rule, policy.overrides[rule.id]);
    if (level !== 'off') active.set(rule.id, {rule, level});
  }

  return active;
}

const programOf = (command: SimpleCommand) => command.program.value ?? '';

function appliesTo(rule: BuiltinRule, command: SimpleCommand): boolean {
  const programs = rule.match.program;
  return programs.length === 0 || programs.includes('*') || programs.includes(programOf(command));
}

/** Everything that decides: also usable by `guard check` to explain. */
export function evaluate(analysis: Analysis, policy: Policy, context: EvaluationContext): Decision {
  const active = activeRules(policy);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (finding: Finding) => {
    const key = [finding.rule, finding.location.file, finding.location.line, finding.location.column, finding.word, finding.reason].join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };

  for (const problem of analysis.problems) add(problemFinding(problem, analysis.commands));
  const builtins = [...active.values()];
  const perCommand = builtins.filter(({rule}) => !rule.byPath && !(!rule.check && rule.checkAll));
  // The rules that look at a program, in pack order: most commands are checked against a few.
  const rulesFor = new Map<string, Active[]>();
  const commands = analysis.commands.flatMap((command) => [command, ...derivedCommands(command)]);
  for (const command of commands) {
    const program = programOf(command);
    let rules = rulesFor.get(program);
    if (!rules) rulesFor.set(program, (rules = perCommand.filter(({rule}) => appliesTo(rule, command))));
    for (let i = 0; i < rules.length; i++) {
      const {rule, level} = rules[i]!;
      const hit = rule.check ? rule.check(command, context) : hitOf(command, rule, context);
      if (hit) add(finding(command, rule, level, hit, 'built-in'));
    }

    for (const rule of policy.rules) {
      const level = effectiveLevel(rule, policy.overrides[rule.id]);
      if (level === 'off') continue;
      const word = matches(command, rule.match, context);
      if (word) add(finding(command, rule, level, {word: written(word), reason: ruleReason(command, word, rule)}, rule.source));
    }

    for (const found of pathFindings(command, policy, context, (id) => active.has(id))) {
      const builtin = active.get(found.rule);
      const hit = {word: written(found.word), reason: found.reason};
      if (builtin) add(finding(command, builtin.rule, builtin.level, hit, 'built-in'));
      else if (found.rule.startsWith('paths.')) add(finding(command, {id: found.rule, level: 'deny', reason: found.reason, match: {program: []}}, 'deny', hit, found.source ?? 'policy'));
    }
  }

  for (const {rule, level} of builtins) {
    if (!rule.checkAll) continue;
    for (const {command, hit} of rule.checkAll(analysis.commands, context)) add(finding(command, rule, level, hit, 'built-in'));
  }

  const verdict = findings.reduce<Verdict>((strongest, {level}) => (rank[level] > rank[strongest] ? level : strongest), 'allow');
  return {findings, verdict};
}

function hitOf(command: SimpleCommand, rule: Rule, context: EvaluationContext): Hit | null {
  const word = matches(command, rule.match, context);
  return word ? {word: written(word), reason: ruleReason(command, word, rule)} : null;
}

/** `helm uninstall: is not done here`: the program, the word that matched, the rule's reason. */
function ruleReason(command: SimpleCommand, word: Word, rule: Rule): string {
  const program = command.program.value ?? written(command.program);
  return `${word === command.argv[0] ? program : `${program} ${spelled(word)}`}: ${rule.reason}`;
}

function finding(command: SimpleCommand, rule: Rule, level: Level, hit: Hit, source: string): Finding {
  return {
    rule: rule.id,
    level,
    reason: hit.reason ?? rule.reason,
    word: hit.word,
    command: commandText(command),
    location: command.location,
    ...(rule.alternative ? {alternative: rule.alternative} : {}),
    source,
  };
}

const problemReasons: Record<Problem['kind'], (problem: Problem) => string> = {
  syntax: (problem) => `the script does not parse at line ${problem.line}, column ${problem.column}: ${problem.message}`,
  'too-deep': (problem) => `code is nested too deeply to check: ${problem.message}`,
  'dynamic-program': (problem) => `the program to run cannot be known before it runs: ${problem.message.replace(/^the program is not known: /, '')}`,
  unanalysable: (problem) => problem.message,
};

const problemAlternatives: Partial<Record<Problem['kind'], string>> = {
  syntax: 'fix the script so that `bash -n` accepts it',
  'dynamic-program': 'name the program in the command itself',
  unanalysable: 'download the script, review it, then run the file',
};

/** What the shell layer could not see is refused: guard cannot vouch for it. */
function problemFinding(problem: Problem, commands: SimpleCommand[]): Finding {
  const at = commands.find((command) => command.location.line === problem.line && command.location.column === problem.column && command.location.file === problem.file);
  const word: Word | undefined = problem.kind === 'dynamic-program' ? at?.program : at?.argv[0];
  const alternative = problemAlternatives[problem.kind];
  return {
    rule: `shell.${problem.kind}`,
    level: 'deny',
    reason: problemReasons[problem.kind](problem),
    word: word ? written(word) : '',
    command: at ? commandText(at) : '',
    location: {line: problem.line, column: problem.column, text: at?.location.text ?? '', ...(problem.file === undefined ? {} : {file: problem.file})},
    ...(alternative ? {alternative} : {}),
    source: 'built-in',
  };
}
