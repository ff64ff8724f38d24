import type { CanonicalEvent } from '../events/canonical-event.js';
import { MAX_TRAITS, PROFILE_BOUNDS } from '../validation/bounds.js';
import { cartLines, emptyCart, mergeCarts, type CartState } from './cart.js';
import { consentOf, laterConsent, type ConsentState } from './consent.js';
import { foldOrders, laterFold, mergeOrders, type FoldedOrders, type OrderRecord } from './orders.js';
import { compareStamps, laterOf, maxDefined, mergeRecords, minDefined, type Stamp } from './stamp.js';
import { emptyVisits, mergeVisits, visitsAt, type VisitSet } from './visits.js';

export interface TraitValue extends Stamp {
  value: unknown;
}

/**
 * Everything a profile knows, as a join-semilattice: `mergeProfileStates` is commutative,
 * associative and idempotent, and every event is turned into a small state of its own
 * (`profileStateOf`). So the profile is the same whatever order, and however many times,
 * its events arrive — and linking an anonymous visitor to a customer is the same merge.
 */
export interface ProfileState {
  /** Seen signing up or logging in. */
  member: boolean;
  signupAt?: number;
  firstEventAt?: number;
  lastEventAt?: number;
  visits: VisitSet;
  /** The most recent orders (see foldOrders); `foldedOrders` totals the older ones. */
  orders: Record<string, OrderRecord>;
  foldedOrders?: FoldedOrders;
  cart: CartState;
  /** At most MAX_TRAITS: past it the most recently set are kept. */
  traits: Record<string, TraitValue>;
  /** channel → purpose → the decision in force (see consent.ts: a withdrawal wins over grants not received after it). */
  consent: ConsentState;
  /** Anonymous ids linked to this customer (ingest links at most PROFILE_BOUNDS.anonymousIds). */
  anonymousIds: string[];
}

export const emptyProfileState = (): ProfileState => ({
  member: false,
  visits: emptyVisits(),
  orders: {},
  cart: emptyCart(),
  traits: {},
  consent: {},
  anonymousIds: [],
});

/** Events that are the customer's own activity, and so count towards visits. */
const ACTIVITY_TYPES = new Set<CanonicalEvent['type']>([
  'page_viewed',
  'signed_up',
  'logged_in',
  'cart_updated',
  'checkout_started',
  'order_placed',
  'custom',
]);

export const profileStateOf = (event: CanonicalEvent): ProfileState => {
  const at = Date.parse(event.occurredAt);
  const stamp: Stamp = { at, id: event.eventId };
  const receivedAt = event.receivedAt === undefined ? undefined : Date.parse(event.receivedAt);
  const state = emptyProfileState();
  state.firstEventAt = at;
  state.lastEventAt = at;
  if (ACTIVITY_TYPES.has(event.type)) state.visits = visitsAt(at);
  if (event.anonymousId && event.customerId) state.anonymousIds = [event.anonymousId];

  switch (event.type) {
    case 'signed_up':
      state.member = true;
      state.signupAt = at;
      state.traits = traitsOf(event.traits, stamp);
      state.consent = consentOf(event.consent, stamp, event.source, receivedAt);
      break;
    case 'logged_in':
      state.member = true;
      state.traits = traitsOf(event.traits, stamp);
      break;
    case 'profile_updated':
      state.traits = traitsOf(event.traits, stamp);
      state.consent = consentOf(event.consent, stamp, event.source, receivedAt);
      break;
    case 'consent_changed':
      state.consent = consentOf(event.consent, stamp, event.source, receivedAt);
      break;
    case 'cart_updated':
      state.cart =
        event.cart.mode === 'snapshot'
          ? { snapshot: { ...stamp, ...optional({ token: event.cart.token, currency: event.cart.currency }), items: cartLines(event.cart.items) }, changes: {} }
          : { changes: { [stamp.id]: { ...stamp, mode: event.cart.mode, ...optional({ token: event.cart.token, currency: event.cart.currency }), items: cartLines(event.cart.items) } } };
      break;
    case 'checkout_started': {
      const token = event.checkout.cartToken ?? event.checkout.token;
      state.cart = { snapshot: { ...stamp, ...optional({ token, currency: event.checkout.currency }), items: cartLines(event.checkout.items) }, changes: {} };
      break;
    }
    case 'order_placed': {
      const categories = [...new Set(event.order.items.flatMap((item) => (item.category ? [item.category] : [])))].sort().slice(0, PROFILE_BOUNDS.orderCategories);
      state.orders = {
        [event.order.orderId]: {
          placedAt: event.order.placedAt ? Date.parse(event.order.placedAt) : at,
          details: { ...stamp, value: event.order.value, ...optional({ currency: event.order.currency }), categories },
        },
      };
      // The order converts the cart: as of its time the cart is empty.
      state.cart = { snapshot: { ...stamp, ...optional({ token: event.order.cartToken }), items: [] }, changes: {} };
      break;
    }
    case 'order_cancelled':
      state.orders = { [event.order.orderId]: { cancelledAt: at } };
      break;
    case 'page_viewed':
    case 'member_withdrawn':
    case 'custom':
      break;
  }
  return state;
};

