// Cases of fresh37.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh37Misses: Record<string, string> = {
  "f37-protected-writes-011": "not refused yet: moving /scratch aside keeps its files; running jobs lose their paths, which guard does not weigh",
};
