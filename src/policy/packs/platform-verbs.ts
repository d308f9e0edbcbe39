// The CLIs whose delete is one verb after their options, as tables: application platforms and
// GitOps tools, hypervisors and machine managers, CI/CD systems. Each entry names the verb, what
// it deletes, and the flags that make it narrower or only a rehearsal; verbDelete reads a table.
import {type SimpleCommand, type Word, normalizeOptions} from '../../shell/index.js';
import {spelled, written} from '../spelling.js';
import type {Hit} from '../types.js';
import {asksHelp} from './hits.js';

/** The names a verb acts on, as a reason shows them (the first three). */
export const named = (names: Word[]) => (names.length > 0 ? ` ${names.slice(0, 3).map(spelled).join(' ')}` : '');

// Application platforms and GitOps tools: the verbs (after options) that delete an app, its
// database or what it deployed, each with the flags that make it narrower or only a rehearsal.
export interface PlatformVerb {
  verb: RegExp;
  what: string;
  /** What it does, where that is not a delete for good (`repairs in place, which can lose …`). */
  does?: string;
  unless?: RegExp;
  needs?: RegExp;
}

export const platformVerbs: Record<string, PlatformVerb[]> = {
  heroku: [
    {verb: /^(?:apps:destroy|apps:delete|destroy)$/, what: 'the app, its add-ons and its config'},
    {verb: /^(?:pg:reset|addons:destroy|addons:remove)$/, what: 'the database or add-on and all its data'},
    {verb: /^pg:backups:restore$/, what: '', does: 'restores the backup over the app\'s database: everything written to it since is gone'},
  ],
  fly: [{verb: /^(?:apps (?:destroy|delete|remove)|destroy|volumes? (?:destroy|delete|rm)|postgres destroy)$/, what: 'the app or volume, with its data'}],
  vercel: [{verb: /^(?:remove|rm|project (?:rm|remove))$/, what: 'the deployments or project', unless: /^--safe$/}],
  netlify: [{verb: /^sites:delete$/, what: 'the site'}],
  serverless: [{verb: /^remove$/, what: 'the service stack and the resources it made'}],
  firebase: [
    {verb: /^firestore:delete$/, what: 'every document below the path (or every collection)', needs: /^(?:--all-collections|-r|--recursive)$/},
    {verb: /^database:remove$/, what: 'the data at the path'},
  ],
  supabase: [
    {verb: /^db reset$/, what: 'the linked remote database', needs: /^(?:--linked|--db-url(?:=.*)?)$/},
    {verb: /^projects delete$/, what: 'the project, with its database'},
  ],
  // Cloudflare's wrangler: a Worker, an R2 bucket, a KV namespace, a D1 database, a queue or an index.
  wrangler: [{verb: /^(?:delete|r2 bucket delete|kv:namespace delete|kv namespace delete|d1 delete|queues delete|vectorize delete|hyperdrive delete|pages project delete)$/, what: 'the Worker, bucket, namespace, database or queue, and what it holds'}],
  argocd: [{verb: /^(?:app|apps|application|applications) (?:delete|rm)$/, what: 'the application and, by cascade, every resource it deployed', unless: /^--cascade=false$/}],
  flux: [
    {verb: /^uninstall$/, what: "Flux's controllers and custom resources, and with them what they reconcile", unless: /^--dry-run$/},
    {verb: /^delete (?:kustomization|ks|helmrelease|hr)$/, what: 'the object and, where it prunes, everything it applied'},
  ],
};
platformVerbs.sam = [{verb: /^delete$/, what: 'the CloudFormation stack, every resource it made and the artifacts it deployed'}];
platformVerbs.copilot = [{verb: /^(?:app|svc|env|job|pipeline) delete$/, what: 'every resource of the application, service, environment or job'}];
platformVerbs.helmfile = [{verb: /^(?:destroy|delete)$/, what: 'every release of the helmfile (in that environment), purged'}];
// Machine-learning platforms: models, datasets and experiments kept in a registry or a hub, the
// data a DVC remote holds for every clone, a training cluster, a feature store's infrastructure.
platformVerbs.mlflow = [{verb: /^experiments delete$/, what: '', does: 'moves the experiment and every run of it to the trash, which `mlflow gc` then empties for good'}];
platformVerbs.hf = [
  {verb: /^repos? (?:delete|rm)$/, what: 'the model, dataset or Space repository, with every revision of it'},
  {verb: /^repo-files \S+ delete$/, what: 'every file of the repository', needs: /^(?:\*|\*\*|\/|\.)$/},
];
platformVerbs['huggingface-cli'] = platformVerbs.hf;
platformVerbs.dvc = [{verb: /^gc$/, what: 'from the remote storage every version of the data this clone does not use: other clones\' branches and experiments read from it', needs: /^(?:--cloud|-[a-zA-Z]*c[a-zA-Z]*)$/, unless: /^--dry$/}];
// Headless content platforms and hosts: a whole space, dataset or environment, a live site wiped.
platformVerbs.contentful = [
  {verb: /^space delete$/, what: 'the space with every entry, asset and environment in it'},
  {verb: /^space environment delete$/, what: 'the master environment, the one the site reads', needs: /^(?:master|--environment-id=master)$/},
];
platformVerbs.sanity = [{verb: /^dataset delete$/, what: 'the dataset with every document in it', unless: /^(?:scratch|tmp|test|testing|ci)(?:[-_]\w+)?$/}];
platformVerbs.terminus = [{verb: /^env:wipe$/, what: '', does: 'wipes the environment\'s database and files', needs: /\.(?:live|test)$/}];
platformVerbs.ray = [{verb: /^down$/, what: 'the cluster: every node is terminated, with the jobs running on it'}];
platformVerbs.feast = [{verb: /^teardown$/, what: 'the feature store\'s online and offline infrastructure, with the features in it'}];
// The distribution registry's garbage collection that also deletes untagged manifests: what is pinned by digest, and the platforms of a multi-arch image.
platformVerbs.registry = [{verb: /^garbage-collect$/, what: '', does: 'deletes every manifest no tag points at: images pinned by digest, and the platforms of multi-arch images, stop pulling', needs: /^(?:-m|--delete-untagged(?:=true)?)$/, unless: /^(?:-d|--dry-run)$/}];
platformVerbs.s5cmd = [{verb: /^rm$/, what: 'every object the wildcard matches', needs: /^(?:s3|gs):\/\/[^*]*\*/}];
// Options that take a value before the verb, beyond those every platform shares.
const platformOptions: Record<string, string[]> = {
  helmfile: ['-e', '--environment', '-f', '--file', '-l', '--selector', '--state-values-set', '--state-values-file', '--kube-context', '-b', '--helm-binary'],
  ceph: ['--cluster', '-c', '--conf', '--name', '-k', '--keyring', '--format', '-f', '--id', '-i', '--connect-timeout', '-m'],
  rbd: ['-p', '--pool', '--image', '--namespace', '--snap', '--cluster', '-c', '--conf', '--id', '--keyring', '--format'],
  rados: ['-p', '--pool', '--cluster', '-c', '--conf', '--id', '--keyring', '-N', '--namespace'],
  'radosgw-admin': ['--bucket', '--uid', '--cluster', '-c', '--conf', '--id'],
  gluster: ['--remote-host', '--log-file', '--log-level'],
  s5cmd: ['--endpoint-url', '--numworkers', '--retry-count', '--log', '--credentials-file', '--request-payer'],
  dvc: ['-j', '--jobs', '--rev', '--num', '-n'],
};
platformVerbs.flyctl = platformVerbs.fly!;
platformVerbs.sls = platformVerbs.serverless!;

