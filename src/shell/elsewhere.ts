// Commands that run on another host or in a container: ssh and the fleet tools, docker and
// podman, kubectl. What runs there is judged as if it ran here (a careful operator refuses
// `rm -rf /` on prod as firmly as on their laptop), and the command records where it runs, so
// the refusal says so (`on prod-db`, `in container db`). The standard input travels with it:
// `ssh HOST 'bash -s' <<EOF` runs the heredoc there, `docker exec -i db psql < reset.sql` feeds
// the file to psql.
import {posix} from 'node:path';
import {codeFromWords} from './code.js';
import {knownText} from './expand.js';
import {type Launcher, readScriptFromStdin, runChild, runCodeString, runWords} from './handoff.js';
import {type OptionSpec, scanOptions} from './options.js';
import {ShellState, type Value, known, unknown} from './state.js';
import type {Word} from './types.js';
import {type Volume, onHost} from './volumes.js';
import {literalWord, splitString} from './wrappers.js';
import type {Launched} from './launched.js';
import type {Session} from './session-port.js';

const shown = (word: Word) => word.value ?? word.raw;

/** A shell on another host: its variables and folder are that host's, not these. */
function remoteState(launched: Launched, where: string): ShellState {
  const state = ShellState.fromEnv({}, launched.raw.state.home, undefined, unknown(`the remote user's home folder ${where}`), 'positional parameters of the remote shell are not known');
  state.taint = `is set ${where}`;
  return state;
}

const sshSpec: OptionSpec = {takesValue: [...'BbcDEeFIiJLlmOoPpQRSWw'].map((letter) => `-${letter}`), stopAtOperand: true};

/** `-o Name=value` / `-o 'Name value'` / `-oName=value`, as ssh reads them: names are case-insensitive. */
function sshOptions(words: Word[]): Map<string, Word> {
  const found = new Map<string, Word>();
  for (let i = 0; i < words.length; i++) {
    const text = words[i]!.value;
    if (text === null || !text.startsWith('-o')) continue;
    const setting = text === '-o' ? words[++i] : {...words[i]!, value: text.slice(2)} as Word;
    if (!setting?.known) continue;
    const match = /^\s*([A-Za-z]+)\s*[=\s]\s*([\s\S]*)$/.exec(setting.value);
    if (match && !found.has(match[1]!.toLowerCase())) found.set(match[1]!.toLowerCase(), {value: match[2]!, known: true, raw: setting.raw});
  }

  return found;
}

/** ProxyCommand, LocalCommand and KnownHostsCommand run here, through the user's shell. */
function localCommands(launched: Launched, session: Session, settings: Map<string, Word>, program: string): void {
  for (const name of ['proxycommand', 'knownhostscommand', 'localcommand']) {
    const value = settings.get(name);
    if (value?.known && value.value !== 'none') runCodeString(launched, session, codeFromWords([value]), `${program} -o ${name}`);
  }
}

function runSsh(launched: Launched, session: Session): void {
  const words = launched.words;
  const {options, firstOperand} = scanOptions(words.slice(1), sshSpec);
  const settings = sshOptions(words.slice(1, 1 + firstOperand));
  localCommands(launched, session, settings, 'ssh');
  const [host, ...after] = words.slice(1 + firstOperand);
  // ssh reads options after the destination too (`ssh web1 -p 2222 CMD`, `ssh web1 -- CMD`).
  const again = scanOptions(after, sshSpec);
  const command = after.slice(again.firstOperand);
  for (const flag of again.options.flags) options.flags.add(flag);
  if (!host || options.flags.has('-N') || options.flags.has('-s') || options.flags.has('-G') || options.flags.has('-O')) return;
  const where = `on ${shown(host).replace(/^ssh:\/\//, '')}`;
  const remote = settings.get('remotecommand');
  const code = command.length > 0 ? command : remote ? [remote] : [];
  const state = remoteState(launched, where);
  if (code.length > 0) runWords(launched, session, code, `ssh ${shown(host)}`, {where, input: true, state});
  // With no command, the remote login shell reads its commands on standard input.
  else readScriptFromStdin({...launched, command: {...launched.command, where}}, state, session, `ssh ${shown(host)}`);
}

const adbGlobal: OptionSpec = {takesValue: ['-s', '-t', '-H', '-P', '-L'], stopAtOperand: true};

/** adb shell CMD (or exec-out CMD): the command runs on the Android device, by its own sh; with none, that shell reads its input. */
function runAdb(launched: Launched, session: Session): void {
  const words = launched.words;
  const {firstOperand} = scanOptions(words.slice(1), adbGlobal);
  const rest = words.slice(1 + firstOperand);
  if (rest[0]?.value !== 'shell' && rest[0]?.value !== 'exec-out') return;
  const {firstOperand: start} = scanOptions(rest.slice(1), {takesValue: ['-e'], stopAtOperand: true});
  const command = rest.slice(1 + start);
  const where = 'on the Android device';
  const state = remoteState(launched, where);
  if (command.length > 0) runWords(launched, session, command, 'adb shell', {where, input: true, state});
  else readScriptFromStdin({...launched, command: {...launched.command, where}}, state, session, 'adb shell');
}

/** scp and sftp: -o ProxyCommand runs here, and -S PROGRAM replaces ssh. */
function runCopy(launched: Launched, session: Session): void {
  const words = launched.words;
  const program = launched.command.program.value!;
  localCommands(launched, session, sshOptions(words.slice(1)), program);
  const {options} = scanOptions(words.slice(1), {takesValue: ['-c', '-D', '-F', '-i', '-J', '-l', '-o', '-P', '-S', '-X', '-b', '-B', '-R', '-s']});
  const replacement = options.values.get('-S') ?? (program === 'sftp' ? options.values.get('-D') : undefined);
  if (replacement) runWords(launched, session, [replacement], `${program} -S`);
}

