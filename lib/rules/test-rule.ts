import { z } from 'zod';
import { emptyProfileState } from '../profiles/profile-state.js';
import { toProfileView, type ProfileView } from '../profiles/profile-view.js';
import { isCanonicalInstant } from '../time/canonical-instant.js';
import type { Duration } from '../time/duration.js';
import { toEpochMs } from '../time/iso-instant.js';
import { calendarDaysSince } from '../time/local-day.js';
import { compileRule, type CompiledRule, type RuleData } from './compile-rule.js';
import { explainLogic, renderExplanation, type Explanation } from './explain-logic.js';
import type { SegmentResolver } from './json-logic.js';
import { maxEventAgeOf, type Rule, type TriggerRule } from './rule-schema.js';

/** A customer to test a rule on: the profile fields that differ from an empty profile (a whole profile from the API works too). */
export const ProfileFieldsSchema = z.record(z.string(), z.unknown()).default({}).meta({ description: 'Profile fields that differ from an empty profile' });
export const TestEventSchema = z.looseObject({ type: z.string() }).optional().meta({ description: 'The event (triggers): at least its type' });
export const TestInstantSchema = z.iso.datetime({ offset: true });

/** What `rules test` and `POST /v1/rules/{id}/test` take: a profile, the event for a trigger, the time (default: now). */
export const RuleTestRequestSchema = z.strictObject({ profile: ProfileFieldsSchema, event: TestEventSchema, now: TestInstantSchema.optional() });
export type RuleTestRequest = z.infer<typeof RuleTestRequestSchema>;

export interface RuleTestInput {
  readonly profile: Record<string, unknown>;
  readonly event?: { readonly type: string; readonly [field: string]: unknown } | undefined;
  /** An ISO instant. */
  readonly now: string;
  readonly timeZone: string;
}

/** Something a rule needs besides its condition: an event that starts it, a day it is due. */
export interface RuleTestCheck {
  readonly text: string;
  readonly holds: boolean;
}

export interface RuleTestResult {
  readonly ruleId: string;
  readonly version: number;
  readonly kind: Rule['kind'];
  /** The verdict: whether the rule applies to this customer, at this time, for this event. */
  readonly applies: boolean;
  readonly checks: readonly RuleTestCheck[];
  /** The segment's condition or the rule's audience, each sub-condition with the value it had. */
  readonly explanation: Explanation;
  /** Triggers: what the event does — start the rule (and a wait, if it has one), cancel a pending wait. */
  readonly trigger?: { readonly starts: boolean; readonly cancelsWait: boolean; readonly wait?: Duration };
}

const DATE_FIELDS = ['signupAt', 'firstVisitAt', 'lastVisitAt', 'lastSeenAt', 'firstOrderAt', 'lastOrderAt', 'firstEventAt', 'lastEventAt'] as const;

