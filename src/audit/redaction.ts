import type {Redactor} from '../redact/redactor.js';
import type {EndFields, StartFields} from './row.js';

type Fields = Partial<StartFields & EndFields>;

// The texts that can quote the command or a message about it, read as shell: a mask never
// hides a word of the command. The rest is guard's own data: ids, times, statuses, paths.
const texts = ['command', 'reason', 'error'] as const;
// What the command printed: no shell, so a secret value runs to its closing quote.
const outputs = ['stdout_tail', 'stderr_tail'] as const;

/** The fields as the log keeps them: every secret masked before it reaches the file. */
export function redactFields<T extends Fields>(redactor: Redactor, fields: T): T {
  const masked: Fields = {...fields};
  for (const key of texts) {
    const text = fields[key];
    if (typeof text === 'string') masked[key] = redactor.text(text);
  }

  for (const key of outputs) {
    const text = fields[key];
    if (typeof text === 'string') masked[key] = redactor.output(text);
  }

  if (fields.argv) masked.argv = redactor.argv(fields.argv);
  if (fields.notes) masked.notes = fields.notes.map((note) => redactor.text(note));
  return masked as T;
}
