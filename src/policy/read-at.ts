// A file a command reads, as it will be when the command runs: what the code wrote there before
// it (`cat > lc.json <<EOF`, then `aws … file://lc.json`), else what is on disk now.
import {type SimpleCommand, writtenFile} from '../shell/index.js';
import type {EvaluationContext} from './types.js';

/** What a command reads at an absolute path: what the code wrote there before it, or else the file on disk, through the caller's port. */
export function readAt(path: string, command: SimpleCommand, context: EvaluationContext): {text: string} | {problem: string} | undefined {
  const own = writtenFile(command, path);
  if (own && !('copyOf' in own)) return own;
  return context.readFile?.(own ? own.copyOf : path);
}
