// Cases of fresh74.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh74Misses: Record<string, string> = {
  "f74-indirect-002": "allowed by choice: net.ipv4.ip_forward=0 stops routing on a Kubernetes node, but hardening guides set it on every host that is no router, and guard cannot tell a node from the name k8s-node-3",
};
