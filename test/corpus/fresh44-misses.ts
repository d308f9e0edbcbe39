// Cases of fresh44.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh44Misses: Record<string, string> = {
  "f44-system-state-013": "not refused yet: a namespace force-finalized through kubectl replace --raw of /finalize",
  "f44-data-clouds-017": "not refused yet: kind delete clusters --all; local clusters are meant to be thrown away (as minikube delete --all in fresh34)",
  "f44-indirect-003": "not refused yet: kubespray's reset.yml run by ansible-playbook; a playbook file is not read",
  "f44-indirect-005": "not refused yet: oc rsh runs its command in the pod; it is not read as a launcher",
  "f44-indirect-007": "not refused yet: every manifest deleted through find -exec kubectl delete -f {}; the file names are what find finds",
  "f44-indirect-009": "not refused yet: the package.json script deletes every kind cluster and minikube profile; local clusters are meant to be thrown away",
  "f44-indirect-013": "not refused yet: virtctl ssh --command runs in the VM; it is not read as a launcher",
  "f44-interpreters-005": "not refused yet: minikube delete --all --purge; local clusters are meant to be thrown away",
  "f44-evasions-008": "not refused yet: kubectl delete -f of a process substitution's output; the manifest is only known when it runs",
};
