import { calendarDaysSince } from '../time/local-day.js';
import { compileLogic, type CompiledLogic, type SegmentResolver } from './json-logic.js';
import { maxEventAgeOf, type Rule, type ScheduledRule } from './rule-schema.js';
import { durationMs } from '../time/duration.js';
import { truthy } from './logic-runtime.js';
import { RuleEvaluationError, type RuleLogicPart } from './rule-evaluation-error.js';
import type { ProfileView } from '../profiles/profile-view.js';

/** What rules are evaluated over. `now` is an ISO instant; `timeZone` the workspace's. */
export interface RuleData {
  profile: ProfileView;
  event?: unknown;
  now: string;
  timeZone: string;
}

/**
 * A rule compiled once: its JSON Logic as functions, and the meaning of its other fields.
 * The trigger runtime, the scheduler, segment operations and `rules test` all use this one
 * reading of a rule.
 */
export interface CompiledRule {
  rule: Rule;
  /** segment: the condition; trigger / scheduled: the audience. Throws RuleEvaluationError where the logic throws on `data`. */
  matches(data: RuleData): boolean;
  /** trigger: whether an event type starts the rule. */
  startsOn(type: string): boolean;
  /** trigger: whether an event type cancels a pending wait. */
  cancelledBy(type: string): boolean;
  /** trigger: the occurrence key (at most one send per rule, customer and occurrence). Throws RuleEvaluationError like `matches`. */
  occurrenceOf(data: RuleData & { event: { eventId: string; [field: string]: unknown } }): string;
  /** trigger: how old (ms from the event's time to its arrival) an event may be and still start the rule. */
  maxEventAgeMs: number;
  /** trigger: whether an event that happened at `occurredAt` and arrived at `receivedAt` may start the rule. */
  freshEnough(occurredAt: string, receivedAt: string): boolean;
  /** scheduled: the day numbers after the anchor that apply to this customer. */
  dueDays(profile: ProfileView): number[];
  /** scheduled: the N of `dueDays` for which the anchor was N local days before `now`, if any. */
  dueMilestone(data: RuleData): number | undefined;
}

/** The one occurrence of a rule with `"once": "customer"`: the ledger then holds one send per customer. */
export const ONCE_PER_CUSTOMER = 'customer';

export const compileRule = (rule: Rule, options: { segments?: SegmentResolver } = {}): CompiledRule => {
  const logicOptions = options.segments ? { segments: options.segments } : {};
  const condition = evaluating(rule, rule.kind === 'segment' ? 'condition' : 'audience', compileLogic(rule.kind === 'segment' ? rule.condition : rule.audience, logicOptions));
  const occurrence = rule.kind === 'trigger' && rule.occurrence !== undefined ? evaluating(rule, 'occurrence', occurrenceKey(compileLogic(rule.occurrence, logicOptions))) : undefined;
  const starts = new Set(rule.kind === 'trigger' ? rule.on : []);
  const cancels = new Set(rule.kind === 'trigger' ? rule.cancelOn : []);
  const maxEventAgeMs = rule.kind === 'trigger' ? durationMs(maxEventAgeOf(rule)) : 0;
  const dueDays = (profile: ProfileView): number[] => (rule.kind === 'scheduled' ? scheduledDays(rule, profile) : []);

  return {
    rule,
    matches: (data) => truthy(condition(data)),
    startsOn: (type) => starts.has(type),
    cancelledBy: (type) => cancels.has(type),
    occurrenceOf: (data) => {
      if (rule.kind === 'trigger' && rule.once === 'customer') return ONCE_PER_CUSTOMER;
      // A rule without an occurrence (or one that evaluates to nothing) treats each event as its own.
      return occurrence?.(data) ?? data.event.eventId;
    },
    maxEventAgeMs,
    freshEnough: (occurredAt, receivedAt) => Date.parse(receivedAt) - Date.parse(occurredAt) <= maxEventAgeMs,
    dueDays,
    dueMilestone: (data) => {
      if (rule.kind !== 'scheduled') return undefined;
      const anchor = data.profile[rule.anchor];
      if (!anchor) return undefined;
      const since = calendarDaysSince(anchor, data.now, data.timeZone);
      return dueDays(data.profile).find((days) => days === since);
    },
  };
};

/** The logic, with what it throws named after the rule and the part (the compiled code itself stays free of try/catch). */
const evaluating =
  <T>(rule: Rule, part: RuleLogicPart, logic: (data: unknown) => T) =>
  (data: unknown): T => {
    try {
      return logic(data);
    } catch (error) {
      throw new RuleEvaluationError(rule, part, error);
    }
  };

/** The occurrence as a key, undefined when it is nothing; String() throws on a value like `{"toString": 1}` as the logic would. */
const occurrenceKey =
  (logic: CompiledLogic) =>
  (data: unknown): string | undefined => {
    const key = logic(data);
    return key === undefined || key === null || key === '' ? undefined : String(key);
  };

/** The purchase cycle is the customer's own average interval once they have enough orders. */
const scheduledDays = (rule: ScheduledRule, profile: ProfileView): number[] => {
  if (Array.isArray(rule.days)) return rule.days;
  const own = profile.avgOrderIntervalDays;
  return [profile.orderCount >= rule.days.minOrders && own !== null ? Math.max(1, Math.round(own)) : rule.days.default];
};
