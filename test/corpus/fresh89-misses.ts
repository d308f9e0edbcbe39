// Cases of fresh89.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh89Misses: Record<string, string> = {
  "f89-data-clouds-005": "not refused, by choice: rails db:reset with a DATABASE_URL that names production; Rails refuses it itself while its environment check is on (the stored environment is production), and guard does not guess production from a host name",
  "f89-data-clouds-012": "not refused yet: Django's sqlflush piped into dbshell; what sqlflush prints is not known to guard",
  "f89-data-clouds-013": "not refused yet: Django's dbshell given psql's -c after --; dbshell's arguments are not read as the database client's",
};
