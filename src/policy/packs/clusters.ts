// Containers and clusters: mass deletions in Kubernetes (namespaces, --all, volumes and their
// claims, CRDs, manifest folders, pruning applies), Helm releases, and Docker's images, volumes
// and containers. Global options may come before the verb (`kubectl -n prod delete ns x`,
// `docker -H h system prune -a`). A manifest file kubectl deletes is read through the caller's
// port, to see the kinds it names.
import {posix} from 'node:path';
import {type OptionSpec, type SimpleCommand, type Word, knownText, namespaceMade, normalizeOptions} from '../../shell/index.js';
import {spelled, written} from '../spelling.js';
import type {BuiltinRule, EvaluationContext, Hit} from '../types.js';
import {readAt} from '../read-at.js';
import {httpMethod} from './hits.js';

const kubectlSpec: OptionSpec = {
  takesValue: [
    '-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-l', '--selector', '-f', '--filename', '-o', '--output', '--field-selector', '--grace-period', '--replicas', '--current-replicas', '--resource-version',
    '--timeout', '-s', '--server', '--token', '--user', '--as', '--as-group', '-c', '--container', '-k', '--kustomize', '--request-timeout', '--cache-dir',
    '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name', '--profile', '--cascade', '--wait', '--prune-allowlist', '--prune-whitelist', '--field-manager',
  ],
  aliases: {'--all-namespaces': '-A', '--filename': '-f', '--kustomize': '-k', '--recursive': '-R'},
};

const dryRun = (values: Map<string, Word>, flags: Set<string>) => flags.has('--dry-run') && values.get('--dry-run')?.value !== 'none';

const namespaceKinds = /^(?:ns|namespaces?|projects?)$/;
// Volumes and their snapshots, and the storage operators' own: KubeVirt's DataVolumes, Longhorn's volumes, a Rook CephCluster;
// and Crossplane's managed resources (`rdsinstance.database.aws.crossplane.io`), whose delete deletes the cloud resource.
const storageKinds = /^(?:pvc|pv|persistentvolumeclaims?|persistentvolumes?|volumesnapshots?|vs|datavolumes?|dv|volumes?\.longhorn\.io|cephclusters?(?:\.ceph\.rook\.io)?|[\w-]+\.[\w.-]*(?:crossplane\.io|upbound\.io))$/i;
const crdKinds = /^(?:crds?|customresourcedefinitions?)$/i;
// GitOps objects whose delete takes what they deployed with them: an Argo CD Application (with its
// resources finalizer) or ApplicationSet, a Flux Kustomization or HelmRelease (pruned by default).
const gitopsKinds = /^(?:app|apps|applications?|applicationsets?|appsets?)(?:\.v\w+)?(?:\.argoproj\.io)?$|^(?:kustomizations?|ks)(?:\.v\w+)?(?:\.kustomize\.toolkit\.fluxcd\.io)?$|^(?:helmreleases?|hr)(?:\.v\w+)?(?:\.helm\.toolkit\.fluxcd\.io)?$/i;

// `kubectl delete $(kubectl get ns -o name | grep -v kube-)`: what the listing lists, it deletes.
const listing = /\bkubectl\s+(?:[^|)]*\s)?get\s+([a-z][\w.,-]*)/i;

/** The kinds a delete names: `pod,svc,ns`, `ns/payments`, `pvc/data-0`, `crd/x.example.com`, `$(kubectl get ns -o name)`. */
function kindsOf(operands: Word[]): Array<{kind: string; full: string; word: Word}> {
  const [first] = operands;
  // The kind without its group (`deploy.apps` is `deploy`), and with it (`volumes.longhorn.io`).
  const named = (kind: string, word: Word) => ({kind: kind.split('.')[0]!.toLowerCase(), full: kind.toLowerCase(), word});
  const listed = first?.known && !first.value.includes('/') ? first.value.split(',').map((kind) => named(kind, first)) : [];
  const slashed = operands.filter((word) => word.known && word.value.includes('/')).map((word) => named(word.value!.split('/')[0]!, word));
  const substituted = operands.flatMap((word) => {
    const kinds = word.known ? undefined : listing.exec(word.raw)?.[1];
    return kinds ? kinds.split(',').map((kind) => named(kind, word)) : [];
  });
  return [...listed, ...slashed, ...substituted];
}

/**
 * Whether every namespace a delete names is one the code itself made before it, on every path
 * (`kubectl create ns smoke && … && kubectl delete ns smoke`): the create fails on one that exists.
 */
function ownNamespaces(command: SimpleCommand, values: ReadonlyMap<string, Word>, targets: Word[], kinds: Array<{kind: string; word: Word}>): boolean {
  if (!command.made) return false;
  const slashed = targets.filter((word) => word.value?.includes('/'));
  const names = slashed.length > 0 ? slashed : targets.filter((word) => !kinds.some((kind) => kind.word === word));
  if (names.length === 0 || kinds.some(({kind}) => !namespaceKinds.test(kind))) return false;
  return names.every((word) => {
    const own = word.known ? namespaceMade(command, values, word.value.slice(word.value.indexOf('/') + 1)) : undefined;
    return own !== undefined && command.made!.has(own);
  });
}

