import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const toner = { product_id: 'p-1', name: '토너', category: 'cosmetics', price: 15000, quantity: 1 };
const messagesFor = (userId: string) => {
  const track = (id: string, timestamp: string, event: string, properties: Record<string, unknown>) => ({ type: 'track', messageId: id, userId, timestamp, event, properties });
  return [
    { type: 'page', messageId: 'm1', userId, timestamp: '2026-03-01T10:00:00+09:00', properties: { path: '/' } },
    { type: 'page', messageId: 'm2', userId, timestamp: '2026-03-01T10:29:00+09:00', properties: { path: '/p/1' } },
    { type: 'page', messageId: 'm3', userId, timestamp: '2026-03-01T11:30:00+09:00', properties: { path: '/p/2' } },
    track('m4', '2026-03-01T11:31:00+09:00', 'Product Added', toner),
    track('m5', '2026-03-01T11:40:00+09:00', 'Order Completed', { order_id: 'o-1', total: 15000, products: [toner] }),
    track('m6', '2026-03-05T09:00:00+09:00', 'Product Added', toner),
    { type: 'identify', messageId: 'm7', userId, timestamp: '2026-03-02T09:00:00+09:00', traits: { name: '정하늘', grade: 'silver' } },
    { type: 'identify', messageId: 'm8', userId, timestamp: '2026-03-06T09:00:00+09:00', traits: { grade: 'gold' } },
    track('m9', '2026-03-10T09:00:00+09:00', 'Order Completed', { order_id: 'o-2', total: 30000, products: [toner] }),
    track('m10', '2026-03-11T09:00:00+09:00', 'Order Cancelled', { order_id: 'o-2' }),
  ];
};

describe('profiles on the real stack', () => {
  it('come out the same for shuffled, repeated deliveries split into batches', async () => {
    // Arrange
    const deliveries = fc.sample(
      fc.tuple(fc.shuffledSubarray(messagesFor('x'), { minLength: 10 }), fc.shuffledSubarray(messagesFor('x'), { minLength: 0, maxLength: 4 }), fc.integer({ min: 1, max: 5 })),
      { numRuns: 4, seed: 11 },
    );
    // Act
    const profiles = [];
    for (const [index, [ordered, repeats, batchSize]] of deliveries.entries()) {
      const userId = `indep-${index}`;
      // Message ids are unique per message, so each customer gets its own.
      const messages = [...ordered, ...repeats].map((message) => ({ ...message, userId, messageId: `${userId}-${message.messageId}` }));
      for (let start = 0; start < messages.length; start += batchSize) await app.postEvents({ batch: messages.slice(start, start + batchSize) });
      const { customerId: _id, ...profile } = (await app.customer(userId))!;
      profiles.push(profile);
    }
    // Assert
    for (const profile of profiles) expect(profile).toEqual(profiles[0]);
    expect(profiles[0]).toMatchObject({ visitCount: 4, orderCount: 1, totalSpent: 15000, traits: { name: '정하늘', grade: 'gold' }, cart: { items: [] } });
  });

  it('stay consistent when one customer’s events arrive concurrently', async () => {
    // Arrange
    const messages = messagesFor('concurrent-1').map((message) => ({ ...message, messageId: `c1-${message.messageId}` }));
    // Act
    await Promise.all(messages.map((message) => app.postEvents(message)));
    // Assert
    expect(await app.customer('concurrent-1')).toMatchObject({ visitCount: 4, orderCount: 1, totalSpent: 15000 });
  });
});
