import { z } from 'zod';
import { addDays, localDate } from '../time/local-date.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';
import type { DailyEventCounts, EventStatsStore } from './event-stats-store.js';

const DateSchema = z.iso.date({ message: 'must be a date like 2026-03-01' });

export const StatsQuerySchema = z
  .object({ from: DateSchema.optional(), to: DateSchema.optional() })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'must not be after "to"', path: ['from'] });

const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

export interface DailyEventStats {
  workspace: string;
  timeZone: string;
  from: string;
  to: string;
  days: Array<DailyEventCounts & { total: number }>;
  totals: Record<string, number>;
}

/** Daily event counts by type for a date range (default: the last 30 days, workspace time). */
export const dailyEventStats = async (
  workspace: string,
  query: z.infer<typeof StatsQuerySchema>,
  deps: { stats: EventStatsStore; settings: WorkspaceSettingsStore; now: Date },
): Promise<DailyEventStats> => {
  const { timeZone } = await deps.settings.get(workspace);
  const to = query.to ?? localDate(deps.now, timeZone);
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  const earliest = addDays(to, -(MAX_DAYS - 1));
  const days = await deps.stats.daily(workspace, from < earliest ? earliest : from, to);
  const totals: Record<string, number> = {};
  for (const day of days) for (const [type, count] of Object.entries(day.counts)) totals[type] = (totals[type] ?? 0) + count;
  return {
    workspace,
    timeZone,
    from: from < earliest ? earliest : from,
    to,
    days: days.map((day) => ({ ...day, total: Object.values(day.counts).reduce((sum, count) => sum + count, 0) })),
    totals,
  };
};
