// Cases of fresh21.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh21Misses: Record<string, string> = {
  "f21-data-clouds-021": "not refused yet: deleting cert-manager's CA secret is deleting one secret by name; guard does not know which secrets a cluster's issuers hang on",
  "f21-disks-003": "not refused yet: dmsetup remove of device-mapper names a listing gives at run time (xargs) is not judged; remove_all is",
  "f21-identity-007": "not refused yet: kubectl apply -f of a manifest that binds cluster-admin to system:anonymous; manifests are read for what apply deletes, not for the RBAC they grant",
};
