import { z } from 'zod';
import { ChannelSchema, ConsentPurposeSchema, type LineItem } from '../canonical-event.js';
import { AmountSchema, externalId } from '../../validation/common-schemas.js';

/** Properties of Segment's e-commerce spec v2 events, as far as Retain uses them. */

/** A product of the spec becomes a line item; it needs an id (product_id, sku or id). */
export const ProductSchema = z
  .looseObject({
    product_id: z.unknown().optional(),
    sku: z.unknown().optional(),
    id: z.unknown().optional(),
    variant: z.string().optional(),
    name: z.string().optional(),
    category: z.string().optional(),
    price: AmountSchema.optional(),
    quantity: z.coerce.number().int().positive().optional(),
  })
  .transform((product, context): LineItem => {
    const id = [product.product_id, product.sku, product.id].find((value) => (typeof value === 'string' && value !== '') || typeof value === 'number');
    if (id === undefined) {
      context.addIssue({ code: 'custom', path: ['product_id'], message: 'required: product_id (or sku) of the product' });
      return z.NEVER;
    }
    return {
      productId: String(id),
      ...(product.variant ? { variantId: product.variant } : {}),
      ...(product.name ? { name: product.name } : {}),
      ...(product.category ? { category: product.category } : {}),
      price: product.price ?? 0,
      quantity: product.quantity ?? 1,
    };
  });

const CurrencySchema = z
  .string()
  .transform((currency) => currency.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code'))
  .optional();

export const OrderPropertiesSchema = z.looseObject({
  order_id: externalId("the order's id"),
  total: AmountSchema.optional(),
  revenue: AmountSchema.optional(),
  value: AmountSchema.optional(),
  currency: CurrencySchema,
  checkout_id: z.string().optional(),
  cart_id: z.string().optional(),
  products: z.array(ProductSchema).default([]),
});

export const OrderRefSchema = z.looseObject({ order_id: externalId("the order's id") });

export const CartPropertiesSchema = z.looseObject({
  cart_id: z.string().optional(),
  currency: CurrencySchema,
  products: z.array(ProductSchema).default([]),
});

export const CheckoutPropertiesSchema = CartPropertiesSchema.extend({
  checkout_id: z.string().optional(),
  order_id: z.string().optional(),
  total: AmountSchema.optional(),
  revenue: AmountSchema.optional(),
  value: AmountSchema.optional(),
});

export const ConsentPropertiesSchema = z.looseObject({
  channel: ChannelSchema,
  purpose: ConsentPurposeSchema.default('ad'),
  state: z.enum(['granted', 'denied']).optional(),
  granted: z.boolean().optional(),
}).refine((consent) => consent.state !== undefined || consent.granted !== undefined, { message: 'required: state ("granted"/"denied") or granted (true/false)', path: ['state'] });
