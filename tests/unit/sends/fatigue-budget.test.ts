import { describe, expect, it } from 'vitest';
import { dayLimit, fits, nextDayWithRoom } from '../../../lib/sends/fatigue-budget.js';

const LIMIT = { perDay: 1, perWeek: 3 };

describe('the fatigue budget', () => {
  it('has room on a day without messages', () => {
    // Arrange + Act + Assert
    expect(fits({}, '2026-03-02', LIMIT)).toBe(true);
  });

  it('has no room once the day has its daily limit', () => {
    // Arrange + Act + Assert
    expect(fits({ '2026-03-02': 1 }, '2026-03-02', LIMIT)).toBe(false);
  });

  it('counts the six days before towards the weekly limit', () => {
    // Arrange
    const counts = { '2026-02-24': 1, '2026-02-26': 1, '2026-03-01': 1 };
    // Act + Assert
    expect(dayLimit(counts, '2026-03-02', LIMIT)).toBe(0);
  });

  it('forgets a message once it is seven days old', () => {
    // Arrange: 02-23 is outside the week that ends on 03-02
    const counts = { '2026-02-23': 1, '2026-02-26': 1, '2026-03-01': 1 };
    // Act + Assert
    expect(fits(counts, '2026-03-02', LIMIT)).toBe(true);
  });

  it('finds the next day with room when the week is full', () => {
    // Arrange: room again once 02-26 leaves the window, on 03-05
    const counts = { '2026-02-26': 1, '2026-03-01': 1, '2026-03-02': 1 };
    // Act + Assert
    expect(nextDayWithRoom(counts, '2026-03-02', LIMIT)).toBe('2026-03-05');
  });

  it('finds no day at all when the budget is zero', () => {
    // Arrange + Act + Assert
    expect(nextDayWithRoom({}, '2026-03-02', { perDay: 0, perWeek: 0 })).toBeUndefined();
  });
});