/** The kinds a manifest names (`kind: Namespace`), and their names. */
function manifestKinds(text: string): Array<{kind: string; name?: string}> {
  return text.split(/^---\s*$/m).flatMap((document) => {
    const kind = /^kind:\s*["']?(\w+)/m.exec(document)?.[1];
    const name = /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*["']?([\w.-]+)/m.exec(`${document}\n`)?.[1];
    return kind ? [{kind, ...(name ? {name} : {})}] : [];
  });
}

interface KubectlHits {
  namespace?: Hit;
  all?: Hit;
  /** `scale --all --replicas=0`: every workload of the selection stopped. */
  stopsAll?: Hit;
  storage?: Hit;
  manifests?: Hit;
}

/** Every `-f`/`--filename` value (kubectl takes several), and `-k`/`--kustomize`. */
function manifestWords(args: Word[]): Array<{flag: '-f' | '-k'; word: Word}> {
  const found: Array<{flag: '-f' | '-k'; word: Word}> = [];
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === null) continue;
    const flag = /^(?:-f|--filename)$/.test(text) ? '-f' : /^(?:-k|--kustomize)$/.test(text) ? '-k' : undefined;
    const attached = /^(?:--filename|--kustomize)=(.*)$/.exec(text) ?? /^-([fk])(.+)$/.exec(text);
    if (flag && args[i + 1]) found.push({flag, word: args[++i]!});
    else if (attached) {
      const long = text.startsWith('--');
      found.push({flag: (long ? (text.startsWith('--filename') ? '-f' : '-k') : `-${attached[1]}`) as '-f' | '-k', word: {...args[i]!, value: long ? attached[1]! : attached[2]!} as Word});
    }
  }

  return found;
}

function manifestHits(command: SimpleCommand, context: EvaluationContext, recursive: boolean, found: KubectlHits, doer = 'kubectl delete'): void {
  const cwd = command.cwd.known ? command.cwd.value : undefined;
  for (const {flag, word} of manifestWords(command.argv.slice(1))) {
    if (!word.known) continue;
    const shown = spelled(word);
    const unseen = (why: string) => {
      found.manifests ??= {word: written(word), reason: `${doer} ${flag} ${shown} deletes every resource ${why}, a namespace (and everything in it) among them if it names one`};
    };

    if (flag === '-k') {
      unseen('the kustomization builds');
      continue;
    }

    // Manifests on its input that guard sees: a heredoc or here-string.
    const given = word.value === '-' ? command.redirects.find((redirect) => (redirect.op === '<<' || redirect.op === '<<-' || redirect.op === '<<<') && (redirect.fd === undefined || redirect.fd === 0)) : undefined;
    const seenText = given && given.target.known ? given.target.value : given ? knownText(given.target) : undefined;
    if ((word.value === '-' && seenText === undefined) || /^https?:\/\//.test(word.value)) {
      unseen(word.value === '-' ? 'the manifests on its input describe' : 'the manifests at that address describe');
      continue;
    }

    if (seenText === undefined && (recursive || word.value.endsWith('/'))) {
      unseen('the manifests in that folder describe');
      continue;
    }

    if (seenText === undefined && !word.value.startsWith('/') && cwd === undefined) {
      unseen('the manifests there describe (a relative path, and the working folder is not known)');
      continue;
    }

    const read = seenText !== undefined ? {text: seenText} : (readAt(posix.resolve(cwd ?? '/', word.value), command, context) ?? {problem: 'no file can be read here'});
    if ('problem' in read) {
      unseen(`its manifests describe, which guard cannot read (${read.problem})`);
      continue;
    }

    for (const {kind, name} of manifestKinds(read.text)) {
      const what = `${kind}${name ? ` ${name}` : ''}`;
      if (namespaceKinds.test(kind.toLowerCase())) found.namespace ??= {word: written(word), reason: `${doer} -f ${shown} deletes the ${what} and everything in it`};
      if (storageKinds.test(kind)) found.storage ??= {word: written(word), reason: `${doer} -f ${shown} deletes the ${what} and the data on its volume`};
      if (crdKinds.test(kind)) found.all ??= {word: written(word), reason: `${doer} -f ${shown} deletes the ${what}, and with it every resource of that kind in the cluster`};
    }
  }
}

const seen = new WeakMap<SimpleCommand, KubectlHits>();

/** What a kubectl command deletes, worked out once for the rules that each report a part. */
function kubectl(command: SimpleCommand, context: EvaluationContext): KubectlHits {
  let found = seen.get(command);
  if (!found) seen.set(command, (found = kubectlHits(command, context)));
  return found;
}

function kubectlHits(command: SimpleCommand, context: EvaluationContext): KubectlHits {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), kubectlSpec);
  const verb = operands[0]?.value;
  const name = command.program.value;
  const found: KubectlHits = {};
  if (dryRun(values, flags) || flags.has('--help') || flags.has('-h')) return found;
  if (verb === 'apply' && flags.has('--prune')) {
    found.all = {word: '--prune', reason: `${name} apply --prune deletes every resource of the selection that the manifests no longer name`};
    return found;
  }

  // Across all namespaces, a selector still picks what goes (`delete pods --field-selector=status.phase==Failed -A`).
  const selected = flags.has('-l') || flags.has('--selector') || flags.has('--field-selector');
  const all = command.argv.find((word) => word.known && (/^--all(?:=true)?$/.test(word.value) || (!selected && (word.value === '-A' || /^--all-n/.test(word.value) || /^-[a-zA-Z]*A/.test(word.value)))));
  if (verb === 'scale' && values.get('--replicas')?.value === '0') {
    // Workloads named only when it runs (`kubectl get deploy -o name | xargs -I{} kubectl scale {} --replicas=0`): every one a listing gives.
    const computed = operands.slice(1).find((word) => !word.known);
    if (all) found.stopsAll = {word: written(all), reason: `${name} scale ${operands[1] ? `${spelled(operands[1])} ` : ''}${spelled(all)} --replicas=0 stops every matching workload${all.value === '--all' ? '' : ' in every namespace'}`};
    else if (computed) found.stopsAll = {word: written(computed), reason: `${name} scale ${spelled(computed)} --replicas=0 stops workloads named only when it runs (every one a listing gives)`};
  }

  // `replace --force` deletes what the manifests name and creates it again, empty.
  if (verb === 'replace' && flags.has('--force')) {
    manifestHits(command, context, flags.has('-R'), found, `${name} replace --force`);
    return found;
  }

  if (verb !== 'delete') return found;
  const targets = operands.slice(1);
  const kinds = kindsOf(targets);
  const names = targets.filter((word) => !kinds.some((kind) => kind.word === word)).map(spelled).join(' ');
  const namespace = kinds.find(({kind}) => namespaceKinds.test(kind));
  if (namespace && !ownNamespaces(command, values, targets, kinds)) found.namespace = {word: written(namespace.word), reason: `${name} delete ${spelled(namespace.word)}${names ? ` ${names}` : ''} deletes the namespace and everything in it`};
  // `kubectl get ns -o name | … | xargs kubectl delete`: namespaces named only when it runs, from a listing of them.
  const listed = targets.find((word) => !word.known && /xargs/.test(word.why)) && (command.piped?.from ?? []).some((producer) => /^(?:kubectl|oc)$/.test(producer.program.value ?? '') && producer.argv.some((word, i) => i > 0 && namespaceKinds.test(word.value ?? '')));
  if (!namespace && listed) found.namespace = {word: written(targets[0]!), reason: `${name} delete ${spelled(targets[0]!)} deletes namespaces a listing names when it runs, and everything in each`};
  const storage = kinds.find(({kind, full}) => storageKinds.test(kind) || storageKinds.test(full));
  if (storage) found.storage = {word: written(storage.word), reason: `${name} delete ${spelled(storage.word)}${names ? ` ${names}` : ''} deletes the volume claim (or volume), and with it the data on the volume`};
  const crd = kinds.find(({kind}) => crdKinds.test(kind));
  const first = targets[0];
  if (all) found.all = {word: written(all), reason: `${name} delete ${first ? spelled(first) : ''} ${spelled(all)} deletes every matching resource${/^--all(?:=true)?$/.test(all.value!) ? '' : ' in every namespace'}`.replace('  ', ' ')};
  else if (crd) found.all = {word: written(crd.word), reason: `${name} delete ${spelled(crd.word)}${names ? ` ${names}` : ''} deletes the resource definition, and with it every resource of that kind in the cluster`};
  else {
    const gitops = kinds.find(({full}) => gitopsKinds.test(full));
    if (gitops) found.all = {word: written(gitops.word), reason: `${name} delete ${spelled(gitops.word)}${names ? ` ${names}` : ''} deletes a GitOps object, and with it every resource it deployed (Argo CD's resources finalizer, Flux's prune)`};
  }

  manifestHits(command, context, flags.has('-R'), found);
  return found;
}

