import { crmOperators } from './crm-operators.js';
import { DaysSinceWindow, type DayRange } from './days-since-window.js';
import { HoursSinceWindow } from './hours-since-window.js';
import type { Code, OpSite } from './logic-code.js';
import {
  ALL_NUMBERS,
  NO_NUMBER,
  compareLiterals,
  comparisonInterval,
  integerBounds,
  intersect,
  isPrimitive,
  type NumberInterval,
  type Primitive,
} from './number-interval.js';

/**
 * Date operators compared with literals, specialised at compile time. Parsing a date and
 * finding its local day cost ~150 ns and dominate a rule (json-logic-js pays the same);
 * but `{"<=": [{"days_since": X}, 30]}` is really "X is on or after the start of the local
 * day 30 days before today", a threshold that depends on `now` and the time zone only. So
 * such comparisons compile to a window object (days-since-window.ts, hours-since-window.ts)
 * that computes its thresholds once per `now`/zone and places canonical instants by string
 * comparison. Results are exactly the operator's: every other input takes its arithmetic.
 *
 * Recognised: `<`, `<=`, `>`, `>=`, `==`, `!=`, `===`, `!==` with a primitive literal on
 * either side; 3-argument `<`/`<=` (between) with literals around; `in` a literal list.
 */

type Windowed = { readonly kind: 'days' | 'hours'; readonly date: Code } | { readonly kind: 'visits'; readonly days: number };

function windowedOf(code: Code): Windowed | undefined {
  if (code.since !== undefined) return { kind: code.since.op === 'days_since' ? 'days' : 'hours', date: code.since.date };
  const days = code.visitsDays?.literal?.value;
  // visits_within counts nothing for days that are no number: left to the operator.
  return typeof days === 'number' ? { kind: 'visits', days } : undefined;
}

function primitiveOf(code: Code): Primitive | undefined {
  const value = code.literal?.value;
  return code.literal !== undefined && isPrimitive(value) ? value : undefined;
}

/** The compiled test for a comparison of `args` (already compiled), or undefined when no window applies. */
export function windowComparison(site: OpSite, operator: string, args: readonly Code[]): string | undefined {
  const at = args.findIndex((code) => windowedOf(code) !== undefined);
  const windowed = at < 0 ? undefined : windowedOf(args[at] as Code);
  if (windowed === undefined) return undefined;
  const literals = args.map((code, index) => (index === at ? null : primitiveOf(code)));
  if (literals.some((literal, index) => index !== at && literal === undefined)) return undefined;
  const literal = (index: number): Primitive => literals[index] as Primitive;
  let interval: NumberInterval | undefined;
  if (args.length === 2) interval = comparisonInterval(operator, literal(at === 0 ? 1 : 0), at === 0);
  else if (args.length === 3 && (operator === '<' || operator === '<=')) {
    // a OP b OP c is (a OP b) && (b OP c); a conjunct between two literals is a constant.
    const conjunct = (left: number, right: number): NumberInterval => {
      if (left !== at && right !== at) return compareLiterals(operator, literal(left), literal(right)) ? ALL_NUMBERS : NO_NUMBER;
      return comparisonInterval(operator, literal(left === at ? right : left), left === at) as NumberInterval;
    };
    interval = intersect(conjunct(0, 1), conjunct(1, 2));
  }
  return interval === undefined ? undefined : windowTest(site, windowed, interval);
}

/** `{"in": [{"days_since": X}, [30, 60, 90]]}`: `in` compares with `===`, so only whole numbers can match. */
export function windowIn(site: OpSite, needle: Code, list: readonly unknown[]): string | undefined {
  const windowed = windowedOf(needle);
  if (windowed?.kind !== 'days') return undefined;
  const days = [...new Set(list.filter((item): item is number => Number.isInteger(item)))].sort((a, b) => a - b);
  return daysTest(site, windowed.date, days.map((day): DayRange => [day, day]));
}

function windowTest(site: OpSite, windowed: Windowed, interval: NumberInterval): string {
  const not = interval.negated ? '!' : '';
  const range = integerBounds(interval);
  switch (windowed.kind) {
    case 'days':
      return `${not}${daysTest(site, windowed.date, [range])}`;
    case 'hours': {
      const window = site.constant(new HoursSinceWindow({ ...interval, negated: false }));
      return `${not}${window}.has(${site.lookup(['now'])}, ${windowed.date.js})`;
    }
    case 'visits': {
      const window = site.constant(new DaysSinceWindow([visitDays(windowed.days)]));
      const [now, timeZone, visits] = crmOperators.visits_within.reads.map((path) => site.lookup(path));
      return `${not}${window}.countBetween(${now}, ${timeZone}, ${visits}, ${site.literal(range[0]).js}, ${site.literal(range[1]).js})`;
    }
  }
}

function daysTest(site: OpSite, date: Code, ranges: readonly DayRange[]): string {
  const window = site.constant(new DaysSinceWindow(ranges));
  return `${window}.has(${site.lookup(['now'])}, ${site.lookup(['timeZone'])}, ${date.js})`;
}

/** visits_within(days) counts visits 0 to `days` whole days ago. */
export function visitDays(days: number): DayRange {
  return Number.isNaN(days) ? [1, 0] : [0, Math.floor(days)];
}

/** `{"visits_within": days}` with a literal number of days, as a count through a window. */
export function visitsCount(site: OpSite, days: number): string {
  const window = site.constant(new DaysSinceWindow([visitDays(days)]));
  const [now, timeZone, visits] = crmOperators.visits_within.reads.map((path) => site.lookup(path));
  return `${window}.count(${now}, ${timeZone}, ${visits}, Infinity)`;
}
