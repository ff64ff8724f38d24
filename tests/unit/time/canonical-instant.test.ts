import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAtOrAfter, hasCanonicalLayout, isCanonicalInstant, MAX_CANONICAL_MS, MIN_CANONICAL_MS } from '../../../lib/time/canonical-instant.js';
import { toEpochMs } from '../../../lib/time/iso-instant.js';
import { localDayNumber, localDayStart } from '../../../lib/time/local-day.js';

/** A canonical-looking string with one character replaced: mostly invalid, sometimes still valid. */
const mutated = fc
  .tuple(fc.integer({ min: MIN_CANONICAL_MS, max: MAX_CANONICAL_MS }), fc.nat(23), fc.constantFrom('0', '1', '2', '3', '5', '9', ':', '-', '.', 'T', 'Z', 'a', '/'))
  .map(([ms, at, char]) => {
    const text = new Date(ms).toISOString();
    return `${text.slice(0, at)}${char}${text.slice(at + 1)}`;
  });

describe('canonical instants', () => {
  it('are valid exactly when the full parse reads a number', () => {
    // Arrange
    const property = fc.property(mutated, (text) => {
      // Act
      const valid = hasCanonicalLayout(text) && isCanonicalInstant(text);

      // Assert: a canonical layout is either a valid instant or NaN, never another reading.
      if (hasCanonicalLayout(text)) expect(valid).toBe(!Number.isNaN(toEpochMs(text)));
    });

    fc.assert(property, { numRuns: 5000 });
  });

  it('sort as their instants', () => {
    // Arrange
    const instant = fc.integer({ min: MIN_CANONICAL_MS, max: MAX_CANONICAL_MS });
    const property = fc.property(instant, instant, (a, b) => {
      // Act
      const textOrder = Math.sign(new Date(a).toISOString().localeCompare(new Date(b).toISOString(), 'en'));

      // Assert
      expect(new Date(a).toISOString() < new Date(b).toISOString()).toBe(a < b);
      expect(textOrder === 0).toBe(a === b);
    });

    fc.assert(property, { numRuns: 2000 });
  });

  it('compare with a threshold as their instants do, also beyond the years text can write', () => {
    // Arrange
    const text = '2026-03-01T00:00:00.000Z';

    // Act + Assert
    expect(text >= canonicalAtOrAfter(Date.parse(text))).toBe(true);
    expect(text >= canonicalAtOrAfter(Date.parse(text) + 1)).toBe(false);
    expect(text >= canonicalAtOrAfter(Date.parse(text) + 0.5)).toBe(false);
    expect(text >= canonicalAtOrAfter(Number.NEGATIVE_INFINITY)).toBe(true);
    expect(text >= canonicalAtOrAfter(MAX_CANONICAL_MS + 1)).toBe(false);
  });
});

describe('localDayStart', () => {
  it('is the first instant of the local day, away from offset changes', () => {
    // Arrange
    const day = localDayNumber(Date.parse('2026-03-01T12:00:00+09:00'), 'Asia/Seoul');

    // Act
    const start = localDayStart(day, 'Asia/Seoul');

    // Assert
    expect(start).toBe(Date.parse('2026-03-01T00:00:00+09:00'));
    expect(localDayNumber(start - 1, 'Asia/Seoul')).toBe(day - 1);
  });

  it('gives NaN within three days of a daylight saving change', () => {
    // Arrange: New York springs forward on 2026-03-08.
    const day = localDayNumber(Date.parse('2026-03-10T12:00:00Z'), 'America/New_York');

    // Act + Assert
    expect(localDayStart(day, 'America/New_York')).toBeNaN();
    expect(localDayStart(day + 7, 'America/New_York')).toBe(Date.parse('2026-03-17T00:00:00-04:00'));
  });
});
