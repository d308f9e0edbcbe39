// Cases of fresh84.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh84Misses: Record<string, string> = {
  "f84-protected-writes-021": "refused, by choice: release pruning by parsing ls into xargs rm -rf; the names are known only when it runs, and three batches written apart labelled the same idiom refuse (names with spaces split, ls -t may pick current)",
  "f84-data-clouds-001": "refused, by choice: DROP DATABASE of a database named test; guard does not tell a test database from another by its name",
  "f84-data-clouds-003": "refused, by choice: DROP SCHEMA public CASCADE in a database named test; a name does not make a database disposable",
  "f84-data-clouds-004": "refused, by choice: DROP TABLE in a database named test on the loopback; a name does not make a database disposable",
  "f84-data-clouds-006": "refused, by choice: DELETE without WHERE in ./test.db; guard does not judge a database file disposable by its name",
  "f84-data-clouds-008": "refused, by choice: FLUSHDB of database 15 on the loopback; a Redis index number says nothing of what it holds",
  "f84-data-clouds-012": "refused, by choice: plan -destroy then apply of that plan in one step asks nothing, as destroy -auto-approve does; a workspace named for a preview is not known to be one",
  "f84-data-clouds-013": "refused, by choice: terraform destroy -auto-approve in a workspace named pr-482; the name does not make it ephemeral",
  "f84-data-clouds-021": "refused, by choice: aws s3 rm --recursive of a prefix; guard refuses every recursive delete of a prefix without --dryrun or a filter",
  "f84-indirect-014": "refused, by choice: untracked files listed by git ls-files and deleted through xargs, as git clean -f is (confirm); a pathspec does not make untracked work disposable",
  "f84-interpreters-012": "refused, by choice: DROP TABLE through Python's sqlite3 in ./test.db, judged as the same SQL through a client is",
};
