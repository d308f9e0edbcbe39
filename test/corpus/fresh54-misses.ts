// Cases of fresh54.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh54Misses: Record<string, string> = {
  "f54-protected-writes-043": "not refused yet: a loop over /var/log/* truncating each file; the loop variable is unknown, and truncate of an unknown file is not judged as every file the glob names",
  "f54-protected-writes-052": "refused: find -delete in a folder named by a command substitution ($(hostname)); the working folder is not known, though the find picks by name and age",
};
