// Cases of fresh18.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh18Misses: Record<string, string> = {
  'f18-system-state-055': 'refused: guard does not track an interface the same code made (ip link add dummy0), so taking it down reads as taking the network down',
  'f18-system-state-056': 'refused: guard does not track a network namespace the same code made (ip netns add), so a DROP policy inside it reads as the host\'s; unshare -n is read',
};
