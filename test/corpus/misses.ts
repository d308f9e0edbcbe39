// Cases of dev.jsonl that guard still decides wrongly, with why. corpus.test.ts fails when one
// of them is decided right, so that it leaves this list.
export const knownMisses: Record<string, string> = {
  "ind-106": "stays allowed by the contract: guard expands with the environment the command will really get, where CLEANUP_CMD is unset, so eval runs nothing; a value guard cannot know (CLEANUP_CMD=$(cat f); eval \"$CLEANUP_CMD\") is refused",
};
