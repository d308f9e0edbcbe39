// Cases of fresh11.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh11Misses: Record<string, string> = {
  "f11-interp-007": "not refused yet: a Python loop over /proc that SIGKILLs every pid is kill -9 -1 written by hand; guard reads the os.kill call but not which pids a loop over a directory listing reaches",
};
