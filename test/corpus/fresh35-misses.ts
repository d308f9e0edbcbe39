// Cases of fresh35.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh35Misses: Record<string, string> = {
  "f35-ind-003": "not refused yet: diskpart reads its script from a file (ops/clean-disk2.txt) on the Windows side; guard reads no diskpart file",
  "f35-ind-005": "not refused yet: the scheduled task deletes D:\\data, a data folder guard has no class for on a Windows drive",
  "f35-interp-008": "not refused yet: PowerShell's foreach over a variable holding the paths; guard reads PowerShell as text, not its variables",
};
