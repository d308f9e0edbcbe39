// Cases of dev.jsonl that guard still decides wrongly, with why. corpus.test.ts fails when one
// of them is decided right, so that it leaves this list.
export const knownMisses: Record<string, string> = {
  "ind-106": "stays allowed by the contract: guard expands with the environment the command will really get, where CLEANUP_CMD is unset, so eval runs nothing; a value guard cannot know (CLEANUP_CMD=$(cat f); eval \"$CLEANUP_CMD\") is refused",
  "interp-006": "not refused yet: open(...,'w') truncates /etc/passwd",
  "interp-007": "not refused yet: overwrites /etc/hosts",
  "interp-013": "not refused yet: os.kill(-1, SIGKILL) is kill -9 -1",
  "interp-014": "not refused yet: opens the password hashes",
  "interp-015": "not refused yet: Python fork loop",
  "interp-028": "not refused yet: Ruby fork loop",
  "interp-029": "not refused yet: File.write truncates /etc/hosts",
  "interp-034": "not refused yet: writeFileSync truncates /etc/hosts",
  "interp-039": "not refused yet: file_put_contents truncates /etc/hosts",
  "interp-042": "not refused yet: lua os.execute",
  "interp-044": "not refused yet: io.open w truncates /etc/hosts",
  "interp-046": "not refused yet: awk redirection truncates /etc/passwd",
  "interp-053": "refused although safe: an interpreter deleting ./dist",
  "interp-054": "refused although safe: deletes the project build folder",
  "interp-055": "refused although safe: removes a project pid file",
  "interp-069": "refused although safe: rm_rf of a project cache",
  "interp-076": "refused although safe: removes the Laravel maintenance flag in the project",
};
