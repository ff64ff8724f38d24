/**
 * Wall-clock time in an IANA time zone: which local date and minute an instant is, which
 * instant a local date and time is, and the UTC range a local calendar day covers. Quiet
 * hours ("not 21:00–08:00") and scheduled rules ("10:00, for anchors N days ago") are local
 * times in the workspace zone, whatever the server's zone.
 */

const MINUTE_MS = 60_000;
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
}

const wallClockOf = (epochMs: number, timeZone: string): WallClock => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts['year']!, month: parts['month']!, day: parts['day']!, hour: parts['hour']!, minute: parts['minute']! };
};

/** The zone's offset from UTC at an instant, in whole minutes (no zone has used seconds since 1972). */
const offsetMinutesAt = (epochMs: number, timeZone: string): number => {
  const wall = wallClockOf(epochMs, timeZone);
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return Math.round((local - Math.floor(epochMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
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
 * The instant a local date and time (`YYYY-MM-DD`, `HH:MM`) names in a zone. A time that
 * a spring-forward gap skips maps to the instant after the gap; a time that a fall-back
 * repeats maps to its first occurrence.
 */
export const zonedInstant = (date: string, time: string, timeZone: string): Date => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, 0, minutesOf(time));
  // Candidates from the offsets around the wall time read as UTC; a candidate is right when it reads back as the wall time.
  const candidates = [
    ...new Set([wall - offsetMinutesAt(wall, timeZone) * MINUTE_MS, wall - offsetMinutesAt(wall - 86_400_000, timeZone) * MINUTE_MS, wall - offsetMinutesAt(wall + 86_400_000, timeZone) * MINUTE_MS]),
  ];
  const exact = candidates.filter((candidate) => candidate + offsetMinutesAt(candidate, timeZone) * MINUTE_MS === wall);
  // Two exact answers: a fall-back repeats the time, take the first. None: a gap skips it, take the instant after.
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(...candidates));
};

/** The instants of a local calendar day: `[from, to)` in UTC. */
export const localDayRange = (date: string, timeZone: string): { from: Date; to: Date } => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
  return { from: zonedInstant(date, '00:00', timeZone), to: zonedInstant(next, '00:00', timeZone) };
};

/** An instant as people in the workspace read it: `2026-03-02 08:00 (Asia/Seoul)`. */
export const formatLocal = (instant: Date, timeZone: string): string => {
  const { date, minutes } = localClock(instant, timeZone);
  return `${date} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)} (${timeZone})`;
};
