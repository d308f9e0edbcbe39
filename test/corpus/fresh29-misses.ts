// Cases of fresh29.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh29Misses: Record<string, string> = {
  "f29-indirect-011": "not refused yet: a redirection inside find -exec sh -c writes to \"$1/device/delete\"; the path find found is not known, so the kernel switch under it is not seen",
  "f29-evasions-011": "not refused yet: a loop over every /proc/[0-9]* entry killing each; one pid per turn of a loop is not taken for all of them",
};
