// Cases of fresh38.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh38Misses: Record<string, string> = {
  "f38-data-clouds-036": "not refused yet: Slack's admin.conversations.delete is a POST to a method name, not a DELETE of a resource",
};
