import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, fixtureText } from '../../support/fixtures.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';
import { postCafe24, postShopify } from '../../support/webhooks.js';

/**
 * Request shapes that answered 500 (or were "accepted, deferred" and then dead-lettered)
 * although the fault was the client's: each is a 4xx naming the field now, or, where the
 * platform's payload is legitimately odd, stored.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const LONG = 'x'.repeat(3000);
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
let sequence = 0;
const track = (event: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  messageId: `hostile-${(sequence += 1)}`,
  userId: 'hostile-1',
  timestamp: '2026-03-01T10:00:00+09:00',
  event,
  properties,
  ...extra,
});
const product = (overrides: Record<string, unknown> = {}) => ({ product_id: 'p-1', name: '토너', price: 1000, quantity: 1, ...overrides });
const shopifyOrder = (change: (order: Record<string, any>) => void) => {
  const order = JSON.parse(fixtureText('shopify/orders_create.devstore.body.json'));
  change(order);
  return JSON.stringify(order);
};
const cafe24 = (name: string, change: (body: Record<string, any>) => void) => {
  const body = fixture(`cafe24/${name}`);
  change(body);
  return JSON.stringify(body);
};
const rawEvents = (body: string) => app.request('/v1/events', { method: 'POST', body, headers: { 'content-type': 'application/json' } });

/** The field the 400 names, or for a body refused before parsing its error code. */
type Case = [name: string, send: () => Promise<Response>, status: number, field: string];

const cases: Case[] = [
  ['Product Added with currency "euro"', () => app.postEvents(track('Product Added', { ...product(), currency: 'euro' })), 400, 'properties.currency'],
  ['Product Added with currency "usd1"', () => app.postEvents(track('Product Added', { ...product(), currency: 'usd1' })), 400, 'properties.currency'],
  ['an order whose price × quantity overflows', () => app.postEvents(track('Order Completed', { order_id: 'o-1', products: [product({ price: 1e308, quantity: 10 })] })), 400, 'properties.products[0].price'],
  ['a line worth more than an amount can be', () => app.postEvents(track('Order Completed', { order_id: 'o-1', products: [product({ price: 1e12, quantity: 10_000 })] })), 400, 'properties.products[0].price'],
  ['a checkout whose price × quantity overflows', () => app.postEvents(track('Checkout Started', { products: [product({ price: 1e308, quantity: 10 })] })), 400, 'properties.products[0].price'],
  ['JSON nested 5,000 deep', () => rawEvents(`{"type":"track","messageId":"deep","userId":"u","event":"X","properties":{"a":${nested(5000)}}}`), 400, 'too_deep'],
  ['a trait nested deeper than 8 levels', () => rawEvents(`{"type":"identify","messageId":"deep-trait","userId":"u","traits":{"a":${nested(10)}}}`), 400, 'traits.a'],
  ['a 3,000-character userId', () => app.postEvents(track('Viewed', {}, { userId: LONG })), 400, 'userId'],
  ['a userId of 1,000 Hangul syllables (3,000 bytes)', () => app.postEvents(track('Viewed', {}, { userId: '가'.repeat(1000) })), 400, 'userId'],
  ['a 3,000-character anonymousId', () => app.postEvents({ type: 'page', messageId: 'anon-long', anonymousId: LONG }), 400, 'anonymousId'],
  ['a 3,000-character order_id', () => app.postEvents(track('Order Completed', { order_id: LONG, total: 1 })), 400, 'properties.order_id'],
  ['a 3,000-character product_id', () => app.postEvents(track('Product Added', product({ product_id: LONG }))), 400, 'properties.product_id'],
  ['a 3,000-character cart_id', () => app.postEvents(track('Product Added', { ...product(), cart_id: LONG })), 400, 'properties.cart_id'],
  ['Shopify order with currency "usd1"', () => postShopify(app, 'orders/create', shopifyOrder((order) => (order['currency'] = 'usd1'))), 400, 'currency'],
  ['Shopify order with currency "euro"', () => postShopify(app, 'orders/create', shopifyOrder((order) => (order['currency'] = 'euro'))), 400, 'currency'],
  ['Shopify line whose price × quantity overflows', () => postShopify(app, 'orders/create', shopifyOrder((order) => (order['line_items'] = [{ id: 1, title: 't', price: '1e308', quantity: 10 }]))), 400, 'line_items[0].price'],
  ['Shopify order id of 3,000 characters', () => postShopify(app, 'orders/create', shopifyOrder((order) => (order['id'] = LONG))), 400, 'id'],
  ['Shopify customer id of 3,000 characters', () => postShopify(app, 'orders/create', shopifyOrder((order) => (order['customer'].id = LONG))), 400, 'customer.id'],
  ['Shopify JSON nested 5,000 deep', () => postShopify(app, 'orders/create', `{"id":1,"x":${nested(5000)}}`), 400, 'too_deep'],
  ['Shopify topic header of 3,000 characters', () => postShopify(app, LONG, '{}'), 400, 'headers.x-shopify-topic'],
  ['Shopify webhook id header of 3,000 characters', () => postShopify(app, 'shop/update', '{}', { webhookId: LONG }), 400, 'headers.x-shopify-webhook-id'],
  ['Cafe24 order with currency "usd1"', () => postCafe24(app, cafe24('90023_OnOrderReceived.json', (body) => (body['resource'].currency = 'usd1'))), 400, 'resource.currency'],
  ['Cafe24 member id of 3,000 characters', () => postCafe24(app, cafe24('90023_OnOrderReceived.json', (body) => (body['resource'].member_id = LONG))), 400, 'resource.member_id'],
  ['Cafe24 dormant member list with a 3,000-character id', () => postCafe24(app, cafe24('90145_OnMemberBecameDormant.json', (body) => (body['resource'].member_id = LONG))), 400, 'resource.member_id'],
  ['Cafe24 JSON nested 5,000 deep', () => postCafe24(app, `{"event_no":90143,"resource":{"member_id":"a","x":${nested(5000)}}}`), 400, 'too_deep'],
  ['a malformed %-escape in a path', () => app.request('/v1/customers/%E0%A4%A'), 400, 'Bad Request'],
  ['a lone % in a path', () => app.request('/v1/customers/%'), 400, 'Bad Request'],
  ['a malformed %-escape in a webhook path', () => fetch(`${app.url}/webhooks/cafe24/%E0%A4%A`, { method: 'POST', body: '{}' }), 400, 'Bad Request'],
  ['GET a customer id of 3,000 characters', () => app.request(`/v1/customers/${LONG}`), 400, 'customerId'],
  ['GET a customer id of 1,000 Hangul syllables', () => app.request(`/v1/customers/${encodeURIComponent('가'.repeat(1000))}`), 400, 'customerId'],
  ['GET a rule id of 3,000 characters', () => app.request(`/v1/rules/${LONG}`), 400, 'ruleId'],
  ['GET the versions of a rule id of 3,000 characters', () => app.request(`/v1/rules/${LONG}/versions`), 400, 'ruleId'],
  ['POST a test of a rule id of 3,000 characters', () => app.request(`/v1/rules/${LONG}/test`, { method: 'POST', json: { profile: {} } }), 400, 'ruleId'],
  ['a settings body nested 5,000 deep', () => app.request('/v1/settings', { method: 'PUT', body: `{"a":${nested(5000)}}`, headers: { 'content-type': 'application/json' } }), 400, 'too_deep'],
];

