// Cases of fresh6.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh6Misses: Record<string, string> = {
  "f6-ident-001": "refused wrongly, on purpose: a stub on a PATH the command sets never makes a name the policy judges (rm) into a milder one (echo), since sudo, doas or a login shell would search another PATH",
};
