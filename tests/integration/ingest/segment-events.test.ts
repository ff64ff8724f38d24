import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../support/fixtures.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('POST /v1/events with the Segment fixtures', () => {
  it('builds the profile of the identified customer, linked to their anonymous id', async () => {
    // Arrange
    const messages = ['identify.complete_example.json', 'page.complete_example.json', 'track.common_fields_example.json'].map((name) => fixture(`segment/${name}`));
    // Act
    const response = await app.postEvents({ batch: messages });
    // Assert
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual({ accepted: 3, duplicates: 0, deferred: 0, ignored: 0, rejected: [] });
    expect(await app.customer('97980cfea0067')).toMatchObject({
      customerId: '97980cfea0067',
      traits: { name: 'Peter Gibbons', email: 'peter@example.com', plan: 'premium' },
      anonymousIds: ['507f191e810c19729de860ea'],
      visitCount: 2,
      firstVisitAt: '2015-02-23T22:28:55.111Z',
      lastSeenAt: '2015-12-10T04:08:31.905Z',
      orderCount: 0,
      lastEventAt: '2015-12-10T04:08:31.905Z',
    });
  });

  it('keeps the consent RudderStack forwards from Shopify', async () => {
    // Arrange
    const message = fixture('segment/rudderstack_identify_from_shopify_customers_create.json');
    // Act
    const response = await app.postEvents(message);
    // Assert
    expect(response.status).toBe(200);
    const profile = await app.customer('5747017285820');
    expect(profile?.['traits']).toMatchObject({ email: 'anuraj@rudderstack.com', firstName: 'Anuraj', phone: '+919876543210' });
    expect(profile?.['consent']).toEqual({
      sms: { ad: { state: 'denied', at: '2021-12-29T09:45:20.000Z', source: 'segment' } },
      email: { ad: { state: 'denied', at: '2021-12-29T09:45:20.000Z', source: 'segment' } },
    });
  });

  it('records an order journey in the aggregates', async () => {
    // Arrange
    const track = (messageId: string, timestamp: string, event: string, properties: Record<string, unknown>) => ({ type: 'track', messageId, userId: 'kim-1', timestamp, event, properties });
    const toner = { product_id: 'p-1', name: '토너', category: 'cosmetics', price: 15000, quantity: 2 };
    const batch = [
      { type: 'track', messageId: 'j1', userId: 'kim-1', timestamp: '2026-03-01T10:00:00+09:00', event: 'Signed Up', context: { traits: { name: '김민지', consent: { alimtalk: { ad: true } } } } },
      track('j2', '2026-03-01T10:05:00+09:00', 'Product Added', { ...toner, cart_id: 'cart-1' }),
      track('j3', '2026-03-01T10:09:00+09:00', 'Order Completed', { order_id: 'o-1', total: 30000, currency: 'KRW', products: [toner] }),
      track('j4', '2026-03-31T20:00:00+09:00', 'Order Completed', { order_id: 'o-2', total: 45000, currency: 'KRW', products: [toner] }),
      track('j5', '2026-04-30T20:00:00+09:00', 'Order Completed', { order_id: 'o-3', total: 15000, currency: 'KRW', products: [toner] }),
      track('j6', '2026-05-01T09:00:00+09:00', 'Order Cancelled', { order_id: 'o-3' }),
    ];
    // Act
    const response = await app.postEvents({ batch });
    // Assert
    expect(response.status).toBe(200);
    expect(await app.customer('kim-1')).toMatchObject({
      isMember: true,
      signupAt: '2026-03-01T01:00:00.000Z',
      orderCount: 2,
      totalSpent: 75000,
      currency: 'KRW',
      firstOrderAt: '2026-03-01T01:09:00.000Z',
      lastOrderAt: '2026-03-31T11:00:00.000Z',
      avgOrderIntervalDays: 30.41, // 30 days 9 h 51 min
      lastOrderCategories: ['cosmetics'],
      cart: { items: [], value: 0 },
      consent: { alimtalk: { ad: { state: 'granted' } } },
      visitCount: 3,
    });
  });

  it('changes nothing when the same batch is delivered again', async () => {
    // Arrange
    const batch = [fixture('segment/page.complete_example.json'), fixture('segment/identify.complete_example.json')];
    const before = await app.customer('97980cfea0067');
    // Act
    const response = await app.postEvents({ batch });
    // Assert
    expect(await bodyOf(response)).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await app.customer('97980cfea0067')).toEqual(before);
  });

  it('answers 404 for a customer it has never heard of', async () => {
    // Arrange + Act
    const response = await app.request('/v1/customers/nobody');
    // Assert
    expect(response.status).toBe(404);
    expect(await bodyOf(response)).toMatchObject({ error: 'not_found' });
  });
});
