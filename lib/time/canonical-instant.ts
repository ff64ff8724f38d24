import { daysInMonth } from './civil-days.js';

/**
 * Canonical instants: `YYYY-MM-DDTHH:mm:ss.sssZ`, exactly what `Date#toISOString` writes for
 * years 0000–9999 and what profiles carry (profile-view.ts). Two valid canonical strings
 * sort as their instants do, so a rule can compare a profile's date with a precomputed
 * threshold as text, without parsing it (~10× cheaper than iso-instant.ts's full parse).
 */

/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z. */
export const MIN_CANONICAL_MS = -62_167_219_200_000;
export const MAX_CANONICAL_MS = 253_402_300_799_999;
/** Sorts after every canonical instant. */
const AFTER_ALL = '\uffff';

/**
 * Whether `s` has the layout of a canonical instant: 24 characters, `T` at 10, `Z` last.
 * iso-instant.ts reads any such string either as a canonical instant or as NaN — with `Z`
 * last and 24 characters, seconds and exactly three fraction digits are the only valid
 * layout — so for these strings the text decides, and anything else takes the full parse.
 */
export function hasCanonicalLayout(s: string): boolean {
  return s.length === 24 && s.charCodeAt(23) === 90 && s.charCodeAt(10) === 84;
}

/**
 * Whether `s` is a canonical instant that is a real date-time (no February 30th, no 24:00),
 * i.e. one that iso-instant.ts reads as a number and not NaN. Unrolled: it runs for every
 * date a rule compares.
 */
export function isCanonicalInstant(s: string): boolean {
  if (
    s.length !== 24 || s.charCodeAt(23) !== 90 || s.charCodeAt(19) !== 46 || s.charCodeAt(10) !== 84 ||
    s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58
  ) {
    return false;
  }
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (month < 1 || month > 12 || day < 1 || twoDigits(s, 11) > 23 || twoDigits(s, 14) > 59 || twoDigits(s, 17) > 59) return false;
  const century = twoDigits(s, 0);
  const yearOfCentury = twoDigits(s, 2);
  if (century > 99 || yearOfCentury > 99 || twoDigits(s, 20) > 99 || (s.charCodeAt(22) - 48) >>> 0 > 9) return false;
  return day <= 28 || day <= daysInMonth(century * 100 + yearOfCentury, month);
}

/**
 * Text `t` such that, for every canonical instant `x`, `x >= t` exactly when x's instant is
 * at or after `epochMs` (which may lie outside the years canonical text can write).
 */
export function canonicalAtOrAfter(epochMs: number): string {
  if (epochMs <= MIN_CANONICAL_MS) return '';
  if (epochMs > MAX_CANONICAL_MS || epochMs !== epochMs) return AFTER_ALL;
  return new Date(Math.ceil(epochMs)).toISOString();
}

/** The number two ASCII digits at `i` write, or 100 when they are not two digits. */
function twoDigits(s: string, i: number): number {
  const tens = s.charCodeAt(i) - 48;
  const ones = s.charCodeAt(i + 1) - 48;
  return tens >>> 0 > 9 || ones >>> 0 > 9 ? 100 : tens * 10 + ones;
}
