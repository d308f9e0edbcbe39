// The system pack's rule for a private service put where anyone can reach it: a datastore's own
// guard switched off (Redis's protected mode, its password emptied), a tunnel that publishes a
// private port (ngrok, cloudflared, ssh -R on every address), the cluster's API or a service
// forwarded on every address, a server that serves the whole disk or a home folder, a dev-mode
// secret store on every address, a database published by docker with no password, a cluster
// service of a datastore or dashboard given an outside address, a key or a dump put in a web root. The same on loopback, on one
// address of a private network, or with a password passes.
import {posix} from 'node:path';
import {type SimpleCommand, type Word, normalizeOptions} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {args, fedText, has, optionValue, say} from './hits.js';
import {privatePorts} from './private-ports.js';

// Every address: 0.0.0.0, ::, *, and an empty bind address.
const everyAddress = /^(?:0\.0\.0\.0|::|\[::\]|\*|)$/;
const loopback = /^(?:127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

// A port never meant for the internet: ssh and Vault's besides the firewall's private ports.
const privateTarget = (port: string | undefined): port is string => port !== undefined && (port === '22' || port === '8200' || Object.hasOwn(privatePorts, port));
// One address of a private network (RFC 1918, IPv6 unique-local): reachable from that network only.
const privateAddress = /^(?:10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+|\[?f[cd][0-9a-f]{2}:[0-9a-f:]*\]?)$/i;

// A datastore's, a dashboard's or a control plane's service, by its name.
const privateService = /(?:^|[-_.])(?:postgres(?:ql)?|pg|mysql|mariadb|mongo(?:db)?|redis|valkey|memcached|elasticsearch|opensearch|es|kibana|cassandra|couchdb|etcd|consul|vault|rabbitmq|kafka|zookeeper|minio|clickhouse|influxdb|prometheus|alertmanager|kubernetes-dashboard|dashboard|grafana|jenkins|argocd-server|adminer|phpmyadmin|pgadmin)(?:$|[-_.\d])/i;

// A database image told to take anyone, with no password.
const noPassword = /^(?:POSTGRES_HOST_AUTH_METHOD=trust|MYSQL_ALLOW_EMPTY_PASSWORD=(?:yes|1|true)|MARIADB_ALLOW_EMPTY_(?:ROOT_)?PASSWORD=(?:yes|1|true)|ALLOW_EMPTY_PASSWORD=(?:yes|1|true)|xpack\.security\.enabled=false|DISABLE_SECURITY_PLUGIN=true|plugins\.security\.disabled=true|GF_AUTH_ANONYMOUS_ENABLED=true)$/i;

/**
 * Redis's own guard off: `CONFIG SET protected-mode no`, `requirepass ''`, `bind 0.0.0.0`, in any
 * of the pairs one CONFIG SET takes (Redis 7); the default user given no password (`ACL SETUSER
 * default on nopass`).
 */
function redisOpened(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  const acl = texts.findIndex((text, i) => /^acl$/i.test(text) && /^setuser$/i.test(texts[i + 1] ?? ''));
  if (acl !== -1 && texts.slice(acl + 3).some((text) => /^nopass$/i.test(text))) return say(command, words.slice(acl, acl + 3), `lets ${texts[acl + 2]} in with no password: anyone who reaches the port logs in as it`, words[acl + 1]);
  const at = texts.findIndex((text, i) => /^config$/i.test(text) && /^set$/i.test(texts[i + 1] ?? ''));
  if (at === -1) return null;
  for (let k = at + 2; k + 1 < texts.length; k += 2) {
    const key = texts[k]!.toLowerCase();
    const value = texts[k + 1]!;
    if (words[k + 1]?.known === false) continue;
    if (key === 'protected-mode' && /^no$/i.test(value)) return say(command, words.slice(at, k + 2), 'turns Redis\'s protected mode off: with no password, anyone who reaches the port reads and writes every key, and can write files as the server', words[k]);
    if (key === 'requirepass' && value === '') return say(command, words.slice(at, k + 2), 'empties Redis\'s password: anyone who reaches the port reads and writes every key', words[k]);
    if (key === 'bind' && value.split(/\s+/).some((address) => address !== '' && everyAddress.test(address.replace(/^-/, '')))) return say(command, words.slice(at, k + 2), 'makes Redis listen on every address of the host', words[k]);
  }

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
    // `ngrok tcp 22`, `ngrok tcp --region eu 22`, `ngrok http 9200`: the first operand after the protocol, past its options' values.
    const at = texts.findIndex((text) => text === 'tcp' || text === 'tls' || text === 'http');
    const operands = at === -1 ? [] : normalizeOptions(words.slice(at + 1), {takesValue: ['--region', '--remote-addr', '--authtoken', '--config', '--log', '--log-format', '--log-level', '--domain', '--url', '--hostname', '--subdomain', '--host-header', '--basic-auth', '--oauth', '--cidr-allow', '--cidr-deny', '--proto', '--metadata', '--label', '--traffic-policy-file', '--scheme']}).operands;
    const target = operands.find((word) => word.known);
    const port = target?.known ? portOf(target.value) : undefined;
    return privateTarget(port) ? say(command, [words[at]!, target!], `publishes port ${port} of this host on a public ngrok address: anyone on the internet reaches it`, target) : null;
  }

  const url = normalizeOptions(words, {takesValue: ['--url', '--hostname', '--name', '--config', '--loglevel', '--metrics']}).values.get('--url');
  const port = url?.known ? portOf(url.value) : undefined;
  return texts[0] === 'tunnel' && privateTarget(port) ? say(command, [url!], `publishes port ${port} of this host on a public trycloudflare.com address: anyone on the internet reaches it`, url) : null;
}

