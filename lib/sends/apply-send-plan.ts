import { localDate } from '../time/local-date.js';
import { formatLocal, zonedInstant } from '../time/zoned-time.js';
import type { WorkspaceSettings } from '../workspaces/workspace-settings.js';
import { RECONFIRM_CONSENT_TAG } from './consent-check.js';
import { countsWindow, dayLimit, fits, nextDayWithRoom } from './fatigue-budget.js';
import { earliestAllowed } from './quiet-hours.js';
import type { SendPlan } from './plan-send.js';
import { countersFor } from './send-counters.js';
import { SEND_DEFERRED_TIMER, type SendDeps } from './send-deps.js';
import type { SendDecision } from './send-gate.js';
import type { SendMessage } from './send-message.js';
import { transition, type DeferralReason, type SendRecord } from './send-record.js';
import type { FatigueCharge } from './send-store.js';

/** The longest delay an SQS message can carry; longer deferrals go through a timer. */
export const MAX_QUEUE_DELAY_MS = 15 * 60_000;
/** How long an `enqueuing` entry belongs to its writer before a retry may enqueue it instead. */
export const ENQUEUE_LEASE_MS = 60_000;

/** Writes the entry: a create for a new send, a conditional replace for a resumed one. `taken`: someone else got there first. */
export type LedgerWrite = (record: SendRecord, charge?: FatigueCharge) => Promise<'written' | 'taken' | 'over-budget'>;

export interface ApplyContext {
  deps: SendDeps;
  settings: WorkspaceSettings;
  now: Date;
  /** The entry as stored before this decision (undefined for a new send). */
  before: SendRecord | undefined;
  write: LedgerWrite;
}

// `send:` can never begin a rule's wait key (`<ruleId>#`): rule ids hold no ":", so cancelling a rule's waits never reaches these.
export const timerKeyOf = (record: SendRecord): string => `send:${record.dedupeKey}:${record.notBefore ?? ''}`;

const decisionOf = (record: SendRecord): SendDecision => ({
  outcome: record.outcome,
  sendId: record.sendId,
  ...(record.notBefore ? { notBefore: record.notBefore } : {}),
  ...(record.reason ? { reason: record.reason } : {}),
  ...(record.arm ? { arm: record.arm } : {}),
});

const count = async (ctx: ApplyContext, after: SendRecord) => {
  await ctx.deps.store.addCounters(after.key.workspace, countersFor(ctx.before, after)).catch((error: unknown) => ctx.deps.onError('rule counters', error));
};

/** The decision when the write lost a race: whatever the winner decided stands. */
export const duplicateOf = (existing: SendRecord | undefined): SendDecision => ({
  outcome: 'duplicate',
  reason: existing ? `already ${existing.state} (${existing.outcome})` : 'already decided',
  ...(existing ? { sendId: existing.sendId, original: existing.outcome } : {}),
});

const end = async (draft: SendRecord, plan: Extract<SendPlan, { kind: 'end' }>, ctx: ApplyContext): Promise<SendDecision> => {
  const record = transition(draft, { state: plan.state, outcome: plan.outcome, reason: plan.reason, arm: plan.arm, ...(plan.state === 'holdout' ? { touchedAt: ctx.now.toISOString() } : {}) }, ctx.now);
  if ((await ctx.write(record)) !== 'written') return duplicateOf(await ctx.deps.store.get(draft.key));
  await count(ctx, record);
  if (plan.reconfirmConsent) {
    await ctx.deps.tags.changeTags(draft.key.workspace, draft.key.customerId, { add: [RECONFIRM_CONSENT_TAG], remove: [] }).catch((error: unknown) => ctx.deps.onError('re-confirmation tag', error));
  }
  return decisionOf(record);
};

type BudgetSlot = { kind: 'fits'; charge: FatigueCharge } | { kind: 'later'; at: Date; reason: string } | { kind: 'never'; reason: string };

