/**
 * Local wall-clock times of a time zone as instants: "10:00 on 2026-03-02 in Seoul", and
 * the UTC range a local calendar day covers. Scheduled rules need both — when to run, and
 * which anchor instants fall on "N days ago" — without the machine's own zone mattering.
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

/** The zone's offset from UTC at an instant, in whole minutes (no zone has used seconds since 1972). */
const offsetMinutesAt = (epochMs: number, timeZone: string): number => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) parts[part.type] = Number(part.value);
  const local = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!);
  return Math.round((local - Math.floor(epochMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
};

/**
 * The instant a local date and time (`YYYY-MM-DD`, `HH:MM`) names in a zone. A time that
 * a spring-forward gap skips maps to the instant after the gap; a time that a fall-back
 * repeats maps to its first occurrence.
 */
export const zonedInstant = (date: string, time: string, timeZone: string): Date => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Candidates from the offsets around the wall time read as UTC; a candidate is right when it reads back as the wall time.
  const candidates = [...new Set([wall - offsetMinutesAt(wall, timeZone) * MINUTE_MS, wall - offsetMinutesAt(wall - 86_400_000, timeZone) * MINUTE_MS, wall - offsetMinutesAt(wall + 86_400_000, timeZone) * MINUTE_MS])];
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
