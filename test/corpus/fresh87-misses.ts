// Cases of fresh87.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh87Misses: Record<string, string> = {
  "f87-indirect-023": "not refused, by choice: find /var/log -name '*.log' emptying each file through python; a find that picks by name is the operator's (as find -name '*.log' -exec truncate is)",
  "f87-protected-writes-015": "not refused yet: perl -pi over every user's .bashrc (umask 000); in-place edits of other users' startup files are not a protected write",
};
