import { describe, expect, it } from 'vitest';
import { fireTimes, ScheduleExpressionError } from '../../../infra/local/schedule-expression.js';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('schedule expressions', () => {
  it('fires a rate schedule every period after its anchor', () => {
    // Arrange
    const anchor = new Date('2026-03-01T00:00:30Z');
    // Act
    const times = fireTimes('rate(1 minute)', new Date('2026-03-01T00:01:30Z'), new Date('2026-03-01T00:04:00Z'), anchor);
    // Assert
    expect(iso(times)).toEqual(['2026-03-01T00:02:30.000Z', '2026-03-01T00:03:30.000Z']);
  });

  it('fires a cron schedule at each matching minute, in UTC', () => {
    // Arrange + Act
    const times = fireTimes('cron(0 1 * * ? *)', new Date('2026-03-01T00:00:00Z'), new Date('2026-03-03T12:00:00Z'));
    // Assert
    expect(iso(times)).toEqual(['2026-03-01T01:00:00.000Z', '2026-03-02T01:00:00.000Z', '2026-03-03T01:00:00.000Z']);
  });

  it('understands steps, ranges and day names', () => {
    // Arrange + Act  (2026-03-02 is a Monday)
    const times = fireTimes('cron(0/30 9-10 ? * MON-FRI *)', new Date('2026-02-28T00:00:00Z'), new Date('2026-03-02T23:00:00Z'));
    // Assert
    expect(iso(times)).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-02T09:30:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.000Z']);
  });

  it('refuses what it cannot read', () => {
    // Arrange + Act + Assert
    expect(() => fireTimes('every minute', new Date(0), new Date(60_000))).toThrow(ScheduleExpressionError);
    expect(() => fireTimes('cron(0 25 * * ? *)', new Date(0), new Date(60_000))).toThrow('"25" is not between 0 and 23');
  });
});
