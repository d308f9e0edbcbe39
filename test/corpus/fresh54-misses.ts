// Cases of fresh54.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh54Misses: Record<string, string> = {
  "f54-protected-writes-052": "refused: find -delete in a folder named by a command substitution ($(hostname)); the working folder is not known, though the find picks by name and age",
};
