/**
 * What one request, one event and one customer's profile may hold. Every bound keeps a key
 * or an item inside what DynamoDB stores (partition keys 2048 bytes, sort keys 1024, items
 * 400 KB — UTF-8 bytes), so an event that passes validation can always be written; the
 * README's "Bounds" table lists the same numbers.
 */

/**
 * Ids from outside (customer, anonymous, message, order, product ids, tokens, path
 * parameters). Keys escape `#` and `%` to three bytes, so an id takes at most 768 bytes of a
 * key: with the longest prefixes a partition key stays under 2048 and a sort key that holds
 * an id and a rule id (a conversion, a send) under 1024.
 */
export const MAX_ID_BYTES = 256;
/** Line-item names and titles, event and page texts. */
export const MAX_TEXT_BYTES = 512;
/** Line-item categories. */
export const MAX_CATEGORY_BYTES = 128;

/** Request bodies are refused past this depth before they are parsed (parsers, zod, merges and JSON.stringify recurse). */
export const MAX_BODY_DEPTH = 32;
/** A trait or property value (an object or list) nests at most this deep below its name. */
export const MAX_VALUE_DEPTH = 8;

/** Prices, totals and order values, in the currency's units: below 2^53, so whole amounts stay exact. */
export const MAX_AMOUNT = 1e15;
/** Units of one line. */
export const MAX_QUANTITY = 1_000_000;
/** Lines of one order, checkout or cart event. */
export const MAX_LINE_ITEMS = 100;

/** Traits one message may set, and a profile keeps. */
export const MAX_TRAITS = 50;
export const MAX_TRAIT_NAME_BYTES = 64;
/** One trait's value as JSON. */
export const MAX_TRAIT_BYTES = 1024;

/** What a profile keeps of its history; older history is kept as totals (orders, visits) or not linked (anonymous ids). */
export const PROFILE_BOUNDS = {
  /** The most recent orders kept one by one (for cancellations and the latest order's details); older ones are totals. */
  orders: 20,
  /** Visits kept with their times (`recentVisits`); older ones are a count. */
  visits: 200,
  /** Anonymous ids linked to one customer; later ones are not linked. */
  anonymousIds: 50,
  /** Lines of the cart; a cart of more keeps its first ones. */
  cartLines: 50,
  /** Cart changes (adds, removes) kept apart from the last snapshot; older ones are folded into it. */
  cartChanges: 10,
  /** Categories kept per order (`lastOrderCategories`). */
  orderCategories: 10,
} as const;

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * The longest prefix of `text` within `maxBytes`, never splitting a character: UTF-8 bytes,
 * or with `asJson` the bytes of the JSON string (quotes and escapes included).
 */
export const clipText = (text: string, maxBytes: number, { asJson = false } = {}): string => {
  const size = asJson ? (value: string) => utf8Bytes(JSON.stringify(value)) : utf8Bytes;
  if (size(text) <= maxBytes) return text;
  let bytes = asJson ? 2 : 0;
  let end = 0;
  for (const char of text) {
    bytes += asJson ? size(char) - 2 : size(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return text.slice(0, end);
};

/**
 * How deep a JSON value nests (a scalar is 0, `{}` and `[]` are 1), counted without
 * recursion and stopping as soon as it passes `limit`.
 */
export const jsonDepthExceeds = (value: unknown, limit: number): boolean => {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
};

/**
 * The depth of a JSON text, from its brackets outside strings, without parsing it; stops at
 * `limit + 1`. Recursive parsers (lossless-json, zod over the result) are safe below the limit.
 */
export const jsonTextDepthExceeds = (text: string, limit: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
  }
  return false;
};