/** Where the fatigue budget puts a send: on its day (with a charge), or the start of the next day with room. */
const budgetSlot = async (draft: SendRecord, plan: Extract<SendPlan, { kind: 'send' }>, target: Date, ctx: ApplyContext): Promise<BudgetSlot> => {
  const { settings } = ctx;
  const limit = settings.fatigue[draft.channel];
  const day = localDate(target, settings.timeZone);
  const window = countsWindow(day);
  const counts = await ctx.deps.store.fatigueCounts(draft.key.workspace, draft.key.customerId, draft.channel, window.from, window.to);
  if (fits(counts, day, limit)) return { kind: 'fits', charge: { channel: draft.channel, day, limit: dayLimit(counts, day, limit) } };
  const budget = `${draft.channel} fatigue budget (${limit.perDay}/day, ${limit.perWeek}/7 days)`;
  const next = nextDayWithRoom(counts, day, limit);
  if (!next) return { kind: 'never', reason: `the ${budget} allows no ads` };
  const at = earliestAllowed(zonedInstant(next, '00:00', settings.timeZone), plan.quiet);
  return { kind: 'later', at, reason: `${budget} used up: until ${formatLocal(at, settings.timeZone)}` };
};

/**
 * Turns a plan into a ledger entry and its effects:
 * - an end (blocked, expired, holdout) is recorded, counted, and that is all;
 * - a send due later than an SQS delay can hold is recorded `pending` and a
 *   `send-deferred` timer resumes it (the budget is decided then);
 * - otherwise the fatigue budget of the day it goes out is charged in the same write as the
 *   `enqueuing` entry (over budget → deferred to the next day with room), and only then is
 *   the message put on the queue, with a delay up to its `notBefore`.
 */
export const applySendPlan = async (draft: SendRecord, plan: SendPlan, ctx: ApplyContext): Promise<SendDecision> => {
  if (plan.kind === 'end') return end(draft, plan, ctx);
  const { now, settings } = ctx;
  let target = plan.notBefore;
  let deferral: { reason: DeferralReason; text: string } | undefined = plan.quietReason ? { reason: 'quiet-hours', text: plan.quietReason } : undefined;
  for (let round = 0; round < 4; round += 1) {
    const expiresAt = draft.expiresAt ? new Date(draft.expiresAt) : undefined;
    if (expiresAt && target >= expiresAt) {
      return end(draft, { kind: 'end', state: 'expired', outcome: 'expired', reason: `${deferral?.text ?? 'deferred'}, after it expires at ${formatLocal(expiresAt, settings.timeZone)}`, arm: plan.arm }, ctx);
    }
    const deferrals = deferral && !draft.deferrals.includes(deferral.reason) ? [...draft.deferrals, deferral.reason] : draft.deferrals;
    if (target.getTime() - now.getTime() > MAX_QUEUE_DELAY_MS) {
      const outcome = deferral?.reason === 'budget' ? 'deferred-budget' : 'deferred-quiet-hours';
      const record = transition(draft, { state: 'pending', outcome, reason: deferral?.text, arm: plan.arm, notBefore: target.toISOString(), deferrals, leaseUntil: undefined, message: undefined }, now);
      if ((await ctx.write(record)) !== 'written') return duplicateOf(await ctx.deps.store.get(draft.key));
      await count(ctx, record);
      // If this fails, the caller's retry finds the pending entry and sets the timer again.
      await ctx.deps.timers.set({ workspace: draft.key.workspace, customerId: draft.key.customerId, key: timerKeyOf(record), dueAt: record.notBefore!, kind: SEND_DEFERRED_TIMER, payload: { dedupeKey: record.dedupeKey } });
      return decisionOf(record);
    }
    let charge: FatigueCharge | undefined;
    if (draft.purpose === 'ad') {
      const slot = await budgetSlot(draft, plan, target, ctx);
      if (slot.kind === 'never') return end(draft, { kind: 'end', state: 'blocked', outcome: 'blocked-misconfigured', reason: slot.reason, arm: plan.arm }, ctx);
      if (slot.kind === 'later') {
        target = slot.at;
        deferral = { reason: 'budget', text: slot.reason };
        continue;
      }
      charge = slot.charge;
    }
    const message = messageFor(draft, plan, target, now);
    const record = transition(
      draft,
      { state: 'enqueuing', outcome: 'sent', reason: target > now ? deferral?.text : undefined, arm: plan.arm, notBefore: target.toISOString(), deferrals, leaseUntil: new Date(now.getTime() + ENQUEUE_LEASE_MS).toISOString(), message },
      now,
    );
    const written = await ctx.write(record, charge);
    if (written === 'over-budget') continue; // another send took the last slot meanwhile: look again
    if (written === 'taken') return duplicateOf(await ctx.deps.store.get(draft.key));
    await count(ctx, record);
    await enqueue(record, ctx.deps, now);
    return decisionOf(record);
  }
  throw new Error(`send ${draft.dedupeKey}: the fatigue budget kept changing while deciding; try again`);
};

