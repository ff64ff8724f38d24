import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../../lib/delivery/webhook-signature.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { createCustomer, ledgerOf, putSettings, request, sendsOf, WEBHOOK_SECRET } from '../../support/send-app.js';
import { adAction, kst } from '../../support/sends.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { startWebhookEndpoint } from '../../support/webhook-endpoint.js';

let app: TestApp;
let endpoint: Awaited<ReturnType<typeof startWebhookEndpoint>>;
const clock = new ManualClock(kst('2026-03-02 22:30'));

beforeAll(async () => {
  endpoint = await startWebhookEndpoint();
  app = await startTestApp({ clock, credentials: { deliveryWebhookSecret: WEBHOOK_SECRET } });
  await putSettings(app, { delivery: { adapter: 'webhook', url: endpoint.url }, fatigue: { sms: { perDay: 5, perWeek: 10 }, email: { perDay: 5, perWeek: 10 } } });
});
afterAll(async () => {
  await app?.stop();
  await endpoint?.close();
});

describe('an ad at 22:30 KST without night consent', () => {
  it('is not sent at night, and goes out at 08:00', async () => {
    // Arrange
    clock.set(kst('2026-03-02 22:30'));
    const { gate, timers, deferred } = sendsOf(app);
    const customer = await createCustomer(app, 'night-1');
    // Act
    const decision = await gate.request(request(app, customer));
    await app.drain();
    const atNight = endpoint.received.filter((hook) => hook.json.customerId === 'night-1').length;
    const [timer] = timers.of('night-1', 'send-deferred');
    clock.set(kst('2026-03-03 08:00'));
    await deferred.handle(timer!, clock.now());
    await app.drain();
    // Assert
    expect(decision).toMatchObject({ outcome: 'deferred-quiet-hours', notBefore: kst('2026-03-03 08:00') });
    expect(timer?.dueAt).toBe(kst('2026-03-03 08:00'));
    expect(atNight).toBe(0);
    expect(endpoint.received.filter((hook) => hook.json.customerId === 'night-1')).toHaveLength(1);
    expect((await ledgerOf(app, 'night-1'))[0]).toMatchObject({ state: 'delivered', deliveredAt: kst('2026-03-03 08:00'), history: expect.arrayContaining([expect.objectContaining({ outcome: 'deferred-quiet-hours' })]) });
  });

  it('goes out at once to a customer with night consent', async () => {
    // Arrange
    clock.set(kst('2026-03-02 22:30'));
    const { gate } = sendsOf(app);
    const customer = await createCustomer(app, 'night-owl', { sms: { ad: true, night: true } });
    // Act
    const decision = await gate.request(request(app, customer));
    await app.drain();
    // Assert
    expect(decision.outcome).toBe('sent');
    expect(endpoint.received.filter((hook) => hook.json.customerId === 'night-owl')).toHaveLength(1);
  });
});

describe('every ad that goes out', () => {
  it('starts with (광고) and the sender, and ends with the contact and the free opt-out line, signed for the bridge', async () => {
    // Arrange
    clock.set(kst('2026-03-03 11:00'));
    const { gate } = sendsOf(app);
    const action = adAction({
      message: undefined,
      variants: [
        { id: 'a', message: { text: '{{ profile.traits.name | default: "고객" }}님, 봄 세일!' } },
        { id: 'b', message: { text: '(광고) 봄 세일 마지막 날', title: '봄 세일' } },
      ],
    });
    const customers = await Promise.all(['ad-1', 'ad-2', 'ad-3', 'ad-4'].map((id) => createCustomer(app, id, { sms: { ad: true }, email: { ad: true } })));
    // Act
    for (const customer of customers) {
      await gate.request(request(app, customer, { action, rule: { id: 'ab-sale', version: 1, priority: 50 } }));
      await gate.request(request(app, customer, { action: { ...action, channel: 'email' }, rule: { id: 'ab-mail', version: 1, priority: 50 } }));
    }
    await app.drain();
    // Assert
    const ads = endpoint.received.filter((hook) => hook.json.customerId.startsWith('ad-'));
    expect(ads).toHaveLength(8);
    for (const hook of ads) {
      expect(hook.json.content.text).toMatch(/^\(광고\) 데모샵\n/);
      expect(hook.json.content.text).toMatch(/\n문의 02-123-4567\n무료수신거부 080-123-4567$/);
      expect(hook.json.content.text.match(/\(광고\)/g)).toHaveLength(1);
      expect(verifyWebhookSignature(hook.headers['x-retain-signature'] as string, hook.body, WEBHOOK_SECRET, clock.now())).toBe(true);
    }
  });
});
