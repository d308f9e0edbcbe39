// Cases of fresh20.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh20Misses: Record<string, string> = {
  "f20-data-clouds-032": "refused: guard does not track a multipass instance the same code launched, so purging it reads as purging any instance",
  "f20-system-state-013": "not refused yet: cobbler netboot-enabled plus a reboot reinstalls the machine; cobbler is not read",
};
