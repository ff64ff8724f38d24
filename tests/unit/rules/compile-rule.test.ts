import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileRule } from '../../../lib/rules/compile-rule.js';
import { RuleEvaluationError } from '../../../lib/rules/rule-evaluation-error.js';
import { RuleSchema } from '../../../lib/rules/rule-schema.js';
import { emptyProfileState } from '../../../lib/profiles/profile-state.js';
import { toProfileView, type ProfileView } from '../../../lib/profiles/profile-view.js';

const profile = (overrides: Partial<ProfileView>): ProfileView => ({
  ...toProfileView({ workspace: 'w', customerId: 'c', anonymous: false }, emptyProfileState()),
  ...overrides,
});
const send = { type: 'send', channel: 'alimtalk', purpose: 'info', message: { text: '안녕하세요' } };

describe('compileRule', () => {
  it('reads a trigger: start and cancel events, audience, occurrence', () => {
    // Arrange
    const rule = compileRule(
      RuleSchema.parse({
        id: 'cart-abandonment', version: 1, description: 'cart left', kind: 'trigger', on: ['cart_updated'], cancelOn: ['order_placed'], wait: { hours: 24 },
        occurrence: { var: 'event.cart.token' }, audience: { '>': [{ var: 'profile.cart.value' }, 0] }, actions: [send],
      }),
    );
    const data = { profile: profile({ cart: { token: 't1', currency: 'KRW', items: [], value: 15000, updatedAt: '2026-03-01T00:00:00.000Z' } }), now: '2026-03-01T00:00:00Z', timeZone: 'Asia/Seoul' };
    // Act + Assert
    expect([rule.startsOn('cart_updated'), rule.startsOn('order_placed'), rule.cancelledBy('order_placed')]).toEqual([true, false, true]);
    expect(rule.matches(data)).toBe(true);
    expect(rule.occurrenceOf({ ...data, event: { eventId: 'e1', cart: { token: 'cart-9' } } })).toBe('cart-9');
    expect(rule.occurrenceOf({ ...data, event: { eventId: 'e1', cart: {} } })).toBe('e1');
  });

  it('makes a rule with "once": "customer" one occurrence per customer, whatever the event', () => {
    // Arrange
    const rule = compileRule(RuleSchema.parse({ id: 'welcome', version: 1, description: 'welcome', kind: 'trigger', on: ['signed_up'], once: 'customer', actions: [send] }));
    const data = { profile: profile({}), now: '2026-03-01T00:00:00Z', timeZone: 'Asia/Seoul' };
    // Act
    const occurrences = ['e1', 'e2'].map((eventId) => rule.occurrenceOf({ ...data, event: { eventId } }));
    // Assert
    expect(occurrences).toEqual(['customer', 'customer']);
  });

  it('refuses "once" together with "occurrence", naming the field', () => {
    // Arrange + Act
    const parsed = RuleSchema.safeParse({ id: 'welcome', version: 1, description: 'welcome', kind: 'trigger', on: ['signed_up'], once: 'customer', occurrence: { var: 'event.eventId' }, actions: [send] });
    // Assert
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['once'], message: expect.stringContaining('either "once" or "occurrence"') })]);
  });

  it('finds the milestone of a scheduled rule in local days', () => {
    // Arrange
    const rule = compileRule(RuleSchema.parse({ id: 'feedback', version: 1, description: 'd', kind: 'scheduled', anchor: 'firstOrderAt', days: [30, 60, 90], at: '10:00', actions: [send] }));
    // 2026-01-30T16:00Z is 01-31 01:00 in Seoul: 30 local days before 03-02 10:00 Seoul.
    const customer = profile({ firstOrderAt: '2026-01-30T16:00:00.000Z' });
    // Act + Assert
    expect(rule.dueMilestone({ profile: customer, now: '2026-03-02T01:00:00Z', timeZone: 'Asia/Seoul' })).toBe(30);
    expect(rule.dueMilestone({ profile: customer, now: '2026-03-03T01:00:00Z', timeZone: 'Asia/Seoul' })).toBeUndefined();
    expect(rule.dueMilestone({ profile: profile({}), now: '2026-03-02T01:00:00Z', timeZone: 'Asia/Seoul' })).toBeUndefined();
  });

  it('follows the customer’s own purchase cycle once they have enough orders', () => {
    // Arrange
    const rule = compileRule(
      RuleSchema.parse({ id: 'cycle', version: 1, description: 'd', kind: 'scheduled', anchor: 'lastOrderAt', days: { fromProfile: 'avgOrderIntervalDays', default: 30 }, at: '10:00', actions: [send] }),
    );
    // Act + Assert
    expect(rule.dueDays(profile({ orderCount: 3, avgOrderIntervalDays: 21.6 }))).toEqual([22]);
    expect(rule.dueDays(profile({ orderCount: 1, avgOrderIntervalDays: null }))).toEqual([30]);
  });
});

describe('compileRule on trait values of any JSON shape', () => {
  const hostile = { toString: 1 };
  const data = { profile: profile({ traits: { grade: hostile } }), now: '2026-03-01T00:00:00Z', timeZone: 'Asia/Seoul' };
  const trigger = (fields: Record<string, unknown>) =>
    compileRule(RuleSchema.parse({ id: 'grade-gold', version: 3, description: 'd', kind: 'trigger', on: ['signed_up'], audience: true, actions: [send], ...fields }));

  it('names the rule and the part when json-logic-js itself throws on the value', () => {
    // Arrange
    const audience = { '==': [{ var: 'profile.traits.grade' }, 'gold'] };
    const rule = trigger({ audience });
    // Act
    const thrown = (() => {
      try {
        return rule.matches(data);
      } catch (error) {
        return error;
      }
    })();
    // Assert: the reference throws on the same rule and data; the compiled rule says which rule and part.
    expect(() => jsonLogic.apply(audience as never, structuredClone(data))).toThrow(TypeError);
    expect(thrown).toBeInstanceOf(RuleEvaluationError);
    expect(thrown).toMatchObject({ ruleId: 'grade-gold', ruleVersion: 3, part: 'audience', cause: expect.any(TypeError) });
    expect((thrown as Error).message).toContain('rule "grade-gold" v3: audience cannot be evaluated');
  });

  it('answers as json-logic-js does where it does not throw', () => {
    // Arrange: `===`, `in` and `!` never convert the value.
    const audiences = [{ '===': [{ var: 'profile.traits.grade' }, 'gold'] }, { in: ['gold', { var: 'profile.traits.grade' }] }, { '!': { var: 'profile.traits.grade' } }, { var: 'profile.traits.grade.toString' }];
    // Act
    const verdicts = audiences.map((audience) => trigger({ audience }).matches(data));
    // Assert
    expect(verdicts).toEqual(audiences.map((audience) => Boolean(jsonLogic.truthy(jsonLogic.apply(audience as never, structuredClone(data))))));
  });

  it('throws a RuleEvaluationError for an occurrence that cannot be made a key', () => {
    // Arrange
    const rule = trigger({ occurrence: { var: 'profile.traits.grade' } });
    // Act + Assert
    expect(() => rule.occurrenceOf({ ...data, event: { eventId: 'e1' } })).toThrow(RuleEvaluationError);
  });
});

