import type { ActiveRules } from '../automations/active-rules.js';
import { performActions, type ActionsDeps } from '../automations/perform-actions.js';
import type { ProfileReader } from '../profiles/profile-reader.js';
import type { TriggerRule } from '../rules/rule-schema.js';
import type { Timer, TimerHandler } from '../timers/timer-store.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';
import { parseTriggerWaitPayload } from './trigger-wait.js';

export interface TriggerWaitDeps extends ActionsDeps {
  rules: ActiveRules;
  profiles: ProfileReader;
  settings: WorkspaceSettingsStore;
}

/**
 * Ends a trigger's wait ("cart left 24 h ago"):
 * 1. the rule as now in force (a wait of a rule since disabled or deleted ends quietly);
 * 2. the customer's profile as it is now (an erased customer has none, and gets nothing);
 * 3. the audience again, over that profile and `now`, with the event that started the
 *    wait ("still no order?"); no match → the wait lapses;
 * 4. the actions, for the wait's occurrence, as matched at the wait's due time.
 */
export class TriggerWaitHandler implements TimerHandler {
  constructor(private readonly deps: TriggerWaitDeps) {}

  async handle(timer: Timer, now: Date): Promise<void> {
    const payload = parseTriggerWaitPayload(timer.payload);
    const compiled = (await this.deps.rules.forWorkspace(timer.workspace)).trigger(payload.ruleId);
    if (!compiled) return;
    const profile = await this.deps.profiles.profile(timer.workspace, timer.customerId);
    if (!profile) return;
    const { timeZone } = await this.deps.settings.get(timer.workspace);
    if (!compiled.matches({ profile, event: payload.event, now: now.toISOString(), timeZone })) {
      this.deps.activity.record({ workspace: timer.workspace, ruleId: payload.ruleId, customerId: timer.customerId, kind: 'lapsed', at: timer.dueAt });
      return;
    }
    await performActions({ rule: compiled.rule as TriggerRule, profile, occurrence: payload.occurrence, matchedAt: timer.dueAt, event: payload.event }, this.deps);
  }
}
