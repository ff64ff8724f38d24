import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActiveRules } from '../../../lib/automations/active-rules.js';
import type { CanonicalEvent } from '../../../lib/events/canonical-event.js';
import { ingestEvent } from '../../../lib/ingest/ingest-event.js';
import type { ProfileReader } from '../../../lib/profiles/profile-reader.js';
import type { EventCommit } from '../../../lib/profiles/profile-store.js';
import { toProfileView, type ProfileView } from '../../../lib/profiles/profile-view.js';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import { LedgerSendGate } from '../../../lib/sends/request-send.js';
import { SendDeferredTimerHandler } from '../../../lib/sends/resume-deferred-sends.js';
import { sweepTimers } from '../../../lib/timers/sweep-timers.js';
import type { CommittedEvent } from '../../../lib/triggers/committed-event.js';
import { evaluateTriggers, type TriggerDeps } from '../../../lib/triggers/evaluate-triggers.js';
import { TRIGGER_SETTLE_MS, type SameTimeEvents, type StoredEvent } from '../../../lib/triggers/trigger-settle.js';
import { TriggerSettleHandler } from '../../../lib/triggers/trigger-settle-handler.js';
import { TriggerWaitHandler } from '../../../lib/triggers/trigger-wait-handler.js';
import { canonical } from '../../support/canonical-events.js';
import { InMemoryProfileStore } from '../../support/in-memory-profile-store.js';
import { libraryRules } from '../../support/library-rules.js';
import { RecordingActivity, ruleOf } from '../../support/rule-fixtures.js';
import { kst, sendHarness } from '../../support/sends.js';

const WORKSPACE = 'ws-test';
const CUSTOMER = 'c-1';
const AT = kst('2026-03-02 10:00');

/** An SMS ad on signup for customers who consented to it: its audience depends on what identify brings. */
const smsOffer = ruleOf({
  id: 'signup-sms-offer', kind: 'trigger', on: ['signed_up'], once: 'customer', audience: { has_consent: ['sms', 'ad'] },
  actions: [{ type: 'send', channel: 'sms', purpose: 'ad', message: { text: '가입 축하 쿠폰을 드려요' } }, { type: 'tag', add: ['sms-offer-sent'] }],
});
const RULES = [...libraryRules('welcome-coupon'), smsOffer];

/** What an SDK sends for one signup, all stamped with one time. */
const group = (withConsent: boolean): CanonicalEvent[] => [
  canonical(AT, { type: 'signed_up', traits: { name: '김하늘' } }),
  canonical(AT, { type: 'profile_updated', traits: { phone: '010-1234-5678' } }),
  ...(withConsent ? [canonical(AT, { type: 'profile_updated', traits: {}, consent: [{ channel: 'sms' as const, purpose: 'ad' as const, state: 'granted' as const }] })] : []),
];

/**
 * Retain's event path in memory: the real ingest, trigger evaluation, send gate and timer
 * sweep over fakes of their ports — a table that keeps each committed event with the profile
 * as of it and the time it was received, as the DynamoDB store does.
 */
const world = (settleMs: number) => {
  const { clock, store: sends, timers, deps: sendDeps } = sendHarness({ now: AT });
  const profiles = new InMemoryProfileStore();
  const stored: Array<StoredEvent & { profile: ProfileView }> = [];
  const viewOf = (commit: EventCommit | undefined): ProfileView | undefined => {
    const current = profiles.profiles.get(`${WORKSPACE}|customer|${CUSTOMER}`);
    return current && toProfileView({ workspace: WORKSPACE, customerId: CUSTOMER, anonymous: false }, commit?.profile.state ?? current.state, current.tags);
  };
  const commit = profiles.commitEvent.bind(profiles);
  profiles.commitEvent = async (input) => {
    const outcome = await commit(input);
    if (outcome.kind === 'committed') for (const { event } of input.events) stored.push({ event, receivedAt: clock.now().toISOString(), profile: viewOf(input)! });
    return outcome;
  };
  const reader: ProfileReader = { profile: async () => viewOf(undefined), profiles: async () => [] };
  const sameTime: SameTimeEvents = { at: async (_workspace, _customerId, occurredAt, limit) => stored.filter((entry) => entry.event.occurredAt === occurredAt).slice(0, limit) };
  const tags = {
    changeTags: async (_workspace: string, _customerId: string, change: { add: readonly string[]; remove: readonly string[] }) => {
      const current = profiles.profiles.get(`${WORKSPACE}|customer|${CUSTOMER}`)!;
      current.tags = [...new Set([...current.tags, ...change.add])].filter((tag) => !change.remove.includes(tag));
      return 'changed' as const;
    },
  };
  const activity = new RecordingActivity();
  const actionDeps = { gate: new LedgerSendGate({ ...sendDeps, tags }), tags, activity };
  const rules = new ActiveRules(new StaticRuleRepository(RULES), clock);
  const triggerDeps: TriggerDeps = {
    ...actionDeps, rules, timers, settings: sendDeps.settings, clock,
    ...(settleMs > 0 ? { settle: { ms: settleMs, profiles: reader, sameTime } } : {}),
  };
  const handlers = {
    'trigger-wait': new TriggerWaitHandler({ ...actionDeps, rules, profiles: reader, settings: sendDeps.settings }),
    'trigger-settle': new TriggerSettleHandler({ ...actionDeps, rules, profiles: reader, settings: sendDeps.settings }),
    'send-deferred': new SendDeferredTimerHandler({ ...sendDeps, tags, currentProfile: async () => viewOf(undefined), activity }),
  };
  return {
    clock,
    /** Stores the event, as ingest does; its evaluation is the stream's, later. */
    ingest: (event: CanonicalEvent) => ingestEvent({ ...event, workspace: WORKSPACE, customerId: CUSTOMER }, profiles),
    /** The stream hands the n-th committed event to `evaluate`. */
    evaluate: (index: number) => {
      const entry = stored[index]!;
      const committed: CommittedEvent = { event: entry.event, profile: entry.profile, profileKind: 'customer', receivedAt: entry.receivedAt! };
      return evaluateTriggers(committed, triggerDeps);
    },
    stored,
    sweep: () => sweepTimers(clock.now(), { due: timers, handlers, leaseMs: 300_000, maxAttempts: 3 }),
    outcome: async () => ({
      sends: [...sends.records.values()].map((record) => `${record.key.ruleId}: ${record.outcome}`).sort(),
      tags: [...(viewOf(undefined)?.tags ?? [])].sort(),
      waiting: timers.of(CUSTOMER).length,
      customer: (await reader.profile(WORKSPACE, CUSTOMER)) !== undefined,
    }),
  };
};

