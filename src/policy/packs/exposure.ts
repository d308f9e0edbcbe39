// The system pack's rule for a private service put where anyone can reach it: a datastore's own
// guard switched off (Redis's protected mode, its password emptied), a tunnel that publishes a
// private port (ngrok, cloudflared, ssh -R on every address), the cluster's API or a service
// forwarded on every address, a server that serves the whole disk or a home folder, a dev-mode
// secret store on every address, a database published by docker with no password, a cluster
// service of a datastore or dashboard given an outside address, a key or a dump put in a web root. The same on loopback, on one
// address of a private network, or with a password passes.
import {type SimpleCommand, type Word, normalizeOptions} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {args, fedText, has, say} from './hits.js';

// Every address: 0.0.0.0, ::, *, and an empty bind address.
const everyAddress = /^(?:0\.0\.0\.0|::|\[::\]|\*|)$/;
const loopback = /^(?:127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

// Ports that are never meant for the internet: ssh, databases, caches, queues' consoles, clusters' control planes.
const privatePorts = new Set(['22', '23', '2375', '2376', '2379', '3306', '3389', '5432', '5601', '5900', '5984', '6379', '8086', '8200', '8500', '9042', '9090', '9200', '10250', '11211', '15672', '27017']);

// A datastore's, a dashboard's or a control plane's service, by its name.
const privateService = /(?:^|[-_.])(?:postgres(?:ql)?|pg|mysql|mariadb|mongo(?:db)?|redis|valkey|memcached|elasticsearch|opensearch|es|kibana|cassandra|couchdb|etcd|consul|vault|rabbitmq|kafka|zookeeper|minio|clickhouse|influxdb|prometheus|alertmanager|kubernetes-dashboard|dashboard|grafana|jenkins|argocd-server|adminer|phpmyadmin|pgadmin)(?:$|[-_.\d])/i;

// A database image told to take anyone, with no password.
const noPassword = /^(?:POSTGRES_HOST_AUTH_METHOD=trust|MYSQL_ALLOW_EMPTY_PASSWORD=(?:yes|1|true)|MARIADB_ALLOW_EMPTY_(?:ROOT_)?PASSWORD=(?:yes|1|true)|ALLOW_EMPTY_PASSWORD=(?:yes|1|true)|xpack\.security\.enabled=false|DISABLE_SECURITY_PLUGIN=true|plugins\.security\.disabled=true|GF_AUTH_ANONYMOUS_ENABLED=true)$/i;

/** Redis's own guard off: `CONFIG SET protected-mode no`, `requirepass ''`, `bind 0.0.0.0`. */
function redisOpened(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  const at = texts.findIndex((text, i) => /^config$/i.test(text) && /^set$/i.test(texts[i + 1] ?? ''));
  if (at === -1) return null;
  const key = texts[at + 2]?.toLowerCase();
  const value = texts[at + 3];
  if (value === undefined || words[at + 3]?.known === false) return null;
  if (key === 'protected-mode' && /^no$/i.test(value)) return say(command, words.slice(at, at + 4), 'turns Redis\'s protected mode off: with no password, anyone who reaches the port reads and writes every key, and can write files as the server', words[at + 2]);
  if (key === 'requirepass' && value === '') return say(command, words.slice(at, at + 4), 'empties Redis\'s password: anyone who reaches the port reads and writes every key', words[at + 2]);
  if (key === 'bind' && value.split(/\s+/).some((address) => everyAddress.test(address.replace(/^-/, '')) && address !== '')) return say(command, words.slice(at, at + 4), 'makes Redis listen on every address of the host', words[at + 2]);
  return null;
}

/** The port a tunnel or a URL names: `22`, `localhost:5432`, `http://localhost:15672`. */
function portOf(text: string): string | undefined {
  return /(?::|^)(\d{1,5})\/?$/.exec(text.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, ''))?.[1];
}

