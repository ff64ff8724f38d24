/**
 * EventBridge Scheduler expressions, evaluated locally: `rate(5 minutes)` and
 * `cron(minutes hours day-of-month month day-of-week year)` in UTC, with `*`, `?`, lists,
 * ranges, steps and MON–SUN / JAN–DEC names (not `L`, `W` or `#`).
 */

const MINUTE = 60_000;
const RATE_UNITS: Record<string, number> = { minute: MINUTE, minutes: MINUTE, hour: 60 * MINUTE, hours: 60 * MINUTE, day: 1440 * MINUTE, days: 1440 * MINUTE };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export class ScheduleExpressionError extends Error {
  override readonly name = 'ScheduleExpressionError';
}

type Matcher = (date: Date) => boolean;

const field = (text: string, min: number, max: number, names: string[] = [], offset = 0): Set<number> | 'any' => {
  if (text === '*' || text === '?') return 'any';
  const value = (token: string) => {
    const named = names.indexOf(token.toUpperCase());
    const number = named >= 0 ? named + offset : Number(token);
    if (!Number.isInteger(number) || number < min || number > max) throw new ScheduleExpressionError(`"${token}" is not between ${min} and ${max}`);
    return number;
  };
  const allowed = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, to] = range === '*' ? [min, max] : range.includes('-') ? (range.split('-').map(value) as [number, number]) : [value(range), stepText ? max : value(range)];
    for (let number = from; number <= to; number += step) allowed.add(number);
  }
  return allowed;
};

const cronMatcher = (expression: string): Matcher => {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6) throw new ScheduleExpressionError(`cron(${expression}) needs 6 fields: minutes hours day-of-month month day-of-week year`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = [
    field(parts[0]!, 0, 59),
    field(parts[1]!, 0, 23),
    field(parts[2]!, 1, 31),
    field(parts[3]!, 1, 12, MONTHS, 1),
    field(parts[4]!, 1, 7, DAYS, 1),
    field(parts[5]!, 1970, 2199),
  ];
  const has = (set: Set<number> | 'any', value: number) => set === 'any' || set.has(value);
  return (date) =>
    has(minutes, date.getUTCMinutes()) &&
    has(hours, date.getUTCHours()) &&
    has(dayOfMonth, date.getUTCDate()) &&
    has(month, date.getUTCMonth() + 1) &&
    has(dayOfWeek, date.getUTCDay() + 1) &&
    has(year, date.getUTCFullYear());
};

/** Every time the schedule fires in (after, until], oldest first. `anchor` is where rate schedules start. */
export const fireTimes = (expression: string, after: Date, until: Date, anchor: Date = after): Date[] => {
  const rate = /^rate\((\d+)\s+(minutes?|hours?|days?)\)$/.exec(expression.trim());
  const times: Date[] = [];
  if (rate) {
    const period = Number(rate[1]) * RATE_UNITS[rate[2]!]!;
    if (period <= 0) throw new ScheduleExpressionError(`${expression}: the rate must be positive`);
    const first = anchor.getTime() + Math.max(1, Math.ceil((after.getTime() - anchor.getTime() + 1) / period)) * period;
    for (let time = first; time <= until.getTime(); time += period) times.push(new Date(time));
    return times;
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) throw new ScheduleExpressionError(`"${expression}" is neither rate(...) nor cron(...)`);
  const matches = cronMatcher(cron[1]!);
  for (let time = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE; time <= until.getTime(); time += MINUTE) {
    if (matches(new Date(time))) times.push(new Date(time));
  }
  return times;
};
