// Cases of fresh59.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh59Misses: Record<string, string> = {
  "f59-interpreters-004": "allowed, as `rm -f /mnt/backup/*.tar.gz` is: a glob on names in a backup folder is taken to pick some backups, not all; perl's glob without parentheses is now read, where it was refused as unknown before",
  "f59-system-state-011": "allowed by choice: certbot delete without -n asks before it deletes (docs/policy.md); only the non-interactive form is refused",
  "f59-indirect-006": "not refused yet: rm -rf of an application's own data folder inside a container (/config/.storage); guard refuses system, home and data-store paths, not every application's data by name",
  "f59-interpreters-012": "not refused yet: the Docker SDK's volumes removed one by one in a comprehension; the SDK's calls are not read",
};
