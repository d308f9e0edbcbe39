// Who owns what: a group-writable policy is acceptable only when the group is its owner's
// own private group (user private groups, as Debian and Fedora create them). Read from
// /etc/passwd and /etc/group, and only when such a file turns up; a user known only to
// NSS (LDAP, sssd) has no private group here, so the file is refused: fail closed.
import {readFileSync} from 'node:fs';

interface Account {
  gid: number;
  name: string;
}

interface Group {
  members: string[];
  name: string;
}

let accounts: Map<number, Account[]> | undefined;
let groups: Map<number, Group> | undefined;

function table(path: string): string[][] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(':'));
  } catch {
    return [];
  }
}

function load(): {accounts: Map<number, Account[]>; groups: Map<number, Group>} {
  if (!accounts || !groups) {
    accounts = new Map();
    for (const [name = '', , uid = '', gid = ''] of table('/etc/passwd')) {
      accounts.set(Number(uid), [...(accounts.get(Number(uid)) ?? []), {gid: Number(gid), name}]);
    }

    groups = new Map();
    for (const [name = '', , gid = '', members = ''] of table('/etc/group')) {
      groups.set(Number(gid), {members: members.split(',').filter(Boolean), name});
    }
  }

  return {accounts, groups};
}

/** The group is the owner's primary group, named after the owner, and nobody else's. */
export function isPrivateGroup(uid: number, gid: number): boolean {
  const {accounts, groups} = load();
  const owner = accounts.get(uid);
  const group = groups.get(gid);
  if (!owner || owner.length !== 1 || !group) return false;
  const [{gid: primary, name}] = owner as [Account];
  if (primary !== gid || group.name !== name || group.members.some((member) => member !== name)) return false;
  const sharers = [...accounts.entries()].filter(([other, list]) => other !== uid && list.some((account) => account.gid === gid));
  return sharers.length === 0;
}

/** `nogroup (65534)` for messages; the number alone when the group is unknown. */
export function groupLabel(gid: number): string {
  const group = load().groups.get(gid);
  return group ? `${group.name} (${gid})` : String(gid);
}

/** `nobody (65534)` for messages. */
export function userLabel(uid: number): string {
  const account = load().accounts.get(uid)?.[0];
  return account ? `${account.name} (${uid})` : String(uid);
}
