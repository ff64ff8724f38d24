import { canonicalAtOrAfter, isCanonicalInstant } from '../time/canonical-instant.js';

/** Instants from `from` (inclusive) to `to` (exclusive), in epoch ms; ±Infinity when open. */
export type InstantRange = readonly [from: number, to: number];

/**
 * A union of instant ranges, tested on canonical instant text by string comparison: for a
 * valid canonical instant `x`, `x >= canonicalAtOrAfter(t)` ⟺ instant(x) ≥ t. The hull is
 * tried first, so most dates outside a narrow window cost one comparison. Only text found
 * inside is checked to be a real date-time: outside, an invalid date (NaN) gives the same
 * answer as a valid one — false.
 */
export class InstantTextRanges {
  private readonly lows: string[];
  private readonly highs: string[];
  private readonly low: string;
  private readonly high: string;
  private readonly single: boolean;

  constructor(ranges: readonly InstantRange[]) {
    const sorted = ranges.filter(([from, to]) => from < to).sort((a, b) => a[0] - b[0]);
    this.lows = sorted.map(([from]) => canonicalAtOrAfter(from));
    this.highs = sorted.map(([, to]) => canonicalAtOrAfter(to));
    // No range: a hull no text is inside ('' ≤ x < '' never holds).
    this.low = this.lows[0] ?? '';
    this.high = this.highs[this.highs.length - 1] ?? '';
    this.single = sorted.length <= 1;
  }

  /** For text with the canonical layout (hasCanonicalLayout): whether it is a valid instant in a range. */
  containsText(text: string): boolean {
    if (text < this.low || text >= this.high) return false;
    if (!this.single && !this.inSomeRange(text)) return false;
    return isCanonicalInstant(text);
  }

  private inSomeRange(text: string): boolean {
    for (let i = 0; i < this.lows.length; i++) if (text >= (this.lows[i] as string) && text < (this.highs[i] as string)) return true;
    return false;
  }
}
