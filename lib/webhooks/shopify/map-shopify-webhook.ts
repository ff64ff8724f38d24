import { CanonicalEventSchema, lineItemsValue, type CanonicalEventInput, type ConsentChange } from '../../events/canonical-event.js';
import { fitTraits } from '../../events/event-values.js';
import { eventIdFor } from '../../events/event-id.js';
import { ReceiptWindow } from '../../time/event-time-window.js';
import { parseOrThrow as parse, ValidationError } from '../../validation/field-issues.js';
import type { WebhookResult } from '../webhook-result.js';
import { acceptsMarketingConsent, shopifyMarketingConsent } from './shopify-consent.js';
import {
  ShopifyCartSchema,
  ShopifyCheckoutSchema,
  ShopifyCustomerRefSchema,
  ShopifyCustomerSchema,
  ShopifyOrderSchema,
  ShopifyRedactSchema,
  type ShopifyCustomer,
} from './shopify-payloads.js';

export interface ShopifyDelivery {
  topic: string;
  webhookId: string;
  /** `X-Shopify-Event-Id`: one event delivered to several subscriptions carries one id. */
  eventId?: string;
  /** `X-Shopify-Triggered-At`. */
  triggeredAt?: string;
  body: unknown;
}

/** Carts and checkouts of shoppers not logged in are profiles keyed by their token until an order links them. */
export const shopifyCartVisitor = (token: string) => `shopify-cart:${token}`;
const checkoutVisitor = (token: string) => `shopify-checkout:${token}`;

type Body = Omit<CanonicalEventInput, 'eventId' | 'dedupeKey' | 'workspace' | 'source'> & Record<string, unknown>;

/**
 * Maps one Shopify webhook to what Retain does with it:
 * customers/create|update → signed_up / profile_updated (with marketing consent);
 * orders/create|paid → order_placed (one order, counted once); orders/cancelled → order_cancelled;
 * checkouts/create|update → checkout_started; carts/create|update → cart_updated (joined to the
 * customer through cart_token); customers/delete|redact → erasure; other topics → ignored.
 * Event times come from the resource (`updated_at`), so a late retry never wins over newer data;
 * every time read must lie in the window of `receivedAt` (a 400 naming the field). The
 * unsigned X-Shopify-Triggered-At header is only a fallback: used when inside the window.
 */
