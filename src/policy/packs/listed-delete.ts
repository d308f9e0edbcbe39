// Every item a listing names, deleted one by one: `bw list items | jq -r '.[].id' | xargs -n1
// bw delete item`, `for n in $(kubectl get nodes -o name); do kubectl drain "$n"; done`,
// `curl …/api/keys | jq … | while read id; do curl -X DELETE …/api/keys/$id; done`. Each
// delete names one item; together they name all of them. It is the listing of the same tool
// or service, unfiltered, that says so: a filter by state or age between them (`grep Evicted`,
// `--filter status=exited`, `select(.age > 30)`) is the ordinary clean-up, and passes.
import {type SimpleCommand, type Word, knownText} from '../../shell/index.js';
import {written} from '../spelling.js';
import type {Hit} from '../types.js';
import {httpMethod} from './hits.js';

/** A word that deletes, or takes out of service, the item it names. */
const deleting = /^(?:delete|del|rm|rmi|remove|destroy|purge|forget|drop|terminate|deactivate|revoke|uninstall|erase|wipe|deregister|unregister|decommission|obliterate|expunge|drain|disable|delprinc|deluser|stop|shutdown|poweroff|deallocate|suspend|suspended|inactive|force-leave|(?:delete|remove|destroy|purge|drop|terminate|deregister|disable|stop)[-_][a-z-]+|undefine|[a-z]+[-_](?:delete|remove|destroy|purge))$/;
/** Programs other rules judge when their targets come from a listing (the file system, containers, Kubernetes, Redis keys, git branches, signals). */
const judgedElsewhere = new Set(['rm', 'rmdir', 'unlink', 'shred', 'find', 'mv', 'docker', 'podman', 'nerdctl', 'redis-cli', 'valkey-cli', 'keydb-cli', 'crane', 'skopeo', 'exim', 'postsuper', 'git', 'kill', 'pkill', 'killall', 'echo', 'printf', 'true', ':']);
/** Listings whose items another program acts on: a batch system's queue and its cancel. */
const listedBy: Record<string, string[]> = {scancel: ['squeue'], qdel: ['qstat', 'qselect'], atrm: ['atq'], bkill: ['bjobs'], condor_rm: ['condor_q']};
const httpClients = new Set(['curl', 'wget', 'http', 'https', 'xh', 'httpie']);
/** Options and query parameters that pick items by state, age, label or name: one of the words of their name (`field-selector`, `older_than`, `monitor_tags`). */
const pickingWord = /^(?:filter|filters|select|selector|status|state|states|me|mine|phase|older|newer|before|after|since|until|age|expired?|merged|dangling|exited|failed|label|labels|tag|tags|match|pattern|prefix|search|grep|glob|where|stale|inactive|orphan|unused)$/i;
const picking = (name: string) => name.split(/[-_.]/).some((part) => pickingWord.test(part));
/** A query parameter picks as an option does, and `name`, `q` and `query` too (`?name=_acme-challenge…`); as options (`--user-name`, gcloud's `-q`), they say whose items or how to list. */
const pickingParameter = (name: string) => /^(?:name|q|query)$/i.test(name) || picking(name);
/** A jq program that keeps some items and not others. */
const jqPicks = /select\(|test\(|contains\(|startswith\(|endswith\(|limit\(|first|last|\[-?\d*:-?\d*\]|\[\d+\]/;

/** Where a command's item comes from at run time: xargs's input, a `read` loop's input, a `for` over a command's output, or a substitution. */
function listedWord(command: SimpleCommand): Word | undefined {
  return command.argv.slice(1).find((word) => !word.known && /xargs reads from its input|is read from input|is the loop variable \(it takes each of: .*(?:\$\(|`)|^command substitution (?:\$\(|`)/.test(word.why));
}

/** The command's words as tokens: the words themselves, and the parts of a query it sends (`kadmin -q 'delprinc -force x'`) or of a URL's path. */
function tokens(command: SimpleCommand): string[] {
  // Words, the words of a query it sends, a URL's path; a leading dash goes (`-disable`), and a
  // value after `=` stays whole (`maintenance=disable` sets a label).
  return command.argv.slice(1).flatMap((word) => knownText(word).toLowerCase().split(/[\s/?&]+/)).map((token) => token.replace(/^-+(?=[a-z])/, ''));
}

function deletes(command: SimpleCommand): string | undefined {
  const name = command.program.value ?? '';
  if (httpClients.has(name) || ((name === 'gh' || name === 'glab') && command.argv[1]?.value === 'api')) {
    if (httpMethod(command) === 'DELETE') return 'DELETE';
  }

  // A batch system's cancel is its own verb; Ceph's `osd out` takes an OSD out of the data's placement.
  if (listedBy[name]) return name;
  if (name === 'ceph' && tokens(command).includes('out')) return 'osd out';
  const all = tokens(command);
  // `suspended off`, `disable false`: the verb undone.
  return all.find((token, i) => deleting.test(token) && !/^(?:off|false|no|0)$/.test(all[i + 1] ?? ''));
}

/** The service a URL word names: its host, or the variable it starts with (`$G/api/…`). */
function bases(word: Word): string[] {
  const found: string[] = [];
  const raw = /^["']?(\$\{?\w+\}?|https?:\/\/[^/"'$?]+)/.exec(word.raw)?.[1];
  if (raw) found.push(raw.replace(/[{}]/g, ''));
  const host = word.known ? /^https?:\/\/([^/?#]+)/.exec(word.value)?.[1] : undefined;
  if (host) found.push(`https://${host}`, `http://${host}`);
  return found;
}

const urlBases = (command: SimpleCommand) => new Set(command.argv.slice(1).filter((word) => /(?:^["']?\$\{?\w+\}?\/|https?:\/\/)/.test(word.raw)).flatMap(bases));

/** Whether the listing and the delete are of one tool or service. */
function sameSource(listing: SimpleCommand, command: SimpleCommand): boolean {
  const name = command.program.value ?? '';
  const listed = listing.program.value ?? '';
  if (httpClients.has(name)) {
    if (!httpClients.has(listed)) return false;
    const theirs = urlBases(listing);
    return [...urlBases(command)].some((base) => theirs.has(base));
  }

  return listed === name || (listedBy[name]?.includes(listed) ?? false);
}

/** Whether a listing command picks some of its items itself: a filter option, a query parameter, a jq program that selects. */
function listingPicks(listing: SimpleCommand): boolean {
  return listing.argv.slice(1).some((word, i) => {
    const text = knownText(word);
    // A JMESPath `--query` projects; one with `[?…]` filters.
    if (/^--query\b/.test(text) || listing.argv[i]?.value === '--query') return /\[\?/.test(text) || /\[\?/.test(knownText(listing.argv[i + 2] ?? word));
    // `--name` and `--prefix` without a value say how to list (names only; the keys under the
    // operand), not which; with one (`--prefix tmp/`), they pick.
    if (/^--(?:name|prefix)$/.test(text)) {
      const value = listing.argv[i + 2];
      return value !== undefined && !(value.known && (value.value.startsWith('-') || value.value === '/' || value.value === ''));
    }
    if (/^--?[\w-]+/.test(text) && !/^--?query$/.test(text) && picking(/^--?([\w-]+)/.exec(text)![1]!)) return true;
    // `-l env=preview`, `-f status=exited`: a label or filter selector; GAM's `query "…"`.
    if (/^-[lf]$/.test(text) && /!?=/.test(knownText(listing.argv[i + 2] ?? word))) return true;
    if (/^(?:query|filter|where|matching)$/i.test(text) && i > 0) return true;
    if ([...text.matchAll(/[?&]([\w.-]+)=/g)].some((match) => pickingParameter(match[1]!))) return true;
    return jqPicks.test(text) && /[.[\]|]/.test(text) && !text.startsWith('http');
  });
}

/** Whether a command between the listing and the delete keeps some items and not others. */
function picks(filter: SimpleCommand): boolean {
  const name = filter.program.value ?? '';
  const words = filter.argv.slice(1).map((word) => knownText(word));
  // `grep -v Running` keeps what is not running: a pick like any other; `grep -v NAME` or `'^ID'` only drops a header.
  if (/^(?:grep|egrep|fgrep|rg|ag|ack)$/.test(name)) {
    const inverted = words.some((word) => /^-[a-zA-Z]*v|^--invert-match$/.test(word));
    const pattern = words.find((word, i) => !word.startsWith('-') && !/^(?:-e|-f|--regexp|--file)$/.test(words[i - 1] ?? '')) ?? '';
    return !inverted || words.some((word) => /^-[a-zA-Z]*f$|^--file/.test(word)) || !/^\^?[A-Z][A-Z_ ]*$/.test(pattern);
  }
  if (/^(?:jq|gojq|yq|jaq)$/.test(name)) return words.some((word) => jqPicks.test(word));
  if (/^(?:awk|gawk|mawk|nawk)$/.test(name)) {
    const program = words.find((word, i) => !word.startsWith('-') && !/^-[vfF]$/.test(words[i - 1] ?? '')) ?? '';
    const pattern = program.split('{')[0]!.trim();
    return /\bif\s*\(/.test(program) || (pattern !== '' && !/^(?:F?NR\s*(?:>|>=|!=)\s*\d+|NF)$/.test(pattern));
  }

  // `sed -n '/x/p'` keeps some; `sed '/Running/d'` drops some; `sed 1d` only a header.
  if (name === 'sed') return words.some((word) => /^-[a-zA-Z]*n/.test(word)) || words.some((word) => /^\/.+\/d$/.test(word));
  if (name === 'head') return true;
  // `tail -n +2` skips a header; `tail -n 5` keeps five.
  if (name === 'tail') return !words.some((word, i) => /^\+\d+$|^-n\+\d+$|^--lines=\+\d+$/.test(word) || ((word === '-n' || word === '--lines') && /^\+\d+$/.test(words[i + 1] ?? '')));
  return false;
}

/** The listing a word came from and what stands between: the pipe's producers, or the substitution's commands. */
function source(command: SimpleCommand, word: Word & {known: false}, commands: SimpleCommand[]): {listing: SimpleCommand; between: SimpleCommand[]} | undefined {
  if (/xargs reads from its input|is read from input/.test(word.why)) {
    const [listing, ...between] = command.piped?.from ?? [];
    // A listing kept in a variable and echoed on: `echo "$ids" | xargs …`.
    const kept = listing && /^(?:echo|printf|cat)$/.test(listing.program.value ?? '') ? listing.argv.find((arg) => !arg.known && substituted.test(arg.why)) : undefined;
    if (kept && !kept.known) {
      const found = substitution(kept.why, via(kept.why), commands);
      return found && {listing: found.listing, between: [...found.between, ...between]};
    }
    if (listing) return {listing, between};
    // A read loop fed by a process substitution (`done < <(vault kv list … | jq …)`), or by a here-string of a variable a substitution filled (`done <<< "$ids"`).
    const input = command.redirects.find((redirect) => (redirect.op === '<' || redirect.op === '<<<') && !redirect.target.known && /^(?:process|command) substitution (?:<\(|\$\(|`)/.test(redirect.target.why));
    return input && !input.target.known ? substitution(input.target.why, input.op === '<' ? '<(...)' : via(input.target.why), commands) : undefined;
  }

  return substitution(word.why, via(word.why), commands);
}

/** A value a command substitution gave. */
const substituted = /^command substitution (?:\$\(|`)/;
/** How the commands of the substitution a why quotes are reached. */
const via = (why: string) => (/`/.test(why) && !/\$\(/.test(why) ? '`...`' : '$(...)');

/** The commands of the substitution a word's why quotes (`$(…)`, `` `…` ``, `<(…)`): the first lists, the ones it pipes into pick. */
function substitution(why: string, via: string, commands: SimpleCommand[]): {listing: SimpleCommand; between: SimpleCommand[]} | undefined {
  const inside = /(?:\$\(|<\(|`)(.*)$/.exec(why)?.[1]?.replace(/\)\)?$|`\)?$|\.\.\.\)?$/, '') ?? '';
  const head = inside.slice(0, 40).trim();
  const substituted = commands.filter((other) => other.via.at(-1) === via && head !== '' && (head.startsWith(other.location.text.slice(0, 40).trim()) || other.location.text.startsWith(head)));
  const listing = substituted[0];
  if (!listing) return undefined;
  return {listing, between: commands.filter((other) => other.via.at(-1) === via && other.piped?.from.includes(listing))};
}

/** Each delete of an item that an unfiltered listing of the same tool or service names. */
export function listedDeletes(commands: SimpleCommand[]): Array<{command: SimpleCommand; hit: Hit}> {
  const found: Array<{command: SimpleCommand; hit: Hit}> = [];
  for (const command of commands) {
    const word = listedWord(command);
    if (!word || word.known || command.calls !== undefined || judgedElsewhere.has(command.program.value ?? '')) continue;
    const verb = deletes(command);
    if (!verb) continue;
    const from = source(command, word, commands);
    if (!from || !sameSource(from.listing, command) || listingPicks(from.listing) || from.between.some(picks)) continue;
    if (command.argv.some((arg) => arg.known && /^--?dry-?run(?:=true)?$|^--whatif$/i.test(arg.value))) continue;
    found.push({command, hit: {word: written(word), reason: `${command.program.value} ${verb} runs on every item ${from.listing.program.value} lists, and nothing between them picks which: all of them go`}});
  }

  return found;
}