/** A tunnel that publishes a private port: `ngrok tcp 22`, `cloudflared tunnel --url http://localhost:15672`. */
function tunnel(command: SimpleCommand, words: Word[]): Hit | null {
  const name = command.program.value;
  const texts = words.map((word) => word.value ?? '');
  if (name === 'ngrok') {
    const at = texts.findIndex((text) => text === 'tcp' || text === 'tls');
    const target = at === -1 ? undefined : words.slice(at + 1).find((word) => word.known && !word.value.startsWith('-'));
    const port = target?.known ? portOf(target.value) : undefined;
    return port !== undefined && privatePorts.has(port) ? say(command, [words[at]!, target!], `publishes port ${port} of this host on a public ngrok address: anyone on the internet reaches it`, target) : null;
  }

  const url = normalizeOptions(words, {takesValue: ['--url', '--hostname', '--name', '--config', '--loglevel', '--metrics']}).values.get('--url');
  const port = url?.known ? portOf(url.value) : undefined;
  return texts[0] === 'tunnel' && port !== undefined && privatePorts.has(port) ? say(command, [url!], `publishes port ${port} of this host on a public trycloudflare.com address: anyone on the internet reaches it`, url) : null;
}

/** ssh forwarding onto every address: `-R 0.0.0.0:8022:localhost:22` on the relay, `-g`/`GatewayPorts=yes` with `-L` here. */
function sshForward(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  // `-g` alone or among other flags (not inside a value: `-oGatewayPorts=yes` is one word, and so is `-Lg…`).
  const gateway = texts.some((text) => /^-[a-zA-Z]*g[a-zA-Z]*$/.test(text) && !/^-[a-zA-Z]*[bcDEeFIiJLlmOopQRSWw][a-zA-Z]*g/.test(text)) || texts.some((text) => /^(?:-o)?GatewayPorts[= ]+(?:yes|clientspecified)$/i.test(text));
  for (const [i, text] of texts.entries()) {
    const spec = text === '-R' || text === '-L' ? texts[i + 1] : /^-[RL]./.test(text) ? text.slice(2) : undefined;
    if (spec === undefined) continue;
    const parts = spec.split(':');
    const bind = parts.length === 4 ? parts[0]! : undefined;
    const remote = text.startsWith('-R');
    if ((bind !== undefined && everyAddress.test(bind)) || (!remote && gateway && (bind === undefined || !loopback.test(bind)))) {
      return say(command, [words[i]!], remote ? `listens on every address of ${texts.find((t, k) => k > i + 1 && !t.startsWith('-')) ?? 'the far host'} and forwards to ${parts.slice(-2).join(':')}: anyone who reaches it there reaches this side` : `listens on every address of this host and forwards to ${parts.slice(-2).join(':')}: anyone on this host's network reaches it`, words[i]);
    }
  }

  return null;
}

