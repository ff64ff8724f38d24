import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/time/clock.js';
import { libraryRules } from '../../support/library-rules.js';
import { ledgerOf, sendAppForFile } from '../../support/send-app.js';
import { bodyOf } from '../../support/test-app.js';
import { postShopify, shopifyFixture } from '../../support/webhooks.js';

// Today, for the stack: the devstore's customers/create says the customer was created on 2021-12-29.
const clock = new ManualClock('2026-03-02T01:00:00.000Z');
const stack = sendAppForFile(libraryRules('welcome-coupon'), clock);

const customersCreate = (id: string, createdAt: string) =>
    JSON.stringify({ ...JSON.parse(shopifyFixture('customers_create.devstore.body.json')), id: Number(id), created_at: createdAt });

describe('a trigger event that is old when it arrives', () => {
  it('updates the profile but sends no welcome: a Shopify customers/create of 2021 received today', async () => {
    // Arrange
    const body = customersCreate('5747017285820', '2021-12-29T15:15:19+05:30');
    // Act
    expect((await postShopify(stack.app, 'customers/create', body)).status).toBe(200);
    await stack.app.drain();
    // Assert
    expect(await stack.app.customer('5747017285820')).toMatchObject({ isMember: true, signupAt: '2021-12-29T09:45:19.000Z' });
    expect(await ledgerOf(stack.app, '5747017285820')).toEqual([]);
    expect(stack.endpoint.to('5747017285820')).toEqual([]);
  });

  it('is told from a fresh one: the same webhook for a customer created minutes ago gets the welcome', async () => {
    // Arrange
    const body = customersCreate('5747017285821', '2026-03-02T09:55:00+09:00');
    // Act
    await postShopify(stack.app, 'customers/create', body);
    await stack.app.drain();
    // Assert
    expect(await ledgerOf(stack.app, '5747017285821')).toEqual([expect.objectContaining({ rule: expect.objectContaining({ id: 'welcome-coupon' }), state: 'delivered' })]);
  });

  it('shows in POST /v1/rules/{id}/test, which takes the event as arriving at `now`', async () => {
    // Arrange
    expect((await stack.app.request('/v1/rules/welcome-coupon', { method: 'PUT', json: libraryRules('welcome-coupon')[0] })).status).toBe(201);
    // Act
    const response = await stack.app.request('/v1/rules/welcome-coupon/test', {
      method: 'POST',
      json: { profile: { isMember: true }, event: { type: 'signed_up', occurredAt: '2021-12-29T15:15:19+05:30' }, now: '2026-03-02T10:00:00+09:00' },
    });
    // Assert
    expect(await bodyOf(response)).toMatchObject({
      applies: false,
      checks: [{ holds: true }, { holds: false, text: expect.stringMatching(/^the event \(occurredAt 2021-12-29T15:15:19\+05:30\) is 1523 days .* old when it arrives .* at most 24 hours old/) }],
    });
  });
});
