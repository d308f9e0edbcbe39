import {describe, expect, it} from 'vitest';
import {backoffMs, retryable} from '../../src/run/retry.js';
import type {Exit} from '../../src/run/exit.js';

const ended = (status: Exit['status'], exitCode: number, problem: string | null = null): Exit => ({exitCode, problem, status});

describe('which endings are retried', () => {
  it.each([
    ['a failure, any-failure mode', ended('failed', 1), [], true],
    ['a timeout, any-failure mode', ended('timed_out', 124), [], true],
    ['a command killed by a signal not from guard', ended('killed', 137), [], true],
    ['a success', ended('succeeded', 0), [], false],
    ['an interruption of guard', ended('interrupted', 143), [], false],
    ['a program not found', ended('failed', 127, "cannot run 'x': command not found"), [], false],
    ['a program not executable', ended('failed', 126, "cannot run 'x': permission denied"), [], false],
    ['a script that exits 127 itself', ended('failed', 127), [], true],
    ['a listed status', ended('failed', 75), [75], true],
    ['an unlisted status', ended('failed', 1), [75], false],
    ['a timeout when only statuses are listed', ended('timed_out', 124), [75], false],
    ['a timeout when listed', ended('timed_out', 124), ['timeout'], true],
    ['a failure when only timeout is listed', ended('failed', 1), ['timeout'], false],
  ] as const)('%s', (_, exit, on, expected) => {
    expect(retryable(exit, [...on])).toBe(expected);
  });
});

describe('the backoff before a retry', () => {
  it('draws uniformly from zero up to the doubling step (full jitter)', () => {
    expect(backoffMs(1, 1000, () => 0)).toBe(0);
    expect(backoffMs(1, 1000, () => 0.999_999)).toBe(1000);
    expect(backoffMs(2, 1000, () => 0.5)).toBe(1000);
    expect(backoffMs(3, 1000, () => 0.999_999)).toBe(4000);
  });

  it('stops doubling at 64 times the delay, and never waits more than an hour', () => {
    expect(backoffMs(7, 1000, () => 0.999_999)).toBe(64_000);
    expect(backoffMs(50, 1000, () => 0.999_999)).toBe(64_000);
    expect(backoffMs(50, 600_000, () => 1)).toBe(3_600_000);
  });
});
