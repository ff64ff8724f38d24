import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';
import { postShopify, shopifyFixture } from '../../support/webhooks.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const scanTable = async () => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await app.runtime.dynamo.send(new ScanCommand({ TableName: app.runtime.config.tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.map((item) => JSON.stringify(item));
};

const customer = (id: string, email: string, name: string, createdAt: string) =>
  shopifyFixture('customers_create.devstore.body.json')
    .replaceAll('5747017285820', id)
    .replaceAll('anuraj@rudderstack.com', email)
    .replaceAll('Anuraj', name)
    .replace('"created_at":"2021-12-29T15:15:19+05:30"', `"created_at":"${createdAt}"`);

describe('erasure', () => {
  it('leaves nothing of the customer in the table, only a receipt without personal data', async () => {
    // Arrange  (a customer with a profile, events, a linked anonymous cart and an order)
    const order = shopifyFixture('orders_create.devstore.body.json');
    await postShopify(app, 'carts/create', shopifyFixture('carts_create.devstore.body.json').replaceAll('shopify_test3', 'Z2NwLXVzLWVhc3QxOjAxSkJaTUVRSjgzNUJUN1BTNjEzRFdRUFFQ'));
    await postShopify(app, 'checkouts/create', shopifyFixture('checkouts_create.devstore.body.json'));
    await postShopify(app, 'orders/create', order);
    await app.postEvents({ type: 'identify', messageId: 'erase-1', userId: '7358220173425', anonymousId: 'browser-77', traits: { phone: '010-9876-5432', name: 'Henry Wolf' } });
    await app.drain();
    const pii = ['7358220173425', 'henry@wfls.com', '010-9876-5432', 'Henry Wolf', 'browser-77'];
    expect((await scanTable()).filter((item) => pii.some((value) => item.includes(value))).length).toBeGreaterThan(5);
    // Act
    const response = await postShopify(app, 'customers/redact', JSON.stringify({ shop_id: 954889, shop_domain: 'retain-test.myshopify.com', customer: { id: 7358220173425, email: 'henry@wfls.com' }, orders_to_redact: [5778367414385] }));
    await app.drain();
    // Assert
    expect(await bodyOf(response)).toMatchObject({ erasures: 1 });
    expect(await app.customer('7358220173425')).toBeUndefined();
    const leftovers = (await scanTable()).filter((item) => pii.some((value) => item.includes(value)) || item.includes('Z2NwLXVzLWVhc3QxOjAxSkJaTUVRSjgzNUJUN1BTNjEzRFdRUFFQ'));
    expect(leftovers).toEqual([]);
    const receipts = await bodyOf(await app.request('/v1/erasures'));
    expect(receipts.receipts).toEqual([expect.objectContaining({ source: 'shopify customers/redact', itemsDeleted: expect.any(Number) })]);
    expect(receipts.receipts[0].itemsDeleted).toBeGreaterThan(5);
  });

  it('refuses late retries from before the erasure, and starts a fresh profile on re-signup', async () => {
    // Arrange
    const original = customer('900000010', 'mina@example.kr', 'Mina', '2026-03-01T10:00:00+09:00');
    await postShopify(app, 'customers/create', original, { webhookId: 'signup-1' });
    await postShopify(app, 'customers/delete', JSON.stringify({ id: 900000010 }), { triggeredAt: '2026-03-05T10:00:00+09:00' });
    await app.drain();
    // Act
    const lateRetry = await postShopify(app, 'customers/update', original, { webhookId: 'update-late' });
    const afterLateRetry = await app.customer('900000010');
    const resignup = await postShopify(app, 'customers/create', customer('900000010', 'mina.new@example.kr', 'Mina', '2026-04-01T10:00:00+09:00'), { webhookId: 'signup-2' });
    // Assert
    expect(await bodyOf(lateRetry)).toMatchObject({ stored: 0, refused: 1 });
    expect(afterLateRetry).toBeUndefined();
    expect(await bodyOf(resignup)).toMatchObject({ stored: 1 });
    expect(await app.customer('900000010')).toMatchObject({ signupAt: '2026-04-01T01:00:00.000Z', traits: { email: 'mina.new@example.kr' }, orderCount: 0 });
  });

  it('erases a customer on a Segment "Account Deleted" track', async () => {
    // Arrange
    await app.postEvents({ type: 'identify', messageId: 'seg-erase-1', userId: 'seg-77', traits: { email: 'seg77@example.kr' }, timestamp: '2026-03-01T10:00:00Z' });
    // Act
    const response = await app.postEvents({ type: 'track', messageId: 'seg-erase-2', userId: 'seg-77', event: 'Account Deleted', timestamp: '2026-03-02T10:00:00Z' });
    await app.drain();
    // Assert
    expect(await bodyOf(response)).toMatchObject({ accepted: 1 });
    expect(await app.customer('seg-77')).toBeUndefined();
    expect((await scanTable()).some((item) => item.includes('seg77@example.kr'))).toBe(false);
  });
});