function runMosh(launched: Launched, session: Session): void {
  const words = launched.words;
  const {options, firstOperand} = scanOptions(words.slice(1), {takesValue: ['-p', '--port', '--client', '--server', '--ssh', '--predict', '--family', '--bind-server', '--experimental-remote-ip'], long: ['client', 'server', 'ssh', 'predict', 'family', 'port', 'bind-server', 'no-init', 'local', 'experimental-remote-ip', 'no-ssh-pty'], stopAtOperand: true});
  const ssh = options.values.get('--ssh');
  if (ssh) runCodeString(launched, session, codeFromWords([ssh]), 'mosh --ssh');
  const [host, ...command] = words.slice(1 + firstOperand);
  if (!host || command.length === 0) return;
  const where = `on ${shown(host)}`;
  runChild(launched, session, command[0]?.value === '--' ? command.slice(1) : command, `mosh ${shown(host)}`, {where, cwd: unknown(`the remote user's home folder ${where}`)});
}

/** `ray exec CLUSTER.yaml CMD`: the command runs in a shell on the cluster's head node. */
function runRay(launched: Launched, session: Session): void {
  const words = launched.words;
  if (words[1]?.value !== 'exec') return;
  const {options} = scanOptions(words.slice(2), {takesValue: ['-n', '--cluster-name', '--run-env', '-p', '--port-forward', '--docker', '--log-style', '--log-color']});
  const [cluster, command] = options.operands;
  if (!cluster || !command) return;
  const where = `on the head node of ${shown(cluster)}`;
  runCodeString(launched, session, codeFromWords([command]), 'ray exec', {where, state: remoteState(launched, where)});
}

// docker/podman/nerdctl run and create: the options that take a value (the rest are flags).
const containerValues = [
  '--add-host', '--annotation', '-a', '--attach', '--blkio-weight', '--blkio-weight-device', '--cap-add', '--cap-drop', '--cgroup-parent', '--cgroupns', '--cidfile', '--cpu-count', '--cpu-percent', '--cpu-period', '--cpu-quota',
  '--cpu-rt-period', '--cpu-rt-runtime', '-c', '--cpu-shares', '--cpus', '--cpuset-cpus', '--cpuset-mems', '--device', '--device-cgroup-rule', '--device-read-bps', '--device-read-iops', '--device-write-bps', '--device-write-iops',
  '--dns', '--dns-option', '--dns-opt', '--dns-search', '--domainname', '--entrypoint', '-e', '--env', '--env-file', '--expose', '--gpus', '--group-add', '--health-cmd', '--health-interval', '--health-retries',
  '--health-start-period', '--health-start-interval', '--health-timeout', '-h', '--hostname', '--ip', '--ip6', '--ipc', '--isolation', '--kernel-memory', '-l', '--label', '--label-file', '--link', '--link-local-ip', '--log-driver', '--log-opt',
  '--mac-address', '-m', '--memory', '--memory-reservation', '--memory-swap', '--memory-swappiness', '--mount', '--name', '--network', '--net', '--network-alias', '--oom-score-adj', '--pid', '--pids-limit', '--platform',
  '-p', '--publish', '--pull', '--restart', '--runtime', '--security-opt', '--shm-size', '--stop-signal', '--stop-timeout', '--storage-opt', '--sysctl', '--tmpfs', '--ulimit', '-u', '--user', '--userns', '--uts', '-v', '--volume',
  '--volume-driver', '--volumes-from', '-w', '--workdir', '--detach-keys', '--pod', '--arch', '--os', '--variant', '--secret', '--passwd-entry', '--group-entry', '--personality', '--preserve-fds', '--sdnotify',
  '--seccomp-policy', '--subgidname', '--subuidname', '--systemd', '--timeout', '--tz', '--uidmap', '--gidmap', '--umask', '--unsetenv', '--chrootdirs', '--conmon-pidfile', '--hostuser', '--init-path', '--pidfile',
  '--requires', '--cgroups', '--cgroup-conf', '--image-volume', '--decryption-key', '--authfile', '--cert-dir', '--creds', '--init-ctr', '--infra-name', '--rdt-class', '--retry', '--retry-delay', '--shm-size-systemd', '--stop-timeout',
];

