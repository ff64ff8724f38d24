import { z } from 'zod';
import { ChannelSchema, ConsentPurposeSchema, lineItemsValue, type LineItem } from '../canonical-event.js';
import { MAX_AMOUNT, MAX_CATEGORY_BYTES, MAX_LINE_ITEMS, MAX_TEXT_BYTES } from '../../validation/bounds.js';
import { AmountSchema, boundedText, CurrencySchema, externalId, OptionalIdSchema, QuantitySchema } from '../../validation/common-schemas.js';

/** Properties of Segment's e-commerce spec v2 events, as far as Retain uses them. */

/** A product of the spec becomes a line item; it needs an id (product_id, sku or id). */
export const ProductSchema = z
  .looseObject({
    product_id: z.unknown().optional(),
    sku: z.unknown().optional(),
    id: z.unknown().optional(),
    variant: OptionalIdSchema,
    name: boundedText(MAX_TEXT_BYTES).optional(),
    category: boundedText(MAX_CATEGORY_BYTES).optional(),
    price: AmountSchema.optional(),
    quantity: QuantitySchema.optional(),
  })
  .transform((product, context): LineItem => {
    const key = (['product_id', 'sku', 'id'] as const).find((name) => {
      const value = product[name];
      return (typeof value === 'string' && value !== '') || typeof value === 'number';
    });
    if (key === undefined) {
      context.addIssue({ code: 'custom', path: ['product_id'], message: 'required: product_id (or sku) of the product' });
      return z.NEVER;
    }
    const id = externalId(`the product's ${key}`).safeParse(product[key]);
    if (!id.success) {
      for (const issue of id.error.issues) context.addIssue({ code: 'custom', path: [key], message: issue.message });
      return z.NEVER;
    }
    const price = product.price ?? 0;
    const quantity = product.quantity ?? 1;
    if (price * quantity > MAX_AMOUNT) {
      context.addIssue({ code: 'custom', path: ['price'], message: `price × quantity is ${price * quantity}; at most ${MAX_AMOUNT} per line` });
      return z.NEVER;
    }
    return {
      productId: id.data,
      ...(product.variant ? { variantId: product.variant } : {}),
      ...(product.name ? { name: product.name } : {}),
      ...(product.category ? { category: product.category } : {}),
      price,
      quantity,
    };
  });

/** The products of an order, checkout or cart: at most MAX_LINE_ITEMS, worth at most MAX_AMOUNT together. */
const ProductsSchema = z
  .array(ProductSchema)
  .max(MAX_LINE_ITEMS, `at most ${MAX_LINE_ITEMS} products per event`)
  .refine((items) => lineItemsValue(items) <= MAX_AMOUNT, { error: (issue) => `the products add up to ${lineItemsValue(issue.input as LineItem[])}; at most ${MAX_AMOUNT}` })
  .default([]);

export const OrderPropertiesSchema = z.looseObject({
  order_id: externalId("the order's id"),
  total: AmountSchema.optional(),
  revenue: AmountSchema.optional(),
  value: AmountSchema.optional(),
  currency: CurrencySchema.optional(),
  checkout_id: OptionalIdSchema,
  cart_id: OptionalIdSchema,
  products: ProductsSchema,
});

export const OrderRefSchema = z.looseObject({ order_id: externalId("the order's id") });

/** The cart a product was added to or removed from (`Product Added`/`Product Removed` carry the product itself too). */
export const CartRefSchema = z.looseObject({
  cart_id: OptionalIdSchema,
  currency: CurrencySchema.optional(),
});

export const CartPropertiesSchema = CartRefSchema.extend({
  products: ProductsSchema,
});

export const CheckoutPropertiesSchema = CartPropertiesSchema.extend({
  checkout_id: OptionalIdSchema,
  order_id: OptionalIdSchema,
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
