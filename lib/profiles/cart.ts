import { lineItemsValue, type LineItem } from '../events/canonical-event.js';
import { PROFILE_BOUNDS } from '../validation/bounds.js';
import { compareStamps, laterOf, type Stamp } from './stamp.js';

/**
 * The cart as a last-writer-wins snapshot plus the add/remove changes seen after it.
 * Sources disagree on what they send (Shopify the whole cart, Cafe24 and Segment's
 * "Product Added" one line), and an order empties the cart as of its time. Applying the
 * changes in stamp order over the latest snapshot gives the same cart in any arrival order.
 * The cart's token (what a cart reminder's occurrence is) is the latest one named.
 * Bounded: a cart keeps its first PROFILE_BOUNDS.cartLines lines, and past
 * PROFILE_BOUNDS.cartChanges changes (or cartLines lines in changes) the oldest are folded into
 * the snapshot (a change that arrives later than that is then older than the snapshot, and ignored).
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
  let snapshot = laterOf(a.snapshot, b.snapshot);
  const byId = new Map<string, CartChange>();
  for (const change of [...Object.values(a.changes), ...Object.values(b.changes)]) {
    if (!snapshot || compareStamps(change, snapshot) > 0) byId.set(change.id, change);
  }
  let changes = [...byId.values()].sort(compareStamps);
  // Past the bounds (changes, or lines in changes) the oldest changes become part of the snapshot.
  let foldCount = Math.max(0, changes.length - PROFILE_BOUNDS.cartChanges);
  let lines = changes.slice(foldCount).reduce((sum, change) => sum + change.items.length, 0);
  while (lines > PROFILE_BOUNDS.cartLines) lines -= changes[foldCount++]!.items.length;
  if (foldCount > 0) {
    const folded = changes.slice(0, foldCount);
    const cart = resolveCart(snapshot, folded);
    const last = folded[folded.length - 1]!;
    snapshot = { at: last.at, id: last.id, ...(cart.token ? { token: cart.token } : {}), ...(cart.currency ? { currency: cart.currency } : {}), items: cart.items };
    changes = changes.slice(folded.length);
  }
  const kept = Object.fromEntries(changes.map((change) => [change.id, change]));
  return snapshot ? { snapshot, changes: kept } : { changes: kept };
};

/** A snapshot's lines as a cart keeps them: the first PROFILE_BOUNDS.cartLines. */
export const cartLines = (items: LineItem[]): LineItem[] => items.slice(0, PROFILE_BOUNDS.cartLines);

const lineKey = (item: LineItem): string => `${item.productId}\u0000${item.variantId ?? ''}`;

export const cartView = (cart: CartState): CartView | undefined => {
  const changes = Object.values(cart.changes).sort(compareStamps);
  if (!cart.snapshot && changes.length === 0) return undefined;
  const resolved = resolveCart(cart.snapshot, changes);
  return { ...resolved, value: lineItemsValue(resolved.items) };
};

/** The snapshot with the changes (in stamp order) applied to it. */
const resolveCart = (snapshot: CartSnapshot | undefined, changes: CartChange[]): Omit<CartView, 'value'> => {
  const lines = new Map<string, LineItem>();
  for (const item of snapshot?.items ?? []) lines.set(lineKey(item), { ...item });
  let updatedAt = snapshot?.at ?? 0;
  let currency = snapshot?.currency;
  let token = snapshot?.token;
  for (const change of changes) {
    updatedAt = Math.max(updatedAt, change.at);
    currency = change.currency ?? currency;
    // A line added to an empty cart (after an order emptied the last one) starts a new cart:
    // it is the change's cart, or none known — never the converted one.
    token = lines.size === 0 ? change.token : (change.token ?? token);
    for (const item of change.items) applyLineChange(lines, change.mode, item);
  }
  return {
    ...(token ? { token } : {}),
    ...(currency ? { currency } : {}),
    items: cartLines([...lines.values()]),
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
