// The system pack's rule for key material that nothing else holds: a TPM cleared or its
// persistent keys evicted, a self-encrypting drive's media key regenerated, secret keys deleted
// from a keyring without a question, fscrypt protectors, live certificates deleted or revoked,
// a system keystore's entries, the keys of Vault's transit and PKI engines, host and identity
// keys overwritten. What each of them encrypted or signed is lost with it.
import {posix} from 'node:path';
import {type SimpleCommand, type Word, normalizeOptions} from '../../shell/index.js';
import {written} from '../spelling.js';
import type {BuiltinRule, EvaluationContext, Hit} from '../types.js';
import {args, asking, has, httpMethod, say} from './hits.js';

// A handle in the TPM's persistent range: `tpm2_evictcontrol -c 0x81…` removes that key.
const persistentHandle = /^0x81[0-9a-f]{6}$/i;

function tpm(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = name === 'tpm2' ? args(command).slice(1) : args(command);
  const tool = name === 'tpm2' ? `tpm2_${args(command)[0]?.value ?? ''}` : name;
  // tpm2-tools: -h help, -v version (-V is verbose); a simulator (swtpm, mssim) holds nothing of the machine's.
  if (has(words, '-h', '--help', '-v', '--version')) return null;
  const tcti = words.find((word, i) => /^(?:-T|--tcti)$/.test(words[i - 1]?.value ?? '') || /^--tcti=/.test(word.value ?? ''))?.value?.replace(/^--tcti=/, '') ?? command.env.TPM2TOOLS_TCTI ?? '';
  if (/^(?:swtpm|mssim)/.test(tcti)) return null;
  // With --cphash it only computes the command's hash for a policy: nothing is sent to the TPM.
  if (tool === 'tpm2_clear') return words.some((word) => word.value?.startsWith('--cphash')) ? null : say(command, words, 'clears the TPM: every key sealed under it (disk unlock keys among them) is lost');
  if (tool === 'tpm2_evictcontrol') {
    const {values} = normalizeOptions(words, {takesValue: ['-C', '--hierarchy', '-c', '--object-context', '-P', '--auth', '-o', '--output', '--cphash']});
    const object = values.get('-c') ?? values.get('--object-context');
    return object?.known && persistentHandle.test(object.value) ? say(command, words, `evicts the persistent key ${object.value} from the TPM: what it sealed cannot be unsealed again`, object) : null;
  }

  return null;
}

// sedutil-cli's reverts that make the drive generate a new media key: its data is gone.
const driveReverts = /^--(?:reverttper|psidrevert|psidrevertadminsp|yesireallywanttoeraseallmydatausingthepsid|eraselockingrange)$/i;

// An unambiguous abbreviation of --delete-secret-keys or --delete-secret-and-public-keys.
const secretDelete = /^--delete-se/;

// Where the system keeps a keystore every program of the machine trusts or serves from.
const systemStore = /^\/(?:etc|usr|opt)\//;