/** `helm uninstall` (`delete`, `del`, `un`), unless a dry run. */
function helm(command: SimpleCommand): Hit | null {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-n', '--namespace', '--kube-context', '--kubeconfig', '--timeout', '--cascade', '--description', '--kube-apiserver', '--kube-token', '--registry-config', '--repository-config']});
  const [verb, ...releases] = operands;
  // `--dry-run=false` (or `none`) runs for real.
  const dry = command.argv.some((word) => word.known && /^--dry-run(?:=(?!(?:false|none)$).*)?$/.test(word.value));
  if (!verb?.known || !/^(?:uninstall|delete|del|un)$/.test(verb.value) || dry || flags.has('--help') || flags.has('-h')) return null;
  return {word: written(verb), reason: `helm ${verb.value}${releases.length > 0 ? ` ${releases.map(spelled).join(' ')}` : ''} deletes every Kubernetes resource the release made${flags.has('--purge') ? ', and its history' : ''}`};
}

const dockerSpec: OptionSpec = {takesValue: ['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '-f', '--filter', '--file', '-p', '--project-name', '--project-directory', '--env-file', '--profile', '--ansi', '--parallel', '--progress', '-t', '--timeout', '--rmi']};

// `$(docker ps -aq)`: every container (or image) there is, unless the listing filters it.
const everything = /^(?:\$\(|`)\s*(?:sudo\s+)?(?:docker|podman)\s+(ps|container\s+(?:ls|list|ps)|images|image\s+(?:ls|list))\b([^)`]*)(?:\)|`)$/;

/** The word that spells an option (`--all=true` as well as `-af`), else the program's own word. */
const spelledAs = (command: SimpleCommand, pattern: RegExp): Word => command.argv.find((word) => word.known && pattern.test(word.value)) ?? command.argv[0]!;

/** `crictl rmi --all`: every image of the node, those its pods run included; `--prune` removes only the unused. */
function crictlWipe(command: SimpleCommand): Hit | null {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-r', '--runtime-endpoint', '-i', '--image-endpoint', '-c', '--config', '-t', '--timeout'], aliases: {'--all': '-a'}});
  return operands[0]?.value === 'rmi' && flags.has('-a') && !flags.has('--help') ? {word: '--all', reason: 'crictl rmi --all deletes every image of the node, those its pods run included: they are pulled again, or the node cannot start them'} : null;
}

function docker(command: SimpleCommand): {prune?: Hit; volumes?: Hit; down?: Hit; everyone?: Hit} {
  // nerdctl's `-n k8s.io` picks containerd's namespace (the kubelet's); docker has no such option.
  const spec = command.program.value === 'nerdctl' ? {...dockerSpec, takesValue: [...(dockerSpec.takesValue ?? []), '-n', '--namespace']} : dockerSpec;
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {...spec, aliases: {'--all': '-a', '--volumes': '-v'}});
  const compose = /-compose$/.test(command.program.value ?? '');
  const verbs = compose ? ['compose', ...operands.map((word) => word.value)] : operands.map((word) => word.value);
  const name = command.program.value;
  const found: {prune?: Hit; volumes?: Hit; down?: Hit; everyone?: Hit} = {};
  const removes = verbs[0] === 'rm' || verbs[0] === 'rmi' || ((verbs[0] === 'container' || verbs[0] === 'image') && /^(?:rm|remove)$/.test(verbs[1] ?? ''));
  // rm's own options: its -f is --force, not the global --file.
  const own = removes ? normalizeOptions(command.argv.slice(command.argv.indexOf(operands[verbs[0] === 'rm' || verbs[0] === 'rmi' ? 0 : 1]!) + 1), {aliases: {'--force': '-f'}}) : undefined;
  // The listing substituted (`docker rm -f $(docker ps -aq)`) or piped through xargs (`docker ps -aq | xargs docker rm -f`).
  const piped = command.piped?.from.length === 1 ? `$(${command.piped.from[0]!.location.text.trim()})` : undefined;
  const listing = own?.operands.find((word) => !word.known && (everything.test(word.raw.trim()) || (piped !== undefined && /xargs/.test(word.why) && everything.test(piped))));
  if (own && listing) {
    const [, list, options] = everything.exec(everything.test(listing.raw.trim()) ? listing.raw.trim() : piped!)!;
    const filtered = /(?:^|\s)(?:-[a-z]*f[a-z]*(?=\s|=|$)|--filter\b)/.test(options ?? '');
    const all = /(?:^|\s)(?:-[a-z]*a[a-z]*(?=\s|$)|--all\b)/.test(options ?? '') || /^image/.test(list!);
    const forced = own.flags.has('-f');
    if (!filtered && (all || forced)) found.everyone = {word: written(listing), reason: `${name} ${verbs[0] === 'rmi' || verbs[0] === 'image' ? 'rmi' : 'rm'} ${written(listing)} removes every ${/^image/.test(list!) ? 'image' : 'container'} there is${forced ? ', running or not' : ''}`};
  }

  // Every running container killed at once (`docker kill $(docker ps -q)`): each is stopped without a chance to shut down.
  const kills = verbs[0] === 'kill' || (verbs[0] === 'container' && verbs[1] === 'kill');
  const killed = kills ? command.argv.slice(1).find((word) => !word.known && (everything.test(word.raw.trim()) || (piped !== undefined && /xargs/.test(word.why) && everything.test(piped)))) : undefined;
  if (killed) {
    const options = everything.exec(everything.test(killed.raw.trim()) ? killed.raw.trim() : piped!)![2] ?? '';
    if (!/(?:^|\s)(?:-[a-z]*f[a-z]*(?=\s|=|$)|--filter\b)/.test(options)) found.everyone = {word: written(killed), reason: `${name} kill ${written(killed)} kills every running container at once, with no chance to shut down cleanly`};
  }

  if (verbs[0] === 'system' && verbs[1] === 'prune' && flags.has('-v') && !flags.has('-a')) {
    found.volumes = {word: written(spelledAs(command, /^--volumes(?:=|$)/)), reason: `${name} system prune --volumes deletes every volume no container uses, and the data in them`};
  }

  if (verbs[0] === 'system' && verbs[1] === 'reset' && command.program.value === 'podman') {
    found.prune = {word: written(operands[1]!), reason: 'podman system reset deletes every container, image, volume and network podman has'};
  }

  if (verbs[0] === 'image' && verbs[1] === 'prune' && flags.has('-a')) {
    found.prune = {word: written(spelledAs(command, /^--all(?:=|$)|^-[a-z]*a/)), reason: `${name} image prune -a deletes every image no container uses`};
  }

  if (verbs[0] === 'system' && verbs[1] === 'prune' && flags.has('-a')) {
    found.prune = {word: written(spelledAs(command, /^--all(?:=|$)|^-[a-z]*a/)), reason: `${name} system prune -a deletes every image, container and network not in use right now${flags.has('-v') || flags.has('--volumes') ? ', and every unused volume' : ''}`};
  }

  if (verbs[0] === 'volume' && /^(rm|remove|prune)$/.test(verbs[1] ?? '')) {
    const word = operands[1]!;
    found.volumes = {word: written(word), reason: `${name} volume ${word.value} deletes volumes and the data in them`};
  }

  if (verbs[0] === 'compose' && verbs[1] === 'down' && flags.has('-v') && !command.argv.some((arg) => arg.value === '--dry-run')) {
    const word = spelledAs(command, /^--volumes(?:=|$)|^-[a-z]*v/);
    found.down = {word: written(word), reason: `${compose ? name : `${name} compose`} down ${spelled(word)} deletes the project's volumes and the data in them`};
  }

  return found;
}

