/**
 * A postgres:// or postgresql:// URL, checked without zod: the schema checks `fleet.url`
 * with it, and the run path checks GUARD_FLEET_URL with it without loading the schema.
 */
export function isFleetUrl(url: string): boolean {
  return /^postgres(ql)?:\/\/\S+$/.test(url) && URL.canParse(url);
}
