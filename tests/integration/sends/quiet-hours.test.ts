import { GetQueueAttributesCommand, PurgeQueueCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendAction } from '../../../lib/sends/send-action.js';
import { SendMessageSchema } from '../../../lib/sends/send-message.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { advanceTo, createCustomer, fire, ledgerOf, sendRule, startSendApp, timersOf } from '../../support/send-app.js';
import { customerInArm, kst } from '../../support/sends.js';
import type { TestApp } from '../../support/test-app.js';
import type { WebhookEndpoint } from '../../support/webhook-endpoint.js';

// One app for the file, on a clock that only moves forward: each test starts later than the last.
const clock = new ManualClock(kst('2026-03-02 12:00'));
const variants = [
  { id: 'a', weight: 3, message: { text: '{{ profile.traits.name | default: "고객" }}님, 봄 세일!' } },
  { id: 'b', weight: 1, message: { text: '(광고) 봄 세일 마지막 날', title: '봄 세일' } },
];
const abSale = sendRule('ab-sale', { message: undefined, variants, expiresAfter: { hours: 12 } });
const rules = [sendRule('spring-sale'), sendRule('cart-brand', { channel: 'brand_message' }), abSale, sendRule('ab-mail', { channel: 'email', message: undefined, variants })];

let app: TestApp;
let endpoint: WebhookEndpoint;
beforeAll(async () => {
  ({ app, endpoint } = await startSendApp(rules, clock));
});
afterAll(async () => {
  await app?.stop();
  await endpoint?.close();
});

describe('an ad triggered at 22:30 KST for a customer without night consent', () => {
  it('is not sent at night: its timer fires it at 08:00', async () => {
    // Arrange
    clock.set(kst('2026-03-02 22:30'));
    await createCustomer(app, 'night-1');
    // Act
    await fire(app, 'night-1', 'spring-sale');
    await app.drain();
    const atNight = { hooks: endpoint.to('night-1').length, ledger: await ledgerOf(app, 'night-1'), timers: await timersOf(app, 'night-1') };
    await advanceTo(app, clock, kst('2026-03-03 07:59'));
    const before8 = endpoint.to('night-1').length;
    await advanceTo(app, clock, kst('2026-03-03 08:00'));
    // Assert
    expect(atNight).toEqual({
      hooks: 0,
      ledger: [expect.objectContaining({ state: 'pending', outcome: 'deferred-quiet-hours', notBefore: kst('2026-03-03 08:00'), reason: expect.stringContaining('quiet hours 21:00–08:00 (no night consent)') })],
      timers: [{ kind: 'send-deferred', dueAt: kst('2026-03-03 08:00') }],
    });
    expect(before8).toBe(0);
    expect(endpoint.to('night-1')).toHaveLength(1);
    expect(await ledgerOf(app, 'night-1')).toEqual([expect.objectContaining({ state: 'delivered', deliveredAt: kst('2026-03-03 08:00'), history: expect.arrayContaining([expect.objectContaining({ outcome: 'deferred-quiet-hours' })]) })]);
    expect(await timersOf(app, 'night-1')).toEqual([]);
  });
});

describe('an ad triggered at 22:30 KST for a customer with night consent', () => {
  it('goes out at once', async () => {
    // Arrange
    clock.set(kst('2026-03-03 22:30'));
    await createCustomer(app, 'night-owl', { sms: { ad: true, night: true } });
    // Act
    await fire(app, 'night-owl', 'spring-sale');
    await app.drain();
    // Assert
    expect(endpoint.to('night-owl')).toHaveLength(1);
    expect(await ledgerOf(app, 'night-owl')).toEqual([expect.objectContaining({ state: 'delivered', outcome: 'sent', deliveredAt: kst('2026-03-03 22:30') })]);
  });
});

describe('a Kakao Brand Message', () => {
  it('keeps out of 20:50–08:00 even with night consent', async () => {
    // Arrange
    const consent = { brand_message: { ad: true, night: true } };
    await createCustomer(app, 'brand-early', consent);
    await createCustomer(app, 'brand-late', consent);
    // Act
    clock.set(kst('2026-03-04 20:45'));
    await fire(app, 'brand-early', 'cart-brand');
    await app.drain();
    clock.set(kst('2026-03-04 20:55'));
    await fire(app, 'brand-late', 'cart-brand');
    await app.drain();
    const lateAtNight = (await ledgerOf(app, 'brand-late'))[0];
    await advanceTo(app, clock, kst('2026-03-05 08:00'));
    // Assert
    expect(endpoint.to('brand-early').map((hook) => hook.json.createdAt)).toEqual([kst('2026-03-04 20:45')]);
    expect(lateAtNight).toMatchObject({ state: 'pending', outcome: 'deferred-quiet-hours', reason: 'quiet hours 20:50–08:00: until 2026-03-05 08:00 (Asia/Seoul)' });
    expect(endpoint.to('brand-late').map((hook) => hook.json.createdAt)).toEqual([kst('2026-03-05 08:00')]);
  });
});