/**
 * A hypervisor's or machine manager's delete of a machine, its disks or its storage, and the
 * reverts that throw away what a machine wrote since a snapshot.
 */
export const machineVerbs: Record<string, PlatformVerb[]> = {
  virsh: [
    {verb: /^(?:vol-delete|vol-wipe)$/, what: 'the volume and the data on it'},
    {verb: /^pool-delete$/, what: "the storage pool's underlying storage and every volume in it"},
    {verb: /^undefine$/, what: "the machine and its disks", needs: /^--(?:remove-all-storage|storage(?:=.*)?|wipe-storage)$/},
    {verb: /^(?:snapshot-revert|revert)$/, what: 'everything the machine wrote since the snapshot'},
  ],
  qm: [{verb: /^(?:destroy|rollback)$/, what: 'the machine and its disks (or, for rollback, everything written since the snapshot)'}],
  pct: [{verb: /^(?:destroy|rollback)$/, what: 'the container and its volumes (or, for rollback, everything written since the snapshot)'}],
  // LXD's and Incus's restore of a snapshot: what the instance wrote since is gone.
  lxc: [{verb: /^(?:restore|snapshot restore)$/, what: 'everything the instance wrote since the snapshot'}],
  incus: [{verb: /^(?:restore|snapshot restore)$/, what: 'everything the instance wrote since the snapshot'}],
  qmrestore: [{verb: /^\S+$/, what: 'the existing machine of that id, replaced by the backup', needs: /^--force(?:=1)?$/}],
  pvesm: [{verb: /^free$/, what: 'the volume and the data on it'}],
  // Proxmox Backup Server: a datastore removed with its data (without --destroy-data only its configuration goes).
  'proxmox-backup-manager': [{verb: /^datastore (?:remove|delete)$/, what: 'the datastore and every backup in it', needs: /^--destroy-data(?:=(?:true|1|yes))?$/, unless: /^(?:--destroy-data=)?(?:false|0|no)$/}],
  pvesh: [{verb: /^delete$/, what: 'the machine, container or storage at that path', needs: /\/(?:qemu|lxc)\/\d+\/?$|\/storage\/[^/]+\/?$|\/nodes\/[^/]+\/?$/}],
  govc: [{verb: /^(?:vm\.destroy|datastore\.rm|pool\.destroy|snapshot\.revert|vm\.unregister)$/, what: 'the machine, its files or the datastore path'}],
  vagrant: [{verb: /^destroy$/, what: 'the machine and its disks, without asking', needs: /^(?:-f|--force)$/}],
  VBoxManage: [{verb: /^unregistervm$/, what: 'the machine and its disk images', needs: /^--delete(?:-all)?$/}],
  multipass: [
    {verb: /^delete$/, what: 'the instance, beyond recovery', needs: /^(?:-p|--purge)$/},
    {verb: /^purge$/, what: 'every deleted instance, beyond recovery'},
    {verb: /^restore$/, what: 'everything the instance wrote since the snapshot', needs: /^(?:-d|--destructive)$/},
  ],
  openstack: [{verb: /^project purge$/, what: "every resource of the project (servers, volumes, images, networks)", unless: /^--dry-run$/}],
  maas: [{verb: /^\S+ machines? (?:delete|release)$/, what: 'the machine (release with erase=true wipes its disks)', needs: /^(?:erase=true|secure_erase=true|quick_erase=true)$|^delete$/}],
  xl: [{verb: /^destroy$/, what: 'the domain at once, as pulling its plug'}],
  balena: [
    {verb: /^(?:device|fleet|app) purge$/, what: "the data of the device's applications (of every device of the fleet)"},
    {verb: /^(?:device|fleet|app) (?:rm|delete)$/, what: 'the device or the fleet, and what it holds, without asking', needs: /^(?:-y|--yes)$/},
  ],
  pvecm: [{verb: /^delnode$/, what: 'the node from the Proxmox cluster: it may never join again as it was'}],
  velero: [
    {verb: /^(?:backup|backups|schedule|schedules) delete$/, what: 'every backup (or schedule), and the data in object storage', needs: /^--all$/},
    {verb: /^restore create$/, what: 'the live objects the backup holds, overwritten by their backed-up state', needs: /^--existing-resource-policy(?:=update)?$/},
    {verb: /^uninstall$/, what: "Velero and its custom resources: every backup's record in the cluster"},
  ],
};
machineVerbs.vboxmanage = machineVerbs.VBoxManage!;

