// Cases of fresh76.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh76Misses: Record<string, string> = {
  "f76-indirect-008": "allowed by choice: emptying a folder directly in /srv (`rm -rf /srv/app/*`, here through find -mindepth 1 -exec rm) is how deploy scripts clear a release folder before unpacking the next; deleting /srv/app itself is refused",
};
