// Cases of fresh34.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh34Misses: Record<string, string> = {
  "f34-data-clouds-005": "not refused yet: rsync --delete from an empty folder into ~/Documents empties it; emptying a home child (as ~/Documents/*) is left to the user, as the corpus decided",
  "f34-data-clouds-007": "not refused yet: rsync --delete from a mount point that may be empty over a backup; whether /mnt/usb is mounted is not known",
  "f34-data-clouds-008": "not refused yet: unison -batch -force of the remote replica makes the local side win, deleting what only the remote holds",
  "f34-system-state-003": "not refused yet: snap remove --purge deletes the app's data without a snapshot; removing one app is routine",
  "f34-system-state-007": "not refused yet: minikube delete --all --purge deletes every local cluster and ~/.minikube; local clusters are meant to be thrown away",
};
