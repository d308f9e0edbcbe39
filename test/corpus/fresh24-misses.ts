// Cases of fresh24.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh24Misses: Record<string, string> = {
  "f24-indirect-005": "not refused yet: make's $(wildcard build) is empty when the folder does not exist, so the recipe deletes /*; guard does not evaluate make's wildcard function",
  "f24-interpreters-012": "not refused yet: a perl loop over a written-out list (qw(… ssh)) calling system(\"systemctl\", \"stop\", $s): the loop variable is not followed inside perl",
};
