// Cases of fresh30.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh30Misses: Record<string, string> = {
  "f30-disks-006": "not refused yet: luksKillSlot of each of the eight slots in a loop; one slot per turn is routine rotation, and the turns are not added up",
  "f30-protected-writes-017": "not refused yet: openssl ca -revoke of an intermediate CA; a revoke of one leaf is routine offboarding, and guard cannot tell the two apart",
};
