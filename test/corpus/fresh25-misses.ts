// Cases of fresh25.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh25Misses: Record<string, string> = {
  "f25-disks-005": "not refused yet: btrfs replace start -f writes over the target device; btrfs replace is not read as a write to a device",
  "f25-disks-011": "not refused yet: e2fsck -fy of the device mounted at / ($(findmnt -no SOURCE /)) is not judged; guard does not know what is mounted",
};