export const mergeProfileStates = (a: ProfileState, b: ProfileState): ProfileState => {
  const orders = foldOrders(mergeRecords(a.orders, b.orders, mergeOrders), laterFold(a.foldedOrders, b.foldedOrders));
  const merged: ProfileState = {
    member: a.member || b.member,
    visits: mergeVisits(a.visits, b.visits),
    orders: orders.orders,
    ...(orders.folded ? { foldedOrders: orders.folded } : {}),
    cart: mergeCarts(a.cart, b.cart),
    traits: latestTraits(mergeRecords(a.traits, b.traits, (x, y) => laterOf(x, y)!)),
    consent: mergeRecords(a.consent, b.consent, (x, y) => mergeRecords(x, y, laterConsent)),
    anonymousIds: [...new Set([...a.anonymousIds, ...b.anonymousIds])].sort(),
  };
  const signupAt = minDefined(a.signupAt, b.signupAt);
  const firstEventAt = minDefined(a.firstEventAt, b.firstEventAt);
  const lastEventAt = maxDefined(a.lastEventAt, b.lastEventAt);
  if (signupAt !== undefined) merged.signupAt = signupAt;
  if (firstEventAt !== undefined) merged.firstEventAt = firstEventAt;
  if (lastEventAt !== undefined) merged.lastEventAt = lastEventAt;
  return merged;
};

export const applyEvent = (state: ProfileState, event: CanonicalEvent): ProfileState =>
  mergeProfileStates(state, profileStateOf(event));

/**
 * The MAX_TRAITS most recently set traits. Keeping the N greatest stamps of a last-writer-wins
 * map is itself a merge that does not depend on order, so the profile stays a semilattice.
 * Ingest refuses a client's message that would pass the bound; this keeps a merged visitor's,
 * or a platform's, traits within it.
 */
const latestTraits = (traits: Record<string, TraitValue>): Record<string, TraitValue> => {
  const entries = Object.entries(traits);
  if (entries.length <= MAX_TRAITS) return traits;
  // One event sets many traits with one stamp: the name breaks the tie.
  const kept = entries.sort(([nameX, x], [nameY, y]) => compareStamps(y, x) || (nameX < nameY ? -1 : 1)).slice(0, MAX_TRAITS);
  return Object.fromEntries(kept);
};

const traitsOf = (traits: Record<string, unknown>, stamp: Stamp): Record<string, TraitValue> =>
  Object.fromEntries(Object.entries(traits).map(([key, value]) => [key, { ...stamp, value }]));

/** Drops undefined values so stored maps stay free of them. */
const optional = <T extends Record<string, unknown>>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
