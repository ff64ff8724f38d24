import { z } from 'zod';

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

/** An ISO-8601 time with a zone, normalised to UTC. */
export const ZonedTimeSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 time with a zone, e.g. 2026-03-01T10:00:00+09:00' })
  .transform((value) => new Date(value).toISOString());
