import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedUp } from '../../../infra/local/simulate/segment-messages.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { libraryRules } from '../../support/library-rules.js';
import { ledgerOf, sendAppForFile } from '../../support/send-app.js';
import { kst } from '../../support/sends.js';

// The library's welcome rule through the real send gate and ledger, delivered to a signing bridge.
const clock = new ManualClock(kst('2026-03-02 10:00'));
const stack = sendAppForFile(libraryRules('welcome-coupon'), clock);

const signup = (customerId: string, at: string, traits: Record<string, unknown> = {}) => ({ ...signedUp(customerId, at, traits), messageId: randomUUID() });
const post = async (body: unknown) => {
  const response = await stack.app.postEvents(body);
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
    await stack.app.drain();
    // Assert
    for (const customerId of customers) {
      const ledger = await ledgerOf(stack.app, customerId);
      expect(ledger, customerId).toEqual([expect.objectContaining({ rule: { id: 'welcome-coupon', version: 2, priority: 80 }, state: 'delivered', outcome: 'sent' })]);
      expect(stack.endpoint.to(customerId), customerId).toHaveLength(1);
      expect((await stack.app.customer(customerId))?.['tags'], customerId).toEqual(['welcome-coupon-sent']);
    }
  });

  it('blocked for want of a phone number, leaves the customer untagged: the ledger says why', async () => {
    // Arrange
    const customerId = 'no-phone';
    // Act
    await post(signup(customerId, kst('2026-03-02 10:05'), { name: '이도윤' }));
    await stack.app.drain();
    // Assert
    expect(await ledgerOf(stack.app, customerId)).toEqual([expect.objectContaining({ state: 'blocked', outcome: 'blocked-no-recipient', reason: 'no phone number in traits.phone for alimtalk' })]);
    expect((await stack.app.customer(customerId))?.['tags']).toEqual([]);
    expect(stack.endpoint.to(customerId)).toEqual([]);
  });
});
