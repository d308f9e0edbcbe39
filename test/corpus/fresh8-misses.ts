// Cases of fresh8.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh8Misses: Record<string, string> = {
  "f8-evasions-028": "refused wrongly: a command held in an array (\"${cmd[@]}\") is not followed, so its program counts as unknown",
  "f8-evasions-035": "refused wrongly: ${PATH:0:1} (a substring of a known value) is not evaluated, so the path counts as unknown",
  "f8-protected-writes-002": "not refused yet: ${HOME:0:1} builds /etc/shadow; substrings of known values are not evaluated",
  "f8-protected-writes-003": "not refused yet: ${p//pattern/} builds /etc/sudoers; pattern replacement is not evaluated, and an append to a path guard cannot know passes",
  "f8-evasions-048": "refused wrongly: after cd ./build && cd .., $OLDPWD is the build folder; guard keeps the folder before the first cd",
  "f8-indirect-016": "not refused yet: env -S expands ${HOME} itself inside its single-quoted string; guard does not",
  "f8-identity-007": "refused wrongly: a function named rm that only prints shadows the program; guard judges the call as rm",
  "f8-system-state-012": "not refused yet: kill -$((3*3)) -$((1)) is kill -9 -1; arithmetic expansion is not evaluated",
  "f8-interpreters-009": "refused wrongly: Python joins adjacent string literals (\"l\" \"s -la /etc\"); guard takes the argument of os.system as unknown",
};
