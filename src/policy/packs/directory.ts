// The services a company's logins, mail and names run on, and the commands that empty them at
// once: a mail queue deleted whole, every user's mailbox expunged; an LDAP subtree, the Kerberos
// database or its krbtgt and admin principals, an AD domain or DNS zone; a DNS zone or the records
// that route its mail and delegation; an identity provider's realm or sign-in source.
import {type SimpleCommand, type Word, principalMade, principalsAdded} from '../../shell/index.js';
import {written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';
import {args, has, httpMethod, say} from './hits.js';

const texts = (words: Word[]) => words.map((word) => word.value ?? '');
/** The words that are not options, nor the values of the options that take one (`-U Administrator`, `-r master`). */
const operandsOf = (words: Word[], takesValue: readonly string[] = []) =>
  words.filter((word, i) => !word.value?.startsWith('-') && !(takesValue.includes(words[i - 1]?.value ?? '') && !(words[i - 1]?.value ?? '').includes('=')));
// Options of each tool that take the next word as their value.
const valuesOf = {
  samba: ['-U', '--username', '-H', '--URL', '-s', '--configfile', '--password', '-W', '--workgroup', '--realm', '--ipaddress', '-k', '--kerberos', '--option', '-d', '--debuglevel'],
  kcadm: ['-r', '--target-realm', '-s', '--set', '-f', '--file', '-q', '--query', '--fields', '--config', '--server', '--realm', '--user', '--client', '-x'],
  kdb5: ['-r', '-d', '-k', '-M', '-sf', '-P', '-x'],
  ipa: ['-e', '-c', '-n'],
  doveadm: ['-o', '-D', '-f', '-c', '-u', '-F', '-S'],
};

/** What the command reads on its input: a heredoc, a here-string, or text piped from echo/printf. */
function inputText(command: SimpleCommand): string {
  const fed = command.redirects.filter((redirect) => redirect.op === '<<' || redirect.op === '<<-' || redirect.op === '<<<').map((redirect) => redirect.target.value ?? '');
  return [...fed, command.piped?.text ?? ''].join('\n');
}

function mail(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  if (has(words, '--help')) return null;
  if (name === 'postsuper') {
    // -d ALL, -dALL, a cluster ending in d (-sd ALL); any of several -d options.
    const all = words.find((word, i) => word.known && (/^-[a-zA-Z]*dALL$/.test(word.value) || (word.value === 'ALL' && /^-[a-zA-Z]*d$/.test(words[i - 1]?.value ?? ''))));
    if (all) return say(command, [all], 'deletes every message in the mail queues (or the queue named after it)', all);
    const at = texts(words).indexOf('-d');
    const which = at === -1 ? undefined : words[at + 1];
    // Queue ids read from a listing of the whole queue (postqueue, mailq, the spool), with nothing to pick some.
    const from = command.piped?.from.map((source) => source.program.value ?? '') ?? [];
    // Picked: a grep, a jq select(), an awk pattern, or find with a test on names, ages or sizes.
    const picked = command.piped?.from.some((source) => {
      const program = source.program.value ?? '';
      const said = source.argv.slice(1).map((word) => word.value ?? '');
      if (/^(?:e?grep|fgrep|rg)$/.test(program)) return true;
      if (program === 'jq') return said.some((text) => text.includes('select('));
      if (/^(?:g|m|n)?awk$/.test(program)) return said.some((text) => /\/[^/\n]+\/|\$\d+\s*(?:[=!]=|~|[<>])|[=!]=/.test(text));
      if (program === 'find') return said.some((text) => /^-(?:i?name|i?path|[amc](?:time|min)|newer\w*|size|user|group)$/.test(text));
      return false;
    });
    return which?.value === '-' && from.some((program) => /^(?:postqueue|mailq|find)$/.test(program)) && !picked ? say(command, [words[at]!, which], 'deletes every message a listing of the whole queue names', which) : null;
  }

  // exim -Mrm of what `exiqgrep -i` lists with no filter: every message in the queue.
  if (name === 'exim' || name === 'exim4') {
    const remove = has(words, '-Mrm');
    const everything = (text: string) => /exiqgrep\s+-i\s*(?:\)|`|$)/.test(text);
    const fed = command.piped?.from.some((source) => source.program.value === 'exiqgrep' && source.argv.slice(1).every((word) => word.value === '-i' || word.value === '-b'));
    return remove && (fed || words.some((word) => !word.known && everything(word.raw))) ? say(command, [remove], 'deletes every message in the queue (exiqgrep -i with no filter lists them all)', remove) : null;
  }

  // doveadm expunge, or flags add \Deleted, of every user (-A, -u '*') or every mailbox ('*') with a search that matches all.
  const t = texts(words);
  const operands = operandsOf(words, valuesOf.doveadm).map((word) => word.value ?? '');
  const everyone = has(words, '-A') ?? words.find((word, i) => t[i - 1] === '-u' && word.value === '*');
  const everyBox = words.find((word, i) => t[i - 1] === 'mailbox' && word.value === '*');
  const matchesAll = /^(?:all|1:\*)$/i.test(operands.at(-1) ?? '');
  const deletes = operands[0] === 'expunge' || (operands[0] === 'flags' && operands[1] === 'add' && operands.some((text) => /^\\Deleted$/i.test(text)));
  if (deletes && (everyone || everyBox) && matchesAll) return say(command, words.slice(0, 1), `deletes every message of ${everyone ? 'every user' : 'every mailbox'}`, everyone ?? everyBox);
  return null;
}

/** A principal `ktadd` (or `xst`) gives new random keys, one the code did not just add (`addprinc -randkey P`, then `ktadd P`). */
function rekeyedPrincipal(query: string, command: SimpleCommand): string | undefined {
  const added = new Set(principalsAdded(query).map((name) => name.replace(/@[^@/]*$/, '')));
  for (const match of query.matchAll(/\b(?:ktadd|xst|ktadd_principal)\b([^\n;]*)/g)) {
    const words = match[1]!.trim().split(/\s+/);
    if (words.includes('-norandkey')) continue;
    // `-glob host/*`: every principal the pattern matches.
    const glob = words.indexOf('-glob');
    if (glob !== -1 && words[glob + 1]) return `every principal ${words[glob + 1]} matches`;
    const principals = words.filter((word, i) => word !== '' && !word.startsWith('-') && !['-k', '-keytab', '-e', '-glob'].includes(words[i - 1] ?? ''));
    const fresh = principals.find((principal) => !added.has(principal.replace(/@[^@/]*$/, '')) && !command.made?.has(principalMade(command, principal)));
    if (fresh) return fresh;
  }

  return undefined;
}

function directory(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  const t = texts(words);
  // OpenLDAP's -h is a host, postsuper's a hold: only --help asks for help here.
  if (has(words, '--help', '-?')) return null;
  if (name === 'ldapdelete') {
    // -r alone or among ldapdelete's flags (`-xr`), not a letter of an attached value (`-wsecret`).
    const recursive = words.find((word) => word.known && /^-[cCvnMxZWIQr]*r[cCvnMxZWIQr]*$/.test(word.value));
    return recursive && !words.some((word) => word.known && /^-[cCvMxZWIQr]*n/.test(word.value)) ? say(command, [recursive], 'deletes the entry and every entry below it in the directory', recursive) : null;
  }

  if (name === 'ldapmodify' || name === 'ldapadd') {
    const ldif = inputText(command);
    // `delete: member` with no value line after it removes every member of the group.
    if (/^delete:\s*(?:member|uniqueMember|memberUid)\s*\n(?!\s*(?:member|uniqueMember|memberUid):)/im.test(`${ldif}\n`)) return say(command, [], 'removes every member of the group (a `delete: member` with no value names them all)');
    // Entry by entry: the admin's own entry with its password replaced.
    if (ldif.split(/\n\s*\n/).some((entry) => /^dn:\s*(?:cn|uid)=(?:admin|manager|root|administrator)\b/im.test(entry) && /^replace:\s*userPassword/im.test(entry))) return say(command, [], "replaces the directory administrator's password");
    return null;
  }

  if (name === 'kdb5_util') {
    const verb = operandsOf(words, valuesOf.kdb5)[0];
    return verb?.value === 'destroy' || (verb?.value === 'load' && !has(words, '-update')) ? say(command, [verb], verb.value === 'destroy' ? 'destroys the Kerberos database: no one can log in' : 'replaces the whole Kerberos database with the dump', verb) : null;
  }

  if (name === 'kadmin' || name === 'kadmin.local') {
    const query = words.find((word, i) => t[i - 1] === '-q')?.value ?? inputText(command);
    const vital = /\bdel(?:ete_)?princ(?:ipal)?\b[^\n]*?\b(krbtgt\/\S+|kadmin\/\S+)/.exec(query);
    if (vital) return say(command, [], `deletes ${vital[1]}, which every ticket (or every admin change) needs`);
    const rekeyed = rekeyedPrincipal(query, command);
    return rekeyed ? say(command, [], `writes ${rekeyed} to a keytab with new random keys (no -norandkey): every other keytab of that principal stops working`) : null;
  }

  // ipa-getkeytab makes a new key unless told to retrieve the one there is (-r).
  if (name === 'ipa-getkeytab') {
    if (has(words, '-r', '--retrieve')) return null;
    const principal = words.find((word, i) => t[i - 1] === '-p' || t[i - 1] === '--principal');
    // A service or host the same code just added has no other keytab to break.
    if (principal?.known && command.made?.has(principalMade(command, principal.value))) return null;
    return say(command, [], `gives ${principal?.value ?? 'the principal'} a new key: every other keytab of it stops working (-r retrieves the key it has)`);
  }

  // The machine taken out of its domain: domain accounts, perhaps the operator's own, no longer log in here.
  const [first, second] = operandsOf(words, ['-U', '--user', '-S', '--server', '-W', '--workgroup', '-s', '--configfile', '--domain', '--domain-realm', '--domain-controller', '--login-user', '--client-software', '--server-software', '--membership-software']).map((word) => word.value ?? '');
  if ((name === 'realm' && first === 'leave') || (name === 'net' && (first === 'ads' || first === 'rpc') && second === 'leave') || (name === 'adcli' && first === 'delete-computer') || (name === 'ipa-client-install' && has(words, '--uninstall'))) {
    const verbs = operandsOf(words, ['-U', '--user', '-S', '--server', '-W', '--workgroup', '-s', '--configfile', '--domain', '--domain-realm', '--domain-controller', '--login-user', '--client-software', '--server-software', '--membership-software']).slice(0, name === 'net' ? 2 : 1);
    return say(command, verbs.length > 0 ? verbs : words.slice(0, 1), 'takes this machine out of its domain: domain accounts no longer log in here');
  }

  if (name === 'samba-tool') {
    const [group, verb, target] = operandsOf(words, valuesOf.samba).map((word) => word.value ?? '');
    if (group === 'domain' && verb === 'demote') return say(command, words.slice(0, 2), 'demotes the domain controller, removing it from the domain');
    if (group === 'user' && verb === 'delete' && /^(?:administrator|krbtgt)$/i.test(target ?? '')) return say(command, words.slice(0, 3), `deletes ${target}, which the domain cannot run without`);
    if (group === 'dns' && verb === 'zonedelete') return say(command, words.slice(0, 2), "deletes the DNS zone and every record in it: the domain's machines stop finding each other");
    return null;
  }

  if (name === 'ipa') {
    const [verb, ...rest] = operandsOf(words, valuesOf.ipa).map((word) => word.value ?? '');
    if (verb === 'user-del' && rest.includes('admin')) return say(command, words.slice(0, 2), "deletes the admin account: no one can administer the domain");
    if (verb === 'dnszone-del') return say(command, words.slice(0, 1), 'deletes the DNS zone and every record in it');
    if (verb === 'dnsrecord-del' && (has(words, '--del-all') !== undefined) && rest[1] === '@') return say(command, words.slice(0, 1), "deletes every record at the zone's apex (its NS, MX, SOA)");
    return null;
  }

  if (name === 'ipa-server-install' && has(words, '--uninstall')) return say(command, [has(words, '--uninstall')!], "uninstalls the IPA server, its directory and certificate authority with it");
  if (name === 'ipa-restore') return operandsOf(words).length > 0 ? say(command, words, 'replaces the whole IPA directory with the backup: every change since is gone') : null;
  return null;
}

// A zone's own records: mail routing, delegation and the zone's authority.
const vitalRecord = /^(?:MX|NS|SOA)$/i;

function dns(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  const t = texts(words);
  if (has(words, '--help', '-h')) return null;
  if (name === 'rndc') return t.includes('delzone') ? say(command, words, 'deletes the zone from the name server') : null;
  if (name === 'pdnsutil') return /^(?:delete-zone|clear-zone)$/.test(t[0] ?? '') ? say(command, words.slice(0, 2), t[0] === 'delete-zone' ? 'deletes the zone and every record in it' : 'deletes every record of the zone') : null;
  if (name === 'knotc') return t.some((text) => /^zone-purge$/.test(text)) ? say(command, words, "purges the zone's data, journal and timers") : null;
  if (name === 'flarectl') return t[0] === 'zone' && /^(?:delete|rm)$/.test(t[1] ?? '') ? say(command, words.slice(0, 2), 'deletes the zone from Cloudflare, every record with it') : null;
  if (name === 'nsupdate') {
    const script = inputText(command);
    const zone = /^\s*zone\s+(\S+?)\.?\s*$/im.exec(script)?.[1];
    // A delete of a whole record set (no data after its type) or of every record, at the zone's apex.
    const removed = [...script.matchAll(/^[ \t]*(?:update[ \t]+)?del(?:ete)?[ \t]+(\S+?)\.?(?:[ \t]+\d+)?(?:[ \t]+IN)?(?:[ \t]+(\S+))?[ \t]*$/gim)].find(
      (match) => (match[2] === undefined || vitalRecord.test(match[2]) || /^ANY$/i.test(match[2])) && (zone === undefined || match[1]!.toLowerCase() === zone.toLowerCase()),
    );
    return removed ? say(command, [], `deletes ${removed[2] ?? 'every record'} at ${removed[1]}: the zone's mail or delegation`) : null;
  }

  // aws route53 change-resource-record-sets with a DELETE of an MX, NS or SOA record set (inline JSON).
  if (name === 'aws' && t.includes('route53') && t.includes('change-resource-record-sets')) {
    const batch = (words.find((word, i) => t[i - 1] === '--change-batch' || word.value?.startsWith('--change-batch='))?.value ?? '').replace(/^--change-batch=/, '');
    // Change by change: one that DELETEs an MX, NS or SOA set.
    const changes = batch.split(/\}\s*\]?\s*\}\s*,\s*\{/);
    const vital = changes.some((change) => /"Action"\s*:\s*"DELETE"/i.test(change) && /"Type"\s*:\s*"(?:MX|NS|SOA)"/i.test(change));
    return vital ? say(command, [], "deletes the zone's MX or NS record set: its mail or its delegation stops") : null;
  }

  return null;
}

/** An identity provider's realm, sign-in source or application deleted: Keycloak, Okta, Auth0, authentik. */
function identity(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  const t = texts(words);
  if (has(words, '--help', '-h')) return null;
  if (name === 'kcadm.sh' || name === 'kcadm') {
    const operands = operandsOf(words, valuesOf.kcadm).map((word) => word.value ?? '');
    const path = operands[0] === 'delete' ? operands[1] : undefined;
    return path && /^(?:realms\/[^/]+|identity-provider\/instances\/[^/]+)\/?$/.test(path) ? say(command, words.slice(0, 2), `deletes ${path}: every user, client and session of it (or its sign-in) is gone`) : null;
  }

  if (name === 'auth0') return t[1] === 'delete' && /^(?:apps|clients|tenants|connections)$/.test(t[0] ?? '') && has(words, '--force') ? say(command, words.slice(0, 2), `deletes the ${t[0]} without asking`) : null;
  // curl: Keycloak's realm, Okta's identity provider, authentik's source.
  const url = words.find((word) => word.known && /^https?:\/\//.test(word.value));
  if (!url?.known || httpMethod(command) !== 'DELETE') return null;
  const path = url.value.replace(/^https?:\/\/[^/]+/, '').split('?')[0]!.replace(/\/$/, '');
  return /\/admin\/realms\/[^/]+$|\/api\/v1\/idps\/[^/]+$|\/api\/v3\/sources\/(?:oauth|saml|ldap)\/[^/]+$/.test(path) ? {word: written(url), reason: `${name} DELETE ${path} deletes an identity provider's realm or sign-in source`} : null;
}

/** A workstation's user data reset at once: every desktop setting, every Flatpak app's data, chezmoi's source and state. */
function userDataReset(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = args(command);
  const t = texts(words);
  if (has(words, '--help', '-h')) return null;
  if (name === 'dconf') return t[0] === 'reset' && has(words, '-f') && (operandsOf(words)[1]?.value === '/' || operandsOf(words)[1]?.value === '/org/') ? say(command, words, 'resets every desktop and application setting of the user') : null;
  if (name === 'flatpak') return /^(?:uninstall|remove)$/.test(t[0] ?? '') && has(words, '--all') && has(words, '--delete-data') ? say(command, words.slice(0, 1), "uninstalls every app and deletes each one's data in ~/.var/app") : null;
  if (name === 'chezmoi') {
    const verb = operandsOf(words)[0]?.value;
    if (verb === 'purge' && has(words, '--force')) return say(command, words.slice(0, 1), "deletes chezmoi's source repository and state without asking: the dotfiles' history with them");
    if (verb === 'destroy' && has(words, '--force')) return say(command, words.slice(0, 1), 'deletes the targets from the home folder, the source and the state, without asking');
  }

  return null;
}

export const directoryRules: BuiltinRule[] = [
  {
    id: 'system.user-data-reset',
    pack: 'system',
    level: 'deny',
    reason: "resets or deletes a workstation user's data at once: every desktop setting (dconf reset -f /), every Flatpak app's data, chezmoi's dotfile source and state",
    alternative: 'dump it first (dconf dump /, a copy of ~/.var/app, the chezmoi source), then reset the one key or app you mean',
    match: {program: ['dconf', 'flatpak', 'chezmoi']},
    check: userDataReset,
    examples() {
      return {
        refuse: ['dconf reset -f /', 'flatpak uninstall --all --delete-data -y', 'chezmoi purge --force', 'chezmoi destroy --force --recursive ~/.config'],
        allow: ['dconf reset -f /org/gnome/terminal/', 'dconf dump /', 'flatpak uninstall --unused -y', 'flatpak uninstall --delete-data org.example.App', 'chezmoi purge', 'chezmoi apply'],
      };
    },
  },
  {
    id: 'db.mail-delete',
    pack: 'databases',
    level: 'deny',
    reason: 'deletes every message of a mail queue, or every message of every user or mailbox (postsuper -d ALL, doveadm expunge -A … all)',
    alternative: 'delete the messages you mean by their queue ids, or put the queue on hold (postsuper -h)',
    match: {program: ['postsuper', 'doveadm', 'exim', 'exim4']},
    check: mail,
    examples() {
      return {
        refuse: ['postsuper -dALL', 'postsuper -h ALL -d ALL', "doveadm expunge -u '*' mailbox INBOX ALL", 'exiqgrep -i | xargs exim -Mrm', 'exim -Mrm $(exiqgrep -i)', "find /var/spool/postfix/deferred -type f -printf '%f\\n' | postsuper -d -", 'sudo postsuper -d ALL', 'postsuper -d ALL deferred', "postqueue -j | jq -r '.queue_id' | postsuper -d -", 'doveadm expunge -A mailbox INBOX all', "doveadm expunge -u alice@example.com mailbox '*' all", "ssh mx1 'postsuper -d ALL'"],
        allow: [`mailq | tail -n +2 | awk 'BEGIN { RS = "" } /user@example\\.com/ { print $1 }' | tr -d '*!' | postsuper -d -`, "doveadm flags remove -A '\\Deleted' mailbox INBOX all", 'exiqgrep -i -f spammer@example.com | xargs exim -Mrm', 'exim -Mrm 1rXyZa-000123-AB', "find /var/spool/postfix/deferred -type f -mtime +7 -printf '%f\\n' | postsuper -d -", 'postsuper -d 3F2A81C0B4', 'postsuper -r ALL', 'postqueue -f', "postqueue -j | jq -r 'select(.sender == \"spam@x\") | .queue_id' | postsuper -d -", 'doveadm expunge -A mailbox Trash savedbefore 30d', 'doveadm purge -A', 'postsuper -d ALL --help'],
      };
    },
  },
  {
    id: 'system.directory-delete',
    pack: 'system',
    level: 'deny',
    reason: "deletes what a company's logins run on: an LDAP subtree, every member of a group, the directory admin's password, the Kerberos database or its krbtgt and kadmin principals, an AD domain controller, its Administrator or DNS zone, FreeIPA's admin, zones or server; or takes this machine out of its domain (realm leave, net ads leave), or gives a service principal new keys that every other keytab of it lacks (kadmin ktadd without -norandkey, ipa-getkeytab without -r)",
    alternative: 'export first (slapcat, kdb5_util dump, ipa-backup), then change one entry by hand; retrieve a key rather than make a new one (ktadd -norandkey, ipa-getkeytab -r)',
    match: {program: ['ldapdelete', 'ldapmodify', 'ldapadd', 'kdb5_util', 'kadmin', 'kadmin.local', 'samba-tool', 'ipa', 'ipa-server-install', 'ipa-restore', 'ipa-getkeytab', 'realm', 'net', 'adcli', 'ipa-client-install']},
    check: directory,
    examples() {
      return {
        refuse: [
          'ldapdelete -x -H ldap://ldap.example.com -D "cn=admin,dc=example,dc=com" -y /root/.ldap.pw -r "ou=people,dc=example,dc=com"',
          "ldapmodify -x -D cn=admin,dc=example,dc=com -y pw <<'EOF'\ndn: cn=admins,ou=groups,dc=example,dc=com\nchangetype: modify\ndelete: member\nEOF",
          "ldapmodify -x -D cn=admin,dc=example,dc=com -y pw <<'EOF'\ndn: cn=admin,dc=example,dc=com\nchangetype: modify\nreplace: userPassword\nuserPassword: changeme\nEOF",
          'ldapdelete -xr -D cn=admin,dc=example,dc=com -y pw ou=people,dc=example,dc=com', 'kdb5_util -r EXAMPLE.COM destroy -f', 'samba-tool -U Administrator domain demote', 'kdb5_util destroy -f', 'kdb5_util load /var/backups/kdc.dump', 'kadmin.local -q "delprinc -force krbtgt/EXAMPLE.COM@EXAMPLE.COM"', "kadmin.local <<< 'delprinc -force kadmin/admin@EXAMPLE.COM'",
          'samba-tool domain demote -U Administrator', 'samba-tool user delete Administrator', 'samba-tool dns zonedelete dc1 example.com -U Administrator', 'ipa user-del admin', 'ipa dnszone-del example.com.', 'ipa dnsrecord-del example.com @ --del-all', 'ipa-server-install --uninstall -U', 'ipa-restore -U ipa-full-2024-05-01',
          "kadmin.local -q 'ktadd -k /etc/krb5.keytab host/web-01.example.com'", 'kadmin -p admin/admin -q "xst -k http.keytab HTTP/app.example.com"', 'ipa-getkeytab -s ipa1.example.com -p HTTP/app01.example.com -k /etc/httpd/conf/httpd.keytab', "kadmin.local -q 'ktadd -k /tmp/all.keytab -glob host/*'",
          'realm leave example.com', 'sudo realm leave -U admin EXAMPLE.COM', 'net ads leave -U Administrator', 'adcli delete-computer -D example.com', 'ipa-client-install --uninstall -U',
        ],
        allow: [
          'ldapdelete -x -D cn=admin,dc=example,dc=com -y pw uid=olduser,ou=people,dc=example,dc=com', 'ldapdelete -n -r ou=test,dc=example,dc=com', "ldapmodify -x -D cn=admin,dc=example,dc=com -y pw <<'EOF'\ndn: cn=admins,ou=groups,dc=example,dc=com\nchangetype: modify\ndelete: member\nmember: uid=bob,ou=people,dc=example,dc=com\nEOF",
          'kdb5_util dump /var/backups/kdc.dump', 'kdb5_util load -update /var/backups/incr.dump', 'kadmin.local -q "delprinc -force host/old.example.com@EXAMPLE.COM"', 'kadmin.local -q listprincs', 'samba-tool user delete bob', 'samba-tool dns query dc1 example.com @ ALL -U Administrator',
          'ldapdelete -x -D cn=admin,dc=example,dc=com -wsecret uid=bob,ou=people,dc=example,dc=com', 'samba-tool user delete -U Administrator jdoe', 'ipa user-del bob', 'ipa dnsrecord-del example.com www --a-rec=10.0.0.5', 'ipa-backup', 'ipa-server-install --help',
          "kadmin.local -q 'ktadd -norandkey -k /etc/krb5.keytab host/web-01.example.com'", "kadmin.local -q 'addprinc -randkey HTTP/new.example.com' && kadmin.local -q 'ktadd -k http.keytab HTTP/new.example.com'",
          'ipa-getkeytab -r -s ipa1.example.com -p HTTP/app01.example.com -k /etc/httpd/conf/httpd.keytab', 'ipa service-add HTTP/web01.example.com && ipa-getkeytab -s ipa1.example.com -p HTTP/web01.example.com -k /etc/httpd/http.keytab', 'realm list', 'realm join -U admin example.com', 'net ads testjoin', 'net ads info', 'adcli info example.com', 'ipa-client-install --domain example.com -U',
        ],
      };
    },
  },
  {
    id: 'cloud.dns-delete',
    pack: 'cloud',
    level: 'deny',
    reason: "deletes a DNS zone, or the records that route its mail and delegate it (MX, NS, SOA): the domain's mail and names stop resolving",
    alternative: 'export the zone first, and change one record at a time',
    match: {program: ['rndc', 'pdnsutil', 'knotc', 'flarectl', 'nsupdate', 'aws']},
    check: dns,
    examples() {
      return {
        refuse: [
          'rndc delzone -clean example.com', 'pdnsutil delete-zone example.com', 'pdnsutil clear-zone example.com', 'knotc --force zone-purge example.com', 'flarectl zone delete --zone=example.com',
          "nsupdate -k /etc/bind/ddns.key <<'EOF'\nserver ns1.example.com\nzone example.com\nupdate delete example.com. MX\nsend\nEOF",
          "nsupdate <<'EOF'\nzone example.com\nupdate delete example.com.\nsend\nEOF",
          `aws route53 change-resource-record-sets --hosted-zone-id Z3M3 --change-batch '{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"example.com.","Type":"MX","TTL":300}}]}'`,
        ],
        allow: [
          'rndc reload example.com', 'rndc freeze example.com', 'pdnsutil list-zone example.com', 'knotc zone-status example.com', 'flarectl dns list --zone=example.com',
          "nsupdate -k k <<'EOF'\nzone example.com\nupdate delete _acme-challenge.example.com. TXT\nsend\nEOF",
          "nsupdate -k k <<'EOF'\nzone example.com\nupdate delete example.com. MX 10 mx1.example.com.\nupdate add example.com. 300 MX 10 mx2.example.com.\nsend\nEOF",
          `aws route53 change-resource-record-sets --hosted-zone-id Z3M3 --change-batch '{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"old.example.com.","Type":"A","TTL":300}},{"Action":"UPSERT","ResourceRecordSet":{"Name":"example.com.","Type":"MX","TTL":300}}]}'`,
          `aws route53 change-resource-record-sets --hosted-zone-id Z3M3 --change-batch '{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"www.example.com.","Type":"A","TTL":300}}]}'`,
        ],
      };
    },
  },
  {
    id: 'cloud.identity-delete',
    pack: 'cloud',
    level: 'deny',
    reason: "deletes an identity provider's realm, sign-in source or application (Keycloak, Okta, Auth0, authentik): its users cannot sign in. A realm the same script created is refused too: its create may have failed on a realm of that name",
    alternative: 'export the realm or configuration first; disable it before deleting it by hand',
    match: {program: ['kcadm.sh', 'kcadm', 'auth0', 'curl']},
    check: identity,
    examples() {
      return {
        refuse: ['kcadm.sh delete -r master realms/production', 'kcadm.sh create realms -s realm=ci-smoke && kcadm.sh delete realms/production', 'kcadm.sh delete realms/production', 'kcadm.sh delete identity-provider/instances/google -r production', 'auth0 apps delete 1VgXkPnWw8jX3Q0n7c3CwZpkx --force', 'curl -i -X DELETE -H "Authorization: SSWS t" https://example.okta.com/api/v1/idps/0oa62bfdjnK55Z5x80h7', 'curl -sX DELETE -H "Authorization: SSWS t" https://example.okta.com/api/v1/idps/0oa62bfdjnK55Z5x80h7', 'curl -X DELETE -H "Authorization: Bearer t" http://localhost:8080/admin/realms/production'],
        allow: ['kcadm.sh get realms', 'kcadm.sh delete users/8f1c -r test-realm', 'auth0 apps list', 'auth0 apps delete 1VgX', 'curl -X DELETE -H "Authorization: Bearer t" http://localhost:8080/admin/realms/production/users/8f1c'],
      };
    },
  },
];
