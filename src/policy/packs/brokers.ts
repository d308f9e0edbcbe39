// Message brokers and streams: what consumers have not read yet, lost. A topic, stream, queue or
// virtual host deleted or purged, a consumer group's offsets deleted or moved past what it has
// read, a retention or a length cut to nothing, a broker's whole state reset. Kafka and Redpanda,
// RabbitMQ (its CLIs and its management API), NATS, Pulsar, ActiveMQ, Celery's queues, Kafka's
// ZooKeeper. A queue or stream named for a test or scratch (`tmp.e2e-results`) is its own.
import type {SimpleCommand} from '../../shell/index.js';
import type {Hit} from '../types.js';
import {type ReadCommand, readCommand, sentMethod, shortLived} from './hits.js';

type Check = (read: ReadCommand, command: SimpleCommand) => Hit | null;

const help = (read: ReadCommand) => read.texts.some((text) => text === '--help' || text === '-h' || text === 'help');
// The options of these tools that take a value: `-p VHOST`, `-n NODE`, `--server URL`…
const valued = new Set(['-p', '-n', '--vhost', '--node', '-t', '--timeout', '-s', '--server', '--context', '--creds', '-V', '-H', '-u', '-P', '-c', '--config', '--user', '--password', '--apply-to', '--priority']);
/** The first operand after the word at `at`: options and the values of those above skipped. */
const operandAfter = (read: ReadCommand, at: number) => read.texts.slice(at + 1).find((text, i, rest) => !text.startsWith('-') && !valued.has(rest[i - 1] ?? ''));
/** A name given as `name=X` (rabbitmqadmin) or as the operand. */
const named = (read: ReadCommand, at: number) => read.texts.find((text) => /^name=/.test(text))?.slice(5) ?? operandAfter(read, at) ?? '';

const kafkaTopics: Check = (read) => (read.lower.includes('--delete') && !help(read) ? read.hit(read.at(/^--delete$/), 'deletes the topic and every message in it') : null);

const kafkaGroups: Check = (read) => {
  if (help(read)) return null;
  const del = read.at(/^--delete(?:-offsets)?$/);
  if (del !== -1) return read.hit(del, `${read.texts[del]} deletes the group's committed offsets: its consumers start over from the reset policy, skipping or repeating messages`);
  const execute = read.at(/^--execute$/);
  if (execute === -1 || read.at(/^--reset-offsets$/) === -1) return null;
  // Moving to the end (or past now) skips every message not yet read; `--to-earliest` replays, and `--all-groups` moves every consumer at once.
  const ahead = read.at(/^--to-(?:latest|current)$|^--shift-by(?:=|$)/);
  const by = ahead === -1 ? undefined : read.lower[ahead]!.startsWith('--shift-by') ? Number(read.texts[ahead]!.includes('=') ? read.texts[ahead]!.split('=')[1] : read.texts[ahead + 1]) : undefined;
  const shift = by !== undefined ? by > 0 : ahead !== -1 && read.lower[ahead] === '--to-latest';
  if (shift) return read.hit(ahead, `${read.texts[ahead]} --execute moves the group past every message it has not read: they are never consumed`);
  return read.lower.includes('--all-groups') ? read.hit(read.at(/^--all-groups$/), '--all-groups --reset-offsets --execute moves every consumer group of the cluster at once') : null;
};

const kafkaRecords: Check = (read) => (help(read) ? null : read.hit(0, 'deletes every record of the partitions before the offsets it is given'));

const streamsReset: Check = (read) => (help(read) || read.lower.includes('--dry-run') ? null : read.hit(0, "resets the Streams application: its offsets go back and its internal topics and state are deleted"));

const rabbitmqctl: Check = (read) => {
  if (help(read)) return null;
  const at = read.at(/^(?:delete_vhost|reset|force_reset|delete_queue|purge_queue|set_policy)$/);
  if (at === -1) return null;
  const verb = read.lower[at]!;
  const name = operandAfter(read, at) ?? '';
  if (verb === 'set_policy') {
    // A policy that keeps no message (`"max-length": 0`) on every queue its pattern matches.
    const definition = read.texts.slice(at + 1).find((text) => text.includes('{')) ?? '';
    return /"max-length(?:-bytes)?"\s*:\s*0\b/.test(definition) ? read.hit(at, `set_policy ${name} keeps no message in any queue it matches: each is emptied`) : null;
  }
  if ((verb === 'delete_queue' || verb === 'purge_queue') && shortLived.test(name)) return null;
  const what = verb === 'delete_vhost' ? 'deletes the virtual host with every queue, exchange and message in it' : verb === 'purge_queue' ? "deletes every message in the queue" : verb === 'delete_queue' ? 'deletes the queue and every message in it' : "resets the node: every queue, message, user and setting on it is gone";
  return read.hit(at, `${read.texts[at]} ${what}`);
};

