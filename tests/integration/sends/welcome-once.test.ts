import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp } from '../../../infra/local/simulate/segment-messages.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { libraryRules } from '../../support/library-rules.js';
import { ledgerOf, startSendApp } from '../../support/send-app.js';
import { kst } from '../../support/sends.js';
import type { TestApp } from '../../support/test-app.js';
import type { WebhookEndpoint } from '../../support/webhook-endpoint.js';

// The library's welcome rule through the real send gate and ledger, delivered to a signing bridge.
const clock = new ManualClock(kst('2026-03-02 10:00'));
let app: TestApp;
let endpoint: WebhookEndpoint;
beforeAll(async () => {
  ({ app, endpoint } = await startSendApp(libraryRules('welcome-coupon'), clock));
});
afterAll(async () => {
  await app?.stop();
  await endpoint?.close();
});

const signup = (customerId: string, at: string, traits: Record<string, unknown> = {}) => ({ ...signedUp(customerId, at, traits), messageId: randomUUID() });
const post = async (body: unknown) => {
  const response = await app.postEvents(body);
  expect(response.status).toBe(200);
};

describe('the welcome coupon (once per customer)', () => {
  it('goes out once when two Signed Up with different message ids arrive together, every time', async () => {
    // Arrange: five customers, each signing up twice 50–100 ms apart, both posts in flight at once
    const customers = Array.from({ length: 5 }, (_, index) => `race-${index}`);
    const at = Date.parse(kst('2026-03-02 10:00'));
    // Act
    for (const [index, customerId] of customers.entries()) {
      const traits = { name: '김하늘', phone: '010-1234-5678' };
      await Promise.all([post(signup(customerId, new Date(at).toISOString(), traits)), post(signup(customerId, new Date(at + 50 + index * 10).toISOString(), traits))]);
    }
    await app.drain();
    // Assert
    for (const customerId of customers) {
      const ledger = await ledgerOf(app, customerId);
      expect(ledger, customerId).toEqual([expect.objectContaining({ rule: { id: 'welcome-coupon', version: 2, priority: 80 }, state: 'delivered', outcome: 'sent' })]);
      expect(endpoint.to(customerId), customerId).toHaveLength(1);
      expect((await app.customer(customerId))?.['tags'], customerId).toEqual(['welcome-coupon-sent']);
    }
  });

  it('blocked for want of a phone number, leaves the customer untagged: the ledger says why', async () => {
    // Arrange
    const customerId = 'no-phone';
    // Act
    await post(signup(customerId, kst('2026-03-02 10:05'), { name: '이도윤' }));
    await app.drain();
    // Assert
    expect(await ledgerOf(app, customerId)).toEqual([expect.objectContaining({ state: 'blocked', outcome: 'blocked-no-recipient', reason: 'no phone number in traits.phone for alimtalk' })]);
    expect((await app.customer(customerId))?.['tags']).toEqual([]);
    expect(endpoint.to(customerId)).toEqual([]);
  });
});
