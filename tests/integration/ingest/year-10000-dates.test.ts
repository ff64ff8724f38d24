import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, fixtureText } from '../../support/fixtures.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { postCafe24, postShopify } from '../../support/webhooks.js';

/**
 * The hostile shapes of issue 11 that are dates: "9999-12-31T23:59:59-09:00" is year 10000 in
 * UTC, which the canonical event's IsoInstantSchema does not accept, so these answer 500 here.
 * Dates belong to the time branch (t-time: date parsing and IsoInstantSchema); these expect
 * the 4xx that branch delivers, and pass once it is merged.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const YEAR_10000 = '9999-12-31T23:59:59-09:00';

describe('year-10000 dates (4xx once the time branch is merged)', () => {
  it('answers a Shopify order created in year 10000 with a 4xx', async () => {
    // Arrange
    const order = JSON.parse(fixtureText('shopify/orders_create.devstore.body.json'));
    order.created_at = YEAR_10000;
    order.updated_at = null;
    // Act
    const response = await postShopify(app, 'orders/create', JSON.stringify(order));
    // Assert
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('answers a Shopify delivery triggered in year 10000 (the fallback time of a customer without updated_at) below 500', async () => {
    // Act
    const response = await postShopify(app, 'customers/update', JSON.stringify({ id: 5 }), { triggeredAt: '+010000-01-01T00:00:00Z' });
    // Assert
    expect(response.status).toBeLessThan(500);
  });

  it('answers a Cafe24 order of year 10000 with a 4xx', async () => {
    // Arrange
    const body = fixture('cafe24/90023_OnOrderReceived.json');
    body['resource'].order_date = YEAR_10000;
    // Act
    const response = await postCafe24(app, JSON.stringify(body));
    // Assert
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
