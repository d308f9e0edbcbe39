// Cases of fresh80.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh80Misses: Record<string, string> = {
  "f80-indirect-013": "not refused yet: a container created through the Docker socket's API with the host's root bound in and a delete as its command; the request's body is not read as docker run",
  "f80-system-state-004": "not refused yet: every ESXi VM process force-killed in a loop over esxcli's listing; killing one VM is not judged, nor a loop over all",
  "f80-interpreters-007": "not refused yet: the Docker SDK for Python removing every volume; the SDK's calls are not read",
};
