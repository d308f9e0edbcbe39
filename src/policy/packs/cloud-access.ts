// Who may reach what in the clouds: grants that make someone an administrator, data made
// readable by anyone on the internet, and the guards that record or stop misuse switched off.
// Read from the command's own words (a policy document given inline, JSON or shorthand); a
// policy in a file (`file://policy.json`) is read through the caller's port, as SQL files are.
import type {SimpleCommand, Word} from '../../shell/index.js';
import {written} from '../spelling.js';
import {readAt} from '../read-at.js';
import type {BuiltinRule, EvaluationContext, Hit} from '../types.js';

/** An AWS, gcloud or az command: its subcommand words, and its options (each `--name value` or `--name=value`; flags without). */
interface CloudCall {
  words: string[];
  options: Map<string, Word>;
  flags: Set<string>;
}

// Options of the three CLIs that take no value, where they could stand before a subcommand.
const cloudFlags = new Set(['-m', '--debug', '--no-verify-ssl', '--no-paginate', '--no-sign-request', '--no-cli-pager', '--dry-run', '--no-dry-run', '--quiet', '-q', '--verbose', '--only-show-errors', '--help', '-h', '--yes', '-y', '--set-as-default', '--append', '--force', '--async', '--no-wait']);

function callOf(command: SimpleCommand): CloudCall {
  const args = command.argv.slice(1);
  const call: CloudCall = {words: [], options: new Map(), flags: new Set()};
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    if (text === null || !text.startsWith('-') || text === '-') {
      call.words.push(text ?? '…');
      continue;
    }

    const eq = text.indexOf('=');
    if (eq !== -1) call.options.set(text.slice(0, eq), {...word, value: text.slice(eq + 1)} as Word);
    else if (cloudFlags.has(text) || args[i + 1] === undefined || args[i + 1]!.value?.startsWith('--')) call.flags.add(text);
    else call.options.set(text, args[++i]!);
  }

  return call;
}

const said = (call: CloudCall, count: number) => call.words.slice(0, count).join(' ');

