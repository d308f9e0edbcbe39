// Cases of fresh70.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh70Misses: Record<string, string> = {
  "f70-interpreters-001": "not refused yet: OVHcloud's Python client deleting an instance; the clouds' SDKs guard reads are AWS's, Google's, Azure's and Kubernetes'",
};
