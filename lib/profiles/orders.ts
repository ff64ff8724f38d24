import { PROFILE_BOUNDS } from '../validation/bounds.js';
import { compareStamps, laterOf, maxDefined, minDefined, type Stamp } from './stamp.js';

/**
 * What the profile remembers of one order. Placement and cancellation can arrive in any
 * order and more than once (Shopify sends orders/create and orders/paid for one order):
 * an order counts when it was placed and not cancelled, once.
 */
export interface OrderRecord {
  placedAt?: number;
  cancelledAt?: number;
  /** The latest known amount and contents, by stamp. */
  details?: Stamp & { value: number; currency?: string; categories: string[] };
}

export const mergeOrders = (a: OrderRecord, b: OrderRecord): OrderRecord => {
  const merged: OrderRecord = {};
  const placedAt = minDefined(a.placedAt, b.placedAt);
  const cancelledAt = minDefined(a.cancelledAt, b.cancelledAt);
  const details = laterOf(a.details, b.details);
  if (placedAt !== undefined) merged.placedAt = placedAt;
  if (cancelledAt !== undefined) merged.cancelledAt = cancelledAt;
  if (details) merged.details = details;
  return merged;
};

/**
 * Orders older than the most recent PROFILE_BOUNDS.orders, kept as totals so a profile does
 * not grow with a customer's history. `horizon` is the newest folded order (by placement time,
 * then id): a report of an order at or before it — a repeat of a folded order, or one that
 * arrives after that many newer ones — changes nothing, so nothing is ever counted twice.
 */
export interface FoldedOrders {
  count: number;
  total: number;
  firstOrderAt?: number;
  lastOrderAt?: number;
  horizon: Stamp;
}

const rankOf = (orderId: string, record: OrderRecord): Stamp => ({ at: record.placedAt ?? record.cancelledAt ?? 0, id: orderId });

const counts = (record: OrderRecord): record is OrderRecord & { placedAt: number } => record.placedAt !== undefined && record.cancelledAt === undefined;

/** Of two folds of one history, the one that folded more (commutative and idempotent). */
export const laterFold = (a: FoldedOrders | undefined, b: FoldedOrders | undefined): FoldedOrders | undefined => {
  if (!a) return b;
  if (!b) return a;
  const byHorizon = compareStamps(a.horizon, b.horizon);
  return byHorizon > 0 || (byHorizon === 0 && a.count >= b.count) ? a : b;
};

/** Keeps the most recent orders one by one and folds the older ones into the totals. */
export const foldOrders = (orders: Record<string, OrderRecord>, folded: FoldedOrders | undefined): { orders: Record<string, OrderRecord>; folded?: FoldedOrders } => {
  const entries = Object.entries(orders).filter(([orderId, record]) => !folded || compareStamps(rankOf(orderId, record), folded.horizon) > 0);
  if (entries.length <= PROFILE_BOUNDS.orders) return { orders: Object.fromEntries(entries), ...(folded ? { folded } : {}) };
  entries.sort(([idA, a], [idB, b]) => compareStamps(rankOf(idB, b), rankOf(idA, a)));
  const older = entries.slice(PROFILE_BOUNDS.orders);
  let next: FoldedOrders = folded ?? { count: 0, total: 0, horizon: rankOf(...older[0]!) };
  for (const [, record] of older.filter(([, record]) => counts(record))) {
    const firstOrderAt = minDefined(next.firstOrderAt, record.placedAt);
    const lastOrderAt = maxDefined(next.lastOrderAt, record.placedAt);
    next = { ...next, count: next.count + 1, total: next.total + (record.details?.value ?? 0), ...(firstOrderAt !== undefined ? { firstOrderAt } : {}), ...(lastOrderAt !== undefined ? { lastOrderAt } : {}) };
  }
  return { orders: Object.fromEntries(entries.slice(0, PROFILE_BOUNDS.orders)), folded: { ...next, horizon: rankOf(...older[0]!) } };
};

export interface OrderTotals {
  orderCount: number;
  totalSpent: number;
  currency?: string;
  firstOrderAt?: number;
  lastOrderAt?: number;
  avgOrderIntervalDays: number | null;
  lastOrderCategories: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const orderTotals = (orders: Record<string, OrderRecord>, folded?: FoldedOrders): OrderTotals => {
  let orderCount = folded?.count ?? 0;
  let totalSpent = folded?.total ?? 0;
  let firstOrderAt: number | undefined = folded?.firstOrderAt;
  let lastOrderAt: number | undefined = folded?.lastOrderAt;
  let latest: { at: number; id: string; record: OrderRecord } | undefined;
  for (const [orderId, record] of Object.entries(orders)) {
    if (!counts(record)) continue;
    orderCount += 1;
    totalSpent += record.details?.value ?? 0;
    firstOrderAt = minDefined(firstOrderAt, record.placedAt);
    lastOrderAt = maxDefined(lastOrderAt, record.placedAt);
    if (!latest || record.placedAt > latest.at || (record.placedAt === latest.at && orderId > latest.id)) {
      latest = { at: record.placedAt, id: orderId, record };
    }
  }
  const currency = latest?.record.details?.currency;
  return {
    orderCount,
    totalSpent: Math.round(totalSpent * 100) / 100,
    ...(currency ? { currency } : {}),
    ...(firstOrderAt !== undefined ? { firstOrderAt } : {}),
    ...(lastOrderAt !== undefined ? { lastOrderAt } : {}),
    avgOrderIntervalDays:
      orderCount >= 2 && firstOrderAt !== undefined && lastOrderAt !== undefined
        ? Math.round(((lastOrderAt - firstOrderAt) / (orderCount - 1) / DAY_MS) * 100) / 100
        : null,
    lastOrderCategories: latest?.record.details?.categories ?? [],
  };
};
