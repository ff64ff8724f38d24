import { z } from 'zod';

/** An erasure on its way to the erase queue (holds the customer id until it is done). */
export const ErasureRequestSchema = z.object({
  workspace: z.string().min(1),
  customerId: z.string().min(1),
  requestedAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
});
export type ErasureRequestMessage = z.infer<typeof ErasureRequestSchema>;
