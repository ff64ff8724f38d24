import { z } from 'zod';
import { ValidationError } from '../validation/field-issues.js';
import { MAX_CANONICAL_MS } from './canonical-instant.js';

/**
 * The times Retain accepts for an event, relative to when it received the event (the clock
 * port's `now`, never the sender's clock):
 * - not before 1970-01-01T00:00:00Z. No shop event is older; older times are zero dates read
 *   as times (`0000-00-00`, `0001-01-01`) or typos, and a device whose clock was reset starts
 *   at 1970, which Segment's `sentAt` correction repairs;
 * - not more than 5 minutes after the receipt. Servers' clocks agree to within seconds, so
 *   this is room for skew, not for dates ahead: within it a time is taken as the receipt
 *   (nothing Retain keeps is later than when it arrived), beyond it the event is refused.
 * A time outside the window is a 400 naming the field: a platform retries a 5xx for days, and
 * keeping a 2099 date would let it outrank everything the customer does until then.
 */
export const EARLIEST_EVENT_MS = 0;
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const FORMAT = 'must be an ISO-8601 time with a zone, e.g. 2026-03-01T10:00:00+09:00';

/** Why an instant cannot be an event time received at `receivedMs` (any time, without it), or undefined. */
const windowProblem = (ms: number, earliestMs: number, receivedMs?: number): string | undefined => {
  if (Number.isNaN(ms)) return FORMAT;
  if (ms < earliestMs) return `is before ${new Date(earliestMs).toISOString()}, the earliest time Retain accepts: send when the event happened, not a zero date`;
  if (ms > MAX_CANONICAL_MS) return 'is after 9999-12-31T23:59:59.999Z (UTC), later than any time Retain can keep: send when the event happened';
  if (receivedMs !== undefined && ms > receivedMs + MAX_CLOCK_SKEW_MS) {
    return `is ${roughly(ms - receivedMs)} after Retain received the event (${new Date(receivedMs).toISOString()}); at most ${MAX_CLOCK_SKEW_MS / 60_000} minutes ahead is accepted (clock skew): send when the event happened, or check the sender's clock`;
  }
  return undefined;
};

/**
 * An ISO-8601 time with a zone, normalised to a canonical UTC instant, between `earliestMs`
 * and the last instant a canonical string can write (a year-10000 time would not sort).
 */
export const instantSchema = (earliestMs: number) =>
  z.iso.datetime({ offset: true, error: FORMAT }).transform((value, context) => {
    const ms = Date.parse(value);
    const problem = windowProblem(ms, earliestMs);
    if (problem === undefined) return new Date(ms).toISOString();
    context.addIssue({ code: 'custom', message: `${value} ${problem}`, input: value });
    return z.NEVER;
  });

/** A time sent by a source: an ISO-8601 time with a zone, from 1970 to 9999, as a canonical instant. */
export const EventTimeSchema = instantSchema(EARLIEST_EVENT_MS);

/** The window of one request: the times its events may carry, kept no later than the receipt. */
export class ReceiptWindow {
  private readonly receivedMs: number;

  constructor(readonly receivedAt: string) {
    this.receivedMs = Date.parse(receivedAt);
  }

  /**
   * `at` (a canonical instant or epoch ms) as the time to keep: itself, or the receipt when it
   * is within the skew ahead of it. Outside the window, a ValidationError naming `path`;
   * `described` says how the time was derived when it is not the field's own value.
   */
  time(path: string, at: string | number, described?: string): string {
    const ms = typeof at === 'number' ? at : Date.parse(at);
    const problem = windowProblem(ms, EARLIEST_EVENT_MS, this.receivedMs);
    if (problem === undefined) return this.kept(ms);
    const value = Number.isNaN(ms) ? String(at) : new Date(ms).toISOString();
    throw new ValidationError([{ path, message: `${value}${described ? ` (${described})` : ''} ${problem}` }]);
  }

  /** Each present time of `times` (field → canonical instant) through `time`, paths under `prefix`. */
  times<K extends string>(times: Record<K, string | null | undefined>, prefix = ''): Partial<Record<K, string>> {
    const kept: Partial<Record<K, string>> = {};
    for (const [field, at] of Object.entries(times) as Array<[K, string | null | undefined]>) {
      if (typeof at === 'string') kept[field] = this.time(prefix ? `${prefix}.${field}` : field, at);
    }
    return kept;
  }

  /** `value` as a kept time when it is a valid time inside the window, else undefined: for times that are only a fallback. */
  lenient(value: unknown): string | undefined {
    const parsed = EventTimeSchema.safeParse(value);
    if (!parsed.success) return undefined;
    const ms = Date.parse(parsed.data);
    return windowProblem(ms, EARLIEST_EVENT_MS, this.receivedMs) === undefined ? this.kept(ms) : undefined;
  }

  private kept(ms: number): string {
    return new Date(Math.min(ms, this.receivedMs)).toISOString();
  }
}

/** A duration as people say it: "5 minutes 30 seconds", "5 hours", "2 days", "73 years". */
const roughly = (ms: number): string => {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  const large: Array<[string, number]> = [['year', 365.25 * 86_400_000], ['day', 86_400_000], ['hour', 3_600_000]];
  const unit = large.find(([, size]) => ms >= size);
  if (unit) return plural(Math.floor(ms / unit[1]), unit[0]);
  const seconds = Math.ceil(ms / 1000);
  return seconds % 60 === 0 ? plural(seconds / 60, 'minute') : `${plural(Math.floor(seconds / 60), 'minute')} ${plural(seconds % 60, 'second')}`;
};
