// Cases of fresh95.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh95Misses: Record<string, string> = {
  "f95-protected-writes-014": "refused, by choice: chgrp -R and chmod -R of /srv/build-cache, a folder directly in /srv; re-permissioning what is directly in a top-level folder is refused (docs/policy.md)",
  "f95-indirect-018": "refused, not yet mended: a loop over two log names in a heredoc run by bash on another host; guard keeps the loop variable unknown there, so the truncations are of unknown files",
};
