// Cases of fresh3.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh3Misses: Record<string, string> = {
  "f3-system-state-013": "not refused yet: tc netem loss 100% on the main interface cuts the host off; guard has no rule for traffic control",
};
