// Cloud and infrastructure: tearing down what terraform manages, mass deletion in S3, whole
// GCP projects. Planning and --dryrun stay allowed.
import {type OptionSpec, type SimpleCommand, normalizeOptions} from '../../shell/index.js';
import {spelled, written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';

function terraform(command: SimpleCommand): Hit | null {
  const args = command.argv.slice(1).filter((word) => !(word.known && /^-chdir=/.test(word.value)));
  const verb = args.find((word) => word.known && !word.value.startsWith('-'));
  const name = command.program.value;
  if (!verb || args.some((word) => word.value === '-help' || word.value === '--help' || word.value === '-h')) return null;
  if (verb.value === 'destroy') return {word: written(verb), reason: `${name} destroy deletes every resource the configuration manages`};
  if (verb.value === 'apply') {
    const destroy = args.find((word) => word.value === '-destroy' || word.value === '--destroy');
    if (destroy) return {word: written(destroy), reason: `${name} apply ${spelled(destroy)} deletes every resource the configuration manages`};
  }

  return null;
}

const awsSpec: OptionSpec = {
  takesValue: ['--profile', '--region', '--endpoint-url', '--output', '--query', '--color', '--cli-read-timeout', '--cli-connect-timeout', '--ca-bundle', '--include', '--exclude', '--acl', '--storage-class', '--sse', '--grants', '--page-size', '--expected-size', '--cli-input-json', '--request-payer', '--metadata-directive', '--content-type', '--cache-control'],
};

function s3(command: SimpleCommand, action: 'rm' | 'rb' | 'sync'): Hit | null {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), awsSpec);
  if (operands[0]?.value !== 's3' || operands[1]?.value !== action || flags.has('--dryrun')) return null;
  const target = operands.at(-1)!;
  const say = (flag: string, what: string) => ({word: flag, reason: `aws s3 ${action} ${spelled(target)} ${flag} ${what}`});
  if (action === 'rm' && flags.has('--recursive')) return say('--recursive', 'deletes every object under the prefix');
  if (action === 'rb' && flags.has('--force')) return say('--force', 'deletes the bucket and every object in it');
  if (action === 'sync' && flags.has('--delete')) return say('--delete', 'deletes every object at the destination that the source lacks');
  return null;
}

function gcloudProject(command: SimpleCommand): Hit | null {
  const {operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['--project', '--account', '--configuration', '--verbosity', '--format', '--impersonate-service-account', '--billing-project', '--flags-file', '--trace-token']});
  const [group, verb, project] = operands;
  if (group?.value !== 'projects' || verb?.value !== 'delete') return null;
  const named = project ? ` ${spelled(project)}` : '';
  return {word: written(verb), reason: `gcloud projects delete${named} shuts down the project and every resource in it`};
}

const onAws = {program: ['aws']};

export const cloud: BuiltinRule[] = [
  {
    id: 'cloud.terraform-destroy',
    pack: 'cloud',
    level: 'deny',
    reason: 'destroys the infrastructure a terraform configuration manages',
    alternative: 'terraform plan -destroy -out=plan, review, then apply that plan by hand',
    match: {program: ['terraform', 'tofu', 'terragrunt']},
    check: terraform,
    examples: {refuse: ['terraform destroy', 'terraform destroy -auto-approve -target=module.db', 'terraform apply -destroy -auto-approve', 'terraform -chdir=infra destroy', 'tofu destroy'], allow: ['terraform plan', 'terraform plan -destroy -out=destroy.plan', 'terraform output -json', 'terraform apply -auto-approve', 'terraform destroy -help']},
  },
  {
    id: 'cloud.s3-rm-recursive',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes every object under an S3 prefix',
    alternative: 'run it with --dryrun first',
    match: onAws,
    check: (command) => s3(command, 'rm'),
    examples: {refuse: ['aws s3 rm s3://prod-assets --recursive', 'aws --profile prod s3 rm s3://b/logs/ --recursive --exclude "*.keep"'], allow: ['aws s3 rm s3://prod-assets --recursive --dryrun', 'aws s3 rm s3://prod-assets/one.txt', 'aws s3 ls s3://prod-assets']},
  },
  {
    id: 'cloud.s3-remove-bucket',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes an S3 bucket with everything in it',
    alternative: 'empty and remove the bucket by hand after a review',
    match: onAws,
    check: (command) => s3(command, 'rb'),
    examples: {refuse: ['aws s3 rb s3://prod-assets --force'], allow: ['aws s3 rb s3://empty-bucket', 'aws s3 ls']},
  },
  {
    id: 'cloud.s3-sync-delete',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes objects at the destination that the source lacks',
    alternative: 'run it with --dryrun first, or sync without --delete',
    match: onAws,
    check: (command) => s3(command, 'sync'),
    examples: {refuse: ['aws s3 sync ./site s3://prod-site --delete'], allow: ['aws s3 sync ./site s3://prod-site', 'aws s3 sync ./site s3://prod-site --delete --dryrun']},
  },
  {
    id: 'cloud.gcloud-project-delete',
    pack: 'cloud',
    level: 'deny',
    reason: 'deletes a Google Cloud project and every resource in it',
    alternative: 'delete it in the console, where it can be undone for 30 days',
    match: {program: ['gcloud']},
    check: gcloudProject,
    examples: {refuse: ['gcloud projects delete acme-prod', 'gcloud projects delete acme-prod --quiet', 'gcloud --account ops@x projects delete acme'], allow: ['gcloud projects list', 'gcloud projects describe acme-prod']},
  },
];
