/** A fleet as the system or user policy (or GUARD_FLEET_URL) configures it: durations in milliseconds. */
export interface FleetConfig {
  connectTimeoutMs: number;
  heartbeatMs: number;
  history: boolean;
  keepalive: {count: number; idleMs: number; intervalMs: number};
  lock: boolean;
  lockDelayMs: number;
  lostAfterMs: number;
  monitorRetry: number;
  onLost: 'continue' | 'stop';
  onUnavailable: 'local' | 'skip';
  output: boolean;
  passwordFile: string | null;
  schema: string;
  shipTimeoutMs: number;
  /** Where the URL came from: a policy file's path, or GUARD_FLEET_URL. */
  source: string;
  url: string;
  userTimeoutMs: number;
}
