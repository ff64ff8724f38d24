import { toEpochMs } from './iso-instant.js';
import { DEFAULT_TIME_ZONE, assertTimeZone, calendarDaysSince, localDayNumber, localDayOfNow } from './local-day.js';
import { ownField, ownGet, truthy } from './logic-runtime.js';

/**
 * CRM operators: one flat registry of pure functions, used by the rule compiler and
 * registered on json-logic-js, so that both agree by construction.
 *
 * Each takes the evaluation data first — `{ profile, event, now, timeZone? }` at the top of
 * a rule, but the current element inside `some`/`all`/`map`…, exactly as json-logic-js
 * passes `this` — then its evaluated arguments. No rest or optional parameters: a
 * function's `length` minus one is the argument count the compiler enforces.
 *
 * Dates are ISO-8601 strings with an offset, or epoch ms; a missing or invalid date gives
 * NaN, and every comparison with NaN is false: a customer who never ordered is neither
 * "ordered within 180 days" nor "last ordered over 365 days ago".
 */
export type CrmOperator = (data: unknown, ...args: never[]) => unknown;

const HOUR_MS = 3_600_000;

/** Whole local calendar days from `date` to `now` (23:59 yesterday → 1). */
function days_since(data: unknown, date: unknown): number {
  return calendarDaysSince(date, ownField(data, 'now'), timeZoneOf(data));
}

/** Hours from `date` to `now`, fractional. */
function hours_since(data: unknown, date: unknown): number {
  return (toEpochMs(ownField(data, 'now')) - toEpochMs(date)) / HOUR_MS;
}

function has_tag(data: unknown, tag: unknown): boolean {
  const tags = ownField(ownField(data, 'profile'), 'tags');
  return Array.isArray(tags) && tags.includes(tag);
}

/** `profile.consent[channel][purpose].state === 'granted'`. */
function has_consent(data: unknown, channel: unknown, purpose: unknown): boolean {
  if (typeof channel !== 'string' || typeof purpose !== 'string') return false;
  const consent = ownField(ownField(data, 'profile'), 'consent');
  return ownField(ownGet(ownGet(consent, channel), purpose), 'state') === 'granted';
}

/**
 * Visits (entries of `profile.recentVisits`) on the local days from `days` days ago up to
 * today: the window `{"<=": [{"days_since": visit}, days]}` describes, so both read alike.
 */
function visits_within(data: unknown, days: unknown): number {
  return countVisits(data, days, Number.POSITIVE_INFINITY);
}

export const crmOperators = { days_since, hours_since, has_tag, has_consent, visits_within } satisfies Record<
  string,
  CrmOperator
>;

export type CrmOperatorName = keyof typeof crmOperators;

/**
 * `visits_within(days) >= atLeast`, stopping once enough visits are found. The compiler
 * uses it for comparisons with a number literal: most customers in a "3+ visits" audience
 * are decided by their last three visits.
 */
export function visitsAtLeast(data: unknown, days: unknown, atLeast: number): boolean {
  return countVisits(data, days, atLeast) >= atLeast;
}

function countVisits(data: unknown, days: unknown, stopAt: number): number {
  const timeZone = timeZoneOf(data);
  const visits = ownField(ownField(data, 'profile'), 'recentVisits');
  if (!Array.isArray(visits) || typeof days !== 'number') return 0;
  const today = localDayOfNow(ownField(data, 'now'), timeZone);
  let count = 0;
  // Newest last, usually: walking backwards meets the recent visits first.
  for (let i = visits.length - 1; i >= 0 && count < stopAt; i--) {
    const ago = today - localDayNumber(toEpochMs(visits[i]), timeZone);
    if (ago >= 0 && ago <= days) count++;
  }
  return count;
}

function timeZoneOf(data: unknown): string {
  const timeZone = ownField(data, 'timeZone');
  if (timeZone === undefined || timeZone === null) return DEFAULT_TIME_ZONE;
  assertTimeZone(timeZone);
  return timeZone;
}

/** Looks up a segment's logic by id; undefined when there is no such segment. */
export type SegmentResolver = (segmentId: string) => unknown;

export class SegmentError extends Error {
  override readonly name = 'SegmentError';
}

/** The part of json-logic-js this module needs. */
export interface JsonLogicEngine {
  add_operation(name: string, code: (...args: never[]) => unknown): void;
  apply(logic: unknown, data?: unknown): unknown;
}

/**
 * Registers the CRM operators, and `in_segment` resolved through `segments`, on a
 * json-logic-js instance — the reference the compiled rules are tested against.
 */
export function registerCrmOperators(engine: JsonLogicEngine, options: { segments?: SegmentResolver } = {}): void {
  for (const [name, operator] of Object.entries(crmOperators) as [string, CrmOperator][]) {
    engine.add_operation(name, function (this: unknown, ...args: never[]) {
      return operator(this, ...args);
    });
  }
  const active = new Set<string>();
  engine.add_operation('in_segment', function (this: unknown, segmentId: unknown) {
    const id = String(segmentId);
    const logic = options.segments?.(id);
    if (logic === undefined) throw new SegmentError(`unknown segment "${id}"`);
    if (active.has(id)) throw new SegmentError(`segment "${id}" refers to itself`);
    active.add(id);
    try {
      return truthy(engine.apply(logic, this));
    } finally {
      active.delete(id);
    }
  });
}
