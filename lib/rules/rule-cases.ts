import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '../time/local-day.js';
import type { SegmentResolver } from './json-logic.js';
import type { Rule } from './rule-schema.js';
import { ProfileFieldsSchema, TestEventSchema, TestInstantSchema, testRule } from './test-rule.js';

/**
 * Examples of a rule (`rules/<id>.cases.json`): a (partial) profile, an event for triggers,
 * the time, and whether the rule should apply. Executable documentation for marketers:
 * `retain rules validate` and the test suite run them all.
 */
export const RuleCaseSchema = z.strictObject({
  description: z.string().min(1),
  profile: ProfileFieldsSchema,
  event: TestEventSchema,
  now: TestInstantSchema,
  timeZone: z.string().default(DEFAULT_TIME_ZONE),
  expected: z.boolean(),
});
export type RuleCase = z.infer<typeof RuleCaseSchema>;
export const RuleCasesSchema = z.array(RuleCaseSchema).min(1, 'add at least one example');

/** Whether the rule applies in the case: the verdict of `rules test` (testRule). */
export function ruleApplies(rule: Rule, example: RuleCase, segments: SegmentResolver): boolean {
  return testRule(rule, example, segments).applies;
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
