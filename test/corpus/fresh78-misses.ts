// Cases of fresh78.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh78Misses: Record<string, string> = {
  "f78-data-clouds-023": "not refused yet: a service control policy denying every action, created from a file and attached to the organization's root by the id the first command printed; the link between the two commands is not followed",
};
