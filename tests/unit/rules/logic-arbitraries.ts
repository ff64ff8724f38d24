import fc from 'fast-check';

/**
 * Random marketer-style JSON Logic rules and random `{ profile, event, now, timeZone }`
 * data, for the differential test against json-logic-js.
 *
 * Paths never name inherited properties (`toString`, `constructor`…): that is where the
 * compiler deliberately differs (see json-logic-safety.test.ts). `missing` keys are
 * literals, because json-logic-js would run a key that is a one-key object as logic.
 */

const DAY_MS = 86_400_000;
export const NOW_BASE = Date.UTC(2026, 2, 1, 3, 0, 0);

const words = ['', '0', '3', '3.5', ' 1', 'abc', 'cosmetics', 'vip', 'kakao', 'true', 'null', '1e3', '-2', 'a.b', 'cycle-sent'];
const number = fc.oneof(
  fc.integer({ min: -5, max: 40 }),
  fc.constantFrom(0, -0, 1, 2, 3, 28, 30, 32, 90, 180, 365, 1000, 0.5, -1.5),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e4, max: 1e4 }),
);
const primitive = fc.oneof(number, fc.constantFrom(...words), fc.boolean(), fc.constant(null));

const rootPaths = [
  'profile.isMember', 'profile.signupAt', 'profile.visitCount', 'profile.firstVisitAt', 'profile.lastVisitAt',
  'profile.orderCount', 'profile.totalSpent', 'profile.firstOrderAt', 'profile.lastOrderAt',
  'profile.avgOrderIntervalDays', 'profile.lastOrderCategories', 'profile.lastOrderCategories.0', 'profile.cart',
  'profile.cart.items', 'profile.cart.value', 'profile.cart.items.0.sku', 'profile.traits.name', 'profile.traits.email',
  'profile.consent.kakao.ad.state', 'profile.tags', 'profile.tags.1', 'profile.tags.length', 'profile.recentVisits',
  'profile.nope', 'profile.nope.deeper', 'event.type', 'event.properties.value', 'event.properties.category',
  'event.properties.items', 'event.properties.items.0.price', 'now', 'timeZone', '', 'profile', 'a..b', 0, 1,
  'profile.odd',
];
const elementPaths = ['', 'sku', 'price', 'qty', 'length', '0', 'current', 'accumulator', 'current.price', 'nope', 1];
const arrayPaths = ['profile.odd', 'profile.tags', 'profile.lastOrderCategories', 'event.properties.items', 'profile.recentVisits', 'profile.cart.items', 'profile.nope', 'profile.totalSpent'];
const datePaths = ['profile.signupAt', 'profile.firstOrderAt', 'profile.lastOrderAt', 'profile.lastVisitAt', 'profile.nope', 'now'];
export const SEGMENT_IDS = ['vip', 'recent', 'either'];

export const segments: Record<string, unknown> = {
  vip: { '>=': [{ var: 'profile.totalSpent' }, 1000] },
  recent: { '<=': [{ days_since: { var: 'profile.lastVisitAt' } }, 30] },
  either: { or: [{ in_segment: 'vip' }, { in_segment: 'recent' }] },
};