const rabbitmqadmin: Check = (read) => {
  const at = read.at(/^(?:purge|delete)$/);
  const kind = read.lower[at + 1];
  if (at === -1 || !/^(?:queue|exchange|vhost)$/.test(kind ?? '') || help(read) || shortLived.test(named(read, at + 1))) return null;
  return read.hit(at, `${read.texts[at]} ${kind} ${read.lower[at] === 'purge' ? 'deletes every message in the queue' : `deletes the ${kind} and what it holds or routes`}`);
};

const amqpDeleteQueue: Check = (read) => {
  const queue = read.texts.find((text, i) => /^(?:-q|--queue)$/.test(read.texts[i - 1] ?? '')) ?? read.texts.find((text) => /^--queue=/.test(text))?.slice(8) ?? '';
  return help(read) || shortLived.test(queue) ? null : read.hit(0, 'deletes the queue and every message in it');
};

const nats: Check = (read) => {
  if (help(read)) return null;
  const at = read.at(/^(?:stream|str|s|kv|obj|object|o|consumer|con|c)$/);
  const verb = read.lower[at + 1] ?? '';
  if (at === -1 || !/^(?:rm|del|delete|purge)$/.test(verb)) return null;
  const name = operandAfter(read, at + 1) ?? '';
  if (shortLived.test(name)) return null;
  // One key of a bucket (`nats kv del BUCKET KEY`), one file of a store (`nats obj rm BUCKET FILE`): the operator's.
  const rest = read.texts.slice(at + 2).filter((text, i, all) => !text.startsWith('-') && !valued.has(all[i - 1] ?? ''));
  if (/^(?:kv|obj|object|o)$/.test(read.lower[at]!) && rest.length > 1) return null;
  const what = /^c(?:on)?/.test(read.lower[at]!) ? "deletes the consumer: what it has not acknowledged is redelivered to no one, and its position is lost" : verb === 'purge' ? 'deletes every message of the stream' : `deletes the ${read.lower[at]} and every message or value in it`;
  return read.hit(at + 1, `${read.texts[at]} ${verb} ${what}`);
};

const rpk: Check = (read) => {
  if (help(read)) return null;
  const topic = read.at(/^topic$/);
  if (topic !== -1 && /^(?:delete|trim-prefix|trim)$/.test(read.lower[topic + 1] ?? '')) return read.hit(topic + 1, `topic ${read.texts[topic + 1]} deletes the topic's messages (or the topic)`);
  const group = read.at(/^group$/);
  const verb = read.lower[group + 1] ?? '';
  if (group === -1) return null;
  if (verb === 'offset-delete' || verb === 'delete') return read.hit(group + 1, `group ${verb} deletes the group's committed offsets`);
  return verb === 'seek' && read.texts.some((text, i) => (text === 'end' && read.lower[i - 1] === '--to') || text === '--to=end') ? read.hit(group + 1, 'group seek --to end moves the group past every message it has not read') : null;
};

const zookeeper: Check = (read) => {
  const at = read.at(/^(?:deleteall|rmr)$/);
  const path = at === -1 ? undefined : read.texts[at + 1];
  return path !== undefined && !shortLived.test(path) ? read.hit(at, `${read.texts[at]} ${path} deletes the znode and everything below it (on a Kafka or ClickHouse ZooKeeper, the cluster's own metadata)`) : null;
};

