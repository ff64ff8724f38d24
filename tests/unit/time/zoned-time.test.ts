import { describe, expect, it } from 'vitest';
import { localDayRange, zonedInstant } from '../../../lib/time/zoned-time.js';

describe('zonedInstant', () => {
  it.each([
    ['2026-03-02', '10:00', 'Asia/Seoul', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02', '00:00', 'Asia/Seoul', '2026-03-01T15:00:00.000Z'],
    ['2026-07-01', '10:00', 'Europe/Berlin', '2026-07-01T08:00:00.000Z'],
    ['2026-03-02', '10:00', 'UTC', '2026-03-02T10:00:00.000Z'],
  ])('reads %s %s in %s as %s', (date, time, zone, expected) => {
    expect(zonedInstant(date, time, zone).toISOString()).toBe(expected);
  });

  it('takes the instant after a spring-forward gap for a time the gap skips', () => {
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('takes the first of the two instants a fall-back repeats', () => {
    expect(zonedInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('localDayRange', () => {
  it('is the UTC range of a Seoul day', () => {
    expect(localDayRange('2026-03-01', 'Asia/Seoul')).toEqual({ from: new Date('2026-02-28T15:00:00Z'), to: new Date('2026-03-01T15:00:00Z') });
  });

  it('is 23 hours long on a spring-forward day', () => {
    const { from, to } = localDayRange('2026-03-08', 'America/New_York');
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(23);
  });
});
