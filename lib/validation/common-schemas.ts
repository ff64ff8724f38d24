import { z } from 'zod';
import { EventTimeSchema } from '../time/event-time-window.js';

/** A required, non-empty string field, with a message that says what it is for. */
export const requiredString = (purpose: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `required: ${purpose}` : 'must be a string') }).trim().min(1, `must not be empty: ${purpose}`);

/**
 * An id from another system, kept as a string. A number is accepted only where it cannot
 * have lost digits; parse platform JSON losslessly so ids above 2^53 arrive as strings.
 */
export const externalId = (purpose = 'an id') =>
  z.unknown().transform((value, context) => {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
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

/** Amounts arrive as numbers or numeric strings ("15000.00"). */
export const AmountSchema = z.unknown().transform((value, context) => {
  const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof amount === 'number' && Number.isFinite(amount) && amount >= 0) return amount;
  context.addIssue({ code: 'custom', message: 'must be a non-negative amount' });
  return z.NEVER;
});

/** An ISO-8601 time with a zone from a source, normalised to UTC: the event-time window's years (1970–9999). */
export const ZonedTimeSchema = EventTimeSchema;
