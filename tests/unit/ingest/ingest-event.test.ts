import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestEvent, ingestEvents, MAX_EVENTS_PER_COMMIT, type IngestOutcome } from '../../../lib/ingest/ingest-event.js';
import { customerRef, visitorRef } from '../../../lib/profiles/profile-ref.js';
import { toProfileView } from '../../../lib/profiles/profile-view.js';
import type { CanonicalEvent } from '../../../lib/events/canonical-event.js';
import { MAX_TRAITS, PROFILE_BOUNDS } from '../../../lib/validation/bounds.js';
import { canonical } from '../../support/canonical-events.js';
import { customerEvents, deliveryOf } from '../../support/event-arbitraries.js';
import { InMemoryProfileStore } from '../../support/in-memory-profile-store.js';

const viewOf = async (store: InMemoryProfileStore, workspace: string, customerId: string) => {
  const stored = await store.getProfile(customerRef(workspace, customerId));
  return stored && toProfileView({ workspace, customerId, anonymous: false }, stored.state, stored.tags);
};

const ingestAll = async (events: CanonicalEvent[]) => {
  const store = new InMemoryProfileStore();
  const outcomes = [];
  for (const event of events) outcomes.push(await ingestEvent(event, store));
  return { store, outcomes };
};

describe('ingestEvent', () => {
  it('yields the same profile for any delivery order and any number of retries', async () => {
    await fc.assert(
      fc.asyncProperty(
        customerEvents('c-9', 'ws-a').chain((events) => fc.tuple(fc.constant(events), deliveryOf(events))),
        async ([events, delivery]) => {
          // Arrange
          const inOrder = await ingestAll(events);
          // Act
          const shuffled = await ingestAll(delivery);
          // Assert
          expect(await viewOf(shuffled.store, 'ws-a', 'c-9')).toEqual(await viewOf(inOrder.store, 'ws-a', 'c-9'));
          expect(shuffled.outcomes.filter((outcome) => outcome === 'stored')).toHaveLength(events.length);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });

  it('reports a redelivered event as a duplicate and changes nothing', async () => {
    // Arrange
    const order = canonical('2026-03-01T10:00:00Z', { type: 'order_placed', order: { orderId: 'o-1', value: 30000 } });
    const { store } = await ingestAll([order]);
    const before = await store.getProfile(customerRef('ws-test', 'c-1'));
    // Act
    const outcome = await ingestEvent(structuredClone(order), store);
    // Assert
    expect(outcome).toBe('duplicate');
    expect(await store.getProfile(customerRef('ws-test', 'c-1'))).toEqual(before);
  });

  it('merges an anonymous visitor into the customer once the two are linked', async () => {
    // Arrange
    const browse = canonical('2026-03-01T10:00:00Z', { type: 'page_viewed' }, { customerId: undefined, anonymousId: 'anon-1' });
    const cart = canonical('2026-03-01T10:05:00Z', { type: 'cart_updated', cart: { mode: 'add', items: [{ productId: 'p1', price: 15000, quantity: 1 }] } }, { customerId: undefined, anonymousId: 'anon-1' });
    const login = canonical('2026-03-01T10:10:00Z', { type: 'logged_in' }, { customerId: 'c-1', anonymousId: 'anon-1' });
    const later = canonical('2026-03-02T09:00:00Z', { type: 'page_viewed' }, { customerId: undefined, anonymousId: 'anon-1' });
    // Act
    const { store } = await ingestAll([browse, cart, login, later]);
    // Assert
    const customer = await viewOf(store, 'ws-test', 'c-1');
    expect(customer).toMatchObject({ isMember: true, visitCount: 2, anonymousIds: ['anon-1'] });
    expect(customer?.cart?.items).toHaveLength(1);
    expect((await store.getProfile(visitorRef('ws-test', 'anon-1')))?.mergedInto).toBe('c-1');
  });

  it(`links at most ${PROFILE_BOUNDS.anonymousIds} anonymous ids to a customer, and still stores the customer's later events`, async () => {
    // Arrange
    const visits = Array.from({ length: PROFILE_BOUNDS.anonymousIds + 1 }, (_, index) =>
      canonical(`2026-03-01T10:${String(index).padStart(2, '0')}:00Z`, { type: 'page_viewed' }, { anonymousId: `anon-${index}` }),
    );
    // Act
    const { store, outcomes } = await ingestAll(visits);
    // Assert
    expect(outcomes.every((outcome) => outcome === 'stored')).toBe(true);
    expect((await viewOf(store, 'ws-test', 'c-1'))?.anonymousIds).toHaveLength(PROFILE_BOUNDS.anonymousIds);
    expect(await store.resolveAnonymousId('ws-test', `anon-${PROFILE_BOUNDS.anonymousIds}`)).toBeUndefined();
    expect((await viewOf(store, 'ws-test', 'c-1'))?.visitCount).toBe(1);
  });

  it(`refuses, when asked to, an event whose new traits would take the profile past ${MAX_TRAITS}, and stores it otherwise`, async () => {
    // Arrange
    const traits = (prefix: string, count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index}`, index]));
    const first = canonical('2026-03-01T10:00:00Z', { type: 'profile_updated', traits: traits('a', 40), consent: [] });
    const second = canonical('2026-03-01T10:01:00Z', { type: 'profile_updated', traits: { ...traits('a', 5), ...traits('b', 11) }, consent: [] });
    const { store } = await ingestAll([first]);
    // Act
    const refused = await ingestEvent(second, store, { refuseTraitsPastBound: true });
    const stored = await ingestEvent(second, store);
    // Assert
    expect(refused).toEqual({ refused: [{ path: 'traits', message: expect.stringContaining('the profile keeps 40 traits and this adds 11 new ones') }] });
    expect(stored).toBe('stored');
    expect(Object.keys((await viewOf(store, 'ws-test', 'c-1'))!.traits)).toHaveLength(MAX_TRAITS);
  });
});

/** All events of one profile through ingestEvents at once; outcomes by position. */
const ingestTogether = async (events: CanonicalEvent[], store = new InMemoryProfileStore(), canStart?: () => boolean) => {
  const outcomes: Array<IngestOutcome | undefined> = new Array(events.length);
  await ingestEvents(events, store, (index, outcome) => (outcomes[index] = outcome), canStart);
  return { store, outcomes };
};

describe('ingestEvents', () => {
  it('stores a run of events as one event at a time would: the same profile, and each event with the profile as of it', async () => {
    await fc.assert(
      fc.asyncProperty(customerEvents('c-9', 'ws-a'), async (events) => {
        // Arrange
        const oneByOne = await ingestAll(events);
        // Act
        const together = await ingestTogether(events);
        // Assert
        expect(await viewOf(together.store, 'ws-a', 'c-9')).toEqual(await viewOf(oneByOne.store, 'ws-a', 'c-9'));
        expect(together.store.views).toEqual(oneByOne.store.views);
        expect(together.outcomes).toEqual(oneByOne.outcomes);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('writes up to a transaction’s worth of events per commit', async () => {
    // Arrange
    const events = Array.from({ length: 1000 }, (_, index) => canonical(new Date(Date.UTC(2026, 2, 1, 0, index)).toISOString(), { type: 'page_viewed' }));
    // Act
    const { store, outcomes } = await ingestTogether(events);
    // Assert
    expect(outcomes.every((outcome) => outcome === 'stored')).toBe(true);
    expect(store.commits.map((commit) => commit.length)).toEqual([...Array.from({ length: 20 }, () => MAX_EVENTS_PER_COMMIT), 1000 - 20 * MAX_EVENTS_PER_COMMIT]);
  });

  it('reports events stored before as duplicates, a repeat within the run too, and stores the rest', async () => {
    // Arrange
    const [first, second, third] = ['2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z', '2026-03-01T12:00:00Z'].map((at) => canonical(at, { type: 'page_viewed' }));
    const { store } = await ingestTogether([second!]);
    // Act
    const { outcomes } = await ingestTogether([first!, second!, third!, structuredClone(third!)], store);
    // Assert
    expect(outcomes).toEqual(['stored', 'duplicate', 'stored', 'duplicate']);
    expect((await viewOf(store, 'ws-test', 'c-1'))?.visitCount).toBe(3);
  });

  it('leaves the events it was not allowed to start for the caller', async () => {
    // Arrange
    const events = Array.from({ length: 100 }, (_, index) => canonical(new Date(Date.UTC(2026, 2, 1, 0, index)).toISOString(), { type: 'page_viewed' }));
    let transactions = 0;
    // Act
    const { outcomes } = await ingestTogether(events, undefined, () => (transactions += 1) <= 1);
    // Assert
    expect(outcomes.filter((outcome) => outcome === 'stored')).toHaveLength(MAX_EVENTS_PER_COMMIT);
    expect(outcomes.slice(MAX_EVENTS_PER_COMMIT).every((outcome) => outcome === undefined)).toBe(true);
  });
});