function keyring(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  if (asking(words)) return null;
  if (name === 'sedutil-cli') {
    const revert = words.find((word) => word.known && driveReverts.test(word.value));
    return revert ? say(command, [revert], "makes the self-encrypting drive generate a new media key: everything on it is unreadable", revert) : null;
  }

  if (name === 'gpg' || name === 'gpg2') {
    // A keyring of its own (GNUPGHOME, --homedir) is a test's or a build's, not the user's.
    const homedir = words.find((word, i) => words[i - 1]?.value === '--homedir' || word.value?.startsWith('--homedir='));
    const keyringHome = homedir ? (homedir.value?.replace(/^--homedir=/, '') ?? null) : command.env.GNUPGHOME;
    const own = (folder: string | null) => folder !== null && posix.normalize(`${folder}/`) === `${posix.normalize(context.home)}/.gnupg/`;
    if (keyringHome !== undefined && !own(keyringHome)) return null;
    const remove = words.find((word) => word.known && secretDelete.test(word.value));
    const unasked = has(words, '--batch', '--yes');
    return remove && unasked ? say(command, [unasked, remove], 'deletes secret keys from the keyring without asking: what they decrypt or sign is lost', remove) : null;
  }

  if (name === 'fscrypt') return words[0]?.value === 'metadata' && words[1]?.value === 'destroy' ? say(command, words.slice(0, 2), "destroys fscrypt's protector or policy: folders it alone unlocks stay locked for good") : null;
  if (name === 'keytool') {
    const change = has(words, '-delete', '-storepasswd');
    if (!change) return null;
    const store = words.findIndex((word) => word.value === '-keystore');
    const path = store === -1 ? undefined : words[store + 1];
    const cwd = command.cwd.known ? command.cwd.value : undefined;
    const where = path?.known ? (path.value.startsWith('/') ? posix.normalize(path.value) : cwd && posix.resolve(cwd, path.value)) : undefined;
    // The JDK's trusted roots by its file name, wherever JAVA_HOME puts it.
    const trustStore = path && /(?:^|\/)cacerts["']?$/.test(path.known ? path.value : path.raw);
    const system = has(words, '-cacerts') ?? (trustStore || (where && systemStore.test(where)) ? path : undefined);
    return system ? say(command, [change, system], `changes a keystore the system serves or trusts from (${system.value === '-cacerts' || trustStore ? "the JDK's trusted roots" : system.value})`, system) : null;
  }

  return null;
}

// Options of certbot and easyrsa that take the next word as their value (a certificate named `delete`).
const certValues = new Set(['--cert-name', '-d', '--domains', '--domain', '--cert-path', '--key-path', '--reason', '--config-dir', '--work-dir', '--logs-dir', '-c', '--config', '--server', '-m', '--email', '-a', '--authenticator', '-i', '--installer', '--pki-dir', '--pki', '--vars']);
const verbOf = (words: Word[], verbs: string[]) => words.find((word, i) => word.known && verbs.includes(word.value) && !certValues.has(words[i - 1]?.value ?? ''));

function certificates(command: SimpleCommand): Hit | null {
  const words = args(command);
  if (asking(words) || has(words, '--dry-run', '--staging', '--test-cert')) return null;
  if (command.program.value === 'certbot') {
    const verb = verbOf(words, ['delete', 'revoke']);
    // certbot delete asks first, unless told not to; a revoke is done before any question.
    if (verb?.value === 'delete') return has(words, '-n', '--non-interactive', '--noninteractive') ? say(command, [verb], 'deletes a live certificate with its key and its renewal without asking: the sites using it fail at their next reload') : null;
    return verb ? say(command, [verb], 'revokes a certificate for good: every client stops trusting it') : null;
  }

  // easyrsa init-pki empties the PKI folder (./pki by default), CA key included: refused where it is the system's.
  const verb = verbOf(words, ['init-pki']);
  if (!verb || has(words, 'soft')) return null;
  const named = words.find((word, i) => /^--pki(?:-dir)?$/.test(words[i - 1]?.value ?? '') || /^--pki(?:-dir)?=/.test(word.value ?? ''));
  const folder = named ? named.value?.replace(/^--pki(?:-dir)?=/, '') : (command.env.EASYRSA_PKI ?? (command.cwd.known ? posix.join(command.cwd.value, 'pki') : undefined));
  return folder && systemStore.test(`${posix.normalize(folder)}/`) ? say(command, [verb], `deletes the PKI in ${folder}, its CA key with it`) : null;
}

// Vault's mounts of the transit and PKI engines, as commonly named (`transit/`, `pki_int/`).
const transitKey = /^\/?([\w.-]*transit[\w.-]*)\/keys\/[^/\s]+\/?$/;
const transitTrim = /^\/?[\w.-]*transit[\w.-]*\/keys\/[^/\s]+\/trim\/?$/;
const pkiKeys = /^\/?[\w.-]*pki[\w.-]*\/(?:root|issuer\/[^/\s]+|key\/[^/\s]+)\/?$/;

function vaultPath(path: string, method: 'DELETE' | 'WRITE'): string | undefined {
  if (method === 'DELETE' && transitKey.test(path)) return 'deletes a transit key: every ciphertext it made can no longer be decrypted';
  if (method === 'DELETE' && pkiKeys.test(path)) return "deletes a PKI engine's CA key or issuer: what it signed can no longer be renewed or revoked by it";
  if (method === 'WRITE' && transitTrim.test(path)) return 'trims old versions of a transit key: ciphertexts made with them can no longer be decrypted';
  return undefined;
}

// vault's options that take the next word when not written `-name=value`.
const vaultValues = new Set(['-address', '-namespace', '-ns', '-format', '-field', '-mount', '-ca-cert', '-ca-path', '-client-cert', '-client-key', '-tls-server-name', '-wrap-ttl', '-policy-override', '-header', '-mfa', '-agent-address']);

function vault(command: SimpleCommand): Hit | null {
  const words = args(command);
  if (has(words, '-h', '-help', '--help')) return null;
  const operands: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const text = words[i]!.value ?? '';
    if (!text.startsWith('-')) operands.push(words[i]!);
    else if (!text.includes('=') && vaultValues.has(text.replace(/^--/, '-'))) i++;
  }

  const [verb, path] = operands;
  if (verb?.value === 'write' && path?.known && /^\/?sys\/seal\/?$/.test(path.value)) return say(command, [verb, path], 'seals Vault: every secret is out of reach until enough key holders unseal it', path);
  if (!verb?.known || !path?.known) return null;
  const method = verb.value === 'delete' ? 'DELETE' : verb.value === 'write' ? 'WRITE' : undefined;
  const reason = method && vaultPath(path.value, method);
  return reason ? say(command, [verb, path], reason, path) : null;
}

