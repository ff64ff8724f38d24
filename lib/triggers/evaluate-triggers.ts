import type { ActiveRules } from '../automations/active-rules.js';
import { performActions, type ActionsDeps } from '../automations/perform-actions.js';
import type { CanonicalEvent } from '../events/canonical-event.js';
import type { ProfileView } from '../profiles/profile-view.js';
import type { CompiledRule } from '../rules/compile-rule.js';
import type { TriggerRule } from '../rules/rule-schema.js';
import type { Clock } from '../time/clock.js';
import { durationMs } from '../time/duration.js';
import type { TimerStore } from '../timers/timer-store.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';
import type { CommittedEvent } from './committed-event.js';
import { settleKey, type SettleDeps, type StoredEvent, type TriggerSettlePayload } from './trigger-settle.js';
import { waitKey, waitKeyPrefix, type TriggerWaitPayload } from './trigger-wait.js';

export interface TriggerDeps extends ActionsDeps {
  rules: Pick<ActiveRules, 'forWorkspace'>;
  timers: TimerStore;
  settings: WorkspaceSettingsStore;
  clock: Clock;
  /** The settle window of triggers without a wait; without it (or at 0 ms) they act at once on the profile as of the event. */
  settle?: SettleDeps;
}

/** Same-instant events read per event, at most (see SameTimeEvents). */
const MAX_SAME_TIME_EVENTS = 25;

/** The instant a trigger acts as of: the event's time, never later than the clock. */
export const asOfEvent = (event: CanonicalEvent, clock: Clock): string => new Date(Math.min(Date.parse(event.occurredAt), clock.now().getTime())).toISOString();

/**
 * Runs a workspace's trigger rules on one committed event, as of that event:
 * 1. visitors are skipped: there is nobody to message or tag until they are a customer;
 * 2. every rule that lists the event type in `cancelOn` drops the customer's waits it
 *    started at or before this event (an order ends every cart wait, whatever the cart);
 * 3. every rule that starts on the event type, if the event was fresh when it arrived (its
 *    time to its receipt within the rule's `maxEventAge`, default a day), checks its audience
 *    over the profile as of the event, with `now` the event's time (never later than the
 *    clock), then starts its wait — keyed by rule and occurrence, due `wait` after the event,
 *    so a newer event of the same occurrence moves it and a late-processed event does not
 *    delay it (a wait already due is fired by the next sweep) — or, without a wait, settles:
 *    a timer acts when the settle window after the event's arrival has passed, on the profile
 *    as it is then (see TriggerSettleHandler); with no settle window it acts at once;
 * 4. with a settle window, the events stored at the same instant that are still settling
 *    (`identify` and `Signed Up` of one SDK call) are looked at again on the profile as it is
 *    now, so a rule that this event makes match starts whichever of them came first.
 * Stream records are retried on failure, so each step is safe to repeat.
 */
export const evaluateTriggers = async (committed: CommittedEvent, deps: TriggerDeps): Promise<void> => {
  if (committed.profileKind !== 'customer') return;
  const { event, profile } = committed;
  const rules = await deps.rules.forWorkspace(event.workspace);
  const asOf = asOfEvent(event, deps.clock);
  for (const compiled of rules.cancelledBy(event.type)) {
    const cancelled = await deps.timers.cancelStartedUpTo(event.workspace, profile.customerId, waitKeyPrefix(compiled.rule.id), asOf);
    if (cancelled > 0) deps.activity.record({ workspace: event.workspace, ruleId: compiled.rule.id, customerId: profile.customerId, kind: 'cancelled', at: asOf, count: cancelled });
  }
  const stored: StoredEvent = { event, ...(committed.receivedAt ? { receivedAt: committed.receivedAt } : {}) };
  const starting = rules.startingOn(event.type);
  if (starting.length > 0) await startRules(starting, stored, profile, (await deps.settings.get(event.workspace)).timeZone, deps);
  // The events of its instant arrived with it, give or take the window: if it is too old to start any rule, so are they.
  if (settling(deps) && Date.parse(receivedAtOf(stored)) - Date.parse(event.occurredAt) <= rules.maxEventAgeMs()) await revisitSameTime(stored, profile.customerId, deps);
};

