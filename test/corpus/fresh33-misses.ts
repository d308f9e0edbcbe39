// Cases of fresh33.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh33Misses: Record<string, string> = {
  "f33-data-042": "refused: a Keycloak realm created then deleted by the same script, lines apart; if the create fails on a realm of that name (no set -e), the delete reaches the existing realm, so only the name is not enough (as for CREATE TABLE then DROP TABLE)",
  "f33-data-005": "not refused yet: every queue id mailq lists, removed one per turn of a loop; a loop's turns are not added up",
  "f33-data-018": "not refused yet: the route53 change batch is in a file (file://); only an inline batch is read",
  "f33-sys-004": "not refused yet: the LDAP database emptied, then restored from an unset variable; emptying /var/lib/ldap is allowed on its own, and the restore's source is not judged",
  "f33-sys-011": "not refused yet: ipa host-del of two hosts with --updatedns; deleting hosts by name is routine decommissioning",
  "f33-ind-011": "not refused yet: every host principal a listing gives, deleted through xargs",
  "f33-interp-001": "not refused yet: a Python loop deleting every record a listing returns; one requests.delete of a record is routine",
  "f33-evas-011": "not refused yet: a function wrapping exim -Mrm called with $(exiqgrep -i); the function's \"$@\" does not carry where its arguments came from",
};
