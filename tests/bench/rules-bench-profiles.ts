import { Prng } from '../../infra/local/simulate/prng.js';

/**
 * Deterministic, varied evaluation data for the rules benchmark: `{ profile, event, now,
 * timeZone }` with the profile aggregates the engine maintains, dates spread so that every
 * benchmark rule matches some customers and not others.
 */

const DAY_MS = 86_400_000;
export const NOW = '2026-03-01T10:00:00+09:00';
export const TIME_ZONE = 'Asia/Seoul';
const NOW_MS = Date.parse(NOW);

/** Dates as profiles carry them: toProfileView writes `Date#toISOString` (UTC, milliseconds, `Z`). */
function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Evaluation data as the engine builds it: each profile and event parsed from JSON (flat
 * strings, plain objects, as read from the table), and one `now` and time zone for the
 * whole run (the clock's reading, the workspace's setting), shared by every evaluation.
 */
export function makeEvaluationData(count: number, seed = 20260301): Record<string, unknown>[] {
  const parsed = JSON.parse(JSON.stringify(generate(count, seed))) as Record<string, unknown>[];
  return parsed.map(({ profile, event }) => ({ profile, event, now: NOW, timeZone: TIME_ZONE }));
}

function generate(count: number, seed: number): Record<string, unknown>[] {
  const rng = new Prng(seed);
  const int = (min: number, max: number): number => rng.int(min, max);
  const chance = (p: number): boolean => rng.chance(p);
  const daysAgo = (min: number, max: number): number => NOW_MS - int(min, max) * DAY_MS - int(0, DAY_MS - 1);
  const pick = <T>(items: readonly T[]): T[] => items.filter(() => chance(0.35));

  return Array.from({ length: count }, () => {
    const signupAt = daysAgo(0, 1500);
    const orderCount = chance(0.4) ? 0 : int(1, 30);
    const visits = Array.from({ length: int(0, 40) }, () => daysAgo(0, 400)).sort((a, b) => a - b);
    const profile: Record<string, unknown> = {
      isMember: chance(0.7),
      signupAt: iso(signupAt),
      visitCount: visits.length + int(0, 50),
      firstVisitAt: iso(signupAt - int(0, 30) * DAY_MS),
      lastVisitAt: iso(visits.at(-1) ?? daysAgo(0, 600)),
      lastSeenAt: iso(daysAgo(0, 60)),
      orderCount,
      totalSpent: orderCount * int(10_000, 200_000),
      avgOrderIntervalDays: orderCount > 1 ? int(5, 90) : null,
      lastOrderCategories: orderCount > 0 ? pick(['cosmetics', 'fashion', 'food', 'living']) : [],
      cart: { items: [{ sku: 'A-1', qty: int(1, 3), price: 19_000 }], value: int(0, 300_000), updatedAt: iso(NOW_MS - int(0, 72) * 3_600_000) },
      traits: { name: '김하늘', email: chance(0.9) ? 'sky@example.kr' : '', phone: chance(0.8) ? '+821012345678' : null },
      consent: {
        kakao: { ad: { state: chance(0.6) ? 'granted' : 'denied', at: iso(signupAt), source: 'signup' }, info: { state: 'granted', at: iso(signupAt), source: 'signup' } },
        sms: { ad: { state: chance(0.4) ? 'granted' : 'denied', at: iso(signupAt), source: 'signup' } },
      },
      tags: pick(['vip', 'cycle-sent', 'newsletter', 'winback-sent', 'unsubscribed', 'wholesale']),
      recentVisits: visits.map(iso),
    };
    if (orderCount > 0) {
      const first = daysAgo(0, 700);
      profile.firstOrderAt = iso(first);
      // Many recent orders, so the 28–32-day purchase-cycle window catches customers.
      profile.lastOrderAt = iso(Math.max(first, chance(0.5) ? daysAgo(20, 40) : daysAgo(0, 700)));
    }
    return { profile, event: { type: 'page_viewed', properties: {} } };
  });
}
