import { describe, expect, it } from 'vitest';
import { ActiveRules } from '../../../lib/automations/active-rules.js';
import { containedRules } from '../../../lib/automations/contained-rules.js';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import type { Rule } from '../../../lib/rules/rule-schema.js';
import { runScheduledRules } from '../../../lib/schedules/run-scheduled-rules.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { InMemoryAnchors, InMemoryScheduleMarkers } from '../../support/in-memory-schedules.js';
import { RecordingSendGate } from '../../support/recording-send-gate.js';
import { InMemoryProfileReader, infoSend, profileOf, RecordingActivity, RecordingTags, ruleOf, seoulSettings } from '../../support/rule-fixtures.js';

const feedback = ruleOf({ id: 'feedback', kind: 'scheduled', anchor: 'firstOrderAt', days: [30], at: '10:00', actions: [infoSend()] });

const setup = (rules: Rule[], now: string) => {
  const reader = new InMemoryProfileReader();
  const clock = new ManualClock(now);
  const failures: string[] = [];
  const deps = {
    workspaces: { workspaces: async () => ['shop'] },
    rules: new ActiveRules(new StaticRuleRepository(rules), clock),
    settings: seoulSettings,
    markers: new InMemoryScheduleMarkers(),
    anchors: new InMemoryAnchors(reader),
    profiles: reader,
    gate: new RecordingSendGate(),
    tags: new RecordingTags(),
    activity: new RecordingActivity(),
    maxCatchUpDays: 7,
    onRuleFailed: ({ ruleId }: { ruleId: string }) => void failures.push(ruleId),
  };
  return { deps, reader, clock, failures };
};

describe('runScheduledRules', () => {
  it('catches up a day a stopped job missed, without sending twice', async () => {
    // Arrange: kim's 30th day was 03-02, lee's 03-03; the job last completed 03-01 and was down on 03-02.
    const { deps, reader, clock } = setup([feedback], '2026-03-03T02:00:00Z');
    reader.put(profileOf({ customerId: 'kim', firstOrderAt: '2026-01-31T03:00:00.000Z' }));
    reader.put(profileOf({ customerId: 'lee', firstOrderAt: '2026-02-01T03:00:00.000Z' }));
    deps.markers.days.set('feedback', '2026-03-01');
    // Act
    await runScheduledRules(clock.now(), deps);
    await runScheduledRules(clock.now(), deps);
    // Assert
    expect(deps.gate.requests.map(({ request }) => [request.customerId, request.matchedAt])).toEqual([
      ['kim', '2026-03-02T01:00:00.000Z'],
      ['lee', '2026-03-03T01:00:00.000Z'],
    ]);
    expect(deps.markers.days.get('feedback')).toBe('2026-03-03');
  });

  it('with contained rules, does not match a customer on whom the audience throws, and goes on with the others', async () => {
    // Arrange: `==` on {"toString": 1} throws in json-logic-js too; aa sorts before kim.
    const graded = ruleOf({ id: 'graded', kind: 'scheduled', anchor: 'firstOrderAt', days: [30], at: '10:00', audience: { '==': [{ var: 'profile.traits.grade' }, 'gold'] }, actions: [infoSend()] });
    const { deps, reader, clock, failures } = setup([graded], '2026-03-02T02:00:00Z');
    reader.put(profileOf({ customerId: 'aa', firstOrderAt: '2026-01-31T03:00:00.000Z', traits: { grade: { toString: 1 } } }));
    reader.put(profileOf({ customerId: 'kim', firstOrderAt: '2026-01-31T03:00:00.000Z', traits: { grade: 'gold' } }));
    const contained: string[] = [];
    // Act
    await runScheduledRules(clock.now(), { ...deps, rules: containedRules(deps.rules, (failure, data) => contained.push(`${failure.ruleId}:${data.profile.customerId}`)) });
    // Assert
    expect(deps.gate.requests.map(({ request }) => request.customerId)).toEqual(['kim']);
    expect(contained).toEqual(['graded:aa']);
    expect(failures).toEqual([]);
  });

  it('reports a rule that fails and runs the others', async () => {
    // Arrange
    const broken = ruleOf({ id: 'broken', kind: 'scheduled', anchor: 'signupAt', days: { fromProfile: 'avgOrderIntervalDays', default: 30 }, at: '09:00', actions: [infoSend()] });
    const { deps, reader, clock, failures } = setup([broken, feedback], '2026-03-02T02:00:00Z');
    reader.put(profileOf({ customerId: 'kim', firstOrderAt: '2026-01-31T03:00:00.000Z' }));
    // Act
    await runScheduledRules(clock.now(), deps);
    // Assert
    expect(failures).toEqual(['broken']);
    expect(deps.gate.requests.map(({ request }) => request.customerId)).toEqual(['kim']);
  });
});
