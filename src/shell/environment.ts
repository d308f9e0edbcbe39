// The environment a command sees: the shell's exported variables and the command's own assignments.
import type {ShellState} from './state.js';
import type {Value} from './types.js';

export function environmentOf(state: ShellState, assignments: Map<string, Value>): Map<string, Value> {
  const exported = state.exportedEnv();
  if (assignments.size === 0) return exported;
  const env = new Map(exported);
  for (const [name, value] of assignments) env.set(name, value);
  return env;
}

const records = new WeakMap<Map<string, Value>, Record<string, string | null>>();

/** Commands that see the same environment share one record: treat it as read-only. */
export function envRecord(env: Map<string, Value>): Record<string, string | null> {
  const cached = records.get(env);
  if (cached) return cached;
  const record: Record<string, string | null> = {};
  for (const [name, value] of env) if (!name.startsWith('__guard_unknown_')) record[name] = value.known ? value.value : null;
  records.set(env, record);
  return record;
}
