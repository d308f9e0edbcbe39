// The central schema on the fleet's PostgreSQL: what `guard fleet init` creates, and the
// version every guard checks when it connects. Runs are copies of each host's local rows,
// keyed by the local log's source id and the row's local id, with a revision so that an
// older copy never overwrites a newer one. Locks hold one row per lock name: its holder
// and its fencing epoch, bumped by the statement that takes the advisory lock.
//
// Who may do what: hosts write through roles that are members of `guard_writer`, each
// allowed to insert and update only the rows it wrote (row-level security) and to delete
// nothing; `guard_reader` reads. The lock rows are shared by design: a host takes over a
// released or long-silent holder's row.

/** The schema version this guard writes; it refuses a central schema of another. */
export const centralSchemaVersion = 1;

/** A schema name as SQL may quote it: the policy's `fleet.schema` is checked against this. */
export const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/** The columns of central `runs` copied from each local row, with their SQL types. */
export const runColumns = [
  ['name', 'text NOT NULL'],
  ['command', 'text NOT NULL'],
  ['argv', 'jsonb NOT NULL'],
  ['cwd', 'text NOT NULL'],
  ['user', 'text NOT NULL'],
  ['host', 'text NOT NULL'],
  ['pid', 'integer NOT NULL'],
  ['child_pid', 'integer'],
  ['started_at', 'timestamptz NOT NULL'],
  ['ended_at', 'timestamptz'],
  ['duration_ms', 'bigint'],
  ['status', 'text NOT NULL'],
  ['exit_code', 'integer'],
  ['signal', 'text'],
  ['timed_out', 'boolean'],
  ['killed', 'boolean'],
  ['orphans', 'integer'],
  ['attempt', 'integer NOT NULL'],
  ['group_id', 'text'],
  ['reason', 'text'],
  ['lock', 'text'],
  ['lock_epoch', 'bigint'],
  ['lock_scope', 'text'],
  ['decision', 'text'],
  ['rules', 'jsonb'],
  ['stdout_tail', 'text'],
  ['stderr_tail', 'text'],
  ['stdout_bytes', 'bigint'],
  ['stderr_bytes', 'bigint'],
  ['error', 'text'],
  ['notes', 'jsonb'],
  ['guard_version', 'text NOT NULL'],
  ['seq', 'bigint'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
  ['pruned', 'jsonb'],
] as const;

export type RunColumn = (typeof runColumns)[number][0];

const quoted = (column: string) => (column === 'user' ? '"user"' : column);

/**
 * The statements that create or complete the schema, each safe to run again: `guard fleet
 * init` runs them in one transaction under an advisory lock, and `--print` shows them.
 */
export function centralSchemaSql(schema: string): string[] {
  if (!schemaName.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const s = schema;
  const runColumnsSql = runColumns.map(([column, type]) => `  ${quoted(column)} ${type}`).join(',\n');
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'guard_writer') THEN CREATE ROLE guard_writer NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'guard_reader') THEN CREATE ROLE guard_reader NOLOGIN; END IF;
END $$`,
    `CREATE TABLE IF NOT EXISTS ${s}.meta (
  key text PRIMARY KEY,
  value text NOT NULL
)`,
    `INSERT INTO ${s}.meta (key, value) VALUES ('schema_version', '${centralSchemaVersion}') ON CONFLICT (key) DO NOTHING`,
    `CREATE TABLE IF NOT EXISTS ${s}.sources (
  source_id uuid PRIMARY KEY,
  host text NOT NULL,
  writer name NOT NULL DEFAULT current_user,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  head_seq bigint,
  head_hash text
)`,
    `CREATE TABLE IF NOT EXISTS ${s}.runs (
  source_id uuid NOT NULL REFERENCES ${s}.sources,
  local_id bigint NOT NULL,
  revision integer NOT NULL,
  writer name NOT NULL DEFAULT current_user,
  shipped_at timestamptz NOT NULL DEFAULT now(),
${runColumnsSql},
  PRIMARY KEY (source_id, local_id)
)`,
    `CREATE INDEX IF NOT EXISTS runs_by_time ON ${s}.runs (started_at DESC)`,
    `CREATE INDEX IF NOT EXISTS runs_by_name ON ${s}.runs (name, started_at DESC)`,
    `CREATE INDEX IF NOT EXISTS runs_by_host ON ${s}.runs (host, started_at DESC)`,
    `CREATE INDEX IF NOT EXISTS runs_by_lock ON ${s}.runs (lock, started_at DESC) WHERE lock_scope = 'fleet'`,
    `CREATE INDEX IF NOT EXISTS runs_live ON ${s}.runs (source_id) WHERE status IN ('starting', 'running')`,
    `CREATE TABLE IF NOT EXISTS ${s}.locks (
  name text PRIMARY KEY,
  key bigint NOT NULL UNIQUE,
  epoch bigint NOT NULL,
  source_id uuid,
  local_id bigint,
  host text,
  pid integer,
  command text,
  backend_pid integer,
  since timestamptz,
  heartbeat_at timestamptz,
  released boolean NOT NULL DEFAULT false
)`,
    `ALTER TABLE ${s}.runs ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${s}.sources ENABLE ROW LEVEL SECURITY`,
    ...['runs', 'sources'].flatMap((table) => [
      `DROP POLICY IF EXISTS ${table}_read ON ${s}.${table}`,
      `CREATE POLICY ${table}_read ON ${s}.${table} FOR SELECT TO guard_writer, guard_reader USING (true)`,
      `DROP POLICY IF EXISTS ${table}_insert ON ${s}.${table}`,
      `CREATE POLICY ${table}_insert ON ${s}.${table} FOR INSERT TO guard_writer WITH CHECK (writer = current_user)`,
      `DROP POLICY IF EXISTS ${table}_update ON ${s}.${table}`,
      `CREATE POLICY ${table}_update ON ${s}.${table} FOR UPDATE TO guard_writer USING (writer = current_user) WITH CHECK (writer = current_user)`,
    ]),
    `GRANT USAGE ON SCHEMA ${s} TO guard_writer, guard_reader`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO guard_writer, guard_reader`,
    `GRANT INSERT, UPDATE ON ${s}.runs, ${s}.sources, ${s}.locks TO guard_writer`,
    `REVOKE DELETE, TRUNCATE ON ALL TABLES IN SCHEMA ${s} FROM guard_writer, guard_reader`,
  ];
}