/** A policy file's text, read through the port from the command's folder; undefined when it cannot be. */
function policyText(path: string, command: SimpleCommand, context: EvaluationContext): string | undefined {
  const at = path.startsWith('/') ? path : command.cwd.known ? `${command.cwd.value}/${path}` : undefined;
  const read = at === undefined ? undefined : readAt(at, command, context);
  return read && 'text' in read ? read.text : undefined;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A policy document as given: inline JSON, or the file `file://…` names, read through the port. */
function documentOf(word: Word | undefined, command: SimpleCommand, context: EvaluationContext): unknown {
  if (!word?.known) return undefined;
  const file = /^file:\/\/(.+)$/.exec(word.value)?.[1];
  return file === undefined ? parsed(word.value) : fileDocument(file, command, context);
}

/** The JSON document in a policy file a command names. */
function fileDocument(path: string, command: SimpleCommand, context: EvaluationContext): unknown {
  const text = policyText(path, command, context);
  return text === undefined ? undefined : parsed(text);
}

type Statement = {Effect?: unknown; Action?: unknown; NotAction?: unknown; Resource?: unknown; Principal?: unknown; Condition?: unknown};
const statementsOf = (document: unknown): Statement[] => {
  const list = (document as {Statement?: unknown} | undefined)?.Statement;
  return (Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : []).filter((item): item is Statement => Boolean(item) && typeof item === 'object');
};

const values = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const allows = (statement: Statement) => statement.Effect === 'Allow';
/** Every action (`*`, `iam:*` grants the rest) on every resource. */
const everything = (statement: Statement) => allows(statement) && (values(statement.Action).some((action) => action === '*' || action.toLowerCase() === 'iam:*') || statement.NotAction !== undefined) && values(statement.Resource).includes('*');
/** Anyone: `"Principal": "*"` or `{"AWS": "*"}`, with no condition that narrows it. */
const anyone = (statement: Statement) => {
  if (!allows(statement) || statement.Condition !== undefined) return false;
  const principal = statement.Principal;
  if (principal === '*') return true;
  return principal !== null && typeof principal === 'object' && Object.values(principal).some((value) => values(value).includes('*'));
};

const adminPolicies = /(?:^|\/)(?:AdministratorAccess|IAMFullAccess)$/;
const powerfulRoles = /^(?:roles\/)?(?:owner|editor|resourcemanager\.organizationAdmin|resourcemanager\.folderAdmin|iam\.securityAdmin|iam\.serviceAccountTokenCreator|iam\.serviceAccountKeyAdmin|iam\.roleAdmin)$/;
const publicMembers = /^(?:allUsers|allAuthenticatedUsers)$/;

/**
 * An OCI policy statement that lets anyone, or a whole group, manage every resource of the
 * tenancy: `Allow any-user to manage all-resources in tenancy`.
 */
function ociPolicy(command: SimpleCommand): Hit | null {
  const words = command.argv.slice(1);
  const texts = words.map((word) => word.value ?? '');
  const at = texts.findIndex((text, i) => text === 'iam' && texts[i + 1] === 'policy' && /^(?:create|update)$/.test(texts[i + 2] ?? ''));
  if (at === -1 || texts.includes('--help')) return null;
  const statements = words.find((word, i) => texts[i - 1] === '--statements' || texts[i]!.startsWith('--statements='));
  // Each statement with its spaces made single, read by its words: no pattern that could backtrack over long input.
  for (const statement of (statements?.value ?? '').split(/["\],]/)) {
    const said = statement.trim().replace(/\s+/g, ' ').toLowerCase();
    const end = said.indexOf(' to manage all-resources in tenancy');
    if (!said.startsWith('allow ') || end === -1 || !/^(?:any-user|any-group|(?:dynamic-)?group .+)$/.test(said.slice(6, end))) continue;
    const subject = said.slice(6, end);
    const who = subject.startsWith('any-') ? 'anyone the tenancy authenticates' : `the ${subject}`;
    return {word: written(statements!), reason: `oci iam policy ${texts[at + 2]} lets ${who} manage every resource of the tenancy`};
  }

  return null;
}

/** A grant that makes someone an administrator of an account, a project or a subscription, or a policy that leaves a project without an owner. */
function privilegeGrant(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const name = command.program.value;
  if (name === 'oci') return ociPolicy(command);
  const call = callOf(command);
  if (call.flags.has('--help') || call.words.includes('help')) return null;
  const [service, operation] = call.words;
  if (name === 'aws' && service === 'iam') {
    if (/^attach-(?:user|role|group)-policy$/.test(operation ?? '')) {
      const arn = call.options.get('--policy-arn');
      return arn?.known && adminPolicies.test(arn.value) ? {word: written(arn), reason: `aws iam ${operation} ${arn.value.split('/').pop()} makes the ${operation!.split('-')[1]} an administrator of the whole account`} : null;
    }

    if (/^(?:put-(?:user|role|group)-policy|create-policy-version|create-policy)$/.test(operation ?? '')) {
      const document = call.options.get('--policy-document');
      return statementsOf(documentOf(document, command, context)).some(everything) ? {word: written(document!), reason: `aws iam ${operation} grants every action on every resource: an administrator of the whole account`} : null;
    }

    if (operation === 'update-assume-role-policy') {
      const document = call.options.get('--policy-document');
      return statementsOf(documentOf(document, command, context)).some(anyone) ? {word: written(document!), reason: 'aws iam update-assume-role-policy lets any AWS account in the world assume the role'} : null;
    }

    return null;
  }

  if (name === 'gcloud') {
    // set-iam-policy replaces the whole policy: one that gives no one roles/owner leaves the project, folder or organization with no owner.
    const replaced = call.words.indexOf('set-iam-policy');
    // A project's: an organization or folder rarely names an owner in its own policy.
    if (replaced !== -1 && call.words.slice(0, replaced).filter((word) => !/^(?:alpha|beta)$/.test(word)).join(' ') === 'projects') {
      const named = call.words.length > replaced + 2 ? call.words.at(-1) : undefined;
      const file = named === undefined ? undefined : command.argv.find((word) => word.known && word.value === named);
      const text = file?.known ? policyText(file.value, command, context) : undefined;
      // JSON or YAML: an owner is a binding of roles/owner (its members are not read in YAML).
      const policy = text === undefined ? undefined : parsed(text);
      const bindings = typeof policy === 'object' && policy !== null ? (policy as {bindings?: unknown}).bindings : undefined;
      const owners = policy === undefined ? /roles\/owner/.test(text ?? '') : Array.isArray(bindings) && bindings.some((binding) => typeof binding === 'object' && binding !== null && (binding as {role?: unknown}).role === 'roles/owner' && Array.isArray((binding as {members?: unknown}).members) && ((binding as {members: unknown[]}).members.length > 0));
      return text !== undefined && !owners ? {word: written(file!), reason: `gcloud ${call.words.slice(0, replaced + 1).join(' ')} replaces the whole IAM policy with one in which no one is owner: every owner is locked out`} : null;
    }

    const at = call.words.indexOf('add-iam-policy-binding');
    if (at === -1) return null;
    const member = call.options.get('--member');
    const role = call.options.get('--role');
    const scope = call.words.slice(0, at).filter((word) => !/^(?:alpha|beta)$/.test(word)).join(' ');
    // A web endpoint made public on purpose (Cloud Run's or Cloud Functions' invoker role) is what they are for.
    const invoker = role?.known && /^roles\/(?:run\.invoker|cloudfunctions\.invoker)$/.test(role.value);
    if (member?.known && publicMembers.test(member.value) && !invoker && !/^(?:storage|compute images)/.test(scope.replace(/^storage buckets$/, 'storage'))) return {word: written(member), reason: `gcloud ${scope} add-iam-policy-binding gives ${member.value} (anyone on the internet) ${role?.value ?? 'a role'}`};
    return role?.known && powerfulRoles.test(role.value) && /^(?:projects|organizations|resource-manager folders|iam service-accounts)$/.test(scope) ? {word: written(role), reason: `gcloud ${scope} add-iam-policy-binding gives ${member?.value ?? 'the member'} ${role.value}: control of every resource there`} : null;
  }

  if (name === 'az') {
    if (service === 'role' && operation === 'assignment' && call.words[2] === 'create') {
      const role = call.options.get('--role');
      const scope = call.options.get('--scope');
      const group = call.options.get('--resource-group') ?? call.options.get('-g');
      const wide = !group && (!scope || (scope.known && /^\/(?:subscriptions\/[^/]+\/?|providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?)?$/i.test(scope.value)));
      return role?.known && /^(?:Owner|User Access Administrator|Contributor|8e3af657-a8ff-443c-a75c-2fe8c4bcb635|18d7d88d-d35e-4fb5-a5c3-7773c20a72d9)$/i.test(role.value) && wide ? {word: written(role), reason: `az role assignment create gives ${role.value} over ${scope?.value ?? 'the whole subscription'}: control of every resource there`} : null;
    }

    if (service === 'ad' && /^(?:app|sp)$/.test(operation ?? '') && call.words[2] === 'credential' && call.words[3] === 'reset' && !call.flags.has('--append')) {
      return {word: 'reset', reason: `az ad ${operation} credential reset replaces every credential of the application with a new secret: what signs in with the old ones stops, and whoever reads the output holds the new one`};
    }
  }

  return null;
}

// Where each AWS call takes its resource policy.
const policyOptions: Record<string, string | undefined> = {
  's3api put-bucket-policy': '--policy',
  'kms put-key-policy': '--policy',
  'secretsmanager put-resource-policy': '--resource-policy',
  'ecr set-repository-policy': '--policy-text',
  'glacier set-vault-access-policy': '--policy',
  'lambda add-permission': '--principal',
};

/** A bucket, snapshot, image, key or secret made readable (or writable) by anyone. */
function publicAccess(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const name = command.program.value;
  const call = callOf(command);
  if (call.flags.has('--help') || call.flags.has('--dry-run')) return null;
  const [service, operation] = call.words;
  if (name === 'aws') {
    if ((service === 's3api' && /^put-(?:bucket|object)-acl$/.test(operation ?? '')) || (service === 's3' && /^(?:cp|sync|mv)$/.test(operation ?? ''))) {
      const acl = call.options.get('--acl');
      if (acl?.known && /^(?:public-read|public-read-write|authenticated-read)$/.test(acl.value)) return {word: written(acl), reason: `aws ${service} ${operation} --acl ${acl.value} makes it readable${acl.value === 'public-read-write' ? ' and writable' : ''} by ${acl.value === 'authenticated-read' ? 'every AWS account' : 'anyone on the internet'}`};
      const grant = [...call.options].find(([option, word]) => /^--grant-/.test(option) && word.known && /groups\/global\/(?:AllUsers|AuthenticatedUsers)/.test(word.value));
      return grant ? {word: written(grant[1]), reason: `aws s3api ${operation} ${grant[0]} grants it to everyone (${/AllUsers/.test(grant[1].value!) ? 'anyone on the internet' : 'every AWS account'})`} : null;
    }

    if ((service === 's3api' || service === 's3control') && /^put-(?:public-access-block|account-public-access-block)$/.test(operation ?? '')) {
      const config = call.options.get('--public-access-block-configuration');
      return config?.known && /(?:BlockPublicAcls|IgnorePublicAcls|BlockPublicPolicy|RestrictPublicBuckets)"?\s*[=:]\s*false/i.test(config.value) ? {word: written(config), reason: `aws ${service} ${operation} turns off the block on public access: one ACL or policy from then on publishes the data`} : null;
    }

    const policyOption = policyOptions[`${service} ${operation}`];
    if (policyOption) {
      const given = call.options.get(policyOption);
      if (policyOption === '--principal') return given?.known && given.value === '*' && !call.options.has('--source-arn') && !call.options.has('--source-account') ? {word: written(given), reason: 'aws lambda add-permission --principal * lets anyone invoke the function'} : null;
      return statementsOf(documentOf(given, command, context)).some(anyone) ? {word: written(given!), reason: `aws ${service} ${operation} allows "Principal": "*": anyone on the internet reaches it`} : null;
    }

    // A database reachable from the internet; a function's URL anyone may call.
    if (service === 'rds' && /^(?:modify|create|restore)-db-(?:instance|cluster)/.test(operation ?? '') && call.flags.has('--publicly-accessible')) return {word: '--publicly-accessible', reason: `aws rds ${operation} --publicly-accessible gives the database an address on the internet: only its password stands between it and anyone`};
    if (service === 'lambda' && /^(?:create|update)-function-url-config$/.test(operation ?? '') && /^NONE$/i.test(call.options.get('--auth-type')?.value ?? '')) return {word: '--auth-type', reason: `aws lambda ${operation} --auth-type NONE lets anyone on the internet call the function`};
    if (/^modify-(?:db|db-cluster)-snapshot-attribute$/.test(operation ?? '') || (service === 'ec2' && /^modify-(?:image|snapshot)-attribute$/.test(operation ?? ''))) {
      // Sharing is added (`--values-to-add all`, `Add=[{Group=all}]`, `--group-names all`), not removed.
      if (/^remove$/i.test(call.options.get('--operation-type')?.value ?? '')) return null;
      const all = [...call.options].find(([option, word]) => option !== '--values-to-remove' && word.known && (/(?:^|[\s"[{,])all(?:$|[\]}",\s])/.test(word.value) ? option !== '--launch-permission' && option !== '--create-volume-permission' : /\bAdd=\[?\{?"?Group"?[=:]"?all/i.test(word.value)))?.[1];
      return all ? {word: written(all), reason: `aws ${service} ${operation} shares it with every AWS account: anyone may copy the data`} : null;
    }

    return null;
  }

  if (name === 'gsutil') {
    const at = call.words.findIndex((word) => word === 'iam' || word === 'acl' || word === 'defacl');
    const grant = at === -1 ? undefined : call.words.slice(at + 1).find((word) => /^(?:allUsers|allAuthenticatedUsers|AllUsers|AllAuthenticatedUsers)(?::|$)/.test(word));
    const flagged = [...call.options.values()].find((word) => word.known && /^(?:allUsers|allAuthenticatedUsers|AllUsers|AllAuthenticatedUsers):/.test(word.value));
    const publicGrant = grant ?? flagged?.value;
    if (publicGrant) return {word: publicGrant, reason: `gsutil ${call.words[at] ?? 'iam'} ch ${publicGrant} makes it readable by anyone on the internet`};
    // `gsutil pap set inherited` turns public access prevention off, as `--no-public-access-prevention` does.
    const pap = call.words.indexOf('pap');
    if (pap !== -1 && call.words[pap + 1] === 'set' && call.words[pap + 2] === 'inherited') return {word: 'inherited', reason: 'gsutil pap set inherited turns off the guard against public access: one allUsers grant from then on publishes the data'};
    const canned = call.words.findIndex((word) => word === 'acl' || word === 'defacl');
    return canned !== -1 && call.words[canned + 1] === 'set' && /^(?:public-read|public-read-write|authenticated-read)$/.test(call.words[canned + 2] ?? '') ? {word: call.words[canned + 2]!, reason: `gsutil ${call.words[canned]} set ${call.words[canned + 2]} makes it readable by anyone`} : null;
  }

  if (name === 'gcloud') {
    if (call.words[0] === 'storage' && call.words[1] === 'buckets' && call.words[2] === 'update' && call.flags.has('--no-public-access-prevention')) return {word: '--no-public-access-prevention', reason: 'gcloud storage buckets update --no-public-access-prevention turns off the guard against public access: one allUsers grant from then on publishes the data'};
    const member = call.options.get('--member');
    const role = call.options.get('--role');
    if (role?.known && /^roles\/(?:run\.invoker|cloudfunctions\.invoker)$/.test(role.value)) return null;
    return call.words.includes('add-iam-policy-binding') && member?.known && publicMembers.test(member.value) ? {word: written(member), reason: `gcloud ${call.words.slice(0, call.words.indexOf('add-iam-policy-binding')).join(' ')} add-iam-policy-binding gives ${member.value} (anyone on the internet) access`} : null;
  }

  // MinIO: `mc anonymous set public|download ALIAS/BUCKET` (older `mc policy set`): anyone reads it without a key.
  if (name === 'mc' && (service === 'anonymous' || service === 'policy') && operation === 'set' && /^(?:public|download|upload)$/.test(call.words[2] ?? '')) {
    return {word: call.words[2]!, reason: `mc ${service} set ${call.words[2]} lets anyone ${call.words[2] === 'upload' ? 'write to' : 'read'} ${call.words[3] ?? 'the bucket'} without a key`};
  }

  // `mc anonymous set-json FILE ALIAS/BUCKET` (older `mc policy set-json`): a bucket policy from a file, judged as the AWS one is.
  if (name === 'mc' && (service === 'anonymous' || service === 'policy') && operation === 'set-json' && call.words[2] !== undefined) {
    const file = call.words[2];
    return statementsOf(fileDocument(file, command, context)).some(anyone) ? {word: file, reason: `mc ${service} set-json ${file} allows "Principal": "*" on ${call.words[3] ?? 'the bucket'}: anyone reaches it without a key`} : null;
  }

  // A repository made public: its code, history and any secret ever committed are published.
  if (name === 'gh' && service === 'repo' && operation === 'edit') {
    const visibility = call.options.get('--visibility');
    return visibility?.known && visibility.value === 'public' ? {word: written(visibility), reason: 'gh repo edit --visibility public publishes the repository: its code, its whole history and any secret ever committed in it'} : null;
  }

  // The same through the API: `gh api -X PATCH repos/OWNER/REPO -f visibility=public` (or `private=false`).
  if (name === 'gh' && service === 'api') {
    const fields = command.argv.slice(1).filter((word) => word.known).map((word) => word.value!);
    const patch = fields.some((text, i) => /^(?:-X|--method)$/.test(fields[i - 1] ?? '') && /^PATCH$/i.test(text));
    const endpoint = fields.find((text) => /^\/?repos\/[^/]+\/[^/]+\/?$/.test(text.replace(/^https?:\/\/api\.github\.com\//, '')));
    const opened = fields.find((text) => /^(?:visibility=public|private=false)$/.test(text));
    return patch && endpoint && opened ? {word: opened, reason: `gh api PATCH ${endpoint} ${opened} publishes the repository: its code, its whole history and any secret ever committed in it`} : null;
  }

  if (name === 'az' && service === 'storage') {
    const access = call.options.get('--public-access');
    if (access?.known && /^(?:blob|container)$/i.test(access.value)) return {word: written(access), reason: `az storage ${call.words.slice(1, 3).join(' ')} --public-access ${access.value} makes the container readable by anyone on the internet`};
    const allow = call.options.get('--allow-blob-public-access');
    return allow?.known && /^true$/i.test(allow.value) ? {word: written(allow), reason: 'az storage account update --allow-blob-public-access true lets any container of the account be made public'} : null;
  }

  return null;
}

/** The guards that record or stop misuse, switched off: CloudTrail, AWS Config, Vault's audit device, an account leaving its organization's controls. */
function securityOff(command: SimpleCommand): Hit | null {
  const name = command.program.value;
  const call = callOf(command);
  // vault's own help flags are -h and -help (-help also as --help).
  if (call.flags.has('--help') || (name === 'vault' && (call.flags.has('-h') || call.flags.has('-help')))) return null;
  const [service, operation] = call.words;
  if (name === 'aws') {
    const what: Record<string, string> = {
      'cloudtrail stop-logging': 'stops CloudTrail: no API call of the account is recorded from here on',
      'configservice stop-configuration-recorder': 'stops AWS Config recording every change to the resources',
      'organizations leave-organization': "takes the account out of its organization: the organization's guardrails (SCPs) no longer bind it",
      'guardduty update-detector': 'turns GuardDuty threat detection off',
      'securityhub disable-security-hub': 'turns Security Hub off',
      'macie2 disable-macie': 'turns Macie off',
      'access-analyzer delete-analyzer': 'deletes the access analyzer that finds resources shared outside the account',
    };
    const key = `${service} ${operation}`;
    // Access logging set to nothing: `--bucket-logging-status '{}'` has no LoggingEnabled.
    if (key === 's3api put-bucket-logging') {
      const status = call.options.get('--bucket-logging-status')?.value;
      return status !== undefined && status !== null && /^\s*\{\s*\}\s*$/.test(status) ? {word: operation!, reason: `aws ${key} turns the bucket's access logging off: who read or changed what in it is no longer recorded`} : null;
    }

    if (key === 'guardduty update-detector' && !call.flags.has('--no-enable') && !/^false$/i.test(call.options.get('--enable')?.value ?? '')) return null;
    return Object.hasOwn(what, key) ? {word: operation!, reason: `aws ${key} ${what[key]}`} : null;
  }

  if (name === 'vault') {
    if (service === 'audit' && operation === 'disable') return {word: 'disable', reason: `vault audit disable ${call.words[2] ?? ''} stops recording who reads which secret`.replace('  ', ' ')};
    if (service === 'operator' && operation === 'seal') return {word: 'seal', reason: 'vault operator seal seals Vault: every secret is out of reach until enough key holders unseal it'};
  }

  return null;
}

export const cloudAccess: BuiltinRule[] = [
  {
    id: 'cloud.privilege-grant',
    pack: 'cloud',
    level: 'deny',
    reason: 'makes someone an administrator of a cloud account, project or subscription (AdministratorAccess, a policy of every action on every resource, a trust policy open to any account, roles/owner, Owner at subscription scope, an OCI policy to manage all-resources in tenancy), resets an application\'s credentials, or replaces a project\'s IAM policy with one that has no owner',
    alternative: 'grant the one role the work needs, on the one resource; review it as a change',
    match: {program: ['aws', 'gcloud', 'az', 'oci']},
    check: privilegeGrant,
    examples() {
      return {
        refuse: [
          'aws iam attach-user-policy --user-name bob --policy-arn arn:aws:iam::aws:policy/AdministratorAccess', 'aws --profile prod iam attach-role-policy --role-name ci --policy-arn=arn:aws:iam::aws:policy/AdministratorAccess',
          `aws iam put-user-policy --user-name svc --policy-name full --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'`,
          `aws iam update-assume-role-policy --role-name admin --policy-document '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}'`,
          'gcloud projects add-iam-policy-binding prod --member=serviceAccount:ci@prod.iam.gserviceaccount.com --role=roles/owner', `printf '{"bindings": [], "etag": "BwX"}' > p.json && gcloud projects set-iam-policy acme-prod p.json`, "gcloud organizations add-iam-policy-binding 123 --member='user:x@gmail.com' --role='roles/resourcemanager.organizationAdmin'",
          'az role assignment create --assignee 3f2c --role Owner --scope /subscriptions/0000', `oci iam policy create --compartment-id ocid1.tenancy.oc1..x --name all --description t --statements '["Allow any-user to manage all-resources in tenancy"]'`, 'az role assignment create --assignee ops@contoso.com --role "User Access Administrator" --scope /', 'az ad app credential reset --id 1111 --years 2',
        ],
        allow: [
          `printf '{"bindings": [{"role": "roles/owner", "members": ["group:platform@acme.com"]}], "etag": "BwX"}' > p.json && gcloud projects set-iam-policy acme-prod p.json`, 'gcloud projects get-iam-policy acme-prod --format=json',
          `oci iam policy create --compartment-id ocid1.compartment.oc1..x --name ro --description t --statements '["Allow group Auditors to inspect all-resources in tenancy"]'`, `oci iam policy create --compartment-id ocid1.compartment.oc1..x --name net --description t --statements '["Allow group NetAdmins to manage virtual-network-family in compartment net"]'`, 'oci iam policy list --compartment-id ocid1.tenancy.oc1..x',
          'aws iam attach-role-policy --role-name reader --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess', `aws iam put-role-policy --role-name ci --policy-name s3 --policy-document '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}'`,
          `aws iam put-role-policy --role-name q --policy-name deny --policy-document '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}'`, 'aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::1:user/bob --action-names s3:GetObject',
          'gcloud projects add-iam-policy-binding prod --member=user:ana@acme.com --role=roles/viewer', 'az role assignment create --assignee 3f2c --role Reader --scope /subscriptions/0000', 'az role assignment create --assignee 3f2c --role Owner --scope /subscriptions/0000/resourceGroups/sandbox',
          'az ad app credential reset --id 1111 --append', 'aws iam list-attached-user-policies --user-name bob',
        ],
      };
    },
  },
  {
    id: 'cloud.public-access',
    pack: 'cloud',
    level: 'deny',
    reason: 'makes a bucket, snapshot, image, key, secret or repository readable by anyone on the internet (public ACLs, "Principal": "*", the public access block turned off, allUsers, snapshots shared with all)',
    alternative: 'share with the accounts or members that need it, or hand out a presigned URL of minutes',
    match: {program: ['aws', 'gsutil', 'gcloud', 'az', 'mc', 'gh']},
    check: publicAccess,
    examples() {
      return {
        refuse: [
          'aws s3api put-bucket-acl --bucket exports --acl public-read', 'aws s3api put-bucket-acl --bucket logs --grant-read uri=http://acs.amazonaws.com/groups/global/AllUsers', 'aws s3 cp ./report.csv s3://b/report.csv --acl public-read',
          'aws s3api put-public-access-block --bucket exports --public-access-block-configuration BlockPublicAcls=false,IgnorePublicAcls=false,BlockPublicPolicy=false,RestrictPublicBuckets=false',
          `aws s3api put-bucket-policy --bucket exports --policy '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::exports/*"}]}'`,
          'aws rds modify-db-snapshot-attribute --db-snapshot-identifier prod-1 --attribute-name restore --values-to-add all', 'aws ec2 modify-image-attribute --image-id ami-1 --launch-permission "Add=[{Group=all}]"',
          'gsutil iam ch allUsers:objectViewer gs://hr', 'gcloud storage buckets add-iam-policy-binding gs://scans --member=allUsers --role=roles/storage.objectViewer', 'az storage container set-permission --name backups --public-access container --account-name st',
          'az storage account update --name st --resource-group rg --allow-blob-public-access true',
          'gcloud storage buckets update gs://dumps --no-public-access-prevention', 'aws rds modify-db-instance --db-instance-identifier prod --publicly-accessible --apply-immediately',
          'aws lambda create-function-url-config --function-name admin --auth-type NONE', 'mc anonymous set public prod/backups', 'mc policy set download prod/exports',
          'gh repo edit acme/infra --visibility public --accept-visibility-change-consequences', 'gh api -X PATCH repos/acme/infra -f visibility=public', 'gsutil pap set inherited gs://dumps',
        ],
        allow: [
          'aws s3api put-bucket-acl --bucket exports --acl private', 'aws s3api put-public-access-block --bucket exports --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
          `aws s3api put-bucket-policy --bucket exports --policy '{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::exports/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}'`,
          'aws rds modify-db-snapshot-attribute --db-snapshot-identifier prod-1 --attribute-name restore --values-to-add 123456789012', 'aws rds modify-db-snapshot-attribute --db-snapshot-identifier prod-1 --attribute-name restore --values-to-remove all', 'aws ec2 modify-image-attribute --image-id ami-1 --launch-permission "Remove=[{Group=all}]"', 'aws s3 presign s3://b/report.csv --expires-in 600', 'gsutil iam ch user:ana@acme.com:objectViewer gs://hr',
          'az storage container set-permission --name backups --public-access off --account-name st', 'aws s3api get-bucket-acl --bucket exports',
          'gcloud storage buckets update gs://dumps --public-access-prevention', 'aws rds modify-db-instance --db-instance-identifier prod --no-publicly-accessible', 'aws lambda create-function-url-config --function-name api --auth-type AWS_IAM',
          'mc anonymous set none prod/backups', 'mc anonymous get prod/backups', 'gh repo edit acme/site --visibility private', 'gh repo edit acme/site --description x', 'gh api -X PATCH repos/acme/site -f visibility=private', 'gh api repos/acme/site', 'gsutil pap set enforced gs://dumps',
        ],
      };
    },
  },
  {
    id: 'cloud.security-off',
    pack: 'cloud',
    level: 'deny',
    reason: "switches off what records or stops misuse in a cloud account (CloudTrail stop-logging, AWS Config's recorder, GuardDuty, an account leaving its organization) or in Vault (audit devices, seal)",
    alternative: 'change the trail or detector in a reviewed change; keep it recording while you do',
    match: {program: ['aws', 'vault']},
    check: securityOff,
    examples() {
      return {
        refuse: ['aws cloudtrail stop-logging --name org-trail', 'aws configservice stop-configuration-recorder --configuration-recorder-name default', 'aws organizations leave-organization', 'aws guardduty update-detector --detector-id 12 --no-enable', "aws s3api put-bucket-logging --bucket corp-prod-data --bucket-logging-status '{}'", 'vault audit disable file/', 'vault operator seal'],
        allow: ['aws cloudtrail start-logging --name org-trail', 'aws cloudtrail describe-trails', 'aws guardduty update-detector --detector-id 12 --enable', 'aws s3api get-bucket-logging --bucket corp-prod-data', "aws s3api put-bucket-logging --bucket b --bucket-logging-status '{\"LoggingEnabled\": {\"TargetBucket\": \"logs\", \"TargetPrefix\": \"b/\"}}'", 'vault audit list', 'vault operator unseal', 'vault status', 'vault operator seal -h'],
      };
    },
  },
];
