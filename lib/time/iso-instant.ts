import { daysFromCivil, daysInMonth } from './civil-days.js';

/**
 * Epoch milliseconds of the instants CRM rules compare: ISO-8601 date-times that carry an
 * offset (`2026-03-01T23:30:00+09:00`, `…Z`) or epoch-ms numbers.
 *
 * Hand-parsed rather than `Date.parse`: rule evaluation parses millions of these, and
 * `Date.parse` reads offset-less strings in the host's zone — an answer that would change
 * with the machine. Anything without an offset is NaN, so every comparison with it is false.
 */
export function toEpochMs(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== 'string') return Number.NaN;
  return parseIsoInstant(value);
}

const DAY_MS = 86_400_000;

// `YYYY-MM-DDTHH:MM[:SS[.fff…]](Z|±HH:MM|±HHMM)`. Fields are read two digits at a time:
// this runs for every date a rule touches, and per-character loops cost twice as much.
function parseIsoInstant(s: string): number {
  const n = s.length;
  if (n < 17 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return Number.NaN;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 116) return Number.NaN; // T or t
  const century = twoDigits(s, 0);
  const yearOfCentury = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return Number.NaN;
  }
  const year = century * 100 + yearOfCentury;
  if (day > 28 && day > daysInMonth(year, month)) return Number.NaN;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (s.charCodeAt(i) === 58) {
    second = twoDigits(s, i + 1);
    if (second < 0 || second > 59) return Number.NaN;
    i += 3;
    if (s.charCodeAt(i) === 46) {
      const start = ++i;
      while (i < n && isDigit(s.charCodeAt(i))) i++;
      const count = i - start;
      if (count === 0 || count > 9) return Number.NaN;
      // Milliseconds are the first three digits; finer digits are truncated, like Date.
      for (let k = 0; k < 3; k++) millis = millis * 10 + (k < count ? s.charCodeAt(start + k) - 48 : 0);
    }
  }
  const offset = parseOffset(s, i);
  if (offset !== offset) return Number.NaN;
  const local = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return local - offset;
}

function parseOffset(s: string, i: number): number {
  const n = s.length;
  const sign = s.charCodeAt(i);
  if (sign === 90 || sign === 122) return i + 1 === n ? 0 : Number.NaN; // Z or z
  if (sign !== 43 && sign !== 45) return Number.NaN; // + or -
  const hours = twoDigits(s, i + 1);
  let minutes: number;
  if (i + 3 === n) minutes = 0;
  else if (i + 6 === n && s.charCodeAt(i + 3) === 58) minutes = twoDigits(s, i + 4);
  else if (i + 5 === n) minutes = twoDigits(s, i + 3);
  else return Number.NaN;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
  const ms = (hours * 60 + minutes) * 60_000;
  return sign === 45 ? -ms : ms;
}

/** The number written by two ASCII digits at `i`, or -1. */
function twoDigits(s: string, i: number): number {
  const tens = s.charCodeAt(i) - 48;
  const ones = s.charCodeAt(i + 1) - 48;
  return tens >>> 0 > 9 || ones >>> 0 > 9 ? -1 : tens * 10 + ones;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
