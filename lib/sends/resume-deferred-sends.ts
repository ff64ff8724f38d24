import type { RuleActivity } from '../automations/rule-activity.js';
import type { ProfileView } from '../profiles/profile-view.js';
import type { Timer, TimerHandler } from '../timers/timer-store.js';
import { applySendPlan, takeOverInterrupted, type LedgerWrite } from './apply-send-plan.js';
import { planSend } from './plan-send.js';
import type { SendDeps } from './send-deps.js';
import type { SendDecision } from './send-gate.js';
import type { SendRecord } from './send-record.js';

export interface ResumeDeps extends SendDeps {
  /** The customer's profile as it is now (undefined once erased). */
  currentProfile(workspace: string, customerId: string): Promise<ProfileView | undefined>;
}

/** A resumed send's new decision, and the rule it belongs to. */
export type ResumedDecision = SendDecision & { ruleId: string };

/** Higher rule priority first; among equals, the one matched first. */
const byPriority = (a: SendRecord, b: SendRecord): number => b.rule.priority - a.rule.priority || a.matchedAt.localeCompare(b.matchedAt);

/**
 * Resumes a customer's deferred sends that are due: all of them, not only the one whose
 * timer fired, highest rule priority first — so when a window opens with room for one
 * message, the most important one takes it and the others wait for the next window.
 * Each is decided again from the current profile (consent may have been withdrawn
 * overnight, the customer may have become dormant or been erased). First, sends decided but
 * never enqueued because their writer died within its lease are enqueued as decided.
 */
export const resumeDeferredSends = async (workspace: string, customerId: string, deps: ResumeDeps, now: Date = deps.clock.now()): Promise<ResumedDecision[]> => {
  const records = await deps.store.listForCustomer(workspace, customerId);
  const decisions: ResumedDecision[] = [];
  // Decided already, only never enqueued (its writer died within its lease): enqueued as decided.
  for (const record of records) {
    const resumed = await takeOverInterrupted(record, deps, now);
    if (resumed) decisions.push({ ...resumed, ruleId: record.rule.id });
  }
  const due = records.filter((record) => record.state === 'pending' && record.notBefore !== undefined && new Date(record.notBefore) <= now).sort(byPriority);
  if (due.length === 0) return decisions;
  const profile = await deps.currentProfile(workspace, customerId);
  if (!profile) return decisions; // erased: the ledger goes with the profile
  const settings = await deps.settings.get(workspace);
  for (const record of due) {
    const plan = planSend({ customerId, ruleId: record.rule.id, action: record.action, event: record.event, expiresAt: record.expiresAt }, profile, settings, now);
    const write: LedgerWrite = async (next, charge) => {
      const result = await deps.store.replace(next, record.rev, charge);
      return result === 'replaced' ? 'written' : result === 'conflict' ? 'taken' : 'over-budget';
    };
    decisions.push({ ...(await applySendPlan(record, plan, { deps, settings, now, before: record, write })), ruleId: record.rule.id });
  }
  return decisions;
};

/** What the timer sweep calls for `send-deferred` timers: each new decision is reported as rule activity, as the first one was. */
export class SendDeferredTimerHandler implements TimerHandler {
  constructor(private readonly deps: ResumeDeps & { activity: RuleActivity }) {}

  async handle(timer: Timer, now: Date): Promise<void> {
    const at = now.toISOString();
    for (const { ruleId, outcome } of await resumeDeferredSends(timer.workspace, timer.customerId, this.deps, now)) {
      this.deps.activity.record({ workspace: timer.workspace, ruleId, customerId: timer.customerId, kind: `send:${outcome}`, at });
    }
  }
}