const pulsarAdmin: Check = (read) => {
  if (help(read)) return null;
  const at = read.at(/^(?:topics|namespaces|tenants|clusters|persistent)$/);
  const verb = read.lower[at + 1] ?? '';
  if (at === -1) return null;
  const target = read.texts.slice(at + 2).find((text) => !text.startsWith('-')) ?? '';
  if (/^(?:delete|delete-partitioned-topic|clear-backlog|unsubscribe|truncate|skip-all|clear-namespace-backlog)$/.test(verb) && !shortLived.test(target)) {
    return read.hit(at + 1, `${read.texts[at]} ${verb} ${verb === 'unsubscribe' ? "deletes the subscription with every message it had not acknowledged" : /backlog|skip/.test(verb) ? 'acknowledges every message not yet read: they are never consumed' : `deletes the ${read.texts[at]!.replace(/s$/, '')} with every message in it`}`);
  }
  // A message TTL of under an hour (`--messageTTL 5`, in seconds), or no retention at all.
  const ttl = read.texts.findIndex((text) => /^(?:--messageTTL|-ttl)$/.test(text));
  if (verb === 'set-message-ttl' && ttl !== -1 && Number(read.texts[ttl + 1]) > 0 && Number(read.texts[ttl + 1]) < 3600) return read.hit(at + 1, `set-message-ttl of ${read.texts[ttl + 1]} s expires every message not read within it`);
  return null;
};

const activemq: Check = (read) => (read.lower.includes('purge') && !help(read) ? read.hit(read.at(/^purge$/), 'purge deletes every message of the queue') : null);

const celery: Check = (read) => {
  if (help(read)) return null;
  const purge = read.at(/^purge$/);
  if (purge !== -1 && read.lower.some((text) => text === '-f' || text === '--force')) return read.hit(purge, 'purge -f deletes every task waiting in its queues, unasked');
  const amqp = read.at(/^(?:queue\.purge|queue\.delete)$/);
  return amqp !== -1 && read.lower.includes('amqp') && !shortLived.test(read.texts[amqp + 1] ?? '') ? read.hit(amqp, `amqp ${read.texts[amqp]} deletes every message of the queue${/delete/.test(read.lower[amqp]!) ? ', and the queue' : ''}`) : null;
};

/** RabbitMQ's management API (`:15672/api/queues/VHOST/NAME/contents`, a vhost), ActiveMQ's Jolokia `purge`/`removeQueue`. */
const brokerHttp: Check = (read, command) => {
  const method = sentMethod(command);
  // RabbitMQ's management API on its port (15672) or a host named for it; Jolokia's.
  const url = read.texts.find((text) => (/\/api\/(?:queues|vhosts|exchanges)\//.test(text) && /^(?:https?:\/\/)?[^/]*(?::15672|rabbit|amqp)/i.test(text)) || /\/api\/jolokia\//.test(text));
  if (!url || help(read)) return null;
  const jolokia = /\/api\/jolokia\/exec\/[^?]*\/(purge|removeQueue|removeTopic)\b/i.exec(url);
  if (jolokia) return read.hit(read.texts.indexOf(url), `calls ${jolokia[1]} through Jolokia: the queue's messages are deleted`);
  const rabbit = /\/api\/(queues|vhosts|exchanges)\/([^?#]*)/.exec(url);
  if (method !== 'DELETE' || !rabbit) return null;
  const parts = rabbit[2]!.split('/').filter(Boolean);
  if (shortLived.test(parts.at(-1) === 'contents' ? (parts.at(-2) ?? '') : (parts.at(-1) ?? ''))) return null;
  const what = rabbit[1] === 'vhosts' ? 'the virtual host with every queue and message in it' : parts.at(-1) === 'contents' ? "every message of the queue" : `the ${rabbit[1]!.replace(/s$/, '')} and what it holds or routes`;
  return parts.length >= (rabbit[1] === 'vhosts' ? 1 : 2) ? read.hit(read.texts.indexOf(url), `DELETE ${url} deletes ${what}`) : null;
};

const checks: Record<string, Check> = {
  'kafka-topics': kafkaTopics,
  'kafka-consumer-groups': kafkaGroups,
  'kafka-delete-records': kafkaRecords,
  'kafka-streams-application-reset': streamsReset,
  rabbitmqctl,
  rabbitmqadmin,
  'amqp-delete-queue': amqpDeleteQueue,
  nats,
  rpk,
  'zookeeper-shell': zookeeper,
  zkCli: zookeeper,
  'pulsar-admin': pulsarAdmin,
  activemq,
  'activemq-admin': activemq,
  celery,
  curl: brokerHttp,
  wget: brokerHttp,
  http: brokerHttp,
};

/** The programs the rule judges, `.sh` forms included. */
export const brokerPrograms = Object.keys(checks).flatMap((name) => (/^(?:kafka|zookeeper|zkCli)/.test(name) ? [name, `${name}.sh`] : [name]));

export function brokerDelete(command: SimpleCommand): Hit | null {
  const read = readCommand(command);
  return checks[read.name.replace(/\.sh$/, '')]?.(read, command) ?? null;
}
