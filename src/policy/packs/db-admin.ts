// Database servers' own administration tools, beside their SQL: Oracle's RMAN, DBCA, ASM and Data
// Pump, Db2's command line, Couchbase, InfluxDB 2, Neo4j, Cassandra's nodetool, TiUP,
// FoundationDB, Firebird, Informix, ArangoDB. What deletes a database, its backups or every
// record is refused; retention (obsolete backups, logs backed up twice), one snapshot by name,
// restores into a new database and dry runs pass.
import type {SimpleCommand} from '../../shell/index.js';
import {dangerOf} from '../sql.js';
import type {BuiltinRule, EvaluationContext, Hit} from '../types.js';
import {fedText, fileText, inputText, readCommand} from './hits.js';

/** An RMAN command that deletes backups or the database: not retention (`OBSOLETE`, `EXPIRED`, `BACKED UP n TIMES`, `COMPLETED BEFORE`). */
function rmanDanger(text: string): string | undefined {
  // The statements of a `RUN { … }` block are judged as the block's own.
  for (const raw of text.replace(/\bRUN\s*\{|\}/gi, ';').split(';')) {
    const line = raw.trim().toUpperCase().replace(/\s+/g, ' ');
    if (/^DROP DATABASE\b/.test(line)) return `\`${raw.trim()}\` drops the database${/INCLUDING BACKUPS/.test(line) ? ' and every backup of it' : ''}`;
    // Retention, or backups named by their key or file (`BACKUPSET 1234`, `COPY OF DATAFILE 5`, `DATAFILECOPY '/x'`).
    const named = /\b(?:BACKUPSET|BACKUPPIECE|DATAFILECOPY|ARCHIVELOG) ['"\d]|\bCOPY OF (?:DATAFILE|ARCHIVELOG|CONTROLFILE)\b/.test(line);
    if (/^DELETE (?:NOPROMPT |FORCE )*(?:BACKUP|BACKUPSET|COPY|ARCHIVELOG|DATAFILECOPY)\b/.test(line) && !named && !/\b(?:OBSOLETE|EXPIRED|BACKED UP \d+ TIMES|COMPLETED BEFORE|UNTIL (?:TIME|SEQUENCE|SCN|LOGSEQ)|TAG)\b/.test(line)) {
      return `\`${raw.trim()}\` deletes ${/ARCHIVELOG/.test(line) ? 'archived logs a recovery needs' : 'backups'} with no retention test`;
    }
  }

  return undefined;
}

/** What RMAN runs: its input (a heredoc, a pipe, a file redirected), and the command file it is given (`cmdfile=purge.rman`, `cmdfile purge.rman`, `@purge.rman`). */
function rmanText(command: SimpleCommand, context: EvaluationContext, texts: string[]): string {
  const at = texts.findIndex((text) => /^cmdfile(?:=|$)/i.test(text) || /^@[^@]/.test(text));
  const named = at === -1 ? undefined : /^cmdfile$/i.test(texts[at]!) ? texts[at + 1] : texts[at]!.replace(/^cmdfile=|^@/i, '');
  return [named === undefined ? undefined : fileText(named.replace(/^(['"])(.*)\1$/, '$2'), command, context), inputText(command, context)].filter((text) => text !== undefined).join(';');
}

function dbAdmin(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const {name, words, texts, lower, at, hit} = readCommand(command);
  // `-h` is a host to nodetool and most of these: only the spelled-out help asks for help.
  if (at(/^(?:--help|-help|help)$/) !== -1) return null;
  switch (name) {
    case 'rman': {
      const danger = rmanDanger(rmanText(command, context, texts));
      return danger ? hit(0, `runs ${danger}`) : null;
    }

    case 'dbca':
      return at(/^-deletedatabase$/) !== -1 ? hit(at(/^-deletedatabase$/), '-deleteDatabase deletes the database and its files') : null;
    case 'asmcmd': {
      if (lower[0] === 'dropdg') return hit(0, `dropdg ${texts.at(-1)} drops the disk group and every file in it`);
      return lower[0] === 'rm' && at(/^-\w*r\w*$/) !== -1 ? hit(0, `rm -r ${texts.at(-1)} deletes the ASM folder and every datafile in it`) : null;
    }

    case 'impdp':
    case 'imp': {
      const replace = at(/^table_exists_action=(?:replace|truncate)$/);
      return replace !== -1 && at(/^sqlfile=/) === -1 ? hit(replace, `${texts[replace]} drops or empties every table the import meets`) : null;
    }

    case 'db2': {
      // The command line's own words (`db2 drop db SAMPLE`, `db2 restore db … replace existing`, `db2 load from /dev/null … replace`).
      const line = lower.filter((text) => !text.startsWith('-')).join(' ');
      if (/^drop (?:db|database) \S+/.test(line)) return hit(at(/^drop$/), `${line.split(' ').slice(0, 3).join(' ')} drops the database`);
      if (/^restore (?:db|database)\b.*\breplace existing\b/.test(line)) return hit(0, 'restore … replace existing restores over the database that is there');
      if (/^load from \/dev\/null\b.*\breplace\b/.test(line)) return hit(0, 'load from /dev/null … replace empties the table');
      return null;
    }

    case 'couchbase-cli':
      return /^bucket-(?:delete|flush)$/.test(lower[0] ?? '') ? hit(0, `${lower[0]} ${lower[0] === 'bucket-delete' ? 'deletes the bucket and every document in it' : 'deletes every document of the bucket'}`) : null;
    case 'influx': {
      // InfluxDB 2's restore of everything (its bucket and point deletes are db.dropdb's).
      return lower[0] === 'restore' && at(/^--full$/) !== -1 ? hit(at(/^--full$/), 'restore --full replaces every bucket, token and user of the server') : null;
    }

    case 'neo4j-admin': {
      const overwrite = at(/^--overwrite-destination(?:=true)?$|^--force$/);
      return overwrite !== -1 && at(/^(?:load|restore)$/) !== -1 ? hit(overwrite, `${lower[at(/^(?:load|restore)$/)]} ${texts[overwrite]} replaces the database that is there`) : null;
    }

    case 'cypher-shell': {
      // The query as operands, on its input, or in the file `-f`/`--file` names.
      const flag = texts.findIndex((text) => text === '-f' || text === '--file');
      const file = flag !== -1 ? texts[flag + 1] : /^--file=(.+)$/.exec(texts.find((text) => text.startsWith('--file=')) ?? '')?.[1];
      const code = [...texts.filter((text, i) => !text.startsWith('-') && !/^(?:-[aupdf]|--(?:address|username|password|database|file|format))$/.test(texts[i - 1] ?? '')), inputText(command, context) ?? '', file === undefined ? '' : (fileText(file, command, context) ?? '')].join('\n');
      if (/\bMATCH\s*\(\s*\w+\s*\)\s*(?:(?:DETACH\s+)?DELETE)\b/i.test(code) && !/\bWHERE\b|\(\s*\w+\s*:\s*\w+/i.test(code)) return hit(0, 'runs MATCH (n) DETACH DELETE n, which deletes every node and relationship of the graph');
      const drop = /\bDROP\s+(?:COMPOSITE\s+)?DATABASE\s+[`\w.-]+/i.exec(code);
      return drop ? hit(0, `runs ${drop[0]}, which deletes the database and every node in it`) : null;
    }

    case 'nodetool':
      return lower.includes('clearsnapshot') && at(/^--all$/) !== -1 && at(/^--older-than(?:=.*)?$/) === -1 ? hit(at(/^--all$/), 'clearsnapshot --all deletes every snapshot of every keyspace: the backups a restore needs') : null;
    case 'tiup':
      return lower[0] === 'cluster' && (lower[1] === 'destroy' || (lower[1] === 'clean' && at(/^--(?:all|data)$/) !== -1)) ? hit(1, `cluster ${[lower[1], texts[2]].filter(Boolean).join(' ')} deletes the cluster's data on every node`) : null;
    case 'fdbcli': {
      const code = texts.join(' ');
      return /\bclearrange\s+(?:""|''|\\x00)\s+(?:\\xff|"\\xff")/i.test(code) ? hit(at(/clearrange/), 'clearrange "" \\xff clears every key of the database') : null;
    }

    case 'gbak':
      // `-rep`/`-replace_database` (and `-r` with `overwrite`) restore over the file; a plain `-r`/`-c` makes a new one.
      return at(/^-(?:rep|replace_database|replace)$/) !== -1 || (at(/^-r(?:ecreate)?$/) !== -1 && at(/^o(?:verwrite)?$/) !== -1) ? hit(Math.max(at(/^-(?:rep|replace_database|replace)$/), at(/^-r(?:ecreate)?$/)), 'restores over the database file that is there') : null;
    case 'oninit':
      return at(/^-[yv]*i[yv]*$/) !== -1 ? hit(at(/^-[yv]*i[yv]*$/), '-i initializes the disk space: every database on it is gone') : null;
    case 'arangosh': {
      const code = texts.join(' ');
      return /\b_dropDatabase\s*\(|\._drop\s*\(|\.truncate\s*\(/.test(code) ? hit(0, 'runs JavaScript that drops a database or collection') : null;
    }

    case 'vtctldclient':
    case 'vtctlclient': {
      const sql = texts[texts.findIndex((text) => text === '--sql' || text === '-sql') + 1];
      return lower.includes('applyschema') && sql !== undefined && dangerOf(sql) ? hit(at(/^applyschema$/), `ApplySchema --sql "${sql}" runs it on every shard of the keyspace`) : null;
    }

    case 'curl': {
      // Couchbase's REST flush of a bucket.
      const url = texts.find((text) => /\/pools\/default\/buckets\/[^/]+\/controller\/doFlush\/?$/.test(text));
      return url ? hit(texts.indexOf(url), `${url} deletes every document of the bucket`) : null;
    }

    default:
      return null;
  }
}

/**
 * A replicated store's own controls that lose data or split it in two: a Redis replica taking over
 * without its primary's agreement, a MongoDB replica set reconfigured or stepped down by force, a
 * Cassandra node assassinated, an Elasticsearch shard allocated from a stale or empty copy, an
 * unclean Kafka leader election, etcd restarted as a new cluster, orchestrator's forced failover,
 * a Patroni cluster removed, a pgBackRest stanza deleted, DRBD told to discard its data, a
 * Pacemaker cluster destroyed.
 */
function replicationBreak(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const {name, texts, lower, at, hit} = readCommand(command);
  if (lower.some((text) => text === '--help' || text === 'help' || text === '-help')) return null;
  const line = lower.join(' ');
  switch (name.replace(/\.sh$/, '')) {
    case 'redis-cli':
    case 'valkey-cli':
    case 'keydb-cli': {
      const code = [line, (inputText(command, context) ?? '').toLowerCase()].join('\n');
      if (/\bcluster\s+failover\s+takeover\b/.test(code)) return hit(at(/^takeover$/), 'CLUSTER FAILOVER TAKEOVER promotes this replica without the cluster\'s agreement: two primaries may take writes for the same slots');
      return /\bcluster\s+reset\s+hard\b/.test(code) ? hit(at(/^reset$/), 'CLUSTER RESET HARD makes the node forget the cluster, its slots and its identity') : null;
    }

    case 'mongosh':
    case 'mongo': {
      const code = [texts.join(' '), inputText(command, context) ?? ''].join('\n');
      const forced = (call: RegExp) => new RegExp(`${call.source}[\\s\\S]{0,200}?["']?\\bforce["']?\\s*:\\s*true`).test(code);
      if (forced(/\brs\.reconfig\s*\(/) || forced(/\breplSetReconfig\b/)) return hit(0, 'reconfigures the replica set by force: writes the majority acknowledged may be rolled back, and two primaries may result');
      return forced(/\b(?:rs\.stepDown|replSetStepDown)\b/) ? hit(0, 'steps the primary down by force, without waiting for a secondary to catch up: acknowledged writes may be rolled back') : null;
    }

    case 'nodetool':
      if (lower.includes('removenode') && lower.includes('force')) return hit(at(/^force$/), 'removenode force removes the node without re-replicating its data: what only it held is gone');
      return lower.includes('assassinate') ? hit(at(/^assassinate$/), 'assassinate removes the node from the ring without streaming its data: what only it held is gone') : null;
    case 'curl':
    case 'wget':
    case 'http': {
      const body = texts.join(' ');
      // `?dry_run=true` computes the outcome and applies nothing.
      return texts.some((text) => /\/_cluster\/reroute\b(?!.*[?&]dry_run(?:=true)?(?:&|$))/.test(text)) && /allocate_(?:stale|empty)_primary/.test(body) ? hit(at(/_cluster\/reroute/), `reroute with ${/allocate_empty/.test(body) ? 'allocate_empty_primary makes an empty primary: every document of the shard is gone' : 'allocate_stale_primary promotes a stale copy: writes it missed are lost'}`) : null;
    }

    case 'kafka-configs':
      return /(?:^|,)unclean\.leader\.election\.enable=true\b/.test(texts[texts.indexOf('--add-config') + 1] ?? '') ? hit(at(/^--add-config$/), 'turns on unclean leader election: an out-of-sync replica may become leader and messages only the old leader had are lost') : null;
    case 'kafka-leader-election':
      return /(?:^|\s)--election-type(?:=|\s+)unclean\b/.test(line) ? hit(at(/^--election-type/), '--election-type unclean makes an out-of-sync replica leader: messages only the old leader had are lost') : null;
    case 'etcd':
      if (/^(?:1|true)$/i.test(command.env.ETCD_FORCE_NEW_CLUSTER ?? '')) return hit(0, 'ETCD_FORCE_NEW_CLUSTER=true discards the membership and starts a one-member cluster from this node\'s data');
      return at(/^--force-new-cluster(?:=true)?$/) !== -1 ? hit(at(/^--force-new-cluster/), '--force-new-cluster discards the membership and starts a one-member cluster from this node\'s data') : null;
    case 'orchestrator-client':
    case 'orchestrator':
      return /\bforce-master-(?:failover|takeover)\b/.test(line) ? hit(at(/force-master-/), `${texts[at(/force-master-/)]} promotes a replica without the checks of a graceful failover: writes may be lost and the old primary may keep taking them`) : null;
    case 'patronictl':
      return lower.includes('remove') ? hit(at(/^remove$/), 'remove deletes the cluster\'s state from the configuration store: the nodes lose their leader and roles') : null;
    case 'pgbackrest':
      return lower.includes('stanza-delete') ? hit(at(/^stanza-delete$/), 'stanza-delete deletes the stanza with every backup and archived WAL in the repository') : null;
    case 'drbdadm':
      return at(/^--discard-my-data$/) !== -1 ? hit(at(/^--discard-my-data$/), '--discard-my-data throws away this node\'s data and takes the peer\'s') : null;
    case 'pcs':
      return /^cluster destroy\b/.test(lower.filter((text) => !text.startsWith('-')).join(' ')) ? hit(at(/^destroy$/), `cluster destroy${lower.includes('--all') ? ' --all' : ''} removes the cluster's configuration and stops its services${lower.includes('--all') ? ' on every node' : ''}`) : null;
    default:
      return null;
  }
}

export const dbAdminRules: BuiltinRule[] = [
  {
    id: 'db.admin-destroy',
    pack: 'databases',
    level: 'deny',
    reason: "deletes a database, its backups or every record through a server's own administration tool (RMAN, DBCA, ASM, Data Pump, Db2, Couchbase, InfluxDB, Neo4j, nodetool, TiUP, FoundationDB, Firebird, Informix, ArangoDB, Vitess)",
    alternative: 'take a backup first; restore into a new database; delete backups by a retention policy (DELETE OBSOLETE)',
    match: {program: ['rman', 'dbca', 'asmcmd', 'impdp', 'imp', 'db2', 'couchbase-cli', 'influx', 'neo4j-admin', 'cypher-shell', 'nodetool', 'tiup', 'fdbcli', 'gbak', 'oninit', 'arangosh', 'vtctldclient', 'vtctlclient', 'curl']},
    check: dbAdmin,
    examples() {
      return {
        refuse: [
          'rman target / < purge.rman', 'rman target / cmdfile=purge.rman', 'rman target / cmdfile purge.rman', 'rman target / @purge.rman', "echo 'run { delete noprompt backup; }' | rman target /",
          'cypher-shell -u neo4j "DROP DATABASE shop"', 'cypher-shell -f wipe.cypher', "cypher-shell -d system 'DROP COMPOSITE DATABASE reports'",
          "rman target / <<'EOF'\nDELETE NOPROMPT BACKUP;\nEOF", "rman target / <<'EOF'\nDELETE NOPROMPT ARCHIVELOG ALL;\nEOF", "rman target / <<'EOF'\nDROP DATABASE INCLUDING BACKUPS NOPROMPT;\nEOF",
          'dbca -silent -deleteDatabase -sourceDB ORCL -sysDBAUserName sys', 'asmcmd rm -rf +DATA/ORCL/DATAFILE', 'asmcmd dropdg -r -f FRA', 'impdp system@ORCLPDB1 SCHEMAS=hr DUMPFILE=x.dmp TABLE_EXISTS_ACTION=REPLACE',
          'db2 drop db SAMPLE', 'db2 -v drop db SAMPLE', 'db2 restore db SAMPLE from /db2backup replace existing without prompting', 'couchbase-cli bucket-delete -c 127.0.0.1 -u Administrator -p x --bucket=travel-sample', 'couchbase-cli bucket-flush -c cb1 -u A -p x --bucket orders --force',
          'influx restore /backups/influx --full', "cypher-shell -u neo4j -p x 'MATCH (n) DETACH DELETE n'",
          'neo4j-admin database load neo4j --from-path=/backups/neo4j --overwrite-destination=true', 'nodetool clearsnapshot --all', 'nodetool -h cass1 -u cassandra -pwf /etc/cassandra/jmx.password clearsnapshot --all', 'tiup cluster destroy prod-tidb --yes', `fdbcli --exec 'writemode on; clearrange "" \\xff'`,
          'gbak -rep -user SYSDBA /backups/e.fbk /var/lib/firebird/3.0/data/employee.fdb', 'oninit -iy', "arangosh --javascript.execute-string 'db._dropDatabase(\"app\")'", 'vtctldclient ApplySchema --sql "DROP TABLE corder" commerce',
          'curl -X POST -u "Administrator:$P" http://cb1:8091/pools/default/buckets/orders/controller/doFlush',
        ],
        allow: [
          "rman target / <<'EOF'\nDELETE NOPROMPT ARCHIVELOG UNTIL SEQUENCE 4711 THREAD 1;\nEOF", 'rman target / cmdfile=retention.rman', 'rman target / < retention.rman', "echo 'run { backup database; delete noprompt obsolete; }' | rman target /", 'rman target / cmdfile=missing.rman', 'cypher-shell "SHOW DATABASES"', 'cypher-shell -f report.sql',
          "rman target / <<'EOF'\nDELETE NOPROMPT OBSOLETE;\nEOF", "rman target / <<'EOF'\nDELETE NOPROMPT ARCHIVELOG ALL BACKED UP 2 TIMES TO DEVICE TYPE DISK;\nEOF", "rman target / <<'EOF'\nBACKUP DATABASE PLUS ARCHIVELOG;\nEOF", 'dbca -silent -createDatabase -gdbName ORCL',
          'asmcmd ls +DATA', 'impdp system@ORCLPDB1 SCHEMAS=hr REMAP_SCHEMA=hr:hr_copy DUMPFILE=x.dmp', 'impdp system@ORCLPDB1 SCHEMAS=hr DUMPFILE=x.dmp TABLE_EXISTS_ACTION=REPLACE SQLFILE=ddl.sql', 'db2 list db directory', 'couchbase-cli bucket-list -c cb1 -u A -p x',
          'influx bucket list', 'influx restore /backups/influx --bucket telegraf --new-bucket telegraf-restored', "cypher-shell 'MATCH (n:Temp) DETACH DELETE n'", "cypher-shell 'MATCH (n) WHERE n.stale DETACH DELETE n'",
          'nodetool clearsnapshot -t pre-upgrade', 'nodetool status', 'tiup cluster display prod-tidb', 'tiup cluster destroy --help', 'couchbase-cli bucket-delete --help', 'gbak -c /backups/e.fbk /tmp/employee-restored.fdb', 'oninit -v', 'oninit -version', 'gbak -r /backups/e.fbk /tmp/new.fdb', "rman target / <<'EOF'\nDELETE NOPROMPT BACKUPSET 1234;\nEOF", 'nodetool clearsnapshot --all --older-than 7d', 'vtctldclient ApplySchema --sql "ALTER TABLE corder ADD COLUMN note TEXT" commerce',
        ],
      };
    },
  },
  {
    id: 'db.replication-break',
    pack: 'databases',
    level: 'deny',
    reason: "uses a replicated store's own controls in a way that loses data or splits the cluster in two: a forced takeover, reconfiguration or step-down, a node removed without its data, a stale or empty shard promoted, an unclean leader election, a cluster restarted as new, its state, its backups or a node's data discarded",
    alternative: 'a planned switchover (CLUSTER FAILOVER, patronictl switchover, a graceful failover) that waits for the replicas to catch up; removenode or decommission, which stream the data away first',
    match: {program: ['redis-cli', 'valkey-cli', 'keydb-cli', 'mongosh', 'mongo', 'nodetool', 'curl', 'wget', 'http', 'kafka-leader-election', 'kafka-leader-election.sh', 'kafka-configs', 'kafka-configs.sh', 'etcd', 'orchestrator-client', 'orchestrator', 'patronictl', 'pgbackrest', 'drbdadm', 'pcs']},
    check: replicationBreak,
    examples() {
      return {
        refuse: [
          'redis-cli -h 10.0.0.5 -p 7000 CLUSTER FAILOVER TAKEOVER', 'redis-cli -c -p 7001 cluster reset hard', `mongosh --host db3 --eval 'cfg = rs.conf(); cfg.members = [cfg.members[2]]; rs.reconfig(cfg, {force: true})'`,
          `mongosh admin --eval 'db.adminCommand({replSetStepDown: 60, force: true})'`, 'nodetool -h 10.0.3.14 assassinate 10.0.3.15',
          `curl -XPOST es01:9200/_cluster/reroute -d '{"commands":[{"allocate_stale_primary":{"index":"orders","shard":0,"node":"es03","accept_data_loss":true}}]}'`,
          'kafka-leader-election.sh --bootstrap-server k1:9092 --election-type unclean --all-topic-partitions', 'etcd --name etcd-0 --data-dir /var/lib/etcd --force-new-cluster',
          'orchestrator-client -c force-master-failover -alias shop', 'patronictl -c /etc/patroni.yml remove pg-cluster', 'pgbackrest --stanza=main --force stanza-delete',
          'drbdadm -- --discard-my-data connect r0', 'pcs cluster destroy --all', `mongosh --eval 'rs.reconfig(rs.conf(), {"force": true})'`, 'nodetool removenode force',
          'ETCD_FORCE_NEW_CLUSTER=true etcd --name etcd-0 --data-dir /var/lib/etcd', 'kafka-configs --bootstrap-server k1:9092 --entity-type topics --entity-name orders --alter --add-config unclean.leader.election.enable=true',
        ],
        allow: [
          'redis-cli -p 7000 CLUSTER FAILOVER', 'redis-cli -p 7000 cluster nodes', `mongosh --eval 'rs.stepDown(60)'`, `mongosh --eval 'rs.status()'`, 'nodetool removenode 8d5ed9f4-7764-4dbd-bad8-43fddce94b7c', 'nodetool status',
          `curl -XPOST es01:9200/_cluster/reroute -d '{"commands":[{"move":{"index":"orders","shard":0,"from_node":"es01","to_node":"es02"}}]}'`, 'curl es01:9200/_cluster/health', `curl -XPOST 'es01:9200/_cluster/reroute?dry_run=true' -d '{"commands":[{"allocate_stale_primary":{"index":"orders","shard":0,"node":"es03","accept_data_loss":true}}]}'`,
          'kafka-leader-election.sh --bootstrap-server k1:9092 --election-type preferred --all-topic-partitions', 'etcd --name etcd-0 --data-dir /var/lib/etcd',
          'orchestrator-client -c graceful-master-takeover -alias shop', 'patronictl -c /etc/patroni.yml switchover --candidate pg2', 'pgbackrest --stanza=main info', 'drbdadm connect r0', 'pcs cluster status', 'pgbackrest help stanza-delete', 'nodetool help assassinate',
          'kafka-configs --bootstrap-server k1:9092 --entity-type topics --entity-name orders --alter --add-config unclean.leader.election.enable=false',
        ],
      };
    },
  },
];
