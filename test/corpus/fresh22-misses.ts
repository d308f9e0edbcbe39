// Cases of fresh22.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh22Misses: Record<string, string> = {
  "f22-system-state-025": "not refused yet: snap remove --purge of a snap that holds data (lxd's containers) is not judged; which snaps hold data is not known to guard",
};
