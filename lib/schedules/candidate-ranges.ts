import type { ScheduledRule } from '../rules/rule-schema.js';
import { addDays } from '../time/local-date.js';
import { localDayRange } from '../time/zoned-time.js';
import type { AnchorName } from './anchored-customers.js';

export interface CandidateRange {
  anchor: AnchorName;
  from: Date;
  to: Date;
}

export class ScheduledRuleError extends Error {
  override readonly name = 'ScheduledRuleError';
}

// Last order + N × 24 h can land on a neighbouring local day where the zone changes its offset; the exact day is checked afterwards.
const OFFSET_CHANGE_MARGIN_MS = 3 * 3_600_000;

/**
 * Where a scheduled rule's customers for one local day are, as ranges of indexed dates —
 * a superset that compileRule's `dueMilestone` then narrows to the exact day:
 * - days `[30, 60, 90]`: the anchor fell on the local day 30, 60 or 90 days before;
 * - the purchase cycle: customers whose own cycle ends that day (the cycle-due index), and
 *   customers with too few orders whose last order was `default` days before.
 */
export const candidateRanges = (rule: ScheduledRule, day: string, timeZone: string): CandidateRange[] => {
  const anchorDay = (days: number): CandidateRange => ({ anchor: rule.anchor, ...localDayRange(addDays(day, -days), timeZone) });
  if (Array.isArray(rule.days)) return [...new Set(rule.days)].map(anchorDay);
  if (rule.anchor !== 'lastOrderAt') {
    throw new ScheduledRuleError(`rule ${rule.id}: "days.fromProfile" counts from the last order — set "anchor": "lastOrderAt" (it is "${rule.anchor}")`);
  }
  const today = localDayRange(day, timeZone);
  return [
    { anchor: 'cycleDueAt', from: new Date(today.from.getTime() - OFFSET_CHANGE_MARGIN_MS), to: new Date(today.to.getTime() + OFFSET_CHANGE_MARGIN_MS) },
    anchorDay(rule.days.default),
  ];
};
