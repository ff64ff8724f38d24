import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';
import { postShopify, shopifyFixture } from '../../support/webhooks.js';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const withCustomer = (body: string, customerId: string) => body.replace(/"customer":\s*\{\s*"id":\s*\d+/, `"customer": {"id": ${customerId}`);

describe('Shopify webhooks', () => {
  it('turns customers/create into a member with marketing consent', async () => {
    // Arrange
    const body = shopifyFixture('customers_create.devstore.body.json');
    // Act
    const response = await postShopify(app, 'customers/create', body);
    // Assert
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual({ stored: 1, duplicates: 0, deferred: 0, erasures: 0, refused: 0 });
    expect(await app.customer('5747017285820')).toMatchObject({
      isMember: true,
      signupAt: '2021-12-29T09:45:19.000Z',
      traits: { email: 'anuraj@rudderstack.com', phone: '+919876543210', firstName: 'Anuraj', lastName: 'Guha', name: 'Anuraj Guha', currency: 'INR' },
      consent: { sms: { ad: { state: 'denied', source: 'shopify' } }, email: { ad: { state: 'denied', source: 'shopify' } } },
    });
  });

  it('keeps customer ids above 2^53 exact', async () => {
    // Arrange
    const body = shopifyFixture('customers_create.official_sample.json');
    // Act
    await postShopify(app, 'customers/create', body);
    // Assert
    expect(await app.customer('706405506930370084')).toMatchObject({ customerId: '706405506930370084', traits: { name: 'Bob Biller', email: 'bob@biller.com' } });
    expect(await app.customer('706405506930370080')).toBeUndefined();
  });

  it('joins an anonymous cart and checkout to the order through its tokens, and empties the cart', async () => {
    // Arrange
    const checkout = shopifyFixture('checkouts_create.devstore.body.json');
    const order = shopifyFixture('orders_create.devstore.body.json');
    // Act
    await postShopify(app, 'carts/create', shopifyFixture('carts_create.devstore.body.json'));
    await postShopify(app, 'checkouts/create', checkout);
    const before = await app.customer('7358220173425');
    await postShopify(app, 'orders/create', order);
    // Assert
    expect(before).toBeUndefined();
    expect(await app.customer('7358220173425')).toMatchObject({
      orderCount: 1,
      totalSpent: 600,
      currency: 'USD',
      firstOrderAt: '2024-11-06T02:54:49.000Z',
      anonymousIds: ['shopify-cart:Z2NwLXVzLWVhc3QxOjAxSkJaTUVRSjgzNUJUN1BTNjEzRFdRUFFQ'],
      cart: { items: [], token: 'Z2NwLXVzLWVhc3QxOjAxSkJaTUVRSjgzNUJUN1BTNjEzRFdRUFFQ' },
      visitCount: 2,
    });
  });

  it('counts one order once when orders/create and orders/paid both arrive', async () => {
    // Arrange
    const order = withCustomer(shopifyFixture('orders_create.devstore.body.json'), '900000001');
    // Act
    await postShopify(app, 'orders/create', order);
    await postShopify(app, 'orders/paid', order);
    // Assert
    expect(await app.customer('900000001')).toMatchObject({ orderCount: 1, totalSpent: 600 });
  });

  it('keeps order ids above 2^53 exact: cancelling a neighbouring id cancels nothing', async () => {
    // Arrange  (the fixture's id lost its last digits in JavaScript; put the real one back as text)
    const order = shopifyFixture('order.official_sample.body.json').replace('"id":820982911946154500', '"id":820982911946154508');
    const neighbour = order.replace('"id":820982911946154508', '"id":820982911946154509');
    // Act
    await postShopify(app, 'orders/create', order);
    await postShopify(app, 'orders/cancelled', neighbour);
    const afterNeighbour = await app.customer('115310627314723950');
    await postShopify(app, 'orders/cancelled', order);
    // Assert
    expect(afterNeighbour).toMatchObject({ orderCount: 1, totalSpent: 398 });
    expect(await app.customer('115310627314723950')).toMatchObject({ orderCount: 0, totalSpent: 0 });
    const { Items = [] } = await app.runtime.dynamo.send(new ScanCommand({ TableName: app.runtime.config.tableName }));
    expect(Items.some((item) => String(item['event']).includes('"orderId":"820982911946154508"'))).toBe(true);
  });

  it('ignores a redelivery with the same webhook id and one of the same event id', async () => {
    // Arrange
    const body = shopifyFixture('customers_create.devstore.body.json').replace('5747017285820,', '900000002,');
    await postShopify(app, 'customers/update', body, { webhookId: 'wh-1', eventId: 'ev-1' });
    // Act
    const retry = await postShopify(app, 'customers/update', body, { webhookId: 'wh-1', eventId: 'ev-1' });
    const otherSubscription = await postShopify(app, 'customers/update', body, { webhookId: 'wh-2', eventId: 'ev-1' });
    // Assert
    expect(await bodyOf(retry)).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await bodyOf(otherSubscription)).toMatchObject({ stored: 0, duplicates: 1 });
  });

  it('does not let a late retry roll a profile back', async () => {
    // Arrange
    const update = (name: string, updatedAt: string) =>
      shopifyFixture('customers_create.devstore.body.json').replace('5747017285820,', '900000003,').replace('"first_name":"Anuraj"', `"first_name":"${name}"`).replace('"updated_at":"2021-12-29T15:15:20+05:30"', `"updated_at":"${updatedAt}"`);
    // Act
    await postShopify(app, 'customers/update', update('Newer', '2026-03-02T10:00:00+09:00'));
    await postShopify(app, 'customers/update', update('Older', '2026-03-01T10:00:00+09:00'));
    // Assert
    expect((await app.customer('900000003'))?.['traits']).toMatchObject({ firstName: 'Newer' });
  });

  it('refuses a forged or missing signature with 401 and stores nothing', async () => {
    // Arrange
    const body = shopifyFixture('customers_create.devstore.body.json').replace('5747017285820,', '900000004,');
    // Act
    const forged = await postShopify(app, 'customers/create', body, { secret: 'not-the-secret' });
    const unsigned = await postShopify(app, 'customers/create', body, { headers: { 'x-shopify-hmac-sha256': undefined } });
    const tampered = await postShopify(app, 'customers/create', body, { headers: { 'x-shopify-hmac-sha256': 'AAAA' } });
    // Assert
    expect([forged.status, unsigned.status, tampered.status]).toEqual([401, 401, 401]);
    expect(await app.customer('900000004')).toBeUndefined();
  });

  it('refuses with 401 a webhook signed with the secret but from a shop that is not the workspace\'s, or from no shop', async () => {
    // Arrange: another workspace's shop, whose app shares this workspace's secret, posts here
    const order = shopifyFixture('orders_create.devstore.body.json').replace(/"customer":\s*\{\s*"id":\s*\d+/, '"customer": {"id": 900000005');
    // Act
    const otherShop = await postShopify(app, 'orders/create', order, { headers: { 'x-shopify-shop-domain': 'someone-else.myshopify.com' } });
    const noShop = await postShopify(app, 'orders/create', order, { headers: { 'x-shopify-shop-domain': undefined } });
    // Assert
    expect([otherShop.status, noShop.status]).toEqual([401, 401]);
    expect(await bodyOf(otherShop)).toMatchObject({ error: 'unknown_shop', message: expect.stringContaining('"someone-else.myshopify.com" is not a shop of this workspace') });
    expect(await bodyOf(noShop)).toMatchObject({ error: 'unknown_shop', message: expect.stringContaining('X-Shopify-Shop-Domain is missing') });
    expect(await app.customer('900000005')).toBeUndefined();
  });

  it('lets no other shop erase the workspace\'s customer', async () => {
    // Arrange
    await postShopify(app, 'customers/create', shopifyFixture('customers_create.devstore.body.json').replace('5747017285820,', '900000006,'));
    // Act
    const redact = await postShopify(app, 'customers/redact', JSON.stringify({ shop_id: 1, shop_domain: 'someone-else.myshopify.com', customer: { id: 900000006 }, orders_to_redact: [] }), {
      headers: { 'x-shopify-shop-domain': 'someone-else.myshopify.com' },
    });
    await app.drain();
    // Assert
    expect(redact.status).toBe(401);
    expect(await app.customer('900000006')).toMatchObject({ customerId: '900000006' });
  });

  it('answers 400 naming a missing header, malformed JSON or a missing customer', async () => {
    // Arrange
    const order = shopifyFixture('orders_create.devstore.body.json')
      .replace(/"customer":\s*\{\s*"id":\s*\d+,/, '"customer": {')
      .replace(/"cart_token":\s*"[^"]+",/, '')
      .replace(/"checkout_token":\s*"[^"]+",/, '');
    // Act
    const noTopic = await postShopify(app, 'customers/create', '{}', { headers: { 'x-shopify-topic': undefined, 'x-shopify-webhook-id': undefined } });
    const malformed = await postShopify(app, 'customers/create', '{"id": ');
    const anonymous = await postShopify(app, 'orders/create', order);
    // Assert
    expect(noTopic.status).toBe(400);
    expect((await bodyOf(noTopic)).issues).toEqual([
      { path: 'headers.x-shopify-topic', message: 'required header of a Shopify webhook' },
      { path: 'headers.x-shopify-webhook-id', message: 'required header of a Shopify webhook' },
    ]);
    expect(malformed.status).toBe(400);
    expect((await bodyOf(malformed)).error).toBe('malformed_json');
    expect(anonymous.status).toBe(400);
    expect((await bodyOf(anonymous)).issues[0].path).toBe('customer.id');
  });

  it('answers 200 to a topic Retain does not use and records the delivery', async () => {
    // Arrange + Act
    const response = await postShopify(app, 'products/update', '{"id": 1, "title": "Mug"}', { webhookId: 'wh-products-1' });
    // Assert
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toMatchObject({ stored: 0, ignored: 'topic products/update is not used by Retain' });
    const { Items = [] } = await app.runtime.dynamo.send(new ScanCommand({ TableName: app.runtime.config.tableName, FilterExpression: 'entity = :e', ExpressionAttributeValues: { ':e': 'unhandled-webhook' } }));
    expect(Items).toEqual([expect.objectContaining({ platform: 'shopify', topic: 'products/update', deliveryId: 'wh-products-1' })]);
  });
});
