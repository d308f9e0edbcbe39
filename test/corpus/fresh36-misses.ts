// Cases of fresh36.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh36Misses: Record<string, string> = {
  "f36-data-clouds-004": "not refused yet: Ryu's REST call clearing a switch's flow table; an SDN controller's own API is not read",
  "f36-data-clouds-005": "not refused yet: Ryu's firewall REST call deleting every rule; an SDN controller's own API is not read",
  "f36-system-state-019": "not refused yet: ip -all netns exec runs the flush in every named namespace, not the host's; guard does not judge namespaces it cannot see",
  "f36-system-state-039": "not refused yet: a vendor's private SNMP OID that reboots the switch; only IF-MIB's ifAdminStatus is read",
  "f36-indirect-016": "not refused yet: vtysh -f reads its commands from a file; guard reads no vtysh file",
  "f36-indirect-017": "not refused yet: ip -batch reads ip commands from its input; the batch is not judged line by line",
  "f36-indirect-018": "not refused yet: ip -batch reads ip commands from a file; guard reads no batch file",
};
