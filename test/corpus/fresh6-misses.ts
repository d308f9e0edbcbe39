// Cases of fresh6.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh6Misses: Record<string, string> = {
  "f6-sys-009": "not refused yet: apt-get purge of packages computed at run time (every kernel image but the running one); guard judges only removals of packages it can name",
  "f6-ident-001": "refused wrongly, on purpose: a stub on a PATH the command sets never makes a name the policy judges (rm) into a milder one (echo), since sudo, doas or a login shell would search another PATH",
};
