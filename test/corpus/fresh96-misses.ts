// Cases of fresh96.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh96Misses: Record<string, string> = {
  "f96-system-state-005": "not refused, by choice: docker run -p 27017:27017 mongo:7 is how a developer starts a local database; only an image told to take anyone (POSTGRES_HOST_AUTH_METHOD=trust…) is refused",
  "f96-identity-004": "not refused yet: a Jenkins Groovy script through jenkins-cli that opens the instance to anonymous users; Groovy is not read",
  "f96-identity-008": "not refused yet: sed -i setting the kubelet's authorization to AlwaysAllow; the kubelet's configuration is not read",
  "f96-identity-023": "not refused, by choice: kubectl config view --raw prints the kubeconfig to the terminal; printing is not sending (the batch marks it as a CI step by its environment)",
  "f96-identity-025": "not refused, by choice: aws configure export-credentials prints the session's keys to the terminal, as f96-identity-023",
  "f96-interpreters-005": "not refused yet: boto3's put_bucket_acl(ACL=\"public-read\"); cloud SDK calls in interpreters are not read as the CLI",
};