const settling = (deps: TriggerDeps): deps is TriggerDeps & { settle: SettleDeps } => (deps.settle?.ms ?? 0) > 0;

/** When the event arrived; items stored before this was kept count as arriving as they happened. */
const receivedAtOf = (stored: StoredEvent): string => stored.receivedAt ?? stored.event.occurredAt;

/** Step 3 for one event over one profile: freshness, audience, then wait, settle or act. A revisit does not report staleness again. */
const startRules = async (starting: readonly CompiledRule[], stored: StoredEvent, profile: ProfileView, timeZone: string, deps: TriggerDeps, revisit = false) => {
  const { event } = stored;
  const asOf = asOfEvent(event, deps.clock);
  const data = { profile, event, now: asOf, timeZone };
  for (const compiled of starting) {
    // An event that was old when it arrived (an import, a replayed webhook) updated the profile but starts nothing.
    if (!compiled.freshEnough(event.occurredAt, receivedAtOf(stored))) {
      if (!revisit) deps.activity.record({ workspace: event.workspace, ruleId: compiled.rule.id, customerId: profile.customerId, kind: 'stale', at: asOf });
      continue;
    }
    if (!compiled.matches(data)) continue;
    const rule = compiled.rule as TriggerRule;
    if (rule.wait) await startWait(compiled, rule, event, profile.customerId, compiled.occurrenceOf(data), asOf, deps);
    else if (settling(deps)) await settle(rule, stored, profile.customerId, asOf, deps);
    else await performActions({ rule, profile, occurrence: compiled.occurrenceOf(data), matchedAt: asOf, event }, deps);
  }
};

/** Step 4: the same-instant events still in their settle window, started again over the profile as it is now. */
const revisitSameTime = async (stored: StoredEvent, customerId: string, deps: TriggerDeps & { settle: SettleDeps }) => {
  const { event } = stored;
  const now = deps.clock.now().getTime();
  const rules = await deps.rules.forWorkspace(event.workspace);
  const siblings = (await deps.settle.sameTime.at(event.workspace, customerId, event.occurredAt, MAX_SAME_TIME_EVENTS)).filter(
    (sibling) => sibling.event.eventId !== event.eventId && Date.parse(receivedAtOf(sibling)) + deps.settle.ms > now && rules.startingOn(sibling.event.type).length > 0,
  );
  if (siblings.length === 0) return;
  const profile = await deps.settle.profiles.profile(event.workspace, customerId);
  if (!profile) return;
  const { timeZone } = await deps.settings.get(event.workspace);
  for (const sibling of siblings) await startRules(rules.startingOn(sibling.event.type), sibling, profile, timeZone, deps, true);
};

const settle = async (rule: TriggerRule, stored: StoredEvent, customerId: string, asOf: string, deps: TriggerDeps & { settle: SettleDeps }) => {
  const { event } = stored;
  const payload: TriggerSettlePayload = { ruleId: rule.id, ruleVersion: rule.version, event };
  const dueAt = new Date(Date.parse(receivedAtOf(stored)) + deps.settle.ms).toISOString();
  await deps.timers.set({ workspace: event.workspace, customerId, key: settleKey(rule.id, event.eventId), dueAt, kind: 'trigger-settle', payload, startedAt: asOf });
  deps.activity.record({ workspace: event.workspace, ruleId: rule.id, customerId, kind: 'waiting', at: asOf });
};

const startWait = async (compiled: CompiledRule, rule: TriggerRule, event: CanonicalEvent, customerId: string, occurrence: string, asOf: string, deps: TriggerDeps) => {
  const payload: TriggerWaitPayload = { ruleId: rule.id, ruleVersion: rule.version, occurrence, event };
  const dueAt = new Date(Date.parse(asOf) + durationMs(rule.wait!)).toISOString();
  await deps.timers.set({ workspace: event.workspace, customerId, key: waitKey(compiled.rule.id, occurrence), dueAt, kind: 'trigger-wait', payload, startedAt: asOf });
  deps.activity.record({ workspace: event.workspace, ruleId: rule.id, customerId, kind: 'waiting', at: asOf });
};
