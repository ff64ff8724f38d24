import { describe, expect, it } from 'vitest';
import { clockStops, stopTimesOf, type ClockStopsOptions } from '../../../infra/local/simulate/clock-stops.js';
import { RuleSchema } from '../../../lib/rules/rule-schema.js';
import { DEMO_SETTINGS } from '../../../lib/workspaces/demo-settings.js';

const OPTIONS: ClockStopsOptions = { startDay: '2026-03-02', days: 2, tick: 360, timeZone: 'Asia/Seoul', times: [] };
const seoul = (stops: number[]) => stops.map((stop) => new Date(stop + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));

describe('clockStops', () => {
  it('stops every tick after the first midnight, up to the last day’s end', () => {
    expect(seoul(clockStops(OPTIONS))).toEqual([
      '2026-03-02 06:00', '2026-03-02 12:00', '2026-03-02 18:00',
      '2026-03-03 00:00', '2026-03-03 06:00', '2026-03-03 12:00', '2026-03-03 18:00',
      '2026-03-04 00:00',
    ]);
  });

  it('also stops at the given local times, every day', () => {
    expect(seoul(clockStops({ ...OPTIONS, tick: 720, times: ['10:30', '10:00'] }))).toEqual([
      '2026-03-02 10:00', '2026-03-02 10:30', '2026-03-02 12:00',
      '2026-03-03 00:00', '2026-03-03 10:00', '2026-03-03 10:30', '2026-03-03 12:00',
      '2026-03-04 00:00',
    ]);
  });

  it('stops at each local midnight even when the tick does not divide the day', () => {
    expect(seoul(clockStops({ ...OPTIONS, tick: 1000 }))).toEqual(['2026-03-02 16:40', '2026-03-03 00:00', '2026-03-03 09:20', '2026-03-04 00:00']);
  });
});

describe('stopTimesOf', () => {
  it('lists each scheduled rule’s time once, and the edges of the quiet hours', () => {
    // Arrange: two scheduled rules at 10:00, one at 14:00, and a trigger rule
    const scheduled = (id: string, at: string) =>
      RuleSchema.parse({ id, version: 1, description: id, kind: 'scheduled', anchor: 'lastOrderAt', days: [30], at, actions: [{ type: 'tag', add: ['x'] }] });
    const trigger = RuleSchema.parse({ id: 'rule-t', version: 1, description: 'trigger', kind: 'trigger', on: ['signed_up'], actions: [{ type: 'tag', add: ['x'] }] });
    // Act
    const times = stopTimesOf([scheduled('rule-a', '10:00'), scheduled('rule-b', '14:00'), scheduled('rule-c', '10:00'), trigger], DEMO_SETTINGS);
    // Assert: ads keep out of 21:00–08:00, Brand Messages out of 20:50–08:00
    expect(times).toEqual(['08:00', '10:00', '14:00', '20:50', '21:00']);
  });
});
