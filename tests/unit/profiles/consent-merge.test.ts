import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../lib/events/canonical-event.js';
import { applyEvent, emptyProfileState, mergeProfileStates, type ProfileState } from '../../../lib/profiles/profile-state.js';
import { toProfileView } from '../../../lib/profiles/profile-view.js';
import { storedProfileOf } from '../../../lib/store/dynamo-profile-store.js';

const identity = { workspace: 'ws-consent', customerId: 'c-1', anonymous: false };
const HOUR = 3_600_000;
const BASE = Date.parse('2026-12-10T00:00:00.000Z');

interface Decision {
  id?: string;
  state: 'granted' | 'denied';
  /** When the source says it happened. */
  at: number;
  receivedAt: number;
}

const consentEvent = (decision: Decision, index: number): CanonicalEvent => ({
  type: 'consent_changed',
  eventId: decision.id ?? `e${index}`,
  dedupeKey: decision.id ?? `k${index}`,
  workspace: identity.workspace,
  customerId: identity.customerId,
  source: 'test',
  occurredAt: new Date(decision.at).toISOString(),
  receivedAt: new Date(decision.receivedAt).toISOString(),
  consent: [{ channel: 'sms', purpose: 'ad', state: decision.state }],
});

const smsAd = (state: ProfileState) => toProfileView(identity, state).consent['sms']?.['ad'];
const merged = (decisions: Decision[]) => decisions.map(consentEvent).reduce(applyEvent, emptyProfileState());

/** Decisions over a few days, received in any order, some dated far ahead of their receipt (as the window no longer allows, and old states hold). */
const decisions = fc.array(
  fc.record({
    state: fc.constantFrom('granted' as const, 'denied' as const),
    receivedAt: fc.integer({ min: 0, max: 96 }).map((hours) => BASE + hours * HOUR),
    lag: fc.oneof(fc.integer({ min: -96, max: 96 }).map((hours) => hours * HOUR), fc.constant(-70 * 365 * 24 * HOUR)),
  }).map(({ state, receivedAt, lag }): Decision => ({ state, receivedAt, at: receivedAt - lag })),
  { minLength: 1, maxLength: 12 },
).map((all) => all.map((decision, index) => ({ ...decision, id: `d${index}` })));

