import { addDays } from '../time/local-date.js';
import type { FatigueLimit } from './send-settings.js';

/** Daily message counts of one customer and channel, by local date. */
export type DayCounts = Record<string, number>;

const WEEK = 7;

/** The days whose counts a decision on `day` needs: the six before it, it, and the week after (for the next window). */
export const countsWindow = (day: string): { from: string; to: string } => ({ from: addDays(day, -(WEEK - 1)), to: addDays(day, WEEK) });

const sumBefore = (counts: DayCounts, day: string): number => {
  let sum = 0;
  for (let back = 1; back < WEEK; back += 1) sum += counts[addDays(day, -back)] ?? 0;
  return sum;
};

/**
 * The highest count `day` may reach: its own daily limit, and whatever the six days
 * before it left of the rolling 7-day limit. A message fits while the day's count is below it.
 */
export const dayLimit = (counts: DayCounts, day: string, limit: FatigueLimit): number => Math.max(0, Math.min(limit.perDay, limit.perWeek - sumBefore(counts, day)));

export const fits = (counts: DayCounts, day: string, limit: FatigueLimit): boolean => (counts[day] ?? 0) < dayLimit(counts, day, limit);

/** The first day after `day` with room for one more message, or undefined if the limits allow none at all. */
export const nextDayWithRoom = (counts: DayCounts, day: string, limit: FatigueLimit): string | undefined => {
  if (limit.perDay === 0 || limit.perWeek === 0) return undefined;
  for (let ahead = 1; ahead <= WEEK; ahead += 1) {
    const candidate = addDays(day, ahead);
    if (fits(counts, candidate, limit)) return candidate;
  }
  return undefined;
};
