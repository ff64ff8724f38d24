import type { CanonicalEvent } from '../events/canonical-event.js';
import type { ProfileView } from '../profiles/profile-view.js';
import { calendarDaysSince } from '../time/local-day.js';
import type { Sender } from './send-settings.js';

/**
 * What a message template can use: `profile`, `event` (the event that matched, for trigger
 * rules), `computed` values, the `shop` (the workspace sender) and `now`.
 */
export interface TemplateScope {
  profile: ProfileView;
  event: CanonicalEvent | null;
  computed: ComputedVariables;
  shop: { name: string; contact: string };
  now: string;
}

export interface ComputedVariables {
  /** Local calendar days since the last order (workspace time zone); null without orders. */
  daysSinceLastOrder: number | null;
  daysSinceFirstOrder: number | null;
  daysSinceSignup: number | null;
  daysSinceLastVisit: number | null;
  /** Items and value of the customer's cart now (0 without one). */
  cartItemCount: number;
  cartValue: number;
}

/** Computed variables that may be null, so a template needs a `default` for them. */
export const NULLABLE_COMPUTED = new Set(['daysSinceLastOrder', 'daysSinceFirstOrder', 'daysSinceSignup', 'daysSinceLastVisit']);
export const COMPUTED_NAMES = new Set(['daysSinceLastOrder', 'daysSinceFirstOrder', 'daysSinceSignup', 'daysSinceLastVisit', 'cartItemCount', 'cartValue']);

/** Profile fields that always have a value; the others (nullable dates, the cart, traits, consent) need a `default`. */
export const PRESENT_PROFILE_FIELDS = new Set([
  'workspace',
  'customerId',
  'anonymous',
  'isMember',
  'visitCount',
  'recentVisits',
  'orderCount',
  'totalSpent',
  'lastOrderCategories',
  'tags',
  'anonymousIds',
]);
export const OPTIONAL_PROFILE_FIELDS = new Set([
  'signupAt',
  'firstVisitAt',
  'lastVisitAt',
  'lastSeenAt',
  'currency',
  'firstOrderAt',
  'lastOrderAt',
  'avgOrderIntervalDays',
  'cart',
  'traits',
  'consent',
  'firstEventAt',
  'lastEventAt',
]);

export const SHOP_FIELDS = new Set(['name', 'contact']);

const daysSince = (date: string | null, now: string, timeZone: string): number | null => (date === null ? null : calendarDaysSince(date, now, timeZone));

export const templateScope = (input: { profile: ProfileView; event?: CanonicalEvent | undefined; now: Date; timeZone: string; sender?: Sender | undefined }): TemplateScope => {
  const now = input.now.toISOString();
  const { profile } = input;
  return {
    profile,
    event: input.event ?? null,
    computed: {
      daysSinceLastOrder: daysSince(profile.lastOrderAt, now, input.timeZone),
      daysSinceFirstOrder: daysSince(profile.firstOrderAt, now, input.timeZone),
      daysSinceSignup: daysSince(profile.signupAt, now, input.timeZone),
      daysSinceLastVisit: daysSince(profile.lastVisitAt, now, input.timeZone),
      cartItemCount: profile.cart?.items.reduce((sum, item) => sum + item.quantity, 0) ?? 0,
      cartValue: profile.cart?.value ?? 0,
    },
    shop: { name: input.sender?.name ?? '', contact: input.sender?.contact ?? '' },
    now,
  };
};