/** An empty profile with the given fields; dates written with any offset become the canonical UTC text profiles carry. */
export function profileFromFields(fields: Record<string, unknown>): ProfileView {
  const profile = { ...toProfileView({ workspace: 'test', customerId: 'test', anonymous: false }, emptyProfileState()), ...fields } as ProfileView;
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
 * Runs a rule on one customer without acting: the checks before the condition (the event
 * starts the trigger; the anchor date makes the scheduled rule due that day), then the
 * condition or audience, explained. The rule examples (`*.cases.json`) are verdicts of this.
 */
export function testRule(rule: Rule, input: RuleTestInput, segments: SegmentResolver): RuleTestResult {
  const compiled = compileRule(rule, { segments });
  const data: RuleData = { profile: profileFromFields(input.profile), now: input.now, timeZone: input.timeZone, ...(input.event ? { event: input.event } : {}) };
  const checks = checksOf(compiled, data, input.event?.type);
  const event = input.event?.type;
  return {
    ruleId: rule.id,
    version: rule.version,
    kind: rule.kind,
    applies: checks.every((check) => check.holds) && compiled.matches(data),
    checks,
    explanation: explainLogic(rule.kind === 'segment' ? rule.condition : rule.audience, data, { segments }),
    ...(rule.kind === 'trigger'
      ? { trigger: { starts: event !== undefined && compiled.startsOn(event), cancelsWait: event !== undefined && compiled.cancelledBy(event), ...(rule.wait ? { wait: rule.wait } : {}) } }
      : {}),
  };
}

function checksOf(compiled: CompiledRule, data: RuleData, eventType: string | undefined): RuleTestCheck[] {
  const { rule } = compiled;
  switch (rule.kind) {
    case 'segment':
      return [];
    case 'trigger': {
      const starters = rule.on.join(', ');
      if (eventType === undefined) return [{ text: `no event given — the rule starts on ${starters}`, holds: false }];
      const starts = compiled.startsOn(eventType);
      return [{ text: `"${eventType}" ${starts ? 'starts' : 'does not start'} the rule (on: ${starters})`, holds: starts }, freshnessCheck(compiled, rule, data)];
    }
    case 'scheduled': {
      const anchor = data.profile[rule.anchor];
      if (!anchor) return [{ text: `profile.${rule.anchor} is not set — the rule counts days from it`, holds: false }];
      const since = calendarDaysSince(anchor, data.now, data.timeZone);
      const due = compiled.dueMilestone(data) !== undefined;
      return [{ text: `day ${since} after profile.${rule.anchor} (${data.timeZone}) — the rule is due on day ${compiled.dueDays(data.profile).join(', ')}`, holds: due }];
    }
  }
}

/** The event is taken as arriving at `now`; without an `occurredAt` it happens then too. */
function freshnessCheck(compiled: CompiledRule, rule: TriggerRule, data: RuleData): RuleTestCheck {
  const limit = `the rule starts only on events at most ${formatDuration(maxEventAgeOf(rule))} old when they arrive (maxEventAge)`;
  const occurredAt = (data.event as { occurredAt?: unknown } | undefined)?.occurredAt;
  if (typeof occurredAt !== 'string' || Number.isNaN(toEpochMs(occurredAt))) return { text: `the event arrives as it happens (no event.occurredAt given) — ${limit}`, holds: true };
  const ageMs = Date.parse(data.now) - toEpochMs(occurredAt);
  const minutes = Math.floor(ageMs / 60_000);
  const age = ageMs <= 0 ? 'not old' : `${formatDuration({ days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 }) || 'under a minute'} old`;
  return { text: `the event (occurredAt ${occurredAt}) is ${age} when it arrives at ${data.now} — ${limit}`, holds: compiled.freshEnough(new Date(toEpochMs(occurredAt)).toISOString(), data.now) };
}

/** The result as `rules test` prints it: the verdict, the checks, what a trigger does with waits, then the condition explained. */
export function renderRuleTest(result: RuleTestResult): string[] {
  const lines = [`${result.ruleId} v${result.version} (${result.kind}): ${result.applies ? 'applies' : 'does not apply'}`];
  lines.push(...result.checks.map((check) => `  ${check.holds ? '✓' : '✗'} ${check.text}`));
  if (result.trigger?.starts) lines.push(result.trigger.wait ? `  starts a wait of ${formatDuration(result.trigger.wait)}; the audience is checked again when it ends` : '  acts once the events that came with it are in (no wait: within a minute and a half), the audience checked again then');
  if (result.trigger?.cancelsWait) lines.push('  cancels a pending wait of this rule');
  lines.push(result.kind === 'segment' ? 'condition:' : 'audience:', ...renderExplanation(result.explanation, '  '));
  return lines;
}

function formatDuration(duration: Duration): string {
  return (['days', 'hours', 'minutes'] as const)
    .flatMap((unit) => {
      const count = duration[unit] ?? 0;
      return count === 0 ? [] : [`${count} ${count === 1 ? unit.slice(0, -1) : unit}`];
    })
    .join(' ');
}