/** CI/CD systems' deletes of what cannot be had back: secrets and variables, every workflow or pipeline, runners, applications. */
export const ciVerbs: Record<string, PlatformVerb[]> = {
  gh: [
    {verb: /^secret (?:delete|remove|rm)$/, what: 'the secret, which cannot be read back, and every workflow that reads it fails'},
    {verb: /^variable (?:delete|remove|rm)$/, what: 'the variable, and every workflow that reads it fails'},
  ],
  glab: [
    {verb: /^variable (?:delete|remove)$/, what: 'the CI/CD variable: every pipeline that reads it fails'},
    {verb: /^ci delete$/, what: 'the pipelines, with their logs and artifacts', needs: /^--(?:status|older-than|paginate|all)(?:=|$)/},
    {verb: /^container-registry (?:repository|repo) (?:delete|rm)$/, what: 'the container registry repository with every image in it'},
  ],
  'gitlab-runner': [{verb: /^unregister$/, what: 'every runner registered here: their pipelines have nowhere to run', needs: /^--all-runners$/}],
  argo: [{verb: /^delete$/, what: 'every workflow, with its history', needs: /^(?:--all|-A|--all-namespaces)$/}],
  tkn: [{verb: /^(?:pipeline|pipelinerun|task|taskrun|pr|tr|p|t|triggertemplate|eventlistener|el|tt) (?:delete|rm)$/, what: 'every one of them in the namespace', needs: /^--all$/}],
  spin: [{verb: /^(?:application|app) delete$/, what: 'the application with its pipelines and history'}],
  rd: [{verb: /^jobs purge$/, what: 'every job the filter matches, with its history'}],
  // The secret stores of CI systems and secret managers: a secret, a context or config of them, a whole project or vault.
  circleci: [{verb: /^(?:context (?:delete|remove-secret)|namespace delete|orb delete)$/, what: 'the context or secret, which cannot be read back: every pipeline that reads it fails'}],
  doppler: [{verb: /^(?:secrets (?:delete|rm)|configs (?:delete|rm)|environments (?:delete|rm)|projects (?:delete|rm))$/, what: 'the secrets, config, environment or project: every service that reads them fails'}],
  op: [{verb: /^vault (?:delete|rm)$/, what: 'the vault and every item in it'}],
  airflow: [{verb: /^tasks clear$/, what: '', does: 'clears the task instances of every DAG the pattern matches: their history is reset and they run again', needs: /^(?:\.\*|\.\+|\*|\^\.\*\$?)$/}],
};

