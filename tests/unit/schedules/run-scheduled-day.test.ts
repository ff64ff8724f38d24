import { describe, expect, it } from 'vitest';
import { compileRule } from '../../../lib/rules/compile-rule.js';
import type { Rule } from '../../../lib/rules/rule-schema.js';
import { runScheduledDay } from '../../../lib/schedules/run-scheduled-day.js';
import { InMemoryAnchors } from '../../support/in-memory-schedules.js';
import { RecordingSendGate } from '../../support/recording-send-gate.js';
import { InMemoryProfileReader, infoSend, profileOf, RecordingActivity, RecordingTags, ruleOf } from '../../support/rule-fixtures.js';

const SEOUL = { id: 'shop', timeZone: 'Asia/Seoul' };
const feedback = ruleOf({ id: 'feedback', kind: 'scheduled', anchor: 'firstOrderAt', days: [30, 60, 90], at: '10:00', actions: [infoSend('어떠셨나요?')] });
const cycle = ruleOf({ id: 'cycle', kind: 'scheduled', anchor: 'lastOrderAt', days: { fromProfile: 'avgOrderIntervalDays', default: 30 }, at: '10:00', actions: [infoSend('다시 필요하실 때예요')] });

const setup = (...profiles: Array<Parameters<typeof profileOf>[0]>) => {
  const reader = new InMemoryProfileReader();
  for (const profile of profiles) reader.put(profileOf(profile));
  const deps = { anchors: new InMemoryAnchors(reader), profiles: reader, gate: new RecordingSendGate(), tags: new RecordingTags(), activity: new RecordingActivity() };
  return deps;
};
const run = (rule: Rule, day: string, deps: ReturnType<typeof setup>) => runScheduledDay(compileRule(rule), day, SEOUL, deps);
const sends = (deps: ReturnType<typeof setup>) => deps.gate.requests.map(({ request, decision }) => [request.customerId, request.occurrence, request.matchedAt, decision.outcome]);

describe('runScheduledDay', () => {
  it('acts for customers whose anchor was N local days before, at the rule’s local time', async () => {
    // Arrange: 2026-01-30T16:00Z is 01-31 01:00 in Seoul, 30 local days before 03-02.
    const deps = setup({ customerId: 'kim', firstOrderAt: '2026-01-30T16:00:00.000Z' }, { customerId: 'lee', firstOrderAt: '2026-01-30T14:00:00.000Z' });
    // Act
    const report = await run(feedback, '2026-03-02', deps);
    // Assert
    expect(sends(deps)).toEqual([['kim', 'firstOrderAt@2026-01-30T16:00:00.000Z+30d', '2026-03-02T01:00:00.000Z', 'sent']]);
    expect(report).toEqual({ candidates: 1, matched: 1 });
  });

  it('finds each milestone of the list on its own day', async () => {
    // Arrange
    const deps = setup({ customerId: 'kim', firstOrderAt: '2026-01-01T03:00:00.000Z' });
    // Act
    for (const day of ['2026-01-31', '2026-03-02', '2026-04-01', '2026-04-02']) await run(feedback, day, deps);
    // Assert
    expect(sends(deps).map(([, occurrence]) => occurrence)).toEqual(['+30d', '+60d', '+90d'].map((n) => `firstOrderAt@2026-01-01T03:00:00.000Z${n}`));
  });

  it('sends nothing twice when a day is run again', async () => {
    // Arrange
    const deps = setup({ customerId: 'kim', firstOrderAt: '2026-01-30T16:00:00.000Z' });
    // Act
    await run(feedback, '2026-03-02', deps);
    await run(feedback, '2026-03-02', deps);
    // Assert
    expect(sends(deps).map(([, , , outcome]) => outcome)).toEqual(['sent', 'duplicate']);
  });

  it('leaves out customers outside the audience', async () => {
    // Arrange
    const members = { ...feedback, audience: { '==': [{ var: 'profile.isMember' }, true] } };
    const deps = setup({ customerId: 'kim', firstOrderAt: '2026-01-30T16:00:00.000Z', isMember: false });
    // Act
    await run(members, '2026-03-02', deps);
    // Assert
    expect(sends(deps)).toEqual([]);
  });

  it('follows each customer’s own purchase cycle, and the default cycle with fewer than two orders', async () => {
    // Arrange: kim orders every 21 days; lee ordered once, 30 days ago.
    const deps = setup(
      { customerId: 'kim', orderCount: 3, avgOrderIntervalDays: 21.2, lastOrderAt: '2026-03-01T03:00:00.000Z' },
      { customerId: 'lee', orderCount: 1, avgOrderIntervalDays: null, lastOrderAt: '2026-02-20T03:00:00.000Z' },
    );
    // Act
    await run(cycle, '2026-03-22', deps);
    // Assert
    expect(sends(deps).map(([customer, occurrence]) => [customer, occurrence])).toEqual([
      ['kim', 'lastOrderAt@2026-03-01T03:00:00.000Z+cycle'],
      ['lee', 'lastOrderAt@2026-02-20T03:00:00.000Z+cycle'],
    ]);
  });

  it('uses the default cycle for customers with fewer orders than the rule asks for', async () => {
    // Arrange
    const threeOrders = ruleOf({ ...cycle, days: { fromProfile: 'avgOrderIntervalDays', minOrders: 3, default: 30 } });
    const deps = setup({ customerId: 'kim', orderCount: 2, avgOrderIntervalDays: 10, lastOrderAt: '2026-03-01T03:00:00.000Z' });
    // Act
    await run(threeOrders, '2026-03-11', deps);
    await run(threeOrders, '2026-03-31', deps);
    // Assert
    expect(sends(deps).map(([, , matchedAt]) => matchedAt)).toEqual(['2026-03-31T01:00:00.000Z']);
  });

  it('tags for a tag action (dormancy)', async () => {
    // Arrange
    const dormancy = ruleOf({ id: 'dormancy', kind: 'scheduled', anchor: 'lastVisitAt', days: [365], at: '04:00', actions: [{ type: 'tag', add: ['dormant'] }] });
    const deps = setup({ customerId: 'kim', lastVisitAt: '2025-03-02T03:00:00.000Z' });
    // Act
    await run(dormancy, '2026-03-02', deps);
    // Assert
    expect(deps.tags.changes).toEqual([{ customerId: 'kim', add: ['dormant'], remove: [] }]);
  });
});
