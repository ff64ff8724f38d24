import { toEpochMs } from '../../lib/time/iso-instant.js';
import { calendarDaysSince } from '../../lib/time/local-day.js';

/**
 * The benchmark's rules, each as JSON Logic and as the JavaScript a careful engineer would
 * write by hand for the same predicate, calling the same date helpers.
 */

type Data = { profile: Profile; now: string; timeZone?: string };
type Profile = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface BenchRule {
  readonly name: string;
  readonly logic: unknown;
  readonly hand: (data: Data) => boolean;
}

const zoneOf = (d: Data): string => d.timeZone ?? 'Asia/Seoul';
const daysSince = (d: Data, date: unknown): number => calendarDaysSince(date, d.now, zoneOf(d));
const hoursSince = (d: Data, date: unknown): number => (toEpochMs(d.now) - toEpochMs(date)) / 3_600_000;
const hasTag = (p: Profile, tag: string): boolean => Array.isArray(p.tags) && p.tags.includes(tag);
const bought = (p: Profile, category: string): boolean => Array.isArray(p.lastOrderCategories) && p.lastOrderCategories.includes(category);
const hasConsent = (p: Profile, channel: string, purpose: string): boolean => p.consent?.[channel]?.[purpose]?.state === 'granted';

function visitsAtLeast(d: Data, days: number, wanted: number): boolean {
  const visits = d.profile.recentVisits;
  if (!Array.isArray(visits)) return wanted <= 0;
  let found = 0;
  for (let i = visits.length - 1; i >= 0 && found < wanted; i--) {
    const ago = daysSince(d, visits[i]);
    if (ago >= 0 && ago <= days) found++;
  }
  return found >= wanted;
}

const v = (path: string) => ({ var: path });
const daysSinceOf = (path: string) => ({ days_since: v(path) });

/** 30 conditions (27 under `and`, and an `or` of 3): an "engaged, reachable, not messaged" audience. */
const thirtyConditions = {
  and: [
    v('profile.isMember'),
    { '>=': [v('profile.orderCount'), 1] },
    { '<': [v('profile.orderCount'), 50] },
    { '>=': [v('profile.totalSpent'), 10_000] },
    { '<=': [v('profile.totalSpent'), 10_000_000] },
    { has_consent: ['kakao', 'info'] },
    { '!': { has_tag: 'unsubscribed' } },
    { '!': { has_tag: 'wholesale' } },
    { or: [{ has_tag: 'vip' }, { '>=': [v('profile.visitCount'), 3] }, { in: ['cosmetics', v('profile.lastOrderCategories')] }] },
    { '<=': [daysSinceOf('profile.lastSeenAt'), 60] },
    { '>=': [daysSinceOf('profile.lastOrderAt'), 0] },
    { '<=': [daysSinceOf('profile.signupAt'), 2000] },
    { '!=': [v('profile.traits.phone'), null] },
    { '!=': [v('profile.traits.email'), ''] },
    { '<': [v('profile.cart.value'), 1_000_000] },
    { '>=': [{ hours_since: v('profile.cart.updatedAt') }, 0] },
    { '!': { in: ['giftcard', v('profile.lastOrderCategories')] } },
    { '>=': [v('profile.visitCount'), 1] },
    { '<=': [daysSinceOf('profile.firstVisitAt'), 3000] },
    { '!==': [v('profile.traits.name'), ''] },
    { '==': [v('event.type'), 'page_viewed'] },
    { '!': { has_tag: 'test-account' } },
    { '>': [v('profile.totalSpent'), 0] },
    { '<': [daysSinceOf('profile.firstOrderAt'), 5000] },
    { '!': { has_tag: 'blocked' } },
    { '<=': [v('profile.orderCount'), v('profile.visitCount')] },
    { '<=': [daysSinceOf('profile.lastVisitAt'), 400] },
    { '!': { has_tag: 'bounced' } },
  ],
};

