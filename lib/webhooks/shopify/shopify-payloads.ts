import { z } from 'zod';
import type { LineItem } from '../../events/canonical-event.js';
import { AmountSchema, externalId, ZonedTimeSchema } from '../../validation/common-schemas.js';

/**
 * The parts of Shopify's webhook resources Retain reads (REST shapes, API 2024-10+).
 * Ids are parsed losslessly, so `id` may be a string (above 2^53) or a number.
 */

const OptionalTime = ZonedTimeSchema.nullish();
const OptionalId = z.union([z.string(), z.number()]).nullish().transform((value) => (value === null || value === undefined || value === '' ? undefined : String(value)));

export const ShopifyLineItemSchema = z
  .looseObject({
    id: OptionalId,
    product_id: OptionalId,
    variant_id: OptionalId,
    title: z.string().nullish(),
    name: z.string().nullish(),
    product_type: z.string().nullish(),
    price: AmountSchema.nullish(),
    quantity: z.coerce.number().int().positive().default(1),
  })
  .transform((item): LineItem => ({
    // Custom line items have no product; their variant or own id still tells lines apart.
    productId: item.product_id ?? item.variant_id ?? item.id ?? item.title ?? 'custom',
    ...(item.variant_id ? { variantId: item.variant_id } : {}),
    ...(item.title ?? item.name ? { name: (item.title ?? item.name)! } : {}),
    ...(item.product_type ? { category: item.product_type } : {}),
    price: item.price ?? 0,
    quantity: item.quantity,
  }));

export const ShopifyCustomerSchema = z.looseObject({
  id: externalId('the customer id (customer.id)'),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  tags: z.string().nullish(),
  state: z.string().nullish(),
  locale: z.string().nullish(),
  currency: z.string().nullish(),
  verified_email: z.boolean().nullish(),
  accepts_marketing: z.boolean().nullish(),
  email_marketing_consent: z.unknown().optional(),
  sms_marketing_consent: z.unknown().optional(),
  created_at: OptionalTime,
  updated_at: OptionalTime,
});
export type ShopifyCustomer = z.infer<typeof ShopifyCustomerSchema>;

export const ShopifyOrderSchema = z.looseObject({
  id: externalId('the order id (id)'),
  customer: z.looseObject({ id: OptionalId }).nullish(),
  created_at: ZonedTimeSchema,
  updated_at: OptionalTime,
  cancelled_at: OptionalTime,
  total_price: AmountSchema.nullish(),
  current_total_price: AmountSchema.nullish(),
  currency: z.string().nullish(),
  checkout_token: z.string().nullish(),
  cart_token: z.string().nullish(),
  line_items: z.array(ShopifyLineItemSchema).default([]),
});
export type ShopifyOrder = z.infer<typeof ShopifyOrderSchema>;

export const ShopifyCheckoutSchema = z.looseObject({
  token: z.string().min(1, 'required: the checkout token'),
  cart_token: z.string().nullish(),
  customer: z.looseObject({ id: OptionalId }).nullish(),
  updated_at: ZonedTimeSchema,
  completed_at: OptionalTime,
  total_price: AmountSchema.nullish(),
  currency: z.string().nullish(),
  line_items: z.array(ShopifyLineItemSchema).default([]),
});

export const ShopifyCartSchema = z.looseObject({
  token: z.string().min(1, 'required: the cart token'),
  updated_at: ZonedTimeSchema,
  line_items: z.array(ShopifyLineItemSchema).default([]),
});

export const ShopifyCustomerRefSchema = z.looseObject({ id: externalId('the customer id (id)') });

export const ShopifyRedactSchema = z.looseObject({
  customer: z.looseObject({ id: externalId('the customer id (customer.id)') }),
});
