// Why: the kernel lock (flock on `<state>/locks/NAME.lock`) decides who runs, but it cannot
// say who holds it. This table does, for `guard locks` and for the line a busy run prints
// (run id, pid, since when, its command), and carries the fencing epoch that grows with
// every acquisition (GUARD_LOCK_EPOCH), so a downstream system can refuse a stale holder.
// A row outlives its holder (the epoch must keep growing): `released` says it was let go
// cleanly; a row found unreleased by the next holder was a stale one, cleared and recorded.
export const sql = `
CREATE TABLE locks (
  name      TEXT    PRIMARY KEY,
  run_id    INTEGER,
  pid       INTEGER NOT NULL,
  pid_start INTEGER NOT NULL,
  host      TEXT    NOT NULL,
  since     TEXT    NOT NULL,
  command   TEXT    NOT NULL,
  epoch     INTEGER NOT NULL,
  released  INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1))
) STRICT;
`;
