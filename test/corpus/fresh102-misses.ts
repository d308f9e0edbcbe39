// Cases of fresh102.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh102Misses: Record<string, string> = {
  "f102-system-state-021": "not refused yet: fuser -k on dpkg's lock kills a package manager mid-transaction; killing a package manager is not judged",
  "f102-interpreters-009": "not refused, by choice: PHP unlinking every file of /var/www/html is as rm -rf /var/www/html/* is, and one site's folder is the operator's (a deploy empties it)",
};
