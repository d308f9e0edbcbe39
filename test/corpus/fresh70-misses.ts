// Cases of fresh70.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh70Misses: Record<string, string> = {
  "f70-protected-writes-014": "refused, though harmless: cp of authorized_keys to a new name in the project; a destination that does not exist yet may be a folder guard cannot rule out, and authorized_keys inside it would be a credential",
  "f70-interpreters-001": "not refused yet: OVHcloud's Python client deleting an instance; the clouds' SDKs guard reads are AWS's, Google's, Azure's and Kubernetes'",
};
