import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECONFIRM_CONSENT_TAG } from '../../../lib/sends/consent-check.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { createCustomer, fire, ledgerOf, sendRule, startSendApp, statsOf, timersOf } from '../../support/send-app.js';
import { kst } from '../../support/sends.js';
import type { TestApp } from '../../support/test-app.js';
import type { WebhookEndpoint } from '../../support/webhook-endpoint.js';

// One app for the file, on a clock that only moves forward: each test starts later than the last.
const clock = new ManualClock(kst('2026-03-02 11:00'));
const shipped = { channel: 'alimtalk', purpose: 'info', message: { text: '주문하신 상품이 출발했어요.', templateCode: 'SHIPPED_01' } };
const rules = [
  sendRule('sms-promo'),
  sendRule('mail-promo', { channel: 'email' }),
  sendRule('order-shipped', shipped),
  sendRule('order-shipped-bare', { ...shipped, message: { text: '주문하신 상품이 출발했어요.' } }),
  sendRule('flash-sale', { expiresAfter: { hours: 6 } }),
];

let app: TestApp;
let endpoint: WebhookEndpoint;
beforeAll(async () => {
  ({ app, endpoint } = await startSendApp(rules, clock));
});
afterAll(async () => {
  await app?.stop();
  await endpoint?.close();
});

/** The rule's entry on the customer's ledger. */
const entryOf = async (customerId: string, ruleId: string) => (await ledgerOf(app, customerId)).find((send) => send.rule.id === ruleId);

describe('consent per channel and purpose', () => {
  it('lets an ad through on the channel the customer consented to, and blocks it on another, with the reason', async () => {
    // Arrange
    await createCustomer(app, 'sms-only', { sms: { ad: true } });
    // Act
    await fire(app, 'sms-only', 'sms-promo');
    await fire(app, 'sms-only', 'mail-promo');
    await app.drain();
    // Assert
    expect(endpoint.to('sms-only').map((hook) => hook.json.channel)).toEqual(['sms']);
    expect(await entryOf('sms-only', 'mail-promo')).toMatchObject({ state: 'blocked', outcome: 'blocked-no-consent', reason: 'no ad consent for email' });
    expect(await statsOf(app, 'mail-promo')).toMatchObject({ matched: 1, sent: 0, blocked: { 'no-consent': 1 } });
  });

  it('blocks an ad once the customer withdrew consent', async () => {
    // Arrange
    clock.set(kst('2026-03-02 12:00'));
    await createCustomer(app, 'withdrew-1', { sms: { ad: true } });
    await app.postEvents({ type: 'track', messageId: randomUUID(), userId: 'withdrew-1', timestamp: kst('2026-03-02 11:30'), event: 'Consent Changed', properties: { channel: 'sms', purpose: 'ad', state: 'denied' } });
    // Act
    await fire(app, 'withdrew-1', 'sms-promo');
    await app.drain();
    // Assert
    expect(endpoint.to('withdrew-1')).toEqual([]);
    expect(await entryOf('withdrew-1', 'sms-promo')).toMatchObject({ outcome: 'blocked-no-consent', reason: 'no ad consent for sms (refused 2026-03-02)' });
  });

  it('sends an information AlimTalk with its template code at 23:00 without ad consent, unlabelled, and blocks one without a template code', async () => {
    // Arrange
    clock.set(kst('2026-03-02 23:00'));
    await createCustomer(app, 'buyer-1', {});
    // Act
    await fire(app, 'buyer-1', 'order-shipped');
    await fire(app, 'buyer-1', 'order-shipped-bare');
    await app.drain();
    // Assert
    expect(endpoint.to('buyer-1').map((hook) => hook.json.content)).toEqual([{ text: '주문하신 상품이 출발했어요.', templateCode: 'SHIPPED_01' }]);
    expect(await entryOf('buyer-1', 'order-shipped-bare')).toMatchObject({ state: 'blocked', outcome: 'blocked-misconfigured', reason: expect.stringContaining('template code') });
  });
});

describe('ad consent older than two years', () => {
  it('blocks the ad and flags the customer for re-confirmation', async () => {
    // Arrange
    clock.set(kst('2026-03-03 11:00'));
    await createCustomer(app, 'stale-1', { sms: { ad: true } }, '2024-02-01T09:00:00+09:00');
    // Act
    await fire(app, 'stale-1', 'sms-promo');
    await app.drain();
    // Assert
    expect(endpoint.to('stale-1')).toEqual([]);
    expect(await entryOf('stale-1', 'sms-promo')).toMatchObject({ outcome: 'blocked-no-consent', reason: 'ad consent for sms dates from 2024-02-01, more than 730 days ago: it needs re-confirmation' });
    expect((await app.customer('stale-1'))?.['tags']).toContain(RECONFIRM_CONSENT_TAG);
  });
});

describe('an ad that cannot go out before it expires', () => {
  it('is dropped with the reason, per customer and per rule, and leaves no timer', async () => {
    // Arrange: triggered at 22:30, valid for 6 hours; the quiet hours end at 08:00
    clock.set(kst('2026-03-03 22:30'));
    await createCustomer(app, 'flash-1');
    // Act
    await fire(app, 'flash-1', 'flash-sale');
    await app.drain();
    // Assert
    expect(await entryOf('flash-1', 'flash-sale')).toMatchObject({
      state: 'expired',
      outcome: 'expired',
      expiresAt: kst('2026-03-04 04:30'),
      reason: 'quiet hours end at 2026-03-04 08:00 (Asia/Seoul), after it expires at 2026-03-04 04:30 (Asia/Seoul)',
    });
    expect(await timersOf(app, 'flash-1')).toEqual([]);
    expect(await statsOf(app, 'flash-sale')).toMatchObject({ matched: 1, sent: 0, expired: 1 });
  });
});
