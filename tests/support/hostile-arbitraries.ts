import fc from 'fast-check';
import { fixture } from './fixtures.js';

/**
 * Hostile inputs for the fuzz tests: real payloads (tests/fixtures) with a few of their
 * values replaced, removed or added — long, empty, oddly encoded, out of range, deeply
 * nested, or of the wrong type. Dates are left alone: out-of-range dates belong to the time
 * bounds (IsoInstantSchema), tested with them.
 */

/** Values that broke, or could break, an edge. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    '',
    ' ',
    'KRW ',
    'krw',
    'euro',
    'usd1',
    '1e400',
    'Infinity',
    '-0',
    '%E0%A4%A',
    '#',
    '__proto__',
    '\u0000',
    '\ud800',
    '가'.repeat(100),
    'x'.repeat(257),
    'x'.repeat(3000),
    '#%'.repeat(200),
    -1,
    0,
    0.5,
    1e15 + 1,
    1e21,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    null,
    true,
    {},
    [],
    { toString: 1 },
    JSON.parse('{"__proto__":{"polluted":true}}'),
  ) },
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.integer({ min: 9, max: 40 }).map((levels) => nestedValue(levels)),
  fc.array(fc.record({ product_id: fc.constantFrom('p-1', 'x'.repeat(300)), price: fc.constantFrom(1, 1e14, 1e308), quantity: fc.constantFrom(1, 1e6, 1e7) }), { maxLength: 3 }),
);

const nestedValue = (levels: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < levels; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
};

type Json = Record<string, unknown>;

/** Values aimed at what a field of that name is read as. */
const AIMED: Array<[RegExp, fc.Arbitrary<unknown>]> = [
  [
    /^(userId|anonymousId|previousId|messageId|id|product_id|sku|variant|order_id|cart_id|checkout_id|member_id|product_no|variant_code|variant_id|token|cart_token|checkout_token|memberNo)$/,
    fc.constantFrom('', ' ', 'x'.repeat(257), 'x'.repeat(3000), '가'.repeat(86), '가'.repeat(1000), '#%'.repeat(200), '\u0000', '\ud800', 1e21, Number.MAX_SAFE_INTEGER + 2, -1, 0.5, null, {}, []),
  ],
  [/^(price|total|revenue|value|total_price|current_total_price|order_price_amount|actual_payment_amount)$/, fc.constantFrom(-1, 1e15 + 1, 1e21, 1e308, '1e400', 'Infinity', '', '1,000', null, {})],
  [/^quantity$/, fc.constantFrom(0, -1, 0.5, 1e6 + 1, 1e300, '3', 'x', null)],
  [/^currency$/, fc.constantFrom('KRW ', ' krw', 'euro', 'usd1', '', 'KR', 1, null)],
  [/^(name|title|category|product_type|event|first_name|last_name|tags|ordering_product_name)$/, fc.constantFrom('', ' ', 'x'.repeat(600), '가'.repeat(300), '"\\'.repeat(600), '\u0000', null, 1)],
  [
    /^(products|line_items)$/,
    fc.oneof(
      fc.constant([]),
      fc.constant(Array.from({ length: 101 }, (_, index) => ({ product_id: `p-${index}`, id: index, price: 1, quantity: 1 }))),
      fc.array(fc.record({ product_id: fc.constantFrom('p-1', 'x'.repeat(300)), id: fc.constantFrom(1, 'x'.repeat(300)), title: fc.constantFrom('', 't'), price: fc.constantFrom(1, 1e12, 1e308, '1e400'), quantity: fc.constantFrom(1, 1e6, 1e7) }), { maxLength: 3 }),
    ),
  ],
  [
    /^(traits|properties|customer|resource)$/,
    fc.oneof(
      fc.constant(Object.fromEntries(Array.from({ length: 60 }, (_, index) => [`k${index}`, index]))),
      fc.constant({ big: 'x'.repeat(2000) }),
      fc.constant({ ['n'.repeat(100)]: 1 }),
      fc.integer({ min: 9, max: 30 }).map((levels) => ({ deep: nestedValue(levels) })),
      fc.constantFrom({}, [], null, 'x'),
    ),
  ],
];

const valueFor = (path: Array<string | number>): fc.Arbitrary<unknown> => {
  const name = String(path[path.length - 1]);
  const aimed = AIMED.find(([pattern]) => pattern.test(name));
  return aimed ? fc.oneof({ weight: 3, arbitrary: aimed[1] }, { weight: 1, arbitrary: hostileValue }) : hostileValue;
};

const isAimedAt = (path: Array<string | number>): boolean => AIMED.some(([pattern]) => pattern.test(String(path[path.length - 1])));

/** Every path to a value in a JSON document, dates excluded (see above). */
const pathsOf = (value: unknown, path: Array<string | number> = []): Array<Array<string | number>> => {
  if (value === null || typeof value !== 'object') return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? [] : [path];
  const children = Array.isArray(value) ? value.map((child, index) => [index, child] as const) : Object.entries(value);
  return [...(path.length > 0 ? [path] : []), ...children.flatMap(([key, child]) => pathsOf(child, [...path, key]))];
};

