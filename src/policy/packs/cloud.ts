// Cloud and infrastructure: the delete, terminate and destroy verbs of the cloud CLIs (aws,
// gcloud, gsutil, bq, az, azcopy, doctl, hcloud, oci), tearing down what terraform or pulumi
// manages, mass deletion in object stores, and syncs that delete at their destination.
// Reading (list, describe, get, show), planning (plan, preview) and dry runs stay allowed, and
// so does deleting one object, item or message, as a worker does all day.
import {posix} from 'node:path';
import {now} from '../../clock.js';
import {type OptionSpec, type SimpleCommand, type Word, normalizeOptions} from '../../shell/index.js';
import {spelled, written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';
import {tailClouds, tailDryRun} from './cloud-tail.js';
import {asksHelp, ghEndpoint, httpMethod, optionValue} from './hits.js';
import {backupRepositoryDelete, rcloneDelete} from './backups.js';
import {ciVerbs, machineVerbs, named, platformDelete, platformVerbs, verbDelete} from './platform-verbs.js';


/** `terraform destroy`, `apply -destroy`; terragrunt's `run-all destroy`, `run --all -- destroy`, `destroy-all`. */
function terraform(command: SimpleCommand): Hit | null {
  const args = command.argv.slice(1).filter((word) => !(word.known && /^-chdir=/.test(word.value)));
  if (asksHelp(args)) return null;
  const name = command.program.value;
  const verbs = args.filter((word) => word.known && !word.value.startsWith('-'));
  const start = verbs.findIndex((word) => !['run-all', 'run', 'stack'].includes(word.value!));
  const verb = verbs[start];
  if (!verb) return null;
  if (verb.value === 'destroy' || verb.value === 'destroy-all') return {word: written(verb), reason: `${name} ${verb.value} deletes every resource the configuration manages`};
  if (verb.value === 'apply' || verb.value === 'apply-all') {
    const destroy = args.find((word) => word.known && /^--?destroy(?:=true)?$/.test(word.value));
    if (destroy) return {word: written(destroy), reason: `${name} apply ${spelled(destroy)} deletes every resource the configuration manages`};
    // Arguments terraform adds from its environment: TF_CLI_ARGS_apply='-destroy' makes any apply a destroy.
    for (const variable of ['TF_CLI_ARGS_apply', 'TF_CLI_ARGS']) {
      const added = command.env[variable];
      if (added && /(?:^|\s)--?destroy(?:=true)?(?:\s|$)/.test(added)) return {word: written(verb), reason: `${name} apply with ${variable}='${added}' in its environment deletes every resource the configuration manages`};
    }

    // `-replace=ADDRESS` destroys the resource and makes a new one: for one that holds data (a
    // database, a bucket, a disk), a new and empty one, and no question asked with -auto-approve.
    // `-replace=ADDR`, `-replace ADDR`, or in TF_CLI_ARGS_apply.
    const added = `${command.env.TF_CLI_ARGS_apply ?? ''} ${command.env.TF_CLI_ARGS ?? ''}`.split(/\s+/).filter(Boolean).map((text): Word => ({value: text, known: true, raw: text}));
    const all = [...args, ...added];
    const replacedAt = all.findIndex((word, i) => word.known && (/^--?replace=/.test(word.value) ? holdsData(word.value.slice(word.value.indexOf('=') + 1)) : /^--?replace$/.test(word.value) && holdsData(all[i + 1]?.value ?? '')));
    const replaced = all[replacedAt];
    if (replaced && all.some((word) => word.known && /^--?auto-approve(?:=true)?$/.test(word.value))) return {word: written(replacedAt < args.length ? replaced : verb), reason: `${name} apply ${spelled(replaced)}${replaced.value === '-replace' || replaced.value === '--replace' ? ` ${all[replacedAt + 1]!.value}` : ''} -auto-approve destroys that resource, and the data it holds, to make a new, empty one`};
  }

  const object = verbs[start + 1]?.value;
  const force = args.find((word) => word.known && /^--?force(?:=true)?$/.test(word.value));
  // Deleting a workspace whose state still tracks resources leaves them running and unmanaged; pushing state over the remote's checks replaces what it records.
  if (verb.value === 'workspace' && object === 'delete' && force) return {word: written(force), reason: `${name} workspace delete ${spelled(force)} deletes the workspace and its state even while it tracks resources: they keep running, managed by nothing`};
  if (verb.value === 'state' && object === 'push' && force) return {word: written(force), reason: `${name} state push ${spelled(force)} overwrites the remote state without its lineage and serial checks: an older or foreign state replaces what terraform knows`};
  return null;
}

// Resource types that hold data, by the words of their names across providers (aws_db_instance,
// google_sql_database_instance, azurerm_managed_disk, aws_s3_bucket, aws_dynamodb_table…).
const dataTypes = /(?:^|_)(?:db|database|sql|rds|dynamodb|bucket|volume|disk|storage|file_?system|filestore|efs|elasticache|redis|memcache|cosmosdb|bigquery|spanner|bigtable|redshift|docdb|neptune|opensearch|elasticsearch|kms|key_vault|secret|dataset)(?:_|$)/;

/** Whether a resource address (`module.db.aws_db_instance.main["a"]`) names a resource that holds data. */
function holdsData(address: string): boolean {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  const type = parts.length >= 2 ? parts[parts.length - 2]! : '';
  // What configures, attaches or versions a store holds none of its data (a parameter group, a volume attachment, a secret's version).
  return dataTypes.test(type) && !/_(?:parameter_group|subnet_group|option_group|attachment|association|version|policy|binding|member|iam\w*|acl|notification|replication_configuration|lifecycle_configuration|tag|alias)(?:_|$)/.test(type);
}

/** `terraform plan -destroy -out=FILE`, then `terraform apply FILE` in the same code: a destroy, applied without a question. */
function appliedDestroyPlans(commands: SimpleCommand[]): Array<{command: SimpleCommand; hit: Hit}> {
  const plans = new Set<string>();
  const found: Array<{command: SimpleCommand; hit: Hit}> = [];
  for (const command of commands) {
    if (!['terraform', 'tofu', 'opentofu'].includes(command.program.value ?? '')) continue;
    const args = command.argv.slice(1);
    const chdir = args.find((word) => word.known && word.value.startsWith('-chdir='))?.value?.slice('-chdir='.length);
    const base = command.cwd.known ? posix.resolve(command.cwd.value!, chdir ?? '.') : undefined;
    const at = (file: string) => (base === undefined ? undefined : posix.resolve(base, file));
    const verb = args.find((word) => word.known && !word.value.startsWith('-'));
    if (verb?.value === 'plan' && args.some((word) => word.known && /^--?destroy(?:=true)?$/.test(word.value))) {
      const outAt = args.findIndex((word) => word.known && /^--?out(?:=.|$)/.test(word.value));
    const out = outAt === -1 ? undefined : /=/.test(args[outAt]!.value!) ? args[outAt]!.value!.replace(/^--?out=/, '') : (args[outAt + 1]?.value ?? undefined);
      const path = out === undefined ? undefined : at(out);
      if (path !== undefined) plans.add(path);
    } else if (verb?.value === 'apply') {
      const plan = args.slice(args.indexOf(verb) + 1).find((word) => word.known && !word.value.startsWith('-'));
      const path = plan?.known ? at(plan.value) : undefined;
      if (plan && path !== undefined && plans.has(path)) found.push({command, hit: {word: written(plan), reason: `${command.program.value} apply ${spelled(plan)} applies the plan made by plan -destroy before it: every resource the configuration manages is deleted, and a saved plan asks nothing`}});
    }
  }

  return found;
}

/** `pulumi destroy` (`down`), unless it only previews; `pulumi stack rm`. */
function pulumi(command: SimpleCommand): Hit | null {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-s', '--stack', '-C', '--cwd', '--config-file', '-m', '--message', '-t', '--target', '--exclude', '--parallel', '-p', '--color']});
  if (flags.has('--help') || flags.has('-h')) return null;
  const [first, second] = operands;
  if ((first?.value === 'destroy' || first?.value === 'down') && !flags.has('--preview-only')) return {word: written(first), reason: `pulumi ${first.value} deletes every resource of the stack`};
  if (first?.value === 'stack' && (second?.value === 'rm' || second?.value === 'remove')) {
    const stack = operands[2];
    return {word: written(second), reason: `pulumi stack ${second.value}${stack ? ` ${spelled(stack)}` : ''} deletes the stack, its configuration and its history${flags.has('--force') || flags.has('-f') ? ', even with resources still in it' : ''}`};
  }

  return null;
}

const awsSpec: OptionSpec = {
  takesValue: [
    '--profile', '--region', '--endpoint-url', '--output', '--query', '--color', '--cli-read-timeout', '--cli-connect-timeout', '--ca-bundle', '--cli-binary-format', '--include', '--exclude',
    '--acl', '--storage-class', '--sse', '--grants', '--page-size', '--expected-size', '--cli-input-json', '--cli-input-yaml', '--request-payer', '--metadata-directive', '--content-type', '--cache-control',
  ],
};

/** `aws s3 rm --recursive`, `aws s3 rb`, `aws s3 sync --delete`, unless `--dryrun`. */
function s3(command: SimpleCommand, action: 'rm' | 'rb' | 'sync'): Hit | null {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), awsSpec);
  if (operands[0]?.value !== 's3' || operands[1]?.value !== action || flags.has('--dryrun') || asksHelp(operands)) return null;
  const target = operands.at(-1)!;
  const say = (flag: string, what: string) => ({word: flag, reason: `aws s3 ${action} ${spelled(target)}${flag ? ` ${flag}` : ''} ${what}`});
  if (action === 'rm' && flags.has('--recursive')) return say('--recursive', 'deletes every object under the prefix');
  if (action === 'rb') return flags.has('--force') ? say('--force', 'deletes the bucket and every object in it') : {word: written(operands[1]!), reason: `aws s3 rb ${spelled(target)} deletes the bucket`};
  // Into a folder of the working tree (`./restore-check/`), what it deletes is that folder's own files.
  const local = action === 'sync' && target.known && !/^(?:s3:\/\/|\/|~)/.test(target.value) && !target.value.split('/').includes('..');
  if (action === 'sync' && flags.has('--delete') && !local) return say('--delete', 'deletes every object at the destination that the source lacks');
  return null;
}

