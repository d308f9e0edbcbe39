// Cases of fresh50.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh50Misses: Record<string, string> = {
  "f50-data-clouds-018": "not refused yet: pd service disable -p reads the services from its input, a listing of the same CLI; the listed-delete rule reads items given as arguments, not an option's input",
  "f50-indirect-002": "not refused yet: the monitoring agent stopped on every host of an inventory; stopping one service is the operator's, and guard does not count the hosts a pattern names",
  "f50-interpreters-004": "not refused yet: fetch's body is not carried to the curl it is judged as, so the silence's matchers are not read",
  "f50-interpreters-007": "not refused yet: requests' params are not carried into the URL it is judged as, so delete_series's selector is not read",
};