// ssh's options that take a value (its getopt string), so a cluster like `-fNR` is read letter by letter.
const sshValueLetters = 'BbcDEeFIiJLlmOopQRSWw';

/** A forward's parts, `[bind:]port:host:hostport`, with a bracketed IPv6 address kept whole. */
const forwardParts = (spec: string): string[] => spec.match(/\[[^\]]*\]|[^:]+|(?<=:)(?=:)|^(?=:)/g) ?? [];

/**
 * ssh forwarding a private port onto every address: `-R 0.0.0.0:8022:localhost:22` on the relay,
 * `-L` here with `-g` or `GatewayPorts=yes`, also as `-o RemoteForward=…`/`LocalForward=…`.
 */
function sshForward(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  const forwards: Array<{remote: boolean; spec: string; word: Word}> = [];
  let gateway = false;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    if (!/^-[a-zA-Z]/.test(text)) continue;
    for (let k = 1; k < text.length; k++) {
      const letter = text[k]!;
      if (letter === 'g') gateway = true;
      if (!sshValueLetters.includes(letter)) continue;
      const value = k + 1 < text.length ? text.slice(k + 1) : (texts[++i] ?? '');
      if (letter === 'R' || letter === 'L') forwards.push({remote: letter === 'R', spec: value, word: words[i]!});
      if (letter === 'o') {
        const option = /^(GatewayPorts|RemoteForward|LocalForward)[= ]+(.*)$/i.exec(value.trim());
        if (option && /^GatewayPorts$/i.test(option[1]!)) gateway ||= /^(?:yes|clientspecified)$/i.test(option[2]!.trim());
        else if (option) forwards.push({remote: /^Remote/i.test(option[1]!), spec: option[2]!.trim().replace(/\s+/, ':'), word: words[i]!});
      }

      break;
    }
  }

  for (const {remote, spec, word} of forwards) {
    const parts = forwardParts(spec);
    const bind = parts.length === 4 ? parts[0]! : undefined;
    const target = parts.at(-1);
    const everywhere = bind !== undefined ? everyAddress.test(bind) : !remote && gateway;
    if (everywhere && privateTarget(target)) {
      return say(command, [word], remote ? `listens on every address of the far host and forwards to ${parts.slice(-2).join(':')}: anyone who reaches it there reaches this side` : `listens on every address of this host and forwards to ${parts.slice(-2).join(':')}: anyone on this host's network reaches it`, word);
    }
  }

  return null;
}

