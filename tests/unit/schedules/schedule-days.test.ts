import { describe, expect, it } from 'vitest';
import { planScheduleDays } from '../../../lib/schedules/schedule-days.js';

// 10:00 in Seoul is 01:00 UTC.
const plan = (now: string, lastCompleted: string | undefined, maxCatchUpDays = 7) =>
  planScheduleDays({ now: new Date(now), at: '10:00', timeZone: 'Asia/Seoul', lastCompleted, maxCatchUpDays });

describe('planScheduleDays', () => {
  it('runs today once its local time has come', () => {
    expect(plan('2026-03-02T01:00:00Z', '2026-03-01')).toEqual({ days: ['2026-03-02'], skipped: [] });
  });

  it('waits for today’s local time', () => {
    expect(plan('2026-03-02T00:59:00Z', '2026-03-01')).toEqual({ days: [], skipped: [] });
  });

  it('does nothing more once today is done', () => {
    expect(plan('2026-03-02T05:00:00Z', '2026-03-02')).toEqual({ days: [], skipped: [] });
  });

  it('catches up the days a stopped job missed, oldest first', () => {
    expect(plan('2026-03-04T02:00:00Z', '2026-03-01')).toEqual({ days: ['2026-03-02', '2026-03-03', '2026-03-04'], skipped: [] });
  });

  it('catches up a missed yesterday before today’s time has come', () => {
    expect(plan('2026-03-03T00:00:00Z', '2026-03-01')).toEqual({ days: ['2026-03-02'], skipped: [] });
  });

  it('skips missed days beyond the catch-up window', () => {
    expect(plan('2026-03-10T02:00:00Z', '2026-03-01', 3)).toEqual({ days: ['2026-03-08', '2026-03-09', '2026-03-10'], skipped: ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'] });
  });

  it('starts a rule it has never run with today’s run, not with history', () => {
    expect(plan('2026-03-02T03:00:00Z', undefined)).toEqual({ days: ['2026-03-02'], skipped: [] });
  });

  it('marks yesterday done for a new rule whose time today has not come', () => {
    expect(plan('2026-03-02T00:00:00Z', undefined)).toEqual({ days: [], skipped: [], startFrom: '2026-03-01' });
  });

  it('counts days in the workspace time zone (00:30 in Seoul is still the previous day in UTC)', () => {
    expect(plan('2026-03-01T15:30:00Z', '2026-03-01')).toEqual({ days: [], skipped: [] });
  });
});