/** The method of an HTTP request: the one curl or wget names (httpMethod), httpie's first word; else a body makes it a POST. */
function requestMethod(command: SimpleCommand): string {
  const words = args(command);
  const name = command.program.value;
  if (name === 'http' || name === 'https' || name === 'xh') {
    const method = words.find((word) => word.known && /^[A-Z]+$/.test(word.value));
    return method?.value ?? (words.some((word) => /^[\w-]+:?=/.test(word.value ?? '')) ? 'POST' : 'GET');
  }

  const named = httpMethod(command);
  if (named) return named;
  return words.some((word) => /^(?:-d|--data(?:-\w+)?|-F|--form|-T|--upload-file|--json|--post-data|--post-file|--body-data|--body-file)(?:=|$)/.test(word.value ?? '')) ? 'POST' : 'GET';
}

/**
 * Vault's HTTP API: the same deletes, and `sys/seal`. The URL may be `$VAULT_ADDR/v1/…`; it
 * is taken for Vault's when it says so (its host, port 8200, `$VAULT_ADDR`, an `X-Vault-Token`).
 */
function vaultHttp(command: SimpleCommand): Hit | null {
  const url = args(command).find((word) => /\/v1\/[\w.-]/.test(word.known ? word.value : word.raw) && !/^-/.test(word.value ?? ''));
  if (!url) return null;
  const text = (url.known ? url.value : url.raw).replace(/^["']|["']$/g, '');
  const vaultish = /vault|:8200\//i.test(`${text} ${url.raw}`) || args(command).some((word) => /X-Vault-Token|VAULT_TOKEN/i.test(`${word.value ?? ''} ${word.raw}`));
  if (!vaultish) return null;
  const path = text.slice(text.indexOf('/v1/') + 4).split('?')[0]!;
  const method = requestMethod(command);
  if (/^sys\/seal\/?$/.test(path) && (method === 'POST' || method === 'PUT')) return {word: written(url), reason: `${command.program.value} ${method} /v1/sys/seal seals Vault: every secret is out of reach until enough key holders unseal it`};
  const reason = method === 'DELETE' ? vaultPath(path, 'DELETE') : method === 'POST' || method === 'PUT' ? vaultPath(path, 'WRITE') : undefined;
  return reason ? {word: written(url), reason: `${command.program.value} ${method} /v1/${path} ${reason}`} : null;
}

/** What `y` answers: a here-string or heredoc, `yes`, or `echo y` piped in. */
function answersYes(command: SimpleCommand): boolean {
  const fed = command.redirects.some((redirect) => (redirect.op === '<<<' || redirect.op === '<<' || redirect.op === '<<-') && /^\s*y/i.test(redirect.target.value ?? ''));
  return fed || /^\s*y/i.test(command.piped?.text ?? '') || (command.piped?.from.some((source) => source.program.value === 'yes') ?? false);
}

// Host keys, and the identity keys of root or an account under /home.
const liveKey = /^\/etc\/ssh\/ssh_host_\w+_key$|^\/(?:root|home\/[^/]+)\/\.ssh\/id_\w+$/;

/** ssh-keygen told to write a new key over a host or identity key, and told `y` when it asks. */
function keyOverwrite(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const words = args(command);
  const {flags, values} = normalizeOptions(words, {takesValue: ['-f', '-t', '-b', '-N', '-C', '-P', '-Z', '-a', '-O', '-n', '-I', '-V', '-z', '-E', '-m', '-s', '-D', '-w', '-r', '-R', '-F', '-M', '-G', '-T', '-S', '-j', '-W']});
  if (['-l', '-y', '-R', '-F', '-H', '-k', '-Q', '-e', '-i', '-p', '-c', '-s', '-A', '-B', '-L', '-D', '-Y', '-K'].some((flag) => flags.has(flag) || values.has(flag))) return null;
  const file = values.get('-f');
  const own = file?.known && file.value.startsWith(`${posix.normalize(context.home)}/.ssh/id_`);
  return file?.known && (own || liveKey.test(file.value)) && answersYes(command) ? say(command, [file], 'writes a new key over this one, answering yes to the question: every host or key that trusted it is cut off', file) : null;
}

export const keys: BuiltinRule[] = [
  {
    id: 'system.key-destroy',
    pack: 'system',
    level: 'deny',
    reason: "destroys or replaces key material nothing else holds (a TPM's keys, a self-encrypting drive's media key, secret keys in a keyring, fscrypt protectors, a live certificate, a system keystore, Vault's transit and PKI keys, host or identity keys): what it encrypted or signed is lost with it",
    alternative: 'back the key up and rotate it (a new key beside the old one); delete the old one by hand once nothing depends on it',
    match: {program: ['tpm2_clear', 'tpm2_evictcontrol', 'tpm2', 'sedutil-cli', 'gpg', 'gpg2', 'fscrypt', 'keytool', 'certbot', 'easyrsa', 'vault', 'curl', 'wget', 'http', 'https', 'xh', 'ssh-keygen']},
    check(command, context) {
      const name = command.program.value!;
      if (name.startsWith('tpm2')) return tpm(command);
      if (name === 'certbot' || name === 'easyrsa') return certificates(command);
      if (name === 'vault') return vault(command);
      if (name === 'ssh-keygen') return keyOverwrite(command, context);
      if (name === 'curl' || name === 'wget' || name === 'http' || name === 'https' || name === 'xh') return vaultHttp(command);
      return keyring(command, context);
    },
    examples() {
      return {
        refuse: [
          'tpm2_clear',
          'tpm2_clear -c l',
          'tpm2 clear -c p',
          'tpm2_evictcontrol -C o -c 0x81000001',
          'sedutil-cli --revertTPer "$SID_PASSWORD" /dev/nvme0',
          'sedutil-cli --yesIreallywanttoERASEALLmydatausingthePSID ABCDEF /dev/sda',
          'gpg --batch --yes --delete-secret-keys 5B1F6A7C3E2D9F8A0B4C6D8E1F2A3B4C5D6E7F80',
          'gpg --yes --delete-secret-key ops@example.com',
          'gpg --batch --delete-secret-and-public-keys 5B1F6A7C',
          'fscrypt metadata destroy --protector=/:e9c9ed7ea8188b59 --force',
          'keytool -delete -cacerts -alias digicertglobalrootg2 -storepass changeit -noprompt',
          'keytool -delete -alias tomcat -keystore /etc/tomcat9/keystore.jks -storepass changeit',
          'keytool -storepasswd -keystore /usr/lib/jvm/java-17-openjdk-amd64/lib/security/cacerts',
          'certbot delete --cert-name example.com --non-interactive',
          'certbot revoke --cert-path /etc/letsencrypt/live/example.com/cert.pem --reason keycompromise',
          'EASYRSA_PKI=/etc/openvpn/server/pki easyrsa --batch init-pki',
          'easyrsa --pki-dir=/etc/openvpn/pki init-pki',
          'vault delete transit/keys/payments',
          'vault write transit/keys/payments/trim min_available_version=7',
          'vault delete pki/root',
          'vault delete pki_int/issuer/default',
          'curl -sS --request POST --header "X-Vault-Token: $VAULT_TOKEN" https://vault.internal:8200/v1/sys/seal',
          'curl -X DELETE -H "X-Vault-Token: t" https://vault:8200/v1/transit/keys/payments',
          'curl -X PUT "$VAULT_ADDR/v1/sys/seal"',
          'vault delete -address https://vault:8200 transit/keys/payments',
          'tpm2_clear -V',
          'certbot --cert-name example.com revoke',
          'cd /etc/openvpn/easy-rsa && ./easyrsa init-pki',
          'keytool -delete -alias x -keystore "$JAVA_HOME/lib/security/cacerts" -storepass changeit',
          'yes y | ssh-keygen -q -t rsa -b 4096 -N "" -f /etc/ssh/ssh_host_rsa_key',
          "ssh-keygen -q -t ed25519 -N '' -f ~/.ssh/id_ed25519 <<< y",
        ],
        allow: [
          'tpm2_clear --cphash=./audit/tpm-clear.cphash',
          'tpm2_clear -h',
          'tpm2_clear -T swtpm:port=2321',
          'certbot delete --cert-name example.com',
          'curl -X DELETE https://api.example.com/v1/pki/root',
          "ssh-keygen -q -t ed25519 -N '' -f ./test/fixtures/.ssh/id_ed25519 <<< y",
          'tpm2_evictcontrol -C o -c ./tpm/primary.ctx 0x81010002',
          'tpm2_getcap handles-persistent',
          'sedutil-cli --scan',
          'gpg --delete-secret-keys 5B1F6A7C',
          'gpg --batch --yes --delete-keys 5B1F6A7C',
          'export GNUPGHOME="$(mktemp -d)"; gpg --batch --yes --delete-secret-keys 5B1F6A7C',
          'gpg --homedir ./test/keyring --batch --yes --delete-secret-keys 5B1F6A7C',
          'gpg --list-secret-keys --keyid-format=long',
          'fscrypt status /home',
          'keytool -delete -alias old-root -keystore ./target/test-truststore.jks -storepass changeit -noprompt',
          'keytool -list -cacerts -storepass changeit',
          'certbot certificates',
          'certbot renew --dry-run',
          'certbot delete --help',
          'easyrsa --batch init-pki',
          'easyrsa init-pki soft',
          'vault write -f transit/keys/payments/rotate',
          'vault delete secret/keys/old-flag',
          'vault read pki/cert/ca',
          'vault kv delete -mount=secret app/feature-flags',
          'curl -sS https://vault.internal:8200/v1/sys/seal-status',
          'curl -H "X-Vault-Token: t" https://vault:8200/v1/transit/keys/payments',
          "ssh-keygen -t ed25519 -N '' -f ./deploy/keys/ci_ed25519",
          "ssh-keygen -t ed25519 -N '' -f ~/.ssh/id_ed25519",
          'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub',
          'sudo ssh-keygen -A',
        ],
      };
    },
  },
];
