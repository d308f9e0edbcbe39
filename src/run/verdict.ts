import type {Decision, Finding} from '../policy/types.js';

const strength = {warn: 1, confirm: 2, deny: 3} as const;

/** The finding that decided: the strongest, the first of its level. */
export function decisive(decision: Decision): Finding | undefined {
  return [...decision.findings].sort((a, b) => strength[b.level] - strength[a.level])[0];
}

function where(finding: Finding): string {
  const {file, line} = finding.location;
  return file ? ` at ${file}:${line}` : '';
}

/** The one line a refusal prints: rule id, where, and the reason naming the word. */
export function refusalLine(finding: Finding, others: number): string {
  const more = others > 0 ? ` (and ${others} more: guard check explains)` : '';
  return `refused by rule ${finding.rule}${where(finding)}: ${finding.reason}${more}`;
}

export function findingLine(finding: Finding): string {
  const alternative = finding.alternative ? ` Instead: ${finding.alternative}` : '';
  return `${finding.level} ${finding.rule}${where(finding)}: ${finding.reason} [word: ${finding.word}]${alternative}`;
}

/** The line a warn rule prints before the command runs anyway. */
export function warningLine(finding: Finding): string {
  return `warning by rule ${finding.rule}${where(finding)}: ${finding.reason}`;
}
