// Cases of fresh55.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh55Misses: Record<string, string> = {
  "f55-data-clouds-007": "not refused yet: an ECR lifecycle policy that expires every image after a day is not judged",
  "f55-data-clouds-012": "not refused yet: acr purge run through az acr run --cmd is not read",
  "f55-data-clouds-019": "not refused yet: Quay's API deleting a whole repository (/api/v1/repository/NS/NAME) is not judged",
  "f55-data-clouds-023": "not refused yet: a released chart version deleted from ChartMuseum over HTTP is not judged",
};
