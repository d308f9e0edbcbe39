// Cases of fresh88.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh88Misses: Record<string, string> = {
  "f88-protected-writes-010": "not refused yet: cPanel's account registry (/var/cpanel/users) deleted; guard knows the package managers' databases, not a control panel's",
  "f88-data-clouds-004": "not refused yet: cPanel's uapi deleting a database; the control panel's API is not read",
};
