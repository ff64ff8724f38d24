import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../lib/time/clock.js';
import { createCustomer, ledgerOf, putSettings, request, sendsOf, WEBHOOK_SECRET } from '../../support/send-app.js';
import { kst } from '../../support/sends.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { startWebhookEndpoint } from '../../support/webhook-endpoint.js';

let app: TestApp;
let endpoint: Awaited<ReturnType<typeof startWebhookEndpoint>>;
const clock = new ManualClock(kst('2026-03-02 22:30'));

beforeAll(async () => {
  endpoint = await startWebhookEndpoint();
  app = await startTestApp({ clock, credentials: { deliveryWebhookSecret: WEBHOOK_SECRET } });
  await putSettings(app, { delivery: { adapter: 'webhook', url: endpoint.url }, fatigue: { sms: { perDay: 1, perWeek: 3 } } });
});
afterAll(async () => {
  await app?.stop();
  await endpoint?.close();
});

const deliveredTo = (customerId: string) => endpoint.received.filter((hook) => hook.json.customerId === customerId);

describe('a customer over the fatigue budget', () => {
  it('gets the higher-priority message first and the others in the next windows', async () => {
    // Arrange: three ads at night; the budget allows one a day
    clock.set(kst('2026-03-02 22:30'));
    const { gate, timers, deferred } = sendsOf(app);
    const customer = await createCustomer(app, 'busy-1');
    for (const [id, priority] of [['newsletter', 10], ['cart-reminder', 90], ['new-arrivals', 50]] as const) {
      await gate.request(request(app, customer, { rule: { id, version: 1, priority } }));
    }
    // Act: each morning the due timer fires
    const sentOn: Record<string, string[]> = {};
    for (const morning of ['2026-03-03 08:00', '2026-03-04 08:00', '2026-03-05 08:00']) {
      clock.set(kst(morning));
      const due = timers.of('busy-1', 'send-deferred').filter((timer) => timer.dueAt <= clock.now().toISOString());
      for (const timer of due) {
        await deferred.handle(timer, clock.now());
        await timers.cancel(timer.workspace, timer.customerId, timer.key); // what the sweep does with a handled timer
      }
      await app.drain();
      sentOn[morning] = deliveredTo('busy-1').map((hook) => hook.json.rule.id);
    }
    // Assert
    expect(sentOn).toEqual({
      '2026-03-03 08:00': ['cart-reminder'],
      '2026-03-04 08:00': ['cart-reminder', 'new-arrivals'],
      '2026-03-05 08:00': ['cart-reminder', 'new-arrivals', 'newsletter'],
    });
  });

  it('records the budget as the reason a message waited', async () => {
    // Arrange
    clock.set(kst('2026-03-06 10:00'));
    const { gate } = sendsOf(app);
    const customer = await createCustomer(app, 'busy-2');
    await gate.request(request(app, customer, { rule: { id: 'first', version: 1, priority: 50 } }));
    // Act
    const decision = await gate.request(request(app, customer, { rule: { id: 'second', version: 1, priority: 50 } }));
    // Assert
    expect(decision).toMatchObject({ outcome: 'deferred-budget', notBefore: kst('2026-03-07 08:00') });
    expect((await ledgerOf(app, 'busy-2')).find((send) => send.rule.id === 'second')).toMatchObject({ state: 'pending', outcome: 'deferred-budget', reason: expect.stringContaining('budget') });
  });
});

describe('duplicate triggers', () => {
  it('produce one message on the sends queue, however many race', async () => {
    // Arrange
    clock.set(kst('2026-03-10 11:00'));
    const { gate } = sendsOf(app);
    const customer = await createCustomer(app, 'twice-1');
    const enqueued = vi.spyOn(app.runtime.queue('sends'), 'send');
    // Act
    const decisions = await Promise.all([1, 2, 3].map(() => gate.request(request(app, customer, { occurrence: 'cart-42' }))));
    const later = await gate.request(request(app, customer, { occurrence: 'cart-42' }));
    await app.drain();
    // Assert
    expect([...decisions, later].map((decision) => decision.outcome).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'sent']);
    expect(enqueued).toHaveBeenCalledTimes(1);
    expect(deliveredTo('twice-1')).toHaveLength(1);
    enqueued.mockRestore();
  });

  it('produce one message when the first attempt failed after writing the ledger and was retried', async () => {
    // Arrange
    clock.set(kst('2026-03-11 11:00'));
    const { gate } = sendsOf(app);
    const customer = await createCustomer(app, 'retry-1');
    const queue = app.runtime.queue('sends');
    const original = queue.send.bind(queue);
    let failures = 0;
    const enqueued = vi.spyOn(queue, 'send').mockImplementation(async (message, options) => {
      if (failures++ === 0) throw Object.assign(new Error('SQS unavailable'), { name: 'ServiceUnavailable' });
      return original(message, options);
    });
    await expect(gate.request(request(app, customer))).rejects.toThrow(/sends queue refused/);
    // Act: the trigger path retries, as the stream does with a failed record
    const retry = await gate.request(request(app, customer));
    const again = await gate.request(request(app, customer));
    await app.drain();
    // Assert
    expect([retry.outcome, again.outcome]).toEqual(['sent', 'duplicate']);
    expect(enqueued).toHaveBeenCalledTimes(2);
    expect(deliveredTo('retry-1')).toHaveLength(1);
    enqueued.mockRestore();
  });
});
