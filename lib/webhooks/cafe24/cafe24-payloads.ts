import { z } from 'zod';
import { MAX_ID_BYTES, MAX_TEXT_BYTES, utf8Bytes } from '../../validation/bounds.js';
import { AmountSchema, clippedText, CurrencySchema, externalId, IdStringSchema, OptionalIdSchema, QuantitySchema, ZonedTimeSchema } from '../../validation/common-schemas.js';

/** Cafe24 webhook bodies: `{ event_no, resource }`; amounts are strings, flags "T"/"F", times +09:00. */

export const Cafe24EnvelopeSchema = z.looseObject({
  event_no: z.coerce.number({ error: 'required: the Cafe24 event number (event_no)' }).int(),
  resource: z.looseObject({ mall_id: z.string().optional() }, { error: 'required: the resource object' }),
});

const Flag = z.enum(['T', 'F']).nullish();
const Text = clippedText(MAX_TEXT_BYTES);

export const Cafe24MemberSchema = z.looseObject({
  member_id: externalId('the member id (resource.member_id)'),
  name: Text,
  nick_name: Text,
  email: Text,
  phone: Text,
  cellphone: Text,
  birthday: Text,
  gender: Text,
  group_no: z.union([z.number(), z.string()]).nullish(),
  member_type: Text,
  created_date: ZonedTimeSchema.nullish(),
  sms: Flag,
  news_mail: Flag,
});

/** member_id of dormancy and withdrawal events can list several members: "id1, id2". */
export const Cafe24MemberListSchema = z.looseObject({
  member_id: z
    .string({ error: 'required: the member id (resource.member_id)' })
    .transform((ids) => ids.split(',').map((id) => id.trim()).filter(Boolean))
    .refine((ids) => ids.length > 0, 'must name at least one member')
    .refine((ids) => ids.every((id) => utf8Bytes(id) <= MAX_ID_BYTES), `each member id is at most ${MAX_ID_BYTES} bytes (UTF-8)`),
});

export const Cafe24OrderSchema = z.looseObject({
  order_id: externalId('the order id (resource.order_id)'),
  member_id: IdStringSchema.nullish(),
  order_date: ZonedTimeSchema,
  cancel_date: ZonedTimeSchema.nullish(),
  currency: CurrencySchema.nullish(),
  paid: Flag,
  order_price_amount: AmountSchema.nullish(),
  actual_payment_amount: AmountSchema.nullish(),
  /** Product codes, comma-separated: each an id. */
  ordering_product_code: z
    .string()
    .nullish()
    .refine((codes) => (codes ?? '').split(',').every((code) => utf8Bytes(code.trim()) <= MAX_ID_BYTES), `each product code is at most ${MAX_ID_BYTES} bytes (UTF-8)`),
  ordering_product_name: z.string().nullish(),
});
export type Cafe24Order = z.infer<typeof Cafe24OrderSchema>;

export const Cafe24CartSchema = z.looseObject({
  member_id: externalId('the member id (resource.member_id)'),
  product_no: externalId('the product number (resource.product_no)'),
  variant_code: OptionalIdSchema,
  quantity: QuantitySchema.default(1),
});
