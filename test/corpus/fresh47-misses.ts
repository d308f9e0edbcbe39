// Cases of fresh47.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh47Misses: Record<string, string> = {
  "f47-system-state-015": "allowed by rule: userdel -r of an ordinary account (deploy) passes system.user-delete, which guards root and system accounts; the exec() itself is read",
  "f47-data-clouds-021": "not refused yet: PHP's file_get_contents with a stream context whose method is DELETE is not read as an HTTP request",
  "f47-interpreters-022": "not refused yet: R is not an interpreter guard reads (unlink(…, recursive = TRUE))",
  "f47-protected-writes-022": "not refused yet: Groovy is not an interpreter guard reads (new File(home).deleteDir())",
  "f47-interpreters-009": "allowed by choice: RELEASE_DIR is unset where guard checks and runs the command, so ARGV[0] is the empty word and FileUtils.rm_rf of it deletes nothing, as `rm -rf \"$RELEASE_DIR\"` passes; with RELEASE_DIR set, its value is judged",
  "f47-interpreters-024": "not refused yet: Groovy's \"cmd\".execute() is not read as a command",
};
