import type { Clock } from '../time/clock.js';
import { DeliveryError, type ChannelAdapter } from './channel-adapter.js';
import type { DeadLetterQueue, DeliveryRetries } from './dead-letter-queue.js';
import { countersFor } from './send-counters.js';
import { InvalidSendMessageError, parseSendMessage, type SendMessage } from './send-message.js';
import { transition, type SendRecord, type SendState } from './send-record.js';
import type { SendStore } from './send-store.js';

export interface DeliverDeps {
  store: SendStore;
  /** The workspace's adapter (its settings say which; webhook secrets come from its secrets). */
  channelFor(workspace: string): Promise<ChannelAdapter>;
  retries: DeliveryRetries;
  deadLetters: DeadLetterQueue;
  clock: Clock;
  /** Deliveries before a message is dead-lettered: the queue's maxReceiveCount. */
  maxAttempts: number;
  onError: (what: string, error: unknown) => void;
}

/** One message as the queue hands it over. */
export interface QueuedSend {
  body: string;
  /** 1 on the first delivery. */
  attempt: number;
  handle: string;
}

export type DeliveryResult = 'delivered' | 'skipped' | 'expired' | 'dead-lettered';

/** Thrown to have the queue deliver the message again later (a partial batch failure). */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
}

const DELIVERABLE: ReadonlySet<SendState> = new Set(['enqueuing', 'queued', 'failed']);
const EARLY_TOLERANCE_MS = 60_000;
const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

/** 30 s, 1 min, 2 min, 4 min, … up to 15 min between attempts. */
export const backoffSeconds = (attempt: number): number => Math.min(900, 30 * 2 ** Math.max(0, attempt - 1));

const keyOf = (message: SendMessage) => ({ workspace: message.workspace, customerId: message.customerId, ruleId: message.rule.id, occurrence: message.occurrence, actionIndex: message.actionIndex });

/** Applies a change to the entry, re-reading it if someone changed it meanwhile; gives up if it is gone. */
const update = async (message: SendMessage, deps: DeliverDeps, change: (record: SendRecord) => SendRecord | undefined): Promise<void> => {
  for (let round = 0; round < 3; round += 1) {
    const record = await deps.store.get(keyOf(message));
    const next = record && change(record);
    if (!record || !next) return;
    if ((await deps.store.replace(next, record.rev)) === 'replaced') {
      await deps.store.addCounters(message.workspace, countersFor(record, next)).catch((error: unknown) => deps.onError('rule counters', error));
      return;
    }
  }
};

/**
 * Delivers one send message, once:
 * 1. a body that is no send message → dead-lettered with the reason;
 * 2. no ledger entry (the customer was erased after it was queued), or one that is
 *    delivered, blocked or expired already → skipped, nothing goes out;
 * 3. past `expiresAt` → recorded `expired`; before `notBefore` → back to the queue until then;
 * 4. the workspace's channel adapter delivers it → `delivered` (the attribution window starts);
 * 5. a retryable failure → tried again with backoff; a permanent one, or the last attempt →
 *    dead-lettered with its reason and recorded `failed` (redrive puts it back).
 */
export const deliverSend = async (queued: QueuedSend, deps: DeliverDeps): Promise<DeliveryResult> => {
  const now = deps.clock.now();
  let message: SendMessage;
  try {
    message = parseSendMessage(queued.body);
  } catch (error) {
    if (!(error instanceof InvalidSendMessageError)) throw error;
    await deps.deadLetters.put(queued.body, { reason: error.message, attempts: queued.attempt, failedAt: now.toISOString() });
    return 'dead-lettered';
  }
  const record = await deps.store.get(keyOf(message));
  if (!record || record.sendId !== message.sendId || !DELIVERABLE.has(record.state)) return 'skipped';
  if (message.expiresAt && now >= new Date(message.expiresAt)) {
    await update(message, deps, (current) => (DELIVERABLE.has(current.state) ? transition(current, { state: 'expired', outcome: 'expired', reason: `not delivered before it expired at ${message.expiresAt}` }, now) : undefined));
    return 'expired';
  }
  const early = new Date(message.notBefore).getTime() - now.getTime();
  if (early > EARLY_TOLERANCE_MS) {
    await deps.retries.later(queued.handle, Math.min(MAX_VISIBILITY_SECONDS, Math.ceil(early / 1000)));
    throw new RetryLaterError(`send ${message.sendId} is not due before ${message.notBefore}`);
  }

  try {
    await (await deps.channelFor(message.workspace)).deliver(message);
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    const attempts = record.attempts + 1;
    if (error.retryable && queued.attempt < deps.maxAttempts) {
      await update(message, deps, (current) => ({ ...current, rev: current.rev + 1, attempts: current.attempts + 1, lastError: error.message, updatedAt: now.toISOString() })).catch((cause: unknown) => deps.onError('delivery attempt', cause));
      await deps.retries.later(queued.handle, backoffSeconds(queued.attempt));
      throw new RetryLaterError(`send ${message.sendId}: ${error.message}; attempt ${queued.attempt} of ${deps.maxAttempts}`, { cause: error });
    }
    const reason = error.retryable ? `gave up after ${queued.attempt} attempts: ${error.message}` : error.message;
    await deps.deadLetters.put(queued.body, { reason, attempts: queued.attempt, failedAt: now.toISOString() });
    await update(message, deps, (current) => (DELIVERABLE.has(current.state) ? transition(current, { state: 'failed', reason, attempts, lastError: error.message }, now) : undefined));
    return 'dead-lettered';
  }
  await update(message, deps, (current) =>
    DELIVERABLE.has(current.state) ? transition(current, { state: 'delivered', reason: undefined, deliveredAt: now.toISOString(), touchedAt: now.toISOString() }, now) : undefined,
  );
  return 'delivered';
};