describe('the consent merge', () => {
  it('never lets a grant win over a withdrawal it was not both received and dated after', () => {
    fc.assert(
      fc.property(decisions, (all) => {
        // Arrange
        const denials = all.filter((decision) => decision.state === 'denied');
        // Act
        const result = smsAd(merged(all));
        // Assert
        if (result?.state === 'granted') {
          const winners = all.filter((grant) => grant.state === 'granted' && denials.every((denial) => grant.receivedAt > denial.receivedAt && grant.at > denial.at));
          expect(winners).not.toEqual([]);
        }
      }),
      { numRuns: 1000, seed: 20261202 },
    );
  });

  it('lets a grant given and received after every withdrawal was received undo them', () => {
    fc.assert(
      fc.property(decisions, fc.integer({ min: 1, max: 48 }), (all, hoursLater) => {
        // Arrange
        const latest = Math.max(...all.flatMap((decision) => (decision.state === 'denied' ? [decision.at, decision.receivedAt] : [decision.receivedAt])));
        const grant: Decision = { state: 'granted', at: latest + hoursLater * HOUR, receivedAt: latest + hoursLater * HOUR };
        // Act
        const result = smsAd(merged([...all, grant]));
        // Assert
        expect(result?.state).toBe('granted');
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('decides the same whatever order the decisions arrive in', () => {
    fc.assert(
      fc.property(decisions.chain((all) => fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length }))), ([all, shuffled]) => {
        // Arrange + Act + Assert
        expect(smsAd(merged(shuffled))).toEqual(smsAd(merged(all)));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('withdraws a grant dated 2099 with a withdrawal received after it', () => {
    // Arrange
    const grant: Decision = { state: 'granted', at: Date.parse('2099-01-01T00:00:00Z'), receivedAt: BASE };
    const withdrawal: Decision = { state: 'denied', at: BASE + HOUR, receivedAt: BASE + HOUR };
    // Act
    const result = smsAd(merged([grant, withdrawal]));
    // Assert
    expect(result).toEqual({ state: 'denied', at: new Date(BASE + HOUR).toISOString(), source: 'test' });
  });

  it('withdraws a grant dated a few minutes ahead (clock skew) with a withdrawal received a minute later', () => {
    // Arrange
    const grant: Decision = { state: 'granted', at: BASE + 4 * 60_000, receivedAt: BASE };
    const withdrawal: Decision = { state: 'denied', at: BASE + 60_000, receivedAt: BASE + 60_000 };
    // Act + Assert
    expect(smsAd(merged([withdrawal, grant]))?.state).toBe('denied');
  });

  it('keeps a withdrawal when an older grant is delivered again later', () => {
    // Arrange
    const grant: Decision = { state: 'granted', at: BASE, receivedAt: BASE + 3 * HOUR };
    const withdrawal: Decision = { state: 'denied', at: BASE + HOUR, receivedAt: BASE + HOUR };
    // Act + Assert
    expect(smsAd(merged([withdrawal, grant]))?.state).toBe('denied');
  });

  it('shows a grant from when it holds: no later than its receipt', () => {
    // Arrange
    const grant: Decision = { state: 'granted', at: BASE + 4 * 60_000, receivedAt: BASE };
    // Act + Assert
    expect(smsAd(merged([grant]))).toEqual({ state: 'granted', at: new Date(BASE).toISOString(), source: 'test' });
  });
});

describe('consent in profile states stored before receipt times were kept', () => {
  /** A profile item as today's code wrote it: consent records carry no receivedAt. */
  const storedState = (consent: Record<string, unknown>) =>
    storedProfileOf(
      { workspace: identity.workspace, kind: 'customer', id: identity.customerId },
      { state: JSON.stringify({ ...emptyProfileState(), consent: { sms: { ad: consent } } }), rev: 3 },
    ).state;

  it('reads them, decision and time', () => {
    // Arrange
    const state = storedState({ at: Date.parse('2025-05-01T00:00:00Z'), id: 'old-1', state: 'granted', source: 'shopify' });
    // Act + Assert
    expect(smsAd(state)).toEqual({ state: 'granted', at: '2025-05-01T00:00:00.000Z', source: 'shopify' });
  });

  it('withdraws a stored grant dated 2099 with a withdrawal received now', () => {
    // Arrange
    const state = storedState({ at: Date.parse('2099-01-01T00:00:00Z'), id: 'old-1', state: 'granted', source: 'segment' });
    const withdrawal = consentEvent({ state: 'denied', at: BASE, receivedAt: BASE }, 1);
    // Act
    const result = smsAd(applyEvent(state, withdrawal));
    // Assert
    expect(result).toEqual({ state: 'denied', at: new Date(BASE).toISOString(), source: 'test' });
  });

  it('lets a grant received now undo a stored withdrawal', () => {
    // Arrange
    const state = storedState({ at: Date.parse('2025-05-01T00:00:00Z'), id: 'old-1', state: 'denied', source: 'cafe24' });
    const grant = consentEvent({ state: 'granted', at: BASE, receivedAt: BASE }, 1);
    // Act + Assert
    expect(smsAd(applyEvent(state, grant))?.state).toBe('granted');
  });

  it('orders two stored decisions by their times, as before (a visitor merged into its customer)', () => {
    // Arrange
    const grant = storedState({ at: Date.parse('2025-05-01T00:00:00Z'), id: 'old-2', state: 'granted', source: 'shopify' });
    const withdrawal = storedState({ at: Date.parse('2024-05-01T00:00:00Z'), id: 'old-1', state: 'denied', source: 'shopify' });
    // Act + Assert
    expect(smsAd(mergeProfileStates(grant, withdrawal))?.state).toBe('granted');
    expect(smsAd(mergeProfileStates(withdrawal, grant))?.state).toBe('granted');
  });
});
