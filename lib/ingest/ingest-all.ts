import pMap from 'p-map';
import type { ErasureRequestMessage } from '../erasure/erasure-request.js';
import type { ErasureStore } from '../erasure/erasure-store.js';
import { requestErasure } from '../erasure/request-erasure.js';
import type { CanonicalEvent } from '../events/canonical-event.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import type { MessageQueue } from '../queue/message-queue.js';
import type { FieldIssue } from '../validation/field-issues.js';
import type { ErasureRequest } from '../webhooks/webhook-result.js';
import { ingestEvent, type IngestOptions } from './ingest-event.js';
import type { IngestRetryMessage } from './ingest-retry-message.js';

/** `erased`: refused because it happened before its customer was erased; `refused`: see IngestOptions. */
export type StoreOutcome = 'stored' | 'duplicate' | 'deferred' | 'erased' | 'erasure-requested' | { refused: FieldIssue[] };

export interface IngestDeps {
  store: ProfileStore;
  retryQueue: MessageQueue<IngestRetryMessage>;
  erasure: { store: ErasureStore; queue: MessageQueue<ErasureRequestMessage> };
  /** Called when a write failed and the event went to the retry queue. */
  onDeferred?: (event: CanonicalEvent, error: unknown) => void;
}

const PARALLEL_CUSTOMERS = 8;

/** Erasures a webhook asked for, each marked at once and then queued. */
export const requestErasures = async (requests: ErasureRequest[], deps: IngestDeps): Promise<void> => {
  for (const request of requests) await requestErasure(request, deps.erasure);
};

/**
 * Stores valid events, never losing one:
 * 1. events of one customer are written one after another (no self-conflicts), different
 *    customers in parallel;
 * 2. an event whose write fails goes to the retry queue (and from there, if it keeps
 *    failing, to its dead-letter queue) and counts as accepted;
 * 3. only if even the retry queue refuses it does this throw, so the caller answers 5xx
 *    and the sender retries — duplicates of what was stored stop at the dedupe marker.
 */
export const ingestAll = async (events: CanonicalEvent[], deps: IngestDeps, options: IngestOptions = {}): Promise<StoreOutcome[]> => {
  const outcomes: StoreOutcome[] = new Array(events.length);
  const byCustomer = new Map<string, number[]>();
  events.forEach((event, index) => {
    const key = event.customerId ? `c:${event.customerId}` : `a:${event.anonymousId}`;
    byCustomer.set(key, [...(byCustomer.get(key) ?? []), index]);
  });
  await pMap(
    byCustomer.values(),
    async (group) => {
      for (const index of group) outcomes[index] = await storeOrDefer(events[index]!, deps, options);
    },
    { concurrency: PARALLEL_CUSTOMERS },
  );
  return outcomes;
};

const storeOrDefer = async (event: CanonicalEvent, deps: IngestDeps, options: IngestOptions): Promise<StoreOutcome> => {
  if (event.type === 'member_withdrawn' && event.customerId) {
    // A withdrawal is not kept as an event: it erases the customer.
    await requestErasure({ workspace: event.workspace, customerId: event.customerId, requestedAt: event.occurredAt, source: `${event.source} member_withdrawn` }, deps.erasure);
    return 'erasure-requested';
  }
  try {
    return await ingestEvent(event, deps.store, options);
  } catch (error) {
    deps.onDeferred?.(event, error);
    await deps.retryQueue.send({ version: 1, event, firstError: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    return 'deferred';
  }
};
