import { toEpochMs } from '../time/iso-instant.js';
import { calendarDaysSince, localDayOf, localDayOfNow, zoneOrDefault } from '../time/local-day.js';
import { ownGet } from './logic-runtime.js';

/**
 * CRM operators: one flat registry of pure functions, used by the rule compiler and
 * registered on json-logic-js (register-crm-operators.ts), so both agree by construction.
 *
 * An operator names the fields of the evaluation data it reads — `{ profile, event, now,
 * timeZone? }` at the top of a rule, but the current element inside `some`/`all`/`map`…,
 * as json-logic-js passes `this` — and is a pure function of those values (own properties,
 * undefined when absent) followed by its evaluated arguments. The compiler reads the
 * fields inline, sharing `profile` with the rule's other lookups.
 *
 * Dates are ISO-8601 strings with an offset, or epoch ms; a missing or invalid date gives
 * NaN, and every comparison with NaN is false: a customer who never ordered is neither
 * "ordered within 180 days" nor "last ordered over 365 days ago".
 */
export interface CrmOperator {
  /** Paths into the evaluation data whose values are passed first. */
  readonly reads: readonly (readonly string[])[];
  /** Names of the arguments that follow: the compiler enforces their number. */
  readonly args: readonly string[];
  readonly returns: 'number' | 'boolean';
  /** Throws TimeZoneError when `timeZone` is not an IANA zone name. */
  readonly readsTimeZone: boolean;
  readonly evaluate: (...values: never[]) => unknown;
}

const NOW = ['now'];
const TIME_ZONE = ['timeZone'];
const HOUR_MS = 3_600_000;

export const crmOperators = {
  /** Whole local calendar days from `date` to `now` (23:59 yesterday → 1). */
  days_since: {
    reads: [NOW, TIME_ZONE],
    args: ['date'],
    returns: 'number',
    readsTimeZone: true,
    evaluate: (now: unknown, timeZone: unknown, date: unknown): number => calendarDaysSince(date, now, zoneOrDefault(timeZone)),
  },
  /** Hours from `date` to `now`, fractional. */
  hours_since: {
    reads: [NOW],
    args: ['date'],
    returns: 'number',
    readsTimeZone: false,
    evaluate: (now: unknown, date: unknown): number => (toEpochMs(now) - toEpochMs(date)) / HOUR_MS,
  },
  has_tag: {
    reads: [['profile', 'tags']],
    args: ['tag'],
    returns: 'boolean',
    readsTimeZone: false,
    evaluate: (tags: unknown, tag: unknown): boolean => Array.isArray(tags) && tags.includes(tag),
  },
  /** `profile.consent[channel][purpose].state === 'granted'`. */
  has_consent: {
    reads: [['profile', 'consent']],
    args: ['channel', 'purpose'],
    returns: 'boolean',
    readsTimeZone: false,
    evaluate: (consent: unknown, channel: unknown, purpose: unknown): boolean =>
      typeof channel === 'string' && typeof purpose === 'string' && ownGet(ownGet(ownGet(consent, channel), purpose), 'state') === 'granted',
  },
  /**
   * Visits (entries of `profile.recentVisits`) on the local days from `days` days ago up
   * to today: the window `{"<=": [{"days_since": visit}, days]}` describes.
   */
  visits_within: {
    reads: [NOW, TIME_ZONE, ['profile', 'recentVisits']],
    args: ['days'],
    returns: 'number',
    readsTimeZone: true,
    evaluate: (now: unknown, timeZone: unknown, visits: unknown, days: unknown): number =>
      countVisits(now, timeZone, visits, days),
  },
} as const satisfies Record<string, CrmOperator>;

export type CrmOperatorName = keyof typeof crmOperators;

function countVisits(now: unknown, timeZone: unknown, visits: unknown, days: unknown): number {
  const zone = zoneOrDefault(timeZone);
  if (!Array.isArray(visits) || typeof days !== 'number') return 0;
  const today = localDayOfNow(now, zone);
  let count = 0;
  // Newest last, usually: walking backwards meets the recent visits first.
  for (let i = visits.length - 1; i >= 0; i--) {
    const ago = today - localDayOf(visits[i], zone);
    if (ago >= 0 && ago <= days) count++;
  }
  return count;
}