describe('hostile request shapes', () => {
  it.each(cases)('%s → a 4xx naming the field', async (_name, send, status, field) => {
    // Act
    const response = await send();
    const body = await bodyOf(response);
    // Assert
    expect(response.status).toBe(status);
    // API Gateway's own refusals carry only a message; the functions' name the field (or the body's problem).
    const named = body.issues ? body.issues.map((issue: { path: string }) => issue.path) : [body.error ?? body.message];
    expect(named).toContain(field);
  });

  it('stores a Shopify line item with an empty title (a custom item) instead of answering 500', async () => {
    // Arrange
    const body = shopifyOrder((order) => {
      order['id'] = 777001;
      order['customer'].id = 777002;
      order['line_items'] = [{ title: '', price: '5.00', quantity: 2 }];
    });
    // Act
    const response = await postShopify(app, 'orders/create', body);
    // Assert
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toMatchObject({ stored: 1, deferred: 0 });
    expect(await app.customer('777002')).toMatchObject({ orderCount: 1 });
  });

  it('normalises a currency code\'s case and blanks ("krw ") instead of answering 500', async () => {
    // Act
    const response = await app.postEvents(track('Product Added', { ...product(), currency: 'krw ' }, { userId: 'hostile-currency' }));
    // Assert
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toMatchObject({ accepted: 1, deferred: 0 });
    expect((await app.customer('hostile-currency'))?.['cart']).toMatchObject({ currency: 'KRW', value: 1000 });
  });
});