const setAt = (document: Json, path: Array<string | number>, change: { value: unknown } | 'delete'): Json => {
  const copy = structuredClone(document);
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1]!;
  if (change === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else Object.defineProperty(parent, last, { value: change.value, enumerable: true, writable: true, configurable: true });
  return copy;
};

/** One to three changes to a document: a value replaced or removed, or a hostile key added at some level. */
export const mutated = (document: Json): fc.Arbitrary<Json> => {
  const all = pathsOf(document);
  // Fields an edge reads (ids, money, names, lists) are picked more often than the rest.
  const read = all.filter(isAimedAt);
  const paths = read.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...read) }, { weight: 1, arbitrary: fc.constantFrom(...all) }) : fc.constantFrom(...all);
  const change = fc.oneof(
    { weight: 6, arbitrary: paths.chain((path) => fc.tuple(fc.constant(path), valueFor(path))).map(([path, value]) => (doc: Json) => (pathExists(doc, path) ? setAt(doc, path, { value }) : doc)) },
    { weight: 2, arbitrary: paths.map((path) => (doc: Json) => (pathExists(doc, path) ? setAt(doc, path, 'delete') : doc)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'x'.repeat(100), '가'), hostileValue).map(([key, value]) => (doc: Json) => setAt(doc, [key], { value })) },
  );
  return fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => changes.reduce((doc, apply) => apply(doc), document));
};

const pathExists = (document: unknown, path: Array<string | number>): boolean => {
  let current: any = document;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !(key in current)) return false;
    current = current[key];
  }
  return true;
};

let sequence = 0;
const product = { product_id: 'p-1', sku: 'SKU-1', name: '토너', category: 'cosmetics', price: 15000, quantity: 2 };

/** Segment messages to start from: the spec's examples and Retain's e-commerce events, each with a fresh messageId and a userId. */
export const segmentSeeds = (): Json[] => {
  const track = (event: string, properties: Json): Json => ({ type: 'track', userId: 'fuzz-seg', anonymousId: 'anon-fuzz', messageId: 'm', timestamp: '2026-03-01T10:00:00+09:00', event, properties });
  return [
    { ...fixture('segment/identify.complete_example.json'), type: 'identify', userId: 'fuzz-seg' },
    { ...fixture('segment/page.complete_example.json'), type: 'page', userId: 'fuzz-seg' },
    { ...fixture('segment/track.common_fields_example.json'), type: 'track', userId: 'fuzz-seg' },
    fixture('segment/rudderstack_identify_from_shopify_customers_create.json'),
    track('Order Completed', { order_id: 'o-1', total: 30000, currency: 'KRW', cart_id: 'cart-1', products: [product] }),
    track('Product Added', { ...product, cart_id: 'cart-1', currency: 'KRW' }),
    track('Cart Viewed', { cart_id: 'cart-1', currency: 'KRW', products: [product, { ...product, product_id: 'p-2' }] }),
    track('Checkout Started', { checkout_id: 'ch-1', currency: 'KRW', products: [product] }),
    track('Order Cancelled', { order_id: 'o-1' }),
    track('Consent Changed', { channel: 'sms', purpose: 'ad', state: 'granted' }),
  ];
};

export const withFreshMessageId = (message: Json): Json => ({ ...message, messageId: `fuzz-${(sequence += 1)}` });

/** Shopify topics Retain maps, each with a real body. */
export const SHOPIFY_SEEDS: Array<{ topic: string; body: string }> = [
  { topic: 'orders/create', body: 'shopify/orders_create.devstore.body.json' },
  { topic: 'orders/paid', body: 'shopify/order.official_sample.body.json' },
  { topic: 'orders/cancelled', body: 'shopify/orders_create.devstore.body.json' },
  { topic: 'checkouts/create', body: 'shopify/checkouts_create.devstore.body.json' },
  { topic: 'carts/update', body: 'shopify/carts_create.devstore.body.json' },
  { topic: 'customers/create', body: 'shopify/customers_create.devstore.body.json' },
  { topic: 'customers/update', body: 'shopify/customers_create.official_sample.json' },
];

export const CAFE24_SEEDS = ['90023_OnOrderReceived.json', '90025_OnOrderPaymentStatusChanged.json', '90026_OnOrderCancellationStatusChanged.json', '90032_OnNewMemberRegistered.json', '90080_OnMemberInfoChanged.json', '90084_OnProductAddedToCart.json', '90143_OnMemberLogin.json', '90145_OnMemberBecameDormant.json'].map(
  (name) => `cafe24/${name}`,
);

/** Path parameters: hostile values as sent, or %-encoded, or with malformed escapes spliced in. */
export const hostilePathParameter: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%C3', 'kim-1', '..', '%2F', '%23', '%00', 'x'.repeat(3000), encodeURIComponent('가'.repeat(90)), encodeURIComponent('가'.repeat(1000))),
  fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }).map(encodeURIComponent),
  fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('%', '%E', '%FF', '%ED%A0%80')).map(([text, escape]) => `${encodeURIComponent(text)}${escape}`),
);
