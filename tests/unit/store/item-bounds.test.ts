import { describe, expect, it } from 'vitest';
import type { CanonicalEvent, CanonicalEventInput, LineItem } from '../../../lib/events/canonical-event.js';
import { ingestEvent } from '../../../lib/ingest/ingest-event.js';
import type { CommitOutcome, EventCommit } from '../../../lib/profiles/profile-store.js';
import { eventItem, profileAttributes } from '../../../lib/store/dynamo-profile-store.js';
import { PROFILE_SK } from '../../../lib/store/keys.js';
import { MAX_CATEGORY_BYTES, MAX_ID_BYTES, MAX_LINE_ITEMS, MAX_TEXT_BYTES, MAX_TRAIT_BYTES, MAX_TRAIT_NAME_BYTES, MAX_TRAITS, PROFILE_BOUNDS } from '../../../lib/validation/bounds.js';
import { canonical } from '../../support/canonical-events.js';
import { dynamoItemBytes } from '../../support/dynamo-item-size.js';
import { InMemoryProfileStore } from '../../support/in-memory-profile-store.js';

/** Remembers the items the DynamoDB adapter would write for the last commit. */
class MeasuringStore extends InMemoryProfileStore {
  last?: EventCommit;
  override async commitEvent(commit: EventCommit): Promise<CommitOutcome> {
    this.last = commit;
    return super.commitEvent(commit);
  }
  itemBytes() {
    const { profile } = this.last!;
    const now = new Date('2026-06-01T00:00:00Z');
    const profileItem = { pk: 'x'.repeat(MAX_ID_BYTES * 3 + 80), sk: PROFILE_SK, ...profileAttributes(profile, 1, now.toISOString()) };
    return { profile: dynamoItemBytes(profileItem), event: dynamoItemBytes(eventItem(profile.ref, this.last!.events.at(-1)!, now, 180)) };
  }
}

const KB = 1024;
const BASE = Date.parse('2026-01-01T00:00:00Z');
const at = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();
/** Text of exactly `bytes` UTF-8 bytes, unique by `tag` (3-byte Hangul, so characters are not what is counted). */
const text = (tag: string | number, bytes: number) => {
  const head = `${tag}-`;
  return head + '가'.repeat(Math.floor((bytes - head.length) / 3)) + 'x'.repeat((bytes - head.length) % 3);
};
const longestLine = (index: number): LineItem => ({
  productId: text(`p${index}`, MAX_ID_BYTES),
  variantId: text(`v${index}`, MAX_ID_BYTES),
  name: text(`n${index}`, MAX_TEXT_BYTES),
  category: text(`c${index}`, MAX_CATEGORY_BYTES),
  price: 999_999_999.99,
  quantity: 999_999,
});

const CUSTOMER = text('customer', MAX_ID_BYTES);
let minute = 0;
const event = (body: Record<string, unknown>, overrides: Partial<CanonicalEventInput> = {}): CanonicalEvent =>
  canonical(at((minute += 31)), body as never, { customerId: CUSTOMER, ...overrides });

/**
 * Everything a client can put on one profile within the bounds: the most traits of the
 * largest size, the longest cart, the most orders with the most categories, the most visits
 * and linked anonymous ids, every consent — each id, name and category as long as allowed.
 */
const largestProfileEvents = (): CanonicalEvent[] => [
  ...Array.from({ length: 2 }, (_, round) =>
    event({
      type: 'profile_updated',
      traits: Object.fromEntries(Array.from({ length: MAX_TRAITS }, (_, index) => [text(`t${round}-${index}`, MAX_TRAIT_NAME_BYTES), text(round, MAX_TRAIT_BYTES - 2)])),
      consent: (['alimtalk', 'brand_message', 'sms', 'email', 'webhook'] as const).flatMap((channel) => (['info', 'ad', 'night'] as const).map((purpose) => ({ channel, purpose, state: 'granted' as const }))),
    }),
  ),
  ...Array.from({ length: PROFILE_BOUNDS.orders + 5 }, (_, index) =>
    event({
      type: 'order_placed',
      order: { orderId: text(`o${index}`, MAX_ID_BYTES), value: 1e15, currency: 'KRW', items: Array.from({ length: PROFILE_BOUNDS.orderCategories + 2 }, (_, line) => ({ ...longestLine(line), price: 1, quantity: 1 })) },
    }),
  ),
  ...Array.from({ length: PROFILE_BOUNDS.anonymousIds + 10 }, (_, index) => event({ type: 'page_viewed' }, { anonymousId: text(`anon${index}`, MAX_ID_BYTES) })),
  ...Array.from({ length: PROFILE_BOUNDS.visits + 50 }, () => event({ type: 'page_viewed' })),
  // Last: an order empties the cart.
  ...Array.from({ length: PROFILE_BOUNDS.cartLines + PROFILE_BOUNDS.cartChanges + 10 }, (_, index) => event({ type: 'cart_updated', cart: { mode: 'add', token: text('cart', MAX_ID_BYTES), items: [longestLine(index)] } })),
];

describe('the largest items a client can force', () => {
  it('keeps the profile item under 200 KB, a page view\'s event item under 140 KB and any event item under 300 KB, whatever the history', async () => {
    // Arrange
    const store = new MeasuringStore();
    for (const history of largestProfileEvents()) await ingestEvent(history, store);
    const afterHistory = store.itemBytes();
    // Act: the same history again with new ids, then a page view of 65 bytes, then the largest checkout (its lines are kept in the event and in the cart)
    for (const history of largestProfileEvents()) await ingestEvent(history, store);
    await ingestEvent(event({ type: 'page_viewed', page: { path: '/' } }), store);
    const pageView = store.itemBytes();
    const lines = Array.from({ length: MAX_LINE_ITEMS }, (_, index) => ({ ...longestLine(index), price: 1, quantity: 1 }));
    await ingestEvent(event({ type: 'checkout_started', checkout: { token: text('largest', MAX_ID_BYTES), cartToken: text('cart', MAX_ID_BYTES), value: 1e15, currency: 'KRW', items: lines } }), store);
    const largestEvent = store.itemBytes();
    // Assert
    console.info(
      `largest profile item ${kb(pageView.profile)} (${kb(afterHistory.profile)} after half the history); a page view's event item ${kb(pageView.event)}; the largest checkout's ${kb(largestEvent.event)}`,
    );
    expect(pageView.profile).toBeLessThan(200 * KB);
    expect(pageView.profile).toBeLessThanOrEqual(afterHistory.profile * 1.01);
    expect(pageView.event).toBeLessThan(140 * KB);
    expect(largestEvent.event).toBeLessThan(300 * KB);
  });
});

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