/** An application platform's or GitOps tool's delete: `heroku apps:destroy`, `fly apps destroy`, `supabase db reset --linked`… */
export function platformDelete(command: SimpleCommand): Hit | null {
  return verbDelete(command, platformVerbs);
}

/** A verb of a table that deletes: its words after the options, and what each needs or must not have. */
export function verbDelete(command: SimpleCommand, table: Record<string, PlatformVerb[]>): Hit | null {
  // A dry run (`--dry-run`, `--dry-run=server`; not `=false` or `=none`) deletes nothing.
  if (asksHelp(command.argv) || command.argv.some((word) => word.known && /^--dry-run(?:=(?!(?:false|none)$).*)?$/.test(word.value))) return null;
  const name = command.program.value!;
  const {operands} = normalizeOptions(command.argv.slice(1), {
    takesValue: ['-a', '--app', '-r', '--remote', '--stage', '-s', '--region', '--project', '--scope', '--token', '-t', '--config', '-c', '--org', '-o', '--profile', '--context', '--namespace', '-n', '--server', '--auth-token', '--workdir', '--confirm', '--team', '-A', '--access-token', '-e', '--env', ...(platformOptions[name] ?? [])],
  });
  const words = command.argv.slice(1);
  const said = operands.filter((word) => word.known).map((word) => word.value);
  for (const entry of table[name] ?? []) {
    const length = said.findIndex((_, i) => entry.verb.test(said.slice(0, i + 1).join(' '))) + 1;
    if (length === 0) continue;
    if (entry.unless && words.some((word) => word.known && entry.unless!.test(word.value))) continue;
    if (entry.needs && !words.some((word) => word.known && entry.needs!.test(word.value))) continue;
    const verb = operands[length - 1]!;
    return {word: written(verb), reason: `${name} ${said.slice(0, length).join(' ')}${named(operands.slice(length))} ${entry.does ?? `deletes ${entry.what}, for good`}`};
  }

  return null;
}
