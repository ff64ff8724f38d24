import { describe, expect, it } from 'vitest';
import { segmentResolverOf } from '../../../lib/rules/segment-resolver.js';
import { renderRuleTest, testRule } from '../../../lib/rules/test-rule.js';
import { infoSend, ruleOf } from '../../support/rule-fixtures.js';

const NOW = '2026-03-02T10:00:00+09:00';
const SEOUL = 'Asia/Seoul';
const vip = ruleOf({ id: 'vip', kind: 'segment', condition: { '>=': [{ var: 'profile.totalSpent' }, 1_000_000] } });
const cart = ruleOf({
  id: 'cart', kind: 'trigger', on: ['cart_updated'], wait: { hours: 24 }, cancelOn: ['order_placed'], audience: { '>': [{ var: 'profile.cart.value' }, 0] }, actions: [infoSend()],
});
const feedback = ruleOf({ id: 'feedback', kind: 'scheduled', anchor: 'firstOrderAt', days: [30, 60], at: '11:00', actions: [infoSend()] });
const segments = segmentResolverOf([vip]);

describe('testRule', () => {
  it('explains a segment sub-condition by sub-condition', () => {
    // Act
    const result = testRule(vip, { profile: { totalSpent: 1_200_000 }, now: NOW, timeZone: SEOUL }, segments);
    // Assert
    expect(renderRuleTest(result)).toEqual(['vip v1 (segment): applies', 'condition:', '  ✓ profile.totalSpent >= 1000000', '    profile.totalSpent = 1200000']);
  });

  it('says that a starting event starts a wait, and the audience decides', () => {
    // Act
    const result = testRule(cart, { profile: { cart: { value: 39_000 } }, event: { type: 'cart_updated' }, now: NOW, timeZone: SEOUL }, segments);
    // Assert
    expect(result).toMatchObject({ applies: true, trigger: { starts: true, cancelsWait: false, wait: { hours: 24 } } });
    expect(renderRuleTest(result).slice(0, 4)).toEqual([
      'cart v1 (trigger): applies',
      '  ✓ "cart_updated" starts the rule (on: cart_updated)',
      '  ✓ the event arrives as it happens (no event.occurredAt given) — the rule starts only on events at most 24 hours old when they arrive (maxEventAge)',
      '  starts a wait of 24 hours; the audience is checked again when it ends',
    ]);
  });

  it('does not apply a trigger to an event that is old when it arrives at `now`, and says how old', () => {
    // Arrange: a Shopify customers/create of 2021, received today
    const welcome = ruleOf({ id: 'welcome', kind: 'trigger', on: ['signed_up'], maxEventAge: { hours: 6 }, actions: [infoSend()] });
    // Act
    const result = testRule(welcome, { profile: {}, event: { type: 'signed_up', occurredAt: '2021-12-29T15:15:19+05:30' }, now: NOW, timeZone: SEOUL }, segments);
    // Assert
    expect(result.applies).toBe(false);
    expect(result.checks[1]).toEqual({
      text: 'the event (occurredAt 2021-12-29T15:15:19+05:30) is 1523 days 15 hours 14 minutes old when it arrives at 2026-03-02T10:00:00+09:00 — the rule starts only on events at most 6 hours old when they arrive (maxEventAge)',
      holds: false,
    });
  });

  it('does not apply a trigger without its starting event, and says which event cancels its wait', () => {
    // Act
    const none = testRule(cart, { profile: { cart: { value: 39_000 } }, now: NOW, timeZone: SEOUL }, segments);
    const order = testRule(cart, { profile: { cart: { value: 39_000 } }, event: { type: 'order_placed' }, now: NOW, timeZone: SEOUL }, segments);
    // Assert
    expect(none.checks).toEqual([{ text: 'no event given — the rule starts on cart_updated', holds: false }]);
    expect(none.applies).toBe(false);
    expect(order).toMatchObject({ applies: false, trigger: { starts: false, cancelsWait: true } });
    expect(renderRuleTest(order)).toContain('  cancels a pending wait of this rule');
  });

  it('applies a scheduled rule on a due day only, counted in the time zone', () => {
    // Arrange: a first order on 02-01 00:30 in Seoul was on 01-31 in UTC: 03-02 is day 29 in Seoul, day 30 in UTC.
    const profile = { orderCount: 1, firstOrderAt: '2026-02-01T00:30:00+09:00' };
    // Act
    const seoul = testRule(feedback, { profile, now: NOW, timeZone: SEOUL }, segments);
    const utc = testRule(feedback, { profile, now: NOW, timeZone: 'UTC' }, segments);
    // Assert
    expect(seoul.checks).toEqual([{ text: 'day 29 after profile.firstOrderAt (Asia/Seoul) — the rule is due on day 30, 60', holds: false }]);
    expect([seoul.applies, utc.applies]).toEqual([false, true]);
  });
});