/**
 * One signup's events arrive in `order`, `gapsMs` apart (all within the settle window); the
 * stream evaluates them in commit order, each after the arrivals `lags` says; then the
 * clock passes the settle window and the minute sweep runs.
 */
const replay = async (events: CanonicalEvent[], order: number[], gapsMs: number[], lags: number[], settleMs = TRIGGER_SETTLE_MS) => {
  const shop = world(settleMs);
  let evaluated = 0;
  for (const [step, index] of order.entries()) {
    shop.clock.set(new Date(shop.clock.now().getTime() + gapsMs[step]!));
    await shop.ingest(events[index]!);
    const due = Math.max(0, step + 1 - lags[step]!);
    for (; evaluated < due; evaluated += 1) await shop.evaluate(evaluated);
  }
  for (; evaluated < shop.stored.length; evaluated += 1) await shop.evaluate(evaluated);
  shop.clock.set(new Date(Date.parse(AT) + settleMs + 60_000));
  await shop.sweep();
  return shop.outcome();
};

/** Any arrival order of the group, any spacing of up to 5 s, any stream lag. */
const arrivals = fc.boolean().chain((withConsent) => {
  const size = group(withConsent).length;
  const indexes = Array.from({ length: size }, (_, index) => index);
  return fc.record({
    withConsent: fc.constant(withConsent),
    order: fc.shuffledSubarray(indexes, { minLength: size, maxLength: size }),
    gapsMs: fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: size, maxLength: size }),
    lags: fc.array(fc.integer({ min: 0, max: size }), { minLength: size, maxLength: size }),
  });
});

describe('a signup whose identify shares its timestamp', () => {
  it('gets the same sends and tags whatever order its events arrive and are evaluated in', async () => {
    await fc.assert(
      fc.asyncProperty(arrivals, async ({ withConsent, order, gapsMs, lags }) => {
        // Arrange
        const events = group(withConsent);
        const reference = await replay(events, events.map((_, index) => events.length - 1 - index), events.map(() => 0), events.map(() => events.length));
        // Act
        const outcome = await replay(events, order, gapsMs, lags);
        // Assert
        expect(outcome).toEqual(reference);
      }),
      { numRuns: 60 },
    );
  });

  it('is welcomed either way: the phone that came with the signup counts, and the offer follows the consent', async () => {
    // Arrange
    const events = group(true);
    // Act: Signed Up first, evaluated before the identify even arrives; then the reverse
    const signupFirst = await replay(events, [0, 1, 2], [0, 50, 50], [0, 0, 0]);
    const identifyFirst = await replay(events, [2, 1, 0], [0, 50, 50], [0, 0, 0]);
    // Assert
    const welcomed = { sends: ['signup-sms-offer: sent', 'welcome-coupon: sent'], tags: ['sms-offer-sent', 'welcome-coupon-sent'], waiting: 0, customer: true };
    expect(signupFirst).toEqual(welcomed);
    expect(identifyFirst).toEqual(welcomed);
  });

  it('depends on the order without a settle window (as triggers acted before it)', async () => {
    // Arrange
    const events = group(false);
    // Act
    const signupFirst = await replay(events, [0, 1], [0, 50], [0, 0], 0);
    const identifyFirst = await replay(events, [1, 0], [0, 50], [0, 0], 0);
    // Assert
    expect(signupFirst.sends).toEqual(['welcome-coupon: blocked-no-recipient']);
    expect(identifyFirst.sends).toEqual(['welcome-coupon: sent']);
  });
});

