// Cases of fresh60.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh60Misses: Record<string, string> = {
  "f60-evasions-009": "not refused yet: git's hooks (a hooks folder set by -c core.hooksPath, or .git/hooks) are not read for the verbs that run them",
};
