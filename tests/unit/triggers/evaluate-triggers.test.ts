import { describe, expect, it } from 'vitest';
import { evaluateTriggers } from '../../../lib/triggers/evaluate-triggers.js';
import { canonical } from '../../support/canonical-events.js';
import { InMemoryProfileReader, infoSend, ruleOf } from '../../support/rule-fixtures.js';
import { committed, triggerHarness } from './trigger-harness.js';

const welcome = ruleOf({ id: 'welcome', kind: 'trigger', on: ['signed_up'], actions: [infoSend('가입을 환영합니다')] });
const cartAbandonment = ruleOf({
  id: 'cart-abandonment', kind: 'trigger', on: ['cart_updated'], cancelOn: ['order_placed'], wait: { hours: 24 },
  occurrence: { var: 'event.cart.token' }, audience: { '>': [{ var: 'profile.cart.value' }, 0] }, actions: [infoSend()],
});
const cart = (at: string, token: string) => canonical(at, { type: 'cart_updated', cart: { mode: 'add', token, items: [{ productId: 'p-1', price: 15000, quantity: 1 }] } });
const order = (at: string) => canonical(at, { type: 'order_placed', order: { orderId: `o-${at}`, value: 15000 } });
const withCart = { cart: { token: 'c1', currency: 'KRW', items: [], value: 15000, updatedAt: '2026-03-02T00:00:00.000Z' } };

