// Containers and clusters: mass deletions in Kubernetes and Docker. Global options may come
// before the verb (`kubectl -n prod delete ns x`, `docker -H h system prune -a`).
import {type OptionSpec, type SimpleCommand, type Word, normalizeOptions} from '../../shell/index.js';
import {spelled, written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';

const kubectlSpec: OptionSpec = {
  takesValue: [
    '-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-l', '--selector', '-f', '--filename', '-o', '--output', '--field-selector', '--grace-period',
    '--timeout', '-s', '--server', '--token', '--user', '--as', '--as-group', '-c', '--container', '-k', '--kustomize', '--request-timeout', '--cache-dir',
    '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name', '--profile', '--cascade', '--wait',
  ],
  aliases: {'--all-namespaces': '-A'},
};

const dryRun = (values: Map<string, Word>, flags: Set<string>) => flags.has('--dry-run') && values.get('--dry-run')?.value !== 'none';

const namespaceKinds = /^(ns|namespace|namespaces)(\/.+)?$/;

function kubectl(command: SimpleCommand): {namespace?: Hit; all?: Hit} {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), kubectlSpec);
  if (operands[0]?.value !== 'delete' || dryRun(values, flags)) return {};
  const kinds = operands[1];
  const found: {namespace?: Hit; all?: Hit} = {};
  const kindList = kinds?.known ? kinds.value.split(',') : [];
  if ((kinds && kindList.some((kind) => namespaceKinds.test(kind))) || operands.slice(1).some((word) => word.known && /^(ns|namespaces?)\//.test(word.value))) {
    const word = kinds!;
    const names = operands.slice(2).map(spelled).join(' ');
    found.namespace = {word: written(word), reason: `kubectl delete ${spelled(word)}${names ? ` ${names}` : ''} deletes the namespace and everything in it`};
  }

  const all = command.argv.find((word) => word.known && (word.value === '--all' || word.value === '-A' || /^--all-n/.test(word.value) || /^-[a-zA-Z]*A/.test(word.value)));
  if (all) found.all = {word: written(all), reason: `kubectl delete ${kinds ? spelled(kinds) : ''} ${spelled(all)} deletes every matching resource${all.value === '--all' ? '' : ' in every namespace'}`.replace('  ', ' ')};
  return found;
}

const dockerSpec: OptionSpec = {takesValue: ['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '-f', '--filter', '--file', '-p', '--project-name', '--project-directory', '--env-file', '--profile', '--ansi', '--parallel', '--progress', '-t', '--timeout', '--rmi']};

function docker(command: SimpleCommand): {prune?: Hit; volumes?: Hit; down?: Hit} {
  const {flags, operands} = normalizeOptions(command.argv.slice(1), {...dockerSpec, aliases: {'--all': '-a', '--volumes': '-v'}});
  const verbs = command.program.value === 'docker-compose' ? ['compose', ...operands.map((word) => word.value)] : operands.map((word) => word.value);
  const name = command.program.value === 'docker-compose' ? 'docker-compose' : command.program.value;
  const found: {prune?: Hit; volumes?: Hit; down?: Hit} = {};
  if (verbs[0] === 'system' && verbs[1] === 'prune' && flags.has('-a')) {
    found.prune = {word: written(command.argv.find((word) => word.known && (word.value === '--all' || /^-[a-z]*a/.test(word.value)))!), reason: `${name} system prune -a deletes every image, container and network not in use right now${flags.has('-v') || flags.has('--volumes') ? ', and every unused volume' : ''}`};
  }

  if (verbs[0] === 'volume' && /^(rm|remove|prune)$/.test(verbs[1] ?? '')) {
    const word = operands[1]!;
    found.volumes = {word: written(word), reason: `${name} volume ${word.value} deletes volumes and the data in them`};
  }

  if (verbs[0] === 'compose' && verbs[1] === 'down' && flags.has('-v')) {
    const word = command.argv.find((arg) => arg.known && (arg.value === '--volumes' || /^-[a-z]*v/.test(arg.value)))!;
    found.down = {word: written(word), reason: `${name === 'docker-compose' ? 'docker-compose' : `${name} compose`} down ${spelled(word)} deletes the project's volumes and the data in them`};
  }

  return found;
}

const containers = ['docker', 'podman', 'docker-compose'];

export const clusters: BuiltinRule[] = [
  {
    id: 'clusters.delete-namespace',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes a Kubernetes namespace and everything in it',
    alternative: 'kubectl delete ns NAME --dry-run=client first; delete named resources',
    match: {program: ['kubectl', 'oc']},
    check: (command) => kubectl(command).namespace ?? null,
    examples: {
      refuse: ['kubectl delete namespace production', 'kubectl delete ns staging', 'kubectl --context prod delete ns/payments', 'kubectl delete namespaces a b', 'kubectl delete ns scratch --dry-run=none'],
      allow: ['kubectl delete ns scratch --dry-run=client', 'kubectl get namespaces', 'kubectl delete pod web-7f9c -n staging', 'kubectl logs deploy/web --tail=50 | grep -i "delete namespace"'],
    },
  },
  {
    id: 'clusters.delete-all',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes every matching Kubernetes resource (--all, or across all namespaces)',
    alternative: 'delete resources by name or by a label selector (-l)',
    match: {program: ['kubectl', 'oc']},
    check: (command) => kubectl(command).all ?? null,
    examples: {
      refuse: ['kubectl delete pods --all -n payments', 'kubectl delete all --all -A', 'kubectl delete deploy web --all-namespaces', 'kubectl delete pvc --all'],
      allow: ['kubectl get pods --all-namespaces', 'kubectl delete pod web-7f9c -n staging', 'kubectl delete pods --all --dry-run=server', 'kubectl delete pods -l app=old'],
    },
  },
  {
    id: 'clusters.docker-prune-all',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes every unused image, container and network (docker system prune -a)',
    alternative: 'docker system prune (dangling images only), or docker image prune --filter until=…',
    match: {program: containers},
    check: (command) => docker(command).prune ?? null,
    examples: {refuse: ['docker system prune -af', 'docker system prune --all --volumes --force', 'docker -H ssh://prod system prune -a', 'podman system prune -a'], allow: ['docker system prune', 'docker system df', 'docker ps -a', 'docker run --rm alpine echo hi', 'docker image prune']},
  },
  {
    id: 'clusters.docker-volume-remove',
    pack: 'clusters',
    level: 'deny',
    reason: 'deletes Docker volumes and their data',
    alternative: 'back the volume up first (docker run --rm -v VOL:/v alpine tar …)',
    match: {program: containers},
    check: (command) => docker(command).volumes ?? null,
    examples: {refuse: ['docker volume rm pgdata', 'docker volume prune -f', 'docker volume remove a b'], allow: ['docker volume ls', 'docker volume inspect pgdata', 'docker volume create cache']},
  },
  {
    id: 'clusters.compose-down-volumes',
    pack: 'clusters',
    level: 'deny',
    reason: 'stops a compose project and deletes its volumes',
    alternative: 'docker compose down (keeps volumes)',
    match: {program: containers},
    check: (command) => docker(command).down ?? null,
    examples: {refuse: ['docker compose down -v', 'docker compose -f prod.yml down --volumes', 'docker-compose down -v', 'docker compose down --rmi all -v'], allow: ['docker compose down', 'docker-compose down', 'docker compose up -d', 'docker compose logs -f']},
  },
];
