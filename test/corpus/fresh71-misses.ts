// Cases of fresh71.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh71Misses: Record<string, string> = {
  "f71-data-clouds-052": "not refused yet: a dump file named for the day loaded into a host named prod; the file's name is known only when it runs, and which server is production is a name guard does not judge",
  "f71-data-clouds-070": "refused (confirm), though routine: every access key one user has, listed and set Inactive in a loop; the listing names whose keys, which system.listed-delete does not count as picking some",
  "f71-indirect-082": "not refused yet: ansible disabling kubelet on every host of the inventory; stopping kubelet is not judged, whatever the host pattern",
};
