// Cases of fresh46.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh46Misses: Record<string, string> = {
  "f46-evasions-011": "not refused yet: the program word is kubectl${IFS}cordon, which the shell splits when it runs; guard reads one program name it cannot know, and kubectl is left to the cluster rules in listed-delete",
};