// Deletes of one object, item, message or tag: what a worker does all day, like `rm FILE`.
const awsOneThing = new Set(['delete-object', 'delete-item', 'delete-message', 'delete-message-batch', 'delete-tags', 'delete-object-tagging']);

function awsVerb(operation: string): string | undefined {
  if (awsOneThing.has(operation)) return undefined;
  if (operation === 'schedule-key-deletion') return 'deletes the key after the waiting period, and every piece of data encrypted under it becomes unreadable';
  if (operation === 'deregister-image') return 'deletes the machine image';
  if (operation === 'close-account') return 'closes the account, and every resource in it goes';
  if (/^terminate-/.test(operation)) return 'terminates them for good, with every volume set to go with them';
  if (/^purge-/.test(operation)) return 'deletes everything in what it names';
  if (/^(?:batch-)?delete-/.test(operation)) return 'deletes what it names, for good';
  return undefined;
}

/** The delete and terminate operations of every AWS service (s3's own commands have rules of their own). */
function awsDelete(command: SimpleCommand): Hit | null {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), awsSpec);
  const [service, operation] = operands;
  if (!service?.known || !operation?.known || service.value === 's3' || flags.has('--dry-run') || flags.has('--generate-cli-skeleton') || asksHelp(operands)) return null;
  const what = awsVerb(operation.value);
  return what ? {word: written(operation), reason: `aws ${service.value} ${operation.value} ${what}`} : null;
}

