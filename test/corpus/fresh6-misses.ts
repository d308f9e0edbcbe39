// Cases of fresh6.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh6Misses: Record<string, string> = {
  "f6-pw-016": "refused wrongly: a release folder stamped by $(date) in the middle of a path under a known folder ($APP/releases/$TS/.env) counts as unknown; only a stamp in the last name was judged by its folder",
  "f6-pw-023": "not refused yet: sed -i on /home/*/.ssh/authorized_keys, a glob of credentials that matches nothing where guard checks",
  "f6-sys-008": "not refused yet: a loop over a list of services that includes ssh disables ssh; guard reads the loop variable as unknown, not as each of its values",
  "f6-sys-009": "not refused yet: apt-get purge of packages computed at run time (every kernel image but the running one); guard judges only removals of packages it can name",
  "f6-disk-012": "refused wrongly: zfs destroy of a snapshot (NAME@…) whose date part is computed at run time is taken for a dataset",
  "f6-ident-001": "refused wrongly, on purpose: a stub on a PATH the command sets never makes a name the policy judges (rm) into a milder one (echo), since sudo, doas or a login shell would search another PATH",
};
