import { describe, expect, it } from 'vitest';
import { toEpochMs } from '../../../lib/time/iso-instant.js';
import { TimeZoneError, assertTimeZone, calendarDaysSince, localDayNumber } from '../../../lib/time/local-day.js';

describe('toEpochMs', () => {
  it.each([
    '2026-03-01T23:30:00+09:00',
    '2026-03-01T14:30:00Z',
    '2026-03-01T14:30:00.123Z',
    '2026-03-01T14:30:00.123456789Z',
    '2026-03-01T09:30-05:00',
    '2024-02-29T00:00:00+0530',
    '2026-03-01T14:30:00z',
  ])('reads %s as Date does', (text) => {
    // Act
    const ms = toEpochMs(text);

    // Assert
    expect(ms).toBe(Date.parse(text.replace('+0530', '+05:30').replace(/z$/, 'Z')));
  });

  it.each(['2026-03-01', '2026-03-01T10:00:00', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', 'yesterday', '', '2026-03-01T10:00:00+09:00 ', '2026-03-01T10:00:00.Z'])(
    'gives NaN for %j, which has no offset or is not a date',
    (text) => {
      // Act
      const ms = toEpochMs(text);

      // Assert
      expect(ms).toBeNaN();
    },
  );

  it('passes epoch milliseconds through', () => {
    // Act
    const ms = toEpochMs(1_772_330_400_000);

    // Assert
    expect(ms).toBe(1_772_330_400_000);
  });
});

describe('calendar days in a time zone', () => {
  it('counts 23:30 yesterday as one day ago in Seoul', () => {
    // Act
    const days = calendarDaysSince('2026-03-01T23:30:00+09:00', '2026-03-02T00:10:00+09:00', 'Asia/Seoul');

    // Assert
    expect(days).toBe(1);
  });

  it('counts the same instants as the same day in UTC', () => {
    // Act
    const days = calendarDaysSince('2026-03-01T23:30:00+09:00', '2026-03-02T00:10:00+09:00', 'UTC');

    // Assert
    expect(days).toBe(0);
  });

  it('reads the local date whatever offset the string was written with', () => {
    // Act
    const days = calendarDaysSince('2026-03-01T14:30:00Z', '2026-03-01T15:10:00Z', 'Asia/Seoul');

    // Assert
    expect(days).toBe(1);
  });

  it('is negative for a date after now', () => {
    // Act
    const days = calendarDaysSince('2026-03-05T10:00:00+09:00', '2026-03-01T10:00:00+09:00', 'Asia/Seoul');

    // Assert
    expect(days).toBe(-4);
  });

  it('is NaN without a date', () => {
    // Act
    const days = calendarDaysSince(undefined, '2026-03-01T10:00:00+09:00', 'Asia/Seoul');

    // Assert
    expect(days).toBeNaN();
  });

  it.each([
    ['2026-03-08T04:59:59Z', 20_519], // 23:59:59 EST, March 7
    ['2026-03-08T05:00:00Z', 20_520], // midnight EST, March 8
    ['2026-03-09T03:59:59Z', 20_520], // 23:59:59 EDT, March 8
    ['2026-03-09T04:00:00Z', 20_521], // midnight EDT, March 9
    ['2026-11-01T03:59:59Z', 20_757], // 23:59:59 EDT, October 31
    ['2026-11-02T04:59:59Z', 20_758], // 23:59:59 EST, November 1
    ['2026-11-02T05:00:00Z', 20_759], // midnight EST, November 2
  ])('follows New York across daylight saving time: %s', (instant, day) => {
    // Act
    const local = localDayNumber(Date.parse(instant), 'America/New_York');

    // Assert
    expect(local).toBe(day);
  });

  it('handles zones with half-hour offsets and transitions (Lord Howe)', () => {
    // Arrange: on 2026-04-04 Lord Howe is still at +11:00, so its midnight is 13:00Z.
    const before = Date.parse('2026-04-04T12:59:00Z');
    const after = Date.parse('2026-04-04T13:01:00Z');

    // Act
    const days = [localDayNumber(before, 'Australia/Lord_Howe'), localDayNumber(after, 'Australia/Lord_Howe')];

    // Assert
    expect(days).toEqual([20_547, 20_548]);
  });

  it('agrees with Intl on every hour of a year in several zones', () => {
    // Arrange
    const zones = ['Asia/Seoul', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns'];
    const start = Date.parse('2025-12-31T00:00:00Z');
    const mismatches: string[] = [];

    // Act
    for (const zone of zones) {
      const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      for (let hour = 0; hour < 366 * 24; hour += 1) {
        const ms = start + hour * 3_600_000 + 17 * 60_000;
        const expected = Date.parse(`${format.format(ms)}T00:00:00Z`) / 86_400_000;
        if (localDayNumber(ms, zone) !== expected) mismatches.push(`${zone} ${new Date(ms).toISOString()}`);
      }
    }

    // Assert
    expect(mismatches).toEqual([]);
  });
});

describe('assertTimeZone', () => {
  it('names a bad zone', () => {
    // Act
    const check = (): void => assertTimeZone('Mars/Olympus');

    // Assert
    expect(check).toThrow(TimeZoneError);
    expect(check).toThrow('time zone "Mars/Olympus" is not an IANA time zone name (for example "Asia/Seoul")');
  });
});