const execValues = ['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys', '--preserve-fds', '--preserve-fd'];
const dockerGlobal: OptionSpec = {takesValue: ['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '--url', '--connection', '--root', '--runroot', '--storage-driver', '--storage-opt', '--cgroup-manager', '--namespace', '-n', '--address', '-a', '--identity', '--module', '--network-cmd-path', '--events-backend', '--hooks-dir', '--runtime', '--tmpdir', '--volumepath', '--imagestore', '--ssh', '--data-root', '--cni-path', '--cni-netconfpath', '--snapshotter', '--hosts-dir'], stopAtOperand: true};
const composeGlobal: OptionSpec = {takesValue: ['-f', '--file', '-p', '--project-name', '--project-directory', '--profile', '--env-file', '--ansi', '--parallel', '--progress', '-c', '--context', '-H', '--host'], stopAtOperand: true};
const composeValues = ['-e', '--env', '-u', '--user', '-w', '--workdir', '--index', '--entrypoint', '-l', '--label', '--name', '-p', '--publish', '-v', '--volume', '--cap-add', '--cap-drop', '--pull'];

/** `-v HOST:CONTAINER`, `--mount type=bind,source=HOST,target=CONTAINER`: container folders that are host folders. */
function volumesOf(given: Array<{name: string; value?: Word}>, cwd: Value): Volume[] {
  const volumes: Volume[] = [];
  for (const {name, value} of given) {
    if (!value?.known) continue;
    let host: string | undefined;
    let inside: string | undefined;
    if (name === '-v' || name === '--volume') [host, inside] = value.value.split(':');
    else if (name === '--mount') {
      const fields = Object.fromEntries(value.value.split(',').map((field) => field.split('=') as [string, string]));
      host = fields.source ?? fields.src;
      inside = fields.target ?? fields.destination ?? fields.dst;
    }

    if (!host || !inside?.startsWith('/') || !/^[./~]/.test(host)) continue;
    const resolved = host.startsWith('/') ? host : cwd.known ? posix.resolve(cwd.value, host) : undefined;
    if (resolved) volumes.push({host: posix.normalize(resolved), inside: posix.normalize(inside)});
  }

  return volumes;
}

interface Container {
  where: string;
  command: Word[];
  /** The tool the image's entrypoint runs with the words given (`flyway/flyway`): they are judged as its words too. */
  tool?: string;
  given: Array<{name: string; value?: Word}>;
  cwd: Value;
  env: Map<string, Value>;
}

/** The environment inside: as here (judged as if here), with what `-e NAME=VALUE` sets. */
function containerEnv(launched: Launched, given: Array<{name: string; value?: Word}>): Map<string, Value> {
  const env = new Map(launched.env);
  for (const {name, value} of given) {
    if ((name !== '-e' && name !== '--env') || !value?.known) continue;
    const match = /^([^=]+)=([\s\S]*)$/.exec(value.value);
    if (match) env.set(match[1]!, known(match[2]!));
  }

  return env;
}

function runContainer(launched: Launched, session: Session, container: Container, via: string): void {
  const volumes = volumesOf(container.given, launched.cwd);
  const workdir = container.given.findLast(({name}) => name === '-w' || name === '--workdir')?.value;
  const cwd = workdir?.known && workdir.value.startsWith('/') ? known(onHost(workdir.value, volumes)) : container.cwd;
  const options = {where: container.where, cwd, env: container.env, ...(volumes.length > 0 ? {volumes} : {})};
  // An entrypoint may run the words as a command of their own, or hand them to its tool: both are judged.
  if (container.command.length > 0) runChild(launched, session, container.command, via, options);
  if (container.tool && container.command.length > 0) runChild(launched, session, [literalWord(container.tool), ...container.command], via, options);
}

/** Images whose entrypoint is the tool they are named for: their words are that tool's (`docker run flyway/flyway … clean`). */
const toolImages: Record<string, string> = {
  'flyway/flyway': 'flyway', 'redgate/flyway': 'flyway', 'liquibase/liquibase': 'liquibase', liquibase: 'liquibase', 'migrate/migrate': 'migrate', 'arigaio/atlas': 'atlas', 'sqitch/sqitch': 'sqitch',
  'amazon/aws-cli': 'aws', 'hashicorp/terraform': 'terraform', 'bitnami/kubectl': 'kubectl', 'rclone/rclone': 'rclone', 'minio/mc': 'mc', 'restic/restic': 'restic', 'kopia/kopia': 'kopia',
};

/** The tool an image runs, by its name without a registry, a tag or a digest. */
function toolImage(image: Word): string | undefined {
  if (!image.known) return undefined;
  const digest = image.value.indexOf('@');
  let name = digest === -1 ? image.value : image.value.slice(0, digest);
  // A tag follows the last colon after the last slash (a registry's port comes before it).
  const tag = name.lastIndexOf(':');
  if (tag > name.lastIndexOf('/')) name = name.slice(0, tag);
  name = name.replace(/^(?:docker\.io\/|index\.docker\.io\/|public\.ecr\.aws\/|registry\.hub\.docker\.com\/)/, '').replace(/^library\//, '');
  return Object.hasOwn(toolImages, name) ? toolImages[name] : undefined;
}

/** docker/podman/nerdctl [global options] run|exec|container run|compose exec …: the command it runs inside. */
function containerCommand(launched: Launched): Container | undefined {
  const words = launched.words;
  const program = launched.command.program.value!;
  let {rest} = global(words, program.endsWith('compose') ? composeGlobal : dockerGlobal);
  if (rest[0]?.value === 'container') rest = rest.slice(1);
  let compose = program.endsWith('compose');
  if (rest[0]?.value === 'compose') {
    compose = true;
    rest = global(rest, composeGlobal).rest;
  }

  const sub = rest[0]?.value;
  if (sub !== 'run' && sub !== 'exec' && sub !== 'create') return undefined;
  const spec: OptionSpec = {takesValue: compose ? composeValues : sub === 'exec' ? execValues : containerValues, stopAtOperand: true};
  const {options, firstOperand, given} = scanOptions(rest.slice(1), spec);
  const [target, ...command] = rest.slice(1 + firstOperand);
  if (!target) return undefined;
  const entrypoint = options.values.get('--entrypoint');
  const tool = !entrypoint && !compose && sub !== 'exec' ? toolImage(target) : undefined;
  const full = entrypoint ? [...(compose ? splitString(entrypoint.value ?? '') : [entrypoint]), ...command] : command;
  const where = sub === 'exec' ? `in ${compose ? 'service' : 'container'} ${shown(target)}` : `in a container of ${shown(target)}`;
  return {where, command: full, given, cwd: unknown(`the working folder ${where}`), env: containerEnv(launched, given), ...(tool ? {tool} : {})};
}

function global(words: Word[], spec: OptionSpec): {rest: Word[]} {
  const {firstOperand} = scanOptions(words.slice(1), spec);
  return {rest: words.slice(1 + firstOperand)};
}

function runDocker(launched: Launched, session: Session): void {
  const container = containerCommand(launched);
  if (container) runContainer(launched, session, container, `${launched.command.program.value} ${container.where.startsWith('in a') ? 'run' : 'exec'}`);
}

const kubeGlobal: OptionSpec = {takesValue: ['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token', '--as', '--as-group', '--as-uid', '--request-timeout', '-v', '--v', '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name', '--cache-dir', '--profile', '--profile-output'], stopAtOperand: true};

/** kubectl/oc exec POD [-c C] -- CMD, run NAME --image=I -- CMD, debug POD --image=I -- CMD, oc rsh POD CMD. */
function runKubectl(launched: Launched, session: Session): void {
  const words = launched.words;
  const {firstOperand, options: globals} = scanOptions(words.slice(1), kubeGlobal);
  const rest = words.slice(1 + firstOperand);
  const sub = rest[0]?.value;
  if (sub !== 'exec' && sub !== 'run' && sub !== 'debug' && sub !== 'rsh') return;
  const dashes = rest.findIndex((word) => word.value === '--');
  const own = dashes === -1 ? rest.slice(1) : rest.slice(1, dashes);
  const {options} = scanOptions(own, {takesValue: ['-c', '--container', '-f', '--filename', '--pod-running-timeout', '-n', '--namespace', '--image', '--env', '--labels', '-l', '--overrides', '--port', '--restart', '--target', '--profile', '--copy-to', '--image-pull-policy', '--serviceaccount', '--timeout', '--custom']});
  const operands = options.operands;
  const pod = operands[0];
  if (!pod) return;
  // Without `--`, `kubectl exec POD CMD` (an older form) and `oc rsh POD CMD` take the words after the pod.
  const command = dashes !== -1 ? rest.slice(dashes + 1) : sub === 'exec' || sub === 'rsh' ? operands.slice(1) : [];
  const namespace = options.values.get('-n') ?? options.values.get('--namespace') ?? globals.values.get('-n') ?? globals.values.get('--namespace');
  const where = `in pod ${shown(pod)}${namespace ? ` (namespace ${shown(namespace)})` : ''}`;
  if (command.length > 0) runChild(launched, session, command, `${launched.command.program.value} ${sub}`, {where, cwd: unknown(`the working folder ${where}`)});
}

/** lxc/incus exec NAME [opts] -- CMD, lxc-attach -n NAME -- CMD, machinectl shell NAME CMD, crictl exec CID CMD, ctr tasks exec --exec-id ID NAME CMD, pct exec ID -- CMD, qm guest exec ID -- CMD. */
function runSystemContainer(launched: Launched, session: Session): void {
  const words = launched.words;
  const program = launched.command.program.value!;
  const dashes = words.findIndex((word) => word.value === '--');
  let name: Word | undefined;
  let command: Word[] = [];
  if (program === 'pct' || program === 'qm') {
    // Proxmox: `pct exec ID -- CMD` in a container, `qm guest exec ID [--timeout N] -- CMD` in a VM through its agent.
    const at = program === 'pct' ? 1 : words[1]?.value === 'guest' ? 2 : -1;
    if (at === -1 || words[at]?.value !== 'exec' || dashes === -1) return;
    name = words.slice(at + 1, dashes).find((word, i, all) => !(word.value ?? '').startsWith('-') && !/^--/.test(all[i - 1]?.value ?? ''));
    command = words.slice(dashes + 1);
    if (!name || command.length === 0) return;
    const where = `in ${program === 'pct' ? 'container' : 'VM'} ${shown(name)}`;
    runChild(launched, session, command, `${program}${at === 2 ? ' guest' : ''} exec ${shown(name)}`, {where, cwd: unknown(`the working folder ${where}`)});
    return;
  }

  if (program === 'lxc-attach') {
    const {options} = scanOptions(words.slice(1, dashes === -1 ? undefined : dashes), {takesValue: ['-n', '--name', '-a', '--arch', '-e', '-s', '--namespaces', '-R', '-L', '--pty-log', '-v', '--set-var', '-u', '--uid', '-g', '--gid', '--context', '-P', '--lxcpath', '-f', '--rcfile', '-o', '--logfile', '-l', '--logpriority']});
    name = options.values.get('-n') ?? options.values.get('--name');
    command = dashes === -1 ? [] : words.slice(dashes + 1);
  } else {
    const sub = program === 'machinectl' ? 'shell' : 'exec';
    // containerd's `ctr [-n NS] tasks exec --exec-id ID CONTAINER CMD`.
    const at = words.findIndex((word, i) => i > 0 && word.value === sub && (program !== 'ctr' || /^(?:tasks|task|t)$/.test(words[i - 1]?.value ?? '')));
    if (at === -1) return;
    // crictl's and ctr's -t is a terminal, not a timeout.
    const takesValue = ['--env', '--cwd', '--user', '--group', '--mode', '-E', '--setenv', '--uid', '--timeout', '--exec-id', '--fifo-dir', ...(program === 'crictl' || program === 'ctr' ? [] : ['-t'])];
    const {options, firstOperand} = scanOptions(words.slice(at + 1, dashes === -1 ? undefined : dashes), {takesValue, stopAtOperand: program !== 'lxc' && program !== 'incus'});
    const operands = dashes === -1 ? words.slice(at + 1 + firstOperand) : options.operands;
    name = operands[0];
    command = dashes === -1 ? operands.slice(1) : words.slice(dashes + 1);
  }

  if (!name || command.length === 0) return;
  const where = `in container ${shown(name).replace(/^[^@]*@/, '')}`;
  runChild(launched, session, command, `${program} ${shown(name)}`, {where, cwd: unknown(`the working folder ${where}`)});
}

/** ansible PATTERN -a ARGS [-m command|shell|raw]; pdsh -w HOSTS CMD; clush -w HOSTS CMD; pssh -H HOST CMD; salt TARGET cmd.run CMD; knife ssh QUERY CMD. */
function runFleet(launched: Launched, session: Session): void {
  const words = launched.words;
  const program = launched.command.program.value!;
  if (program === 'ansible') {
    const {options} = scanOptions(words.slice(1), {takesValue: ['-m', '--module-name', '-a', '--args', '-i', '--inventory', '-u', '--user', '--become-user', '--become-method', '-e', '--extra-vars', '-f', '--forks', '-l', '--limit', '-T', '--timeout', '-B', '--background', '-P', '--poll', '-M', '--module-path', '-t', '--tree', '--private-key', '--key-file', '-c', '--connection', '--vault-password-file', '--vault-id', '--ssh-common-args', '--ssh-extra-args', '--scp-extra-args', '--sftp-extra-args', '--playbook-dir', '--task-timeout']});
    const module = (options.values.get('-m') ?? options.values.get('--module-name'))?.value ?? 'command';
    const args = options.values.get('-a') ?? options.values.get('--args');
    const pattern = options.operands[0];
    // Check mode changes nothing: a module that cannot predict its change (command, shell, raw) is skipped.
    if (options.flags.has('--check') || options.flags.has('-C')) return;
    // reboot is the one module that does harm with no arguments.
    if (!args && !/(?:^|\.)reboot$/.test(module)) return;
    const where = `on ${pattern ? shown(pattern) : 'the inventory'}`;
    // A collection's module by its full name (ansible.builtin.file, ansible.posix.authorized_key).
    const short = module.split('.').at(-1)!;
    if (['command', 'shell', 'raw', 'win_shell'].includes(short)) {
      if (args) runCodeString(launched, session, codeFromWords([args]), `ansible ${module}`, {where, state: remoteState(launched, where)});
    } else for (const command of moduleCommands(short, moduleArgs(args ? knownText(args) : ''))) runWords(launched, session, command.map(translated(args ? [args] : [])), `ansible ${module}`, {where, state: remoteState(launched, where)});
    return;
  }

  if (program === 'knife') {
    // knife ssh QUERY COMMAND: the command, on every node the search finds.
    if (words[1]?.value !== 'ssh') return;
    const takesValue = ['-x', '--ssh-user', '-P', '--ssh-password', '-p', '--ssh-port', '-i', '--ssh-identity-file', '-a', '--attribute', '-C', '--concurrency', '-G', '--ssh-gateway', '--ssh-gateway-identity', '-u', '--user', '-k', '--key', '-s', '--server-url', '-c', '--config', '-E', '--environment', '--prefix-attribute', '--exit-on-error', '--duplicated-fqdns', '--tmux-split', '--ssh-timeout'];
    const {options: {operands}} = scanOptions(words.slice(2), {takesValue, stopAtOperand: false});
    const [query, command] = operands;
    if (!query || !command) return;
    const where = `on the nodes of ${shown(query)}`;
    runCodeString(launched, session, codeFromWords([command]), 'knife ssh', {where, state: remoteState(launched, where)});
    return;
  }

  if (program === 'salt' || program === 'salt-ssh') {
    // -G, -E, -L, -C, -N say how to read the target, the first operand; they take no value.
    const takesValue = [
      '-t', '--timeout', '-b', '--batch', '--batch-size', '--batch-wait', '-l', '--log-level', '--log-file', '--log-file-level', '-a', '--auth', '--eauth', '--external-auth',
      '--out', '--output', '--out-indent', '--output-indent', '--out-file', '--output-file', '-c', '--config-dir', '--roster', '--roster-file', '--priv', '--user', '--passwd',
      '--return', '--return_config', '--return_kwargs', '--subset', '--state-output', '--state_output', '--state-verbose', '--module-executors', '--executor-opts', '--delimiter',
    ];
    const {options: {operands}} = scanOptions(words.slice(1), {takesValue, stopAtOperand: false});
    const [target, fn, ...args] = operands;
    if (!target || !fn?.known) return;
    const where = `on ${shown(target)}`;
    if (/^cmd\.(?:run|shell|run_all|run_stdout|script)$/.test(fn.value)) {
      if (args[0]) runCodeString(launched, session, codeFromWords([args[0]]), `salt ${fn.value}`, {where, state: remoteState(launched, where)});
    } else {
      for (const command of saltCommands(fn.value, args.map(knownText))) runWords(launched, session, command.map(translated(args)), `salt ${fn.value}`, {where, state: remoteState(launched, where)});
    }

    return;
  }

  // xCAT's xdsh and psh, Warewulf's `wwctl ssh`: NODERANGE, then the command, on every node of it
  // (xdsh's options may follow the noderange: `xdsh compute -l root 'cmd'`).
  if (program === 'xdsh' || program === 'psh' || program === 'wwctl') {
    const from = program === 'wwctl' ? 2 : 1;
    if (program === 'wwctl' && words[1]?.value !== 'ssh') return;
    const {options: {operands}} = scanOptions(words.slice(from), {takesValue: ['-l', '--user', '-f', '--fanout', '-t', '--timeout', '-e', '-E', '--environment', '-i', '-o', '--node-options', '-C', '--context', '--devicetype', '-r', '--remoteshell', '-s'], stopAtOperand: program !== 'xdsh'});
    const [nodes, ...command] = operands;
    if (!nodes || command.length === 0) return;
    const where = `on the nodes ${shown(nodes)}`;
    if (command.length === 1) runCodeString(launched, session, codeFromWords(command), `${program} ${shown(nodes)}`, {where, state: remoteState(launched, where)});
    else runWords(launched, session, command, `${program} ${shown(nodes)}`, {where, state: remoteState(launched, where)});
    return;
  }

  // clush -b and pdsh -b are flags (gather the output; batch mode).
  const spec: OptionSpec = {takesValue: ['-w', '-x', '-g', '-X', '-R', '-l', '-t', '-u', '-f', '-H', '-h', '-p', '-o', '-e', '-O', '-P', '--hosts', '--host', '--user', '--timeout', '--par', '--outdir', '--errdir', '--extra-args', '--options', '--groupbase', '--fanout', '--nodes', '--exclude', '--group', '--pick'], stopAtOperand: true};
  const {options, firstOperand} = scanOptions(words.slice(1), spec);
  const command = words.slice(1 + firstOperand);
  if (command.length === 0) return;
  const hosts = options.values.get('-w') ?? options.values.get('-H') ?? options.values.get('--host') ?? options.values.get('-h') ?? options.values.get('--hosts') ?? options.values.get('-g');
  const where = `on ${hosts ? shown(hosts) : options.flags.has('-a') ? 'every node' : 'the listed hosts'}`;
  runWords(launched, session, command, `${program} ${hosts ? shown(hosts) : ''}`.trim(), {where, state: remoteState(launched, where)});
}

/** The words of a translated command: unknown where the text they came from (`from`) was. */
const translated = (from: Word[]) => (text: string): Word => {
  if (!text.includes('…')) return literalWord(text);
  const source = from.find((word) => !word.known)?.raw ?? text;
  return {value: null, known: false, raw: source, why: `it comes from ${source}, which is only known when it runs`};
};

/** An ansible module's arguments, `key=value` (quotes taken off) or JSON. */
function moduleArgs(text: string): Map<string, string> {
  const args = new Map<string, string>();
  if (text.trimStart().startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object') for (const [key, value] of Object.entries(parsed)) args.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    } catch {}
    return args;
  }

  for (const match of text.matchAll(/([\w-]+)=("(?:\\.|[^"\\])*"|'[^']*'|\S*)/g)) {
    const value = match[2]!;
    args.set(match[1]!, /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value);
  }

  return args;
}

const yes = (value: string | undefined) => value !== undefined && /^(?:yes|true|on|1)$/i.test(value);
const no = (value: string | undefined) => value !== undefined && /^(?:no|false|off|0)$/i.test(value);
const managers: Record<string, string[]> = {apt: ['apt-get', 'remove', '-y'], yum: ['yum', 'remove', '-y'], dnf: ['dnf', 'remove', '-y'], package: ['apt-get', 'remove', '-y'], zypper: ['zypper', 'remove', '-y'], apk: ['apk', 'del']};

/**
 * The commands an ansible module's destructive states amount to on each host: a path made
 * absent is `rm -rf`, a service stopped, disabled or masked is `systemctl`, a user or a package
 * absent is its removal (a user's groups and password are usermod's), authorized_key with
 * exclusive=yes rewrites the user's authorized_keys, reboot reboots, a filesystem forced is
 * mkfs, a partition or a database made absent is parted rm, dropdb or DROP DATABASE.
 * What configuration management is for (copying files, templates, restarts, keys added) is not
 * translated, and passes as ansible's.
 */
function moduleCommands(module: string, args: Map<string, string>): string[][] {
  const absent = args.get('state') === 'absent';
  switch (module) {
    case 'file': {
      const path = args.get('path') ?? args.get('dest') ?? args.get('name');
      return absent && path ? [['rm', '-rf', '--', path]] : [];
    }

    case 'service':
    case 'systemd':
    case 'systemd_service':
    case 'sysvinit': {
      const name = args.get('name');
      if (!name) return [];
      const commands: string[][] = [];
      if (args.get('state') === 'stopped') commands.push(['systemctl', 'stop', name]);
      if (no(args.get('enabled'))) commands.push(['systemctl', 'disable', name]);
      if (yes(args.get('masked'))) commands.push(['systemctl', 'mask', name]);
      return commands;
    }

    case 'user': {
      const name = args.get('name');
      if (!name) return [];
      if (absent) return [['userdel', ...(yes(args.get('remove')) ? ['-r'] : []), ...(yes(args.get('force')) ? ['-f'] : []), name]];
      // The groups it puts the account in, and the password hash it sets, as usermod would.
      const commands: string[][] = [];
      const groups = args.get('groups');
      if (groups) commands.push(['usermod', yes(args.get('append')) ? '-aG' : '-G', groups, name]);
      const password = args.get('password');
      if (password) commands.push(['usermod', '-p', password, name]);
      return commands;
    }

    case 'reboot':
      return [['reboot']];

    case 'filesystem': {
      // Without force the module formats only a device that holds no filesystem yet.
      const device = args.get('dev');
      if (!device) return [];
      if (absent) return [['wipefs', '-a', device]];
      return yes(args.get('force')) ? [[`mkfs.${args.get('fstype') ?? 'ext4'}`, device]] : [];
    }

    case 'parted': {
      const device = args.get('device');
      const number = args.get('number');
      return absent && device && number ? [['parted', '-s', device, 'rm', number]] : [];
    }

    case 'postgresql_db': {
      const name = args.get('name') ?? args.get('db');
      return absent && name ? [['dropdb', name]] : [];
    }

    case 'mysql_db': {
      const name = args.get('name') ?? args.get('db');
      return absent && name ? [['mysql', '-e', `DROP DATABASE ${name}`]] : [];
    }

    case 'authorized_key': {
      const user = args.get('user');
      if (!user || !yes(args.get('exclusive'))) return [];
      return [['tee', `${user === 'root' ? '/root' : `/home/${user}`}/.ssh/authorized_keys`]];
    }

    default: {
      const remove = managers[module];
      const names = (args.get('name') ?? args.get('pkg'))?.split(',').filter(Boolean) ?? [];
      if (!remove || !absent || names.length === 0) return [];
      return [[...remove, ...(module === 'apt' && yes(args.get('purge')) ? ['--purge'] : []), ...names]];
    }
  }
}

/** The commands a salt execution function amounts to on each minion (cmd.run is read as code). */
function saltCommands(fn: string, args: string[]): string[][] {
  // Positional or as a keyword: file.remove /etc, file.remove path=/etc, service.stop name=sshd.
  const operands = args.flatMap((arg) => (!/^\w+=/.test(arg) ? [arg] : /^(?:path|name|pkgs?)=/.test(arg) ? [arg.slice(arg.indexOf('=') + 1)] : []));
  const remove = args.some((arg) => /^(?:remove|purge)=(?:true|yes|1)$/i.test(arg));
  const verb = /^service\.(stop|disable|mask|dead)$/.exec(fn)?.[1];
  if (verb) return operands.map((name) => ['systemctl', verb === 'dead' ? 'stop' : verb, name]);
  if (fn === 'pkg.remove' || fn === 'pkg.purge') return operands.length > 0 ? [['apt-get', fn === 'pkg.purge' ? 'purge' : 'remove', '-y', ...operands]] : [];
  if (fn === 'file.remove') return operands.map((path) => ['rm', '-rf', '--', path]);
  if (fn === 'file.rmdir') return operands.map((path) => ['rmdir', '--', path]);
  if (fn === 'user.delete') return operands.map((name) => ['userdel', ...(remove ? ['-r'] : []), name]);
  if (fn === 'system.reboot' || fn === 'system.shutdown' || fn === 'system.poweroff' || fn === 'system.halt') return [[fn.slice('system.'.length)]];
  if (fn === 'disk.wipe') return operands.map((device) => ['wipefs', '-a', device]);
  if (fn === 'disk.format') {
    const type = args.find((arg) => /^fs_type=/.test(arg))?.slice('fs_type='.length) ?? 'ext4';
    return operands.map((device) => [`mkfs.${type}`, device]);
  }

  if (fn === 'partition.rm' && operands.length >= 2) return [['parted', '-s', operands[0]!, 'rm', operands[1]!]];
  return [];
}

/** The commands of an SSM RunShellScript's parameters, as words guard can read: JSON or the CLI's shorthand. */
function ssmCommands(parameters: Word): Word[] {
  if (!parameters.known) return [parameters];
  const text = parameters.value.trim();
  let list: unknown;
  try {
    list = text.startsWith('{') ? (JSON.parse(text) as {commands?: unknown}).commands : undefined;
  } catch {}
  const shorthand = /^commands=(.*)$/s.exec(text)?.[1];
  if (list === undefined && shorthand !== undefined) {
    try {
      list = shorthand.startsWith('[') ? JSON.parse(shorthand) : shorthand.split(',');
    } catch {
      list = [shorthand.replace(/^\[|\]$/g, '')];
    }
  }

  return Array.isArray(list) ? list.filter((line): line is string => typeof line === 'string').map((line) => ({value: line, known: true, raw: parameters.raw})) : [];
}

/** vagrant ssh [NAME] -c CMD; gcloud compute ssh HOST --command=CMD; az vm run-command invoke --scripts CMD; aws ssm send-command --parameters commands=…; heroku run CMD. */
function runCloudShell(launched: Launched, session: Session): void {
  const words = launched.words;
  const program = launched.command.program.value!;
  const values = (flag: string): Word[] => {
    const at = words.findIndex((word) => word.value === flag || word.value?.startsWith(`${flag}=`));
    if (at === -1) return [];
    const word = words[at]!;
    if (word.value !== flag) return [{...word, value: word.value!.slice(flag.length + 1)} as Word];
    const after: Word[] = [];
    for (const next of words.slice(at + 1)) {
      if (next.value?.startsWith('-')) break;
      after.push(next);
      if (program !== 'az') break;
    }

    return after;
  };

  let host: Word | undefined;
  let code: Word[] = [];
  if (program === 'vagrant' && words[1]?.value === 'ssh') {
    const {options} = scanOptions(words.slice(2), {takesValue: ['-c', '--command']});
    code = [options.values.get('-c') ?? options.values.get('--command')].filter((word): word is Word => word !== undefined);
    host = options.operands[0] ?? literalWord('the vagrant machine');
  } else if (program === 'gcloud' && words.some((word) => word.value === 'ssh')) {
    code = values('--command');
    const at = words.findIndex((word) => word.value === 'ssh');
    host = words.slice(at + 1).find((word) => !word.value?.startsWith('-'));
  } else if (program === 'az' && words.some((word) => word.value === 'run-command')) {
    code = values('--scripts');
    host = values('--name')[0] ?? values('-n')[0];
  } else if (program === 'aws' && words.some((word) => word.value === 'ssm') && words.some((word) => word.value === 'send-command')) {
    // --parameters '{"commands": ["…"]}' or the shorthand commands=["…","…"]: each a line of the script.
    const parameters = values('--parameters')[0];
    code = parameters ? ssmCommands(parameters) : [];
    host = values('--instance-ids')[0] ?? values('--targets')[0] ?? literalWord('the targeted instances');
  }

  // heroku run [options] CMD…: the words after its options, run by sh on a one-off dyno of the app;
  // `run:inside DYNO CMD…` runs them inside a dyno already running (Private Spaces).
  if (program === 'heroku' && /^run(?::detached|:inside)?$/.test(words[1]?.value ?? '')) {
    const {options, firstOperand} = scanOptions(words.slice(2), {takesValue: ['-a', '--app', '-r', '--remote', '-e', '--env', '-s', '--size', '--type'], stopAtOperand: true});
    const inside = words[1]!.value === 'run:inside' ? 1 : 0;
    const after = words.slice(2 + firstOperand + inside);
    // heroku takes its own options anywhere before a `--` (`heroku run bash -a shop` is shop's bash).
    let app = options.values.get('-a') ?? options.values.get('--app');
    let rest = after;
    if (after[0]?.value === '--') rest = after.slice(1);
    else {
      rest = [];
      for (let i = 0; i < after.length; i++) {
        const text = after[i]!.value ?? '';
        if (/^(?:-a|--app|-r|--remote|-e|--env|-s|--size|--type)$/.test(text)) {
          if (text === '-a' || text === '--app') app = after[i + 1] ?? app;
          i++;
        } else if (/^--(?:app|remote|env|size|type)=/.test(text)) {
          if (text.startsWith('--app=')) app = {...after[i]!, value: text.slice('--app='.length)} as Word;
        } else rest.push(after[i]!);
      }
    }

    if (rest.length === 0) return;
    const where = `on a dyno of ${app ? shown(app) : 'the app'}`;
    runCodeString(launched, session, codeFromWords(rest), `heroku ${words[1]!.value}`, {where, state: remoteState(launched, where)});
    return;
  }

  if (code.length === 0) return;
  const where = `on ${host ? shown(host) : 'the machine'}`;
  for (const script of code) runCodeString(launched, session, codeFromWords([script]), `${program} ${words[1]?.value ?? ''}`.trim(), {where, state: remoteState(launched, where)});
}

export const elsewhere: Launcher[] = [
  {names: ['adb'], run: runAdb, examples() { return {runs: ['adb shell rm x', "adb -s emulator-5554 shell 'rm x'", "adb shell <<'EOF'\nrm x\nEOF"], runsNothing: ['adb devices', 'adb logcat', 'adb push build/app.apk /sdcard/']}; }},
  {names: ['ssh'], run: runSsh, examples() { return {runs: ['ssh web1 rm x', "ssh -p 2222 -i key root@web1 'rm x'", "ssh web1 'bash -s' <<'EOF'\nrm x\nEOF", "ssh web1 sudo -u app sh -c 'rm x'", "ssh web1 <<'EOF'\nrm x\nEOF", "echo 'rm x' | ssh web1 bash", "ssh -o ProxyCommand='rm x' web1", "ssh -o 'RemoteCommand rm x' web1", "ssh -o PermitLocalCommand=yes -o LocalCommand='rm x' web1", "ssh web1 -- rm x", "ssh web1 -p 2222 -t rm x"], runsNothing: ['ssh web1', 'ssh -N -L 8080:localhost:80 web1', 'ssh -G web1', "ssh -o ProxyCommand=none web1 uptime"]}; }},
  {names: ['scp', 'sftp'], run: runCopy, examples() { return {runs: ["scp -o 'ProxyCommand=rm x' a b:", "scp -S 'rm x' a b:", "sftp -o ProxyCommand='rm x' host"], runsNothing: ['scp ./a web1:/tmp/', 'sftp web1']}; }},
  {names: ['ray'], run: runRay, examples() { return {runs: ["ray exec cluster.yaml 'rm x'", "ray exec --cluster-name gpu cluster.yaml 'rm x'"], runsNothing: ['ray up cluster.yaml', 'ray exec cluster.yaml', 'ray status']}; }},
  {names: ['mosh'], run: runMosh, examples() { return {runs: ['mosh web1 -- rm x', "mosh --ssh='rm x' web1"], runsNothing: ['mosh web1']}; }},
  {names: ['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose'], run: runDocker, examples() { return {runs: ['docker exec web rm x', 'docker exec -it -u root web rm x', 'docker run --rm alpine rm x', 'docker run --rm -v /:/host -w /host alpine rm x', 'docker run --entrypoint rm alpine x', 'docker container exec web rm x', 'docker compose exec db rm x', 'docker compose -f prod.yml run --rm app rm x', 'docker-compose exec -T db rm x', 'podman run --pod p alpine rm x', 'docker -H tcp://h:2375 exec web rm x', "docker exec -i web sh <<'EOF'\nrm x\nEOF"], runsNothing: ['docker ps', 'docker run --rm -d nginx', 'docker exec', 'docker compose up -d', 'docker build -t app .']}; }},
  {names: ['kubectl', 'oc'], run: runKubectl, examples() { return {runs: ['kubectl exec web -- rm x', 'kubectl exec -it -n prod deploy/web -c app -- rm x', 'kubectl -n prod exec web -- rm x', 'kubectl exec web rm x', 'kubectl run tmp --rm -i --image=alpine --restart=Never -- rm x', 'kubectl debug web -it --image=busybox -- rm x', 'oc rsh web rm x', "kubectl exec -i web -- sh <<'EOF'\nrm x\nEOF"], runsNothing: ['kubectl get pods', 'kubectl exec web', 'kubectl logs web', 'kubectl run web --image=nginx']}; }},
  {names: ['lxc', 'incus', 'lxc-attach', 'machinectl', 'crictl', 'ctr', 'pct', 'qm'], run: runSystemContainer, examples() { return {runs: ['lxc exec c1 -- rm x', 'incus exec c1 --env A=1 -- rm x', 'lxc-attach -n c1 -- rm x', 'machinectl shell root@c1 /bin/rm x', 'crictl exec -i 1f2e rm x', 'crictl exec -it 1f2e rm x', 'ctr -n k8s.io tasks exec --exec-id dbg1 redis-7 rm x', 'ctr t exec -t --exec-id sh1 web rm x', 'pct exec 200 -- rm x', 'qm guest exec 101 -- rm x', 'qm guest exec 101 --timeout 30 -- rm x'], runsNothing: ['lxc list', 'ctr -n k8s.io tasks list', 'ctr images pull docker.io/library/redis:7', 'lxc exec c1 -- ', 'lxc-attach -n c1', 'pct list', 'qm guest cmd 101 ping', 'pct enter 200']}; }},
  {names: ['ansible', 'pdsh', 'clush', 'pssh', 'parallel-ssh', 'salt', 'salt-ssh', 'knife', 'xdsh', 'psh', 'wwctl'], run: runFleet, examples() { return {runs: ["xdsh compute 'rm x'", "xdsh compute -l root 'rm x'", "wwctl ssh 'n[001-064]' 'rm x'", "ansible all -m shell -a 'rm x'", "knife ssh 'role:web' 'rm x' -x deploy", "ansible web -a 'rm x'", "ansible -i hosts db -b -m raw -a 'rm x'", "pdsh -w web[1-4] 'rm x'", 'clush -w node1 rm x', "pssh -H web1 -i 'rm x'", "salt '*' cmd.run 'rm x'", "salt -G 'os:Debian' cmd.run 'rm x'", "clush -a -b 'rm x'", "ansible all -m file -a 'path=x state=absent'", "salt '*' file.remove x"], runsNothing: ['wwctl node list', 'xdsh compute', 'ansible all -m ping', "ansible all -b -m file -a 'path=x state=absent' --check", "ansible web -C -m shell -a 'rm x'", 'knife node list', "knife ssh 'role:web'", "ansible all -m copy -a 'src=a dest=/tmp/a'", "ansible all -m file -a 'path=/srv/a state=directory'", "salt '*' test.ping", "salt '*' service.restart nginx"]}; }},
  {names: ['vagrant', 'gcloud', 'az', 'aws', 'heroku'], run: runCloudShell, examples() { return {runs: ['heroku run -a shop-prod rm x', 'heroku run:inside web.1 "rm x" -a shop-prod', 'heroku run --app web -- rm x', `aws ssm send-command --document-name AWS-RunShellScript --instance-ids i-1 --parameters 'commands=["rm x"]'`, "vagrant ssh -c 'rm x'", "vagrant ssh web -c 'rm x'", "gcloud compute ssh vm1 --zone us-east1-b --command='rm x'", "az vm run-command invoke -g rg -n vm1 --command-id RunShellScript --scripts 'rm x'"], runsNothing: ['vagrant ssh', 'gcloud compute ssh vm1', 'az vm list', 'heroku ps -a shop-prod', 'heroku logs --tail']}; }},
];
