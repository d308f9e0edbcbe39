// Cases of fresh52.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh52Misses: Record<string, string> = {
  "f52-system-state-006": "not refused yet: the GPU driver purged; it is not among the packages the system needs to boot and be reached",
  "f52-system-state-007": "not refused yet: the runfile driver's uninstaller is not judged",
  "f52-system-state-018": "not refused yet: ray stop --force kills the Ray processes of this node only; one node's processes are the operator's",
  "f52-indirect-003": "not refused yet: /qdrant/storage inside a pod is judged as a host path, a folder below one directly under /",
  "f52-indirect-006": "not refused yet: every entry of a folder below /mnt deleted by find; a mount point's contents are protected only for a NAS volume",
  "f52-indirect-007": "not refused yet: the GPU driver purged by ansible's apt module on every GPU node; the driver is not a package the system needs to boot",
  "f52-interpreters-009": "not refused yet: wandb's run.delete is not among the interpreter tables",
};
