// Cases of fresh81.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh81Misses: Record<string, string> = {
  "f81-indirect-028": "not refused yet: find's names split by xargs without -0, in a folder others may write; the names are not known, and xargs rm -f of what a find picks by name and age passes",
};
