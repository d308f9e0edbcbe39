/**
 * The policy decision for an analysed command: every simple command it would run against the
 * built-in rules of the enabled packs (with the policy's overrides), the policy's own rules,
 * and path protection; what the shell layer could not see, and a script file that could not
 * be read, are refused by the analysis pack's rules. Pure: the caller gives the home folder
 * and the path resolver, and has read the script files.
 *
 *   evaluate(await analyzeScript('sudo rm -rf "$DIR/"', shell), defaultPolicy(), context)
 *     → deny, fs.rm-root: `rm -rf / would delete the root filesystem ("$DIR/" is /)`
 */
import type {Problem, SimpleCommand, Word} from '../shell/index.js';
import {matches} from './match.js';
import {problemReasons, problemRule} from './packs/analysis.js';
import {knowsTargetsOf} from './destructive.js';
import {builtinRules} from './packs/index.js';
import {pathFindings} from './protection.js';
import {commandText, spelled, written} from './spelling.js';
import type {BuiltinRule, Decision, EvaluationContext, Finding, Hit, Inspection, Level, Policy, Rule, UnreadScript, Verdict} from './types.js';

const rank: Record<Verdict | 'off', number> = {off: -1, allow: 0, warn: 1, confirm: 2, deny: 3};

/**
 * The rule's level after the policy's override: lowering or lifting needs `overridable` (or, for
 * a built-in rule the machine may lower, the merge's word that a system or user layer did it);
 * raising never does.
 */
export function effectiveLevel(rule: Rule & Pick<BuiltinRule, 'lowerable'>, override: Policy['overrides'][string] | undefined): Level | 'off' {
  if (!override) return rule.level;
  if (rule.overridable || rule.lowerable || rank[override.level] > rank[rule.level]) return override.level;
  return rule.level;
}

interface Active {
  rule: BuiltinRule;
  level: Level;
  /** The reason of the layer that set the rule's level, said instead of the built-in one. */
  own?: string;
}

function activeRules(policy: Policy): Map<string, Active> {
  const active = new Map<string, Active>();
  const packs: Partial<Record<string, boolean>> = policy.packs;
  for (const rule of builtinRules()) {
    // The always-on packs have no switch.
    if (packs[rule.pack] === false) continue;
    const override = policy.overrides[rule.id];
    const level = effectiveLevel(rule, override);
    if (level === 'off') continue;
    active.set(rule.id, override?.reason !== undefined && level === override.level ? {rule, level, own: override.reason} : {rule, level});
  }

  return active;
}

const programOf = (command: SimpleCommand) => command.program.value ?? '';

function appliesTo(rule: BuiltinRule, command: SimpleCommand): boolean {
  const programs = rule.match.program;
  return programs.length === 0 || programs.includes('*') || programs.includes(programOf(command));
}

/** Whether a rule's `checkAll` has anything to see: some command names one of its programs, or it names none. */
const namesAny = (rule: BuiltinRule, named: Set<string>) => rule.match.program.length === 0 || rule.match.program.some((program) => program === '*' || named.has(program));

/**
 * Whether this policy judges a program by its name: a rule in force names it, or guard knows
 * what it destroys or writes. A symlink to such a program is taken for it.
 */
export function judgesProgram(policy: Policy): (name: string) => boolean {
  let named: Set<string> | undefined;
  return (name) => {
    named ??= new Set([...[...activeRules(policy).values()].map(({rule}) => rule), ...policy.rules].flatMap((rule) => rule.match.program));
    return named.has(name) || knowsTargetsOf(name);
  };
}

/** Everything that decides: also usable by `guard check` to explain. */
export function evaluate(analysis: Inspection, policy: Policy, context: EvaluationContext): Decision {
  const active = activeRules(policy);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (finding: Finding) => {
    const key = [finding.rule, finding.location.file, finding.location.line, finding.location.column, finding.word, finding.reason].join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };

  for (const problem of analysis.problems) {
    const rule = active.get(problemRule(problem.kind));
    if (rule) add(problemFinding(problem, analysis.commands, rule));
  }

  const unreadable = active.get('script.unreadable');
  if (unreadable) for (const script of analysis.unread ?? []) add(unreadFinding(script, unreadable));
  const builtins = [...active.values()];
  const perCommand = builtins.filter(({rule}) => !rule.firedBy && !(!rule.check && rule.checkAll));
  // The rules that look at a program, in pack order: most commands are checked against a few.
  const rulesFor = new Map<string, Active[]>();
  for (const command of analysis.commands) {
    const program = programOf(command);
    let rules = rulesFor.get(program);
    if (!rules) rulesFor.set(program, (rules = perCommand.filter(({rule}) => appliesTo(rule, command))));
    // A function's call, or a script's that guard walked: its commands are judged in their turn; only its redirections here.
    const byName = command.calls === undefined;
    for (let i = 0; byName && i < rules.length; i++) {
      const {rule, level, own} = rules[i]!;
      const hit = builtinHit(rule, command, context);
      if (hit) add(finding(command, rule, level, ownReason(command, hit, own), 'built-in'));
    }

    for (const rule of byName ? policy.rules : []) {
      const override = policy.overrides[rule.id];
      const level = effectiveLevel(rule, override);
      if (level === 'off') continue;
      const word = matches(command, rule.match, context);
      // A later layer that set the level says why in its own words.
      const said = override?.reason === undefined ? rule : {...rule, reason: override.reason};
      if (word) add(finding(command, rule, level, {word: written(word), reason: ruleReason(command, word, said)}, rule.source));
    }

    for (const found of pathFindings(command, policy, context, (id) => active.has(id))) {
      const builtin = active.get(found.rule);
      // A paths.* finding names the policy file whose glob it enforces.
      if (builtin) add(finding(command, builtin.rule, builtin.level, ownReason(command, {word: written(found.word), reason: found.reason}, builtin.own), found.source ?? 'built-in'));
    }
  }

  const named = new Set(rulesFor.keys());
  for (const {rule, level, own} of builtins) {
    if (!rule.checkAll || !namesAny(rule, named)) continue;
    for (const {command, hit} of rule.checkAll(analysis.commands, context)) add(finding(command, rule, level, ownReason(command, hit, own), 'built-in'));
  }

  const verdict = findings.reduce<Verdict>((strongest, {level}) => (rank[level] > rank[strongest] ? level : strongest), 'allow');
  return {findings, verdict};
}

