import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../lib/time/clock.js';
import { advanceTo, createCustomer, fire, ledgerOf, redeliverEvents, sendRule, startSendApp, statsOf, timersOf } from '../../support/send-app.js';
import { kst } from '../../support/sends.js';
import type { TestApp } from '../../support/test-app.js';
import type { WebhookEndpoint } from '../../support/webhook-endpoint.js';

// One app for the file, on a clock that only moves forward: each test starts later than the last.
const clock = new ManualClock(kst('2026-03-02 12:00'));
const rules = [
  sendRule('newsletter', {}, { priority: 10 }),
  sendRule('cart-reminder', {}, { priority: 90 }),
  sendRule('new-arrivals', {}, { priority: 50 }),
  sendRule('daily-deal'),
  sendRule('weekly-digest'),
  sendRule('cart-nudge', {}, { occurrence: { var: 'event.properties.cart_id' } }),
  sendRule('restock'),
  sendRule('night-deal'),
];

let app: TestApp;
let endpoint: WebhookEndpoint;
beforeAll(async () => {
  ({ app, endpoint } = await startSendApp(rules, clock, { fatigue: { sms: { perDay: 1, perWeek: 3 } } }));
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await app?.stop();
  await endpoint?.close();
});

/** Counts what the gate puts on the sends queue (the real queue still gets it). */
const countEnqueued = () => vi.spyOn(app.runtime.queue('sends'), 'send');

describe('a customer over the fatigue budget', () => {
  it('receives the higher-priority message first and the others in the next windows', async () => {
    // Arrange: three ads at night; the budget allows one a day
    clock.set(kst('2026-03-02 22:30'));
    await createCustomer(app, 'busy-1');
    for (const rule of ['newsletter', 'cart-reminder', 'new-arrivals']) await fire(app, 'busy-1', rule);
    await app.drain();
    // Act: each morning the sweep fires the due timers
    const sentBy: Record<string, string[]> = {};
    for (const morning of ['2026-03-03 08:00', '2026-03-04 08:00', '2026-03-05 08:00']) {
      await advanceTo(app, clock, kst(morning));
      sentBy[morning] = endpoint.to('busy-1').map((hook) => hook.json.rule.id);
    }
    // Assert
    expect(sentBy).toEqual({
      '2026-03-03 08:00': ['cart-reminder'],
      '2026-03-04 08:00': ['cart-reminder', 'new-arrivals'],
      '2026-03-05 08:00': ['cart-reminder', 'new-arrivals', 'newsletter'],
    });
    expect(await timersOf(app, 'busy-1')).toEqual([]);
  });

  it('has the budget recorded as the reason a message waits, per customer and per rule, and gets it in the next window', async () => {
    // Arrange
    clock.set(kst('2026-03-06 10:00'));
    await createCustomer(app, 'busy-2');
    await fire(app, 'busy-2', 'daily-deal');
    await app.drain();
    // Act
    await fire(app, 'busy-2', 'weekly-digest');
    await app.drain();
    const waiting = (await ledgerOf(app, 'busy-2')).find((send) => send.rule.id === 'weekly-digest');
    const stats = await statsOf(app, 'weekly-digest');
    await advanceTo(app, clock, kst('2026-03-07 08:00'));
    // Assert
    expect(waiting).toMatchObject({ state: 'pending', outcome: 'deferred-budget', notBefore: kst('2026-03-07 08:00'), reason: 'sms fatigue budget (1/day, 3/7 days) used up: until 2026-03-07 08:00 (Asia/Seoul)' });
    expect(stats).toMatchObject({ matched: 1, sent: 0, deferred: { budget: 1, 'quiet-hours': 0 } });
    expect(endpoint.to('busy-2').map((hook) => [hook.json.rule.id, hook.json.createdAt])).toEqual([
      ['daily-deal', kst('2026-03-06 10:00')],
      ['weekly-digest', kst('2026-03-07 08:00')],
    ]);
  });
});

describe('duplicate triggers', () => {
  it('produce one message on the sends queue', async () => {
    // Arrange: three events of one cart at once, and one more later
    clock.set(kst('2026-03-10 11:00'));
    await createCustomer(app, 'twice-1');
    const enqueued = countEnqueued();
    // Act
    await Promise.all([1, 2, 3].map(() => fire(app, 'twice-1', 'cart-nudge', { cart_id: 'cart-42' })));
    await app.drain();
    await fire(app, 'twice-1', 'cart-nudge', { cart_id: 'cart-42' });
    await app.drain();
    // Assert
    expect(enqueued).toHaveBeenCalledTimes(1);
    expect(endpoint.to('twice-1')).toHaveLength(1);
    expect(await ledgerOf(app, 'twice-1')).toEqual([expect.objectContaining({ occurrence: 'cart-42', state: 'delivered', duplicates: 3, lastDuplicateAt: kst('2026-03-10 11:00') })]);
    expect(await statsOf(app, 'cart-nudge')).toMatchObject({ matched: 1, sent: 1, delivered: 1, duplicates: 3 });
  });
});

describe('a stream record handled more than once', () => {
  it('produces one message when its first attempt failed after writing the ledger and the stream retried it', async () => {
    // Arrange: the sends queue refuses the first message
    clock.set(kst('2026-03-11 11:00'));
    await createCustomer(app, 'retry-1');
    const enqueued = countEnqueued().mockRejectedValueOnce(Object.assign(new Error('SQS unavailable'), { name: 'ServiceUnavailable' }));
    // Act
    await fire(app, 'retry-1', 'restock');
    await app.drain();
    // Assert
    expect(enqueued).toHaveBeenCalledTimes(2);
    expect(endpoint.to('retry-1')).toHaveLength(1);
    expect(await ledgerOf(app, 'retry-1')).toEqual([expect.objectContaining({ state: 'delivered' })]);
  });

  it('produces no second message when the stream delivers it again after it succeeded', async () => {
    // Arrange
    const enqueued = countEnqueued();
    // Act
    const result = await redeliverEvents(app, 'retry-1');
    await app.drain();
    // Assert
    expect(result).toEqual({ batchItemFailures: [] });
    expect(enqueued).not.toHaveBeenCalled();
    expect(endpoint.to('retry-1')).toHaveLength(1);
    expect(await statsOf(app, 'restock')).toMatchObject({ matched: 1, sent: 1, duplicates: 1 });
  });
});

describe('a deferred send whose sweep died after acting', () => {
  it('produces one message when the timer comes back after its claim lapses', async () => {
    // Arrange: a night ad; the first sweep to fire it dies before removing the timer
    clock.set(kst('2026-03-12 22:30'));
    await createCustomer(app, 'late-1');
    await fire(app, 'late-1', 'night-deal');
    await app.drain();
    const complete = app.runtime.timers.complete.bind(app.runtime.timers);
    let died = false;
    const completed = vi.spyOn(app.runtime.timers, 'complete').mockImplementation(async (claimed) => {
      if (claimed.timer.customerId !== 'late-1' || died) return complete(claimed);
      died = true;
      throw new Error('the sweep died before it removed the timer');
    });
    const enqueued = countEnqueued();
    // Act
    await advanceTo(app, clock, kst('2026-03-13 08:00'));
    const timersLeft = await timersOf(app, 'late-1');
    await advanceTo(app, clock, kst('2026-03-13 08:06')); // past the 5-minute claim
    // Assert
    expect(died).toBe(true);
    expect(timersLeft).toHaveLength(1);
    expect(enqueued).toHaveBeenCalledTimes(1);
    expect(endpoint.to('late-1')).toHaveLength(1);
    expect(await timersOf(app, 'late-1')).toEqual([]);
  });
});