export const mapShopifyWebhook = (delivery: ShopifyDelivery, workspace: string, receivedAt: string): WebhookResult => {
  const window = new ReceiptWindow(receivedAt);
  const fallbackTime = window.lenient(delivery.triggeredAt) ?? receivedAt;
  const dedupeKey = delivery.eventId ? `${delivery.topic}#event#${delivery.eventId}` : `webhook#${delivery.webhookId}`;
  const event = (body: Body) => ({
    events: [CanonicalEventSchema.parse({ ...body, eventId: eventIdFor('shopify', dedupeKey), dedupeKey, workspace, source: 'shopify', receivedAt })],
    erasures: [],
  });
  const erase = (customerId: string): WebhookResult => ({ events: [], erasures: [{ workspace, customerId, requestedAt: fallbackTime, source: `shopify ${delivery.topic}` }] });

  switch (delivery.topic) {
    case 'customers/create':
    case 'customers/update': {
      const customer = parse(ShopifyCustomerSchema, delivery.body);
      const created = delivery.topic === 'customers/create';
      const times = window.times({ created_at: customer.created_at, updated_at: customer.updated_at });
      return event({
        type: created ? 'signed_up' : 'profile_updated',
        customerId: customer.id,
        occurredAt: (created ? times.created_at : times.updated_at) ?? times.updated_at ?? fallbackTime,
        traits: traitsOf(customer),
        consent: consentOf(customer, window),
      });
    }
    case 'orders/create':
    case 'orders/paid': {
      const order = parse(ShopifyOrderSchema, delivery.body);
      const placedAt = window.time('created_at', order.created_at);
      return event({
        type: 'order_placed',
        ...identity(order.customer?.id, order.cart_token ?? undefined, order.checkout_token ?? undefined),
        occurredAt: window.times({ updated_at: order.updated_at }).updated_at ?? placedAt,
        order: {
          orderId: order.id,
          placedAt,
          value: order.current_total_price ?? order.total_price ?? 0,
          items: order.line_items,
          ...(order.currency ? { currency: order.currency } : {}),
          ...(order.checkout_token ? { checkoutToken: order.checkout_token } : {}),
          ...(order.cart_token ? { cartToken: order.cart_token } : {}),
        },
      });
    }
    case 'orders/cancelled': {
      const order = parse(ShopifyOrderSchema, delivery.body);
      const times = window.times({ cancelled_at: order.cancelled_at, updated_at: order.updated_at });
      return event({
        type: 'order_cancelled',
        ...identity(order.customer?.id, order.cart_token ?? undefined, order.checkout_token ?? undefined),
        occurredAt: times.cancelled_at ?? times.updated_at ?? fallbackTime,
        order: { orderId: order.id },
      });
    }
    case 'checkouts/create':
    case 'checkouts/update': {
      const checkout = parse(ShopifyCheckoutSchema, delivery.body);
      // A completed checkout is an order now; its items must not refill the cart the order emptied.
      if (checkout.completed_at) return { events: [], erasures: [], ignored: 'checkout already completed' };
      return event({
        type: 'checkout_started',
        ...identity(checkout.customer?.id, checkout.cart_token ?? undefined, checkout.token),
        occurredAt: window.time('updated_at', checkout.updated_at),
        checkout: {
          token: checkout.token,
          items: checkout.line_items,
          value: checkout.total_price ?? lineItemsValue(checkout.line_items),
          ...(checkout.cart_token ? { cartToken: checkout.cart_token } : {}),
          ...(checkout.currency ? { currency: checkout.currency } : {}),
        },
      });
    }
    case 'carts/create':
    case 'carts/update': {
      const cart = parse(ShopifyCartSchema, delivery.body);
      return event({
        type: 'cart_updated',
        anonymousId: shopifyCartVisitor(cart.token),
        occurredAt: window.time('updated_at', cart.updated_at),
        cart: { mode: 'snapshot', token: cart.token, items: cart.line_items },
      });
    }
    case 'customers/delete':
      return erase(parse(ShopifyCustomerRefSchema, delivery.body).id);
    case 'customers/redact':
      return erase(parse(ShopifyRedactSchema, delivery.body).customer.id);
    default:
      return { events: [], erasures: [], ignored: `topic ${delivery.topic} is not used by Retain` };
  }
};

/** The customer, else the cart (or checkout) the shopper is filling; one of them is required. */
const identity = (customerId: string | undefined, cartToken: string | undefined, checkoutToken: string | undefined) => {
  const anonymousId = cartToken ? shopifyCartVisitor(cartToken) : checkoutToken ? checkoutVisitor(checkoutToken) : undefined;
  if (!customerId && !anonymousId) {
    throw new ValidationError([{ path: 'customer.id', message: 'required: the customer id (or a cart_token / checkout token to keep the shopper by)' }]);
  }
  return { ...(customerId ? { customerId } : {}), ...(anonymousId ? { anonymousId } : {}) };
};

const traitsOf = (customer: ShopifyCustomer): Record<string, unknown> => {
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(' ');
  const traits: Record<string, unknown> = {
    email: customer.email,
    phone: customer.phone,
    firstName: customer.first_name,
    lastName: customer.last_name,
    name: name || null,
    tags: customer.tags,
    state: customer.state,
    locale: customer.locale,
    currency: customer.currency,
    verifiedEmail: customer.verified_email,
  };
  return fitTraits(Object.fromEntries(Object.entries(traits).filter(([, value]) => value !== undefined)));
};

const consentOf = (customer: ShopifyCustomer, window: ReceiptWindow): ConsentChange[] => [
  ...shopifyMarketingConsent('sms', customer.sms_marketing_consent, 'sms_marketing_consent', window),
  ...(customer.email_marketing_consent !== undefined
    ? shopifyMarketingConsent('email', customer.email_marketing_consent, 'email_marketing_consent', window)
    : acceptsMarketingConsent(customer.accepts_marketing)),
];
