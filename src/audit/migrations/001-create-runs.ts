// Why: the audit log is one row per attempt in `runs`, whose columns are the contract's
// field names (people query it with sqlite3 and dashboards). STRICT keeps a text out of an
// integer column. A row is inserted at `starting` and completed at the end, so the end
// columns stay NULL while it is live; `seq`/`prev_hash`/`hash` are set as it is finalized.
// AUTOINCREMENT so an id is never handed out again after prune.
// Indexes: every history/stats filter is (filter, started_at) so LIMIT stops early at a
// million rows as at a thousand; `runs_by_time` also carries what stats reads, so stats
// never touches the table; `runs_live` is partial so reconcile at every open costs nothing
// when no run is live; `runs_command` (FTS5 trigram) makes `--grep` a substring lookup
// instead of a scan. The chain anchor keeps `verify` whole after prune.
export const sql = `
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT    NOT NULL,
  command       TEXT    NOT NULL,
  argv          TEXT    NOT NULL,
  cwd           TEXT    NOT NULL,
  user          TEXT    NOT NULL,
  host          TEXT    NOT NULL,
  pid           INTEGER NOT NULL,
  pid_start     INTEGER NOT NULL,
  child_pid     INTEGER,
  child_start   INTEGER,
  started_at    TEXT    NOT NULL,
  ended_at      TEXT,
  duration_ms   INTEGER,
  status        TEXT    NOT NULL,
  exit_code     INTEGER,
  signal        TEXT,
  timed_out     INTEGER CHECK (timed_out IN (0, 1)),
  killed        INTEGER CHECK (killed IN (0, 1)),
  orphans       INTEGER,
  attempt       INTEGER NOT NULL,
  group_id      TEXT,
  reason        TEXT,
  lock          TEXT,
  lock_epoch    INTEGER,
  decision      TEXT,
  rules         TEXT,
  stdout_tail   TEXT,
  stderr_tail   TEXT,
  stdout_bytes  INTEGER,
  stderr_bytes  INTEGER,
  error         TEXT,
  notes         TEXT,
  guard_version TEXT    NOT NULL,
  seq           INTEGER,
  prev_hash     TEXT,
  hash          TEXT
) STRICT;

CREATE INDEX runs_by_time ON runs (started_at, name, status, duration_ms);
CREATE INDEX runs_by_name ON runs (name, started_at);
CREATE INDEX runs_by_status ON runs (status, started_at);
CREATE INDEX runs_by_host ON runs (host, started_at);
CREATE UNIQUE INDEX runs_chain ON runs (seq);
CREATE INDEX runs_live ON runs (host) WHERE status IN ('starting', 'running');

CREATE VIRTUAL TABLE runs_command USING fts5 (
  command, content = 'runs', content_rowid = 'id', tokenize = 'trigram case_sensitive 1'
);
CREATE TRIGGER runs_command_insert AFTER INSERT ON runs BEGIN
  INSERT INTO runs_command (rowid, command) VALUES (new.id, new.command);
END;
CREATE TRIGGER runs_command_delete AFTER DELETE ON runs BEGIN
  INSERT INTO runs_command (runs_command, rowid, command) VALUES ('delete', old.id, old.command);
END;
CREATE TRIGGER runs_command_update AFTER UPDATE OF command ON runs BEGIN
  INSERT INTO runs_command (runs_command, rowid, command) VALUES ('delete', old.id, old.command);
  INSERT INTO runs_command (rowid, command) VALUES (new.id, new.command);
END;

CREATE TABLE chain_anchor (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT    NOT NULL
) STRICT;
`;