const containers = ['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose'];
const kubernetes = {program: ['kubectl', 'oc']};

// What the cluster itself runs on: its DNS, its network (CNI) and its service proxy.
const clusterCritical = /^(?:coredns|kube-dns|kube-proxy|cilium|cilium-operator|calico-node|calico-kube-controllers|aws-node|kube-flannel-ds|kube-flannel|weave-net|canal|antrea-agent|antrea-controller|konnectivity-agent|kube-router)$/;
// Who a binding may hand cluster-admin to that is everyone: anonymous, unauthenticated or authenticated users, every service account, the default one.
const everyone = /^(?:system:anonymous|system:unauthenticated|system:authenticated|system:serviceaccounts(?::.*)?|[\w-]+:default)$/;

/**
 * What keeps a Kubernetes cluster up: `kubeadm reset` of a control-plane or node, a NoExecute
 * taint on every node, a drain of every node a selector picks, the DNS, network or proxy of
 * kube-system deleted or scaled to zero, cluster-admin handed to everyone (or its role deleted),
 * a namespace deleted through the raw API.
 */
function controlPlane(command: SimpleCommand): Hit | null {
  const name = command.program.value;
  const words = command.argv.slice(1);
  if (words.some((word) => word.value === '--help' || word.value === '-h')) return null;
  // The other distributions' resets and uninstalls: the node's cluster state and data go.
  if (name === 'k0s' || name === 'talosctl' || name === 'microk8s' || name === 'rke2') {
    const reset = words.find((word) => word.value === 'reset' || word.value === 'killall');
    return reset?.value === 'reset' && !words.some((word) => word.value === '--dry-run') ? {word: written(reset), reason: `${name} reset wipes the node's cluster state${name === 'microk8s' ? ' (and with --destroy-storage its volumes)' : ''}`} : null;
  }

  // A service mesh or an operator removed with what it manages, a Rancher cluster deleted.
  if (name === 'istioctl' && words.some((word) => word.value === 'uninstall') && words.some((word) => word.value === '--purge') && !words.some((word) => word.value === '--dry-run' || word.value === '-d')) return {word: '--purge', reason: 'istioctl uninstall --purge removes the whole mesh from the cluster: every sidecar loses its control plane'};
  if (name === 'consul-k8s' && words.some((word) => word.value === 'uninstall') && words.some((word) => /^-+wipe-data$/.test(word.value ?? ''))) return {word: 'uninstall', reason: "consul-k8s uninstall -wipe-data deletes Consul's servers' data with the install"};
  if (name === 'operator-sdk' && words[0]?.value === 'cleanup') return {word: 'cleanup', reason: 'operator-sdk cleanup deletes the operator with its CRDs, and every custom resource of them'};
  if (name === 'rancher' && /^clusters?$/.test(words[0]?.value ?? '') && /^(?:delete|rm)$/.test(words[1]?.value ?? '')) return {word: written(words[1]!), reason: `rancher clusters delete ${words[2]?.value ?? ''} deletes the cluster Rancher manages`.trimEnd()};
  if (/^(?:k3s|k3s-agent|rke2|rke2-agent)-uninstall\.sh$/.test(name ?? '')) return {word: written(command.argv[0]!), reason: `${name} removes the cluster from the node with its data`};
  if (name === 'snap') {
    const remove = words.find((word) => word.value === 'remove');
    const target = words.find((word) => word.value === 'microk8s');
    return remove && target && words.some((word) => word.value === '--purge') ? {word: written(target), reason: 'snap remove --purge microk8s deletes the cluster and its data without a snapshot'} : null;
  }

  if (name === 'kubeadm') {
    const reset = words.find((word) => word.value === 'reset');
    return reset && !words.some((word) => word.value === '--dry-run') ? {word: written(reset), reason: 'kubeadm reset tears down what kubeadm set up on this node: a control-plane node takes its etcd member and API server with it'} : null;
  }

  if (name === 'curl') {
    const deletes = httpMethod(command) === 'DELETE';
    const url = words.find((word) => word.known && /\/api\/v1\/namespaces\/[^/?\s]+\/?(?:\?|$)/.test(word.value));
    return deletes && url ? {word: written(url), reason: 'curl DELETE of /api/v1/namespaces/NAME deletes the namespace and everything in it, through the API server'} : null;
  }

  const {flags, operands: given, values} = normalizeOptions(words, kubectlSpec);
  if (dryRun(values, flags)) return null;
  // OpenShift's administrator commands: `oc adm drain`, `oc adm policy …`.
  const operands = name === 'oc' && given[0]?.value === 'adm' ? given.slice(1) : given;
  const [verb, ...rest] = operands;
  const namespace = values.get('-n')?.value ?? values.get('--namespace')?.value;
  if (name === 'oc' && verb?.value === 'policy' && /^add-cluster-role-to-(?:group|user)$/.test(rest[0]?.value ?? '') && rest[1]?.value === 'cluster-admin') {
    const broad = rest.slice(2).find((word) => word.known && everyone.test(word.value));
    if (broad) return {word: written(broad), reason: `oc adm policy ${rest[0]!.value} cluster-admin ${broad.value} gives everyone of them every power in the cluster`};
  }

  if (verb?.value === 'taint' && /^(?:nodes?|no)$/.test(rest[0]?.value ?? '') && words.some((word) => word.value === '--all') && words.some((word) => word.known && /:NoExecute$/.test(word.value))) {
    return {word: '--all', reason: `${name} taint nodes --all …:NoExecute evicts every pod from every node at once`};
  }

  if (verb?.value === 'drain' && (flags.has('-l') || flags.has('--selector') || words.some((word) => word.value === '--all')) && !flags.has('--dry-run')) {
    return {word: 'drain', reason: `${name} drain of every node the selector picks evicts their pods at once: nowhere is left to run them`};
  }

  if ((verb?.value === 'delete' || (verb?.value === 'scale' && values.get('--replicas')?.value === '0')) && namespace === 'kube-system') {
    const target = rest.map((word) => word.value ?? '').join(' ');
    const critical = rest.find((word) => word.known && clusterCritical.test(word.value.replace(/^[\w.]+\//, '')));
    if (critical) return {word: written(critical), reason: `${name} ${verb.value} ${target} in kube-system ${verb.value === 'delete' ? 'deletes' : 'stops'} ${critical.value}: the cluster's DNS, network or service proxy`};
  }

  if (verb?.value === 'create' && /^clusterrolebinding$/.test(rest[0]?.value ?? '')) {
    const at = words.findIndex((word) => word.value === '--clusterrole');
    const role = at !== -1 ? words[at + 1]?.value : words.find((word) => word.value?.startsWith('--clusterrole='))?.value?.slice('--clusterrole='.length);
    const subjects = words.filter((word, i) => word.known && (/^--(?:user|group|serviceaccount)=/.test(word.value) || /^--(?:user|group|serviceaccount)$/.test(words[i - 1]?.value ?? '')));
    const broad = subjects.find((word) => everyone.test(word.value!.replace(/^--(?:user|group|serviceaccount)=/, '')));
    return role === 'cluster-admin' && broad ? {word: written(broad), reason: `${name} create clusterrolebinding gives cluster-admin to ${broad.value!.replace(/^--\w+=/, '')}: everyone of them can do anything in the cluster`} : null;
  }

  if (verb?.value === 'patch' && /^clusterrolebindings?(?:\/cluster-admin)?$/.test(rest[0]?.value ?? '') && (rest[0]?.value?.endsWith('cluster-admin') || rest[1]?.value === 'cluster-admin')) {
    const patch = words.find((word) => word.known && /system:(?:anonymous|unauthenticated|authenticated|serviceaccounts)/.test(word.value));
    return patch ? {word: written(patch), reason: `${name} patch adds everyone to the cluster-admin binding: they can do anything in the cluster`} : null;
  }

  if (verb?.value === 'delete' && /^clusterroles?(?:\.rbac\.authorization\.k8s\.io)?(?:\/cluster-admin)?$/.test(rest[0]?.value ?? '') && rest.some((word) => /(?:^|\/)cluster-admin$/.test(word.value ?? ''))) {
    return {word: 'cluster-admin', reason: `${name} delete clusterrole cluster-admin removes the role every administrator of the cluster holds`};
  }

  return null;
}

export const clusters: BuiltinRule[] = [
  {
    id: 'clusters.delete-namespace',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes a Kubernetes namespace (an OpenShift project) and everything in it',
    alternative: 'kubectl delete ns NAME --dry-run=client first; delete named resources',
    match: kubernetes,
    check: (command, context) => kubectl(command, context).namespace ?? null,
    examples() {
      return {
        refuse: ['kubectl get ns -o name | grep preview- | xargs kubectl delete', "kubectl delete -f - <<'EOF'\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\nEOF", 
          'kubectl delete namespace production', 'kubectl delete ns staging', 'kubectl --context prod delete ns/payments', 'kubectl delete namespaces a b', 'kubectl delete ns scratch --dry-run=none', 'kubectl -n app delete pod,svc,ns --all',
          'oc delete project payments', 'rancher kubectl delete namespace cattle-monitoring-system', 'kubectl delete -f app.yaml', 'kubectl replace --force -f app.yaml', 'kubectl delete Namespace/shop', 'kubectl delete namespace.v1 shop', 'kubectl delete $(kubectl get ns -o name | grep -v kube-)',
          'kubectl create ns smoke; kubectl delete ns smoke', 'kubectl create ns smoke || true; kubectl delete ns smoke', 'set -e; if ! kubectl create ns smoke; then kubectl delete ns smoke; fi', 'set -e; { kubectl create ns smoke; } || true; kubectl delete ns smoke', 'kubectl create ns smoke && kubectl config use-context prod && kubectl delete ns smoke', 'if ! kubectl create ns smoke; then kubectl delete ns smoke; fi', 'kubectl create ns smoke && kubectl delete ns smoke prod', 'kubectl --context dev create ns smoke && kubectl --context prod delete ns smoke', 'kubectl create ns smoke --dry-run=client -o yaml | kubectl apply -f - && kubectl delete ns smoke',
        ],
        allow: ["kubectl get pods -o name --field-selector=status.phase=Failed | xargs kubectl delete", 'kubectl delete ns scratch --dry-run=client', 'kubectl get namespaces', 'kubectl replace -f app.yaml', 'kubectl replace --force -f job.yaml', 'kubectl delete pod web-7f9c -n staging', 'kubectl delete $(kubectl get pods -o name | grep Evicted)', 'kubectl logs deploy/web --tail=50 | grep -i "delete namespace"', 'kubectl delete -f job.yaml', 'kubectl create ns scratch',
          'kubectl create namespace smoke-7f3a && kubectl -n smoke-7f3a apply -f probe.yaml && kubectl delete namespace smoke-7f3a', 'oc new-project ci-pr-1842 && oc delete project ci-pr-1842', 'kubectl create ns smoke || exit 1; kubectl delete ns/smoke'],
      };
    },
  },
  {
    id: 'clusters.delete-all',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes every matching Kubernetes resource (--all, across all namespaces, a resource definition with all its resources, a GitOps application with all it deployed, or apply --prune)',
    alternative: 'delete resources by name or by a label selector (-l); a GitOps application through its own tool without cascade (argocd app delete --cascade=false, flux suspend)',
    match: kubernetes,
    check: (command, context) => kubectl(command, context).all ?? null,
    examples() {
      return {
        refuse: ['kubectl -n etl delete cronjob.batch --all=true', 
          'kubectl delete pods --all -n payments', 'kubectl delete all --all -A', 'kubectl delete deploy web --all-namespaces', 'kubectl delete pvc --all', 'kubectl delete deploy --all -n prod', 'kubectl delete crd certificates.cert-manager.io', 'kubectl delete app shop-prod -n argocd', 'kubectl delete applications.argoproj.io shop-prod -n argocd', 'kubectl delete helmrelease redis -n cache', 'kubectl delete kustomizations.kustomize.toolkit.fluxcd.io apps -n flux-system',
          'kubectl delete customresourcedefinition/backups.velero.io', 'kubectl apply -f ./k8s/ --prune -l app=web', 'kubectl apply --prune --all -f manifests/',
        ],
        allow: [
          'kubectl get pods --all-namespaces', 'kubectl delete pod web-7f9c -n staging', 'kubectl delete pods --all --dry-run=server', 'kubectl delete pods -l app=old', 'kubectl apply -f ./k8s/', 'kubectl apply --dry-run=server -f ./k8s/', 'kubectl get crd', 'kubectl delete app shop-prod -n argocd --dry-run=server', 'kubectl get applications -n argocd',
          'kubectl delete pods --field-selector=status.phase==Failed -A', 'kubectl delete jobs -l cleanup=true --all-namespaces',
        ],
      };
    },
  },
  {
    id: 'clusters.scale-all-to-zero',
    pack: 'clusters',
    level: 'deny',
    reason: 'scales every matching Kubernetes workload to zero replicas (--all, or across all namespaces without a selector): everything it selects stops serving',
    alternative: 'scale workloads by name or by a label selector (-l)',
    match: kubernetes,
    check: (command, context) => kubectl(command, context).stopsAll ?? null,
    examples() {
      return {
        refuse: ['kubectl get deploy -n shop -o name | xargs -I{} kubectl -n shop scale {} --replicas=0', 'kubectl scale deploy --all --replicas=0 -n prod', 'kubectl scale deployment,statefulset --all --replicas 0', 'kubectl -n payments scale --replicas=0 deployments --all', 'oc scale dc --all --replicas=0', 'kubectl scale deploy -A --replicas=0 --all'],
        allow: ['kubectl scale deploy api --replicas=0 -n prod', 'kubectl scale deploy --all --replicas=2 -n staging', 'kubectl scale deploy -l tier=batch --replicas=0 -A', 'kubectl scale deploy --all --replicas=0 --dry-run=client', 'kubectl scale --help'],
      };
    },
  },
  {
    id: 'clusters.delete-storage',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes Kubernetes persistent volumes or their claims (or volume snapshots), and with them the data',
    alternative: 'back the volume up first (a VolumeSnapshot, or the storage backend), and set the reclaim policy to Retain',
    match: kubernetes,
    check: (command, context) => kubectl(command, context).storage ?? null,
    examples() {
      return {
        refuse: ['kubectl delete pvc data-postgres-0 -n prod', 'kubectl delete pv pvc-1234', 'kubectl delete persistentvolumeclaim/pgdata', 'kubectl -n prod delete sts,pvc -l app=db', 'kubectl delete -f data.yaml', 'kubectl delete volumesnapshot nightly-1', 'kubectl delete datavolume rhel9-root -n vms', 'kubectl -n longhorn-system delete volumes.longhorn.io pvc-0f4e', 'kubectl delete rdsinstance.database.aws.crossplane.io prod-orders-db'],
        allow: ['kubectl get pvc -A', 'kubectl describe pv pvc-1234', 'kubectl delete pvc data-0 --dry-run=client', 'kubectl delete statefulset db'],
      };
    },
  },
  {
    id: 'clusters.delete-manifests',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes every resource a folder, address, input or unreadable file of manifests describes, which guard cannot see',
    alternative: 'kubectl delete the resources by name, or run it with --dry-run=client first',
    match: kubernetes,
    check: (command, context) => kubectl(command, context).manifests ?? null,
    examples() {
      return {
        refuse: ['kubectl delete -f ./k8s/', 'kubectl delete -f k8s', 'kubectl delete -k overlays/prod', 'kubectl delete -R -f manifests', 'kubectl delete -f https://example.com/app.yaml', 'kubectl delete -f missing.yaml', 'cat app.yaml | kubectl delete -f -', 'kubectl delete --filename=./k8s/'],
        allow: ["kubectl delete -f - <<'EOF'\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nEOF", 'kubectl diff -f ./k8s/', 'kubectl delete -f job.yaml', 'kubectl delete -f ./k8s/ --dry-run=client', 'kubectl apply -f ./k8s/', 'kubectl get -f ./k8s/'],
      };
    },
  },
  {
    id: 'clusters.control-plane',
    pack: 'clusters',
    level: 'deny',
    reason: "takes down what keeps a Kubernetes cluster up: kubeadm reset, every node tainted NoExecute or drained by a selector, the cluster's DNS, network or proxy in kube-system deleted or scaled to zero, cluster-admin handed to everyone or its role deleted",
    alternative: 'drain and reset one node at a time; change kube-system add-ons through their own upgrade path; bind cluster-admin to named people',
    match: {program: ['kubectl', 'oc', 'kubeadm', 'curl', 'k0s', 'talosctl', 'microk8s', 'rke2', 'k3s-uninstall.sh', 'k3s-agent-uninstall.sh', 'rke2-uninstall.sh', 'rke2-agent-uninstall.sh', 'snap', 'istioctl', 'consul-k8s', 'operator-sdk', 'rancher']},
    check: controlPlane,
    examples() {
      return {
        refuse: [
          'kubeadm reset -f', 'sudo kubeadm reset --force', 'sudo k0s reset --debug', 'talosctl -n 10.5.0.3 reset --graceful=false --reboot', 'sudo microk8s reset --destroy-storage', 'sudo snap remove --purge microk8s', '/usr/local/bin/k3s-uninstall.sh',
          'oc adm drain -l node-role.kubernetes.io/infra --ignore-daemonsets --force', 'oc adm policy add-cluster-role-to-group cluster-admin system:authenticated', 'istioctl uninstall -y --purge', 'consul-k8s uninstall -auto-approve -wipe-data', 'operator-sdk cleanup memcached-operator -n operators', 'rancher clusters delete prod-eu', 'kubectl taint nodes --all dedicated=maintenance:NoExecute', 'kubectl drain -l kubernetes.io/os=linux --ignore-daemonsets --delete-emptydir-data --force',
          'kubectl -n kube-system delete deployment coredns', 'kubectl -n kube-system scale deployment coredns --replicas=0', 'kubectl delete ds/kube-proxy -n kube-system',
          'kubectl create clusterrolebinding anon --clusterrole=cluster-admin --user=system:anonymous', 'kubectl create clusterrolebinding d --clusterrole cluster-admin --serviceaccount=default:default',
          'kubectl delete clusterrole cluster-admin', "curl -sk -X DELETE -H 'Authorization: Bearer t' https://10.0.0.1:6443/api/v1/namespaces/payments",
        ],
        allow: [
          'kubeadm reset --dry-run', 'kubeadm token list', 'k0s status', 'talosctl -n 10.5.0.3 health', 'microk8s status', 'snap remove microk8s-addon-x', 'istioctl uninstall --revision canary -y', 'istioctl uninstall --purge --dry-run', 'rancher clusters ls', 'oc adm policy add-cluster-role-to-user cluster-admin ana@acme.com', 'kubectl taint nodes node-3 dedicated=gpu:NoSchedule', 'kubectl drain node-3 --ignore-daemonsets', 'kubectl drain -l pool=spare --dry-run=server',
          'kubectl -n kube-system get deploy coredns', 'kubectl -n kube-system rollout restart deployment coredns', 'kubectl -n kube-system delete pod coredns-5d78c9869d-abcde',
          'kubectl create clusterrolebinding ana-admin --clusterrole=cluster-admin --user=ana@acme.com', 'kubectl get clusterrole cluster-admin -o yaml', 'curl -sk https://10.0.0.1:6443/api/v1/namespaces',
        ],
      };
    },
  },
  {
    id: 'clusters.helm-uninstall',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes every Kubernetes resource of a Helm release',
    alternative: 'helm uninstall RELEASE --dry-run first, then uninstall by hand',
    match: {program: ['helm']},
    check: helm,
    examples() {
      return {
        refuse: ['helm uninstall web -n prod', 'helm uninstall cilium -n kube-system --dry-run=false', 'helm delete --purge prod-db', 'helm -n prod uninstall web', 'helm del web', 'helm un web --keep-history'],
        allow: ['helm list -A', 'helm template web ./chart', 'helm uninstall web --dry-run', 'helm upgrade --install web ./chart -n prod --atomic', 'helm rollback web 3', 'helm uninstall --help'],
      };
    },
  },
  {
    id: 'clusters.docker-prune-all',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes every unused image, container and network (docker system prune -a), or everything podman has (podman system reset)',
    alternative: 'docker system prune (dangling images only), or docker image prune --filter until=…',
    match: {program: [...containers, 'crictl']},
    check: (command) => (command.program.value === 'crictl' ? crictlWipe(command) : (docker(command).prune ?? null)),
    examples() {
      return {refuse: ['sudo crictl rmi --all', 'sudo nerdctl -n k8s.io image prune --all --force', 'docker system prune -af', 'docker system prune --all --volumes --force', 'docker -H ssh://prod system prune -a', 'podman system prune -a', 'podman system reset --force', 'docker image prune -af', 'docker system prune --all=true --force=true'], allow: ['crictl rmi --prune', 'crictl images', 'docker system prune', 'docker system df', 'docker ps -a', 'docker run --rm alpine echo hi', 'docker image prune']};
    },
  },
  {
    id: 'clusters.docker-volume-remove',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes Docker volumes and their data',
    alternative: 'back the volume up first (docker run --rm -v VOL:/v alpine tar …)',
    match: {program: containers},
    check: (command) => docker(command).volumes ?? null,
    examples() {
      return {refuse: ['docker volume rm pgdata', 'docker volume prune -f', 'docker volume remove a b', 'docker system prune --volumes -f', 'podman volume rm pgdata'], allow: ['docker volume ls', 'docker volume inspect pgdata', 'docker volume create cache', 'docker system prune -f']};
    },
  },
  {
    id: 'clusters.compose-down-volumes',
    pack: 'clusters',
    level: 'deny',
    reason: 'stops a compose project and deletes its volumes',
    alternative: 'docker compose down (keeps volumes)',
    match: {program: containers},
    check: (command) => docker(command).down ?? null,
    examples() {
      return {refuse: ['docker compose down -v', 'docker compose down --volumes=true', 'docker compose -f prod.yml down --volumes', 'docker-compose down -v', 'docker compose down --rmi all -v'], allow: ['docker compose down', 'docker-compose down', 'docker compose up -d', 'docker compose logs -f', 'docker compose --dry-run down --volumes']};
    },
  },
  {
    id: 'clusters.docker-remove-all',
    pack: 'clusters',
    level: 'deny',
    reason: 'removes every container (or image) there is, or kills every running one: `docker rm -f $(docker ps -aq)`, `docker kill $(docker ps -q)`',
    alternative: 'docker container prune (stopped containers only), or a listing with --filter',
    match: {program: containers},
    check: (command) => docker(command).everyone ?? null,
    examples() {
      return {
        refuse: ['docker rm -f $(docker ps -aq)', 'docker rm $(docker ps -a -q)', 'docker rm $(docker ps -aq)', 'docker rm -v $(docker ps -qa)', 'docker container rm -fv $(docker container ls -aq)', 'sudo docker rm -f `docker ps -aq`', 'docker rmi -f $(docker images -q)', 'podman rm -f $(podman ps -aq)', 'docker rm -f $(docker ps -q)', 'docker ps -aq | xargs -r docker rm -f', 'docker images -q | xargs docker rmi -f', 'docker kill $(docker ps -q)', 'docker ps -q | xargs docker kill'],
        allow: ['docker rm web', 'docker rm $(docker ps -aq -f status=exited)', 'docker rm $(docker ps -aqf status=exited)', 'docker rm $(docker ps -a -q --filter=status=exited)', 'docker rmi $(docker images -f dangling=true -q)', 'docker container prune -f', 'docker ps -aq', 'docker rm $(docker ps -q)', 'docker ps -aq -f status=exited | xargs docker rm', 'docker ps -q | xargs docker stop', 'docker kill web', 'docker kill $(docker ps -q --filter name=worker)'],
      };
    },
  },
  {
    id: 'clusters.workload-purge',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes a virtual machine with its disks, a container with its root filesystem, or a job with its history (virsh undefine --remove-all-storage, lxc delete, lxc-destroy, nomad job stop -purge)',
    alternative: 'stop it instead (virsh shutdown, lxc stop, nomad job stop); snapshot first, then delete by hand',
    match: {
      program: ['virsh', 'lxc', 'incus', 'nomad', 'lxc-destroy'],
      regex: String.raw`^(?:lxc-destroy (?:\S+ )*(?:-n|--name)(?:=| )\S|virsh (?:\S+ )*undefine (?:\S+ )*--(?:remove-all-storage|storage|wipe-storage)|(?:lxc|incus)(?: -\S+| --project \S+| --remote \S+)* delete (?:\S+ )*[^-/ ][^/ ]*(?: |$)|nomad (?:\S+ )*(?:job )?stop (?:\S+ )*-{1,2}purge(?:=(?:true|t|1|TRUE|True))?(?: |$))`,
    },
    examples() {
      return {
        refuse: ['lxc-destroy -n mariadb -f -s', 'lxc-destroy --name=web', 'virsh undefine db-vm --remove-all-storage --nvram', 'virsh undefine web --storage vda', 'lxc delete --force web-ct', 'incus delete web', 'lxc delete -q web', 'lxc --project prod delete web', 'lxc delete web/snap0 web2', 'nomad job stop -purge api', 'nomad stop -purge api', 'nomad job stop -purge=true api'],
        allow: ['lxc-ls --fancy', 'lxc-stop -n web', 'virsh shutdown db-vm', 'virsh undefine db-vm', 'lxc stop web-ct', 'lxc delete web-ct/snap0', 'lxc list', 'lxc image delete ubuntu-old', 'lxc profile delete old', 'lxc network delete lxdbr1', 'nomad job stop api', 'nomad job status api'],
      };
    },
  },
];
