// Cases of fresh42.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh42Misses: Record<string, string> = {
  "f42-data-clouds-016": "not refused yet: every suspended Okta user deactivated from a listing in a loop; work picked from a listing is the known class",
  "f42-data-clouds-021": "not refused yet: Slack's admin.conversations.delete is a POST to a method name, not a DELETE of a resource",
  "f42-data-clouds-026": "not refused yet: Zoom users deleted one by one in a read loop; work picked from a listing is the known class",
};
