// Cases of fresh56.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh56Misses: Record<string, string> = {
  "f56-data-clouds-007": "not refused yet: a wp search-replace by a regex that matches everything blanks every post; search-replace is not judged",
  "f56-data-clouds-039": "not refused yet: a Sanity delete-by-query mutation over HTTP is not judged",
  "f56-data-clouds-043": "not refused yet: every WooCommerce customer deleted by a batch POST built from a listing in a variable; a batch body is not read",
  "f56-data-clouds-050": "not refused yet: one Stripe customer deleted over HTTP with the live key from the environment; one record below a collection is routine",
  "f56-data-clouds-051": "not refused yet: stripe fixtures run with a key that may be live; the fixture file's requests are not read",
  "f56-data-clouds-059": "not refused yet: a HubSpot batch archive of every contact a listing names, through a body in a variable, is not read",
  "f56-indirect-003": "not refused yet: wp run by docker exec on a remote Docker host; a site in a container is judged without its path",
  "f56-indirect-005": "not refused yet: terminus wp passes its words to wp on the live site; terminus is not read as a launcher",
  "f56-indirect-006": "not refused yet: the project script runs wp db reset on the live path it sets in a variable guard reads as the project's",
  "f56-indirect-011": "not refused yet: wp db reset run by find -execdir in each site folder; the site's path is the folder find finds",
  "f56-indirect-012": "not refused yet: every Twilio phone number a listing names, released through xargs; twilio's remove verb is not among the listed-delete verbs",
  "f56-interpreters-001": "not refused yet: every Stripe customer deleted in Python through the stripe library, which is not among the interpreter tables",
  "f56-interpreters-006": "not refused yet: PHP handed to wp eval is not read",
  "f56-interpreters-007": "not refused yet: PHP handed to drush php:eval is not read",
  "f56-interpreters-008": "not refused yet: Apex handed to sf apex run on its input is not read",
  "f56-interpreters-009": "not refused yet: every Intercom contact deleted in a node loop; fetch's URL is built when it runs",
};
