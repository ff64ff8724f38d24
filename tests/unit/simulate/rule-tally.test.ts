import { describe, expect, it } from 'vitest';
import { isoWeek, RuleTally } from '../../../infra/local/simulate/rule-tally.js';

describe('isoWeek', () => {
  it.each([
    ['2026-03-02', '2026-W10'], // a Monday
    ['2026-03-08', '2026-W10'], // the Sunday of the same week
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 of its own year
    ['2027-01-01', '2026-W53'], // a Friday: the last week of the year before
    ['2024-12-30', '2025-W01'], // a Monday in December: week 1 of the next year
  ])('puts %s in %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});

describe('RuleTally', () => {
  it('counts by the local week of each entry, deferrals and gate refusals in their columns', () => {
    // Arrange: Sunday 23:30 in Seoul is still week 10; 00:30 on Monday is week 11.
    const tally = new RuleTally('Asia/Seoul');
    const entry = { workspace: 'shop', ruleId: 'cart', customerId: 'c1' };
    // Act
    tally.record({ ...entry, kind: 'matched', at: '2026-03-08T14:30:00Z' });
    tally.record({ ...entry, kind: 'send:deferred-quiet-hours', at: '2026-03-08T14:30:00Z' });
    tally.record({ ...entry, kind: 'cancelled', at: '2026-03-08T15:30:00Z', count: 2 });
    tally.record({ ...entry, kind: 'send:blocked-no-consent', at: '2026-03-08T15:30:00Z' });
    tally.record({ ...entry, kind: 'send:holdout', at: '2026-03-08T15:30:00Z' });
    tally.record({ ...entry, kind: 'send:expired', at: '2026-03-08T15:30:00Z' });
    tally.record({ ...entry, kind: 'waiting', at: '2026-03-08T15:30:00Z' });
    // Assert
    expect(tally.weeksOf('cart').map(([week, row]) => [week, row.matched, row.deferred, row.cancelled, row.holdout, row.blocked])).toEqual([
      ['2026-W10', 1, 1, 0, 0, 0],
      ['2026-W11', 0, 0, 2, 1, 2],
    ]);
    expect(tally.total('cart')).toMatchObject({ matched: 1, deferred: 1, cancelled: 2, holdout: 1, blocked: 2, sent: 0 });
  });
});
