// Cases of fresh61.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh61Misses: Record<string, string> = {
  "f61-protected-writes-008": "not refused yet: rsync --delete-excluded deletes at the destination what the source excludes (here a web root's uploads); a mirror into a site's folder passes",
  "f61-protected-writes-014": "not refused yet: restic restore --delete over a live folder outside the system folders deletes what the snapshot lacks",
  "f61-protected-writes-018": "not refused yet: unison -force from an empty folder mirrors the emptiness onto the other replica",
  "f61-protected-writes-020": "not refused yet: lsyncd's default rsync mode deletes at the target what the source lacks (a whole /var/www)",
  "f61-indirect-018": "not refused yet: rsync --delete whose source is / through a misspelt variable; a whole-system backup (rsync -a --delete / DEST) is a common, legitimate form",
};
