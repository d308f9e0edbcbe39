// Cases of fresh95.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh95Misses: Record<string, string> = {
  "f95-protected-writes-014": "refused, by choice: chgrp -R and chmod -R of /srv/build-cache, a folder directly in /srv; re-permissioning what is directly in a top-level folder is refused (docs/policy.md)",
  "f95-indirect-018": "refused, by choice: in the heredoc bash runs on each host, `cd /var/log/nginx` is not checked (set -e is the local script's, not the remote shell's), so a failed cd would truncate files of that name wherever the shell is; guard refuses writes after an unchecked cd",
};
