// What a command makes that the code may then take away as its own: a Kubernetes namespace or
// an OpenShift project (`kubectl create namespace NAME`, `oc new-project NAME`), a PostgreSQL
// database (`createdb NAME`), a git checkout (`git clone URL DIR`). Each create fails where one of that name exists, so what runs only
// once it succeeded (`&&`, `then`, after `|| exit`) acts on the code's own; the walk keeps them by
// path (state.ts's made). A create that succeeds on one that exists makes nothing here:
// `docker volume create`, and `aws s3 mb` of a bucket one owns in us-east-1.
//
// Each is kept under where it was made: the host, the cluster or server and its credentials as
// the command names them. Where one of those is known only when it runs (`--context "$CTX"`),
// nothing is kept, and a command that changes them for later commands (`kubectl config
// use-context`, `kubectx`, `oc login`) forgets every namespace made before it.
import {posix} from 'node:path';
import {normalizeOptions} from './options.js';
import type {SimpleCommand, Word} from './types.js';

const kubectlValues = ['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-o', '--output', '-s', '--server', '--token', '--user', '--as', '--field-manager', '--display-name', '--description', '--template', '--request-timeout'];
/** What names the cluster and the credentials a kubectl or oc command acts with. */
const clusterOptions = ['--context', '--kubeconfig', '--cluster', '-s', '--server', '--user', '--token', '--as'];

/** The name a made namespace is kept under: with where it runs and the cluster it was made in; undefined when one of them is known only when it runs. */
export function namespaceMade(command: SimpleCommand, values: ReadonlyMap<string, Word>, name: string): string | undefined {
  const parts = clusterOptions.map((option) => values.get(option));
  const kubeconfig = command.env.KUBECONFIG;
  if (parts.some((word) => word !== undefined && !word.known) || kubeconfig === null) return undefined;
  return `namespace ${command.where ?? ''}\0${kubeconfig ?? ''}\0${parts.map((word) => word?.value ?? '').join('\0')}\0${name}`;
}

/** Whether a command changes the cluster or login later kubectl and oc commands act on. */
export function switchesCluster(command: SimpleCommand): boolean {
  const program = command.program.value;
  const words = command.argv.slice(1).map((word) => word.value);
  if (program === 'kubectx' || program === 'kubens') return program === 'kubectx';
  if (program === 'oc' && words.some((word) => word === 'login' || word === 'logout')) return true;
  return (program === 'kubectl' || program === 'oc') && words.includes('config') && words.some((word) => word !== null && /^(?:use-context|use|set-context|set-cluster|set-credentials|set|unset|delete-context|rename-context)$/.test(word));
}

const postgresValues = ['-h', '--host', '-p', '--port', '-U', '--username', '-O', '--owner', '-T', '--template', '-E', '--encoding', '-l', '--locale', '-D', '--tablespace', '--maintenance-db', '--lc-collate', '--lc-ctype', '--icu-locale', '--icu-rules', '--locale-provider', '-S', '--strategy', '--builtin-locale'];

/** The name a made PostgreSQL database is kept under: with where it runs and the server (`-h`, `-p`, or PGHOST and PGPORT); undefined when one is known only when it runs. */
export function databaseMade(command: SimpleCommand, values: ReadonlyMap<string, Word>, name: string): string | undefined {
  const host = values.get('-h') ?? values.get('--host');
  const port = values.get('-p') ?? values.get('--port');
  if ((host && !host.known) || (port && !port.known) || command.env.PGHOST === null || command.env.PGPORT === null) return undefined;
  return `database ${command.where ?? ''}\0${host?.value ?? command.env.PGHOST ?? ''}\0${port?.value ?? command.env.PGPORT ?? ''}\0${name}`;
}

/** The principals a kadmin query adds (`addprinc -randkey HTTP/web`), each kept as principalMade names it. */
export function principalsAdded(query: string): string[] {
  return [...query.matchAll(/\b(?:addprinc|add_principal|ank)\b[^\n;]*?\s([^\s;-]\S*)\s*(?:$|[\n;])/gm)].map((match) => match[1]!);
}

/** The name a made Kerberos principal is kept under: with where kadmin runs (its realm is the host's), without `@REALM`. */
export const principalMade = (command: SimpleCommand, name: string): string => `principal ${command.where ?? ''}\0${name.replace(/@[^@/]*$/, '')}`;