const world = /(?:^|[\s,"'=[])(?:0\.0\.0\.0\/0|::\/0|\*|Internet|Any)(?=$|[\s,"'\]])/;
const valueOf = (words: Word[], ...names: string[]): string | undefined => optionValue(words.map((word) => word.value), ...names);

// Ports of remote administration and of data stores: open to the whole internet, they are what
// scanners try first (ssh, telnet, RDP, SMB, VNC, the Docker and etcd APIs, kubelet, databases).
const exposedPorts = new Map([[22, 'ssh'], [23, 'telnet'], [139, 'SMB'], [445, 'SMB'], [3389, 'RDP'], [5900, 'VNC'], [2375, 'the Docker API'], [2376, 'the Docker API'], [2379, 'etcd'], [10250, 'the kubelet API'], [1433, 'SQL Server'], [1521, 'Oracle'], [3306, 'MySQL'], [5432, 'PostgreSQL'], [6379, 'Redis'], [9200, 'Elasticsearch'], [11211, 'memcached'], [27017, 'MongoDB']]);

/** The first port of administration or data a list of ports or ranges takes in (`22`, `20-25`, `tcp:3389`), as `22 (ssh)`. */
function exposedIn(ports: string): string | undefined {
  for (const [, low, high] of ports.matchAll(/(\d+)(?:\s*-\s*(\d+))?/g)) {
    const [from, to] = [Number(low), Number(high ?? low)];
    // A wide range (RTP's 10000-20000) opens what listens there; one of a few ports is meant for the port it takes in.
    for (const [port, what] of exposedPorts) if (port >= from && port <= to && to - from <= 100) return `${port} (${what})`;
  }

  return undefined;
}

/**
 * A firewall rule of a cloud that lets every port and protocol in from anywhere: an AWS security
 * group ingress of protocol -1 (or every port) from 0.0.0.0/0, a GCP firewall rule allowing all
 * from the whole internet (its default source), an Azure NSG rule allowing * from *; or one that
 * opens a port of remote administration or of a database (exposedPorts) to anywhere.
 */
function openToWorld(command: SimpleCommand): Hit | null {
  const words = command.argv.slice(1);
  if (asksHelp(words) || words.some((word) => word.value === '--dry-run')) return null;
  const text = words.map((word) => word.value ?? '').join(' ');
  const name = command.program.value;
  const say = (verb: string, port?: string) => ({word: verb, reason: port ? `${name} ${verb} opens port ${port} to the whole internet` : `${name} ${verb} lets every port and protocol in from the whole internet`});
  if (name === 'aws') {
    const verb = words.find((word) => word.value === 'authorize-security-group-ingress' || word.value === 'modify-security-group-rules');
    if (!verb) return null;
    // Every protocol, or every port (0 or 1 to 65535) in any of the spellings.
    const everyPort = /(?:^|\s)--protocol[= ](?:-1|all)(?:\s|$)|(?:^|\s)--port[= ][01]-65535(?:\s|$)|"?IpProtocol"?\s*[:=]\s*"?-1\b|"?FromPort"?\s*[:=]\s*[01]\b[\s\S]*"?ToPort"?\s*[:=]\s*65535\b/.test(text);
    const fromWorld = /0\.0\.0\.0\/0|::\/0/.test(verb.value === 'modify-security-group-rules' ? text : (valueOf(words, '--cidr', '--ip-permissions', '--cidr-ipv6') ?? ''));
    const egress = words.some((word) => /IsEgress[=:]\s*true/i.test(word.value ?? ''));
    if (!fromWorld || egress) return null;
    if (everyPort) return say(verb.value!);
    // Each permission's FromPort-ToPort, of every --ip-permissions given.
    const tos = [...text.matchAll(/ToPort"?\s*[:=]\s*"?(\d+)/g)].map((match) => match[1]!);
    const ranges = [...text.matchAll(/FromPort"?\s*[:=]\s*"?(\d+)/g)].map((match, i) => `${match[1]}-${tos[i] ?? match[1]}`);
    const port = exposedIn(valueOf(words, '--port') ?? ranges.join(' '));
    return port ? say(verb.value!, port) : null;
  }

  if (name === 'gcloud') {
    const at = words.findIndex((word) => word.value === 'firewall-rules');
    const verb = words[at + 1]?.value;
    if (at === -1 || (verb !== 'create' && verb !== 'update')) return null;
    // Outbound rules are how traffic leaves, not an opening.
    if (/^(?:EGRESS|OUT)$/i.test(valueOf(words, '--direction') ?? '')) return null;
    const allow = valueOf(words, '--allow', '--rules');
    const all = allow !== undefined && allow.split(',').some((part) => part === 'all' || /^(?:tcp|udp|all)$/.test(part) || /:[01]-65535$/.test(part));
    const ranges = valueOf(words, '--source-ranges');
    const fromWorld = ranges === undefined ? verb === 'create' && valueOf(words, '--source-tags', '--source-service-accounts') === undefined : /0\.0\.0\.0\/0|::\/0/.test(ranges);
    if (!fromWorld || /^deny$/i.test(valueOf(words, '--action') ?? '')) return null;
    if (all) return say(`firewall-rules ${verb}`);
    const port = exposedIn(allow ?? '');
    return port ? say(`firewall-rules ${verb}`, port) : null;
  }

  const at = words.findIndex((word) => word.value === 'nsg');
  if (at === -1 || words[at + 1]?.value !== 'rule' || !/^(?:create|update)$/.test(words[at + 2]?.value ?? '')) return null;
  const access = valueOf(words, '--access') ?? 'Allow';
  if (/^outbound$/i.test(valueOf(words, '--direction') ?? '')) return null;
  const ports = valueOf(words, '--destination-port-ranges', '--destination-port-range') ?? '';
  // az's default source is `*`.
  const sources = valueOf(words, '--source-address-prefixes', '--source-address-prefix') ?? '*';
  if (!/^allow$/i.test(access) || !world.test(` ${sources} `)) return null;
  if (ports === '*' || /^[01]-65535$/.test(ports)) return say(`nsg rule ${words[at + 2]!.value}`);
  // Several ranges may follow the option (`--destination-port-ranges 22 3389`).
  const option = words.findIndex((word) => /^--destination-port-ranges?$/.test(word.value ?? ''));
  const after = option === -1 ? [] : words.slice(option + 1);
  const end = after.findIndex((word) => (word.value ?? '').startsWith('-'));
  const port = exposedIn(option === -1 ? ports : (end === -1 ? after : after.slice(0, end)).map((word) => word.value ?? '').join(' '));
  return port ? say(`nsg rule ${words[at + 2]!.value}`, port) : null;
}

/**
 * The command path of a CLI built of groups and a verb (`gcloud sql instances delete NAME`,
 * `az storage account delete`): the verb when it is one of `verbs` and every word before it
 * is a group name; the names after it are what it acts on.
 */
function pathVerb(operands: Word[], verbs: Set<string>): {path: string[]; verb: Word; names: Word[]} | undefined {
  for (let i = 1; i < Math.min(operands.length, 6); i++) {
    const word = operands[i]!;
    const before = operands.slice(0, i);
    if (!before.every((group) => group.known && /^[a-z][a-z0-9-]*$/.test(group.value))) return undefined;
    if (word.known && verbs.has(word.value)) return {path: before.map((group) => group.value!), verb: word, names: operands.slice(i + 1)};
  }

  return undefined;
}

const gcloudSpec: OptionSpec = {
  takesValue: [
    '--project', '--account', '--configuration', '--verbosity', '--format', '--impersonate-service-account', '--billing-project', '--flags-file', '--trace-token', '--filter', '--zone', '--region',
    '--location', '--instance', '--cluster', '--keyring', '--key', '--limit', '--sort-by', '--page-size', '--database', '--dataset', '--bucket', '--service', '--platform', '--namespace',
  ],
};


function gcloudProject(command: SimpleCommand): Hit | null {
  const {operands} = normalizeOptions(command.argv.slice(1), gcloudSpec);
  const [group, verb, project] = operands;
  if (group?.value !== 'projects' || verb?.value !== 'delete' || asksHelp(command.argv)) return null;
  return {word: written(verb), reason: `gcloud projects delete${project ? ` ${spelled(project)}` : ''} shuts down the project and every resource in it`};
}

const gcloudVerbs = new Set(['delete', 'destroy', 'bulk-delete']);

/** Every other `gcloud … delete` (instances, clusters, databases, buckets, secrets, keys), and `bq rm`. */
function gcloudDelete(command: SimpleCommand): Hit | null {
  if (asksHelp(command.argv)) return null;
  const args = command.argv.slice(1);
  if (command.program.value === 'bq') {
    const {operands} = normalizeOptions(args, {takesValue: ['--project_id', '--location', '--dataset_id', '--format', '--apilog']});
    if (operands[0]?.value !== 'rm') return null;
    const recursive = args.some((word) => word.known && /^(?:-[a-z]*r[a-z]*|--recursive(?:=true)?)$/.test(word.value));
    return {word: written(operands[0]), reason: `bq rm${named(operands.slice(1))} deletes the table or dataset${recursive ? ' and every table in it' : ''} for good`};
  }

  const {operands} = normalizeOptions(args, gcloudSpec);
  const said = operands.filter((word) => !(word.known && /^(?:alpha|beta)$/.test(word.value)));
  // A Cloud SQL backup restored onto an instance replaces all of its data.
  const restore = said[0]?.value === 'sql' && said[1]?.value === 'backups' && said[2]?.value === 'restore' ? said[2] : undefined;
  const onto = args.find((word) => word.known && /^--restore-instance(?:=|$)/.test(word.value));
  // The older spelling: `gcloud sql instances restore-backup INSTANCE --backup-id=ID`.
  if (said[0]?.value === 'sql' && said[1]?.value === 'instances' && said[2]?.value === 'restore-backup' && said[3]) return {word: written(said[2]), reason: `gcloud sql instances restore-backup ${spelled(said[3])} replaces every database of the instance with the backup's: what was written since is gone`};
  if (restore && onto) return {word: written(restore), reason: `gcloud sql backups restore onto ${spelled(onto.value === '--restore-instance' ? (args[args.indexOf(onto) + 1] ?? onto) : onto).replace(/^--restore-instance=/, '')} replaces every database of the instance with the backup's: what was written since is gone`};
  // A Pub/Sub subscription sought to a time still to come: every message retained until then counts as acknowledged.
  const seek = said[0]?.value === 'pubsub' && said[1]?.value === 'subscriptions' && said[2]?.value === 'seek' ? args.find((word) => word.known && /^--time(?:=|$)/.test(word.value)) : undefined;
  const time = seek?.value === '--time' ? args[args.indexOf(seek) + 1]?.value : seek?.value?.slice('--time='.length);
  if (seek && time && Date.parse(time) > now()) return {word: written(seek), reason: `gcloud pubsub subscriptions seek --time=${time} acknowledges every message the subscription holds: none is delivered`};
  const found = pathVerb(said, gcloudVerbs);
  if (!found || found.path[0] === 'projects' || found.path[0] === 'help') return null;
  return {word: written(found.verb), reason: `gcloud ${found.path.join(' ')} ${found.verb.value}${named(found.names)} deletes what it names, and what is in it, for good`};
}

/** `gsutil rm -r`, wildcards, `rb`, `rsync -d`; `gcloud storage rm -r`, `rsync --delete-unmatched-destination-objects` (`buckets delete` is a gcloud delete). */
function cloudStorage(command: SimpleCommand): Hit | null {
  const args = command.argv.slice(1);
  if (asksHelp(args)) return null;
  let verb: Word | undefined;
  let rest: Word[];
  if (command.program.value === 'gsutil') {
    const {operands} = normalizeOptions(args, {takesValue: ['-o', '-h', '-u', '-i'], stopAtOperand: true});
    [verb, ...rest] = operands;
  } else {
    const {operands} = normalizeOptions(args, gcloudSpec);
    const at = operands.findIndex((word) => word.value === 'storage');
    if (at === -1) return null;
    [verb, ...rest] = operands.slice(at + 1);
    rest = args.slice(args.indexOf(verb!) + 1);
  }

  if (!verb?.known) return null;
  const name = command.program.value === 'gsutil' ? 'gsutil' : 'gcloud storage';
  const {flags, operands} = normalizeOptions(rest, {takesValue: ['-p', '-x', '--exclude-name-pattern', '-c', '--project', '--format', '--filter'], aliases: {'-R': '-r', '--recursive': '-r', '--delete-unmatched-destination-objects': '-d'}});
  const urls = operands.map(spelled).join(' ');
  if (verb.value === 'rm' || verb.value === 'del' || verb.value === 'delete') {
    const wildcard = operands.find((word) => word.known && /^gs:\/\/[^/]+\/?$|\*/.test(word.value));
    if (flags.has('-r')) return {word: written(verb), reason: `${name} rm -r ${urls} deletes every object under it`};
    if (wildcard) return {word: written(wildcard), reason: `${name} rm ${spelled(wildcard)} deletes every object it matches`};
  }

  if (verb.value === 'rb') return {word: written(verb), reason: `${name} rb ${urls} deletes the bucket`};
  if (verb.value === 'rsync' && flags.has('-d') && !flags.has('-n') && !flags.has('--dry-run')) return {word: '-d', reason: `${name} rsync -d ${urls} deletes every object at the destination that the source lacks`};
  return null;
}

const azVerbs = new Set(['delete', 'delete-batch', 'purge', 'remove-batch']);
// One blob, file, message or table row: like `rm FILE`.
const azOneThing = /^storage (?:blob|file|message|entity|fs file|fs directory file) delete$/;

/** `az … delete` (resource groups, accounts, databases, vaults), `delete-batch`, `purge`; `--mode Complete` deployments; azcopy's recursive removes and deleting syncs. */
function azure(command: SimpleCommand): Hit | null {
  const args = command.argv.slice(1);
  if (asksHelp(args)) return null;
  if (command.program.value === 'azcopy') {
    const {flags, operands, values} = normalizeOptions(args, {takesValue: ['--include-pattern', '--exclude-pattern', '--include-path', '--exclude-path', '--log-level', '--list-of-files', '--delete-destination', '--from-to']});
    const verb = operands[0];
    if (flags.has('--dry-run')) return null;
    if ((verb?.value === 'rm' || verb?.value === 'remove') && flags.has('--recursive') && values.get('--recursive')?.value !== 'false') return {word: '--recursive', reason: `azcopy ${verb.value} ${named(operands.slice(1)).trim()} --recursive deletes every blob under it`};
    const deletes = values.get('--delete-destination')?.value;
    if (verb?.value === 'sync' && deletes && /^(?:true|prompt)$/i.test(deletes)) return {word: '--delete-destination', reason: `azcopy sync --delete-destination=${deletes} deletes every file at the destination that the source lacks`};
    return null;
  }

  const {flags, operands, values} = normalizeOptions(args, {takesValue: ['-n', '--name', '-g', '--resource-group', '--subscription', '-o', '--output', '--query', '--mode', '-s', '--source', '--account-name', '--template-file', '-f', '--parameters', '-p', '-m', '--method', '-u', '--url', '--uri', '-b', '--body', '--headers', '--resource']});
  if (flags.has('--dryrun') || flags.has('--what-if')) return null;
  // `az rest`: a DELETE (in any case) of an Azure Resource Manager resource group or resource; Graph's are cloud.workspace-delete's.
  if (operands[0]?.value === 'rest') {
    const method = (values.get('-m') ?? values.get('--method'))?.value ?? '';
    const url = values.get('-u') ?? values.get('--url') ?? values.get('--uri');
    const arm = url?.known && /management\.azure\.com\/subscriptions\/[^/]+\/resourceGroups\/[^/?]+(?:\/providers\/[^?]+)?\/?(?:\?.*)?$/i.test(url.value);
    return /^delete$/i.test(method) && arm ? {word: written(url!), reason: `az rest DELETE ${spelled(url!)} deletes the resource group or resource, and what is in it`} : null;
  }

  const mode = values.get('--mode');
  if (mode?.known && /^complete$/i.test(mode.value) && operands.some((word) => word.value === 'deployment') && operands.some((word) => word.value === 'create')) {
    return {word: written(mode), reason: 'az deployment … --mode Complete deletes every resource of the group that the template does not name'};
  }

  const found = pathVerb(operands, azVerbs);
  if (!found || azOneThing.test(`${found.path.join(' ')} ${found.verb.value}`)) return null;
  const what = found.path[0] === 'group' ? 'deletes the resource group and every resource in it' : found.verb.value === 'purge' ? 'deletes it for good, past the soft-delete that could have brought it back' : 'deletes what it names, and what is in it';
  return {word: written(found.verb), reason: `az ${found.path.join(' ')} ${found.verb.value} ${what}`};
}

const otherVerbs = new Set(['delete', 'rm', 'terminate', 'destroy', 'rebuild', 'delete-tag', 'delete-manifest', 'bulk-delete', 'schedule-deletion']);

/** s3cmd and MinIO's mc: recursive or forced removes, bucket removal, syncs and mirrors that delete. */
function objectStore(command: SimpleCommand, verb: Word, rest: Word[]): Hit | null {
  const name = command.program.value;
  const {flags, operands} = normalizeOptions(rest, {takesValue: ['--exclude', '--include', '--older-than', '--newer-than', '--storage-class', '--encrypt-key'], aliases: {'-r': '--recursive', '-n': '--dry-run', '--delete-removed': '--remove', '--delete': '--remove'}});
  if (flags.has('--dry-run') || flags.has('--fake')) return null;
  const where = operands.map(spelled).join(' ');
  if (/^(?:rm|del)$/.test(verb.value!) && flags.has('--recursive') && !flags.has('--older-than')) return {word: written(verb), reason: `${name} ${verb.value} --recursive ${where} deletes every object under it`};
  if (verb.value === 'rb') return {word: written(verb), reason: `${name} rb ${where} deletes the bucket${flags.has('--force') ? ' and every object in it' : ''}`};
  if (/^(?:sync|mirror)$/.test(verb.value!) && flags.has('--remove')) return {word: written(verb), reason: `${name} ${verb.value} ${where} deletes every object at the destination that the source lacks`};
  return null;
}

/** doctl, hcloud, oci, openstack (`… delete` / `rm` / `terminate`), eksctl (`delete cluster`), s3cmd and mc. */
function otherCloud(command: SimpleCommand): Hit | null {
  if (asksHelp(command.argv) || tailDryRun(command.argv)) return null;
  const name = command.program.value;
  const {operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-t', '--access-token', '--context', '-o', '--output', '--config', '--profile', '--region', '--compartment-id', '-c', '--bucket-name', '--instance-id', '--os-cloud', '--name', '-f', '--config-file']});
  if (name === 'b2') return backblaze(command);
  if (name === 's3cmd' || name === 'mc' || name === 'ossutil' || name === 'obsutil') {
    const at = command.argv.findIndex((word, i) => i > 0 && word.known && !word.value.startsWith('-'));
    return at === -1 ? null : objectStore(command, command.argv[at]!, command.argv.slice(at + 1));
  }

  // A registry's images named only when the command runs (`crane ls R | xargs -I{} crane delete R:{}`): every tag it lists.
  if (name === 'crane' || name === 'skopeo' || name === 'regctl') {
    const verb = command.argv.findIndex((word) => word.value === 'delete' || word.value === 'rm');
    const ref = verb === -1 || asksHelp(command.argv) ? undefined : command.argv.slice(verb + 1).find((word) => !word.value?.startsWith('-'));
    if (ref && !ref.known) return {word: written(ref), reason: `${name} delete ${spelled(ref)} deletes images whose names are only known when it runs (every tag a listing gives)`};
    // The tag deployments pull (`:latest`, `:prod`, `:stable`) or a released version (`:1.4.2`): deleted, what pulls it fails.
    // A reference with neither tag nor digest is `:latest`.
    const bare = ref?.known ? ref.value.replace(/^docker:\/\//, '') : undefined;
    const tag = bare === undefined ? undefined : (/:([\w][\w.-]{0,127})$/.exec(bare)?.[1] ?? (/@sha256:|:[\w][\w.-]*$/.test(bare.split('/').pop()!) ? undefined : 'latest'));
    return tag && deployedTag.test(tag) ? {word: written(ref!), reason: `${name} ${command.argv[verb]!.value} ${spelled(ref!)} deletes the ${/\d/.test(tag) ? 'released version' : 'tag deployments pull'} (and, by its digest, every tag on the same image)`} : null;
  }

  if (name === 'eksctl') {
    const [verb, kind] = operands;
    return verb?.value === 'delete' && kind ? {word: written(verb), reason: `eksctl delete ${spelled(kind)}${named(operands.slice(2))} deletes the ${kind.value === 'cluster' ? 'EKS cluster and everything that runs on it' : 'resources it names'}`} : null;
  }

  const found = pathVerb(operands, otherVerbs);
  // OCI's bulk-delete of objects narrowed to a prefix (`--prefix logs/2023/`) deletes those alone.
  if (found?.verb.value === 'bulk-delete' && command.argv.some((word) => word.known && /^--prefix(?:=|$)/.test(word.value))) return null;
  const does =
    found?.verb.value === 'rebuild' ? 'reinstalls the machine from an image, erasing its disk' : found?.verb.value === 'schedule-deletion' ? 'deletes the key after the waiting period, and every piece of data encrypted under it becomes unreadable' : found?.verb.value === 'bulk-delete' ? 'deletes every object in the bucket' : 'deletes what it names, for good';
  return found ? {word: written(found.verb), reason: `${name} ${found.path.join(' ')} ${found.verb.value}${named(found.names)} ${does}`} : null;
}

/** Tags that deployments pull: the moving ones a release updates, and released versions. */
const deployedTag = /^(?:latest|stable|current|release|main|master|(?:prod|production|live)(?:[-_][a-z0-9-]+)?)$|^v?\d+\.\d+(?:\.\d+)?(?:-[a-z][\w.-]*)?$/i;

/** Backblaze's b2: a bucket deleted, every file (or every version) under a path, a sync that deletes what its source lacks. */
function backblaze(command: SimpleCommand): Hit | null {
  const words = command.argv.slice(1).filter((word) => !(word.known && word.value.startsWith('-')));
  const flags = new Set(command.argv.slice(1).filter((word) => word.known && word.value.startsWith('-')).map((word) => word.value!));
  const [verb, second] = words;
  if (verb?.value === 'delete-bucket' || (verb?.value === 'bucket' && second?.value === 'delete')) return {word: written(verb), reason: `b2 ${verb.value === 'bucket' ? 'bucket delete' : 'delete-bucket'} deletes the bucket`};
  if (verb?.value === 'rm' && flags.has('--recursive') && !flags.has('--dry-run')) return {word: written(verb), reason: `b2 rm --recursive deletes every file under ${words[1] ? spelled(words[1]) : 'the path'}${flags.has('--versions') ? ', every version of each' : ''}`};
  if (verb?.value === 'sync' && flags.has('--delete') && !flags.has('--dry-run') && !flags.has('--dryRun')) {
    return {word: written(verb), reason: 'b2 sync --delete deletes every file at the destination that the source lacks'};
  }

  return null;
}


/** Jenkins' CLI (`java -jar jenkins-cli.jar … delete-credentials`): credentials and whole jobs or nodes deleted. */
function jenkinsCli(command: SimpleCommand): Hit | null {
  if (command.program.value !== 'java') return null;
  const words = command.argv.slice(1);
  const jar = words.findIndex((word, i) => words[i - 1]?.value === '-jar' && /jenkins-cli\.jar$/.test(word.value ?? ''));
  const verb = jar === -1 ? undefined : words.slice(jar + 1).find((word) => word.known && /^delete-(?:credentials|credentials-domain|job)$/.test(word.value));
  return verb ? {word: written(verb), reason: `jenkins-cli ${verb.value} deletes ${/credentials/.test(verb.value!) ? 'the credentials, which cannot be read back: every job that uses them fails' : 'the job with its history'}`} : null;
}

/** gh api -X DELETE of a secret, a variable or an environment; Nomad's HTTP API purging a job. */
function ciApiDelete(command: SimpleCommand): Hit | null {
  const words = command.argv.slice(1);
  if (httpMethod(command) !== 'DELETE') return null;
  const path = words.find((word) => word.known && /\/(?:actions|dependabot|codespaces)\/(?:secrets|variables)\/[^/?\s]+\/?$|\/environments\/[^/?\s]+\/?$/.test(word.value));
  if (command.program.value === 'gh' && path) return {word: written(path), reason: `gh api DELETE ${path.value} deletes the ${/environments/.test(path.value!) ? 'environment, with its secrets and protection rules' : 'secret or variable: every workflow that reads it fails'}`};
  const variable = command.program.value === 'glab' ? words.find((word) => word.known && /(?:^|\/)(?:projects|groups)\/[^/]+\/variables\/[^/?\s]+\/?$/.test(word.value)) : undefined;
  if (variable) return {word: written(variable), reason: `glab api DELETE ${variable.value} deletes the CI/CD variable: every pipeline that reads it fails`};
  const nomad = command.program.value === 'curl' ? words.find((word) => word.known && /\/v1\/job\/[^/?\s]+\?(?:.*&)?purge=true/.test(word.value)) : undefined;
  return nomad ? {word: written(nomad), reason: 'curl DELETE of a Nomad job with purge=true stops it and deletes it with its history'} : null;
}


const onAws = {program: ['aws']};

/** The words of a command that are not options, in order (the values of the options named left out). */
function verbs(command: SimpleCommand, takesValue: string[]): Word[] {
  return normalizeOptions(command.argv.slice(1), {takesValue}).operands;
}

/** gh/glab repo delete (or rm), and gh api -X DELETE repos/OWNER/REPO. */
function repoDelete(command: SimpleCommand): Hit | null {
  if (command.argv.some((word) => word.value === '--help' || word.value === '-h')) return null;
  const words = verbs(command, ['-R', '--repo', '-X', '--method', '-H', '--header', '-f', '--field', '-F', '--raw-field', '--hostname', '-q', '--jq', '-t', '--template', '--input', '-p', '--preview', '--cache']);
  const [first, second] = words;
  if (first?.value === 'repo' && (second?.value === 'delete' || second?.value === 'rm')) return {word: written(second), reason: `${command.program.value} repo ${second.value} deletes the repository with its issues, pull requests, releases and wiki`};
  const endpoint = second?.known ? ghEndpoint(second.value) : undefined;
  const ref = endpoint === undefined ? null : /^\/?repos\/[^/]+\/[^/]+\/git\/refs\/(heads|tags)\/./.exec(endpoint);
  // A whole package (`/orgs/ORG/packages/container/NAME`, `/user/packages/npm/NAME`): every version of it; one version is narrower.
  const pkg = endpoint !== undefined && /^\/?(?:orgs\/[^/]+|users\/[^/]+|user)\/packages\/[^/]+\/[^/]+\/?$/.test(endpoint);
  if (pkg && command.program.value === 'gh' && first?.value === 'api' && httpMethod(command) === 'DELETE') return {word: written(second!), reason: `gh api DELETE ${endpoint} deletes the package with every version of it: whatever pulls or installs it breaks`};
  if (command.program.value !== 'gh' || first?.value !== 'api' || !second || endpoint === undefined || (!ref && !/^\/?repos\/[^/]+\/[^/]+\/?$/.test(endpoint))) return null;
  if (httpMethod(command) !== 'DELETE') return null;
  return {word: written(second), reason: ref ? `gh api DELETE ${endpoint} deletes the ${ref[1] === 'heads' ? 'branch' : 'tag'} on the forge, as git push --delete does` : `gh api DELETE ${endpoint} deletes the repository with its issues, pull requests, releases and wiki`};
}

/** npm/pnpm unpublish, yarn npm unpublish, gem yank, gh release delete --cleanup-tag: the verb where the command's verb stands. */
function unpublish(command: SimpleCommand): Hit | null {
  if (command.argv.some((word) => word.value === '--help' || word.value === '-h' || word.value === '--dry-run')) return null;
  const name = command.program.value;
  if (name === 'gem') {
    const yank = verbs(command, ['--host', '-k', '--key', '--otp', '-v', '--version', '--platform'])[0];
    return yank?.value === 'yank' ? {word: written(yank), reason: 'gem yank takes the version off rubygems.org, and every Gemfile.lock pinned to it stops installing'} : null;
  }

  if (name === 'gh') {
    const [group, verb] = verbs(command, ['-R', '--repo']);
    const cleanup = command.argv.find((word) => word.value === '--cleanup-tag');
    return group?.value === 'release' && verb?.value === 'delete' && cleanup ? {word: written(cleanup), reason: 'gh release delete --cleanup-tag deletes the release, its files and its tag: whoever downloads or pins it breaks'} : null;
  }

  const words = verbs(command, ['--registry', '--otp', '--workspace', '-w', '--userconfig', '--cache', '--prefix', '-C', '--dir']);
  const verb = command.program.value === 'yarn' && words[0]?.value === 'npm' ? words[1] : words[0];
  return verb?.value === 'unpublish' ? {word: written(verb), reason: `${command.program.value} unpublish takes the package or version off the registry, and every build that depends on it breaks`} : null;
}

export const cloud: BuiltinRule[] = [
  {
    id: 'cloud.terraform-destroy',
    pack: 'cloud',
    level: 'deny',
    reason: 'destroys the infrastructure a terraform (or terragrunt, OpenTofu, CDKTF) configuration manages',
    alternative: 'terraform plan -destroy -out=plan, review, then apply that plan by hand',
    match: {program: ['terraform', 'tofu', 'opentofu', 'terragrunt', 'cdktf']},
    check: terraform,
    checkAll: appliedDestroyPlans,
    examples() {
      return {
        refuse: [
          'terraform destroy', 'terraform destroy -auto-approve -target=module.db', 'terraform apply -destroy -auto-approve', 'terraform -chdir=infra destroy', 'tofu destroy', 'terraform destroy -target=aws_db_instance.prod',
          'terragrunt destroy', 'terragrunt run-all destroy --terragrunt-non-interactive', 'terragrunt run --all destroy', 'terragrunt run -- destroy', 'terragrunt destroy-all', 'cdktf destroy --auto-approve', 'terraform apply -destroy=true',
          'TF_IN_AUTOMATION=1 terraform -chdir=envs/prod apply -auto-approve -destroy', "TF_CLI_ARGS_apply='-destroy -auto-approve' terraform apply", 'terraform workspace delete -force prod', 'terraform state push -force backup.tfstate',
          'terraform plan -destroy -out=teardown.tfplan && terraform apply teardown.tfplan', 'terraform apply -replace=aws_db_instance.main -auto-approve', 'terraform apply -auto-approve -replace aws_db_instance.main', "TF_CLI_ARGS_apply='-replace=aws_rds_cluster.main -auto-approve' terraform apply", "tofu apply -auto-approve -replace='module.data.google_sql_database_instance.primary'", 'terraform apply -replace=aws_s3_bucket.assets["eu"] -auto-approve', 'terraform -chdir=infra plan -destroy -out=d.plan; terraform -chdir=infra apply -auto-approve d.plan',
        ],
        allow: [
          'terraform plan', 'terraform plan -destroy -out=destroy.plan', 'terraform apply -replace=aws_instance.web -auto-approve', 'terraform apply -replace=aws_db_parameter_group.main -auto-approve', 'terraform apply -replace=aws_volume_attachment.data -auto-approve', 'terraform apply -replace=aws_secretsmanager_secret_version.db -auto-approve', 'terraform plan -replace=aws_db_instance.main', 'terraform apply -replace=aws_db_instance.main', 'terraform output -json', 'terraform apply -auto-approve', 'terraform destroy -help', 'terraform validate', 'terraform apply destroy.plan', 'terragrunt run-all plan',
          'terraform state list', 'terraform apply -destroy=false', 'terraform fmt -check -recursive', 'terraform workspace delete staging', 'terraform state push prod.tfstate',
          "TF_CLI_ARGS_plan='-lock-timeout=60s' terraform apply", 'terraform plan -destroy -out=d.plan && terraform show d.plan', 'terraform plan -out=p.plan && terraform apply p.plan',
        ],
      };
    },
  },
  {
    id: 'cloud.pulumi-destroy',
    pack: 'cloud',
    level: 'deny',
    reason: 'destroys every resource of a pulumi stack, or removes the stack and its history',
    alternative: 'pulumi destroy --preview-only, review, then destroy by hand',
    match: {program: ['pulumi']},
    check: pulumi,
    examples() {
      return {
        refuse: ['pulumi destroy --yes', 'pulumi destroy -s prod --yes --skip-preview', 'pulumi down -y', 'pulumi stack rm prod --force --yes', 'pulumi stack rm --yes', 'pulumi -C infra destroy --yes'],
        allow: ['pulumi preview -s prod', 'pulumi up --yes', 'pulumi destroy --preview-only', 'pulumi stack ls', 'pulumi stack output', 'pulumi destroy --help', 'pulumi refresh --yes'],
      };
    },
  },
  {
    id: 'cloud.s3-rm-recursive',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes every object under an S3 prefix',
    alternative: 'run it with --dryrun first',
    match: onAws,
    check: (command) => s3(command, 'rm'),
    examples() {
      return {
        refuse: ['aws s3 rm s3://prod-assets --recursive', 'aws --profile prod s3 rm s3://b/logs/ --recursive --exclude "*.keep"', 'aws s3 rm --recursive s3://b', 'AWS_PROFILE=prod aws s3 rm "s3://$BUCKET/" --recursive'],
        allow: ['aws s3 rm s3://prod-assets --recursive --dryrun', 'aws s3 rm s3://prod-assets/one.txt', 'aws s3 ls s3://prod-assets', 'aws s3 cp ./backup.tgz s3://acme-backups/', 'aws s3 mv s3://b/a s3://b/c'],
      };
    },
  },
  {
    id: 'cloud.s3-remove-bucket',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes an S3 bucket (with --force, every object in it first)',
    alternative: 'empty and remove the bucket by hand after a review',
    match: onAws,
    check: (command) => s3(command, 'rb'),
    // contract: deleting a bucket is one of the cloud CLIs' delete verbs, empty or not (its name,
    // policy and lifecycle go with it); `aws s3 rb s3://empty-bucket` was allowed before.
    examples() {
      return {
        // `aws s3 mb` succeeds on a bucket one already owns in us-east-1: what follows it may be anyone's.
        refuse: ['aws s3 rb s3://prod-assets --force', 'aws s3 rb s3://empty-bucket', 'aws s3 mb s3://ci-77 && aws s3 rb s3://ci-77 --force'],
        allow: ['aws s3 ls', 'aws s3 mb s3://new-bucket', 'aws s3 rb help'],
      };
    },
  },
  {
    id: 'cloud.s3-sync-delete',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes objects at the destination that the source lacks',
    alternative: 'run it with --dryrun first, or sync without --delete',
    match: onAws,
    check: (command) => s3(command, 'sync'),
    examples() {
      return {refuse: ['aws s3 sync ./site s3://prod-site --delete', 'aws s3 sync ./empty s3://prod-backups --delete', 'aws s3 sync s3://a s3://b --delete --exact-timestamps', 'aws s3 sync s3://prod-assets /srv/www --delete', 'aws s3 sync s3://prod-assets ../shared --delete'], allow: ['aws s3 sync ./site s3://prod-site', 'aws s3 sync ./site s3://prod-site --delete --dryrun', 'aws s3 sync s3://corp-backups/db/ ./restore-check/ --delete']};
    },
  },
  {
    id: 'cloud.aws-delete',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes or terminates AWS resources (instances, databases, tables, buckets, stacks, users, keys…) for good',
    alternative: 'run it with --dry-run where the service has one, snapshot first, or delete by hand after a review',
    match: onAws,
    check: awsDelete,
    examples() {
      return {
        refuse: [
          'aws s3api delete-bucket --bucket prod-logs', 'aws --profile prod ec2 terminate-instances --instance-ids i-0abc1234def567890', 'aws --profile prod iam delete-user --user-name ci-deployer', 'aws dynamodb delete-table --table-name orders',
          'aws kms schedule-key-deletion --key-id alias/prod-data --pending-window-in-days 7', 'aws rds delete-db-instance --db-instance-identifier prod --skip-final-snapshot', 'aws cloudformation delete-stack --stack-name prod',
          'aws eks delete-cluster --name prod', 'aws s3api delete-objects --bucket b --delete file://keys.json', 'aws ecr batch-delete-image --repository-name web --image-ids imageTag=latest', 'aws sqs purge-queue --queue-url "$Q"',
          'aws ec2 delete-volume --volume-id vol-123', 'aws lambda delete-function --function-name api', 'aws route53 delete-hosted-zone --id Z123', 'aws secretsmanager delete-secret --secret-id db --force-delete-without-recovery',
          'aws --region us-east-1 rds delete-db-cluster --db-cluster-identifier prod', 'aws ec2 deregister-image --image-id ami-123', 'aws logs delete-log-group --log-group-name /app/prod', 'aws efs delete-file-system --file-system-id fs-1',
        ],
        allow: [
          'aws ec2 describe-instances --filters Name=tag:env,Values=prod', 'aws rds create-db-snapshot --db-instance-identifier prod --db-snapshot-identifier pre-upgrade', 'aws ec2 terminate-instances --instance-ids i-1 --dry-run',
          'aws s3api delete-object --bucket b --key tmp/x', 'aws sqs delete-message --queue-url "$Q" --receipt-handle "$H"', 'aws dynamodb delete-item --table-name t --key file://key.json', 'aws iam list-users',
          'aws ec2 terminate-instances help', 'aws s3api list-objects-v2 --bucket b', 'aws sts get-caller-identity', 'aws ec2 delete-tags --resources i-1 --tags Key=old', 'aws rds delete-db-instance --generate-cli-skeleton',
        ],
      };
    },
  },
  {
    id: 'cloud.gcloud-project-delete',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes a Google Cloud project and every resource in it',
    alternative: 'delete it in the console, where it can be undone for 30 days',
    match: {program: ['gcloud']},
    check: gcloudProject,
    examples() {
      return {refuse: ['gcloud projects delete acme-prod', 'gcloud projects delete acme-prod --quiet', 'gcloud --account ops@x projects delete acme'], allow: ['gcloud projects list', 'gcloud projects describe acme-prod', 'gcloud projects delete --help']};
    },
  },
  {
    id: 'cloud.gcloud-delete',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes Google Cloud resources (instances, clusters, databases, buckets, secrets, key versions, BigQuery datasets…) for good',
    alternative: 'snapshot or export first, then delete by hand after a review',
    match: {program: ['gcloud', 'bq']},
    check: gcloudDelete,
    examples() {
      return {
        refuse: [
          'gcloud compute instances delete web-1 --zone us-central1-a -q', 'gcloud sql instances delete prod-db', 'gcloud sql backups restore 1718236800000 --restore-instance=shop-prod --backup-instance=shop-prod --quiet', 'gcloud pubsub subscriptions seek billing-sub --time=2099-01-01T00:00:00Z', 'gcloud sql instances restore-backup prod --backup-id=123', 'gcloud container clusters delete prod --region europe-west1 --quiet', 'gcloud storage buckets delete gs://prod-bucket',
          'gcloud --project acme sql databases delete app --instance prod', 'gcloud beta run services delete api', 'gcloud kms keys versions destroy 1 --key k --keyring r --location global', 'gcloud firestore bulk-delete --collection-ids=users',
          'gcloud secrets delete db-password', 'bq rm -r -f -d acme:analytics', 'bq rm -t acme:analytics.events', 'gcloud compute disks delete data-1 --zone=europe-west1-b',
        ],
        allow: ['gcloud compute instances list --format=json', 'gcloud sql instances describe prod-db', 'gcloud sql backups list --instance=shop-prod', 'gcloud pubsub subscriptions seek billing-sub --time=2024-01-01T00:00:00Z', 'gcloud pubsub subscriptions seek billing-sub --snapshot=before-deploy', 'gcloud compute instances delete --help', 'gcloud compute instances list --filter delete', 'bq ls', 'bq query "SELECT 1"', 'gcloud config set project acme'],
      };
    },
  },
  {
    id: 'cloud.gcs-delete',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes a Cloud Storage bucket, or every object under a path or a wildcard, or what a sync finds missing at its source',
    alternative: 'delete named objects; rsync with -n (dry run) first',
    match: {program: ['gsutil', 'gcloud']},
    check: cloudStorage,
    examples() {
      return {
        refuse: ['gsutil -m rm -r gs://prod-bucket', 'gsutil rb gs://prod-bucket', 'gcloud storage rm -r gs://prod-bucket', 'gcloud storage rm --recursive gs://b/logs', "gsutil rm 'gs://b/**'", 'gsutil -m rsync -r -d ./empty gs://backups', 'gcloud storage rsync ./site gs://site --recursive --delete-unmatched-destination-objects', 'gsutil rm -a gs://b/*.log'],
        allow: ['gsutil ls gs://prod-bucket', 'gsutil cp ./backup.tgz gs://backups/', 'gsutil rm gs://b/tmp/one.txt', 'gcloud storage rm gs://b/one.txt', 'gsutil rsync -r ./site gs://site', 'gsutil -m rsync -r -d -n ./site gs://site', 'gcloud storage ls'],
      };
    },
  },
  {
    id: 'cloud.azure-delete',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes Azure resources (resource groups, storage accounts and containers, databases, vaults, VMs, clusters…) for good, or every blob of a batch',
    alternative: 'run it with --dryrun or --what-if where there is one; delete by hand after a review',
    match: {program: ['az', 'azcopy']},
    check: azure,
    examples() {
      return {
        refuse: [
          'az rest --method DELETE --url "https://management.azure.com/subscriptions/x/resourceGroups/prod?api-version=2021-04-01"',
          'az group delete --name prod-rg --yes --no-wait', 'az storage account delete -n prodstore -g prod-rg --yes', 'az storage blob delete-batch -s backups --account-name prodstore', 'az sql db delete -g rg -s srv -n app --yes',
          'az keyvault purge --name prod-kv', 'az vm delete -g rg -n web-1 --yes', 'az aks delete -g rg -n prod', 'az storage container delete -n backups --account-name s', 'az deployment group create -g rg --template-file main.bicep --mode Complete',
          'azcopy rm "https://s.blob.core.windows.net/backups" --recursive', 'azcopy sync ./empty "https://s.blob.core.windows.net/backups" --delete-destination=true', 'az cosmosdb sql database delete -a acct -g rg -n app --yes',
        ],
        allow: [
          'az rest --method delete --url "https://graph.microsoft.com/v1.0/me/messages/AAMk"', 'az rest --method get --url "https://management.azure.com/subscriptions/x/resourceGroups/prod?api-version=2021-04-01"',
          'az group list -o table', 'az account show', 'az storage blob delete-batch -s backups --account-name s --dryrun', 'az storage blob delete -c c -n one.txt --account-name s', 'az vm list', 'az group delete --help',
          'az deployment group create -g rg --template-file main.bicep', 'az deployment group create -g rg -f main.bicep --mode Complete --what-if', 'azcopy copy ./backup "https://s.blob.core.windows.net/b"', 'azcopy sync ./site "https://s.blob.core.windows.net/site"',
        ],
      };
    },
  },
  {
    id: 'cloud.other-delete',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes or rebuilds cloud resources for good (DigitalOcean, Hetzner Cloud, Oracle Cloud, OpenStack, eksctl clusters), every object of an S3-compatible bucket (s3cmd, mc, ossutil, obsutil, b2), or registry images named only when it runs (crane, skopeo, regctl)',
    alternative: 'snapshot first, then delete by hand after a review',
    match: {program: ['doctl', 'hcloud', 'oci', 'openstack', 'eksctl', 's3cmd', 'mc', 'ossutil', 'obsutil', 'b2', 'crane', 'skopeo', 'regctl']},
    check: otherCloud,
    examples() {
      return {
        refuse: [
          'doctl compute droplet delete web-1 --force', 'hcloud server delete web-1', 'oci compute instance terminate --instance-id ocid1.instance.x --force', 'doctl databases delete 1234 --force', 'oci os bucket delete --bucket-name b --empty --force', 'oci os object bulk-delete --bucket-name invoices --force', 'oci kms management key schedule-deletion --key-id ocid1.key.oc1.x --endpoint https://kms.example.com',
          'openstack server delete web-1', 'openstack --os-cloud prod volume delete data-1', 'eksctl delete cluster --name prod', 'eksctl delete cluster -f cluster.yaml', 's3cmd del --recursive --force s3://backups', 's3cmd rb --force s3://backups',
          's3cmd sync --delete-removed ./empty s3://backups', 'mc rm --recursive --force minio/backups', 'mc rb --force minio/backups', 'mc mirror --remove ./empty minio/backups',
          'crane ls ghcr.io/acme/api | xargs -I{} crane delete ghcr.io/acme/api:{}', 'crane delete registry.example.com/payments/api:latest', 'skopeo delete docker://quay.io/acme/billing:prod', 'regctl tag delete registry.example.com/team/app:stable', 'crane delete ghcr.io/acme/api:v2.4.1', 'crane delete registry.example.com/payments/api', 'crane delete ghcr.io/acme/api:1.4.2-alpine', 'crane delete ghcr.io/acme/api:prod-eu', 'skopeo list-tags docker://r/x | jq -r ".Tags[]" | xargs -I{} skopeo delete docker://r/x:{}',
          'hcloud server rebuild --image debian-12 db-1', 'ossutil rb oss://examplebucket --force', 'ossutil rm -r -f oss://examplebucket/data/', 'b2 rm --recursive --versions b2://nightly-backups', 'b2 delete-bucket nightly-backups',
          'b2 bucket delete nightly-backups', 'b2 sync --delete ./empty b2://nightly-backups',
        ],
        allow: [
          'doctl compute droplet list', 'hcloud server list', 'oci os object list --bucket-name b', 'doctl compute droplet delete --help', 'openstack server list', 'eksctl get cluster', 's3cmd ls s3://backups', 's3cmd put backup.tgz s3://backups/',
          'mc ls minio/backups', 'mc mirror ./site minio/site', 'mc rm --recursive --force --older-than 30d minio/backups/daily', 's3cmd sync ./site s3://site', 'mc rm minio/backups/one.tgz',
          'crane delete ghcr.io/acme/api:pr-123', 'crane ls ghcr.io/acme/api', 'skopeo delete docker://registry.example/x:old', 'regctl tag delete registry.example.com/team/app:tmp-build-77', 'crane delete --help',
          'oci os bucket delete --bucket-name old-exports --empty --dry-run', 'oci os object bulk-delete --bucket-name logs --prefix tmp/2023/ --force', 'oci kms management key list --compartment-id ocid1.compartment.oc1.x --endpoint https://kms.example.com', 'ossutil ls oss://examplebucket', 'ossutil rm oss://examplebucket/one.txt', 'b2 ls b2://nightly-backups', 'b2 rm b2://nightly-backups/one.tgz',
          'b2 sync ./site b2://site', 'b2 sync --delete --dry-run ./site b2://site',
        ],
      };
    },
  },
  ...tailClouds,
  rcloneDelete,
  {
    id: 'cloud.open-to-world',
    pack: 'cloud',
    level: 'deny',
    reason: 'opens every port and protocol of cloud machines to the whole internet (a security group, firewall rule or NSG rule allowing all from 0.0.0.0/0), or a port of remote administration or of a database (ssh, RDP, SMB, the Docker API, MySQL, PostgreSQL, Redis…)',
    alternative: 'open the one port the service needs, from the addresses that need it',
    match: {program: ['aws', 'gcloud', 'az']},
    check: openToWorld,
    examples() {
      return {
        refuse: [
          'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol -1 --cidr 0.0.0.0/0', 'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 0-65535 --cidr 0.0.0.0/0',
          `aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions '[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]'`,
          'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr 0.0.0.0/0', 'aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions IpProtocol=tcp,FromPort=3306,ToPort=3306,IpRanges=[{CidrIp=0.0.0.0/0}]',
          'gcloud compute firewall-rules create rdp --allow tcp:3389 --source-ranges 0.0.0.0/0', 'az network nsg rule create -g rg --nsg-name n -n ssh --priority 100 --access Allow --source-address-prefixes Internet --destination-port-ranges 443 22',
          'gcloud compute firewall-rules create allow-all --allow all --source-ranges 0.0.0.0/0', 'gcloud compute firewall-rules create open --network prod --allow tcp,udp,icmp',
          "az network nsg rule create -g prod --nsg-name web-nsg -n any --priority 100 --destination-port-ranges '*' --source-address-prefixes '*'",
          'gcloud compute firewall-rules create open --allow tcp:1-65535,udp:1-65535,icmp --source-ranges 0.0.0.0/0', 'aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions IpProtocol=tcp,FromPort=0,ToPort=65535,IpRanges=[{CidrIp=0.0.0.0/0}]',
          "aws ec2 modify-security-group-rules --group-id sg-1 --security-group-rules 'SecurityGroupRuleId=sgr-1,SecurityGroupRule={IpProtocol=-1,CidrIpv4=0.0.0.0/0}'", "az network nsg rule create -g prod --nsg-name n -n any --priority 100 --destination-port-ranges '*'",
        ],
        allow: [
          'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 443 --cidr 0.0.0.0/0', 'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol -1 --cidr 10.0.0.0/8',
          'gcloud compute firewall-rules create allow-https --allow tcp:443 --source-ranges 0.0.0.0/0', 'gcloud compute firewall-rules create internal --allow all --source-ranges 10.128.0.0/9',
          'gcloud compute firewall-rules create deny-all --action deny --rules all --source-ranges 0.0.0.0/0',
          'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr 203.0.113.0/24', 'gcloud compute firewall-rules create web --allow tcp:80,tcp:443 --source-ranges 0.0.0.0/0', 'gcloud compute firewall-rules create ssh-iap --allow tcp:22 --source-ranges 35.235.240.0/20',
          'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 8080-8090 --cidr 0.0.0.0/0',
          'gcloud compute firewall-rules create egress-all --network prod --direction EGRESS --allow all --destination-ranges 0.0.0.0/0',
          "az network nsg rule create -g prod --nsg-name n -n out --priority 100 --direction Outbound --destination-port-ranges '*' --source-address-prefixes '*'",
          "az network nsg rule create -g prod --nsg-name web-nsg -n https --priority 100 --destination-port-ranges 443 --source-address-prefixes '*'", 'aws ec2 describe-security-groups',
        ],
      };
    },
  },
  {
    id: 'cloud.platform-delete',
    pack: 'cloud',
    level: 'deny',
    reason: "deletes an application, its database or what it deployed on an application platform or through a GitOps or deployment tool (heroku apps:destroy, fly apps destroy, vercel remove, serverless remove, sam delete, copilot svc delete, helmfile destroy, supabase db reset --linked, wrangler r2 bucket delete, argocd app delete, flux uninstall), or a machine-learning platform's models, experiments, datasets or cluster (mlflow experiments delete, hf repo delete, dvc gc -c, ray down)",
    alternative: 'scale it down or disable it first; back up its data; delete by hand after a review',
    match: {program: Object.keys(platformVerbs)},
    check: platformDelete,
    examples() {
      return {
        refuse: [
          'heroku apps:destroy --app prod-api --confirm prod-api', 'heroku pg:reset DATABASE_URL -a prod-api --confirm prod-api', 'fly apps destroy prod-api -y', 'flyctl volumes destroy vol_123 --yes', 'vercel remove prod-site --yes',
          'netlify sites:delete 1234 --force', 'serverless remove --stage prod', 'sls remove -s prod', 'firebase firestore:delete --all-collections -f', 'firebase firestore:delete /users -r -f', 'firebase database:remove /orders -f',
          'supabase db reset --linked', 'argocd app delete prod-api -y', 'argocd app delete prod-api --cascade -y', 'flux uninstall --silent', 'flux delete kustomization apps --silent',
          'supabase projects delete abcdefghijklmnopqrst', 'wrangler r2 bucket delete assets-prod', 'wrangler kv namespace delete --namespace-id=0f2ac74b', 'wrangler d1 delete prod-db --skip-confirmation', 'wrangler delete --name api',
          'mlflow experiments delete --experiment-id 17', 'hf repo delete acme/llama-ft --repo-type model', "huggingface-cli repo-files acme/tickets delete '*' --repo-type dataset", 'dvc gc -w -c -f', 'ray down -y cluster.yaml',
          'feast -c feature_repo teardown', 'contentful space delete --space-id 7x2qk8ymn3ab --yes', 'contentful space environment delete --space-id 7x2qk8ymn3ab --environment-id master', 'npx sanity dataset delete production --force', 'terminus env:wipe acme-shop.live --yes', "s5cmd rm 's3://ml-models/ckpt/*'", 'registry garbage-collect -m /etc/docker/registry/config.yml', 'registry garbage-collect --delete-untagged=true /etc/docker/registry/config.yml', 'heroku pg:backups:restore b101 DATABASE_URL --app shop-prod --confirm shop-prod',
          'sam delete --stack-name orders --no-prompts', 'copilot svc delete --name api --env prod --yes', 'copilot env delete --name test --yes', 'helmfile -e production destroy', 'helmfile --file helmfile.d/ delete',
        ],
        allow: [
          'mlflow experiments restore --experiment-id 17', 'contentful space environment delete --space-id 7x2qk8ymn3ab --environment-id pr-42', 'sanity dataset delete scratch-import', 'terminus env:wipe acme-shop.dev --yes', 'registry garbage-collect /etc/docker/registry/config.yml', 'registry garbage-collect -m --dry-run /etc/docker/registry/config.yml', 'hf repo-files acme/x delete old/ckpt.bin', 'hf cache delete', 'dvc gc -w', 'dvc gc --dry -c', 'ray up cluster.yaml', 'feast plan', 's5cmd rm s3://ml-models/ckpt/step-100.pt', 'heroku pg:backups:capture --app shop-prod',
          'heroku apps:info -a prod-api', 'heroku ps:restart -a prod-api', 'fly apps list', 'fly deploy', 'vercel deploy --prod', 'vercel remove prod-site --safe --yes', 'serverless deploy --stage prod', 'firebase firestore:delete /users/abc123 -f',
          'supabase db reset', 'supabase projects list', 'wrangler deploy --dry-run', 'wrangler r2 object delete assets-prod/old.png', 'wrangler kv key delete --namespace-id=0f2ac74b old-key', 'wrangler d1 list', 'sam deploy --guided', 'sam delete --help', 'copilot svc deploy --name api --env prod', 'helmfile -e production diff', 'helmfile -e production apply', 'argocd app sync prod-api', 'argocd app delete prod-api --cascade=false -y', 'flux uninstall --dry-run', 'flux get kustomizations', 'heroku apps:destroy --help',
        ],
      };
    },
  },
  {
    id: 'cloud.machine-delete',
    pack: 'cloud',
    level: 'deny',
    reason: "deletes a virtual machine with its disks, a volume or a storage pool, or reverts a machine to a snapshot, through a hypervisor or machine manager (virsh, Proxmox qm/pct/pvesm, govc, VBoxManage, vagrant destroy -f, multipass, LXD and Incus restore, MAAS, openstack project purge); deletes every Velero backup or restores over live objects",
    alternative: 'stop or undefine the machine and keep its disks; take a snapshot first; delete by hand after a review',
    match: {program: Object.keys(machineVerbs)},
    check: (command) => verbDelete(command, machineVerbs),
    examples() {
      return {
        refuse: [
          'virsh vol-delete --pool default db02-data.qcow2', 'virsh pool-delete images', 'virsh undefine web01 --remove-all-storage --nvram', 'virsh snapshot-revert web01 pre-upgrade --running', 'qm destroy 104 --purge 1', '/usr/sbin/pct destroy 210 --force 1',
          'pvesm free local-lvm:vm-104-disk-0', 'proxmox-backup-manager datastore remove store1 --destroy-data true', 'qm rollback 104 before-upgrade', 'qmrestore ./vzdump-qemu-104.vma.zst 104 --force 1', 'pvesh delete /nodes/pve1/qemu/104', 'govc vm.destroy web-01', 'govc datastore.rm -ds=datastore1 web-01',
          'vagrant destroy -f', 'VBoxManage unregistervm build-3 --delete', 'multipass delete --purge dev', 'multipass restore --destructive dev.snapshot1', 'lxc restore db01 snap0', 'incus snapshot restore db01 snap0', 'openstack project purge --project legacy', 'maas admin machine release 4y3h7n erase=true', 'xl destroy guest1', 'pvecm delnode pve3', 'velero backup delete --all --confirm', 'velero restore create --from-backup nightly --existing-resource-policy=update',
        ],
        allow: [
          'virsh list --all', 'virsh undefine web01', 'virsh snapshot-create-as web01 pre-upgrade', 'virsh vol-list default', 'qm list', 'qm snapshot 104 pre-upgrade', 'qmrestore ./vzdump-qemu-999.vma.zst 999', 'pvesm status', 'proxmox-backup-manager datastore remove store1', 'proxmox-backup-manager datastore remove store1 --destroy-data false', 'proxmox-backup-manager datastore list', 'govc vm.info web-01',
          'vagrant destroy', 'vagrant up', 'VBoxManage unregistervm build-3', 'multipass delete dev', 'multipass restore dev.snapshot1', 'lxc snapshot db01 before-upgrade', 'incus snapshot list db01', 'openstack server list', 'openstack project purge --dry-run --project legacy', 'velero backup delete nightly-20240101 --confirm', 'velero restore create --from-backup nightly --namespace-mappings prod:prod-restore', 'maas admin machine release 4y3h7n', 'qm destroy --help',
        ],
      };
    },
  },
  {
    id: 'cloud.ci-delete',
    pack: 'cloud',
    level: 'deny',
    reason: "deletes what a CI/CD system cannot have back: a secret, variable or environment, every workflow, pipeline or run, the runners, an application (gh secret delete, glab variable delete, argo delete --all, gitlab-runner unregister --all-runners, spin application delete, a Nomad job purged)",
    alternative: 'rotate a secret rather than delete it; delete one run or pipeline by its id; disable before deleting',
    match: {program: [...Object.keys(ciVerbs), 'curl', 'java']},
    check: (command) => (command.program.value === 'curl' ? null : verbDelete(command, ciVerbs)) ?? (command.program.value === 'gh' || command.program.value === 'glab' || command.program.value === 'curl' ? ciApiDelete(command) : null) ?? jenkinsCli(command),
    examples() {
      return {
        refuse: [
          'glab container-registry repository delete 123 --yes',
          'gh secret delete AWS_SECRET_ACCESS_KEY --repo acme/payments', 'gh secret remove STRIPE_KEY -R acme/shop', 'gh api -X DELETE repos/acme/payments/actions/secrets/DEPLOY_KEY', 'gh api --method DELETE /repos/acme/payments/environments/production',
          'glab variable delete PROD_DB_PASSWORD -R acme/platform', 'glab ci delete --status=success --paginate', 'gitlab-runner unregister --all-runners', 'argo delete --all -n workflows', 'tkn pipeline delete --all -f -n ci', 'spin application delete checkout',
          "rd jobs purge --confirm -p ops -g '*'", 'circleci context delete org/my-org context/prod', 'circleci context remove-secret org/acme prod AWS_ACCESS_KEY_ID', 'doppler secrets delete DATABASE_URL --project backend --config prd --yes', 'doppler projects delete backend --yes', 'op vault delete Engineering',
          'glab api -X DELETE projects/1/variables/FOO', 'java -jar jenkins-cli.jar -s http://jenkins.local/ delete-credentials system::system::_ deploy-key', "airflow tasks clear --dag-regex --yes '.*'", 'curl -sS -X DELETE "http://nomad:4646/v1/job/billing-api?purge=true"',
        ],
        allow: [
          'gh secret list --repo acme/payments', 'gh secret set DEPLOY_KEY < ./key', 'gh api repos/acme/payments/environments/production', 'glab variable list', 'gitlab-runner unregister --name old-runner', 'argo delete wf-abc123 -n workflows',
          'tkn pipelinerun delete pr-123 -f', 'spin application list', 'circleci context list github acme', 'doppler secrets get DATABASE_URL --plain', 'op vault list', 'op item delete "Old token"', 'glab api projects/1/variables', "airflow tasks clear etl_daily -t load -s 2024-05-01 -e 2024-05-01 --yes", 'curl -sS http://nomad:4646/v1/job/billing-api',
        ],
      };
    },
  },
  backupRepositoryDelete,
  {
    id: 'cloud.repo-delete',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes a hosted repository with its issues, pull requests, releases and wiki (gh repo delete, glab repo delete), or a branch or tag of it through the API',
    alternative: 'archive it (gh repo archive), or delete it in the web interface after a review',
    match: {program: ['gh', 'glab']},
    check: repoDelete,
    examples() {
      return {
        refuse: ['gh repo delete acme/api --yes', 'gh repo delete', 'glab repo delete acme/api --yes', 'gh -R acme/api repo delete --yes', 'gh api -X DELETE repos/acme/api', 'gh api --method=DELETE /repos/acme/api', 'gh api -X DELETE repos/acme/api/git/refs/tags/v2.3.0', 'gh api --method DELETE /repos/acme/api/git/refs/heads/main', 'gh api -X DELETE https://api.github.com/repos/acme/api', 'gh api --method DELETE https://github.example.com/api/v3/repos/acme/api', 'gh api --method DELETE /orgs/acme/packages/container/web', 'gh api -X DELETE /user/packages/npm/cli'],
        allow: ['gh api --method DELETE /orgs/acme/packages/container/web/versions/1234', 'gh api /orgs/acme/packages/container/web/versions', 
          'gh repo view acme/api', 'gh repo archive acme/api --yes', 'gh repo list acme', 'gh repo delete --help', 'gh release delete v1.0.0-rc1 --yes', 'gh issue create --title "repo delete button broken"',
          'gh api -X DELETE repos/acme/api/branches/old/protection', 'gh api repos/acme/api', 'gh api https://api.github.com/repos/acme/api', 'gh api -X DELETE https://api.github.com/repos/acme/api/issues/comments/42', 'gh api repos/acme/api/git/refs/tags/v2.3.0',
        ],
      };
    },
  },
  {
    id: 'cloud.package-unpublish',
    pack: 'cloud',
    level: 'deny',
    reason: 'takes a published package, version or release off its registry or forge, breaking every build that depends on it (npm unpublish, gem yank, gh release delete --cleanup-tag)',
    alternative: 'npm deprecate the version instead (mark a release as a pre-release or edit its notes); unpublish by hand after a review',
    match: {program: ['npm', 'pnpm', 'yarn', 'gem', 'gh']},
    check: unpublish,
    examples() {
      return {
        refuse: ['npm unpublish mypkg --force', 'npm unpublish mypkg@1.0.1', 'pnpm unpublish', 'yarn npm unpublish --all', 'gem yank acme-client -v 2.1.0', 'gh release delete "$TAG" --yes --cleanup-tag'],
        allow: ['npm deprecate mypkg@1.0.1 "use 1.0.2"', 'npm publish', 'npm unpublish mypkg@1.0.1 --dry-run', 'npm view mypkg versions', 'npm search unpublish', 'npm run unpublish', 'gem push acme-client-2.1.0.gem', 'gh release delete v1.0.0-rc1 --yes', 'gem list'],
      };
    },
  },
  {
    id: 'cloud.cdk-destroy',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes every resource of a CDK stack (cdk destroy)',
    alternative: 'cdk diff first; destroy by hand after a review, with its confirmation',
    match: {program: ['cdk'], noFlags: ['--help', '-h'], regex: String.raw`^cdk (?:\S+ )*destroy(?: |$)`},
    examples() {
      return {
        refuse: ['cdk destroy --force ProdStack', 'cdk destroy --all', 'cdk --profile prod destroy ApiStack'],
        allow: ['cdk diff ProdStack', 'cdk synth', 'cdk deploy ApiStack', 'cdk list', 'cdk destroy --help'],
      };
    },
  },
];