/** The cluster's API or a service forwarded on every address: `kubectl proxy --address=0.0.0.0`, `port-forward --address 0.0.0.0`. */
function kubeForward(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  if (texts.some((text) => text.startsWith('--dry-run') || text === '--help' || text === '-h')) return null;
  // The verb is the first operand, past kubectl's global options and their values (`-n set port-forward …` is port-forward).
  const operands = normalizeOptions(words, {takesValue: ['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '--user', '-s', '--server', '--token', '--as', '--as-group', '--request-timeout', '-l', '--selector', '-p', '--patch', '--type', '--port', '--target-port', '--name', '--address', '--accept-hosts', '--tcp', '-c', '--container', '-o', '--output', '--field-manager', '--patch-file']}).operands.filter((word) => word.known).map((word) => word.value!);
  const verb = operands[0];
  // `kubectl set env deploy/grafana GF_AUTH_ANONYMOUS_ENABLED=true`: a server told to take anyone.
  if (verb === 'set') {
    const open = operands[1] === 'env' ? words.find((word) => word.known && noPassword.test(word.value)) : undefined;
    return open ? say(command, [open], `tells the server to take anyone (${open.value}): no password stands between it and whoever reaches it`, open) : null;
  }

  if (verb === 'proxy' || verb === 'port-forward') {
    const address = optionValue(texts, '--address');
    const open = (address ?? '').split(',').some((one) => one !== '' && !loopback.test(one) && !privateAddress.test(one));
    if (!open) return null;
    const at = words.find((word) => word.value === '--address' || word.value?.startsWith('--address='));
    // The API with this user's credentials; a service, when it is a datastore's or dashboard's (by name or port).
    const target = operands[1] ?? '';
    const ports = operands.slice(2).map((spec) => spec.split(':').at(-1));
    if (verb === 'port-forward' && !privateService.test(target.replace(/^[\w.]+\//, '')) && !ports.some((port) => privateTarget(port))) return null;
    return say(command, [at!], verb === 'proxy' ? "serves the cluster's API on every address with this user's credentials: anyone who reaches the port acts as this user in the cluster" : `forwards ${target} on every address of this host: anyone on its network reaches what the cluster keeps private`, at);
  }

  // A datastore's or a dashboard's service given an outside address: `patch svc postgres -p '{"spec":{"type":"LoadBalancer"}}'`,
  // a JSON patch of /spec/type, `expose … --type=NodePort`, `create service loadbalancer redis`.
  const outside = texts.some((text) => /"?type"?\s*:\s*"?(?:LoadBalancer|NodePort)\b/.test(text) || /"path"\s*:\s*"\/spec\/type"[^}]*"value"\s*:\s*"(?:LoadBalancer|NodePort)"|"value"\s*:\s*"(?:LoadBalancer|NodePort)"[^}]*"path"\s*:\s*"\/spec\/type"/.test(text)) || /^(?:LoadBalancer|NodePort)$/.test(optionValue(texts, '--type') ?? '');
  if (verb === 'create' && /^(?:service|svc)$/.test(operands[1] ?? '') && /^(?:loadbalancer|nodeport)$/.test(operands[2] ?? '')) {
    const name = operands[3];
    return name !== undefined && privateService.test(name) ? say(command, words, `gives ${name} an address outside the cluster: a datastore or dashboard meant for the cluster alone is reachable from outside it`) : null;
  }

  if (!outside || (verb !== 'patch' && verb !== 'expose' && verb !== 'edit')) return null;
  const kinds = /^(?:svc|services?|deploy(?:ment)?s?|statefulsets?|sts|pods?)(?:\/(.+))?$/;
  const kindAt = operands.findIndex((text, i) => i > 0 && kinds.test(text));
  const name = kindAt === -1 ? undefined : (kinds.exec(operands[kindAt]!)?.[1] ?? operands[kindAt + 1]);
  return name !== undefined && privateService.test(name) ? say(command, words, `gives ${name} an address outside the cluster: a datastore or dashboard meant for the cluster alone is reachable from outside it`) : null;
}

/** A Service manifest applied from text guard knows, of type LoadBalancer or NodePort, for a datastore or dashboard. */
function manifestExposed(command: SimpleCommand): Hit | null {
  const texts = args(command).map((word) => word.value ?? '');
  if ((!texts.includes('apply') && !texts.includes('create')) || texts.some((text) => text.startsWith('--dry-run'))) return null;
  const text = fedText(command);
  if (text === undefined) return null;
  for (const document of text.split(/^---\s*$/m)) {
    // `[ \t]*`, not `\s*`: a `\s` after `^` spans blank lines, and the scan grows with their square.
    if (!/^kind:[ \t]*Service[ \t]*$/m.test(document) || !/^[ \t]*type:[ \t]*["']?(?:LoadBalancer|NodePort)["']?[ \t]*$/m.test(document)) continue;
    const name = /^[ \t]*name:[ \t]*["']?([^\s"']+)/m.exec(document)?.[1] ?? '';
    const app = /^[ \t]*(?:app|app\.kubernetes\.io\/name):[ \t]*["']?([^\s"']+)/m.exec(document)?.[1] ?? '';
    if (privateService.test(name) || privateService.test(app)) return {word: 'type', reason: `${command.program.value} applies a ${name || app} Service of type ${/LoadBalancer/.test(document) ? 'LoadBalancer' : 'NodePort'}: a datastore or dashboard meant for the cluster alone is reachable from outside it`};
  }

  return null;
}

/** A server that serves the whole disk or a home folder: `python3 -m http.server --directory ~`, `php -S 0.0.0.0:8080 -t /`. */
function servesEverything(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  const home = command.env.HOME;
  const everything = (given: string | undefined) => {
    if (given === undefined) return false;
    const folder = posix.normalize(given).replace(/(.)\/$/, '$1');
    return folder === '/' || folder === '/etc' || folder === '/root' || /^\/(?:home|Users)\/[^/]+$/.test(folder) || (home !== undefined && folder === home);
  };
  const cwd = command.cwd.known ? (command.cwd.value ?? undefined) : undefined;
  if (command.program.value === 'php') {
    const address = optionValue(texts, '-S')?.replace(/:\d+$/, '');
    const root = optionValue(texts, '-t') ?? cwd;
    return address !== undefined && everything(root) && !loopback.test(address) ? say(command, words, `serves ${root} over HTTP to anyone who reaches the port: keys, passwords and every file readable to this user`) : null;
  }

  const module = texts.indexOf('-m');
  if (module === -1 || texts[module + 1] !== 'http.server') return null;
  const rest = texts.slice(module + 2);
  const served = optionValue(rest, '--directory', '-d') ?? cwd;
  const bind = optionValue(rest, '--bind', '-b');
  return everything(served) && !(bind !== undefined && loopback.test(bind)) ? say(command, words, `serves ${served} over HTTP to anyone who reaches the port: keys, passwords and every file readable to this user`) : null;
}

/** A dev-mode or unauthenticated server on every address: `vault server -dev -dev-listen-address=0.0.0.0:8200`, `memcached -l 0.0.0.0`. */
function openServer(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  if (command.program.value === 'vault') {
    // Vault takes `-flag` and `--flag` alike; the address may come from the environment.
    const listen = optionValue(texts, '-dev-listen-address', '--dev-listen-address') ?? command.env.VAULT_DEV_LISTEN_ADDRESS ?? undefined;
    const dev = texts.some((text) => text === '-dev' || text === '--dev');
    return texts[0] === 'server' && dev && listen !== undefined && listen !== null && !loopback.test(listen.replace(/:\d+$/, '')) ? say(command, words, 'runs Vault in dev mode on every address: unsealed, in memory, with a root token anyone who reaches the port may use') : null;
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
  // `-p 5432:5432`, `-p 0.0.0.0:5432:5432` and `-p [::]:5432:5432` are every address; `-p 127.0.0.1:5432:5432` is not. So are `-P` and the host's network.
  const everywhere = published.some((spec) => {
    const parts = forwardParts(spec);
    return parts.length < 3 || everyAddress.test(parts[0]!);
  });
  const host = texts.includes('-P') || texts.includes('--publish-all') || optionValue(texts, '--network', '--net') === 'host';
  if (!everywhere && !host) return null;
  const open = texts.find((text, i) => (texts[i - 1] === '-e' || texts[i - 1] === '--env') && noPassword.test(text)) ?? texts.find((text) => /^--env=/.test(text) && noPassword.test(text.slice('--env='.length)));
  if (open) return say(command, words, `publishes a server told to take anyone (${open.replace(/^--env=/, '')}) on every address of the host: no password stands between it and whoever reaches the port`);
  const socket = texts.some((text, i) => (texts[i - 1] === '-v' || texts[i - 1] === '--volume') && /^\/var\/run\/docker\.sock:|^\/run\/docker\.sock:/.test(text));
  return socket ? say(command, words, 'publishes a port of a container that holds the Docker socket: whoever reaches the port may drive Docker, root on the host') : null;
}

/** A block device served to the network: `qemu-nbd --bind=0.0.0.0 /dev/vg0/data`, `dd if=/dev/sda | nc -l`. */
function diskServed(command: SimpleCommand, words: Word[]): Hit | null {
  const texts = words.map((word) => word.value ?? '');
  if (command.program.value === 'qemu-nbd') {
    // Without --connect it serves the image over TCP, on every address unless --bind says otherwise.
    if (texts.some((text) => text === '-c' || text.startsWith('--connect') || /^-[a-zA-Z]*c/.test(text))) return null;
    const bind = optionValue(texts, '-b', '--bind') ?? '0.0.0.0';
    const device = words.findLast((word) => word.known && word.value.startsWith('/dev/'));
    return everyAddress.test(bind) && device ? say(command, [device], `serves ${device.value} to anyone who reaches the port, readable and writable, with no password`, device) : null;
  }

  // netcat listening, fed a whole disk: by `dd if=`, `cat`, or its own input.
  const listens = texts.some((text) => /^-[a-zA-Z]*l/.test(text));
  if (!listens) return null;
  const wholeDisk = /^\/dev\/(?:sd|nvme|vd|xvd|hd|mmcblk|md|dm-|mapper\/)/;
  const redirected = command.redirects.find((redirect) => redirect.op === '<' && redirect.target.known && wholeDisk.test(redirect.target.value))?.target.value;
  const upstream = command.piped?.from[0];
  const piped = upstream?.argv.slice(1).find((word) => word.known && (upstream.program.value === 'dd' ? /^if=/.test(word.value) && wholeDisk.test(word.value.slice(3)) : upstream.program.value === 'cat' && wholeDisk.test(word.value)))?.value?.replace(/^if=/, '');
  const disk = redirected ?? piped;
  return disk ? say(command, words, `serves ${disk} to the first one who connects: every file on the disk, unencrypted`) : null;
}

// Where a web server serves files from, as they are: a document root, not an app's folder beside
// it (`/var/www/laravel/.env` sits next to `public/`, and is how such apps are deployed).
const webRoot = /^(?:\/var\/www\/html(?:\/|$)|\/var\/www\/[^/]+\/(?:public|html|htdocs|web|public_html|httpdocs)(?:\/|$)|\/usr\/share\/nginx\/html(?:\/|$)|\/srv\/www\/htdocs(?:\/|$)|\/home\/[^/]+\/public_html(?:\/|$))/;
// What must never be served: keys, environment files, password hashes, database dumps.
const secretSource = /(?:^|\/)(?:\.env(?:\.[\w.-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|[\w.-]+\.(?:pem|key|p12|pfx|kdbx|tfstate)|credentials|\.git-credentials|\.pgpass|\.netrc|g?shadow)$|^\/etc\/ssl\/private(?:\/|$)|\/\.(?:ssh|aws|kube|gnupg)(?:\/|$)/;
const dumpers = new Set(['mysqldump', 'mariadb-dump', 'pg_dump', 'pg_dumpall', 'mongodump']);

/** A secret or a database dump put where the web server serves it: `cp .env /var/www/html/env.txt`, `mysqldump shop > /var/www/html/shop.sql`. */
function servedSecret(command: SimpleCommand, words: Word[]): Hit | null {
  const cwd = command.cwd.known ? command.cwd.value : undefined;
  const absolute = (text: string) => (text.startsWith('/') ? text : cwd ? `${cwd.replace(/\/$/, '')}/${text}` : undefined);
  const name = command.program.value!;
  if (dumpers.has(name)) {
    const file = optionValue(words.map((word) => word.value), '-f', '--file', '--result-file', '-r');
    if (file !== undefined && webRoot.test(absolute(file) ?? '')) return say(command, words, `writes a dump of the database into the web root (${file}): anyone who asks the site for it gets every row`);
    const into = command.redirects.find((redirect) => (redirect.op === '>' || redirect.op === '>>' || redirect.op === '>|') && (redirect.fd === undefined || redirect.fd === 1) && redirect.target.known && webRoot.test(absolute(redirect.target.value) ?? ''));
    return into ? say(command, [into.target], `writes a dump of the database into the web root (${into.target.value}): anyone who asks the site for it gets every row`, into.target) : null;
  }

  const {operands: all, values} = normalizeOptions(words, {takesValue: ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group']});
  // `cp -t DIR FILE…` names the folder first.
  const into = values.get('-t') ?? values.get('--target-directory');
  const operands = [...all.filter((word) => word.known), ...(into?.known ? [into] : [])];
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
    case 'mv':
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
    match: {program: ['redis-cli', 'valkey-cli', 'ngrok', 'cloudflared', 'ssh', 'kubectl', 'oc', 'python', 'python3', 'php', 'vault', 'memcached', 'docker', 'podman', 'nerdctl', 'qemu-nbd', 'nc', 'ncat', 'netcat', 'nc.openbsd', 'nc.traditional', 'cp', 'mv', 'ln', 'install', 'mysqldump', 'mariadb-dump', 'pg_dump', 'pg_dumpall', 'mongodump']},
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
          'python3 -m http.server 8000 --directory "$HOME"', 'python3 -m http.server -d /', 'php -S 0.0.0.0:8080 -t /', 'python3 -m http.server --directory=/', 'cd / && python3 -m http.server 8000', 'python3 -m http.server -d /etc/', 'cd / && php -S 0.0.0.0:8080',
          'vault server -dev -dev-listen-address=0.0.0.0:8200 -dev-root-token-id=root', 'memcached -d -u memcache -l 0.0.0.0 -p 11211',
          'docker run -d --name pg -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16', 'docker run -d -p 2375:2375 -v /var/run/docker.sock:/var/run/docker.sock alpine/socat tcp-listen:2375,fork unix-connect:/var/run/docker.sock',
          'sudo qemu-nbd --bind=0.0.0.0 --port=10809 --persistent /dev/vg0/data', 'sudo dd if=/dev/sda bs=4M | nc -l -p 9000',
          'sudo cp /srv/app/.env /var/www/html/env.txt', 'sudo ln -s /etc/ssl/private /var/www/html/keys', 'mysqldump --single-transaction shop > /var/www/html/shop.sql', 'cp ~/.ssh/id_ed25519 /var/www/html/',
          'ssh -fNR 0.0.0.0:8022:localhost:22 relay', 'ssh -gNL 5432:db:5432 bastion', 'ssh -N -L [::]:5432:db.internal:5432 bastion', 'ssh -N -o RemoteForward="0.0.0.0:8022 localhost:22" relay',
          'ngrok tcp --region eu 22', 'ngrok http 2375', 'vault server -dev --dev-listen-address=0.0.0.0:8200', 'VAULT_DEV_LISTEN_ADDRESS=0.0.0.0:8200 vault server -dev', 'qemu-nbd --port=10809 --persistent /dev/vg0/data', 'nc -l -p 9000 < /dev/sda', 'cat /dev/sda | nc -l -p 9000',
          'mv .env /var/www/html/env.txt', 'cp -t /var/www/html /srv/app/.env', 'pg_dump shop -f /var/www/html/shop.sql', 'redis-cli CONFIG SET maxmemory 2gb protected-mode no', 'redis-cli ACL SETUSER default on nopass',
          'docker run -d -P -e POSTGRES_HOST_AUTH_METHOD=trust postgres', 'docker run -d --network host -e POSTGRES_HOST_AUTH_METHOD=trust postgres', 'docker run -d -p [::]:5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres',
          'kubectl create service loadbalancer redis --tcp=6379:6379', `kubectl -n data patch svc postgres --type=json -p '[{"op":"replace","path":"/spec/type","value":"LoadBalancer"}]'`, 'kubectl -n set port-forward --address 0.0.0.0 svc/postgres 5432:5432',
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
          'qemu-nbd --bind=127.0.0.1 --port=10809 ./disk.qcow2', 'sudo qemu-nbd -c /dev/nbd0 ./disk.qcow2', 'cp .env.production /var/www/laravel/.env', 'ln -s /srv/shared/.env /var/www/app/releases/42/.env',
          'python3 -m http.server --bind=127.0.0.1 -d /', 'ssh -N -L 0.0.0.0:8888:localhost:8888 gpu-box', 'kubectl port-forward --address 192.168.1.10 svc/grafana 3000:80', 'kubectl port-forward --address 0.0.0.0 svc/frontend 8080:80',
          'ngrok tcp --region eu 3000', 'kubectl create service clusterip redis --tcp=6379:6379', 'cp ./dist/app.js /var/www/html/', 'cp /srv/app/.env /srv/app/.env.bak', 'mysqldump shop > /var/backups/shop.sql', 'ln -s /srv/app/current/public /var/www/html/app', 'cp ./certs/site.pem.pub /var/www/html/', 'dd if=./disk.img bs=4M | nc -l -p 9000', 'nc -l -p 9000 > ./received.img',
        ],
      };
    },
  },
];
