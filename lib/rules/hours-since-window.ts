import { hasCanonicalLayout, MAX_CANONICAL_MS, MIN_CANONICAL_MS } from '../time/canonical-instant.js';
import { toEpochMs } from '../time/iso-instant.js';
import { InstantTextRanges } from './instant-text-ranges.js';
import { contains, type NumberInterval } from './number-interval.js';

const HOUR_MS = 3_600_000;
const UNSET = Symbol('unset');

/**
 * `hours_since(date)` compared with literals, compiled: `(now − date) / 1 h` in an interval.
 * That quotient never grows as `date` grows, so for one `now` the dates that qualify form
 * one range of instants; its ends are found once, by bisection with the operator's own
 * floating-point arithmetic (so rounding agrees to the millisecond), and canonical instants
 * are then placed by string comparison. Anything else is computed as the operator does.
 */
export class HoursSinceWindow {
  private now: unknown = UNSET;
  private nowMs = Number.NaN;
  private text = new InstantTextRanges([]);

  constructor(private readonly interval: NumberInterval) {}

  has(now: unknown, date: unknown): boolean {
    if (now !== this.now) this.prepare(now);
    if (typeof date === 'string' && hasCanonicalLayout(date)) return this.text.containsText(date);
    return contains(this.interval, (this.nowMs - toEpochMs(date)) / HOUR_MS);
  }

  private prepare(now: unknown): void {
    const nowMs = toEpochMs(now);
    this.text = new InstantTextRanges(nowMs === nowMs ? [this.instants(nowMs)] : []);
    this.nowMs = nowMs;
    this.now = now;
  }

  /** The canonical instants (whole ms) whose hours since `nowMs` lie in the interval. */
  private instants(nowMs: number): readonly [number, number] {
    const { min, minOpen, max, maxOpen } = this.interval;
    const hours = (at: number): number => (nowMs - at) / HOUR_MS;
    // Holds for every instant up to some point, and for none after it.
    const notTooRecent = (at: number): boolean => (minOpen ? hours(at) > min : hours(at) >= min);
    // Holds from some point on.
    const notTooOld = (at: number): boolean => (maxOpen ? hours(at) < max : hours(at) <= max);
    const from = firstWhere(notTooOld);
    const through = lastWhere(notTooRecent);
    return from === undefined || through === undefined ? [0, 0] : [from, through + 1];
  }
}

/** The first canonical instant from which `test` holds on, if it ever does. */
function firstWhere(test: (at: number) => boolean): number | undefined {
  if (!test(MAX_CANONICAL_MS)) return undefined;
  let [low, high] = [MIN_CANONICAL_MS, MAX_CANONICAL_MS];
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (test(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The last canonical instant up to which `test` holds, if it ever does. */
function lastWhere(test: (at: number) => boolean): number | undefined {
  if (!test(MIN_CANONICAL_MS)) return undefined;
  let [low, high] = [MIN_CANONICAL_MS, MAX_CANONICAL_MS];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (test(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}