function iso(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const offset = fc.constantFrom(0, 540, -300, 330, 60);
const instantNear = (days: number) =>
  fc.tuple(fc.integer({ min: -days * DAY_MS, max: 2 * DAY_MS }), offset).map(([delta, off]) => iso(NOW_BASE + delta, off));
const isoDate = instantNear(800);

/**
 * Instants where compiled date windows have their edges: the start of a local day (zones'
 * offsets are whole quarter hours) some days back, or whole hours back, give or take 1 ms.
 */
const HOUR_MS = 3_600_000;
const edgeInstant = fc.oneof(
  fc.tuple(fc.integer({ min: -400, max: 3 }), fc.integer({ min: -56, max: 56 }), fc.constantFrom(-1, 0, 1)).map(
    ([days, quarters, ms]) => Math.floor(NOW_BASE / DAY_MS) * DAY_MS + days * DAY_MS + quarters * 900_000 + ms,
  ),
  fc.tuple(fc.integer({ min: -200, max: 48 }), fc.constantFrom(-1, 0, 1)).map(([hours, ms]) => NOW_BASE - hours * HOUR_MS + ms),
);
/** What profiles carry: `Date#toISOString`, UTC with milliseconds. */
const canonicalDate = fc.oneof(
  { weight: 3, arbitrary: edgeInstant.map((ms) => new Date(ms).toISOString()) },
  { weight: 2, arbitrary: fc.integer({ min: -800 * DAY_MS, max: 2 * DAY_MS }).map((delta) => new Date(NOW_BASE + delta).toISOString()) },
);
/** Canonical layout, but not a real date-time (NaN), or nearly canonical: lower-case, offsets, other fractions. */
const oddDate = fc.oneof(
  fc.constantFrom(
    '2026-02-30T10:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-00-10T00:00:00.000Z', '2026-02-00T00:00:00.000Z',
    '2026-02-15T24:00:00.000Z', '2026-02-15T23:60:00.000Z', '2026-02-15T23:59:60.000Z', '2026-02-15T10:00:00.0a0Z',
    '2026-02-15T10:00:00,000Z', '2026/02/15T10:00:00.000Z', '2025-02-29T10:00:00.000Z', '2024-02-29T10:00:00.000Z',
    '2026-02-15t10:00:00.000Z', '2026-02-15T10:00:00.000z', '2026-02-15T10:00:00+0900', '2026-02-15T10:00:00.00Z',
    '2026-02-15T10:00:00.0000Z', '2026-02-15T10:00:00Z', '2026-02-15T10:00Z', '2026-02-15 10:00:00.000Z',
    '+02026-02-15T10:00:00.000Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2026-02-15T10:00:00.000',
  ),
  canonicalDate.map((text) => text.replace('Z', '+00:00')),
  canonicalDate.map((text) => `${text.slice(0, 10)}t${text.slice(11)}`),
  edgeInstant.map((ms) => iso(ms, 540)),
);

type Scope = 'root' | 'elem';

function logicOf(scope: Scope, tie: (key: string) => fc.Arbitrary<unknown>): Record<string, fc.Arbitrary<unknown>> {
  const expr = tie(`${scope}:expr`);
  const element = tie('elem:expr');
  const paths = scope === 'root' ? rootPaths : elementPaths;
  const path = fc.constantFrom(...paths);
  const variable = fc.oneof(
    path.map((p) => ({ var: p })),
    fc.tuple(path, primitive).map(([p, fallback]) => ({ var: [p, fallback] })),
    path.map((p) => ({ var: [p] })),
  );
  const list = (min: number, max: number) => fc.array(expr, { minLength: min, maxLength: max });
  const op = (names: string[], args: fc.Arbitrary<unknown>) =>
    fc.tuple(fc.constantFrom(...names), args).map(([name, value]) => ({ [name]: value }));
  const date = fc.oneof(fc.constantFrom(...datePaths).map((p) => ({ var: p })), isoDate, canonicalDate, expr);
  return {
    [`${scope}:expr`]: fc.oneof(
      { depthSize: 'small', maxDepth: 5 },
      { weight: 4, arbitrary: primitive },
      { weight: 4, arbitrary: variable },
      op(['==', '===', '!=', '!==', '>', '>=', '<', '<='], fc.tuple(expr, expr)),
      op(['<', '<=', '>'], list(0, 4)),
      op(['and', 'or'], list(0, 4)),
      op(['!', '!!'], fc.oneof(expr, list(0, 2))),
      op(['if', '?:'], list(0, 5)),
      op(['+', '*', 'min', 'max', 'cat', 'merge'], list(0, 3)),
      op(['-', '/', '%'], list(1, 2)),
      op(['substr'], fc.tuple(expr, fc.integer({ min: -6, max: 6 }), fc.option(fc.integer({ min: -6, max: 6 }), { nil: undefined }))
        .map(([s, start, end]) => (end === undefined ? [s, start] : [s, start, end]))),
      op(['in'], fc.oneof(fc.tuple(expr, expr), fc.tuple(expr, fc.array(primitive, { maxLength: 4 })))),
      op(['missing'], fc.oneof(fc.array(path.map(String), { maxLength: 3 }), path.map(String))),
      op(['missing_some'], fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(path.map(String), { maxLength: 3 }))),
      op(['some', 'all', 'none', 'filter', 'map'], fc.tuple(scope === 'root' ? fc.oneof(fc.constantFrom(...arrayPaths).map((p) => ({ var: p })), expr) : expr, element)),
      op(['reduce'], fc.oneof(fc.tuple(expr, element), fc.tuple(expr, element, primitive))),
      op(['days_since', 'hours_since'], date),
      op(['has_tag'], fc.oneof(fc.constantFrom('vip', 'cycle-sent', 'x'), expr)),
      op(['has_consent'], fc.tuple(fc.constantFrom('kakao', 'sms', 'email', '__proto__'), fc.constantFrom('ad', 'info', 'night'))),
      op(['visits_within'], fc.oneof(fc.constantFrom(0, 1, 7, 30, 365), expr)),
      fc.tuple(fc.constantFrom('>=', '>', '<', '<='), fc.constantFrom(0, 1, 7, 30, 365), number, fc.boolean())
        .map(([name, days, limit, flip]) => ({ [name]: flip ? [limit, { visits_within: days }] : [{ visits_within: days }, limit] })),
      fc.constantFrom(...SEGMENT_IDS).map((id) => ({ in_segment: id })),
    ),
  };
}

