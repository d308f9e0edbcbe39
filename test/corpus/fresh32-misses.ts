// Cases of fresh32.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh32Misses: Record<string, string> = {
  "f32-data-clouds-057": "refused: duckdb -c goes on after an error, so CREATE TABLE t of a name that exists fails and the DROP TABLE t after it reaches the old table; only a temporary table, which shadows, is taken for the script's own",
  "f32-data-clouds-003": "not refused yet: hdfs dfsadmin -safemode forceExit is not judged",
  "f32-data-clouds-014": "not refused yet: Delta's VACUUM RETAIN 0 HOURS removes the table's history, not its rows; the SQL rules judge only what deletes current data",
  "f32-data-clouds-015": "not refused yet: Iceberg's remove_orphan_files with a cut-off of now, as f32-data-clouds-014",
  "f32-data-clouds-016": "not refused yet: Iceberg's expire_snapshots with a cut-off of now, as f32-data-clouds-014",
  "f32-data-clouds-042": "not refused yet: Snowflake's DATA_RETENTION_TIME_IN_DAYS = 0 turns time travel off; no current data is deleted by it",
  "f32-interpreters-005": "not refused yet: delta-rs vacuum with its retention check off, as f32-data-clouds-014",
};
