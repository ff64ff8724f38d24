import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCompleted, productAdded, signedUp, TONER } from '../../../infra/local/simulate/segment-messages.js';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { libraryRules } from '../../support/library-rules.js';
import { ledgerOf } from '../../support/send-app.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const START = '2026-03-02T01:00:00.000Z';
let app: TestApp;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(START);
  app = await startTestApp({ clock, rules: new StaticRuleRepository(libraryRules('welcome-coupon', 'cart-abandonment', 'first-order-feedback')), coalesceScheduleRuns: true });
  await app.runSchedules();
});
afterAll(() => app?.stop());

const PHONE = { phone: '010-1234-5678' };

describe('the handlers as deployed (default send gate: the ledger, then the sends queue)', () => {
  it('hand the welcome send of a signup to the send gate, which delivers it', async () => {
    // Act
    await app.postEvents(signedUp('wiring-1', START, PHONE));
    await app.drain();
    // Assert
    expect(await ledgerOf(app, 'wiring-1')).toMatchObject([{ rule: { id: 'welcome-coupon', version: 2 }, matchedAt: START, state: 'delivered' }]);
  });

  it('keep a cart wait as a timer that the scheduled sweep fires when due', async () => {
    // Arrange
    await app.postEvents(productAdded('wiring-2', START, 'cart-9', TONER));
    await app.drain();
    // Act
    clock.set('2026-03-03T01:01:00.000Z');
    await app.runSchedules();
    // Assert
    expect(await ledgerOf(app, 'wiring-2')).toMatchObject([{ rule: { id: 'cart-abandonment' }, occurrence: 'cart-9', matchedAt: '2026-03-03T01:00:00.000Z' }]);
  });

  it('find a customer by the first-order index on their 30th day', async () => {
    // Arrange: ordered 2026-03-03 10:02 Seoul; the 30th day is 04-02, run at 11:00.
    await app.postEvents(orderCompleted('wiring-3', '2026-03-03T01:02:00.000Z', 'o-1', [TONER]));
    await app.drain();
    // Act
    clock.set('2026-04-02T02:00:00.000Z');
    await app.runSchedules();
    // Assert
    const sends = await ledgerOf(app, 'wiring-3');
    expect(sends.map((send) => [send.rule.id, send.matchedAt])).toEqual([['first-order-feedback', '2026-04-02T02:00:00.000Z']]);
  });
});
