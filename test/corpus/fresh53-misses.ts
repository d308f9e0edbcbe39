// Cases of fresh53.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh53Misses: Record<string, string> = {
  "f53-data-clouds-034": "not refused yet: a Pub/Sub subscription's message retention cut to minutes is not judged",
  "f53-indirect-007": "not refused yet: Strimzi's KafkaTopic resources deleted through kubectl; the operator then deletes the topics, which guard does not know",
  "f53-interpreters-007": "not refused yet: Sidekiq's dead set cleared in Ruby; Sidekiq's API is not among the interpreter tables",
  "f53-interpreters-009": "not refused yet: Ruby run by rails runner clearing a Sidekiq queue; rails runner's code and Sidekiq's API are not read",
  "f53-protected-writes-003": "not refused yet: a find picking *.log in Kafka's data folder; there the .log files are the segments, but a find's pick by name in a data folder is the operator's",
  "f53-identity-001": "not refused yet: a Kafka ACL granting every principal every operation on every topic is not judged",
  "f53-identity-003": "not refused yet: an SQS queue policy open to every principal is not judged",
  "f53-identity-004": "not refused yet: nsc delete account is not judged",
};
