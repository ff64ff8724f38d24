import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';
import { cafe24Fixture, postCafe24, postShopify, shopifyFixture } from '../../support/webhooks.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const TOO_EARLY = '0000-01-01T00:00:00+09:00';
/** Still year 9999 as written, year 10000 in UTC. */
const TOO_LATE = '9999-12-31T23:59:59-09:00';

const issuesOf = async (response: Response) => ({ status: response.status, issues: (await bodyOf(response)).issues });
const naming = (path: string, problem: string) => ({ status: 400, issues: [{ path, message: expect.stringContaining(problem) }] });

describe('event times outside the window are refused at every edge, naming the field', () => {
  it.each([
    ['timestamp', TOO_EARLY, 'is before 1970-01-01T00:00:00.000Z'],
    ['timestamp', TOO_LATE, 'is after 9999-12-31T23:59:59.999Z (UTC)'],
    ['originalTimestamp', TOO_LATE, 'is after 9999-12-31T23:59:59.999Z (UTC)'],
    ['sentAt', TOO_EARLY, 'is before 1970-01-01T00:00:00.000Z'],
    ['timestamp', '1969-07-20T20:17:40Z', 'is before 1970-01-01T00:00:00.000Z'],
    ['timestamp', '2099-01-01T00:00:00Z', 'is 72 years after Retain received the event'],
  ])('POST /v1/events: %s %s', async (field, value, problem) => {
    // Arrange + Act
    const response = await app.postEvents({ type: 'track', messageId: `w-${field}-${value}`, userId: 'window-1', event: 'Review Written', [field]: value });
    // Assert
    expect(await issuesOf(response)).toEqual(naming(field, problem));
  });

  it('POST /v1/events: keeps the good messages of a batch and names the bad time by its index', async () => {
    // Arrange
    const message = (id: string, timestamp: string) => ({ type: 'track', messageId: id, userId: 'window-2', event: 'Review Written', timestamp });
    // Act
    const response = await app.postEvents({ batch: [message('b-1', '2026-11-01T10:00:00+09:00'), message('b-2', TOO_LATE)] });
    // Assert
    expect(response.status).toBe(207);
    expect(await bodyOf(response)).toMatchObject({ accepted: 1, rejected: [{ index: 1, issues: [{ path: 'batch[1].timestamp', message: expect.stringContaining(TOO_LATE) }] }] });
  });

  it.each([
    { topic: 'customers/update', path: 'updated_at', from: '"updated_at":"2021-12-29T15:15:20+05:30"', value: TOO_LATE },
    { topic: 'customers/create', path: 'created_at', from: '"created_at":"2021-12-29T15:15:19+05:30"', value: TOO_EARLY },
    { topic: 'customers/update', path: 'sms_marketing_consent.consent_updated_at', from: '"consent_updated_at":null', value: TOO_LATE },
  ])('Shopify $topic: a 4xx naming $path, not a 500 the platform retries', async ({ topic, path, from, value }) => {
    // Arrange
    const fixture = shopifyFixture('customers_create.devstore.body.json');
    const body = fixture.replace(from, `${from.split(':')[0]}:"${value}"`);
    // Act
    const response = await postShopify(app, topic, body);
    // Assert
    expect(body).toContain(value);
    expect(await issuesOf(response)).toEqual({ status: 400, issues: [{ path, message: expect.stringContaining(value) }] });
  });

  it('Shopify orders/create: a 4xx naming created_at', async () => {
    // Arrange
    const order = JSON.parse(shopifyFixture('orders_create.devstore.body.json'));
    // Act
    const early = await postShopify(app, 'orders/create', JSON.stringify({ ...order, created_at: TOO_EARLY }));
    const ahead = await postShopify(app, 'orders/create', JSON.stringify({ ...order, created_at: '2099-01-01T00:00:00Z', updated_at: null }));
    // Assert
    expect(await issuesOf(early)).toEqual(naming('created_at', 'is before 1970-01-01T00:00:00.000Z'));
    expect(await issuesOf(ahead)).toEqual(naming('created_at', 'is 72 years after Retain received the event'));
  });

  it.each([
    { fixture: '90032_OnNewMemberRegistered.json', path: 'resource.created_date', from: '"created_date": "2020-07-17T15:26:00+09:00"', value: TOO_EARLY, problem: 'is before 1970-01-01T00:00:00.000Z' },
    { fixture: '90023_OnOrderReceived.json', path: 'resource.order_date', from: '"order_date": "2020-07-17T15:28:14+09:00"', value: TOO_LATE, problem: 'is after 9999-12-31T23:59:59.999Z (UTC)' },
    { fixture: '90023_OnOrderReceived.json', path: 'resource.order_date', from: '"order_date": "2020-07-17T15:28:14+09:00"', value: '2099-01-01T09:00:00+09:00', problem: 'is 72 years after Retain received the event' },
    { fixture: '90026_OnOrderCancellationStatusChanged.json', path: 'resource.cancel_date', from: '"cancel_date": null', value: '2099-01-01T09:00:00+09:00', problem: 'is 72 years after Retain received the event' },
  ])('Cafe24 $fixture: a 4xx naming $path ($value)', async ({ fixture, path, from, value, problem }) => {
    // Arrange
    const body = cafe24Fixture(fixture).replace(from, `${from.split(':')[0]}: "${value}"`);
    // Act
    const response = await postCafe24(app, body);
    // Assert
    expect(body).toContain(value);
    expect(await issuesOf(response)).toEqual(naming(path, problem));
  });

  it('Shopify: an X-Shopify-Triggered-At in 2099 does not date an erasure, so later events are not refused as from before it', async () => {
    // Arrange
    await postShopify(app, 'customers/delete', JSON.stringify({ id: 900000201 }), { triggeredAt: '2099-01-01T00:00:00Z' });
    // Act
    const later = await postShopify(app, 'customers/create', shopifyFixture('customers_create.devstore.body.json').replaceAll('5747017285820', '900000201').replace('"created_at":"2021-12-29T15:15:19+05:30"', `"created_at":"${new Date().toISOString()}"`));
    // Assert
    expect(await bodyOf(later)).toMatchObject({ stored: 1, refused: 0 });
  });
});