const anyRule = fc.letrec((tie) => ({ ...logicOf('root', tie), ...logicOf('elem', tie) }))['root:expr'] as fc.Arbitrary<unknown>;

/** Conditions as marketers write them: a field or CRM operator against a literal, combined. */
/** Literals as marketers (and mistakes) put them next to a date operator. */
const windowLiteral = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(0, 1, 3, 7, 28, 30, 32, 60, 90, 180, 365, -1) },
  fc.constantFrom(0.5, 29.5, -0, 1e9, -1e9, 24, 48, 72),
  fc.constantFrom('30', '', ' 1', 'abc', '1e3', '0x10', true, false, null),
);
const COMPARISONS = ['<', '<=', '>', '>=', '==', '!=', '===', '!=='];
const sinceOf = fc.tuple(fc.constantFrom('days_since', 'hours_since'), fc.constantFrom(...datePaths)).map(([op, path]) => ({ [op]: { var: path } }));
/** Date operators compared with literals: what compiles to date windows (logic-window-ops.ts). */
export const windowCondition = fc.oneof(
  fc.tuple(fc.constantFrom(...COMPARISONS), sinceOf, windowLiteral, fc.boolean()).map(([op, since, literal, flip]) => ({ [op]: flip ? [literal, since] : [since, literal] })),
  fc.tuple(fc.constantFrom('<', '<='), sinceOf, windowLiteral, windowLiteral, fc.integer({ min: 0, max: 2 })).map(([op, since, a, b, at]) => {
    const args: unknown[] = [a, b];
    args.splice(at, 0, since);
    return { [op]: args };
  }),
  fc.tuple(fc.constantFrom(...datePaths), fc.array(windowLiteral, { maxLength: 4 })).map(([path, days]) => ({ in: [{ days_since: { var: path } }, days] })),
  fc.tuple(fc.constantFrom(...COMPARISONS), fc.constantFrom(0, 1, 7, 30, 365, 0.5, -1, '30'), windowLiteral, fc.boolean()).map(([op, days, literal, flip]) => {
    const count = { visits_within: days };
    return { [op]: flip ? [literal, count] : [count, literal] };
  }),
  fc.tuple(fc.constantFrom('<', '<='), fc.constantFrom(7, 30, 365), windowLiteral, windowLiteral).map(([op, days, low, high]) => ({ [op]: [low, { visits_within: days }, high] })),
);

const condition = fc.oneof(
  { weight: 3, arbitrary: windowCondition },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('var', '!', '!!'), fc.constantFrom(...rootPaths)).map(([op, path]) => (op === 'var' ? { var: path } : { [op]: { var: path } })) },
  fc.tuple(fc.constantFrom('==', '!=', '===', '>', '>=', '<', '<='), fc.constantFrom(...rootPaths), primitive)
    .map(([op, path, value]) => ({ [op]: [{ var: path }, value] })),
  fc.tuple(fc.constantFrom('>', '>=', '<', '<=', '=='), fc.constantFrom('days_since', 'hours_since'), fc.constantFrom(...datePaths), number)
    .map(([op, crm, path, value]) => ({ [op]: [{ [crm]: { var: path } }, value] })),
  fc.tuple(fc.constantFrom('<', '<='), number, fc.constantFrom(...datePaths), number)
    .map(([op, low, path, high]) => ({ [op]: [low, { days_since: { var: path } }, high] })),
  fc.tuple(fc.constantFrom(...datePaths), fc.array(fc.constantFrom(30, 60, 90, '30'), { maxLength: 3 }))
    .map(([path, days]) => ({ in: [{ days_since: { var: path } }, days] })),
  fc.constantFrom('vip', 'cycle-sent', 'x').map((tag) => ({ has_tag: tag })),
  fc.tuple(fc.constantFrom('kakao', 'sms'), fc.constantFrom('ad', 'info', 'night')).map((args) => ({ has_consent: args })),
  fc.tuple(fc.constantFrom(...words), fc.constantFrom(...arrayPaths)).map(([word, path]) => ({ in: [word, { var: path }] })),
  fc.tuple(fc.constantFrom(...arrayPaths), fc.constantFrom('some', 'all', 'none'), fc.constantFrom(...elementPaths), primitive)
    .map(([path, op, inner, value]) => ({ [op]: [{ var: path }, { '==': [{ var: inner }, value] }] })),
  fc.tuple(fc.constantFrom('>=', '<'), fc.constantFrom(7, 30, 365), fc.integer({ min: 0, max: 5 }))
    .map(([op, days, times]) => ({ [op]: [{ visits_within: days }, times] })),
  fc.constantFrom(...SEGMENT_IDS).map((id) => ({ in_segment: id })),
);

