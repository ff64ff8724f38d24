import type { z } from 'zod';
import type { Timer } from './timer-store.js';

export class TimerPayloadError extends Error {
  override readonly name = 'TimerPayloadError';
}

/** A timer's payload read back through its kind's schema: one that does not fit is an error naming the kind and the fields. */
export const parseTimerPayload = <T>(schema: z.ZodType<T>, kind: Timer['kind'], payload: unknown): T => {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new TimerPayloadError(`${kind} timer payload: ${parsed.error.message}`, { cause: parsed.error });
  return parsed.data;
};
