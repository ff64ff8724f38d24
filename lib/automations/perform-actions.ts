import type { CanonicalEvent } from '../events/canonical-event.js';
import type { ProfileTagStore } from '../profiles/profile-tags.js';
import type { ProfileView } from '../profiles/profile-view.js';
import type { Rule } from '../rules/rule-schema.js';
import { sendAccepted, type SendGate } from '../sends/send-gate.js';
import type { RuleActivity } from './rule-activity.js';

export interface ActionsDeps {
  gate: SendGate;
  tags: ProfileTagStore;
  activity: RuleActivity;
}

export interface MatchedRule {
  rule: Extract<Rule, { kind: 'trigger' | 'scheduled' }>;
  profile: ProfileView;
  /** What one occurrence is: at most one send per rule, customer, occurrence (and action). */
  occurrence: string;
  /** When the rule meant to act: the event's time, a wait's due time, a scheduled day's run time. */
  matchedAt: string;
  event?: CanonicalEvent;
}

/**
 * Does what a matched rule says, in the rule's order: each send action is handed to the
 * send gate (which decides, and sends at most once per occurrence), each tag action
 * changes the profile's tags — but a tag that comes after a send belongs to that send: it
 * is changed only if the gate accepted the send right before it (sent or deferred; for a
 * repeat, the send already recorded), so `welcome-coupon-sent` never marks a customer whose
 * welcome was blocked, held out or expired. Tags before the first send always change; each
 * send is decided on its own. Safe to repeat: a retry meets the gate's ledger and sets.
 */
export const performActions = async (match: MatchedRule, deps: ActionsDeps): Promise<void> => {
  const { rule, profile } = match;
  const base = { workspace: profile.workspace, ruleId: rule.id, customerId: profile.customerId, at: match.matchedAt };
  deps.activity.record({ ...base, kind: 'matched' });
  let lastSendAccepted = true;
  for (const [actionIndex, action] of rule.actions.entries()) {
    if (action.type === 'tag') {
      if (!lastSendAccepted) continue;
      await deps.tags.changeTags(profile.workspace, profile.customerId, { add: action.add, remove: action.remove });
      deps.activity.record({ ...base, kind: 'tagged' });
      continue;
    }
    const decision = await deps.gate.request({
      workspace: profile.workspace,
      customerId: profile.customerId,
      rule: { id: rule.id, version: rule.version, priority: rule.priority },
      action,
      actionIndex,
      occurrence: match.occurrence,
      profile,
      ...(match.event ? { event: match.event } : {}),
      matchedAt: match.matchedAt,
    });
    lastSendAccepted = sendAccepted(decision);
    deps.activity.record({ ...base, kind: `send:${decision.outcome}` });
  }
};
