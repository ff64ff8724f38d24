import { z } from 'zod';

export interface Duration {
  days?: number | undefined;
  hours?: number | undefined;
  minutes?: number | undefined;
}

export const durationMs = (duration: Duration): number =>
  ((duration.days ?? 0) * 24 * 60 + (duration.hours ?? 0) * 60 + (duration.minutes ?? 0)) * 60_000;

/** A length of time as marketers write it: `{ "hours": 24 }`, `{ "days": 1, "hours": 6 }`. */
export const DurationSchema = z
  .strictObject({
    days: z.number().int().min(0).optional(),
    hours: z.number().int().min(0).optional(),
    minutes: z.number().int().min(0).optional(),
  })
  .refine((duration) => durationMs(duration) > 0, { message: 'must be longer than zero (days, hours or minutes)' })
  .meta({ description: 'A length of time, e.g. { "hours": 24 }' });
