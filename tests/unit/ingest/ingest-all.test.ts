import { describe, expect, it } from 'vitest';
import type { ErasureStore } from '../../../lib/erasure/erasure-store.js';
import type { ErasureRequestMessage } from '../../../lib/erasure/erasure-request.js';
import type { CanonicalEvent } from '../../../lib/events/canonical-event.js';
import { ingestAll, type IngestDeps } from '../../../lib/ingest/ingest-all.js';
import { MAX_EVENTS_PER_COMMIT } from '../../../lib/ingest/ingest-event.js';
import type { IngestRetryMessage } from '../../../lib/ingest/ingest-retry-message.js';
import type { ProfileStore } from '../../../lib/profiles/profile-store.js';
import { canonical } from '../../support/canonical-events.js';
import { InMemoryProfileStore } from '../../support/in-memory-profile-store.js';
import { RecordingQueue } from '../../support/sends.js';

const unusedErasures: ErasureStore = {
  markErased: async () => undefined,
  deleteCustomerData: async () => 0,
  writeReceipt: async () => undefined,
  receipts: async () => [],
};

const harness = (store: ProfileStore = new InMemoryProfileStore()) => {
  const retryQueue = new RecordingQueue<IngestRetryMessage>();
  const deps: IngestDeps = { store, retryQueue, erasure: { store: unusedErasures, queue: new RecordingQueue<ErasureRequestMessage>() } };
  return { deps, retryQueue, deferredIds: () => retryQueue.sent.flatMap(({ message }) => message.events.map((event) => event.eventId)) };
};

/** `perCustomer` page views of each of `customers` customers, interleaved as shop traffic arrives. */
const traffic = (customers: number, perCustomer: number): CanonicalEvent[] =>
  Array.from({ length: perCustomer }, (_, minute) =>
    Array.from({ length: customers }, (_, customer) => canonical(new Date(Date.UTC(2026, 2, 1, 0, minute)).toISOString(), { type: 'page_viewed' }, { customerId: `c-${customer}` })),
  ).flat();

describe('ingestAll', () => {
  it('queues what the budget leaves unstored, each customer’s events together and in order, and counts them accepted', async () => {
    // Arrange: time for two transactions.
    const { deps, retryQueue, deferredIds } = harness();
    const events = traffic(3, 60);
    let started = 0;
    // Act
    const outcomes = await ingestAll(events, { ...deps, budget: () => (started += 1) <= 2 });
    // Assert
    const stored = events.filter((_, index) => outcomes[index] === 'stored');
    const deferred = events.filter((_, index) => outcomes[index] === 'deferred');
    expect(stored).toHaveLength(2 * MAX_EVENTS_PER_COMMIT);
    expect(stored.length + deferred.length).toBe(events.length);
    expect(deferredIds().sort()).toEqual(deferred.map((event) => event.eventId).sort());
    for (const customer of ['c-0', 'c-1', 'c-2']) {
      const theirs = deferred.filter((event) => event.customerId === customer).map((event) => event.eventId);
      expect(deferredIds().filter((id) => theirs.includes(id))).toEqual(theirs);
    }
    expect(retryQueue.sent.every(({ message }) => message.version === 2 && message.events.length <= 100 && message.firstError === undefined)).toBe(true);
  });

  it('queues a customer’s events from the run whose write failed, with the error, and stores the other customers', async () => {
    // Arrange
    const store = new InMemoryProfileStore();
    const commit = store.commitEvent.bind(store);
    store.commitEvent = async (prepared) => {
      if (prepared.profile.ref.id === 'c-1') throw Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' });
      return commit(prepared);
    };
    const { deps, retryQueue } = harness(store);
    const events = traffic(2, 3);
    // Act
    const outcomes = await ingestAll(events, deps);
    // Assert
    expect(events.map((event, index) => [event.customerId, outcomes[index]])).toEqual([
      ['c-0', 'stored'], ['c-1', 'deferred'], ['c-0', 'stored'], ['c-1', 'deferred'], ['c-0', 'stored'], ['c-1', 'deferred'],
    ]);
    expect(retryQueue.sent).toEqual([{ message: { version: 2, events: events.filter((event) => event.customerId === 'c-1'), firstError: 'ProvisionedThroughputExceededException: Throughput exceeds the current capacity' } }]);
  });

  it('stores everything without a budget, one transaction per run of a customer’s events', async () => {
    // Arrange
    const store = new InMemoryProfileStore();
    const { deps, retryQueue } = harness(store);
    // Act
    const outcomes = await ingestAll(traffic(10, 100), deps);
    // Assert
    expect(outcomes.every((outcome) => outcome === 'stored')).toBe(true);
    expect(store.commits).toHaveLength(10 * Math.ceil(100 / MAX_EVENTS_PER_COMMIT));
    expect(retryQueue.sent).toEqual([]);
  });
});
