import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStatsCommands } from '../../../cli/commands/stats.js';
import { ManualClock } from '../../../lib/time/clock.js';
import type { SendAction } from '../../../lib/sends/send-action.js';
import { createCustomer, fire, ledgerOf, redeliverEvents, sendRule, startSendApp, statsOf } from '../../support/send-app.js';
import { customerInArm, kst, SENDER } from '../../support/sends.js';
import { bodyOf, type TestApp } from '../../support/test-app.js';
import type { WebhookEndpoint } from '../../support/webhook-endpoint.js';

// One app for the file, on a clock that only moves forward.
const clock = new ManualClock(kst('2026-03-02 10:00'));
const RULE = 'win-back';
const winBack = sendRule(RULE, { holdout: 0.5, goal: { event: 'order_placed', withinDays: 7 } }, { version: 3 });
const action = winBack.actions[0] as SendAction;
const sent = ['s1', 's2'].map((prefix) => customerInArm(RULE, action, 'default', prefix));
const held = ['h1', 'h2'].map((prefix) => customerInArm(RULE, action, 'holdout', prefix));

let app: TestApp;
let endpoint: WebhookEndpoint;

/** An order posted when it happens (the clock moves on to it, if it is ahead): Retain refuses events dated after their receipt. */
const order = (customerId: string, orderId: string, total: number, timestamp: string) => {
  if (Date.parse(timestamp) > clock.now().getTime()) clock.set(timestamp);
  return app.postEvents({ type: 'track', messageId: randomUUID(), userId: customerId, timestamp, event: 'Order Completed', properties: { order_id: orderId, total, currency: 'KRW' } });
};

const stats = () => statsOf(app, RULE);

beforeAll(async () => {
  ({ app, endpoint } = await startSendApp([winBack], clock));
  // The rule fires for five customers: two get the message, two are held out, one has no consent.
  for (const customerId of [...sent, ...held]) await createCustomer(app, customerId);
  await createCustomer(app, 'no-consent-1', {});
  for (const customerId of [...sent, ...held, 'no-consent-1']) await fire(app, customerId, RULE);
  await app.drain();
  clock.set(kst('2026-03-04 12:00'));
});
afterAll(async () => {
  await app?.stop();
  await endpoint?.close();
});

describe('conversions', () => {
  it('attribute orders after a send and after a holdout assignment, and a holdout customer who orders counts toward lift', async () => {
    // Arrange: both who got the message order; one of the two held out does
    await order(sent[0]!, 'o-1', 40000, '2026-03-04T12:00:00+09:00');
    await order(sent[1]!, 'o-2', 60000, '2026-03-05T12:00:00+09:00');
    await order(held[0]!, 'o-3', 30000, '2026-03-04T18:00:00+09:00');
    // Act
    await app.drain();
    const result = await stats();
    // Assert
    expect(endpoint.received.map((hook) => hook.json.customerId).sort()).toEqual([...sent].sort());
    expect(result).toMatchObject({
      ruleId: RULE,
      matched: 5,
      sent: 2,
      delivered: 2,
      blocked: { 'no-consent': 1 },
      converted: 2,
      revenue: 100000,
      conversionRate: 1,
      holdout: { assigned: 2, converted: 1, revenue: 30000, conversionRate: 0.5 },
      lift: 1,
    });
    expect(result.arms).toEqual([
      expect.objectContaining({ version: 3, arm: '-', counts: { matched: 1, 'blocked-no-consent': 1 } }),
      expect.objectContaining({ version: 3, arm: 'default', conversionRate: 1 }),
      expect.objectContaining({ version: 3, arm: 'holdout', conversionRate: 0.5 }),
    ]);
  });

  it('record the holdout assignment, with its reason, on the customer ledger', async () => {
    // Arrange + Act
    const ledger = await ledgerOf(app, held[0]!);
    // Assert
    expect(ledger).toEqual([expect.objectContaining({ rule: { id: RULE, version: 3, priority: 50 }, arm: 'holdout', state: 'holdout', outcome: 'holdout', reason: 'in the 50% holdout: recorded, not sent' })]);
  });

  it('count an order once, however often it is posted or its stream record delivered', async () => {
    // Arrange
    const body = { type: 'track', messageId: randomUUID(), userId: held[1]!, timestamp: '2026-03-04T20:00:00+09:00', event: 'Order Completed', properties: { order_id: 'o-4', total: 10000 } };
    const before = (await stats()).holdout.converted;
    // Act
    await app.postEvents(body);
    await app.postEvents(body);
    await app.drain();
    await redeliverEvents(app, held[1]!);
    // Assert
    expect((await stats()).holdout.converted).toBe(before + 1);
  });

  it('leave orders after the goal window out', async () => {
    // Arrange
    const before = (await stats()).converted;
    // Act
    await order(sent[0]!, 'o-late', 99000, '2026-03-12T12:00:00+09:00');
    await app.drain();
    // Assert
    expect((await stats()).converted).toBe(before);
  });

  it('show in `retain stats <rule>`', async () => {
    // Arrange
    const out: string[] = [];
    const program = new Command().exitOverride();
    registerStatsCommands(program, { fetch, out: (text) => out.push(text), env: {} });
    // Act
    await program.parseAsync(['stats', RULE, '--url', app.url, '--api-key', app.apiKey], { from: 'user' });
    // Assert
    expect(out.join('').split('\n').slice(0, 10)).toEqual([
      `Rule ${RULE}`,
      '  matched     5',
      '  sent        2  (delivered 2, failed 0)',
      '  deferred    0  (quiet hours 0, budget 0)',
      '  blocked     1  (no consent 1)',
      '  expired     0   duplicates 1', // the stream record redelivered above fired the rule again
      '  converted   2 of 2 delivered (100.0%), revenue 100,000',
      '  holdout     2 of 2 converted (100.0%), revenue 40,000',
      '  lift        +0.0% against the holdout',
      '  by version and variant',
    ]);
  });
});

describe('a rule without sends', () => {
  it('has zero stats and no lift', async () => {
    // Arrange + Act
    const result = await statsOf(app, 'never-ran');
    // Assert
    expect(result).toMatchObject({ matched: 0, sent: 0, conversionRate: null, lift: null, arms: [] });
  });
});

describe('the settings API', () => {
  it('returns what was put, defaults filled in', async () => {
    // Arrange + Act
    const settings = await bodyOf(await app.request('/v1/settings'));
    // Assert
    expect(settings).toMatchObject({ timeZone: 'Asia/Seoul', sender: { name: '데모샵' }, delivery: { adapter: 'webhook', url: endpoint.url }, quietHours: { ad: { start: '21:00', end: '08:00' } } });
  });

  it('refuses quiet hours laxer than the law, naming the field', async () => {
    // Arrange + Act
    const response = await app.request('/v1/settings', { method: 'PUT', json: { sender: SENDER, quietHours: { ad: { start: '23:00', end: '07:00' } } } });
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'quietHours.ad', message: 'must cover 21:00–08:00, when Korean law forbids ads without night consent' }]);
  });
});
