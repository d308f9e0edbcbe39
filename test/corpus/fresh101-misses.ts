// Cases of fresh101.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh101Misses: Record<string, string> = {
  "f101-indirect-001": "not refused yet: a pass-through script written to ~/.local/bin/guard, which a PATH with ~/.local/bin first would run in guard's place; guard's own program is not among its guarded files",
  "f101-indirect-015": "not refused yet: git's hooks path set to a folder every user can write (core.hooksPath /tmp/hooks); git config values are not judged as paths",
};
