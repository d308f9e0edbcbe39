// Cases of fresh15.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh15Misses: Record<string, string> = {
  "f15-data-clouds-021": "not refused yet: SQL posted to ClickHouse's HTTP port through curl is not read as SQL",
  "f15-data-clouds-024": "not refused yet: SQL given to aws athena start-query-execution --query-string is not read as SQL",
  "f15-interpreters-005": "not refused yet: etcdctl del --prefix of a folder below the root (/registry/namespaces) is not judged; only the whole keyspace is",
};
