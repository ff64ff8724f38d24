import { describe, expect, it } from 'vitest';
import { attributeConversion } from '../../../lib/sends/attribute-conversion.js';
import { deliverSend } from '../../../lib/sends/deliver-send.js';
import { requestSend } from '../../../lib/sends/request-send.js';
import { ruleSendStats } from '../../../lib/sends/rule-send-stats.js';
import { canonical } from '../../support/canonical-events.js';
import { InMemoryDeadLetterQueue, RecordingRetries } from '../../support/in-memory-dead-letters.js';
import { adAction, customerInArm, kst, profile, sendHarness, sendRequest, sendSettings } from '../../support/sends.js';

const action = adAction({ holdout: 0.5, goal: { event: 'order_placed', withinDays: 7 } });
const sentCustomer = customerInArm('spring-sale', action, 'default', 'sent');
const holdoutCustomer = customerInArm('spring-sale', action, 'holdout', 'held');

const order = (customerId: string, at: string, orderId = `o-${customerId}`, value = 50000) =>
  canonical(at, { type: 'order_placed', order: { orderId, value, currency: 'KRW' } }, { customerId });

/** One delivered send and one holdout assignment of the same rule, at 10:00. */
const setup = async () => {
  const harness = sendHarness({ now: kst('2026-03-02 10:00'), settings: sendSettings() });
  for (const customerId of [sentCustomer, holdoutCustomer]) await requestSend(sendRequest({ customerId, profile: profile({ customerId }), action }), harness.deps);
  const deliverDeps = { store: harness.store, channelFor: async () => ({ name: 'ok', deliver: async () => undefined }), retries: new RecordingRetries(), deadLetters: new InMemoryDeadLetterQueue(), clock: harness.clock, maxAttempts: 3, onError: () => undefined };
  await deliverSend({ body: JSON.stringify(harness.queue.sent[0]!.message), attempt: 1, handle: 'h' }, deliverDeps);
  const attribute = (event: ReturnType<typeof order>) => attributeConversion({ event, profileKind: 'customer', profileId: event.customerId! }, { sends: harness.store, stats: harness.store });
  return { ...harness, attribute, deliverDeps };
};

describe('conversions', () => {
  it('attribute an order within the goal window to the send, its version and variant, with revenue', async () => {
    // Arrange
    const { attribute } = await setup();
    // Act
    const conversions = await attribute(order(sentCustomer, kst('2026-03-04 12:00')));
    // Assert
    expect(conversions).toEqual([expect.objectContaining({ ruleId: 'spring-sale', version: 1, arm: 'default', revenue: 50000, touchedAt: kst('2026-03-02 10:00') })]);
  });

  it('attribute an order to the last touch of the rule: its latest version and occurrence', async () => {
    // Arrange: the next day, version 2 of the rule sends again for a new occurrence
    const { attribute, clock, deps, queue, deliverDeps } = await setup();
    clock.set(kst('2026-03-03 10:00'));
    await requestSend(sendRequest({ customerId: sentCustomer, profile: profile({ customerId: sentCustomer }), action, rule: { id: 'spring-sale', version: 2, priority: 50 }, occurrence: 'spring-2026-b' }), deps);
    await deliverSend({ body: JSON.stringify(queue.sent.at(-1)!.message), attempt: 1, handle: 'h2' }, deliverDeps);
    // Act
    const conversions = await attribute(order(sentCustomer, kst('2026-03-04 12:00')));
    // Assert
    expect(conversions).toEqual([expect.objectContaining({ ruleId: 'spring-sale', version: 2, arm: 'default', touchedAt: kst('2026-03-03 10:00') })]);
  });

  it('attribute an order of a holdout customer to the holdout', async () => {
    // Arrange
    const { attribute } = await setup();
    // Act
    const conversions = await attribute(order(holdoutCustomer, kst('2026-03-03 12:00')));
    // Assert
    expect(conversions.map((conversion) => conversion.arm)).toEqual(['holdout']);
  });

  it('ignore an order after the window', async () => {
    // Arrange
    const { attribute } = await setup();
    // Act + Assert
    expect(await attribute(order(sentCustomer, kst('2026-03-09 10:01')))).toEqual([]);
  });

  it('count a replayed order once', async () => {
    // Arrange
    const { attribute, store } = await setup();
    const event = order(sentCustomer, kst('2026-03-04 12:00'));
    await attribute(event);
    // Act
    await attribute(event);
    // Assert
    expect(store.count('spring-sale', 'converted')).toBe(1);
  });

  it('show conversion rates and lift against the holdout in the stats', async () => {
    // Arrange
    const { attribute, store } = await setup();
    await attribute(order(sentCustomer, kst('2026-03-04 12:00')));
    await attribute(order(holdoutCustomer, kst('2026-03-04 12:00'), 'o-h', 20000));
    // Act
    const stats = await ruleSendStats('ws-test', 'spring-sale', { stats: store });
    // Assert
    expect(stats).toMatchObject({
      matched: 2,
      sent: 1,
      delivered: 1,
      converted: 1,
      revenue: 50000,
      conversionRate: 1,
      holdout: { assigned: 1, converted: 1, revenue: 20000, conversionRate: 1 },
      lift: 0,
    });
  });
});
