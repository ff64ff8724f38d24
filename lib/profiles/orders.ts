import { laterOf, maxDefined, minDefined, type Stamp } from './stamp.js';

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

export const orderTotals = (orders: Record<string, OrderRecord>): OrderTotals => {
  let orderCount = 0;
  let totalSpent = 0;
  let firstOrderAt: number | undefined;
  let lastOrderAt: number | undefined;
  let latest: { at: number; id: string; record: OrderRecord } | undefined;
  for (const [orderId, record] of Object.entries(orders)) {
    if (record.placedAt === undefined || record.cancelledAt !== undefined) continue;
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
