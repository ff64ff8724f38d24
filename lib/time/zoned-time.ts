/**
 * Wall-clock time in an IANA time zone: which local date and minute an instant is, and
 * which instant a local date and time is. Quiet hours ("not 21:00–08:00") and "the next
 * window" are local times in the workspace zone, whatever the server's zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallClockOf = (epochMs: number, timeZone: string): WallClock => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts['year']!, month: parts['month']!, day: parts['day']!, hour: parts['hour']!, minute: parts['minute']!, second: parts['second']! };
};

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
const offsetAt = (epochMs: number, timeZone: string): number => {
  const wall = wallClockOf(epochMs, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(epochMs / 1000) * 1000;
};

const pad = (value: number) => String(value).padStart(2, '0');

/** Minutes after local midnight of an `HH:MM` time. */
export const minutesOf = (hhmm: string): number => {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};

/** The local date (YYYY-MM-DD) and minute of the day of an instant. */
export const localClock = (instant: Date, timeZone: string): { date: string; minutes: number } => {
  const wall = wallClockOf(instant.getTime(), timeZone);
  return { date: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`, minutes: wall.hour * 60 + wall.minute };
};

/**
 * The instant a local date and minute of the day names. Two passes settle the zone's
 * offset at that instant; a wall time that a DST switch skips or repeats resolves to one
 * of the instants around it (Asia/Seoul has no DST).
 */
export const instantAtLocal = (date: string, minutes: number, timeZone: string): Date => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  return new Date(Math.min(first, second));
};

/** An instant as people in the workspace read it: `2026-03-02 08:00 (Asia/Seoul)`. */
export const formatLocal = (instant: Date, timeZone: string): string => {
  const { date, minutes } = localClock(instant, timeZone);
  return `${date} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)} (${timeZone})`;
};