describe('evaluateTriggers', () => {
  it('hands a matching rule without a wait to the send gate at once, as of the event', async () => {
    // Arrange
    const deps = triggerHarness([welcome]);
    const signup = canonical('2026-03-02T00:10:00Z', { type: 'signed_up' });
    // Act
    await evaluateTriggers(committed(signup, { isMember: true }), deps);
    // Assert
    expect(deps.gate.requests.map(({ request }) => [request.rule.id, request.customerId, request.occurrence, request.matchedAt])).toEqual([
      ['welcome', 'kim', signup.eventId, '2026-03-02T00:10:00.000Z'],
    ]);
  });

  it('leaves rules of other event types alone', async () => {
    // Arrange
    const deps = triggerHarness([welcome]);
    // Act
    await evaluateTriggers(committed(canonical('2026-03-02T00:10:00Z', { type: 'logged_in' })), deps);
    // Assert
    expect(deps.gate.requests).toEqual([]);
  });

  it('does nothing when the audience does not match the profile as of the event', async () => {
    // Arrange
    const vip = ruleOf({ id: 'vip', kind: 'trigger', on: ['order_placed'], audience: { '>=': [{ var: 'profile.totalSpent' }, 500000] }, actions: [{ type: 'tag', add: ['vip'] }] });
    const deps = triggerHarness([vip]);
    // Act
    await evaluateTriggers(committed(order('2026-03-02T00:10:00Z'), { totalSpent: 499_999 }), deps);
    // Assert
    expect(deps.tags.changes).toEqual([]);
  });

  it('adds tags for a tag action', async () => {
    // Arrange
    const vip = ruleOf({ id: 'vip', kind: 'trigger', on: ['order_placed'], audience: { '>=': [{ var: 'profile.totalSpent' }, 500000] }, actions: [{ type: 'tag', add: ['vip'] }] });
    const deps = triggerHarness([vip]);
    // Act
    await evaluateTriggers(committed(order('2026-03-02T00:10:00Z'), { totalSpent: 520_000 }), deps);
    // Assert
    expect(deps.tags.changes).toEqual([{ customerId: 'kim', add: ['vip'], remove: [] }]);
  });

  it('starts a wait keyed by rule and occurrence, due after the event time (not the processing time)', async () => {
    // Arrange
    const deps = triggerHarness([cartAbandonment], '2026-03-02T05:00:00Z');
    // Act
    await evaluateTriggers(committed(cart('2026-03-02T00:00:00Z', 'c1'), withCart), deps);
    // Assert
    expect(deps.timers.list().map((timer) => [timer.key, timer.dueAt, timer.kind])).toEqual([['cart-abandonment#c1', '2026-03-03T00:00:00.000Z', 'trigger-wait']]);
    expect(deps.gate.requests).toEqual([]);
  });

  it('moves the wait when the same cart is updated again', async () => {
    // Arrange
    const deps = triggerHarness([cartAbandonment], '2026-03-03T00:00:00Z');
    await evaluateTriggers(committed(cart('2026-03-02T00:00:00Z', 'c1'), withCart), deps);
    // Act
    await evaluateTriggers(committed(cart('2026-03-02T06:00:00Z', 'c1'), withCart), deps);
    // Assert
    expect(deps.timers.list().map((timer) => timer.dueAt)).toEqual(['2026-03-03T06:00:00.000Z']);
  });

  it('does not move a wait back when an older update of the cart is delivered again', async () => {
    // Arrange
    const deps = triggerHarness([cartAbandonment], '2026-03-03T00:00:00Z');
    const first = cart('2026-03-02T00:00:00Z', 'c1');
    await evaluateTriggers(committed(first, withCart), deps);
    await evaluateTriggers(committed(cart('2026-03-02T06:00:00Z', 'c1'), withCart), deps);
    // Act
    await evaluateTriggers(committed(first, withCart), deps);
    // Assert
    expect(deps.timers.list().map((timer) => timer.dueAt)).toEqual(['2026-03-03T06:00:00.000Z']);
  });

  it('keeps one wait per cart', async () => {
    // Arrange
    const deps = triggerHarness([cartAbandonment], '2026-03-03T00:00:00Z');
    // Act
    await evaluateTriggers(committed(cart('2026-03-02T00:00:00Z', 'c1'), withCart), deps);
    await evaluateTriggers(committed(cart('2026-03-02T01:00:00Z', 'c2'), withCart), deps);
    // Assert
    expect(deps.timers.list().map((timer) => timer.key).sort()).toEqual(['cart-abandonment#c1', 'cart-abandonment#c2']);
  });

  it('cancels every wait of the rule started at or before an event in cancelOn', async () => {
    // Arrange
    const deps = triggerHarness([cartAbandonment], '2026-03-03T00:00:00Z');
    await evaluateTriggers(committed(cart('2026-03-02T00:00:00Z', 'c1'), withCart), deps);
    await evaluateTriggers(committed(cart('2026-03-02T01:00:00Z', 'c2'), withCart), deps);
    // Act
    await evaluateTriggers(committed(order('2026-03-02T02:00:00Z')), deps);
    // Assert
    expect(deps.timers.list()).toEqual([]);
    expect(deps.activity.entries.filter((entry) => entry.kind === 'cancelled')).toMatchObject([{ ruleId: 'cart-abandonment', count: 2 }]);
  });

  it('keeps a wait started after the cancelling event (an order that arrived late)', async () => {
    // Arrange
    const deps = triggerHarness([cartAbandonment], '2026-03-03T00:00:00Z');
    await evaluateTriggers(committed(cart('2026-03-02T03:00:00Z', 'c3'), withCart), deps);
    // Act
    await evaluateTriggers(committed(order('2026-03-02T02:00:00Z')), deps);
    // Assert
    expect(deps.timers.list().map((timer) => timer.key)).toEqual(['cart-abandonment#c3']);
  });

  it('leaves anonymous visitors alone', async () => {
    // Arrange
    const deps = triggerHarness([welcome]);
    // Act
    await evaluateTriggers(committed(canonical('2026-03-02T00:10:00Z', { type: 'signed_up' }), {}, 'visitor'), deps);
    // Assert
    expect(deps.gate.requests).toEqual([]);
  });

  it('uses the clock, not an event time in the future, as now', async () => {
    // Arrange
    const deps = triggerHarness([welcome], '2026-03-02T01:00:00Z');
    // Act
    await evaluateTriggers(committed(canonical('2026-03-02T09:00:00Z', { type: 'signed_up' })), deps);
    // Assert
    expect(deps.gate.requests[0]?.request.matchedAt).toBe('2026-03-02T01:00:00.000Z');
  });

  it('matches page-targeted rules on the path and the utm source of the event', async () => {
    // Arrange
    const landing = ruleOf({
      id: 'spring-landing', kind: 'trigger', on: ['page_viewed'], actions: [infoSend()],
      audience: { or: [{ '==': [{ var: 'event.page.path' }, '/promo/spring'] }, { '==': [{ var: 'event.campaign.source' }, 'naver'] }] },
    });
    const deps = triggerHarness([landing]);
    // Act
    await evaluateTriggers(committed(canonical('2026-03-02T00:10:00Z', { type: 'page_viewed', page: { path: '/promo/spring' } })), deps);
    await evaluateTriggers(committed(canonical('2026-03-02T00:11:00Z', { type: 'page_viewed', page: { path: '/' }, campaign: { source: 'naver' } })), deps);
    await evaluateTriggers(committed(canonical('2026-03-02T00:12:00Z', { type: 'page_viewed', page: { path: '/' } })), deps);
    // Assert
    expect(deps.gate.requests).toHaveLength(2);
  });

  describe('an event that was old when it arrived', () => {
    const received = (at: string, receivedAt: string, type: 'signed_up' | 'order_placed' = 'signed_up') => ({
      ...committed(type === 'signed_up' ? canonical(at, { type }) : order(at), { isMember: true }),
      receivedAt,
    });

    it('starts no rule past the default day, and says so', async () => {
      // Arrange: a 2021 signup imported today
      const deps = triggerHarness([welcome], '2026-03-02T01:00:00Z');
      // Act
      await evaluateTriggers(received('2021-12-29T09:45:19Z', '2026-03-02T00:59:00Z'), deps);
      // Assert
      expect(deps.gate.requests).toEqual([]);
      expect(deps.activity.entries).toMatchObject([{ ruleId: 'welcome', kind: 'stale' }]);
    });

    it('still starts it within the day', async () => {
      // Arrange: an SDK that was offline flushes a signup 23 hours late
      const deps = triggerHarness([welcome], '2026-03-02T01:00:00Z');
      // Act
      await evaluateTriggers(received('2026-03-01T01:30:00Z', '2026-03-02T00:30:00Z'), deps);
      // Assert
      expect(deps.gate.requests).toHaveLength(1);
    });

    it('follows the rule\'s own maxEventAge', async () => {
      // Arrange
      const quick = ruleOf({ id: 'quick-welcome', kind: 'trigger', on: ['signed_up'], maxEventAge: { minutes: 30 }, actions: [infoSend()] });
      const deps = triggerHarness([quick], '2026-03-02T01:00:00Z');
      // Act
      await evaluateTriggers(received('2026-03-02T00:20:00Z', '2026-03-02T00:51:00Z'), deps);
      await evaluateTriggers(received('2026-03-02T00:30:00Z', '2026-03-02T00:59:00Z'), deps);
      // Assert
      expect(deps.gate.requests.map(({ request }) => request.matchedAt)).toEqual(['2026-03-02T00:30:00.000Z']);
    });

    it('still cancels the waits it would end (an order is an order, however late)', async () => {
      // Arrange
      const deps = triggerHarness([cartAbandonment], '2026-03-04T05:00:00Z');
      await evaluateTriggers({ ...committed(cart('2026-03-02T00:00:00Z', 'c1'), withCart), receivedAt: '2026-03-02T00:00:01Z' }, deps);
      // Act
      await evaluateTriggers(received('2026-03-02T00:05:00Z', '2026-03-04T04:59:00Z', 'order_placed'), deps);
      // Assert
      expect(deps.activity.kinds()).toEqual(['waiting', 'cancelled']);
    });
  });

  describe('with a settle window', () => {
    const settled = (now: string) => {
      const deps = triggerHarness([welcome], now);
      const lookups: string[] = [];
      const settle = { ms: 30_000, profiles: new InMemoryProfileReader(), sameTime: { at: async (_workspace: string, _customerId: string, occurredAt: string) => (lookups.push(occurredAt), []) } };
      return { deps: { ...deps, settle }, lookups };
    };

    it('does not act at once: a trigger-settle timer acts 30 s after the event arrived', async () => {
      // Arrange
      const { deps } = settled('2026-03-02T00:10:05Z');
      // Act
      await evaluateTriggers({ ...committed(canonical('2026-03-02T00:10:00Z', { type: 'signed_up' }), { isMember: true }), receivedAt: '2026-03-02T00:10:01.000Z' }, deps);
      // Assert
      expect(deps.gate.requests).toEqual([]);
      expect(deps.timers.of('kim')).toEqual([expect.objectContaining({ kind: 'trigger-settle', dueAt: '2026-03-02T00:10:31.000Z', startedAt: '2026-03-02T00:10:00.000Z' })]);
    });

    it('looks for the events of its instant, but not for those of an import of history', async () => {
      // Arrange
      const { deps, lookups } = settled('2026-03-02T00:10:05Z');
      // Act
      await evaluateTriggers({ ...committed(canonical('2026-03-02T00:10:00Z', { type: 'profile_updated' })), receivedAt: '2026-03-02T00:10:01.000Z' }, deps);
      await evaluateTriggers({ ...committed(canonical('2021-12-29T09:45:19Z', { type: 'profile_updated' })), receivedAt: '2026-03-02T00:10:02.000Z' }, deps);
      // Assert
      expect(lookups).toEqual(['2026-03-02T00:10:00.000Z']);
    });
  });
});
