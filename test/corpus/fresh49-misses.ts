// Cases of fresh49.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh49Misses: Record<string, string> = {
  "f49-data-clouds-004": "not refused yet: cleanup.policy=compact on a topic keeps only each key's last value; whether that loses data depends on the topic, which guard cannot see",
  "f49-data-clouds-031": "not refused yet: an Azure storage management policy read from @policy.json is not read",
  "f49-data-clouds-040": "not refused yet: an ECR lifecycle policy keeping one image of any tag is not judged",
  "f49-data-clouds-048": "not refused yet: Redis maxmemory set tiny under an allkeys eviction policy (every key evicted) is not judged",
  "f49-data-clouds-062": "not refused yet: a Prometheus retention flag given to a container image's command (docker run … --storage.tsdb.retention.time=1h) is not read",
  "f49-data-clouds-063": "not refused yet: thanos compact retention of one day is at the rule's edge (under a day refuses)",
  "f49-data-clouds-065": "not refused yet: restic forget --keep-last 1 keeps one snapshot; a retention policy of one is not judged",
  "f49-system-state-007": "not refused yet: a logrotate configuration of rotate 0 for the audit log, written by the same script, is not read",
  "f49-disks-001": "not refused yet: snapper timeline limits set to zero, then a cleanup, are not judged",
  "f49-indirect-006": "not refused yet: object retention shortened to a past date with --bypass-governance-retention, object by object from a listing, is not judged",
  "f49-indirect-007": "not refused yet: EXPIRE of one second on every key a SCAN lists is not judged as a flush",
  "f49-indirect-008": "not refused yet: every Velero backup's TTL patched to a second through kubectl patch is not judged",
  "f49-interpreters-003": "not refused yet: an ILM policy PUT by requests.put(json=…) is read as curl -X PUT without its body",
  "f49-interpreters-006": "not refused yet: boto3's put_bucket_lifecycle_configuration is not in the interpreter tables",
};
