// Cases of fresh90.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh90Misses: Record<string, string> = {
  "f90-indirect-020": "not refused yet: find sending every *.pem it finds off the host with curl -T; a find's names are not matched against credentials for an upload",
  "f90-data-clouds-013": "not refused yet: SQL decoded from base64 inside $(\u2026) for a here-string; decoders are worked out in pipes, not in command substitutions",
};
