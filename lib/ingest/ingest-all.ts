import pMap from 'p-map';
import type { ErasureRequestMessage } from '../erasure/erasure-request.js';
import type { ErasureStore } from '../erasure/erasure-store.js';
import { requestErasure } from '../erasure/request-erasure.js';
import type { CanonicalEvent } from '../events/canonical-event.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import type { MessageQueue } from '../queue/message-queue.js';
import type { ErasureRequest } from '../webhooks/webhook-result.js';
import { ingestEvents, type IngestOptions, type IngestOutcome } from './ingest-event.js';
import { retryMessagesFor, type IngestRetryMessage } from './ingest-retry-message.js';

/** `erased`: refused because it happened before its customer was erased; `refused`: see IngestOptions. */
export type StoreOutcome = IngestOutcome | 'deferred' | 'erasure-requested';

export interface StoreDeps {
  store: ProfileStore;
  erasure: { store: ErasureStore; queue: MessageQueue<ErasureRequestMessage> };
}

export interface IngestDeps extends StoreDeps {
  retryQueue: MessageQueue<IngestRetryMessage>;
  /** Called for each retry message sent: the events, and the failure that deferred them (none: the time ran out). */
  onDeferred?: (events: readonly CanonicalEvent[], error: unknown) => void;
  /**
   * Whether there is time to start another write (asked before each transaction). Once it
   * answers false, the events not stored yet go to the retry queue, so a request answers in time.
   */
  budget?: () => boolean;
}

/** An event left for the retry queue: the time ran out, or a write of its run failed (`error`). */
export interface Unstored {
  index: number;
  error?: unknown;
}

/** Profiles written at once; events of one profile are written in order, a run per transaction. */
const PARALLEL_PROFILES = 16;

/** Erasures a webhook asked for, each marked at once and then queued. */
export const requestErasures = async (requests: ErasureRequest[], deps: StoreDeps): Promise<void> => {
  for (const request of requests) await requestErasure(request, deps.erasure);
};

const isWithdrawal = (event: CanonicalEvent): boolean => event.type === 'member_withdrawn' && Boolean(event.customerId);

/** Event indexes by the profile they are written to, each profile's in order. */
const byProfile = (events: readonly CanonicalEvent[]): number[][] => {
  const groups = new Map<string, number[]>();
  events.forEach((event, index) => {
    const key = event.customerId ? `c:${event.customerId}` : `a:${event.anonymousId}`;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  return [...groups.values()];
};

/** A profile's events as runs to store, split at each withdrawal (which erases instead). */
const segmentsOf = (indexes: readonly number[], events: readonly CanonicalEvent[]): Array<{ withdrawal: number } | { run: number[] }> => {
  const segments: Array<{ withdrawal: number } | { run: number[] }> = [];
  for (const index of indexes) {
    const last = segments[segments.length - 1];
    if (isWithdrawal(events[index]!)) segments.push({ withdrawal: index });
    else if (last && 'run' in last) last.run.push(index);
    else segments.push({ run: [index] });
  }
  return segments;
};

/**
 * Stores events: profiles in parallel, each profile's events in order (see `ingestEvents`);
 * a withdrawal erases its customer instead of being stored. Once `canStart` says no, or a
 * write of a profile fails, that profile's remaining events are returned as `unstored`.
 * Only a failed erasure request throws.
 */
export const storeEvents = async (
  events: readonly CanonicalEvent[],
  deps: StoreDeps,
  canStart: () => boolean = () => true,
  options: IngestOptions = {},
): Promise<{ outcomes: Array<Exclude<StoreOutcome, 'deferred'> | undefined>; unstored: Unstored[] }> => {
  const outcomes: Array<Exclude<StoreOutcome, 'deferred'> | undefined> = events.map(() => undefined);
  const unstored: Unstored[] = [];
  await pMap(
    byProfile(events),
    async (indexes) => {
      let stopped = false;
      let error: unknown;
      for (const segment of segmentsOf(indexes, events)) {
        if ('withdrawal' in segment) {
          // Never deferred: the tombstone refuses any earlier event that arrives later, whichever way it comes.
          const event = events[segment.withdrawal]!;
          await requestErasure({ workspace: event.workspace, customerId: event.customerId!, requestedAt: event.occurredAt, source: `${event.source} member_withdrawn` }, deps.erasure);
          outcomes[segment.withdrawal] = 'erasure-requested';
          continue;
        }
        const { run } = segment;
        if (!stopped) {
          try {
            await ingestEvents(
              run.map((index) => events[index]!),
              deps.store,
              (position, outcome) => (outcomes[run[position]!] = outcome),
              canStart,
              options,
            );
          } catch (failure) {
            error = failure;
          }
          stopped = error !== undefined || run.some((index) => outcomes[index] === undefined);
        }
        for (const index of run) if (outcomes[index] === undefined) unstored.push({ index, ...(error !== undefined ? { error } : {}) });
      }
    },
    { concurrency: PARALLEL_PROFILES },
  );
  return { outcomes, unstored: unstored.sort((a, b) => a.index - b.index) };
};

/**
 * Stores valid events, never losing one:
 * 1. as `storeEvents`, while the budget allows;
 * 2. what it could not store — the time ran out, or a write failed — goes to the retry queue
 *    (and from there, if it keeps failing, to its dead-letter queue) and counts as accepted
 *    (`deferred`); one profile's events stay together and in order in the messages;
 * 3. only if even the retry queue refuses them does this throw, so the caller answers 5xx and
 *    the sender retries — duplicates of what was stored stop at the dedupe marker.
 */
export const ingestAll = async (events: CanonicalEvent[], deps: IngestDeps, options: IngestOptions = {}): Promise<StoreOutcome[]> => {
  const { outcomes, unstored } = await storeEvents(events, deps, deps.budget, options);
  const messages = retryMessagesFor(unstored.map(({ index, error }) => ({ event: events[index]!, error })));
  await pMap(messages, async ({ message, error }) => {
    deps.onDeferred?.(message.events, error);
    await deps.retryQueue.send(message);
  }, { concurrency: 8 });
  return outcomes.map((outcome) => outcome ?? 'deferred');
};
