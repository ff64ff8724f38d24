import { z } from 'zod';

/**
 * What a scheduled handler receives: the schedule's name and the time it was due
 * (EventBridge Scheduler fills `<aws.scheduler.scheduled-time>`; the local harness the
 * same from its clock), so a late or replayed run knows which run it is.
 */
export const ScheduledInvocationSchema = z.object({
  schedule: z.string().min(1),
  scheduledTime: z.iso.datetime({ offset: true }),
});
export type ScheduledInvocation = z.infer<typeof ScheduledInvocationSchema>;
