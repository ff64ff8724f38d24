import type { z } from 'zod';
import { CanonicalEventSchema, lineItemsValue, type CanonicalEvent } from '../canonical-event.js';
import { eventIdFor } from '../event-id.js';
import { ReceiptWindow } from '../../time/event-time-window.js';
import { fieldIssues, parseOrThrow, ValidationError } from '../../validation/field-issues.js';
import { consentFromTraits } from './consent-traits.js';
import {
  CartPropertiesSchema,
  CartRefSchema,
  CheckoutPropertiesSchema,
  ConsentPropertiesSchema,
  OrderPropertiesSchema,
  OrderRefSchema,
  ProductSchema,
} from './ecommerce-properties.js';
import { campaignOf, pageOf } from './page-context.js';
import { segmentEventTime } from './segment-event-time.js';
import type { SegmentMessage } from './segment-message.js';

export type MappedMessage = { kind: 'event'; event: CanonicalEvent } | { kind: 'ignored'; reason: string };

type Track = Extract<SegmentMessage, { type: 'track' }>;
type Body = Record<string, unknown> & { type: CanonicalEvent['type'] };

/**
 * Maps a validated Segment-spec message to Retain's canonical event:
 * 1. the customer: `userId` (with `anonymousId` linked to it), else the anonymous visitor;
 * 2. the type: page/screen → page_viewed, identify/alias → profile_updated, track by the
 *    e-commerce spec's names (Order Completed → order_placed, …), anything else → custom;
 * 3. the idempotency key: type + event name + `messageId`, so a retry dedupes while two
 *    different messages that reuse a messageId (Segment's own doc examples do) do not;
 * 4. the time: the sender's clock corrected by `sentAt`, inside the window of `receivedAt`
 *    (see `segmentEventTime`), and the receipt itself.
 * Throws ValidationError naming the field when a known event lacks what it needs.
 */
export const mapSegmentMessage = (message: SegmentMessage, workspace: string, receivedAt: string): MappedMessage => {
  if (message.type === 'group') return { kind: 'ignored', reason: 'group calls do not change customer profiles' };
  const window = new ReceiptWindow(receivedAt);
  const occurredAt = segmentEventTime(message, window);
  const body = bodyOf(message, window);
  const dedupeKey = ['segment', message.type, message.type === 'track' ? message.event : '', message.messageId].join(':');
  const customerId = message.userId ?? undefined;
  const anonymousId = message.type === 'alias' ? message.previousId : (message.anonymousId ?? undefined);
  const page = pageOf(message);
  const campaign = campaignOf(message);
  const event = CanonicalEventSchema.parse({
    ...body,
    eventId: eventIdFor('segment', dedupeKey),
    dedupeKey,
    workspace,
    source: 'segment',
    occurredAt,
    receivedAt,
    ...(customerId ? { customerId } : {}),
    ...(anonymousId && anonymousId !== customerId ? { anonymousId } : {}),
    ...(page ? { page } : {}),
    ...(campaign ? { campaign } : {}),
  });
  return { kind: 'event', event };
};

const bodyOf = (message: Exclude<SegmentMessage, { type: 'group' }>, window: ReceiptWindow): Body => {
  switch (message.type) {
    case 'identify': {
      const { consent: _consent, ...traits } = message.traits;
      return { type: 'profile_updated', traits, consent: consentFromTraits(message.traits, 'traits', window) };
    }
    case 'alias':
      return { type: 'profile_updated', traits: {}, consent: [] };
    case 'page':
    case 'screen':
      return { type: 'page_viewed' };
    case 'track':
      return trackBody(message, window);
  }
};

/** Track event names, normalised (`Order Completed`, `order_completed` → `order_completed`). */
const TRACKS: Record<string, (message: Track, window: ReceiptWindow) => Body> = {
  order_completed: (message) => {
    const order = parseProperties(OrderPropertiesSchema, message.properties);
    return {
      type: 'order_placed',
      order: {
        orderId: order.order_id,
        value: order.total ?? order.revenue ?? order.value ?? lineItemsValue(order.products),
        items: order.products,
        ...(order.currency ? { currency: order.currency } : {}),
        ...(order.checkout_id ? { checkoutToken: order.checkout_id } : {}),
        ...(order.cart_id ? { cartToken: order.cart_id } : {}),
      },
    };
  },
  order_cancelled: (message) => ({ type: 'order_cancelled', order: { orderId: parseProperties(OrderRefSchema, message.properties).order_id } }),
  product_added: (message) => cartChange('add', message),
  product_removed: (message) => cartChange('remove', message),
  cart_viewed: (message) => {
    const cart = parseProperties(CartPropertiesSchema, message.properties);
    return { type: 'cart_updated', cart: { mode: 'snapshot', items: cart.products, ...optional({ token: cart.cart_id, currency: cart.currency }) } };
  },
  checkout_started: (message) => {
    const checkout = parseProperties(CheckoutPropertiesSchema, message.properties);
    return {
      type: 'checkout_started',
      checkout: {
        items: checkout.products,
        value: checkout.total ?? checkout.revenue ?? checkout.value ?? lineItemsValue(checkout.products),
        ...optional({ token: checkout.checkout_id ?? checkout.order_id, cartToken: checkout.cart_id, currency: checkout.currency }),
      },
    };
  },
  signed_up: (message, window) => {
    const traits = { ...(message.context?.traits ?? {}) };
    return { type: 'signed_up', traits, consent: consentFromTraits(traits, 'context.traits', window) };
  },
  signed_in: () => ({ type: 'logged_in' }),
  logged_in: () => ({ type: 'logged_in' }),
  consent_changed: (message) => {
    const consent = parseProperties(ConsentPropertiesSchema, message.properties);
    const state = consent.state ?? (consent.granted ? 'granted' : 'denied');
    return { type: 'consent_changed', consent: [{ channel: consent.channel, purpose: consent.purpose, state }] };
  },
  account_deleted: () => ({ type: 'member_withdrawn' }),
  member_withdrawn: () => ({ type: 'member_withdrawn' }),
};
TRACKS['account_created'] = TRACKS['signed_up']!;
TRACKS['consent_updated'] = TRACKS['consent_changed']!;

const trackBody = (message: Track, window: ReceiptWindow): Body => {
  const key = message.event.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');
  const map = TRACKS[key];
  return map ? map(message, window) : { type: 'custom', name: message.event, properties: message.properties };
};

const cartChange = (mode: 'add' | 'remove', message: Track): Body => {
  // The product and the cart it is in are both top-level properties: every problem of either is reported.
  const item = ProductSchema.safeParse(message.properties);
  const cart = CartRefSchema.safeParse(message.properties);
  if (!item.success || !cart.success) {
    throw new ValidationError([...(item.success ? [] : fieldIssues(item.error, 'properties')), ...(cart.success ? [] : fieldIssues(cart.error, 'properties'))]);
  }
  return { type: 'cart_updated', cart: { mode, items: [item.data], ...optional({ token: cart.data.cart_id, currency: cart.data.currency }) } };
};

const parseProperties = <S extends z.ZodType>(schema: S, properties: unknown): z.output<S> => parseOrThrow(schema, properties, 'properties');

const optional = (values: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
