/**
 * What a JSON Logic comparison of a computed number with a literal asks of that number,
 * worked out at compile time: `{"<=": [{"days_since": X}, 30]}` holds exactly when the
 * number lies in (−∞, 30]. The operators keep json-logic-js's JavaScript semantics —
 * `"30"` and `true` convert to numbers, `null` is 0 for `<` but equals nothing for `==`,
 * `===` matches numbers only — and NaN lies in no interval, so it fails every comparison
 * but `!=`/`!==` (an interval with `negated`).
 */
export interface NumberInterval {
  readonly min: number;
  readonly minOpen: boolean;
  readonly max: number;
  readonly maxOpen: boolean;
  /** The comparison holds when the number is *not* in the interval. */
  readonly negated: boolean;
}

export type Primitive = string | number | boolean | null;

const EMPTY: NumberInterval = { min: Number.NaN, minOpen: false, max: Number.NaN, maxOpen: false, negated: false };
const ALL: NumberInterval = { min: Number.NEGATIVE_INFINITY, minOpen: false, max: Number.POSITIVE_INFINITY, maxOpen: false, negated: false };

export function isPrimitive(value: unknown): value is Primitive {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** `a OP b` for two literals, with JavaScript's own operators (as json-logic-js applies them). */
export function compareLiterals(operator: string, a: Primitive, b: Primitive): boolean {
  const [x, y] = [a as never, b as never];
  switch (operator) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '==':
      return x == y; // eslint-disable-line eqeqeq
    case '!=':
      return x != y; // eslint-disable-line eqeqeq
    case '===':
      return x === y;
    case '!==':
      return x !== y;
    default:
      throw new RangeError(`not a comparison operator: ${operator}`);
  }
}

const FLIPPED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * The numbers `n` for which `n OP literal` holds (or `literal OP n` when `numberFirst` is
 * false); undefined for an operator that is not a comparison.
 */
export function comparisonInterval(operator: string, literal: Primitive, numberFirst: boolean): NumberInterval | undefined {
  const op = numberFirst ? operator : (FLIPPED[operator] ?? operator);
  // A number against any primitive converts the primitive with ToNumber (null → 0).
  const bound = Number(literal);
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    if (Number.isNaN(bound)) return EMPTY;
    if (op === '<') return { ...ALL, max: bound, maxOpen: true };
    if (op === '<=') return { ...ALL, max: bound };
    if (op === '>') return { ...ALL, min: bound, minOpen: true };
    return { ...ALL, min: bound };
  }
  if (op === '==' || op === '!=' || op === '===' || op === '!==') {
    // `==` compares a number with a string or boolean by ToNumber; with null never; `===` needs a number.
    const loose = op === '==' || op === '!=';
    const equalTo = typeof literal === 'number' || (loose && literal !== null) ? bound : Number.NaN;
    const point = Number.isNaN(equalTo) ? EMPTY : { min: equalTo, minOpen: false, max: equalTo, maxOpen: false, negated: false };
    return op === '!=' || op === '!==' ? { ...point, negated: true } : point;
  }
  return undefined;
}

export const ALL_NUMBERS = ALL;
export const NO_NUMBER = EMPTY;

/** Both intervals (neither negated). */
export function intersect(a: NumberInterval, b: NumberInterval): NumberInterval {
  if (a.negated || b.negated) throw new RangeError('cannot intersect negated intervals');
  if (isEmpty(a) || isEmpty(b)) return EMPTY;
  const [min, minOpen] = a.min > b.min ? [a.min, a.minOpen] : b.min > a.min ? [b.min, b.minOpen] : [a.min, a.minOpen || b.minOpen];
  const [max, maxOpen] = a.max < b.max ? [a.max, a.maxOpen] : b.max < a.max ? [b.max, b.maxOpen] : [a.max, a.maxOpen || b.maxOpen];
  return { min, minOpen, max, maxOpen, negated: false };
}

/** The whole numbers of an interval as [first, last] (±Infinity when unbounded; first > last when none). */
export function integerBounds(interval: NumberInterval): readonly [number, number] {
  const { min, minOpen, max, maxOpen } = interval;
  if (Number.isNaN(min) || Number.isNaN(max)) return [1, 0];
  const first = minOpen ? Math.floor(min) + 1 : Math.ceil(min);
  const last = maxOpen ? Math.ceil(max) - 1 : Math.floor(max);
  // "≤ −∞" and "≥ +∞" hold for no number at all.
  return first === Number.POSITIVE_INFINITY || last === Number.NEGATIVE_INFINITY ? [1, 0] : [first, last];
}

function isEmpty(interval: NumberInterval): boolean {
  return Number.isNaN(interval.min) || Number.isNaN(interval.max);
}

export function contains(interval: NumberInterval, value: number): boolean {
  const { min, minOpen, max, maxOpen } = interval;
  return (minOpen ? value > min : value >= min) && (maxOpen ? value < max : value <= max);
}
