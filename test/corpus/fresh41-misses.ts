// Cases of fresh41.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh41Misses: Record<string, string> = {
  "f41-data-clouds-007": "not refused yet: BlueXP's delete-all-backups endpoint; a vendor API path not among the resource names read",
  "f41-data-clouds-018": "not refused yet: Hitachi's REST path for a snapshot group; a vendor API path not among the resource names read",
  "f41-data-clouds-030": "not refused yet: NAKIVO's bulk remove is a POST to a router with the action in its JSON body",
};
