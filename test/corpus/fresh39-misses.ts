// Cases of fresh39.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh39Misses: Record<string, string> = {
  "f39-data-clouds-014": "not refused yet: one user hard-deleted through GitLab's API (with what they made); one account's delete over HTTP is not judged",
  "f39-data-clouds-027": "not refused yet: acr purge with --ago 0d run inside az acr run --cmd; the command string az runs in the registry is not read",
  "f39-indirect-006": "not refused yet: svnadmin load into the live repository without --force-uuid; loading a dump into a new repository is the routine restore",
};
