import { randomUUID } from 'node:crypto';
import { durationMs } from '../time/duration.js';
import { applySendPlan, duplicateOf, leaseTimerOf, takeOverInterrupted, timerKeyOf, type LedgerWrite } from './apply-send-plan.js';
import { planSend } from './plan-send.js';
import { UNASSIGNED_ARM } from './send-counters.js';
import { SEND_DEFERRED_TIMER, type SendDeps } from './send-deps.js';
import type { SendDecision, SendGate, SendRequest } from './send-gate.js';
import { dedupeKeyOf, type SendKey, type SendRecord } from './send-record.js';

export const sendKeyOf = (send: SendRequest): SendKey => ({
  workspace: send.workspace,
  customerId: send.customerId,
  ruleId: send.rule.id,
  occurrence: send.occurrence,
  actionIndex: send.actionIndex,
});

/** A new ledger entry, not yet decided (revision 0: the first write makes it 1). */
const draftOf = (send: SendRequest, now: Date): SendRecord => {
  const key = sendKeyOf(send);
  const expiresAt = send.action.expiresAfter ? new Date(new Date(send.matchedAt).getTime() + durationMs(send.action.expiresAfter)).toISOString() : undefined;
  return {
    key,
    sendId: randomUUID(),
    dedupeKey: dedupeKeyOf(key),
    rev: 0,
    rule: send.rule,
    channel: send.action.channel,
    purpose: send.action.purpose,
    arm: null,
    state: 'pending',
    outcome: 'sent',
    matchedAt: send.matchedAt,
    updatedAt: now.toISOString(),
    ...(expiresAt ? { expiresAt } : {}),
    ...(send.action.goal ? { goal: send.action.goal } : {}),
    attempts: 0,
    deferrals: [],
    history: [],
    action: send.action,
    ...(send.event ? { event: send.event } : {}),
  };
};

/**
 * The send gate: every trigger path asks it, and it decides, records and sends.
 * 1. A ledger entry for (rule, customer, occurrence, action) exists → `duplicate` (after
 *    finishing what a crashed attempt left: an `enqueuing` entry whose lease ran out is
 *    enqueued again — one whose lease still runs gets a timer for when it ends —, a
 *    `pending` one gets its timer again);
 * 2. plan the send (expiry, consent, recipient, holdout, variant, rendering, quiet hours);
 * 3. write the entry conditionally — before anything is enqueued — with the fatigue charge,
 *    then enqueue or set the deferral timer (`applySendPlan`).
 */
export const requestSend = async (send: SendRequest, deps: SendDeps): Promise<SendDecision> => {
  const now = deps.clock.now();
  const key = sendKeyOf(send);
  const existing = await deps.store.get(key);
  if (existing) return settleExisting(existing, deps, now);
  const settings = await deps.settings.get(send.workspace);
  const draft = draftOf(send, now);
  const plan = planSend({ customerId: send.customerId, ruleId: send.rule.id, action: send.action, event: send.event, expiresAt: draft.expiresAt }, send.profile, settings, now);
  const write: LedgerWrite = async (record, charge) => {
    const result = await deps.store.create(record, charge);
    return result === 'created' ? 'written' : result === 'exists' ? 'taken' : 'over-budget';
  };
  const decision = await applySendPlan(draft, plan, { deps, settings, now, before: undefined, write });
  if (decision.outcome === 'duplicate') return settleExisting(await deps.store.get(key), deps, now);
  return decision;
};

/** A repeated request: finishes what an interrupted attempt left undone, and notes and counts the duplicate. */
const settleExisting = async (existing: SendRecord | undefined, deps: SendDeps, now: Date): Promise<SendDecision> => {
  if (!existing) return duplicateOf(undefined);
  const resumed = await takeOverInterrupted(existing, deps, now);
  if (resumed) return resumed;
  if (existing.state === 'enqueuing' && existing.leaseUntil && new Date(existing.leaseUntil) > now) await deps.timers.set(leaseTimerOf(existing));
  if (existing.state === 'pending' && existing.notBefore) {
    // Idempotent: the same key sets the same timer.
    await deps.timers.set({ workspace: existing.key.workspace, customerId: existing.key.customerId, key: timerKeyOf(existing), dueAt: existing.notBefore, kind: SEND_DEFERRED_TIMER, payload: { dedupeKey: existing.dedupeKey } });
  }
  await deps.store.noteDuplicate(existing.key, now.toISOString()).catch((error: unknown) => deps.onError('duplicate note', error));
  await deps.store
    .addCounters(existing.key.workspace, [{ ruleId: existing.rule.id, version: existing.rule.version, arm: existing.arm ?? UNASSIGNED_ARM, counts: { duplicate: 1 } }])
    .catch((error: unknown) => deps.onError('rule counters', error));
  return duplicateOf(existing);
};

/** The gate as the port trigger paths hold. */
export class LedgerSendGate implements SendGate {
  constructor(private readonly deps: SendDeps) {}

  request(send: SendRequest): Promise<SendDecision> {
    return requestSend(send, this.deps);
  }
}
