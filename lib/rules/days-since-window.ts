import { hasCanonicalLayout } from '../time/canonical-instant.js';
import { calendarDaysSince, localDayOfNow, localDayStart, zoneOrDefault } from '../time/local-day.js';
import { InstantTextRanges, type InstantRange } from './instant-text-ranges.js';

/** Whole days `[first, last]` of `days_since` (±Infinity when open). */
export type DayRange = readonly [first: number, last: number];

// Day numbers beyond these lie outside the years canonical text can write (0–9999), and
// Intl cannot place them in a zone: a bound past them bounds no canonical instant.
const FIRST_DAY = -1_000_000;
const LAST_DAY = 3_000_000;
const UNSET = Symbol('unset');

/**
 * `days_since(date)` compared with literals, compiled: whether the whole local days from
 * `date` to `now` fall in some ranges. For one `now` and time zone the ranges are instants
 * (local day `today − n` starts at a fixed instant), worked out once and kept; a canonical
 * instant (profiles carry nothing else) is then placed by two string comparisons instead of
 * a parse and a zone lookup. Any other value, and any window within days of a daylight
 * saving change, is answered day by day with the operator's own arithmetic.
 */
export class DaysSinceWindow {
  private now: unknown = UNSET;
  private timeZone: unknown = UNSET;
  private zone = '';
  /** Undefined: no fixed instants (invalid `now`, or an offset change nearby). */
  private text: InstantTextRanges | undefined;

  constructor(private readonly days: readonly DayRange[]) {}

  /** Whether `days_since(date)`, read with the data's `now` and `timeZone`, is in a range. */
  has(now: unknown, timeZone: unknown, date: unknown): boolean {
    if (now !== this.now || timeZone !== this.timeZone) this.prepare(now, timeZone);
    return this.holds(now, date);
  }

  /** How many of `visits` (newest last) are in range, counting no further than `stopAt`. */
  count(now: unknown, timeZone: unknown, visits: unknown, stopAt: number): number {
    if (now !== this.now || timeZone !== this.timeZone) this.prepare(now, timeZone);
    if (!Array.isArray(visits)) return 0;
    // Stopping early is safe: looking at a visit has no effect and cannot throw.
    let count = 0;
    // Walking backwards meets the recent visits first: "3+ visits" stops after three.
    for (let i = visits.length - 1; i >= 0 && count < stopAt; i--) if (this.holds(now, visits[i])) count++;
    return count;
  }

  /** Whether the number of visits in range lies in `[first, last]`. */
  countBetween(now: unknown, timeZone: unknown, visits: unknown, first: number, last: number): boolean {
    const count = this.count(now, timeZone, visits, last === Number.POSITIVE_INFINITY ? first : last + 1);
    return count >= first && count <= last;
  }

  private holds(now: unknown, date: unknown): boolean {
    const text = this.text;
    if (text !== undefined && typeof date === 'string' && hasCanonicalLayout(date)) return text.containsText(date);
    // No date is NaN days, in no range.
    if (date === undefined || date === null) return false;
    const days = calendarDaysSince(date, now, this.zone);
    for (const [first, last] of this.days) if (days >= first && days <= last) return true;
    return false;
  }

  private prepare(now: unknown, timeZone: unknown): void {
    // Checked first, as the operator does: a bad zone throws whatever the date.
    const zone = zoneOrDefault(timeZone);
    const today = localDayOfNow(now, zone);
    this.text = today === today ? this.instantRanges(today, zone) : undefined;
    this.zone = zone;
    this.now = now;
    this.timeZone = timeZone;
  }

  private instantRanges(today: number, zone: string): InstantTextRanges | undefined {
    const ranges: InstantRange[] = [];
    for (const [first, last] of this.days) {
      if (first > last) continue;
      // days_since ∈ [first, last] ⟺ local day ∈ [today − last, today − first].
      const from = dayStart(today - last, zone);
      const to = dayStart(today - first + 1, zone);
      if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
      ranges.push([from, to]);
    }
    return new InstantTextRanges(ranges);
  }
}

function dayStart(day: number, zone: string): number {
  if (day < FIRST_DAY) return Number.NEGATIVE_INFINITY;
  if (day > LAST_DAY) return Number.POSITIVE_INFINITY;
  return localDayStart(day, zone);
}
