import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, formatDayNumber, parseDayNumber } from '../../../lib/time/civil-days.js';
import { addDays, isValidTimeZone, localDate } from '../../../lib/time/local-date.js';

describe('civil days', () => {
  it('round-trips every day from 1600 to 2400', () => {
    // Arrange
    const first = daysFromCivil(1600, 1, 1);
    const last = daysFromCivil(2400, 12, 31);
    const mismatches: number[] = [];

    // Act
    for (let day = first; day <= last; day++) {
      const { year, month, day: dayOfMonth } = civilFromDays(day);
      if (daysFromCivil(year, month, dayOfMonth) !== day) mismatches.push(day);
    }

    // Assert
    expect(mismatches).toEqual([]);
  });

  it('writes and reads YYYY-MM-DD as Date does', () => {
    // Act
    const text = formatDayNumber(Date.UTC(2024, 1, 29) / 86_400_000);

    // Assert
    expect(text).toBe('2024-02-29');
    expect(parseDayNumber(text)).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(parseDayNumber('2023-02-29')).toBeNaN();
  });
});

describe('localDate', () => {
  it('is the calendar date in the zone', () => {
    // Act
    const dates = [localDate('2026-02-28T15:30:00.000Z', 'Asia/Seoul'), localDate('2026-02-28T15:30:00.000Z', 'UTC'), localDate(new Date('2026-03-08T04:59:59Z'), 'America/New_York')];

    // Assert
    expect(dates).toEqual(['2026-03-01', '2026-02-28', '2026-03-07']);
  });

  it('refuses what is not an instant', () => {
    // Act
    const read = () => localDate('2026-03-01T10:00:00', 'Asia/Seoul');

    // Assert
    expect(read).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    // Act
    const dates = [addDays('2026-02-28', 1), addDays('2024-02-28', 1), addDays('2026-12-31', 1), addDays('2026-03-01', -366)];

    // Assert
    expect(dates).toEqual(['2026-03-01', '2024-02-29', '2027-01-01', '2025-02-28']);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA names only', () => {
    // Act + Assert
    expect([isValidTimeZone('Asia/Seoul'), isValidTimeZone('Mars/Olympus')]).toEqual([true, false]);
  });
});
