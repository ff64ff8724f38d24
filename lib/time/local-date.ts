import { formatDayNumber, parseDayNumber } from './civil-days.js';
import { toEpochMs } from './iso-instant.js';
import { assertTimeZone, localDayNumber } from './local-day.js';

/**
 * Calendar dates as `YYYY-MM-DD` text (daily stats buckets, API dates): the local days of
 * local-day.ts, written out. Rules and stats share one notion of "which day".
 */

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: where day boundaries fall for a shop. */
export const localDate = (instant: Date | number | string, timeZone: string): string => {
  const ms = instant instanceof Date ? instant.getTime() : toEpochMs(instant);
  if (Number.isNaN(ms)) throw new RangeError(`${JSON.stringify(String(instant))} is not an instant (ISO-8601 with an offset, or epoch ms)`);
  assertTimeZone(timeZone);
  return formatDayNumber(localDayNumber(ms, timeZone));
};

/** Adds whole days to a YYYY-MM-DD date. */
export const addDays = (date: string, days: number): string => {
  const day = parseDayNumber(date);
  if (Number.isNaN(day)) throw new RangeError(`${JSON.stringify(date)} is not a date like 2026-03-01`);
  return formatDayNumber(day + days);
};

export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    assertTimeZone(timeZone);
    return true;
  } catch {
    return false;
  }
};
