// Cases of fresh7.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh7Misses: Record<string, string> = {
  "f7-identity-001": "refused wrongly, on purpose: a file on a PATH the command sets never makes a name the policy judges (terraform) into a milder one (here a link to echo), since sudo, doas or a login shell would search another PATH and run the real one",
};
