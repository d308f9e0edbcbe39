// Cases of fresh43.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh43Misses: Record<string, string> = {
  "f43-data-clouds-028": "not refused yet: Mailgun's DELETE of the whole envelopes queue; a vendor API path not among those read",
  "f43-data-clouds-042": "not refused yet: every PagerDuty service disabled from a listing; work picked from a listing is the known class",
  "f43-indirect-003": "not refused yet: the Stripe CLI in a container image; docker run of an image is judged by the command, and the image's entry point is not known",
  "f43-interpreters-004": "not refused yet: Perl's HTTP::Tiny delete is not read as an HTTP delete",
  "f43-interpreters-005": "not refused yet: Flagsmith's environment deleted through Python requests; its API path is not among those read",
  "f43-interpreters-006": "not refused yet: every webhook endpoint deleted through the Stripe Python library in a loop",
};
