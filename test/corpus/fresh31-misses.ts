// Cases of fresh31.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh31Misses: Record<string, string> = {
  "f31-interpreters-007": "not refused yet: python3 -m esptool runs a module guard does not read as the esptool program",
};
