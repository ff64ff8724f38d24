import { describe, expect, it } from 'vitest';
import { candidateRanges, ScheduledRuleError } from '../../../lib/schedules/candidate-ranges.js';
import type { ScheduledRule } from '../../../lib/rules/rule-schema.js';
import { infoSend, ruleOf } from '../../support/rule-fixtures.js';

const scheduled = (fields: Record<string, unknown>): ScheduledRule => ruleOf({ id: 'rule-x', kind: 'scheduled', at: '10:00', actions: [infoSend()], ...fields }) as ScheduledRule;
const iso = (ranges: ReturnType<typeof candidateRanges>) => ranges.map((range) => [range.anchor, range.from.toISOString(), range.to.toISOString()]);

describe('candidateRanges', () => {
  it('looks for the anchor on the local day N days before, for each N', () => {
    expect(iso(candidateRanges(scheduled({ anchor: 'firstOrderAt', days: [30, 60] }), '2026-03-31', 'Asia/Seoul'))).toEqual([
      ['firstOrderAt', '2026-02-28T15:00:00.000Z', '2026-03-01T15:00:00.000Z'],
      ['firstOrderAt', '2026-01-29T15:00:00.000Z', '2026-01-30T15:00:00.000Z'],
    ]);
  });

  it('looks for the purchase cycle on the day itself (with a margin), and for the default cycle from the last order', () => {
    expect(iso(candidateRanges(scheduled({ anchor: 'lastOrderAt', days: { fromProfile: 'avgOrderIntervalDays', default: 30 } }), '2026-03-31', 'Asia/Seoul'))).toEqual([
      ['cycleDueAt', '2026-03-30T12:00:00.000Z', '2026-03-31T18:00:00.000Z'],
      ['lastOrderAt', '2026-02-28T15:00:00.000Z', '2026-03-01T15:00:00.000Z'],
    ]);
  });

  it('refuses a purchase cycle counted from another anchor, naming the fix', () => {
    expect(() => candidateRanges(scheduled({ anchor: 'signupAt', days: { fromProfile: 'avgOrderIntervalDays', default: 30 } }), '2026-03-31', 'Asia/Seoul')).toThrow(ScheduledRuleError);
  });
});
