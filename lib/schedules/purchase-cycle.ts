import type { ProfileView } from '../profiles/profile-view.js';

const DAY_MS = 86_400_000;
/** The fewest orders that make an interval of one's own (compileRule's `minOrders` cannot go lower). */
export const MIN_CYCLE_ORDERS = 2;

/**
 * The customer's own purchase cycle in whole days, read exactly as compileRule reads
 * `days: { fromProfile: "avgOrderIntervalDays" }`; undefined with fewer than two orders.
 */
export const ownCycleDays = (profile: Pick<ProfileView, 'orderCount' | 'avgOrderIntervalDays'>): number | undefined =>
  profile.orderCount >= MIN_CYCLE_ORDERS && profile.avgOrderIntervalDays !== null ? Math.max(1, Math.round(profile.avgOrderIntervalDays)) : undefined;

/**
 * When the customer's next order is due by their own rhythm: the last order plus their
 * cycle. Indexed at write time so the daily run finds each customer on their own day.
 */
export const cycleDueAt = (profile: Pick<ProfileView, 'orderCount' | 'avgOrderIntervalDays' | 'lastOrderAt'>): string | undefined => {
  const days = ownCycleDays(profile);
  return days === undefined || profile.lastOrderAt === null ? undefined : new Date(Date.parse(profile.lastOrderAt) + days * DAY_MS).toISOString();
};
