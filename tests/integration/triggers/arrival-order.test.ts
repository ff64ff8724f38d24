import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedUp } from '../../../infra/local/simulate/segment-messages.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { TRIGGER_SETTLE_MS } from '../../../lib/triggers/trigger-settle.js';
import { libraryRules } from '../../support/library-rules.js';
import { advanceTo, ledgerOf, sendAppForFile } from '../../support/send-app.js';
import { kst } from '../../support/sends.js';

// The library's welcome through the whole stack, with the deployed settle window.
const clock = new ManualClock(kst('2026-03-02 10:00'));
const stack = sendAppForFile(libraryRules('welcome-coupon'), clock, {}, { triggerSettleMs: TRIGGER_SETTLE_MS });

const post = async (body: unknown) => expect((await stack.app.postEvents(body)).status).toBe(200);
const signup = (customerId: string, at: string) => ({ ...signedUp(customerId, at, { name: '김하늘' }), messageId: randomUUID() });
const identify = (customerId: string, at: string) => ({ type: 'identify', messageId: randomUUID(), userId: customerId, timestamp: at, traits: { phone: '010-1234-5678' } });

describe('Signed Up and identify (with the phone) at one timestamp', () => {
  it('welcome the customer whichever is stored and evaluated first', async () => {
    // Arrange
    const at = clock.now().toISOString();
    // Act: one customer's Signed Up is stored and evaluated before their identify arrives; the other's after it
    await post(signup('signup-first', at));
    await stack.app.drain();
    await post(identify('signup-first', at));
    await post(identify('identify-first', at));
    await stack.app.drain();
    await post(signup('identify-first', at));
    await stack.app.drain();
    const settling = [await ledgerOf(stack.app, 'signup-first'), await ledgerOf(stack.app, 'identify-first')];
    await advanceTo(stack.app, clock, new Date(Date.parse(at) + TRIGGER_SETTLE_MS + 60_000).toISOString());
    // Assert
    for (const customerId of ['signup-first', 'identify-first']) {
      expect(await ledgerOf(stack.app, customerId), customerId).toEqual([expect.objectContaining({ rule: expect.objectContaining({ id: 'welcome-coupon' }), state: 'delivered', matchedAt: at })]);
      expect((await stack.app.customer(customerId))?.['tags'], customerId).toEqual(['welcome-coupon-sent']);
      expect(stack.endpoint.to(customerId), customerId).toHaveLength(1);
    }
    expect(settling, 'nothing decided within the settle window').toEqual([[], []]);
  });
});
