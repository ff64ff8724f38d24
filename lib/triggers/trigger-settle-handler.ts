import type { ActiveRules } from '../automations/active-rules.js';
import { performActions, type ActionsDeps } from '../automations/perform-actions.js';
import type { ProfileReader } from '../profiles/profile-reader.js';
import type { TriggerRule } from '../rules/rule-schema.js';
import type { Timer, TimerHandler } from '../timers/timer-store.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';
import { parseTriggerSettlePayload } from './trigger-settle.js';

export interface TriggerSettleDeps extends ActionsDeps {
  rules: ActiveRules;
  profiles: ProfileReader;
  settings: WorkspaceSettingsStore;
}

/**
 * Acts for a trigger whose event's settle window has passed, so that the events that came
 * with it have all been stored, in whatever order they arrived:
 * 1. the rule as now in force, if it still starts on the event (one disabled meanwhile ends quietly);
 * 2. the customer's profile as it is now — everything that arrived with the event (an erased customer has none);
 * 3. the audience over that profile, as of the event's time; no match → it lapses;
 * 4. the actions, for the occurrence of that event and profile, as matched at the event's time.
 */
export class TriggerSettleHandler implements TimerHandler {
  constructor(private readonly deps: TriggerSettleDeps) {}

  async handle(timer: Timer): Promise<void> {
    const { ruleId, event } = parseTriggerSettlePayload(timer.payload);
    const compiled = (await this.deps.rules.forWorkspace(timer.workspace)).trigger(ruleId);
    if (!compiled?.startsOn(event.type)) return;
    const profile = await this.deps.profiles.profile(timer.workspace, timer.customerId);
    if (!profile) return;
    const { timeZone } = await this.deps.settings.get(timer.workspace);
    const asOf = timer.startedAt ?? event.occurredAt;
    const data = { profile, event, now: asOf, timeZone };
    if (!compiled.matches(data)) {
      this.deps.activity.record({ workspace: timer.workspace, ruleId, customerId: timer.customerId, kind: 'lapsed', at: asOf });
      return;
    }
    await performActions({ rule: compiled.rule as TriggerRule, profile, occurrence: compiled.occurrenceOf(data), matchedAt: asOf, event }, this.deps);
  }
}
