import { z } from 'zod';
import { lineItemsValue, type LineItem } from '../../events/canonical-event.js';
import { clipText, MAX_AMOUNT, MAX_CATEGORY_BYTES, MAX_ID_BYTES, MAX_LINE_ITEMS, MAX_TEXT_BYTES } from '../../validation/bounds.js';
import { AmountSchema, clippedText, CurrencySchema, externalId, IdStringSchema, OptionalIdSchema, QuantitySchema, ZonedTimeSchema } from '../../validation/common-schemas.js';

/**
 * The parts of Shopify's webhook resources Retain reads (REST shapes, API 2024-10+).
 * Ids are parsed losslessly, so `id` may be a string (above 2^53) or a number.
 */

const OptionalTime = ZonedTimeSchema.nullish();
const OptionalId = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === '' ? undefined : String(value)))
  .pipe(IdStringSchema.optional());
const OptionalToken = OptionalIdSchema;

export const ShopifyLineItemSchema = z
  .looseObject({
    id: OptionalId,
    product_id: OptionalId,
    variant_id: OptionalId,
    title: clippedText(MAX_TEXT_BYTES),
    name: clippedText(MAX_TEXT_BYTES),
    product_type: clippedText(MAX_CATEGORY_BYTES),
    price: AmountSchema.nullish(),
    quantity: QuantitySchema.default(1),
  })
  .transform((item, context): LineItem => {
    const price = item.price ?? 0;
    if (price * item.quantity > MAX_AMOUNT) {
      context.addIssue({ code: 'custom', path: ['price'], message: `price × quantity is ${price * item.quantity}; at most ${MAX_AMOUNT} per line` });
      return z.NEVER;
    }
    // Custom line items have no product; their variant, own id or title still tells lines apart (Shopify allows an empty title).
    const name = item.title || item.name || undefined;
    return {
      productId: item.product_id ?? item.variant_id ?? item.id ?? (item.title ? clipText(item.title, MAX_ID_BYTES) : 'custom'),
      ...(item.variant_id ? { variantId: item.variant_id } : {}),
      ...(name ? { name } : {}),
      ...(item.product_type ? { category: item.product_type } : {}),
      price,
      quantity: item.quantity,
    };
  });

/**
 * An order's, checkout's or cart's lines: the first MAX_LINE_ITEMS of a longer list are kept
 * (a platform's big order is not an error); lines worth more than MAX_AMOUNT together are refused.
 */
const LineItemsSchema = z
  .array(ShopifyLineItemSchema)
  .default([])
  .transform((items) => items.slice(0, MAX_LINE_ITEMS))
  .refine((items) => lineItemsValue(items) <= MAX_AMOUNT, { error: (issue) => `the lines add up to ${lineItemsValue(issue.input as LineItem[])}; at most ${MAX_AMOUNT}` });

const OptionalText = clippedText(MAX_TEXT_BYTES);

export const ShopifyCustomerSchema = z.looseObject({
  id: externalId('the customer id (customer.id)'),
  email: OptionalText,
  phone: OptionalText,
  first_name: OptionalText,
  last_name: OptionalText,
  tags: z.string().nullish(),
  state: OptionalText,
  locale: OptionalText,
  currency: OptionalText,
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
  currency: CurrencySchema.nullish(),
  checkout_token: OptionalToken,
  cart_token: OptionalToken,
  line_items: LineItemsSchema,
});
export type ShopifyOrder = z.infer<typeof ShopifyOrderSchema>;

export const ShopifyCheckoutSchema = z.looseObject({
  token: z.string().min(1, 'required: the checkout token').pipe(IdStringSchema),
  cart_token: OptionalToken,
  customer: z.looseObject({ id: OptionalId }).nullish(),
  updated_at: ZonedTimeSchema,
  completed_at: OptionalTime,
  total_price: AmountSchema.nullish(),
  currency: CurrencySchema.nullish(),
  line_items: LineItemsSchema,
});

export const ShopifyCartSchema = z.looseObject({
  token: z.string().min(1, 'required: the cart token').pipe(IdStringSchema),
  updated_at: ZonedTimeSchema,
  line_items: LineItemsSchema,
});

export const ShopifyCustomerRefSchema = z.looseObject({ id: externalId('the customer id (id)') });

export const ShopifyRedactSchema = z.looseObject({
  customer: z.looseObject({ id: externalId('the customer id (customer.id)') }),
});