describe('every ad that goes out', () => {
  it('starts with (광고) and the sender, ends with the contact and the free opt-out line, and reaches the bridge signed, in its variant', async () => {
    // Arrange: two customers in each variant of the SMS rule; each also gets the e-mail rule
    clock.set(kst('2026-03-05 11:00'));
    const action = abSale.actions[0] as SendAction;
    const arms = { 'ad-a1': 'a', 'ad-a2': 'a', 'ad-b1': 'b', 'ad-b2': 'b' };
    const customers = Object.entries(arms).map(([prefix, arm]) => customerInArm('ab-sale', action, arm, prefix));
    for (const customerId of customers) await createCustomer(app, customerId, { sms: { ad: true }, email: { ad: true } });
    // Act
    for (const customerId of customers) {
      await fire(app, customerId, 'ab-sale');
      await fire(app, customerId, 'ab-mail');
    }
    await app.drain();
    // Assert
    const ads = customers.flatMap((customerId) => endpoint.to(customerId));
    expect(ads).toHaveLength(8);
    for (const hook of ads) {
      expect(hook.json.content.text).toMatch(/^\(광고\) 데모샵\n/);
      expect(hook.json.content.text).toMatch(/\n문의 02-123-4567\n무료수신거부 080-123-4567$/);
      expect(hook.json.content.text.match(/\(광고\)/g)).toHaveLength(1);
    }
    const sms = ads.filter((hook) => hook.json.channel === 'sms');
    expect(sms.map((hook) => [hook.json.customerId, hook.json.variant])).toEqual(customers.map((customerId, index) => [customerId, Object.values(arms)[index]]));
    expect(sms.filter((hook) => hook.json.variant === 'b').map((hook) => hook.json.content.text)).toEqual(Array(2).fill('(광고) 데모샵\n봄 세일 마지막 날\n\n문의 02-123-4567\n무료수신거부 080-123-4567'));
  });

  it('is a version 1 send message with its dedupe key, notBefore and expiresAt', async () => {
    // Arrange
    clock.set(kst('2026-03-05 12:00'));
    await createCustomer(app, 'contract-1');
    // Act
    await fire(app, 'contract-1', 'ab-sale');
    await app.drain();
    // Assert
    const [hook] = endpoint.to('contract-1');
    const message = SendMessageSchema.parse(hook!.json);
    expect(message).toMatchObject({ version: 1, rule: { id: 'ab-sale', version: 1 }, notBefore: kst('2026-03-05 12:00'), expiresAt: kst('2026-03-06 00:00') });
    expect(hook!.headers['idempotency-key']).toBe(message.dedupeKey);
    expect((await ledgerOf(app, 'contract-1'))[0].sendId).toBe(message.sendId);
  });
});

describe('an ad triggered at 07:50 KST, 10 minutes before the quiet hours end', () => {
  it('waits on the sends queue as a delayed message, with no timer', async () => {
    // Arrange
    clock.set(kst('2026-03-06 07:50'));
    await createCustomer(app, 'early-1');
    const delayed = async () => {
      const { Attributes = {} } = await app.runtime.sqs.send(new GetQueueAttributesCommand({ QueueUrl: app.queues.sends.url, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }));
      return Number(Attributes['ApproximateNumberOfMessagesDelayed']);
    };
    // Act
    await fire(app, 'early-1', 'spring-sale');
    await app.streamCaughtUp();
    // Assert
    expect(await ledgerOf(app, 'early-1')).toEqual([expect.objectContaining({ state: 'queued', outcome: 'sent', notBefore: kst('2026-03-06 08:00') })]);
    expect(await timersOf(app, 'early-1')).toEqual([]);
    expect(await delayed()).toBe(1);
    // The SQS server would hold it ten real minutes: drop it, so the file's app can drain.
    await app.runtime.sqs.send(new PurgeQueueCommand({ QueueUrl: app.queues.sends.url }));
  });
});
