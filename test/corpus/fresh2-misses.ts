// Cases of fresh2.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh2Misses: Record<string, string> = {
  "f2-evasions-022": "refused although safe: a brace expansion as the whole command ({ls,-la,/etc/cron.d} runs ls -la /etc/cron.d) does not parse for guard, and what does not parse is refused",
};
