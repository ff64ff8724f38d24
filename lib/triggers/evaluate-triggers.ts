import type { ActiveRules } from '../automations/active-rules.js';
import { performActions, type ActionsDeps } from '../automations/perform-actions.js';
import type { CompiledRule } from '../rules/compile-rule.js';
import type { TriggerRule } from '../rules/rule-schema.js';
import type { Clock } from '../time/clock.js';
import { durationMs } from '../time/duration.js';
import type { TimerStore } from '../timers/timer-store.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';
import type { CommittedEvent } from './committed-event.js';
import { waitKey, waitKeyPrefix, type TriggerWaitPayload } from './trigger-wait.js';

export interface TriggerDeps extends ActionsDeps {
  rules: Pick<ActiveRules, 'forWorkspace'>;
  timers: TimerStore;
  settings: WorkspaceSettingsStore;
  clock: Clock;
}

/**
 * Runs a workspace's trigger rules on one committed event, as of that event:
 * 1. visitors are skipped: there is nobody to message or tag until they are a customer;
 * 2. every rule that lists the event type in `cancelOn` drops the customer's waits it
 *    started at or before this event (an order ends every cart wait, whatever the cart);
 * 3. every rule that starts on the event type checks its audience over the profile as of
 *    the event, with `now` the event's time (never later than the clock), then acts at
 *    once, or starts its wait — keyed by rule and occurrence, due `wait` after the event,
 *    so a newer event of the same occurrence moves it and a late-processed event does not
 *    delay it (a wait already due is fired by the next sweep).
 * Stream records are retried on failure, so each step is safe to repeat.
 */
export const evaluateTriggers = async (committed: CommittedEvent, deps: TriggerDeps): Promise<void> => {
  if (committed.profileKind !== 'customer') return;
  const { event, profile } = committed;
  const rules = await deps.rules.forWorkspace(event.workspace);
  const cancelling = rules.cancelledBy(event.type);
  const starting = rules.startingOn(event.type);
  if (cancelling.length === 0 && starting.length === 0) return;

  const asOf = new Date(Math.min(Date.parse(event.occurredAt), deps.clock.now().getTime())).toISOString();
  for (const compiled of cancelling) {
    const cancelled = await deps.timers.cancelStartedUpTo(event.workspace, profile.customerId, waitKeyPrefix(compiled.rule.id), asOf);
    if (cancelled > 0) deps.activity.record({ workspace: event.workspace, ruleId: compiled.rule.id, customerId: profile.customerId, kind: 'cancelled', at: asOf, count: cancelled });
  }
  if (starting.length === 0) return;

  const { timeZone } = await deps.settings.get(event.workspace);
  const data = { profile, event, now: asOf, timeZone };
  for (const compiled of starting) {
    if (!compiled.matches(data)) continue;
    const rule = compiled.rule as TriggerRule;
    const occurrence = compiled.occurrenceOf(data);
    if (rule.wait) await startWait(compiled, rule, committed, occurrence, asOf, deps);
    else await performActions({ rule, profile, occurrence, matchedAt: asOf, event }, deps);
  }
};

const startWait = async (compiled: CompiledRule, rule: TriggerRule, committed: CommittedEvent, occurrence: string, asOf: string, deps: TriggerDeps) => {
  const { event, profile } = committed;
  const payload: TriggerWaitPayload = { ruleId: rule.id, ruleVersion: rule.version, occurrence, event };
  const dueAt = new Date(Date.parse(asOf) + durationMs(rule.wait!)).toISOString();
  await deps.timers.set({ workspace: event.workspace, customerId: profile.customerId, key: waitKey(compiled.rule.id, occurrence), dueAt, kind: 'trigger-wait', payload, startedAt: asOf });
  deps.activity.record({ workspace: event.workspace, ruleId: rule.id, customerId: profile.customerId, kind: 'waiting', at: asOf });
};
