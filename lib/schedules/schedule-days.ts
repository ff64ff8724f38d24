import { addDays, localDate } from '../time/local-date.js';
import { zonedInstant } from '../time/zoned-time.js';

export interface SchedulePlan {
  /** Local days to run, oldest first. */
  days: string[];
  /** Missed days older than the catch-up window: not run. */
  skipped: string[];
  /** A rule seen for the first time before its time today: record yesterday as done, so a gap from here on is caught up. */
  startFrom?: string;
}

export interface SchedulePlanInput {
  now: Date;
  /** The rule's local time of day, HH:MM. */
  at: string;
  timeZone: string;
  /** The rule's last completed local day, if it ever ran. */
  lastCompleted: string | undefined;
  maxCatchUpDays: number;
}

/**
 * Which local days a scheduled rule still has to run at `now`: every day after its last
 * completed one whose `at` time has come — today once it is past `at`. A rule never run
 * starts with its next run rather than with history; a long gap is caught up for at most
 * `maxCatchUpDays` days (a rule re-enabled after months should not send months of
 * milestones at once).
 */
export const planScheduleDays = (input: SchedulePlanInput): SchedulePlan => {
  const today = localDate(input.now, input.timeZone);
  const lastDue = input.now >= zonedInstant(today, input.at, input.timeZone) ? today : addDays(today, -1);
  if (input.lastCompleted === undefined) return lastDue === today ? { days: [today], skipped: [] } : { days: [], skipped: [], startFrom: lastDue };
  const days: string[] = [];
  const skipped: string[] = [];
  const earliest = addDays(lastDue, 1 - input.maxCatchUpDays);
  for (let day = addDays(input.lastCompleted, 1); day <= lastDue; day = addDays(day, 1)) (day < earliest ? skipped : days).push(day);
  return { days, skipped };
};
