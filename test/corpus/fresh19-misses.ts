// Cases of fresh19.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh19Misses: Record<string, string> = {
  "f19-data-clouds-012": "not refused yet: a Grafana folder deleted over the API (with its dashboards and forceDeleteRules) is not judged",
  "f19-system-state-005": "not refused yet: kill -9 of a set of processes known only at run time (lsof -t +L1) is not judged; a kill of computed pids is routine",
};
