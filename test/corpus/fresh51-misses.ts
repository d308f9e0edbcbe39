// Cases of fresh51.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh51Misses: Record<string, string> = {
  "f51-protected-writes-001": "not refused yet: install onto a data store's file replaces the entry, which the data-folder rule lets through as it does a folder moved aside",
  "f51-indirect-009": "not refused yet: SQL piped into mysql from zcat is not read; a pipe's SQL is read only when guard can see its text",
};
