import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileLogic } from '../../../lib/rules/json-logic.js';
import { TimeZoneError } from '../../../lib/time/local-day.js';
import { registerCrmOperators } from '../../../lib/rules/register-crm-operators.js';

registerCrmOperators(jsonLogic);

const NOW = '2026-03-02T00:10:00+09:00';

/** Evaluates with the compiled rule, after checking json-logic-js agrees. */
function evaluate(logic: unknown, data: Record<string, unknown>): unknown {
  const compiled = compileLogic(logic)(data);
  expect(compiled).toStrictEqual(jsonLogic.apply(logic as never, data));
  return compiled;
}

describe('days_since', () => {
  it('counts calendar days in the data time zone, Asia/Seoul by default', () => {
    // Act
    const days = evaluate({ days_since: { var: 'profile.lastOrderAt' } }, { profile: { lastOrderAt: '2026-03-01T23:30:00+09:00' }, now: NOW });

    // Assert
    expect(days).toBe(1);
  });

  it('counts the same instants as the same day in UTC', () => {
    // Act
    const days = evaluate({ days_since: { var: 'profile.lastOrderAt' } }, { profile: { lastOrderAt: '2026-03-01T23:30:00+09:00' }, now: NOW, timeZone: 'UTC' });

    // Assert
    expect(days).toBe(0);
  });

  it('takes now as epoch milliseconds', () => {
    // Act
    const days = evaluate({ days_since: '2026-02-01T12:00:00+09:00' }, { now: Date.parse(NOW) });

    // Assert
    expect(days).toBe(29);
  });

  it('makes a customer without the date match neither "within" nor "over"', () => {
    // Arrange
    const data = { profile: { orderCount: 0 }, now: NOW };

    // Act
    const within = evaluate({ '<=': [{ days_since: { var: 'profile.lastOrderAt' } }, 180] }, data);
    const over = evaluate({ '>': [{ days_since: { var: 'profile.lastOrderAt' } }, 365] }, data);

    // Assert
    expect([within, over]).toEqual([false, false]);
  });

  it('throws TimeZoneError for a bad time zone', () => {
    // Act
    const run = (): unknown => compileLogic({ days_since: NOW })({ now: NOW, timeZone: 'Seoul' });

    // Assert
    expect(run).toThrow(TimeZoneError);
  });
});

describe('hours_since', () => {
  it('gives fractional hours', () => {
    // Act
    const hours = evaluate({ hours_since: { var: 'profile.cart.updatedAt' } }, { profile: { cart: { updatedAt: '2026-03-01T22:40:00+09:00' } }, now: NOW });

    // Assert
    expect(hours).toBe(1.5);
  });

  it('is NaN without a date', () => {
    // Act
    const hours = evaluate({ hours_since: { var: 'profile.cart.updatedAt' } }, { profile: {}, now: NOW });

    // Assert
    expect(hours).toBeNaN();
  });
});

describe('has_tag', () => {
  it.each([
    [['vip', 'cycle-sent'], true],
    [['cycle-sent'], false],
    [[], false],
    [undefined, false],
    ['vip', false],
  ])('with tags %j is %s', (tags, expected) => {
    // Act
    const result = evaluate({ has_tag: 'vip' }, { profile: { tags } });

    // Assert
    expect(result).toBe(expected);
  });
});

describe('has_consent', () => {
  const consent = {
    kakao: { ad: { state: 'granted', at: '2026-01-01T00:00:00+09:00', source: 'signup' }, night: { state: 'denied', at: '2026-01-01T00:00:00+09:00', source: 'signup' } },
  };

  it.each([
    ['kakao', 'ad', true],
    ['kakao', 'night', false],
    ['kakao', 'info', false],
    ['sms', 'ad', false],
  ])('%s/%s is %s', (channel, purpose, expected) => {
    // Act
    const result = evaluate({ has_consent: [channel, purpose] }, { profile: { consent } });

    // Assert
    expect(result).toBe(expected);
  });
});

describe('visits_within', () => {
  const recentVisits = [
    '2025-02-01T10:00:00+09:00', // 394 days before now
    '2025-03-02T10:00:00+09:00', // 365 days
    '2026-02-23T23:59:00+09:00', // 7 days
    '2026-03-01T23:30:00+09:00', // 1 day
    '2026-03-02T00:05:00+09:00', // today
    '2026-03-03T09:00:00+09:00', // tomorrow: not a past visit
    'not a date',
  ];
  const data = { profile: { recentVisits }, now: NOW };

  it.each([
    [0, 1],
    [1, 2],
    [7, 3],
    [364, 3],
    [365, 4],
    [400, 5],
  ])('counts the visits of the last %i days (today included): %i', (days, count) => {
    // Act
    const result = evaluate({ visits_within: days }, data);

    // Assert
    expect(result).toBe(count);
  });

  it.each([
    [{ '>=': [{ visits_within: 365 }, 3] }, true],
    [{ '>=': [{ visits_within: 365 }, 5] }, false],
    [{ '>': [{ visits_within: 365 }, 3.5] }, true],
    [{ '<': [{ visits_within: 7 }, 3] }, false],
    [{ '<=': [{ visits_within: 7 }, 2.5] }, false],
    [{ '<=': [3, { visits_within: 7 }] }, true],
    [{ '>': [4, { visits_within: 365 }] }, false],
    [{ '>=': [{ visits_within: 365 }, -1] }, true],
    [{ '<': [{ visits_within: 365 }, 0] }, false],
  ])('compares counts with numbers the same way when it stops early: %j', (rule, expected) => {
    // Act
    const result = evaluate(rule, data);

    // Assert
    expect(result).toBe(expected);
  });

  it('counts nothing without visits', () => {
    // Act
    const result = evaluate({ '>=': [{ visits_within: 365 }, 0] }, { profile: {}, now: NOW });

    // Assert
    expect(result).toBe(true);
  });
});

describe('CRM operators inside some/all', () => {
  it('see the element as data, as json-logic-js gives them', () => {
    // Arrange
    const rule = { some: [{ var: 'profile.orders' }, { '<=': [{ days_since: { var: 'at' } }, 7] }] };
    const data = { profile: { orders: [{ at: '2026-03-01T10:00:00+09:00' }] }, now: NOW };

    // Act
    const result = evaluate(rule, data);

    // Assert: the element has no `now`, so days_since is NaN there.
    expect(result).toBe(false);
  });
});