const p = (d: Data): Profile => d.profile;
const handThirty = (d: Data & { event?: { type?: string } }): boolean => {
  const q = p(d);
  return (
    !!q.isMember && q.orderCount >= 1 && q.orderCount < 50 && q.totalSpent >= 10_000 && q.totalSpent <= 10_000_000 &&
    hasConsent(q, 'kakao', 'info') && !hasTag(q, 'unsubscribed') && !hasTag(q, 'wholesale') &&
    (hasTag(q, 'vip') || q.visitCount >= 3 || bought(q, 'cosmetics')) &&
    daysSince(d, q.lastSeenAt) <= 60 && daysSince(d, q.lastOrderAt) >= 0 && daysSince(d, q.signupAt) <= 2000 &&
    (q.traits?.phone ?? null) !== null && (q.traits?.email ?? null) !== '' && q.cart?.value < 1_000_000 &&
    hoursSince(d, q.cart?.updatedAt) >= 0 && !bought(q, 'giftcard') && q.visitCount >= 1 &&
    daysSince(d, q.firstVisitAt) <= 3000 && (q.traits?.name ?? null) !== '' && d.event?.type === 'page_viewed' &&
    !hasTag(q, 'test-account') && q.totalSpent > 0 && daysSince(d, q.firstOrderAt) < 5000 && !hasTag(q, 'blocked') &&
    q.orderCount <= q.visitCount && daysSince(d, q.lastVisitAt) <= 400 && !hasTag(q, 'bounced')
  );
};

/** The five rules whose ratios are reported. */
export const reportedRules: readonly BenchRule[] = [
  {
    name: 'member who never ordered',
    logic: { and: [{ '==': [v('profile.isMember'), true] }, { '==': [{ var: ['profile.orderCount', 0] }, 0] }] },
    hand: (d) => p(d).isMember === true && (p(d).orderCount ?? 0) === 0,
  },
  {
    name: '3+ visits in the last 365 days',
    logic: { '>=': [{ visits_within: 365 }, 3] },
    hand: (d) => visitsAtLeast(d, 365, 3),
  },
  {
    name: 'purchase cycle 28-32d, cosmetics, not cycle-sent',
    logic: { and: [{ '<=': [28, daysSinceOf('profile.lastOrderAt'), 32] }, { in: ['cosmetics', v('profile.lastOrderCategories')] }, { '!': { has_tag: 'cycle-sent' } }] },
    hand: (d) => {
      const days = daysSince(d, p(d).lastOrderAt);
      return days >= 28 && days <= 32 && bought(p(d), 'cosmetics') && !hasTag(p(d), 'cycle-sent');
    },
  },
  {
    name: '30/60/90 days since first order',
    logic: { in: [daysSinceOf('profile.firstOrderAt'), [30, 60, 90]] },
    hand: (d) => {
      const days = daysSince(d, p(d).firstOrderAt);
      return days === 30 || days === 60 || days === 90;
    },
  },
  { name: '30-condition rule', logic: thirtyConditions, hand: handThirty },
];

/** Fifteen more, for the "1,000,000 profiles × 20 rules" figure. */
export const moreRules: readonly unknown[] = [
  { '==': [daysSinceOf('profile.firstOrderAt'), 30] },
  { '==': [daysSinceOf('profile.firstOrderAt'), 60] },
  { '==': [daysSinceOf('profile.firstOrderAt'), 90] },
  { and: [{ '<=': [1, { hours_since: v('profile.cart.updatedAt') }, 3] }, { '>': [v('profile.cart.value'), 0] }] },
  { '>=': [daysSinceOf('profile.lastVisitAt'), 180] },
  { '<=': [90, daysSinceOf('profile.lastOrderAt'), 120] },
  { and: [v('profile.isMember'), { '<=': [daysSinceOf('profile.signupAt'), 7] }] },
  { '>=': [v('profile.totalSpent'), 500_000] },
  { '>=': [v('profile.orderCount'), 2] },
  { and: [{ '==': [v('profile.orderCount'), 1] }, { '>=': [daysSinceOf('profile.lastOrderAt'), 30] }] },
  { and: [{ has_consent: ['kakao', 'ad'] }, { '!': { has_tag: 'winback-sent' } }] },
  { and: [{ has_tag: 'vip' }, { '!': { has_consent: ['sms', 'ad'] } }] },
  { '>=': [{ visits_within: 30 }, 10] },
  { and: [{ '<=': [daysSinceOf('profile.lastVisitAt'), 7] }, { '>': [daysSinceOf('profile.lastOrderAt'), 30] }] },
  { and: [{ '!=': [v('profile.traits.email'), ''] }, { has_consent: ['kakao', 'info'] }, { '>': [v('profile.visitCount'), 20] }] },
];