const messageFor = (draft: SendRecord, plan: Extract<SendPlan, { kind: 'send' }>, notBefore: Date, now: Date): SendMessage => ({
  version: 1,
  sendId: draft.sendId,
  dedupeKey: draft.dedupeKey,
  workspace: draft.key.workspace,
  customerId: draft.key.customerId,
  rule: draft.rule,
  actionIndex: draft.key.actionIndex,
  occurrence: draft.key.occurrence,
  variant: plan.arm,
  channel: draft.channel,
  purpose: draft.purpose,
  content: plan.content,
  recipient: plan.recipient,
  notBefore: notBefore.toISOString(),
  expiresAt: draft.expiresAt ?? null,
  createdAt: now.toISOString(),
});

/**
 * Enqueues an `enqueuing` entry whose writer's lease ran out (it crashed, or its process was
 * killed, between writing the entry and enqueuing): whoever finds it first takes it over.
 * Undefined when the entry is no such one, or another taker won.
 */
export const takeOverInterrupted = async (existing: SendRecord, deps: SendDeps, now: Date): Promise<SendDecision | undefined> => {
  if (existing.state !== 'enqueuing' || !existing.leaseUntil || new Date(existing.leaseUntil) > now) return undefined;
  const takenOver = transition(existing, { state: 'enqueuing', leaseUntil: new Date(now.getTime() + ENQUEUE_LEASE_MS).toISOString() }, now);
  if ((await deps.store.replace(takenOver, existing.rev)) !== 'replaced') return undefined;
  await enqueue(takenOver, deps, now);
  return { outcome: 'sent', sendId: existing.sendId, reason: 'enqueued by a retry after an interrupted attempt', ...(existing.arm ? { arm: existing.arm } : {}) };
};

/**
 * A timer for when an `enqueuing` entry's lease runs out. A request that finds the lease
 * still running cannot tell a busy writer from a dead one, and may be the last request
 * there will be (the redelivery after a crash): the timer looks again then.
 */
export const leaseTimerOf = (record: SendRecord) => ({
  workspace: record.key.workspace,
  customerId: record.key.customerId,
  key: `send#${record.dedupeKey}#lease#${record.leaseUntil ?? ''}`,
  dueAt: record.leaseUntil!,
  kind: SEND_DEFERRED_TIMER,
  payload: { dedupeKey: record.dedupeKey },
});

export class EnqueueError extends Error {
  override readonly name = 'EnqueueError';
}

/**
 * Puts an `enqueuing` entry's message on the queue and marks it `queued`. If SQS refuses, the
 * lease is given up so the caller's retry can enqueue it at once, and the error goes up.
 */
export const enqueue = async (record: SendRecord, deps: SendDeps, now: Date): Promise<void> => {
  const delayMs = Math.max(0, new Date(record.notBefore ?? now).getTime() - now.getTime());
  try {
    await deps.queue.send(record.message!, delayMs > 0 ? { delaySeconds: Math.ceil(delayMs / 1000) } : {});
  } catch (error) {
    await deps.store.replace({ ...record, rev: record.rev + 1, leaseUntil: new Date(0).toISOString() }, record.rev).catch(() => undefined);
    throw new EnqueueError(`send ${record.dedupeKey}: the sends queue refused the message; a retry will enqueue it`, { cause: error });
  }
  // Delivery may already have moved it on: then the entry is past `queued` and stays so.
  await deps.store.replace(transition(record, { state: 'queued', queuedAt: now.toISOString(), leaseUntil: undefined }, now), record.rev);
};

