import {
  orderCompleted,
  pageView,
  productAdded,
  signedIn,
  signedUp,
  TONER,
  type Product,
  type SegmentMessageBody,
} from '../../../infra/local/simulate/segment-messages.js';

/** An event a scenario step submits: a message, made at the step's time. */
export type ScenarioEvent = (at: string) => SegmentMessageBody;

/** One customer's actions as scenario events: `kim.addsToCart('c1')`, `kim.orders('o1', { cart: 'c1' })`. */
export const shopper = (userId: string) => ({
  signsUp: (traits: Record<string, unknown> = {}): ScenarioEvent => (at) => signedUp(userId, at, traits),
  logsIn: (): ScenarioEvent => (at) => signedIn(userId, at),
  views: (path: string, options: { utmSource?: string } = {}): ScenarioEvent => (at) => pageView(userId, at, path, options),
  addsToCart: (cartId: string, product: Product = TONER): ScenarioEvent => (at) => productAdded(userId, at, cartId, product),
  orders: (orderId: string, options: { cart?: string; total?: number } = {}): ScenarioEvent => (at) =>
    orderCompleted(userId, at, orderId, [{ ...TONER, price: options.total ?? TONER.price }], options.cart),
});
