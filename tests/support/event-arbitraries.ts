import fc from 'fast-check';
import type { CanonicalEvent, LineItem } from '../../lib/events/canonical-event.js';

const BASE = Date.parse('2026-03-01T00:00:00.000Z');
const MINUTE = 60_000;

const lineItem: fc.Arbitrary<LineItem> = fc.record({
  productId: fc.constantFrom('p1', 'p2', 'p3'),
  name: fc.constantFrom('토너', '크림', 'Mug'),
  category: fc.constantFrom('cosmetics', 'kitchen'),
  price: fc.constantFrom(9900, 15000, 32000),
  quantity: fc.integer({ min: 1, max: 3 }),
});

/** Minutes apart chosen so that many events sit near the 30-minute visit boundary. */
const occurredAt = fc
  .integer({ min: 0, max: 60 * 24 * 20 })
  .map((minutes) => new Date(BASE + minutes * MINUTE).toISOString());

const payload = fc.oneof(
  fc.constant({ type: 'page_viewed' as const, page: { path: '/products/1' } }),
  fc.record({ type: fc.constant('signed_up' as const), traits: fc.record({ name: fc.constantFrom('김민지', '이서준') }), consent: fc.constant([]) }),
  fc.record({ type: fc.constant('logged_in' as const), traits: fc.dictionary(fc.constantFrom('dormant'), fc.boolean()) }),
  fc.record({
    type: fc.constant('profile_updated' as const),
    traits: fc.dictionary(fc.constantFrom('name', 'email', 'phone', 'grade'), fc.oneof(fc.string({ maxLength: 4 }), fc.constant(null))),
    consent: fc.constant([]),
  }),
  fc.record({
    type: fc.constant('cart_updated' as const),
    cart: fc.record({ mode: fc.constantFrom('snapshot' as const, 'add' as const, 'remove' as const), items: fc.array(lineItem, { maxLength: 3 }) }),
  }),
  fc.record({
    type: fc.constant('checkout_started' as const),
    checkout: fc.record({ token: fc.constantFrom('c1', 'c2'), items: fc.array(lineItem, { maxLength: 2 }), value: fc.constantFrom(15000, 30000) }),
  }),
  fc.record({
    type: fc.constant('order_placed' as const),
    order: fc.record({ orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4'), value: fc.constantFrom(15000, 42000, 99000), items: fc.array(lineItem, { maxLength: 2 }) }),
  }),
  fc.record({ type: fc.constant('order_cancelled' as const), order: fc.record({ orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4') }) }),
  fc.record({
    type: fc.constant('consent_changed' as const),
    consent: fc.array(
      fc.record({ channel: fc.constantFrom('sms' as const, 'alimtalk' as const), purpose: fc.constantFrom('ad' as const, 'night' as const), state: fc.constantFrom('granted' as const, 'denied' as const) }),
      { minLength: 1, maxLength: 2 },
    ),
  }),
  fc.record({ type: fc.constant('custom' as const), name: fc.constantFrom('Review Written'), properties: fc.constant({}) }),
);

/** How long after its time an event was received: most soon after, some days late, a few (old states) dated ahead. */
const receiptLag = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 60 * 24 * 3 }), fc.integer({ min: -60 * 24, max: 0 })).map((minutes) => minutes * MINUTE);

/** Canonical events of one customer, with unique event ids. */
export const customerEvents = (customerId = 'c-1', workspace = 'ws-prop'): fc.Arbitrary<CanonicalEvent[]> =>
  fc.array(fc.tuple(occurredAt, receiptLag, payload), { minLength: 1, maxLength: 25 }).map((entries) =>
    entries.map(([at, lag, body], index) => ({
      eventId: `e${index}`,
      dedupeKey: `k${index}`,
      workspace,
      customerId,
      occurredAt: at,
      receivedAt: new Date(Date.parse(at) + lag).toISOString(),
      source: 'test',
      ...body,
    }) as CanonicalEvent),
  );

/** A delivery of the same events: shuffled, some of them more than once. */
export const deliveryOf = (events: CanonicalEvent[]): fc.Arbitrary<CanonicalEvent[]> =>
  fc
    .tuple(fc.shuffledSubarray(events, { minLength: 0 }), fc.constant(events))
    .chain(([repeats, all]) => fc.shuffledSubarray([...all, ...repeats], { minLength: all.length + repeats.length }));
