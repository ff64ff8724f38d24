import type { Rule } from '../../../lib/rules/rule-schema.js';
import { addDays } from '../../../lib/time/local-date.js';
import { zonedInstant } from '../../../lib/time/zoned-time.js';
import type { WorkspaceSettings } from '../../../lib/workspaces/workspace-settings.js';

export interface ClockStopsOptions {
  /** The first local day, YYYY-MM-DD. */
  startDay: string;
  days: number;
  /** Minutes between two regular stops. */
  tick: number;
  timeZone: string;
  /** Local times (HH:MM) to stop at every day besides the ticks. */
  times: readonly string[];
}

/**
 * Where the simulated clock stops to run the schedules, as epoch milliseconds after the
 * first day's midnight, up to the last day's end: every `tick` minutes, at each local
 * midnight, and at `times` every day — so a rule due at 10:30 sees the shop as it was at
 * 10:30 (as the quarter-hourly run-schedules does), whatever the tick, and the events
 * between two stops never straddle a quiet-hours edge or a day's fatigue budget.
 */
export const clockStops = (options: ClockStopsOptions): number[] => {
  const start = zonedInstant(options.startDay, '00:00', options.timeZone).getTime();
  const end = zonedInstant(addDays(options.startDay, options.days), '00:00', options.timeZone).getTime();
  const stops = new Set<number>([end]);
  for (let at = start + options.tick * 60_000; at < end; at += options.tick * 60_000) stops.add(at);
  for (let day = 0; day < options.days; day += 1) {
    for (const time of ['00:00', ...options.times]) stops.add(zonedInstant(addDays(options.startDay, day), time, options.timeZone).getTime());
  }
  return [...stops].filter((stop) => stop > start).sort((a, b) => a - b);
};

/** The local times a shop's clock must stop at: each scheduled rule's time, and the edges of its quiet hours. */
export const stopTimesOf = (rules: readonly Rule[], settings: Pick<WorkspaceSettings, 'quietHours'>): string[] => {
  const windows = Object.values(settings.quietHours);
  return [...new Set([...rules.flatMap((rule) => (rule.kind === 'scheduled' ? [rule.at] : [])), ...windows.flatMap((window) => [window.start, window.end])])].sort();
};
