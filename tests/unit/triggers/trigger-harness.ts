import { ActiveRules } from '../../../lib/automations/active-rules.js';
import type { CanonicalEvent } from '../../../lib/events/canonical-event.js';
import type { ProfileView } from '../../../lib/profiles/profile-view.js';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import type { Rule } from '../../../lib/rules/rule-schema.js';
import { ManualClock } from '../../../lib/time/clock.js';
import type { CommittedEvent } from '../../../lib/triggers/committed-event.js';
import type { TriggerDeps } from '../../../lib/triggers/evaluate-triggers.js';
import { InMemoryTimers } from '../../support/in-memory-timers.js';
import { RecordingSendGate } from '../../support/recording-send-gate.js';
import { profileOf, RecordingActivity, RecordingTags, seoulSettings } from '../../support/rule-fixtures.js';

/** evaluateTriggers' ports as in-memory fakes, for one workspace `shop` and customer `kim`. */
export const triggerHarness = (rules: Rule[], now = '2026-03-02T01:00:00Z') => {
  const clock = new ManualClock(now);
  const deps = {
    rules: new ActiveRules(new StaticRuleRepository(rules), clock),
    timers: new InMemoryTimers(),
    gate: new RecordingSendGate(),
    tags: new RecordingTags(),
    activity: new RecordingActivity(),
    settings: seoulSettings,
    clock,
  } satisfies TriggerDeps;
  return deps;
};

/** A committed event of customer `kim` in workspace `shop`, with the profile as of it. */
export const committed = (event: CanonicalEvent, profile: Partial<ProfileView> = {}, profileKind: CommittedEvent['profileKind'] = 'customer'): CommittedEvent => ({
  event: { ...event, workspace: 'shop', customerId: 'kim' },
  profile: profileOf(profile),
  profileKind,
});
