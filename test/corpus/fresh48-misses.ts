// Cases of fresh48.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh48Misses: Record<string, string> = {
  "f48-data-clouds-008": "not refused yet: REPLICAOF NO ONE on each of several hosts in a loop (every replica promoted) is not told from one planned promotion",
  "f48-data-clouds-020": "not refused yet: a Route 53 batch deleting the apex A alias; cloud.dns-delete reads MX, NS and SOA deletes only, and the zone's apex is not known from its id",
  "f48-data-clouds-023": "not refused yet: HAProxy's runtime API commands sent through socat are not read (disable server for every listed server)",
  "f48-data-clouds-024": "not refused yet: HAProxy's runtime API commands sent through socat are not read (shutdown frontend)",
  "f48-indirect-004": "not refused yet: pg_ctl promote on a range of hosts through pdsh (every standby promoted) is not judged; one promotion is an operator's call",
};
