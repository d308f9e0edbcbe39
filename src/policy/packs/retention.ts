// Data erased by a setting rather than a delete: a retention, a time to live or an expiry cut to
// seconds or hours on a store that keeps what matters (a broker's topic, a search cluster's
// indices, a database's rows, a metrics store, a bucket, a log group, the automated backups),
// so that everything older goes at the next sweep. An ordinary retention (days or more), one on
// what is named as a cache, a session store or scratch, a prefix of a bucket, and the reading of
// any of these pass.
import {now} from '../../clock.js';
import type {SimpleCommand} from '../../shell/index.js';
import type {BuiltinRule, EvaluationContext, Hit} from '../types.js';
import {fileText, httpMethod, inputText, optionValue, readCommand, shortLived} from './hits.js';

const day = 86_400;
const unitSeconds: Record<string, number> = {
  ms: 0.001, millisecond: 0.001, milliseconds: 0.001, s: 1, sec: 1, second: 1, seconds: 1, m: 60, min: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hour: 3600, hours: 3600, d: day, day, days: day, w: 7 * day, week: 7 * day, weeks: 7 * day,
  month: 30 * day, months: 30 * day, quarter: 91 * day, quarters: 91 * day, y: 365 * day, year: 365 * day, years: 365 * day,
};

/** Seconds in a duration as stores write them (`1s`, `500ms`, `1h`, `30d`, `2weeks`, `1 second`), a bare number in `bare` units. */
export function durationSeconds(text: string, bare = 1): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text.replace(/^['"]|['"]$/g, ''));
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase();
  const scale = unit === '' ? bare : unitSeconds[unit];
  return scale === undefined ? undefined : Number(match[1]) * scale;
}

const short = (seconds: number | undefined, under = day) => seconds !== undefined && seconds < under;
const seconds = (seconds: number) => (seconds < 1 ? `${seconds * 1000} ms` : seconds < 120 ? `${seconds} s` : seconds < 7200 ? `${Math.round(seconds / 60)} minutes` : `${Math.round(seconds / 3600)} hours`);


/** `key=value` settings in a list (`retention.ms=1000,cleanup.policy=delete`). */
const settings = (text: string | undefined) => new Map((text ?? '').split(',').map((pair) => pair.split('=') as [string, string]).filter((pair) => pair.length === 2));

/** A store's own retention cut: brokers, search clusters' policies over HTTP, databases' TTLs, metrics stores. */
export function storeRetention(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const {name, texts, lower, at, hit} = readCommand(command);
  if (texts.includes('--help')) return null;
  const base = name.replace(/\.sh$/, '');
  if (base === 'kafka-configs') {
    if (shortLived.test(optionValue(texts, '--entity-name') ?? '')) return null;
    for (const [key, value] of settings(optionValue(texts, '--add-config'))) {
      const unit = key.endsWith('ms') ? 0.001 : key.endsWith('minutes') ? 60 : 3600;
      const kept = /^(?:log\.)?retention\.(?:ms|minutes|hours)$/.test(key) ? durationSeconds(value, unit) : undefined;
      const everywhere = texts.includes('--entity-default') ? ', on every topic of every broker' : '';
      if (kept !== undefined && kept >= 0 && short(kept)) return hit(at(/^--add-config/), `sets ${key}=${value}: every message older than ${seconds(kept)} is deleted${everywhere}`);
      if (/^(?:log\.)?retention\.bytes$/.test(key) && Number(value) >= 0 && Number(value) < 1024 ** 2) return hit(at(/^--add-config/), `sets ${key}=${value}: each partition keeps almost nothing${everywhere}`);
    }

    return null;
  }

  if (base === 'rpk') {
    // `--set retention.ms=N` on a topic; `cluster config set log_retention_ms N` for every topic.
    const value = texts.map((text, i) => /^(?:retention\.ms|log_retention_ms)=(\d+)$/.exec(text)?.[1] ?? (text === 'log_retention_ms' && /^\d+$/.test(texts[i + 1] ?? '') ? texts[i + 1] : undefined)).find((found) => found !== undefined);
    if (shortLived.test(texts[lower.indexOf('alter-config') + 1] ?? '')) return null;
    return value !== undefined && short(Number(value) / 1000) && at(/^(?:alter-config|set|create)$/) !== -1 && !lower.includes('create') ? hit(at(/retention/), `sets a retention of ${value} ms: every message older is deleted`) : null;
  }

  if (base === 'nats') {
    const age = optionValue(texts, '--max-age');
    const verb = lower.findIndex((text) => text === 'edit' || text === 'update');
    const stream = texts.slice(verb + 1).find((text) => !text.startsWith('-'));
    return at(/^(?:edit|update)$/) !== -1 && short(durationSeconds(age ?? '', 1e-9), 3600) && !shortLived.test(stream ?? '') ? hit(at(/^--max-age/), `sets the stream's max age to ${age}: every older message is deleted`) : null;
  }

  if (base === 'rabbitmqctl') {
    const set = lower.indexOf('set_policy');
    // Its operands NAME PATTERN DEFINITION, past `-p VHOST`, `--priority N`, `--apply-to WHAT`.
    const operands = texts.slice(set + 1).filter((text, i, rest) => !text.startsWith('-') && !/^(?:-p|--vhost|--priority|--apply-to)$/.test(rest[i - 1] ?? ''));
    const [, pattern, definition = ''] = operands;
    const ttl = /"(?:message-ttl|expires)"\s*:\s*(\d+)/.exec(definition)?.[1];
    return set !== -1 && ttl !== undefined && Number(ttl) < 3_600_000 && /^(?:\.\*|\^?\.\*\$?|\^|)$/.test(pattern ?? '') ? hit(set, `sets ${definition} on every queue: messages older than ${ttl} ms are deleted`) : null;
  }

  // InfluxDB 1.x's `/query` endpoint takes InfluxQL in its `q` parameter (`--data-urlencode "q=ALTER RETENTION POLICY …"`).
  if ((base === 'curl' || base === 'wget' || base === 'http') && texts.some((text) => /\/query(?:\?|$)/.test(text))) {
    const influxQl = texts.flatMap((text) => [...text.matchAll(/(?:^|[?&])q=([^&]*)/g)].map((match) => decodeQuery(match[1]!)));
    const found = storeSql(influxQl, hit);
    if (found) return found;
  }
  if (base === 'curl' || base === 'wget' || base === 'http') return searchPolicy(command, context, texts, hit);
  // The statement as operands, or on the client's input (a heredoc, a here-string, a pipe, a file).
  return storeSql([...texts, inputText(command, context) ?? ''], hit);
}

/** A query parameter's value as sent: `+` a blank, `%XX` decoded (where it decodes). */
function decodeQuery(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Elasticsearch's ILM delete phase, OpenSearch's ISM delete state and SLM's snapshot expiry, PUT over HTTP with a short age. */
function searchPolicy(command: SimpleCommand, context: EvaluationContext, texts: string[], hit: (index: number, reason: string) => Hit): Hit | null {
  const url = texts.findIndex((text) => /\/_(?:ilm\/policy|plugins\/_ism\/policies|opendistro\/_ism\/policies|slm\/policy)\//.test(text));
  const method = httpMethod(command) ?? 'GET';
  if (url === -1 || (method !== 'PUT' && method !== 'POST')) return null;
  if (shortLived.test(texts[url]!.replace(/^.*\/(?:policy|policies)\//, ''))) return null;
  const data = texts.map((text, i) => (/^(?:-d|--data(?:-raw|-binary|-ascii)?|--json)$/.test(texts[i - 1] ?? '') ? text : /^--data(?:-raw|-binary)?=/.test(text) ? text.replace(/^[^=]*=/, '') : /^-d./.test(text) ? text.slice(2) : undefined)).filter((text) => text !== undefined);
  const body = data.map((text) => (text!.startsWith('@') ? (fileText(text!.slice(1), command, context) ?? '') : text!)).join('\n');
  const age = deletingAge(body);
  return age !== undefined && short(age) ? hit(url, `PUT of a policy that deletes indices or snapshots after ${seconds(age)}: everything it governs goes at the next sweep`) : null;
}

/**
 * The age after which a policy deletes: ILM's delete phase `min_age` (0 when it names none), SLM's
 * `expire_after`, ISM's transition into a state that deletes; undefined when it deletes nothing
 * or its body is no JSON guard can read.
 */
function deletingAge(body: string): number | undefined {
  let policy: unknown;
  try {
    policy = JSON.parse(body);
  } catch {
    return undefined;
  }

  const at = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
  const age = (value: unknown) => (typeof value === 'string' ? durationSeconds(value, 0.001) : undefined);
  const phase = at(policy, 'policy', 'phases', 'delete');
  if (phase !== undefined && at(phase, 'actions', 'delete') !== undefined) return age(at(phase, 'min_age')) ?? 0;
  const expire = at(policy, 'retention', 'expire_after');
  if (expire !== undefined) return age(expire);
  const states = at(policy, 'policy', 'states');
  if (!Array.isArray(states)) return undefined;
  const deleting = new Set(states.filter((state) => Array.isArray(at(state, 'actions')) && (at(state, 'actions') as unknown[]).some((action) => at(action, 'delete') !== undefined)).map((state) => at(state, 'name')));
  const ages = states.flatMap((state) => (Array.isArray(at(state, 'transitions')) ? (at(state, 'transitions') as unknown[]) : [])).filter((transition) => deleting.has(at(transition, 'state_name'))).map((transition) => age(at(transition, 'conditions', 'min_index_age')) ?? 0);
  return ages.length > 0 ? Math.min(...ages) : undefined;
}

/** A table's, collection's or database's TTL or retention set to hours or less in the SQL or JavaScript a client runs. */
function storeSql(texts: string[], hit: (index: number, reason: string) => Hit): Hit | null {
  const code = texts.join(' ');
  // ClickHouse: `+ INTERVAL 1 HOUR` or `+ toIntervalHour(1)`; a TTL that moves or recompresses (`TO VOLUME`, `TO DISK`, `RECOMPRESS`) deletes nothing.
  const clickhouse = /\bMODIFY\s+TTL\s+[\w.()]+\s*\+\s*(?:INTERVAL\s+(\d+)\s*(SECOND|MINUTE|HOUR|DAY|WEEK|MONTH|QUARTER|YEAR)?\b|toInterval(Second|Minute|Hour|Day|Week|Month|Quarter|Year)\(\s*(\d+)\s*\))([^,;]*)/i.exec(code);
  const interval = clickhouse && !/^\s*(?:TO\s+(?:VOLUME|DISK)|RECOMPRESS|GROUP\s+BY)\b/i.test(clickhouse[5] ?? '') ? clickhouse : null;
  const table = /\bALTER\s+TABLE\s+([\w.`"]+)/i.exec(code)?.[1] ?? '';
  const amount = interval ? Number(interval[1] ?? interval[4]) : undefined;
  const unit = interval ? (interval[2] ?? interval[3] ?? 'second').toLowerCase() : 'second';
  if (interval && short(amount! * (unitSeconds[unit] ?? 1)) && !shortLived.test(table)) return hit(0, `runs MODIFY TTL of ${amount} ${unit}(s) on ${table}: every older row is deleted`);
  const timescale = /\badd_retention_policy\s*\(\s*'([^']+)'\s*,\s*(?:drop_after\s*=>\s*)?INTERVAL\s*'([^']+)'/i.exec(code);
  if (timescale && short(durationSeconds(timescale[2]!)) && !shortLived.test(timescale[1]!)) return hit(0, `adds a retention policy of ${timescale[2]} on ${timescale[1]}: every older chunk is dropped`);
  // A policy altered (a new one deletes nothing there is); `DURATION 0s` is InfluxDB's infinite.
  const influx = /\bALTER\s+RETENTION\s+POLICY\s+\S+\s+ON\s+(\S+)\s+DURATION\s+(\d+[a-z]+)/i.exec(code);
  const kept = influx ? durationSeconds(influx[2]!) : undefined;
  if (influx && kept !== 0 && short(kept) && !shortLived.test(influx[1]!)) return hit(0, `sets a retention of ${influx[2]} on ${influx[1]}: every older point is deleted`);
  const binlog = /\bSET\s+(?:GLOBAL\s+|PERSIST\s+|@@(?:GLOBAL|PERSIST)\.)binlog_expire_logs_seconds\s*=\s*(\d+)/i.exec(code);
  if (binlog && Number(binlog[1]) > 0 && short(Number(binlog[1]))) return hit(0, `keeps binary logs for ${binlog[1]} s: replicas and point-in-time recovery lose what they need`);
  // A TTL index on the time a document was made; one on its own expiry time (`expireAt`) is the documented way to expire each at a set time.
  const mongo = /(?:\bdb\.(\w+)|getCollection\(\s*["'](\w+)["']\s*\))\.createIndex\s*\(\s*\{\s*["']?(\w+)["']?\s*:[^}]*\}\s*,\s*\{[^}]*\bexpireAfterSeconds\s*:\s*(\d+)|collMod\s*:\s*["'](\w+)["'][^)]*\bexpireAfterSeconds\s*:\s*(\d+)/.exec(code);
  const collection = mongo?.[1] ?? mongo?.[2] ?? mongo?.[5];
  const field = mongo?.[3] ?? '';
  const ttl = mongo?.[4] ?? mongo?.[6];
  if (collection && ttl !== undefined && short(Number(ttl)) && !shortLived.test(collection) && !/expir|ttl|delete|purge|until|valid/i.test(field)) return hit(0, `sets a TTL of ${ttl} s on ${collection}: every document older is deleted`);
  return null;
}

/** A cloud's retention cut: log groups, automated backups, bucket lifecycles, queues, partitions, object locks. */
export function cloudRetention(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const {name, texts, lower, at, hit} = readCommand(command);
  if (texts.includes('--help')) return null;
  const verb = (...words: string[]) => words.every((word) => lower.includes(word));
  if (name === 'aws') {
    if (verb('logs', 'put-retention-policy')) {
      const days = optionValue(texts, '--retention-in-days') ?? /"retentionInDays"\s*:\s*(\d+)/.exec(optionValue(texts, '--cli-input-json') ?? '')?.[1];
      const group = optionValue(texts, '--log-group-name') ?? /"logGroupName"\s*:\s*"([^"]+)"/.exec(optionValue(texts, '--cli-input-json') ?? '')?.[1] ?? '';
      return days !== undefined && Number(days) < 7 && !shortLived.test(group) ? hit(at(/^put-retention-policy$/), `put-retention-policy of ${days} day(s) on ${group || 'the log group'}: every older event is deleted`) : null;
    }

    if ((verb('rds', 'modify-db-instance') || verb('rds', 'modify-db-cluster')) && optionValue(texts, '--backup-retention-period') === '0') return hit(at(/^--backup-retention-period/), '--backup-retention-period 0 turns automated backups off and deletes the ones there are');
    if (verb('dynamodb', 'update-continuous-backups') && /PointInTimeRecoveryEnabled"?\s*[=:]\s*false/i.test(optionValue(texts, '--point-in-time-recovery-specification') ?? '')) return hit(at(/^--point-in-time-recovery-specification/), "turns the table's point-in-time recovery off: every restore point it kept is gone");
    if (verb('dlm', 'update-lifecycle-policy') && optionValue(texts, '--state')?.toUpperCase() === 'DISABLED') return hit(at(/^--state/), 'disables the snapshot lifecycle policy: no more snapshots are taken');
    if (verb('sqs', 'set-queue-attributes')) {
      const period = /MessageRetentionPeriod"?\s*[=:]\s*"?(\d+)/.exec(optionValue(texts, '--attributes') ?? '')?.[1];
      return period !== undefined && Number(period) < 3600 ? hit(at(/^--attributes/), `keeps messages ${period} s: every message older is deleted unread`) : null;
    }

    if (verb('s3api', 'put-bucket-lifecycle-configuration')) {
      const given = optionValue(texts, '--lifecycle-configuration') ?? '';
      const body = /^file:\/\//.test(given) ? (fileText(given.slice('file://'.length), command, context) ?? '') : given;
      return wholeBucketExpiry(body) ? hit(at(/^put-bucket-lifecycle-configuration$/), `sets a lifecycle rule that expires every object of ${optionValue(texts, '--bucket') ?? 'the bucket'} within a day`) : null;
    }

    if (verb('cloudtrail', 'put-event-selectors') && /"ReadWriteType"\s*:\s*"ReadOnly"|ReadWriteType=ReadOnly/.test(optionValue(texts, '--event-selectors') ?? '')) return hit(at(/^put-event-selectors$/), 'logs read events only: what changes the account is no longer recorded');
    if (verb('dynamodb', 'update-time-to-live')) {
      const attribute = /AttributeName=(\w+)|"AttributeName"\s*:\s*"(\w+)"/.exec(optionValue(texts, '--time-to-live-specification') ?? '');
      const named = attribute?.[1] ?? attribute?.[2] ?? '';
      return /^(?:created|creation|createdAt|created_at|createTime|create_time|insertedAt|inserted_at|timestamp|ts)$/i.test(named) && /Enabled=true|"Enabled"\s*:\s*true/i.test(optionValue(texts, '--time-to-live-specification') ?? '') ? hit(at(/^update-time-to-live$/), `expires items by ${named}, the time each was made: every item already past it is deleted`) : null;
    }

    return null;
  }

  if (name === 'gcloud') {
    if (verb('sql', 'instances', 'patch') && (lower.includes('--no-backup') || optionValue(texts, '--retained-backups-count') === '0')) return hit(at(/^--no-backup$|^--retained-backups-count/), 'turns the instance\'s automated backups off');
    if (verb('logging', 'buckets', 'update')) {
      const days = optionValue(texts, '--retention-days');
      return days !== undefined && Number(days) < 7 && !shortLived.test(texts[3] ?? '') ? hit(at(/^--retention-days/), `keeps logs ${days} day(s): every older entry is deleted`) : null;
    }

    if (verb('storage', 'buckets', 'update') && (lower.includes('--clear-retention-period') || lower.includes('--clear-soft-delete') || /^0[smhd]?$/.test(optionValue(lower, '--soft-delete-duration') ?? ''))) return hit(at(/^--clear-/), 'clears the bucket\'s retention: its objects may be deleted before their time');
    const file = optionValue(texts, '--lifecycle-file');
    return verb('storage', 'buckets', 'update') && file !== undefined && wholeBucketExpiry(fileText(file, command, context) ?? '') ? hit(at(/^--lifecycle-file/), 'sets a lifecycle rule that deletes every object of the bucket within a day') : null;
  }

  // Hetzner's and Linode's backups of a server are deleted when the service is turned off.
  if (name === 'hcloud' && lower.some((text, i) => text === 'server' && lower[i + 1] === 'disable-backup')) return hit(at(/^disable-backup$/), "disables the server's backups: Hetzner deletes every backup it has");
  if (name === 'linode-cli' && lower.some((text, i) => text === 'linodes' && lower[i + 1] === 'backups-cancel')) return hit(at(/^backups-cancel$/), "cancels the Linode's backup service: every backup it has is deleted");
  if (name === 'gsutil') {
    if (lower[0] === 'retention' && lower[1] === 'clear') return hit(1, 'clears the bucket\'s retention policy: its objects may be deleted before their time');
    if (lower[0] === 'lifecycle' && lower[1] === 'set') return wholeBucketExpiry(fileText(texts[2] ?? '', command, context) ?? '') ? hit(1, 'sets a lifecycle rule that deletes every object of the bucket within a day') : null;
    return null;
  }

  if (name === 's3cmd' && lower[0] === 'expire') {
    const days = optionValue(texts, '--expiry-days');
    return days !== undefined && Number(days) <= 1 && optionValue(texts, '--expiry-prefix') === undefined ? hit(0, `expire --expiry-days ${days} deletes every object of the bucket within a day`) : null;
  }

  if (name === 'mc' && lower[0] === 'ilm' && lower.includes('add')) {
    const days = optionValue(texts, '--expire-days', '--expiry-days');
    return days !== undefined && Number(days) <= 1 && optionValue(texts, '--prefix') === undefined ? hit(at(/^--expir/), `adds a rule that expires every object within ${days} day(s)`) : null;
  }

  if (name === 'bq' && lower[0] === 'update') {
    const expiration = optionValue(texts, '--time_partitioning_expiration');
    return expiration !== undefined && Number(expiration) > 0 && Number(expiration) < day ? hit(at(/^--time_partitioning_expiration/), `expires each partition after ${expiration} s: every older partition is deleted`) : null;
  }

  if (name === 'az' && verb('backup', 'protection', 'disable') && /^(?:true|yes)$/i.test(optionValue(texts, '--delete-backup-data') ?? '')) return hit(at(/^--delete-backup-data/), 'stops protection and deletes every recovery point of the item');
  // A storage account's soft delete turned off: a blob or container deleted from now on is gone at once.
  if (name === 'az' && verb('storage', 'blob-service-properties', 'update')) {
    const off = ['--enable-delete-retention', '--enable-container-delete-retention'].find((flag) => /^(?:false|no|0)$/i.test(optionValue(texts, flag) ?? ''));
    if (off) return hit(at(new RegExp(`^${off}`)), `${off} false turns the account's soft delete off: what is deleted from now on cannot be brought back`);
  }

  return null;
}

/** A lifecycle configuration (S3's JSON or GCS's) with a rule over the whole bucket that expires or deletes objects within a day. */
function wholeBucketExpiry(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }

  const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {});
  const top = record(parsed);
  const rules = (Array.isArray(top.Rules) ? top.Rules : Array.isArray(top.rule) ? top.rule : Array.isArray(record(top.lifecycle).rule) ? (record(top.lifecycle).rule as unknown[]) : []).map(record);
  return rules.some((rule) => {
    if (rule.Status !== undefined && rule.Status !== 'Enabled') return false;
    // S3: no filter, or one with an empty prefix and no tags.
    const filter = record(rule.Filter);
    const whole = rule.Prefix === undefined || rule.Prefix === '' ? (filter.Prefix === undefined || filter.Prefix === '') && filter.Tag === undefined && filter.And === undefined : false;
    // A date already past expires every object at once.
    const date = record(rule.Expiration).Date;
    const days = typeof date === 'string' && Date.parse(date) <= now() ? 0 : Number(record(rule.Expiration).Days ?? Number.NaN);
    const old = Number(record(rule.NoncurrentVersionExpiration).NoncurrentDays ?? Number.NaN);
    if (whole && (days <= 1 || old <= 1)) return true;
    // GCS: a Delete action whose condition names no prefix, suffix or storage class.
    const condition = record(rule.condition);
    const gcsWhole = record(rule.action).type === 'Delete' && condition.matchesPrefix === undefined && condition.matchesSuffix === undefined && condition.matchesStorageClass === undefined && condition.isLive !== false;
    return gcsWhole && Number(condition.age ?? Number.NaN) <= 1;
  });
}

const storePrograms = ['kafka-configs', 'kafka-configs.sh', 'rpk', 'nats', 'rabbitmqctl', 'curl', 'wget', 'http', 'clickhouse-client', 'clickhouse', 'psql', 'mysql', 'mariadb', 'influx', 'mongosh', 'mongo'];

export const retentionRules: BuiltinRule[] = [
  {
    id: 'db.retention-cut',
    pack: 'databases',
    level: 'deny',
    reason: "cuts a data store's retention or time to live to hours or less: a broker's topics, a search cluster's indices or snapshots, a table's, collection's or database's rows, binary logs; everything older is deleted at the next sweep",
    alternative: 'set a retention of days on the resource that should lose data, after a backup; name short-lived stores for what they are (cache, sessions, scratch)',
    match: {program: storePrograms},
    check: storeRetention,
    examples() {
      return {
        refuse: [
          'kafka-configs.sh --bootstrap-server k1:9092 --alter --entity-type brokers --entity-default --add-config log.retention.ms=60000',
          'kafka-configs --bootstrap-server k1:9092 --entity-type topics --entity-name payments --alter --add-config retention.ms=30000,cleanup.policy=delete',
          'kafka-configs --bootstrap-server k1:9092 --entity-type topics --entity-name payments --alter --add-config retention.bytes=0',
          'rpk topic alter-config payments --set retention.ms=1000', 'nats stream edit PAYMENTS --max-age=5s -f', `rabbitmqctl set_policy expire-all ".*" '{"message-ttl":1000}' --apply-to queues`,
          `curl -X PUT localhost:9200/_ilm/policy/logs -H 'Content-Type: application/json' -d '{"policy":{"phases":{"delete":{"min_age":"0ms","actions":{"delete":{}}}}}}'`,
          `curl -XPUT https://es:9200/_slm/policy/nightly -d '{"schedule":"0 30 1 * * ?","repository":"s3","retention":{"expire_after":"1h"}}'`,
          `clickhouse-client -q 'ALTER TABLE logs.events MODIFY TTL ts + INTERVAL 1 HOUR'`, `psql -d metrics -c "SELECT add_retention_policy('conditions', INTERVAL '10 minutes')"`,
          `influx -execute 'ALTER RETENTION POLICY "autogen" ON "telegraf" DURATION 2h DEFAULT'`, `curl -XPOST http://localhost:8086/query --data-urlencode "q=ALTER RETENTION POLICY autogen ON telegraf DURATION 1h DEFAULT"`, `mysql -e 'SET GLOBAL binlog_expire_logs_seconds = 600'`,
          `mongosh app --eval 'db.orders.createIndex({createdAt: 1}, {expireAfterSeconds: 0})'`, `clickhouse-client -q 'ALTER TABLE logs.events MODIFY TTL ts + toIntervalHour(1)'`,
          'nats -s nats://n1:4222 stream edit PAYMENTS --max-age=1s -f', `rabbitmqctl set_policy -p / ttl-all '.*' '{"message-ttl":1000}' --apply-to queues`, 'rpk cluster config set log_retention_ms 60000',
          `mysql -e 'SET @@GLOBAL.binlog_expire_logs_seconds = 600'`, "mysql -h db1 <<< 'SET GLOBAL binlog_expire_logs_seconds = 60'",
        ],
        allow: [
          'kafka-configs --bootstrap-server k1:9092 --entity-type topics --entity-name payments --alter --add-config retention.ms=604800000',
          'kafka-configs --bootstrap-server k1:9092 --entity-type topics --entity-name payments --describe', 'rpk topic alter-config payments --set retention.ms=604800000',
          'nats stream edit KV_cache-users --max-age=10s -f', 'nats stream edit PAYMENTS --max-age=30d -f', `rabbitmqctl set_policy scratch '^scratch\\.' '{"message-ttl":60000}' --apply-to queues`,
          `curl -X PUT localhost:9200/_ilm/policy/logs -d '{"policy":{"phases":{"delete":{"min_age":"30d","actions":{"delete":{}}}}}}'`, 'curl localhost:9200/_ilm/policy/logs',
          `clickhouse-client -q 'ALTER TABLE logs.events MODIFY TTL ts + INTERVAL 90 DAY'`, `clickhouse-client -q 'ALTER TABLE scratch.tmp_events MODIFY TTL ts + INTERVAL 1 HOUR'`,
          `psql -c "SELECT add_retention_policy('conditions', INTERVAL '30 days')"`, `mysql -e 'SET PERSIST binlog_expire_logs_seconds = 604800'`,
          `mongosh app --eval 'db.sessions.createIndex({lastSeen: 1}, {expireAfterSeconds: 3600})'`, `mongosh app --eval 'db.orders.createIndex({createdAt: 1}, {expireAfterSeconds: 7776000})'`,
          `mongosh app --eval 'db.events.createIndex({expireAt: 1}, {expireAfterSeconds: 0})'`, `clickhouse-client -q 'ALTER TABLE logs.events MODIFY TTL ts + INTERVAL 3 MONTH'`,
          `clickhouse-client -q "ALTER TABLE logs.events MODIFY TTL ts + INTERVAL 1 HOUR TO VOLUME 'cold'"`,
          `curl -X PUT localhost:9200/_ilm/policy/logs -d '{"policy":{"phases":{"hot":{"min_age":"0ms","actions":{"rollover":{"max_age":"1d"}}},"delete":{"min_age":"30d","actions":{"delete":{}}}}}}'`,
          `influx -execute 'CREATE RETENTION POLICY "two_hours" ON "food_data" DURATION 2h REPLICATION 1 DEFAULT'`, 'nats -s nats://n1:4222 stream edit KV_cache-users --max-age=10s -f',
          'kafka-configs --bootstrap-server k1:9092 --alter --entity-type topics --entity-name cache-invalidation --add-config retention.ms=600000',
        ],
      };
    },
  },
  {
    id: 'cloud.retention-cut',
    pack: 'cloud',
    level: 'deny',
    reason: "cuts a cloud's retention of logs, messages, partitions, objects or backups to a day or less, or turns automated backups or snapshots off: everything older is deleted at the next sweep",
    alternative: 'set a retention of days or more, or a lifecycle rule limited to a prefix such as tmp/; keep backups on and delete what is not wanted by name',
    match: {program: ['aws', 'gcloud', 'gsutil', 's3cmd', 'mc', 'bq', 'az', 'hcloud', 'linode-cli']},
    check: cloudRetention,
    examples() {
      return {
        refuse: [
          `cat > lc.json <<'EOF'\n{"Rules":[{"ID":"all","Status":"Enabled","Filter":{"Prefix":""},"Expiration":{"Days":1}}]}\nEOF\naws s3api put-bucket-lifecycle-configuration --bucket prod-data --lifecycle-configuration file://lc.json`,
          'aws logs put-retention-policy --log-group-name /aws/cloudtrail/org --retention-in-days 1', `aws logs put-retention-policy --cli-input-json '{"logGroupName":"/prod/app","retentionInDays":3}'`,
          'aws rds modify-db-instance --db-instance-identifier prod-db --backup-retention-period 0 --apply-immediately', 'gcloud sql instances patch prod-pg --no-backup',
          'aws dlm update-lifecycle-policy --policy-id policy-0abc --state DISABLED', 'aws dynamodb update-continuous-backups --table-name orders --point-in-time-recovery-specification PointInTimeRecoveryEnabled=false', 'hcloud server disable-backup pg-primary', 'linode-cli linodes backups-cancel 41234567', 'aws sqs set-queue-attributes --queue-url https://sqs.eu-west-1.amazonaws.com/1/orders --attributes MessageRetentionPeriod=60',
          `aws s3api put-bucket-lifecycle-configuration --bucket prod-backups --lifecycle-configuration '{"Rules":[{"ID":"x","Filter":{"Prefix":""},"Status":"Enabled","Expiration":{"Days":1}}]}'`,
          `aws cloudtrail put-event-selectors --trail-name org --event-selectors '[{"ReadWriteType":"ReadOnly","IncludeManagementEvents":true}]'`,
          'aws dynamodb update-time-to-live --table-name orders --time-to-live-specification Enabled=true,AttributeName=createdAt', 'gcloud logging buckets update _Default --location=global --retention-days=1',
          'gsutil retention clear gs://compliance-archive', 's3cmd expire s3://prod-exports --expiry-days 1', 'mc ilm rule add --expire-days 1 prod/backups', 'bq update --time_partitioning_expiration 60 analytics.events',
          'az backup protection disable -g rg --vault-name v --container-name c --item-name vm1 --backup-management-type AzureIaasVM --delete-backup-data true --yes',
          `aws sqs set-queue-attributes --queue-url https://sqs.eu-west-1.amazonaws.com/1/orders --attributes '{"MessageRetentionPeriod":"60"}'`, 'gcloud storage buckets update gs://prod-archive --soft-delete-duration=0', 'az storage account blob-service-properties update --account-name acmeprod -g rg-prod --enable-delete-retention false',
          `aws s3api put-bucket-lifecycle-configuration --bucket prod --lifecycle-configuration '{"Rules":[{"ID":"x","Filter":{},"Status":"Enabled","Expiration":{"Date":"2020-01-01T00:00:00Z"}}]}'`,
        ],
        allow: [
          `cat > lc.json <<'EOF'\n{"Rules":[{"ID":"tmp","Status":"Enabled","Filter":{"Prefix":"tmp/"},"Expiration":{"Days":1}}]}\nEOF\naws s3api put-bucket-lifecycle-configuration --bucket prod-data --lifecycle-configuration file://lc.json`,
          'aws logs put-retention-policy --log-group-name /aws/lambda/dev-thumbs --retention-in-days 14', 'aws logs describe-log-groups', 'aws rds modify-db-instance --db-instance-identifier dev-db --backup-retention-period 7', 'aws dynamodb update-continuous-backups --table-name orders --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true', 'hcloud server enable-backup pg-primary', 'linode-cli linodes backups-list 41234567',
          'aws sqs set-queue-attributes --queue-url https://sqs.eu-west-1.amazonaws.com/1/orders-dlq --attributes MessageRetentionPeriod=1209600',
          `aws s3api put-bucket-lifecycle-configuration --bucket ci --lifecycle-configuration '{"Rules":[{"ID":"tmp","Filter":{"Prefix":"tmp/"},"Status":"Enabled","Expiration":{"Days":1}}]}'`,
          `aws s3api put-bucket-lifecycle-configuration --bucket logs --lifecycle-configuration '{"Rules":[{"ID":"old","Filter":{},"Status":"Enabled","Expiration":{"Days":365}}]}'`,
          'aws dynamodb update-time-to-live --table-name sessions --time-to-live-specification Enabled=true,AttributeName=expiresAt', 'gcloud logging buckets update dev-logs --location=global --retention-days=30',
          'gsutil retention get gs://compliance-archive', 'gcloud storage buckets update gs://prod-archive --soft-delete-duration=30d', 'az storage account blob-service-properties update --account-name acmeprod -g rg-prod --enable-delete-retention true --delete-retention-days 14',
          `aws s3api put-bucket-lifecycle-configuration --bucket prod --lifecycle-configuration '{"Rules":[{"ID":"x","Filter":{},"Status":"Enabled","Expiration":{"Date":"2099-01-01T00:00:00Z"}}]}'`, 'mc ilm rule add --prefix tmp/ --expire-days 1 minio/cache', 'bq update --expiration 604800 scratch.tmp_join', 'gcloud sql instances patch prod-pg --backup-start-time=02:00',
        ],
      };
    },
  },
];
