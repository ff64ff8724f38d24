import { daysFromCivil } from './civil-days.js';
import { toEpochMs } from './iso-instant.js';

/**
 * Calendar-day arithmetic in an IANA time zone ("yesterday 23:59" is one day ago in Seoul
 * even when it is 11 minutes ago).
 *
 * `Intl.DateTimeFormat` is exact but costs microseconds, and rules ask for local days
 * millions of times. So each zone keeps its UTC offset per UTC day; a day on which the
 * offset changes (a DST switch) is split into hours, and an hour that still holds a switch
 * (zones with :30/:45 transitions) is answered exactly, uncached. This assumes no zone
 * changes its offset twice within one day, which tzdb has never done.
 *
 * Date strings themselves are not cached: profiles stream past, so most lookups would
 * miss, and a Map miss plus insert was measured to cost about as much as parsing
 * (iso-instant.ts) the string again.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Seoul';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How far around a day's start its zone's offset must hold for dayStart to answer. */
const STEADY_MS = 3 * DAY_MS;
/** The range of a Date: ±100,000,000 days around 1970. */
const MAX_DATE_MS = 8.64e15;
// Enough for decades of dates per zone; past it the cache starts over rather than grow.
const MAX_CACHED_BUCKETS = 200_000;

export class TimeZoneError extends Error {
  override readonly name = 'TimeZoneError';
  constructor(readonly timeZone: unknown, options?: { cause?: unknown }) {
    super(`time zone ${JSON.stringify(timeZone)} is not an IANA time zone name (for example "Asia/Seoul")`, options);
  }
}

class ZoneOffsets {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly byDay = new Map<number, number>();
  private readonly byHour = new Map<number, number>();

  constructor(timeZone: string) {
    try {
      this.formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch (error) {
      throw new TimeZoneError(timeZone, { cause: error });
    }
  }

  /**
   * The first instant of local day `day`, if the offset is one and the same for three days
   * either side of it; NaN otherwise. Offsets stay within ±24 h, so with a constant offset
   * around the start, every earlier instant is on an earlier local day and every later one
   * on that day or a later one — even in zones whose clocks once went back over midnight.
   */
  dayStart(day: number): number {
    const local = day * DAY_MS;
    const offset = this.offsetAt(local);
    const start = local - offset;
    const last = Math.floor((start + STEADY_MS) / DAY_MS);
    for (let bucket = Math.floor((start - STEADY_MS) / DAY_MS); bucket <= last; bucket++) {
      let around = this.byDay.get(bucket);
      if (around === undefined) around = this.remember(this.byDay, bucket, DAY_MS);
      if (around !== offset) return Number.NaN;
    }
    return start;
  }

  dayOf(epochMs: number): number {
    if (epochMs !== epochMs) return Number.NaN;
    return Math.floor((epochMs + this.offsetAt(epochMs)) / DAY_MS);
  }

  offsetAt(epochMs: number): number {
    const day = Math.floor(epochMs / DAY_MS);
    let offset = this.byDay.get(day);
    if (offset === undefined) offset = this.remember(this.byDay, day, DAY_MS);
    if (offset === offset) return offset;
    const hour = Math.floor(epochMs / HOUR_MS);
    offset = this.byHour.get(hour);
    if (offset === undefined) offset = this.remember(this.byHour, hour, HOUR_MS);
    return offset === offset ? offset : this.exactOffset(epochMs);
  }

  // NaN marks a bucket whose two ends disagree: it holds an offset change.
  private remember(cache: Map<number, number>, bucket: number, size: number): number {
    const first = this.exactOffset(bucket * size);
    const offset = first === this.exactOffset(bucket * size + size - 1) ? first : Number.NaN;
    if (cache.size >= MAX_CACHED_BUCKETS) cache.clear();
    cache.set(bucket, offset);
    return offset;
  }

  private exactOffset(epochMs: number): number {
    const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, bc: false };
    for (const part of this.formatter.formatToParts(epochMs)) {
      if (part.type === 'era') parts.bc = part.value === 'BC' || part.value === 'B';
      else if (part.type in parts) (parts as Record<string, number | boolean>)[part.type] = Number(part.value);
    }
    const year = parts.bc ? 1 - parts.year : parts.year;
    const local = daysFromCivil(year, parts.month, parts.day) * DAY_MS + ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000;
    return local - Math.floor(epochMs / 1000) * 1000;
  }
}

const zones = new Map<string, ZoneOffsets>();
let lastZoneName = '';
let lastZone: ZoneOffsets | undefined;

function zoneOffsets(timeZone: string): ZoneOffsets {
  if (timeZone === lastZoneName && lastZone !== undefined) return lastZone;
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    zone = new ZoneOffsets(timeZone);
    zones.set(timeZone, zone);
  }
  lastZoneName = timeZone;
  lastZone = zone;
  return zone;
}

/** Throws TimeZoneError unless `timeZone` names an IANA zone. */
export function assertTimeZone(timeZone: unknown): asserts timeZone is string {
  if (typeof timeZone !== 'string') throw new TimeZoneError(timeZone);
  zoneOffsets(timeZone);
}

/** The zone a rule's data names: its `timeZone` when given (checked), else Asia/Seoul. */
export function zoneOrDefault(timeZone: unknown): string {
  if (timeZone === undefined || timeZone === null) return DEFAULT_TIME_ZONE;
  assertTimeZone(timeZone);
  return timeZone;
}

/**
 * Days since 1970-01-01 of the local calendar date of an instant; NaN for NaN and for
 * instants beyond ±8.64e15 ms, which no Date (nor Intl) can place — a rule comparing such
 * an epoch number gets NaN like any other non-date, rather than an exception.
 */
export function localDayNumber(epochMs: number, timeZone: string): number {
  return epochMs >= -MAX_DATE_MS && epochMs <= MAX_DATE_MS ? zoneOffsets(timeZone).dayOf(epochMs) : Number.NaN;
}

/**
 * The first instant (epoch ms) of local day `day` in `timeZone`, from which on every instant
 * is on that local day or later and before which none is; NaN within three days of an offset
 * change (daylight saving time), where callers fall back to asking day by day.
 */
export function localDayStart(day: number, timeZone: string): number {
  return day !== day ? Number.NaN : zoneOffsets(timeZone).dayStart(day);
}

/** Local day number of an ISO-8601 string with offset or of epoch ms; NaN for anything else. */
export function localDayOf(date: unknown, timeZone: string): number {
  return localDayNumber(toEpochMs(date), timeZone);
}

// `now` is the same for every profile of a run, so its day is kept.
let lastNow: unknown;
let lastNowZone = '';
let lastNowDay = Number.NaN;

/** Local day number of `now` (ISO string or epoch ms), memoised for the last value seen. */
export function localDayOfNow(now: unknown, timeZone: string): number {
  if (now === lastNow && timeZone === lastNowZone) return lastNowDay;
  const day = localDayOf(now, timeZone);
  lastNow = now;
  lastNowZone = timeZone;
  lastNowDay = day;
  return day;
}

/**
 * Whole calendar days from the local date of `date` to the local date of `now` in
 * `timeZone` (negative when `date` is later). NaN when either is not an instant — so a
 * customer without the date is neither "within 180 days" nor "over 365 days".
 */
export function calendarDaysSince(date: unknown, now: unknown, timeZone: string): number {
  return localDayOfNow(now, timeZone) - localDayOf(date, timeZone);
}
