// Cases of fresh45.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh45Misses: Record<string, string> = {
  "f45-system-state-016": "not refused yet: dpkg --force-all -i installs past every check; only removals with --force-all are read",
  "f45-system-state-018": "not refused yet: aptitude's ~i search pattern over every installed kernel",
  "f45-system-state-022": "not refused yet: pacman -D --asdeps then removing orphans removes the kernel (as apt-mark auto then autoremove)",
  "f45-protected-writes-011": "not refused yet: /var/db/pkg, FreeBSD's and Gentoo's package database, is not among the package databases known",
  "f45-indirect-014": "not refused yet: guix shell -- runs its command; it is not read as a wrapper",
};
