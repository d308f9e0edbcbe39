// Cases of fresh26.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh26Misses: Record<string, string> = {
  "f26-data-clouds-007": "not refused yet: a Groovy script fed to Jenkins' script console is code guard does not read",
  "f26-data-clouds-008": "not refused yet: a Groovy script posted to Jenkins' /scriptText is code guard does not read",
  "f26-indirect-008": "not refused yet: systemctl disable --now of every enabled timer, listed when it runs, on a fleet",
  "f26-interpreters-004": "not refused yet: the Python script deletes secrets through requests with URLs built in a loop, unknown to guard",
  "f26-evasions-003": "not refused yet: crontab -e with EDITOR set to a command (sed -i d) edits the crontab without a person; EDITOR is not read",
};
