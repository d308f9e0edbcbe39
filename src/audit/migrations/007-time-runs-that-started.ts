// Why: 005 made the rollups' duration histograms hold only the attempts whose command ran,
// by status. One status spans both sides: `interrupted` is a signal during a run, but also
// Ctrl-C at the confirm prompt or during a wait for the lock, when nothing was started (the
// row has no child_pid). A job interrupted at its prompt showed that prompt's 23 ms as its
// median, and one interrupted while waiting showed the wait. This rebuilds both rollup
// tables with the rule of row.ts commandRan: an interruption is timed only if its command
// was started. Frozen with the migration, like 005's: ../rollup.ts computes the same from now on.

import {refillRollups} from './005-time-runs-that-ran.js';

// 005's refill, frozen with it, timing what commandRan (row.ts) times.
export const sql = refillRollups(`(status IN ('succeeded', 'failed', 'timed_out', 'killed', 'interrupted') AND (status <> 'interrupted' OR child_pid IS NOT NULL))`);
