/**
 * Helpers the generated rule code calls. Each one reproduces json-logic-js 2.0.5 exactly
 * (the reference for rule semantics), except where a comment says we deliberately differ.
 */

const objectProto = Object.prototype;
const hasOwn = objectProto.hasOwnProperty;
const getProto = Object.getPrototypeOf;

/**
 * Path segments `var` never follows. json-logic-js would return `Object`, prototypes and
 * inherited methods for them; rules are written by people we do not fully trust, so a
 * rule sees the data's own properties and nothing else (a deliberate difference).
 */
export const BLOCKED_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON Logic truthiness: like JavaScript, except that an empty array is false. */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length !== 0 : !!value;
}

/** `obj[key]` if it is an own property and not a blocked name, else undefined. */
export function ownGet(obj: unknown, key: string): unknown {
  return BLOCKED_SEGMENTS.has(key) ? undefined : ownField(obj, key);
}

/**
 * `obj[key]` if own, for a key the caller knows is not blocked. hasOwnProperty costs ~10 ns,
 * more than the rest of a typical rule, so a plain object (whose only inherited names are
 * those of Object.prototype, pollution included) skips it. The compiler inlines the same test.
 */
export function ownField(obj: unknown, key: string): unknown {
  if (obj === null || obj === undefined) return undefined;
  const value = (obj as Record<string, unknown>)[key];
  if (value === undefined) return undefined;
  return (getProto(obj) === objectProto && !(key in objectProto)) || hasOwn.call(obj, key) ? value : undefined;
}

/** The own value at a path of property names (not blocked ones), or undefined. */
export function ownPath(data: unknown, path: readonly string[]): unknown {
  let current = data;
  for (const key of path) current = ownField(current, key);
  return current;
}

/** `var` with a path computed at run time; literal paths are inlined by the compiler. */
export function getVar(data: unknown, path: unknown, fallback?: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === '' || path === null) return data;
  let current = data;
  for (const segment of String(path).split('.')) {
    current = ownGet(current, segment);
    if (current === undefined) return notFound;
  }
  return current;
}

/**
 * `missing`. json-logic-js evaluates `{"var": key}` for each key, and so would run a key
 * that is a one-key object (from the data) as logic; here keys are only ever data.
 */
export function missing(data: unknown, ...args: unknown[]): unknown[] {
  const first = args[0];
  const keys = Array.isArray(first) ? first : args;
  const absent: unknown[] = [];
  for (const key of keys) {
    const value = Array.isArray(key) ? getVar(data, key[0], key[1]) : getVar(data, key);
    if (value === null || value === '') absent.push(key);
  }
  return absent;
}

export function missingSome(data: unknown, needCount: unknown, options: unknown): unknown[] {
  const absent = Array.isArray(options) ? missing(data, ...options) : missing(data, options);
  // Reads `.length` of whatever `options` is, and throws on null, as json-logic-js does.
  const present = (options as { length: number }).length - absent.length;
  return present >= (needCount as number) ? [] : absent;
}

export function inOp(needle: unknown, haystack: unknown): boolean {
  const b = haystack as { indexOf?: (value: unknown) => number } | null | undefined;
  if (!b || typeof b.indexOf === 'undefined') return false;
  return b.indexOf(needle) !== -1;
}

export function cat(...values: unknown[]): string {
  return values.join('');
}

export function substr(source: unknown, start: unknown, end: unknown): string {
  const text = String(source);
  if ((end as number) < 0) {
    // PHP-style negative length: drop that many characters from the end.
    const tail = text.substr(start as number);
    return tail.substr(0, tail.length + (end as number));
  }
  return text.substr(start as number, end as number);
}

export function merge(...values: unknown[]): unknown[] {
  return values.reduce<unknown[]>((merged, value) => merged.concat(value), []);
}

/** parseFloat as `+` and `*` apply it; numbers skip the string round trip (which only turns -0 into 0). */
export function toFloat(value: unknown): number {
  return typeof value === 'number' ? (value === 0 ? 0 : value) : parseFloat(value as string);
}

/** `*` for zero or one argument: reduce without a seed (throws on none, returns one as is). */
export function multiplyFew(...values: unknown[]): unknown {
  return values.reduce((a, b) => toFloat(a) * toFloat(b));
}

export function orNull(value: unknown): unknown {
  return value === undefined ? null : value;
}
