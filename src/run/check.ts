import {log} from '../log.js';
import {loadPolicy, policyFiles} from '../policy-files/index.js';
import {exitStatus} from '../exit-status.js';
import {auditDbPath, stateDir} from '../paths.js';
import {printJson, printLine} from '../print.js';
import type {Decision} from '../policy/types.js';
import {redactStrings} from '../redact/redactor.js';
import {decide} from './decide.js';
import {runRedactor} from './redaction.js';
import type {RunContext} from './request.js';
import {decisive, findingLine, refusalLine} from './verdict.js';

export interface CheckRequest {
  command: string[];
  json: boolean;
  policy: string | undefined;
  yes: boolean;
}

const headlines = {
  allow: 'allowed',
  confirm: 'needs confirmation: refused without a terminal or --yes',
  deny: 'refused',
  warn: 'allowed, with warnings',
} as const;

/** Whether the decision stops the run: a deny always, a confirm unless accepted. */
export function refuses(decision: Decision, accepted: boolean): boolean {
  return decision.verdict === 'deny' || (decision.verdict === 'confirm' && !accepted);
}

/** The policy's decision alone, explained; never runs any part of the command. */
export async function checkCommand(request: CheckRequest, context: RunContext): Promise<number> {
  const loaded = await loadPolicy({cwd: context.cwd, env: context.env, policyFlag: request.policy});
  const redactor = runRedactor(loaded.settings);
  const {programs, ...decided} = await decide({
    argv: request.command,
    cwd: context.cwd,
    env: context.env,
    policy: loaded.policy,
    stateDir: stateDir(context.env),
    auditDb: auditDbPath({env: context.env}),
    policyFiles: policyFiles(loaded, context),
  });
  redactor.protect(programs);
  // Findings quote words of the command, secrets included: each field is masked on its own,
  // before it is framed in a line.
  const decision = {...decided, findings: redactStrings(redactor, decided.findings)};
  const refused = refuses(decision, request.yes);
  if (request.json) {
    printJson('stdout', {verdict: decision.verdict, refused, findings: decision.findings}, {oneLine: true});
  } else {
    const headline = decision.verdict === 'confirm' && request.yes ? 'allowed (confirmed with --yes)' : headlines[decision.verdict];
    for (const line of [headline, ...decision.findings.map((finding) => `  ${findingLine(finding)}`)]) printLine('stdout', line);
  }

  if (refused) log().error(refusalLine(decisive(decision)!, decision.findings.length - 1));
  return refused ? exitStatus.refused : 0;
}
