// What a command makes that the code may then take away as its own: a Kubernetes namespace or
// an OpenShift project (`kubectl create namespace NAME`, `oc new-project NAME`). The create fails
// where one of that name exists, so what runs only once it succeeded (`&&`, `then`, or the next
// line under `set -e`) acts on the code's own; the walk keeps them by path (state.ts's made).
import {normalizeOptions} from './options.js';
import type {SimpleCommand, Word} from './types.js';

const kubectlValues = ['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-o', '--output', '-s', '--server', '--token', '--user', '--as', '--field-manager', '--display-name', '--description', '--template', '--request-timeout'];

/** The name a made namespace is kept under: with where it runs and the cluster it was made in. */
export function namespaceMade(command: SimpleCommand, values: ReadonlyMap<string, Word>, name: string): string {
  const context = values.get('--context')?.value ?? '';
  const kubeconfig = values.get('--kubeconfig')?.value ?? '';
  return `namespace ${command.where ?? ''}\0${context}\0${kubeconfig}\0${name}`;
}

/** What this command makes if it succeeds. */
export function madeBy(command: SimpleCommand): string[] {
  const program = command.program.value;
  if (program !== 'kubectl' && program !== 'oc') return [];
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), {takesValue: kubectlValues});
  // A dry run (`--dry-run=client -o yaml | kubectl apply -f -`) makes nothing; apply does not fail on one that exists.
  if (flags.has('--dry-run') && values.get('--dry-run')?.value !== 'none') return [];
  const [verb, kind, name] = operands;
  const created = program === 'oc' && verb?.value === 'new-project' ? kind : verb?.value === 'create' && /^(?:namespace|ns)$/.test(kind?.value ?? '') ? name : undefined;
  return created?.known && operands.length === (created === kind ? 2 : 3) ? [namespaceMade(command, values, created.value)] : [];
}
