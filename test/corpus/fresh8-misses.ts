// Cases of fresh8.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh8Misses: Record<string, string> = {
  "f8-interpreters-009": "refused wrongly: Python joins adjacent string literals (\"l\" \"s -la /etc\"); guard takes the argument of os.system as unknown",
};
