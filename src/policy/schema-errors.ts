// The policy's own failures, all EX_CONFIG (78): a file the schema rejects, a layer that
// tries to disarm an earlier one, a file unsafe to load. No zod here, so the cached and
// default paths can throw them without loading the schema.
import {GuardError} from '../errors.js';
import {exitStatus} from '../exit-status.js';

/** A policy that is invalid or unsafe to load: nothing runs (exit 78). */
export class PolicyError extends GuardError {
  constructor(message: string) {
    super(message, exitStatus.policyInvalid);
  }
}

/** One thing wrong with a policy file, at a field path such as `rules[3].match.regex`. */
export interface PolicyIssue {
  /** `rules[3].match.regex`, or empty for the file as a whole. */
  path: string;
  message: string;
}

/** A policy file the schema or the layering rejects; every issue is kept, the first is the message. */
export class PolicyInvalid extends PolicyError {
  constructor(
    readonly source: string,
    readonly issues: readonly PolicyIssue[],
  ) {
    const first = issues[0] ? issueLine(source, issues[0]) : `${source}: invalid policy`;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more: guard policy validate lists them)` : '';
    super(first + more);
  }

  /** One line per issue: `FILE: rules[3].match.regex: invalid regular expression`. */
  lines(): string[] {
    return this.issues.map((issue) => issueLine(this.source, issue));
  }
}

function issueLine(source: string, issue: PolicyIssue): string {
  return issue.path ? `${source}: ${issue.path}: ${issue.message}` : `${source}: ${issue.message}`;
}

const identifier = /^[A-Za-z_$][\w$]*$/;

/** `['rules', 3, 'match', 'regex']` → `rules[3].match.regex`; odd keys are quoted: `jobs["db backup"]`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && identifier.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }

  return text;
}
