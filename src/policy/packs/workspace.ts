// Workplace SaaS and directory administration from the command line: Google Workspace through
// GAM, Microsoft 365 and Entra ID (m365, mgc, az rest against Graph), Atlassian's acli, Dropbox,
// Box, Salesforce, LastPass and 1Password in bulk, GitHub organisations, Slack clean-ups. Deleting
// accounts, sites, teams, projects or an organisation, purging mail across users, or making
// everyone an administrator is refused; listings, previews and one item's routine change pass.
import type {SimpleCommand} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {ghEndpoint, httpMethod, readCommand} from './hits.js';

/** GAM's command, as GAM reads it: keywords in any case, underscores dropped (`DELETE Users`, `DO_IT`); `gam csv FILE gam …` runs the inner command per row. */
function gamDanger(texts: string[]): string | undefined {
  const words = texts.map((text) => text.toLowerCase().replace(/_/g, ''));
  const inner = words.indexOf('gam');
  const line = (inner !== -1 && words[0] === 'csv' ? words.slice(inner + 1) : words).join(' ');
  if (/(?:^|\s)delete (?:user|users)\b/.test(line)) return 'deletes the accounts with their mail and files';
  if (/\bdelete messages\b.*\bdoit\b/.test(line)) return 'purges mail for good (doit), across the users it names';
  if (/\bdelete (?:shareddrive|teamdrive)\b.*\ballowitemdeletion\b/.test(line)) return 'deletes the shared drive with every file in it';
  if (/\bpurge drivefile\b/.test(line)) return 'purges files for good, past the trash';
  if (/\ball users\b.*\b(?:turnoff2sv|deprovision)\b/.test(line)) return "turns off every user's 2-step verification or deprovisions every user";
  if (/\bcreate admin \S+ "?super ?admin\b/.test(line)) return 'makes the account a Super Admin';
  return undefined;
}

// Microsoft Graph's objects whose DELETE takes an account, a group, an app or a soft-deleted object away for good.
const graphDelete = /graph\.microsoft\.com\/(?:v1\.0|beta)\/(?:users|groups|applications|servicePrincipals|directory\/deletedItems|identity\/conditionalAccess\/policies)\/[^/?\s]+\/?$/i;

function workspace(command: SimpleCommand): Hit | null {
  const {name, words, texts, lower, at, hit} = readCommand(command);
  const line = lower.filter((text) => !text.startsWith('-')).join(' ');
  // Help and rehearsals as written: `-H` is gh's header option, not help.
  if (texts.some((text) => /^(?:--help|-h|help|--dry-run|--preview)$/.test(text))) return null;
  switch (name) {
    case 'gam': {
      const danger = gamDanger(texts);
      return danger ? hit(at(/^(?:delete|purge|turnoff2sv|deprovision|create)$/), danger) : null;
    }

    case 'm365':
      return /\b(?:spo site|teams team|entra user|aad user|entra group|aad group|entra m365group|aad o365group|spo tenant recyclebinitem) remove\b/.test(line) ? hit(at(/^remove$/), `${line.split(' ').slice(0, 3).join(' ')} deletes it, with what it holds`) : null;
    case 'mgc':
      return /^(?:users|groups|applications) delete\b/.test(line) ? hit(at(/^delete$/), `${line.split(' ').slice(0, 2).join(' ')} deletes the directory object`) : null;
    case 'az': {
      if (lower[0] !== 'rest') return null;
      const method = lower[at(/^(?:--method|-m)$/) + 1];
      const url = texts[at(/^(?:--url|--uri|-u)$/) + 1] ?? '';
      const body = lower[at(/^(?:--body|-b)$/) + 1] ?? '';
      if (method === 'delete' && graphDelete.test(url)) return hit(at(/^(?:--url|--uri|-u)$/), `rest DELETE ${url} deletes the directory object`);
      if (method === 'patch' && /identitySecurityDefaultsEnforcementPolicy/i.test(url) && /"isenabled"\s*:\s*false/.test(body)) return hit(0, 'rest turns Entra ID security defaults off');
      // Global Administrator's role template id.
      return method === 'post' && /roleAssignments/i.test(url) && /62e90394-69f5-4237-9190-012177145e10/.test(body) ? hit(0, 'rest makes the principal a Global Administrator') : null;
    }

    case 'acli':
      if (/^jira (?:project delete|workitem delete .*--jql|issue delete .*--jql)\b/.test(line) || (line.startsWith('jira workitem delete') && at(/^--jql$/) !== -1)) return hit(at(/^delete$/), `${line.split(' ').slice(0, 3).join(' ')} deletes the project or every work item the query finds`);
      return /^(?:confluence space delete|admin user delete)\b/.test(line) ? hit(at(/^delete$/), `${line.split(' ').slice(0, 3).join(' ')} deletes the space or the accounts`) : null;
    case 'dbxcli':
      return lower[0] === 'rm' && at(/^--permanent$/) !== -1 && at(/^-r$|^--recursive$/) !== -1 ? hit(0, 'rm -r --permanent deletes the folder for good, past version history') : null;
    case 'box':
      return /^(?:users|folders):delete$/.test(lower[0] ?? '') && at(/^(?:--force|-f)$/) !== -1 ? hit(0, `${lower[0]} --force deletes it with its content`) : null;
    case 'sf':
    case 'sfdx':
      if (/^project deploy start\b/.test(line) && at(/^--purge-on-delete$/) !== -1 && at(/^--(?:pre|post)-destructive-changes$/) !== -1) return hit(at(/^--purge-on-delete$/), 'project deploy start with destructive changes and --purge-on-delete deletes the components, and their data, past the recycle bin');
      return /^data delete bulk\b/.test(line) && at(/^--hard-delete$/) !== -1 ? hit(at(/^--hard-delete$/), 'data delete bulk --hard-delete deletes the records past the recycle bin') : null;
    case 'lpass':
      return lower[0] === 'share' && (lower[1] === 'rm' || lower[1] === 'delete') ? hit(1, `share ${lower[1]} deletes the shared folder and every item in it`) : null;
    case 'op':
      return lower[0] === 'item' && lower[1] === 'delete' && lower.includes('-') && at(/^--archive$/) === -1 ? hit(1, 'item delete - deletes every item piped in, for good') : null;
    case 'slack-cleaner':
      return at(/^--perform$/) !== -1 ? hit(at(/^--perform$/), '--perform deletes the messages or files it matched') : null;
    case 'gh': {
      if (lower[0] !== 'api') return null;
      const method = httpMethod(command);
      const path = texts.slice(1).map(ghEndpoint).find((text) => /^\/?orgs\//.test(text)) ?? '';
      if (method === 'DELETE' && /^\/?orgs\/[^/]+\/?$/.test(path)) return hit(0, `api DELETE ${path} deletes the organisation with every repository`);
      if (method === 'PATCH' && /^\/?orgs\/[^/]+\/?$/.test(path) && lower.some((text) => /^default_repository_permission=admin$/.test(text))) return hit(0, 'api gives every member admin over every repository');
      return method === 'PUT' && /^\/?orgs\/[^/]+\/memberships\/[^/]+$/.test(path) && lower.includes('role=admin') ? hit(0, `api makes ${path.split('/').at(-1)} an owner of the organisation`) : null;
    }

    default:
      return null;
  }
}

export const workspaceRules: BuiltinRule[] = [
  {
    id: 'cloud.workspace-delete',
    pack: 'cloud',
    level: 'deny',
    reason: "deletes accounts, sites, teams, shared drives, projects or an organisation of a workplace SaaS, purges mail across users, or makes everyone (or one account) an administrator (GAM, m365, mgc, az rest to Graph, acli, dbxcli, box, sf, lpass, op, slack-cleaner, gh api on an organisation)",
    alternative: 'suspend or archive first; preview (GAM without doit, slack-cleaner without --perform); change one item by hand',
    match: {program: ['gam', 'm365', 'mgc', 'az', 'acli', 'dbxcli', 'box', 'sf', 'sfdx', 'lpass', 'op', 'slack-cleaner', 'gh']},
    check: workspace,
    examples() {
      return {
        refuse: [
          'gam delete user bob.smith@example.com', 'gam all users delete messages query "before:2021/01/01" doit', 'gam delete shareddrive 0AFgT1xyz allowitemdeletion', "gam user carol@example.com purge drivefile query \"modifiedTime < '2022-01-01'\"", 'gam csv leavers.csv gam delete user "~primaryEmail"',
          'gam DELETE Users ou "/Contractors"', 'gam all users delete messages query "before:2019/01/01" DO_IT', 'gam all users turnoff2sv', 'gam create admin contractor@example.com "Super Admin" customer',
          'az rest --method DELETE --url "https://graph.microsoft.com/v1.0/groups/02bd9fd6"', 'm365 spo site remove --url https://contoso.sharepoint.com/sites/finance --skipRecycleBin --force', 'm365 teams team remove --name Falcon --force', 'mgc users delete --user-id ada@contoso.com',
          'acli jira project delete --key OPS', 'acli jira workitem delete --jql "project = OPS" --yes', 'dbxcli rm -r --permanent "/Finance/Archive"', 'box users:delete 33333 --force', 'sf data delete bulk --sobject Contact --file x.csv --hard-delete --target-org prod',
          'lpass share rm "Shared-Infra"', 'op item list --vault Staging --format=json | op item delete -', 'slack-cleaner --token "$T" --message --channel general --user "*" --perform', 'gh api -X DELETE /orgs/acme-legacy', 'gh api -X PATCH orgs/acme -f default_repository_permission=admin',
          'gh api -X PUT orgs/acme/memberships/contractor1 -f role=admin', 'gh api -H "X-GitHub-Api-Version: 2022-11-28" -X DELETE /orgs/acme-legacy', 'gh api -X DELETE https://api.github.com/orgs/acme-legacy',
        ],
        allow: [
          'gam print users', 'gam info user bob@example.com', 'gam all users delete messages query "before:2021/01/01"', 'gam undelete user bob@example.com', 'gam update org /Leavers add users bob@example.com', 'gam create user new@example.com firstname N lastname U',
          'az rest --method GET --url "https://graph.microsoft.com/v1.0/groups"', 'az rest --method DELETE --url "https://graph.microsoft.com/v1.0/groups/02bd9fd6/members/abc/$ref"', 'm365 spo site list', 'mgc users list', 'acli jira project list', 'dbxcli rm "/Finance/old.pdf"', 'dbxcli rm -r --permanent --dry-run "/Finance/Archive"',
          'box users:delete --help', 'sf org delete scratch --target-org dev-scratch --no-prompt', 'op item delete "Old token" --archive', 'op vault list', 'slack-cleaner --token "$T" --message --channel general --user "*"', 'gh api orgs/acme/members', 'gh api -X DELETE orgs/acme/members/contractor1',
        ],
      };
    },
  },
];

/** A developer platform's CLI that deletes a project, environment or service, resets a gateway, or purges a whole CDN. */
function platformTool(command: SimpleCommand): Hit | null {
  const {name, words, texts, lower, at, hit} = readCommand(command);
  const line = lower.filter((text) => !text.startsWith('-')).join(' ');
  if (at(/^(?:--help|help|--dry-run)$/) !== -1) return null;
  switch (name) {
    case 'ldcli':
      return /^(?:projects|environments) delete\b/.test(line) ? hit(at(/^delete$/), `${line.split(' ').slice(0, 2).join(' ')} deletes it with every flag and its targeting`) : null;
    case 'flipt':
      return lower[0] === 'import' && at(/^--drop$/) !== -1 ? hit(at(/^--drop$/), 'import --drop deletes every flag and segment before importing') : null;
    case 'fastly':
      if (lower[0] === 'purge' && at(/^--all$/) !== -1) return hit(at(/^--all$/), 'purge --all empties the whole cache: every request goes to the origin at once');
      return /^service delete\b/.test(line) ? hit(at(/^delete$/), 'service delete deletes the service and its configuration') : null;
    case 'akamai':
      return /^purge\b/.test(line) && at(/^--cpcode$|^cpcode$/) !== -1 ? hit(at(/^--cpcode$|^cpcode$/), 'purge by CP code empties the cache of every URL it serves') : null;
    case 'deck':
      if (/^(?:gateway )?reset\b/.test(line)) return hit(at(/^reset$/), 'reset deletes every entity of the Kong gateway');
      return /^(?:gateway )?sync\b/.test(line) && texts.some((text) => /(?:^|\/)empty\.ya?ml$/.test(text)) ? hit(at(/^sync$/), 'sync of an empty state file deletes every entity of the gateway') : null;
    case 'kong':
      return lower[0] === 'migrations' && lower[1] === 'reset' ? hit(1, "migrations reset drops Kong's whole database") : null;
    case 'kongctl':
      return lower[0] === 'delete' ? hit(0, `delete ${texts.slice(1, 3).join(' ')} deletes it with what it holds`) : null;
    case 'apigeecli':
      return /^(?:apis|envs|environments|products|developers|apps|kvms|orgs) delete\b/.test(line) ? hit(at(/^delete$/), `${line.split(' ').slice(0, 2).join(' ')} deletes it`) : null;
    case 'travis':
      return lower[0] === 'env' && lower[1] === 'clear' ? hit(1, "env clear deletes every environment variable and secret of the repository's builds") : null;
    case 'stripe': {
      // Live mode (`--live`, or a live secret key in the environment); test mode is the Stripe CLI's default.
      const live = at(/^--live$/) !== -1 || /^(?:sk|rk)_live_/.test(command.env.STRIPE_API_KEY ?? '');
      return live && (lower[0] === 'delete' || lower[1] === 'delete') ? hit(at(/^delete$/), `${line.split(' ').slice(0, 2).join(' ')} deletes it in live mode`) : null;
    }

    default:
      return null;
  }
}

export const platformToolRules: BuiltinRule[] = [
  {
    id: 'cloud.platform-tool-delete',
    pack: 'cloud',
    level: 'deny',
    reason: "deletes a developer platform's project, environment or service, resets an API gateway, purges a whole CDN, or deletes in a payment provider's live mode (ldcli, flipt, fastly, akamai, deck, kong, kongctl, apigeecli, travis, stripe)",
    alternative: 'purge one URL or surrogate key; delete one flag or item; rehearse in test mode or with a dry run',
    match: {program: ['ldcli', 'flipt', 'fastly', 'akamai', 'deck', 'kong', 'kongctl', 'apigeecli', 'travis', 'stripe']},
    check: platformTool,
    examples() {
      return {
        refuse: [
          'ldcli projects delete --project legacy-web', 'ldcli environments delete --project checkout --environment production', 'flipt import --drop flags-export.yaml', 'fastly purge --all --service-id SU1Z0', 'fastly service delete --service-id SU1Z0 --force',
          'akamai purge --section ccu delete --cpcode 1234567', 'deck gateway reset --force', 'deck reset -f --kong-addr http://kong:8001', 'deck gateway sync empty.yaml', 'kong migrations reset --yes', 'kongctl delete gateway control-plane prod-eu --auto-approve',
          'apigeecli apis delete --name payments-v1 --org acme-prod', 'travis env clear --no-interactive --repo acme/web', 'stripe webhook_endpoints delete we_1Ng --live', 'stripe delete /v1/accounts/acct_1032 --live --confirm',
        ],
        allow: [
          'ldcli flags list --project web', 'ldcli flags delete --project sandbox --flag smoke-test', 'flipt import flags-export.yaml', 'fastly purge --url https://www.example.com/app.css', 'fastly purge --key product-123 --service-id SU1Z0', 'fastly service list',
          'deck gateway diff kong.yaml', 'deck gateway sync kong.yaml', 'kong migrations list', 'apigeecli apis list --org acme-prod', 'travis env list --repo acme/web', 'stripe customers delete cus_123', 'stripe webhook_endpoints list --live',
        ],
      };
    },
  },
];
