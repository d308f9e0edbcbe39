// Cases of fresh63.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh63Misses: Record<string, string> = {
  "f63-data-clouds-061": "not refused yet: gcloud projects set-iam-policy replaces the project's whole IAM policy with a file's; the file's bindings are not compared with what they replace",
};