/** The cluster's API or a service forwarded on every address: `kubectl proxy --address=0.0.0.0`, `port-forward --address 0.0.0.0`. */
function kubeForward(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  const verb = texts.find((text) => text === 'proxy' || text === 'port-forward' || text === 'patch' || text === 'expose' || text === 'set');
  if (verb === undefined || texts.some((text) => text.startsWith('--dry-run') || text === '--help' || text === '-h')) return null;
  // `kubectl set env deploy/grafana GF_AUTH_ANONYMOUS_ENABLED=true`: a server told to take anyone.
  if (verb === 'set') {
    const open = texts[texts.indexOf('set') + 1] === 'env' ? words.find((word) => word.known && noPassword.test(word.value)) : undefined;
    return open ? say(command, [open], `tells the server to take anyone (${open.value}): no password stands between it and whoever reaches it`, open) : null;
  }

  if (verb === 'proxy' || verb === 'port-forward') {
    const at = texts.findIndex((text) => text === '--address' || text.startsWith('--address='));
    const addresses = at === -1 ? [] : (texts[at]!.includes('=') ? texts[at]!.slice(texts[at]!.indexOf('=') + 1) : (texts[at + 1] ?? '')).split(',');
    if (!addresses.some((address) => !loopback.test(address))) return null;
    return say(command, [words[at]!], verb === 'proxy' ? "serves the cluster's API on every address with this user's credentials: anyone who reaches the port acts as this user in the cluster" : 'forwards the service on every address of this host: anyone on its network reaches what the cluster keeps private', words[at]);
  }

  // A datastore's or a dashboard's service given an outside address (`patch svc postgres -p '{"spec":{"type":"LoadBalancer"}}'`).
  const outside = texts.some((text) => /"?type"?\s*:\s*"?(?:LoadBalancer|NodePort)\b/.test(text) || /^--type=(?:LoadBalancer|NodePort)$/.test(text)) || texts.some((text, i) => text === '--type' && /^(?:LoadBalancer|NodePort)$/.test(texts[i + 1] ?? ''));
  if (!outside) return null;
  const kinds = /^(?:svc|services?|deploy(?:ment)?s?|statefulsets?|sts|pods?)(?:\/(.+))?$/;
  const kindAt = texts.findIndex((text, i) => i > texts.indexOf(verb) && kinds.test(text));
  const name = kindAt === -1 ? undefined : (kinds.exec(texts[kindAt]!)?.[1] ?? texts.slice(kindAt + 1).find((text, i, rest) => !text.startsWith('-') && !/^(?:-n|--namespace|-p|--patch|--type|--port|--target-port|--name)$/.test(rest[i - 1] ?? '') && !/[{:]/.test(text)));
  return name !== undefined && privateService.test(name) ? say(command, [words[kindAt]!], `gives ${name} an address outside the cluster: a datastore or dashboard meant for the cluster alone is reachable from outside it`, words[kindAt]) : null;
}

/** A Service manifest applied from text guard knows, of type LoadBalancer or NodePort, for a datastore or dashboard. */
function manifestExposed(command: SimpleCommand): Hit | null {
  const texts = args(command).map((word) => word.value ?? '');
  if ((!texts.includes('apply') && !texts.includes('create')) || texts.some((text) => text.startsWith('--dry-run'))) return null;
  const text = fedText(command);
  if (text === undefined) return null;
  for (const document of text.split(/^---\s*$/m)) {
    if (!/^kind:\s*Service\s*$/m.test(document) || !/^\s*type:\s*(?:LoadBalancer|NodePort)\s*$/m.test(document)) continue;
    const name = /^\s*name:\s*(\S+)/m.exec(document)?.[1] ?? '';
    const app = /^\s*(?:app|app\.kubernetes\.io\/name):\s*(\S+)/m.exec(document)?.[1] ?? '';
    if (privateService.test(name) || privateService.test(app)) return {word: 'type', reason: `${command.program.value} applies a ${name || app} Service of type ${/LoadBalancer/.test(document) ? 'LoadBalancer' : 'NodePort'}: a datastore or dashboard meant for the cluster alone is reachable from outside it`};
  }

  return null;
}

/** A server that serves the whole disk or a home folder: `python3 -m http.server --directory ~`, `php -S 0.0.0.0:8080 -t /`. */
function servesEverything(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  const home = command.env.HOME;
  const everything = (folder: string | undefined) => folder !== undefined && (folder === '/' || folder === '/etc' || folder === '/root' || /^\/home\/[^/]+\/?$/.test(folder) || /^\/Users\/[^/]+\/?$/.test(folder) || (home !== undefined && folder.replace(/\/$/, '') === home));
  if (command.program.value === 'php') {
    const at = texts.indexOf('-S');
    const root = texts[texts.indexOf('-t') + 1];
    const address = texts[at + 1]?.replace(/:\d+$/, '');
    return at !== -1 && texts.includes('-t') && everything(root) && !loopback.test(address ?? '') ? say(command, [words[texts.indexOf('-t') + 1]!], `serves ${root} over HTTP to anyone who reaches the port: keys, passwords and every file readable to this user`) : null;
  }

  const module = texts.indexOf('-m');
  if (module === -1 || texts[module + 1] !== 'http.server') return null;
  const rest = texts.slice(module + 2);
  const directory = rest[rest.findIndex((text) => text === '--directory' || text === '-d') + 1] ?? (rest.find((text) => text.startsWith('--directory='))?.slice('--directory='.length));
  const bind = rest[rest.findIndex((text) => text === '--bind' || text === '-b') + 1];
  const served = directory ?? (command.cwd.known ? command.cwd.value ?? undefined : undefined);
  return everything(served) && !(bind !== undefined && rest.some((text) => text === '--bind' || text === '-b') && loopback.test(bind)) ? say(command, words, `serves ${served} over HTTP to anyone who reaches the port: keys, passwords and every file readable to this user`) : null;
}

/** A dev-mode or unauthenticated server on every address: `vault server -dev -dev-listen-address=0.0.0.0:8200`, `memcached -l 0.0.0.0`. */
function openServer(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  if (command.program.value === 'vault') {
    const listen = texts.find((text) => text.startsWith('-dev-listen-address='))?.slice('-dev-listen-address='.length) ?? texts[texts.indexOf('-dev-listen-address') + 1];
    return texts[0] === 'server' && texts.includes('-dev') && listen !== undefined && texts.some((text) => text.startsWith('-dev-listen-address')) && !loopback.test(listen.replace(/:\d+$/, '')) ? say(command, words, 'runs Vault in dev mode on every address: unsealed, in memory, with a root token anyone who reaches the port may use') : null;
  }

  const {values} = normalizeOptions(words, {takesValue: ['-l', '--listen', '-p', '--port', '-U', '--udp-port', '-u', '--user', '-m', '--memory-limit', '-c', '--conn-limit', '-t', '--threads']});
  const listen = (values.get('-l') ?? values.get('--listen'))?.value;
  return listen !== undefined && listen !== null && listen.split(',').some((address) => everyAddress.test(address.replace(/:\d+$/, '')) && address !== '') ? say(command, words, 'runs memcached on every address, with no password: anyone who reaches it reads and writes the cache (and, over UDP, uses it to flood others)') : null;
}


/** `docker run -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres`: a database that takes anyone, on every address; the Docker socket published. */
function publishedOpen(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  if (!texts.includes('run') && !texts.includes('create')) return null;
  const published = texts.flatMap((text, i) => (text === '-p' || text === '--publish' ? [texts[i + 1] ?? ''] : text.startsWith('--publish=') ? [text.slice('--publish='.length)] : /^-p\d/.test(text) ? [text.slice(2)] : []));
  // `-p 5432:5432` and `-p 0.0.0.0:5432:5432` are every address; `-p 127.0.0.1:5432:5432` is not.
  const everywhere = published.filter((spec) => spec.split(':').length < 3 || everyAddress.test(spec.split(':')[0]!));
  if (everywhere.length === 0) return null;
  const open = texts.find((text, i) => (texts[i - 1] === '-e' || texts[i - 1] === '--env') && noPassword.test(text)) ?? texts.find((text) => /^--env=/.test(text) && noPassword.test(text.slice('--env='.length)));
  if (open) return say(command, words, `publishes a server told to take anyone (${open.replace(/^--env=/, '')}) on every address of the host: no password stands between it and whoever reaches the port`);
  const socket = texts.some((text, i) => (texts[i - 1] === '-v' || texts[i - 1] === '--volume') && /^\/var\/run\/docker\.sock:|^\/run\/docker\.sock:/.test(text));
  return socket ? say(command, words, 'publishes a port of a container that holds the Docker socket: whoever reaches the port may drive Docker, root on the host') : null;
}

/** A block device served to the network: `qemu-nbd --bind=0.0.0.0 /dev/vg0/data`, `dd if=/dev/sda | nc -l`. */
function diskServed(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  if (command.program.value === 'qemu-nbd') {
    const bind = texts.find((text) => text.startsWith('--bind='))?.slice('--bind='.length) ?? texts[texts.findIndex((text) => text === '-b' || text === '--bind') + 1];
    const device = words.findLast((word) => word.known && word.value.startsWith('/dev/'));
    return bind !== undefined && texts.some((text) => text === '-b' || text.startsWith('--bind')) && everyAddress.test(bind) && device ? say(command, [device], `serves ${device.value} to anyone who reaches the port, readable and writable, with no password`, device) : null;
  }

  // netcat listening, fed a whole disk.
  const listens = texts.some((text) => /^-[a-zA-Z]*l/.test(text));
  const from = command.piped?.from.find((upstream) => upstream.program.value === 'dd' && upstream.argv.some((word) => word.known && /^if=\/dev\/(?:sd|nvme|vd|xvd|hd|mmcblk|md|dm-|mapper\/)/.test(word.value)));
  const disk = from?.argv.find((word) => word.known && word.value.startsWith('if='));
  return listens && disk ? say(command, words, `serves ${disk.value!.slice(3)} to the first one who connects: every file on the disk, unencrypted`) : null;
}

// Where a web server serves files from, as they are.
const webRoot = /^(?:\/var\/www\/|\/usr\/share\/nginx\/html(?:\/|$)|\/srv\/(?:www|http)\/|\/home\/[^/]+\/public_html\/)/;
// What must never be served: keys, environment files, password hashes, database dumps.
const secretSource = /(?:^|\/)(?:\.env(?:\.[\w.-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|[\w.-]+\.(?:pem|key|p12|pfx|kdbx|tfstate)|credentials|\.git-credentials|\.pgpass|\.netrc|g?shadow)$|^\/etc\/ssl\/private(?:\/|$)|\/\.(?:ssh|aws|kube|gnupg)(?:\/|$)/;
const dumpers = new Set(['mysqldump', 'mariadb-dump', 'pg_dump', 'pg_dumpall', 'mongodump']);

/** A secret or a database dump put where the web server serves it: `cp .env /var/www/html/env.txt`, `mysqldump shop > /var/www/html/shop.sql`. */
function servedSecret(command: SimpleCommand, words: Word[]): Hit | null {
  const cwd = command.cwd.known ? command.cwd.value : undefined;
  const absolute = (text: string) => (text.startsWith('/') ? text : cwd ? `${cwd.replace(/\/$/, '')}/${text}` : undefined);
  const name = command.program.value!;
  if (dumpers.has(name)) {
    const into = command.redirects.find((redirect) => (redirect.op === '>' || redirect.op === '>>' || redirect.op === '>|') && (redirect.fd === undefined || redirect.fd === 1) && redirect.target.known && webRoot.test(absolute(redirect.target.value) ?? ''));
    return into ? say(command, [into.target], `writes a dump of the database into the web root (${into.target.value}): anyone who asks the site for it gets every row`, into.target) : null;
  }

  const operands = normalizeOptions(words, {takesValue: ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group']}).operands.filter((word) => word.known);
  const target = operands.at(-1);
  const to = target?.known ? absolute(target.value) : undefined;
  if (operands.length < 2 || to === undefined || !webRoot.test(to.endsWith('/') ? to : `${to}/`) ) return null;
  const source = operands.slice(0, -1).find((word) => secretSource.test(absolute(word.value!)?.replace(/\/+$/, '') ?? ''));
  return source ? say(command, [source, target!], `puts ${source.value} where the web server serves it (${target!.value}): anyone who asks the site for it gets it`, source) : null;
}

function exposed(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  if (has(words, '--help')) return null;
  switch (name) {
    case 'redis-cli':
    case 'valkey-cli':
      return redisOpened(command, words);
    case 'ngrok':
    case 'cloudflared':
      return tunnel(command, words);
    case 'ssh':
      return sshForward(command, words);
    case 'kubectl':
    case 'oc':
      return kubeForward(command, words) ?? manifestExposed(command);
    case 'python':
    case 'python3':
    case 'php':
      return servesEverything(command, words);
    case 'vault':
    case 'memcached':
      return openServer(command, words);
    case 'docker':
    case 'podman':
    case 'nerdctl':
      return publishedOpen(command, words);
    case 'cp':
    case 'ln':
    case 'install':
      return servedSecret(command, words);
    default:
      return dumpers.has(name) ? servedSecret(command, words) : diskServed(command, words);
  }
}

export const exposure: BuiltinRule[] = [
  {
    id: 'system.service-exposed',
    pack: 'system',
    level: 'deny',
    reason: "puts a private service where anyone can reach it: a datastore's password or protected mode off, a tunnel publishing ssh or a database, the cluster's API or a service forwarded on every address, the disk or a home folder served over HTTP, a database published with no password, a disk served to the network",
    alternative: 'bind to 127.0.0.1 or one private address, keep the password on, reach it through ssh -L or kubectl port-forward on loopback',
    match: {program: ['redis-cli', 'valkey-cli', 'ngrok', 'cloudflared', 'ssh', 'kubectl', 'oc', 'python', 'python3', 'php', 'vault', 'memcached', 'docker', 'podman', 'nerdctl', 'qemu-nbd', 'nc', 'ncat', 'netcat', 'socat', 'cp', 'ln', 'install', 'mysqldump', 'mariadb-dump', 'pg_dump', 'pg_dumpall', 'mongodump']},
    check: exposed,
    examples() {
      return {
        refuse: [
          'redis-cli -h 10.0.3.7 CONFIG SET protected-mode no', "redis-cli CONFIG SET requirepass ''", "kubectl exec -n cache redis-0 -- sh -c 'redis-cli CONFIG SET protected-mode no'",
          'ngrok tcp 22', 'ngrok tcp localhost:5432', 'cloudflared tunnel --url http://localhost:15672',
          'ssh -N -R 0.0.0.0:8022:localhost:22 relay.example.net', 'ssh -o GatewayPorts=yes -N -L 27017:mongo.internal:27017 bastion', 'ssh -g -N -L 5432:db.internal:5432 bastion',
          'kubectl port-forward --address 0.0.0.0 -n data svc/postgres 5432:5432', "kubectl proxy --address=0.0.0.0 --accept-hosts='.*' --port=8001",
          `kubectl -n data patch svc postgres -p '{"spec":{"type":"LoadBalancer"}}'`, 'kubectl expose deploy grafana --type=NodePort --port 3000', 'kubectl -n monitoring set env deploy/grafana GF_AUTH_ANONYMOUS_ENABLED=true GF_AUTH_ANONYMOUS_ORG_ROLE=Admin',
          "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Service\nmetadata:\n  name: es-public\nspec:\n  type: LoadBalancer\n  selector:\n    app: elasticsearch\nEOF",
          'python3 -m http.server 8000 --directory "$HOME"', 'python3 -m http.server -d /', 'php -S 0.0.0.0:8080 -t /',
          'vault server -dev -dev-listen-address=0.0.0.0:8200 -dev-root-token-id=root', 'memcached -d -u memcache -l 0.0.0.0 -p 11211',
          'docker run -d --name pg -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16', 'docker run -d -p 2375:2375 -v /var/run/docker.sock:/var/run/docker.sock alpine/socat tcp-listen:2375,fork unix-connect:/var/run/docker.sock',
          'sudo qemu-nbd --bind=0.0.0.0 --port=10809 --persistent /dev/vg0/data', 'sudo dd if=/dev/sda bs=4M | nc -l -p 9000',
          'sudo cp /srv/app/.env /var/www/html/env.txt', 'sudo ln -s /etc/ssl/private /var/www/html/keys', 'mysqldump --single-transaction shop > /var/www/html/shop.sql', 'cp ~/.ssh/id_ed25519 /var/www/html/',
        ],
        allow: [
          'redis-cli CONFIG GET protected-mode', "redis-cli CONFIG SET requirepass 's3cret-from-vault'", 'redis-cli CONFIG SET maxmemory 2gb',
          'ngrok http 3000', 'cloudflared tunnel run web', 'cloudflared tunnel --url http://localhost:3000',
          'ssh -N -R 8022:localhost:22 relay.example.net', 'ssh -N -L 5432:db.internal:5432 bastion', 'ssh -N -L 127.0.0.1:27017:mongo.internal:27017 bastion',
          'kubectl port-forward -n data svc/postgres 5432:5432', 'kubectl proxy --port=8001', 'kubectl port-forward --address 127.0.0.1 svc/grafana 3000:80',
          `kubectl -n web patch svc frontend -p '{"spec":{"type":"LoadBalancer"}}'`, `kubectl -n data patch svc postgres -p '{"spec":{"type":"ClusterIP"}}'`, `kubectl -n data patch svc postgres --dry-run=server -p '{"spec":{"type":"LoadBalancer"}}'`, 'kubectl -n monitoring set env deploy/grafana GF_LOG_LEVEL=debug',
          "kubectl apply --dry-run=server -f - <<'EOF'\napiVersion: v1\nkind: Service\nmetadata:\n  name: es-public\nspec:\n  type: LoadBalancer\n  selector:\n    app: elasticsearch\nEOF",
          'python3 -m http.server 8000 --directory public', 'python3 -m http.server --bind 127.0.0.1 -d "$HOME"', 'php -S localhost:8000 -t public',
          'vault server -dev', 'memcached -d -u memcache -l 127.0.0.1 -p 11211',
          'docker run -d --name pg -p 127.0.0.1:5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16', 'docker run -d --name pg -p 5432:5432 -e POSTGRES_PASSWORD_FILE=/run/secrets/pg postgres:16',
          'qemu-nbd --bind=127.0.0.1 --port=10809 ./disk.qcow2', 'cp ./dist/app.js /var/www/html/', 'cp /srv/app/.env /srv/app/.env.bak', 'mysqldump shop > /var/backups/shop.sql', 'ln -s /srv/app/current/public /var/www/html/app', 'cp ./certs/site.pem.pub /var/www/html/', 'dd if=./disk.img bs=4M | nc -l -p 9000', 'nc -l -p 9000 > ./received.img',
        ],
      };
    },
  },
];
