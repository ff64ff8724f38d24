import { z } from 'zod';
import { CanonicalEventSchema } from '../events/canonical-event.js';

/** A valid event whose first write failed, on its way to be stored again. */
export const IngestRetryMessageSchema = z.object({
  version: z.literal(1),
  event: CanonicalEventSchema,
  firstError: z.string().optional(),
});
export type IngestRetryMessage = z.infer<typeof IngestRetryMessageSchema>;