const gitGlobals = ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env', '--super-prefix', '--attr-source'];
const cloneValues = ['-o', '--origin', '-b', '--branch', '-u', '--upload-pack', '--reference', '--reference-if-able', '--separate-git-dir', '--depth', '--shallow-since', '--shallow-exclude', '-c', '--config', '--filter', '-j', '--jobs', '--template', '--server-option', '--bundle-uri', '--revision', '--ref-format'];
// Every long option of git clone, so that an abbreviation (`--bran`, `--dep`) is read as git reads it.
const cloneLong = [
  'origin', 'branch', 'upload-pack', 'reference', 'reference-if-able', 'separate-git-dir', 'depth', 'shallow-since', 'shallow-exclude', 'config', 'filter', 'jobs', 'template', 'server-option', 'bundle-uri', 'revision', 'ref-format',
  'verbose', 'quiet', 'progress', 'no-checkout', 'bare', 'mirror', 'local', 'no-hardlinks', 'shared', 'dissociate', 'single-branch', 'no-single-branch', 'no-tags', 'tags', 'recurse-submodules', 'shallow-submodules',
  'no-shallow-submodules', 'remote-submodules', 'no-remote-submodules', 'sparse', 'also-filter-submodules', 'reject-shallow', 'no-reject-shallow', 'checkout', 'help',
];

/** The name a checkout `git clone` made is kept under: where it runs and its folder. */
export const checkoutMade = (command: SimpleCommand, folder: string): string => `checkout ${command.where ?? ''}\0${folder}`;

/**
 * `git clone URL [DIR]` fails where DIR exists and is not empty: what runs once it succeeded acts
 * on a checkout the code just made, with no work of anyone's in it.
 */
function cloned(command: SimpleCommand): string[] {
  const words = command.argv.slice(1);
  const global = normalizeOptions(words, {takesValue: gitGlobals, stopAtOperand: true});
  const sub = global.operands[0];
  if (sub?.value !== 'clone' || !command.cwd.known) return [];
  let base = command.cwd.value!;
  for (const [k, word] of words.entries()) {
    if (word === sub) break;
    if (words[k - 1]?.value === '-C') {
      if (!word.known) return [];
      base = posix.resolve(base, word.value);
    }
  }

  const args = words.slice(words.indexOf(sub) + 1);
  if (args.some((word) => !word.known)) return [];
  const {operands, flags} = normalizeOptions(args, {takesValue: cloneValues, long: cloneLong});
  if (flags.has('--bare') || flags.has('--mirror') || flags.has('--no-checkout') || flags.has('--help') || operands.length === 0 || operands.length > 2) return [];
  const [url, folder] = operands;
  const name = folder ? folder.value! : repositoryName(url!.value!);
  return name && name !== '.' && name !== '..' ? [checkoutMade(command, posix.resolve(base, name))] : [];
}

/** The folder git clone names after a URL: its last part, without `.git` (`host:org/app.git` → `app`). */
function repositoryName(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  const trimmed = url.slice(0, end);
  const last = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1);
  return last.endsWith('.git') ? last.slice(0, -4) : last;
}

/** What this command makes if it succeeds. */
export function madeBy(command: SimpleCommand): string[] {
  const program = command.program.value;
  // addprinc fails on a principal that exists.
  if (program === 'kadmin' || program === 'kadmin.local') {
    const words = command.argv.slice(1);
    const query = words.find((_, i) => words[i - 1]?.value === '-q');
    return query?.known ? principalsAdded(query.value).map((name) => principalMade(command, name)) : [];
  }

  // FreeIPA's `ipa service-add HTTP/web01…` and `ipa host-add web01…` (whose principal is host/web01…).
  if (program === 'ipa') {
    const words = command.argv.slice(1).filter((word) => !(word.known && word.value.startsWith('-')));
    const [verb, name] = words;
    if (!name?.known) return [];
    if (verb?.value === 'service-add') return [principalMade(command, name.value)];
    if (verb?.value === 'host-add') return [principalMade(command, `host/${name.value}`)];
    return [];
  }

  if (program === 'createdb') {
    const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {takesValue: postgresValues});
    const name = operands[0];
    const key = name?.known && !flags.has('--help') ? databaseMade(command, values, name.value) : undefined;
    return key ? [key] : [];
  }
  if (program === 'git') return cloned(command);
  if (program !== 'kubectl' && program !== 'oc') return [];
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {takesValue: kubectlValues});
  // A dry run (`--dry-run=client -o yaml | kubectl apply -f -`) makes nothing; apply does not fail on one that exists.
  if (flags.has('--dry-run') && values.get('--dry-run')?.value !== 'none') return [];
  const [verb, kind, name] = operands;
  const created = program === 'oc' && verb?.value === 'new-project' ? kind : verb?.value === 'create' && /^(?:namespace|ns)$/.test(kind?.value ?? '') ? name : undefined;
  const key = created?.known && operands.length === (created === kind ? 2 : 3) ? namespaceMade(command, values, created.value) : undefined;
  return key ? [key] : [];
}
