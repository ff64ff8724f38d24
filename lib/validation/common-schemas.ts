import { z } from 'zod';
import { EventTimeSchema } from '../time/event-time-window.js';
import { clipText, MAX_AMOUNT, MAX_ID_BYTES, MAX_QUANTITY, utf8Bytes } from './bounds.js';

/** A required, non-empty string field, with a message that says what it is for. */
export const requiredString = (purpose: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `required: ${purpose}` : 'must be a string') }).trim().min(1, `must not be empty: ${purpose}`);

/**
 * An id from another system, kept as a string. A number is accepted only where it cannot
 * have lost digits; parse platform JSON losslessly so ids above 2^53 arrive as strings.
 */
export const externalId = (purpose = 'an id') =>
  z.unknown().transform((value, context) => {
    if (typeof value === 'string' && value.trim() !== '') {
      const id = value.trim();
      if (utf8Bytes(id) <= MAX_ID_BYTES) return id;
      context.addIssue({ code: 'custom', message: idTooLong(id) });
      return z.NEVER;
    }
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    context.addIssue({
      code: 'custom',
      message:
        value === undefined || value === null
          ? `required: ${purpose}`
          : typeof value === 'number'
            ? 'send ids as strings: numbers above 2^53 lose digits'
            : `must be a non-empty string: ${purpose}`,
    });
    return z.NEVER;
  });

const idTooLong = (id: string) => `is ${utf8Bytes(id)} bytes long; ids are at most ${MAX_ID_BYTES} bytes (UTF-8)`;

/** A string id (a token, a variant, a checkout), at most MAX_ID_BYTES of UTF-8. */
export const IdStringSchema = z.string().refine((id) => utf8Bytes(id) <= MAX_ID_BYTES, { error: (issue) => idTooLong(String(issue.input)) });

/** An optional string id; empty means absent (sources send `"cart_id": ""` for no cart). */
export const OptionalIdSchema = IdStringSchema.nullish().transform((id) => id || undefined);

/** A string of at most `maxBytes` UTF-8 bytes, refused past it. */
export const boundedText = (maxBytes: number) =>
  z.string().refine((text) => utf8Bytes(text) <= maxBytes, { error: (issue) => `is ${utf8Bytes(String(issue.input))} bytes long; at most ${maxBytes} bytes (UTF-8)` });

/** A platform's own text (a product title, a name): kept, clipped to `maxBytes` when longer — a platform's long title is not the client's fault. */
export const clippedText = (maxBytes: number) =>
  z
    .string()
    .nullish()
    .transform((text) => (text === null || text === undefined ? text : clipText(text, maxBytes)));

/** Amounts arrive as numbers or numeric strings ("15000.00"). */
export const AmountSchema = z.unknown().transform((value, context) => {
  const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof amount === 'number' && Number.isFinite(amount) && amount >= 0 && amount <= MAX_AMOUNT) return amount;
  context.addIssue({ code: 'custom', message: typeof amount === 'number' && amount > MAX_AMOUNT ? `must be at most ${MAX_AMOUNT}` : 'must be a non-negative amount' });
  return z.NEVER;
});

/** Units of a line: a whole number from 1 (numeric strings too). */
export const QuantitySchema = z.coerce
  .number({ error: `must be a whole number from 1 to ${MAX_QUANTITY}` })
  .int(`must be a whole number from 1 to ${MAX_QUANTITY}`)
  .positive(`must be a whole number from 1 to ${MAX_QUANTITY}`)
  .max(MAX_QUANTITY, `must be a whole number from 1 to ${MAX_QUANTITY}`);

/**
 * An ISO 4217 code. Shopify and Cafe24 send upper case; Segment sources send "krw" too, and
 * a code's case or surrounding blanks never change which currency it is, so both are normalised.
 */
export const CurrencySchema = z
  .string({ error: 'must be a 3-letter ISO 4217 currency code, e.g. "KRW"' })
  .transform((currency) => currency.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 currency code, e.g. "KRW"'));

/** An ISO-8601 time with a zone from a source, normalised to UTC: the event-time window's years (1970–9999). */
export const ZonedTimeSchema = EventTimeSchema;
