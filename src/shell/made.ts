// What a command makes that the code may then take away as its own: a Kubernetes namespace or
// an OpenShift project (`kubectl create namespace NAME`, `oc new-project NAME`), a PostgreSQL
// database (`createdb NAME`), an S3 bucket (`aws s3 mb s3://NAME`). Each create fails where one
// of that name exists, so what runs only once it succeeded (`&&`, `then`, or the next line under
// `set -e`) acts on the code's own; the walk keeps them by path (state.ts's made). A create that
// succeeds on one that exists (`docker volume create`) makes nothing here.
import {normalizeOptions} from './options.js';
import type {SimpleCommand, Word} from './types.js';

const kubectlValues = ['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-o', '--output', '-s', '--server', '--token', '--user', '--as', '--field-manager', '--display-name', '--description', '--template', '--request-timeout'];

/** The name a made namespace is kept under: with where it runs and the cluster it was made in. */
export function namespaceMade(command: SimpleCommand, values: ReadonlyMap<string, Word>, name: string): string {
  const context = values.get('--context')?.value ?? '';
  const kubeconfig = values.get('--kubeconfig')?.value ?? '';
  return `namespace ${command.where ?? ''}\0${context}\0${kubeconfig}\0${name}`;
}

const postgresValues = ['-h', '--host', '-p', '--port', '-U', '--username', '-O', '--owner', '-T', '--template', '-E', '--encoding', '-l', '--locale', '-D', '--tablespace', '--maintenance-db', '--lc-collate', '--lc-ctype', '--icu-locale', '--icu-rules', '--locale-provider', '-S', '--strategy', '--builtin-locale'];

/** The name a made PostgreSQL database is kept under: with where it runs and the server (`-h`, `-p`, or PGHOST and PGPORT). */
export function databaseMade(command: SimpleCommand, values: ReadonlyMap<string, Word>, name: string): string {
  const host = (values.get('-h') ?? values.get('--host'))?.value ?? command.env.PGHOST ?? '';
  const port = (values.get('-p') ?? values.get('--port'))?.value ?? command.env.PGPORT ?? '';
  return `database ${command.where ?? ''}\0${host}\0${port}\0${name}`;
}

/** The name a made S3 bucket is kept under: with where it runs and the profile and endpoint it was made through. */
export function bucketMade(command: SimpleCommand, values: ReadonlyMap<string, Word>, bucket: string): string {
  const profile = values.get('--profile')?.value ?? command.env.AWS_PROFILE ?? '';
  const endpoint = values.get('--endpoint-url')?.value ?? '';
  return `bucket ${command.where ?? ''}\0${profile}\0${endpoint}\0${bucket.replace(/\/+$/, '')}`;
}

/** What this command makes if it succeeds. */
export function madeBy(command: SimpleCommand): string[] {
  const program = command.program.value;
  if (program === 'createdb') {
    const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {takesValue: postgresValues});
    const name = operands[0];
    return name?.known && !flags.has('--help') && !flags.has('-e') ? [databaseMade(command, values, name.value)] : [];
  }
  if (program === 'aws') {
    const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {takesValue: ['--profile', '--region', '--endpoint-url', '--output', '--query', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--color']});
    const [service, verb, bucket] = operands;
    return service?.value === 's3' && verb?.value === 'mb' && bucket?.known && /^s3:\/\/[^/]+\/?$/.test(bucket.value) && !flags.has('--dryrun') ? [bucketMade(command, values, bucket.value)] : [];
  }
  if (program !== 'kubectl' && program !== 'oc') return [];
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {takesValue: kubectlValues});
  // A dry run (`--dry-run=client -o yaml | kubectl apply -f -`) makes nothing; apply does not fail on one that exists.
  if (flags.has('--dry-run') && values.get('--dry-run')?.value !== 'none') return [];
  const [verb, kind, name] = operands;
  const created = program === 'oc' && verb?.value === 'new-project' ? kind : verb?.value === 'create' && /^(?:namespace|ns)$/.test(kind?.value ?? '') ? name : undefined;
  return created?.known && operands.length === (created === kind ? 2 : 3) ? [namespaceMade(command, values, created.value)] : [];
}
