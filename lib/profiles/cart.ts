import type { LineItem } from '../events/canonical-event.js';
import { compareStamps, laterOf, type Stamp } from './stamp.js';

/**
 * The cart as a last-writer-wins snapshot plus the add/remove changes seen after it.
 * Sources disagree on what they send (Shopify the whole cart, Cafe24 and Segment's
 * "Product Added" one line), and an order empties the cart as of its time. Applying the
 * changes in stamp order over the latest snapshot gives the same cart in any arrival order.
 * The cart's token (what a cart reminder's occurrence is) is the latest one named.
 */
export interface CartSnapshot extends Stamp {
  token?: string;
  currency?: string;
  items: LineItem[];
}

export interface CartChange extends Stamp {
  mode: 'add' | 'remove';
  /** The cart the source names (Segment's `cart_id`), if it does. */
  token?: string;
  currency?: string;
  items: LineItem[];
}

export interface CartState {
  snapshot?: CartSnapshot;
  /** Changes newer than the snapshot, by event id. */
  changes: Record<string, CartChange>;
}

export interface CartView {
  token?: string;
  currency?: string;
  items: LineItem[];
  value: number;
  updatedAt: number;
}

export const emptyCart = (): CartState => ({ changes: {} });

export const mergeCarts = (a: CartState, b: CartState): CartState => {
  const snapshot = laterOf(a.snapshot, b.snapshot);
  const changes: Record<string, CartChange> = {};
  for (const change of [...Object.values(a.changes), ...Object.values(b.changes)]) {
    if (!snapshot || compareStamps(change, snapshot) > 0) changes[change.id] = change;
  }
  return snapshot ? { snapshot, changes } : { changes };
};

const lineKey = (item: LineItem): string => `${item.productId}\u0000${item.variantId ?? ''}`;

export const cartView = (cart: CartState): CartView | undefined => {
  const changes = Object.values(cart.changes).sort(compareStamps);
  if (!cart.snapshot && changes.length === 0) return undefined;
  const lines = new Map<string, LineItem>();
  for (const item of cart.snapshot?.items ?? []) lines.set(lineKey(item), { ...item });
  let updatedAt = cart.snapshot?.at ?? 0;
  let currency = cart.snapshot?.currency;
  let token = cart.snapshot?.token;
  for (const change of changes) {
    updatedAt = Math.max(updatedAt, change.at);
    currency = change.currency ?? currency;
    // A line added to an empty cart (after an order emptied the last one) starts a new cart:
    // it is the change's cart, or none known — never the converted one.
    token = lines.size === 0 ? change.token : (change.token ?? token);
    for (const item of change.items) applyLineChange(lines, change.mode, item);
  }
  const items = [...lines.values()];
  const value = Math.round(items.reduce((sum, item) => sum + item.price * item.quantity, 0) * 100) / 100;
  return {
    ...(token ? { token } : {}),
    ...(currency ? { currency } : {}),
    items,
    value,
    updatedAt,
  };
};

const applyLineChange = (lines: Map<string, LineItem>, mode: 'add' | 'remove', item: LineItem): void => {
  const key = lineKey(item);
  const existing = lines.get(key);
  const quantity = (existing?.quantity ?? 0) + (mode === 'add' ? item.quantity : -item.quantity);
  if (quantity <= 0) lines.delete(key);
  else lines.set(key, { ...(existing ?? item), ...item, quantity });
};
