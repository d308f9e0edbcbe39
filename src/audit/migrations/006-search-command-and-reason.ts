// Why: `history --grep` is what a person types to find a run ("which run touched pgbouncer",
// "the deploy for INC-1234"), and they type it in whatever case comes to mind. The trigram
// index of 001 was case-sensitive and held the command alone, so `--grep PG_DUMP` missed
// `pg_dump` and a ticket named in `--reason` was never found. It is replaced by one over the
// command and the reason, folding case (the trigram tokenizer's default). The triggers keep it
// in step with `runs` as the old ones did, now for the reason too. Filling it reads every row
// once: on the 1,000,000-row benchmark log that takes seconds, in the upgrading writer.
// IF [NOT] EXISTS makes it safe to apply again to a log whose user_version was set back.
export const sql = `
DROP TRIGGER IF EXISTS runs_command_insert;
DROP TRIGGER IF EXISTS runs_command_delete;
DROP TRIGGER IF EXISTS runs_command_update;
DROP TABLE IF EXISTS runs_command;

CREATE VIRTUAL TABLE IF NOT EXISTS runs_text USING fts5 (
  command, reason, content = 'runs', content_rowid = 'id', tokenize = 'trigram case_sensitive 0'
);
CREATE TRIGGER IF NOT EXISTS runs_text_insert AFTER INSERT ON runs BEGIN
  INSERT INTO runs_text (rowid, command, reason) VALUES (new.id, new.command, new.reason);
END;
CREATE TRIGGER IF NOT EXISTS runs_text_delete AFTER DELETE ON runs BEGIN
  INSERT INTO runs_text (runs_text, rowid, command, reason) VALUES ('delete', old.id, old.command, old.reason);
END;
CREATE TRIGGER IF NOT EXISTS runs_text_update AFTER UPDATE OF command, reason ON runs BEGIN
  INSERT INTO runs_text (runs_text, rowid, command, reason) VALUES ('delete', old.id, old.command, old.reason);
  INSERT INTO runs_text (rowid, command, reason) VALUES (new.id, new.command, new.reason);
END;
INSERT INTO runs_text (runs_text) VALUES ('rebuild');
`;
