import type { RuleActivity, RuleActivityEntry } from '../../../lib/automations/rule-activity.js';
import { localDate } from '../../../lib/time/local-date.js';

export const TALLY_COLUMNS = ['matched', 'sent', 'deferred', 'deduplicated', 'holdout', 'blocked', 'cancelled', 'lapsed', 'tagged'] as const;
export type TallyColumn = (typeof TALLY_COLUMNS)[number];
export type TallyRow = Record<TallyColumn, number>;

const emptyRow = (): TallyRow => Object.fromEntries(TALLY_COLUMNS.map((column) => [column, 0])) as TallyRow;

/** Which column an activity counts in (gate outcomes not named by a column — no consent, no recipient, dormant, misconfigured, expired — are "blocked"). */
const columnOf = (kind: RuleActivityEntry['kind']): TallyColumn | undefined => {
  switch (kind) {
    case 'matched':
    case 'cancelled':
    case 'lapsed':
    case 'tagged':
      return kind;
    case 'send:sent':
      return 'sent';
    case 'send:deferred-quiet-hours':
    case 'send:deferred-budget':
      return 'deferred';
    case 'send:duplicate':
      return 'deduplicated';
    case 'send:holdout':
      return 'holdout';
    case 'waiting':
    case 'stale':
      return undefined;
    default:
      return 'blocked';
  }
};

/** ISO-8601 week (`2026-W10`) of a local calendar date. */
export const isoWeek = (date: string): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  const weekday = utc.getUTCDay() || 7;
  utc.setUTCDate(utc.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(utc.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((utc.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${utc.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
};

/** Rule activity counted per rule and ISO week (of the workspace's local date), for `simulate`'s report. */
export class RuleTally implements RuleActivity {
  private readonly counts = new Map<string, Map<string, TallyRow>>();

  constructor(private readonly timeZone: string) {}

  record(entry: RuleActivityEntry): void {
    const column = columnOf(entry.kind);
    if (!column) return;
    const weeks = this.counts.get(entry.ruleId) ?? new Map<string, TallyRow>();
    this.counts.set(entry.ruleId, weeks);
    const week = isoWeek(localDate(entry.at, this.timeZone));
    const row = weeks.get(week) ?? emptyRow();
    weeks.set(week, row);
    row[column] += entry.count ?? 1;
  }

  /** A rule's rows by ISO week, oldest first. */
  weeksOf(ruleId: string): Array<[week: string, row: TallyRow]> {
    const weeks = this.counts.get(ruleId) ?? new Map<string, TallyRow>();
    return [...weeks.keys()].sort().map((week) => [week, weeks.get(week)!]);
  }

  /** A rule's counts over all weeks. */
  total(ruleId: string): TallyRow {
    const total = emptyRow();
    for (const [, row] of this.weeksOf(ruleId)) for (const column of TALLY_COLUMNS) total[column] += row[column];
    return total;
  }
}
