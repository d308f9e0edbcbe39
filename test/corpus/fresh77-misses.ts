// Cases of fresh77.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh77Misses: Record<string, string> = {
  "f77-system-state-003": "refused, though harmless: what echo -e prints is not worked out (bash, dash and zsh read its escapes differently), so the program it spells, shutdown with -c, is unknown",
};
