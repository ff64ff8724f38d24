import { performActions, type ActionsDeps } from '../automations/perform-actions.js';
import type { ProfileReader } from '../profiles/profile-reader.js';
import type { ProfileView } from '../profiles/profile-view.js';
import type { CompiledRule } from '../rules/compile-rule.js';
import type { ScheduledRule } from '../rules/rule-schema.js';
import { zonedInstant } from '../time/zoned-time.js';
import type { AnchoredCustomers } from './anchored-customers.js';
import { candidateRanges } from './candidate-ranges.js';

export interface ScheduledDayDeps extends ActionsDeps {
  anchors: AnchoredCustomers;
  profiles: ProfileReader;
}

export interface ScheduledDayReport {
  candidates: number;
  matched: number;
}

const PROFILES_PER_READ = 100;

/**
 * Runs one scheduled rule for one local day of its workspace:
 * 1. candidates from the date-anchor indexes (never a scan): the cost follows the
 *    customers due that day, not the customers stored;
 * 2. each candidate's current profile, checked for the exact milestone (N local days
 *    after the anchor, as of the rule's time that day) and the audience;
 * 3. the actions, once per rule, customer, anchor date and milestone — so a day run twice
 *    (a late run catching up, two runs overlapping) sends nothing twice.
 */
export const runScheduledDay = async (
  compiled: CompiledRule,
  day: string,
  workspace: { id: string; timeZone: string },
  deps: ScheduledDayDeps,
): Promise<ScheduledDayReport> => {
  const rule = compiled.rule as ScheduledRule;
  const runAt = zonedInstant(day, rule.at, workspace.timeZone).toISOString();
  const ids = new Set<string>();
  for (const range of candidateRanges(rule, day, workspace.timeZone)) {
    for (const id of await deps.anchors.find(workspace.id, range.anchor, range.from, range.to)) ids.add(id);
  }
  const sorted = [...ids].sort();
  let matched = 0;
  for (let start = 0; start < sorted.length; start += PROFILES_PER_READ) {
    const profiles = (await deps.profiles.profiles(workspace.id, sorted.slice(start, start + PROFILES_PER_READ))).sort(byCustomer);
    for (const profile of profiles) {
      const data = { profile, now: runAt, timeZone: workspace.timeZone };
      const milestone = compiled.dueMilestone(data);
      if (milestone === undefined || !compiled.matches(data)) continue;
      matched += 1;
      await performActions({ rule, profile, occurrence: scheduledOccurrence(rule, profile, milestone), matchedAt: runAt }, deps);
    }
  }
  return { candidates: ids.size, matched };
};

/** `firstOrderAt@2026-01-31T02:00:00.000Z+30d`; the purchase cycle is one reminder per last order, whatever its length. */
export const scheduledOccurrence = (rule: ScheduledRule, profile: ProfileView, milestone: number): string =>
  `${rule.anchor}@${profile[rule.anchor]}+${Array.isArray(rule.days) ? `${milestone}d` : 'cycle'}`;

const byCustomer = (a: ProfileView, b: ProfileView) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);
