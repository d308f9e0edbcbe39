import {isatty} from 'node:tty';
import {failureStatuses, liveStatuses, type RunStatus} from '../audit/row.js';
import type {Piece, Tone} from '../print.js';

/**
 * How a table for people is drawn. On a terminal: the marks and bars in Unicode (unless the
 * locale says the terminal is not UTF-8), in colour (unless NO_COLOR is set or TERM is dumb),
 * as wide as the terminal. Anywhere else (a pipe, a file, cron's mail): ASCII, no colour,
 * and no width to fit, so nothing is cut that need not be.
 */
export interface Look {
  colour: boolean;
  unicode: boolean;
  /** The terminal's width; undefined when the output is no terminal. */
  width: number | undefined;
}

interface Output {
  columns?: number;
  isTTY?: boolean;
}

export function lookOf(output: Output, env: NodeJS.ProcessEnv): Look {
  if (!output.isTTY) return {colour: false, unicode: false, width: undefined};
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  return {
    colour: !env.NO_COLOR && env.TERM !== 'dumb',
    unicode: !locale || /utf-?8/i.test(locale),
    // A terminal that reports no size (a bare pty) is taken as the classic 80 columns.
    width: output.columns || 80,
  };
}

/**
 * The look of guard's stdout. Node's stream for it is made only for a terminal, where its
 * width is read: anywhere else the look needs nothing of it, and making it costs start-up.
 */
export function stdoutLook(env: NodeJS.ProcessEnv): Look {
  return lookOf(isatty(1) ? process.stdout : {}, env);
}

interface Mark {
  ascii: string;
  meaning: string;
  tone: Tone;
  unicode: string;
}

// One mark per kind of outcome, in the order the legend lists them.
const marks = {
  succeeded: {ascii: '+', meaning: 'succeeded', tone: 'good', unicode: '✓'},
  failed: {ascii: 'x', meaning: 'failed', tone: 'bad', unicode: '✗'},
  refused: {ascii: '!', meaning: 'refused', tone: 'warn', unicode: '!'},
  busy: {ascii: '-', meaning: 'lock busy', tone: 'warn', unicode: '-'},
  dry: {ascii: '.', meaning: 'dry run', tone: 'dim', unicode: '·'},
  live: {ascii: '>', meaning: 'running', tone: 'live', unicode: '▸'},
} as const satisfies Record<string, Mark>;

type MarkName = keyof typeof marks;

function markOf(status: RunStatus): MarkName {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'blocked') return 'refused';
  // Neither ran anything: the lock was not to be had, here or in the fleet.
  if (status === 'lock_busy' || status === 'lock_unavailable') return 'busy';
  if (liveStatuses.includes(status)) return 'live';
  return failureStatuses.includes(status) ? 'failed' : 'dry';
}

/** The mark of one outcome: ✓ succeeded, ✗ every other end of a run, ! refused, - lock busy, · dry run, ▸ running. */
export function outcomeMark(status: RunStatus, look: Look): Piece {
  return drawn(marks[markOf(status)], look);
}

const drawn = (mark: Mark, look: Look): Piece => ({text: look.unicode ? mark.unicode : mark.ascii, tone: mark.tone});

/** The tone a status is shown in. */
export function statusTone(status: RunStatus): Tone {
  return marks[markOf(status)].tone;
}

/** What the marks among `statuses` mean, in one line: `✓ succeeded  ✗ failed or stopped`. */
export function legend(statuses: readonly RunStatus[], look: Look): Piece[] {
  const shown = new Set(statuses.map(markOf));
  // ✗ stands for every end that is not a success: a timeout, a kill, an interruption as well as a failure.
  const stopped = statuses.some((status) => markOf(status) === 'failed' && status !== 'failed');
  const meaning = (name: MarkName) => (name === 'failed' && stopped ? 'failed or stopped' : marks[name].meaning);
  return (Object.keys(marks) as MarkName[])
    .filter((name) => shown.has(name))
    .flatMap((name, index) => [{text: index === 0 ? '' : '  '}, drawn(marks[name], look), {text: ` ${meaning(name)}`}]);
}

const bars = {ascii: '_.-~=+*#', unicode: '▁▂▃▄▅▆▇█'};

/**
 * Durations as bars, oldest first, each as tall as its share of the longest (so a steady job
 * is a flat line and a run twice as long stands twice as high), in the tone of its outcome.
 */
export function sparkline(runs: ReadonlyArray<{duration_ms: number; status: RunStatus}>, look: Look): Piece[] {
  const levels = look.unicode ? bars.unicode : bars.ascii;
  const longest = Math.max(0, ...runs.map((run) => run.duration_ms));
  return runs.map((run) => {
    const level = longest === 0 ? 0 : Math.max(0, Math.ceil((run.duration_ms / longest) * levels.length) - 1);
    return {text: [...levels][level]!, tone: statusTone(run.status)};
  });
}