/**
 * What a built-in rule finds in a command. A rule with its own `check` still has the rest of
 * its `match` (a subcommand, flags it needs or must not see, a pattern) applied first: the
 * check narrows the match, it does not replace it.
 */
export function builtinHit(rule: BuiltinRule, command: SimpleCommand, context: EvaluationContext): Hit | null {
  if (!rule.check) return hitOf(command, rule, context);
  const {subcommand, allFlags, anyFlags, noFlags, operandsUnder, regex} = rule.match;
  const narrowed = subcommand ?? allFlags ?? anyFlags ?? noFlags ?? operandsUnder ?? regex;
  if (narrowed !== undefined && !matches(command, rule.match, context)) return null;
  return rule.check(command, context);
}

function hitOf(command: SimpleCommand, rule: Rule, context: EvaluationContext): Hit | null {
  const word = matches(command, rule.match, context);
  return word ? {word: written(word), reason: ruleReason(command, word, rule)} : null;
}

/**
 * A built-in rule's hit, in the words of the layer that set its level when one did, after
 * the command's words up to the one that matched: `git reset --hard: CI clones are thrown away`.
 */
function ownReason(command: SimpleCommand, hit: Hit, own: string | undefined): Hit {
  if (own === undefined) return hit;
  const words = command.argv.map((word) => written(word));
  const at = words.indexOf(hit.word);
  const program = command.program.value ?? written(command.program);
  const lead = at === -1 ? (hit.word === '' ? program : `${program} ${hit.word}`) : at < leadWords ? words.slice(0, at + 1).join(' ') : `${words[0]} … ${hit.word}`;
  return {...hit, reason: `${lead}: ${own}`};
}

// A command's words up to the one a rule matched, when that is among the first few.
const leadWords = 6;

/** `helm uninstall: is not done here`: the program, the word that matched, the rule's reason. */
function ruleReason(command: SimpleCommand, word: Word, rule: Rule): string {
  const program = command.program.value ?? written(command.program);
  return `${word === command.argv[0] ? program : `${program} ${spelled(word)}`}: ${rule.reason}`;
}

function finding(command: SimpleCommand, rule: Rule, level: Level, hit: Hit, source: string): Finding {
  // Judged as if it ran here, and said where it runs: `on prod-db: rm -rf / would delete …`.
  const reason = hit.reason ?? rule.reason;
  return {
    rule: rule.id,
    level,
    reason: command.where ? `${command.where}: ${reason}` : reason,
    word: hit.word,
    command: commandText(command),
    location: command.location,
    ...(rule.alternative ? {alternative: rule.alternative} : {}),
    source,
  };
}

/** What the shell layer could not see is refused: guard cannot vouch for it. */
function problemFinding(problem: Problem, commands: SimpleCommand[], {rule, level, own}: Active): Finding {
  const at = commands.find((command) => command.location.line === problem.line && command.location.column === problem.column && command.location.file === problem.file);
  const word: Word | undefined = problem.kind === 'dynamic-program' ? at?.program : at?.argv[0];
  return {
    rule: rule.id,
    level,
    reason: own === undefined ? problemReasons[problem.kind](problem) : `${(word && written(word)) || at?.location.text || rule.id}: ${own}`,
    word: word ? written(word) : '',
    command: at ? commandText(at) : '',
    location: {line: problem.line, column: problem.column, text: at?.location.text ?? '', ...(problem.file === undefined ? {} : {file: problem.file})},
    ...(rule.alternative ? {alternative: rule.alternative} : {}),
    source: 'built-in',
  };
}

/** A script file guard could not read: what it cannot read, it cannot vouch for. */
function unreadFinding(script: UnreadScript, {rule, level, own}: Active): Finding {
  return {
    rule: rule.id,
    level,
    reason: own === undefined ? `${script.problem}: guard cannot vouch for a script it cannot read` : `${script.file}: ${own}`,
    word: script.file,
    command: script.file,
    // No line to point at: the reason names the file.
    location: {column: 1, line: 1, text: script.file},
    ...(rule.alternative ? {alternative: rule.alternative} : {}),
    source: 'built-in',
  };
}
