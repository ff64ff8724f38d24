/**
 * Segment-spec messages as a shop's site sends them: what `simulate` and the scenario tests
 * post to `POST /v1/events`. Message ids derive from the customer, kind and time, with a
 * sequence that keeps them unique within a process (`simulate`'s shop numbers its own).
 */
export interface SegmentMessageBody {
  type: 'page' | 'track' | 'identify';
  messageId: string;
  userId: string;
  timestamp: string;
  [field: string]: unknown;
}

export interface Product {
  id: string;
  name: string;
  category: string;
  price: number;
}

let sequence = 0;
const idOf = (userId: string, kind: string, at: string) => `${userId}:${kind}:${at}:${(sequence += 1)}`;

export const pageView = (userId: string, at: string, path: string, options: { utmSource?: string } = {}): SegmentMessageBody => ({
  type: 'page',
  messageId: idOf(userId, 'page', at),
  userId,
  timestamp: at,
  properties: { path, url: `https://shop.example${path}${options.utmSource ? `?utm_source=${options.utmSource}&utm_medium=cpc` : ''}` },
});

/** Signed Up, with consent as Retain reads it from traits (`consent: { sms: { ad: true } }`). */
export const signedUp = (userId: string, at: string, traits: Record<string, unknown> = {}): SegmentMessageBody => ({
  type: 'track',
  messageId: idOf(userId, 'signup', at),
  userId,
  timestamp: at,
  event: 'Signed Up',
  properties: {},
  context: { traits },
});

export const signedIn = (userId: string, at: string): SegmentMessageBody => ({ type: 'track', messageId: idOf(userId, 'login', at), userId, timestamp: at, event: 'Signed In', properties: {} });

export const productAdded = (userId: string, at: string, cartId: string, product: Product): SegmentMessageBody => ({
  type: 'track',
  messageId: idOf(userId, 'cart', at),
  userId,
  timestamp: at,
  event: 'Product Added',
  properties: { cart_id: cartId, product_id: product.id, name: product.name, category: product.category, price: product.price, quantity: 1, currency: 'KRW' },
});

export const orderCompleted = (userId: string, at: string, orderId: string, products: Product[], cartId?: string): SegmentMessageBody => ({
  type: 'track',
  messageId: idOf(userId, 'order', at),
  userId,
  timestamp: at,
  event: 'Order Completed',
  properties: {
    order_id: orderId,
    total: products.reduce((sum, product) => sum + product.price, 0),
    currency: 'KRW',
    ...(cartId ? { cart_id: cartId } : {}),
    products: products.map((product) => ({ product_id: product.id, name: product.name, category: product.category, price: product.price, quantity: 1 })),
  },
});

export const TONER: Product = { id: 'p-toner', name: '토너', category: 'skincare', price: 15000 };
