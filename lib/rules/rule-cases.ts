import { z } from 'zod';
import { emptyProfileState } from '../profiles/profile-state.js';
import { toProfileView, type ProfileView } from '../profiles/profile-view.js';
import { isCanonicalInstant } from '../time/canonical-instant.js';
import { toEpochMs } from '../time/iso-instant.js';
import { DEFAULT_TIME_ZONE } from '../time/local-day.js';
import { compileRule, type RuleData } from './compile-rule.js';
import type { SegmentResolver } from './json-logic.js';
import type { Rule } from './rule-schema.js';

/**
 * Examples of a rule (`rules/<id>.cases.json`): a (partial) profile, an event for triggers,
 * the time, and whether the rule should apply. Executable documentation for marketers:
 * `retain rules validate` and the test suite run them all.
 */
export const RuleCaseSchema = z.strictObject({
  description: z.string().min(1),
  profile: z.record(z.string(), z.unknown()).default({}).meta({ description: 'Profile fields that differ from an empty profile' }),
  event: z.looseObject({ type: z.string() }).optional().meta({ description: 'The event (triggers): at least its type' }),
  now: z.iso.datetime({ offset: true }),
  timeZone: z.string().default(DEFAULT_TIME_ZONE),
  expected: z.boolean(),
});
export type RuleCase = z.infer<typeof RuleCaseSchema>;
export const RuleCasesSchema = z.array(RuleCaseSchema).min(1, 'add at least one example');

const DATE_FIELDS = ['signupAt', 'firstVisitAt', 'lastVisitAt', 'lastSeenAt', 'firstOrderAt', 'lastOrderAt', 'firstEventAt', 'lastEventAt'] as const;

/** An empty profile with the case's fields; dates written with any offset become the canonical UTC text profiles carry. */
export function caseProfile(fields: Record<string, unknown>): ProfileView {
  const profile = { ...toProfileView({ workspace: 'cases', customerId: 'case', anonymous: false }, emptyProfileState()), ...fields } as ProfileView;
  const canonical = (value: unknown): unknown => {
    if (typeof value !== 'string' || isCanonicalInstant(value)) return value;
    const ms = toEpochMs(value);
    return Number.isNaN(ms) ? value : new Date(ms).toISOString();
  };
  for (const field of DATE_FIELDS) (profile as unknown as Record<string, unknown>)[field] = canonical(profile[field]);
  if (Array.isArray(profile.recentVisits)) profile.recentVisits = profile.recentVisits.map((visit) => canonical(visit) as string);
  return profile;
}

/**
 * Whether the rule applies in the case: a segment's condition; a trigger started by the
 * event and its audience; a scheduled rule due that day (a milestone) and its audience.
 */
export function ruleApplies(rule: Rule, example: RuleCase, segments: SegmentResolver): boolean {
  const compiled = compileRule(rule, { segments });
  const data: RuleData = { profile: caseProfile(example.profile), now: example.now, timeZone: example.timeZone, ...(example.event ? { event: example.event } : {}) };
  switch (rule.kind) {
    case 'segment':
      return compiled.matches(data);
    case 'trigger':
      return example.event !== undefined && compiled.startsOn(example.event.type) && compiled.matches(data);
    case 'scheduled':
      return compiled.dueMilestone(data) !== undefined && compiled.matches(data);
  }
}

export interface CaseResult {
  readonly index: number;
  readonly description: string;
  readonly expected: boolean;
  readonly actual: boolean;
}

export function runRuleCases(rule: Rule, cases: readonly RuleCase[], segments: SegmentResolver): CaseResult[] {
  return cases.map((example, index) => ({ index, description: example.description, expected: example.expected, actual: ruleApplies(rule, example, segments) }));
}
