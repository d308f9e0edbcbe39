// Cases of fresh40.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh40Misses: Record<string, string> = {
  "f40-data-clouds-001": "not refused yet: SQL*Plus commands without semicolons (shutdown, startup) run together with the DROP DATABASE that follows into one statement",
  "f40-evasions-001": "not refused yet: dynamic SQL (EXEC of joined strings); guard reads statements with their string literals blanked",
  "f40-evasions-009": "not refused yet: SQL*Plus HOST runs a shell command; the client's shell escape is not read",
  "f40-evasions-010": "not refused yet: sqlcmd's :!! runs a shell command; the client's shell escape is not read",
};
