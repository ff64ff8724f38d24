import { z } from 'zod';
import { MIN_CANONICAL_MS } from '../time/canonical-instant.js';
import { instantSchema } from '../time/event-time-window.js';
import { MAX_AMOUNT, MAX_CATEGORY_BYTES, MAX_ID_BYTES, MAX_LINE_ITEMS, MAX_QUANTITY, MAX_TEXT_BYTES } from '../validation/bounds.js';
import { boundedText } from '../validation/common-schemas.js';
import { PropertiesSchema, TraitsSchema } from './event-values.js';

/**
 * Retain's canonical customer event: what every source (Segment-spec messages, Shopify,
 * Cafe24 and shopby webhooks) is mapped to before it touches a profile.
 * A discriminated union on `type`; times are UTC ISO-8601 strings so event keys sort.
 */

export const ChannelSchema = z.enum(['alimtalk', 'brand_message', 'sms', 'email', 'webhook']);
export type Channel = z.infer<typeof ChannelSchema>;

/** `info` = transactional, `ad` = advertising, `night` = separate consent for ads 21:00–08:00. */
export const ConsentPurposeSchema = z.enum(['info', 'ad', 'night']);
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

/** Any instant a canonical string can write (years 0000–9999 in UTC); sources are held to the narrower event-time window at the edge. */
export const IsoInstantSchema = instantSchema(MIN_CANONICAL_MS);

export const ConsentChangeSchema = z.object({
  channel: ChannelSchema,
  purpose: ConsentPurposeSchema,
  state: z.enum(['granted', 'denied']),
  /** When the customer gave or withdrew it, if the source knows; else the event time. */
  at: IsoInstantSchema.optional(),
});
export type ConsentChange = z.infer<typeof ConsentChangeSchema>;

const IdSchema = boundedText(MAX_ID_BYTES).pipe(z.string().min(1));
/** Anonymous ids a source derives from its own (`shopify-cart:<token>`) carry a short prefix. */
const AnonymousIdSchema = boundedText(MAX_ID_BYTES + 32).pipe(z.string().min(1));
const MoneySchema = z.number().finite().nonnegative().max(MAX_AMOUNT);
const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO currency code');

export const LineItemSchema = z
  .object({
    productId: IdSchema,
    variantId: IdSchema.optional(),
    name: boundedText(MAX_TEXT_BYTES).optional(),
    category: boundedText(MAX_CATEGORY_BYTES).optional(),
    price: MoneySchema,
    quantity: z.number().int().positive().max(MAX_QUANTITY),
  })
  .refine((item) => item.price * item.quantity <= MAX_AMOUNT, { message: `price × quantity must be at most ${MAX_AMOUNT}`, path: ['price'] });
export type LineItem = z.infer<typeof LineItemSchema>;

const LineItemsSchema = z
  .array(LineItemSchema)
  .max(MAX_LINE_ITEMS)
  .refine((items) => lineItemsValue(items) <= MAX_AMOUNT, `the lines add up to more than ${MAX_AMOUNT}`);

/** What the lines cost together (each line's price × quantity), to the cent. */
export const lineItemsValue = (items: ReadonlyArray<Pick<LineItem, 'price' | 'quantity'>>): number =>
  Math.round(items.reduce((sum, item) => sum + item.price * item.quantity, 0) * 100) / 100;

export const PageSchema = z.object({
  path: z.string().optional(),
  url: z.string().optional(),
  title: z.string().optional(),
  referrer: z.string().optional(),
  name: z.string().optional(),
});

export const CampaignSchema = z.object({
  source: z.string().optional(),
  medium: z.string().optional(),
  name: z.string().optional(),
  term: z.string().optional(),
  content: z.string().optional(),
});

const EventBaseSchema = z.object({
  /** Stable id derived from the source's idempotency key (see `eventIdFor`). */
  eventId: z.string().min(1),
  /** The source's own idempotency key (Segment messageId, webhook id…), kept for tracing. */
  dedupeKey: z.string().min(1),
  workspace: z.string().min(1),
  customerId: IdSchema.optional(),
  anonymousId: AnonymousIdSchema.optional(),
  occurredAt: IsoInstantSchema,
  /**
   * When Retain received it (its clock, not the sender's): consent trusts this over the
   * sender's times. Absent on events from before receipt times were kept.
   */
  receivedAt: IsoInstantSchema.optional(),
  source: z.string().min(1),
  page: PageSchema.optional(),
  campaign: CampaignSchema.optional(),
});

/** A cart as a full snapshot (`items` is the whole cart) or a change (`items` were added/removed). */
export const CartSchema = z.object({
  mode: z.enum(['snapshot', 'add', 'remove']),
  token: IdSchema.optional(),
  items: LineItemsSchema,
  currency: CurrencySchema.optional(),
});

export const OrderSchema = z.object({
  orderId: IdSchema,
  /** When the order was placed, if the event is a later report of it (e.g. "paid"); else the event time. */
  placedAt: IsoInstantSchema.optional(),
  value: MoneySchema,
  currency: CurrencySchema.optional(),
  items: LineItemsSchema.default([]),
  checkoutToken: IdSchema.optional(),
  cartToken: IdSchema.optional(),
});

export const CanonicalEventSchema = z.discriminatedUnion('type', [
  EventBaseSchema.extend({ type: z.literal('page_viewed') }),
  EventBaseSchema.extend({
    type: z.literal('signed_up'),
    traits: TraitsSchema.default({}),
    consent: z.array(ConsentChangeSchema).default([]),
  }),
  EventBaseSchema.extend({ type: z.literal('logged_in'), traits: TraitsSchema.default({}) }),
  EventBaseSchema.extend({
    type: z.literal('profile_updated'),
    traits: TraitsSchema.default({}),
    consent: z.array(ConsentChangeSchema).default([]),
  }),
  EventBaseSchema.extend({ type: z.literal('cart_updated'), cart: CartSchema }),
  EventBaseSchema.extend({
    type: z.literal('checkout_started'),
    checkout: z.object({
      token: IdSchema.optional(),
      cartToken: IdSchema.optional(),
      items: LineItemsSchema,
      value: MoneySchema,
      currency: CurrencySchema.optional(),
    }),
  }),
  EventBaseSchema.extend({ type: z.literal('order_placed'), order: OrderSchema }),
  EventBaseSchema.extend({
    type: z.literal('order_cancelled'),
    order: z.object({ orderId: IdSchema }),
  }),
  EventBaseSchema.extend({
    type: z.literal('consent_changed'),
    consent: z.array(ConsentChangeSchema).min(1),
  }),
  EventBaseSchema.extend({ type: z.literal('member_withdrawn') }),
  EventBaseSchema.extend({
    type: z.literal('custom'),
    name: z.string().min(1),
    properties: PropertiesSchema.default({}),
  }),
]);

export type CanonicalEvent = z.infer<typeof CanonicalEventSchema>;
export type CanonicalEventInput = z.input<typeof CanonicalEventSchema>;
export type EventType = CanonicalEvent['type'];
export type EventOfType<T extends EventType> = Extract<CanonicalEvent, { type: T }>;

export const EVENT_TYPES = CanonicalEventSchema.options.map((option) => option.shape.type.value) as EventType[];
