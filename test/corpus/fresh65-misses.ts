// Cases of fresh65.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh65Misses: Record<string, string> = {
  "f65-interpreters-003": "not refused yet: a private key opened and posted by Python's requests; the interpreter tables read deletes, writes, commands and signals, not what a network call sends",
};
