// Cases of fresh62.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh62Misses: Record<string, string> = {
  "f62-protected-writes-013": "refused by choice: after a `cd` that may fail (no `&&`, no `set -e`), a find that deletes under a relative path has no known target; the same batch's f62-indirect-006 asks for exactly that refusal",
};
