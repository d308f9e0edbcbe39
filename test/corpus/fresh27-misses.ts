// Cases of fresh27.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh27Misses: Record<string, string> = {
  "f27-cloud-014": "not refused yet: a credential copied into a docker build context and the image pushed; builds are not followed into their images",
  "f27-ev-001": "not refused yet: a credential read line by line in a loop and sent as DNS lookups: the loop variable does not say where it came from",
  "f27-ev-004": "not refused yet: a credential read into a variable, then encoded into a URL: the word says only that it is printf's output",
  "f27-ind-003": "not refused yet: find -exec curl -T {} over ~/.ssh: find's {} is not taken for the files it would find",
  "f27-ind-004": "not refused yet: each private key a listing gives uploaded through xargs",
  "f27-ind-010": "not refused yet: the script posts a bundle it builds from credential files; what the archive holds is not followed",
  "f27-int-007": "not refused yet: awk piping a credential's lines into nc: awk's input file is not linked to what its print | command sends",
};