const marketerRule: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'medium', maxDepth: 4 },
    { weight: 3, arbitrary: condition },
    fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('node'), { minLength: 1, maxLength: 6 })).map(([op, args]) => ({ [op]: args })),
    tie('node').map((inner) => ({ '!': inner })),
    fc.array(tie('node'), { minLength: 2, maxLength: 5 }).map((args) => ({ if: args })),
  ),
})).node;

export const rule: fc.Arbitrary<unknown> = fc.oneof(anyRule, marketerRule);

const dateValue = fc.oneof(
  { weight: 6, arbitrary: canonicalDate },
  { weight: 3, arbitrary: isoDate },
  { weight: 2, arbitrary: oddDate },
  { weight: 1, arbitrary: fc.constantFrom('', 'yesterday', '2026-02-30T00:00:00Z', '2026-03-01', '2026-03-01T10:00:00') },
  { weight: 1, arbitrary: fc.integer({ min: NOW_BASE - 400 * DAY_MS, max: NOW_BASE }) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const count = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom('3', '0', '', null));
const tags = fc.subarray(['vip', 'cycle-sent', 'cosmetics', '', '3', 'x']);
const item = fc.record({ sku: fc.constantFrom('A', 'B', '3'), price: number, qty: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: [] });
const consentEntry = fc.record({ state: fc.constantFrom('granted', 'denied'), at: isoDate, source: fc.constant('form') });
const consent = fc.dictionary(fc.constantFrom('kakao', 'sms', 'email'), fc.dictionary(fc.constantFrom('ad', 'info', 'night'), consentEntry));

const profile = fc.record(
  {
    isMember: fc.oneof(fc.boolean(), fc.constantFrom('true', 1, 0, null)),
    signupAt: dateValue,
    visitCount: count,
    firstVisitAt: dateValue,
    lastVisitAt: dateValue,
    lastSeenAt: dateValue,
    orderCount: count,
    totalSpent: fc.oneof(number, fc.constantFrom(0, 999, 1000, 1500, '1000')),
    firstOrderAt: dateValue,
    lastOrderAt: dateValue,
    avgOrderIntervalDays: fc.oneof(number, fc.constant(null)),
    lastOrderCategories: fc.subarray(['cosmetics', 'shoes', 'food', '']),
    cart: fc.record({ items: fc.array(item, { maxLength: 3 }), value: number, updatedAt: dateValue }, { requiredKeys: [] }),
    traits: fc.record({ name: fc.constantFrom('Kim', ''), email: fc.constantFrom('a@b.kr', ''), phone: fc.constant('010') }, { requiredKeys: [] }),
    consent,
    tags,
    recentVisits: fc.oneof(
      { weight: 3, arbitrary: fc.array(canonicalDate, { maxLength: 8 }).map((visits) => visits.sort()) },
      fc.array(fc.oneof(instantNear(400), oddDate, canonicalDate), { maxLength: 8 }),
    ),
    // An object whose `indexOf` is no function: `in` throws on it, in both implementations.
    odd: fc.constant({ indexOf: 3 }),
  },
  { requiredKeys: [] },
);

const event = fc.record(
  {
    type: fc.constantFrom('order_placed', 'page_viewed', ''),
    properties: fc.record({ value: number, category: fc.constantFrom('cosmetics', 'shoes'), items: fc.array(item, { maxLength: 3 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

export const data = fc.record(
  {
    profile,
    event,
    now: fc.oneof(
      instantNear(40),
      fc.integer({ min: NOW_BASE - 40 * DAY_MS, max: NOW_BASE }),
      edgeInstant.map((ms) => new Date(ms).toISOString()),
      // Days around daylight saving changes (New York, London, Lord Howe), where windows fall back to day-by-day.
      fc.tuple(fc.constantFrom('2026-03-08', '2026-03-09', '2026-03-29', '2026-04-05', '2026-11-01', '2026-11-03'), fc.integer({ min: 0, max: 23 }))
        .map(([day, hour]) => `${day}T${String(hour).padStart(2, '0')}:30:00.000Z`),
      fc.constantFrom('2026-03-01T10:00:00', 'yesterday', 1e300, null),
    ),
    timeZone: fc.constantFrom('Asia/Seoul', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns'),
  },
  { requiredKeys: ['now'] },
);
