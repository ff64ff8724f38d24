import { z } from 'zod';
import { CanonicalEventSchema, type CanonicalEvent } from '../events/canonical-event.js';
import type { ProfileView } from '../profiles/profile-view.js';

/** An event as committed to the table, with the profile as of that event (the item's `profile` snapshot). */
export interface CommittedEvent {
  event: CanonicalEvent;
  profile: ProfileView;
  /** Anonymous visitors have a profile but no customer to act for yet. */
  profileKind: 'customer' | 'visitor';
  /** When Retain stored it (items written before this was kept have none: taken as arriving as it happened). */
  receivedAt?: string;
}

const EventItemSchema = z.object({
  entity: z.literal('event'),
  profileKind: z.enum(['customer', 'visitor']),
  event: z.string().min(2),
  profile: z.string().min(2),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

export class CommittedEventError extends Error {
  override readonly name = 'CommittedEventError';
}

/** Reads an event item of the table (as the stream delivers it); undefined for any other item. */
export const committedEventOf = (item: Record<string, unknown>): CommittedEvent | undefined => {
  if (item['entity'] !== 'event') return undefined;
  const parsed = EventItemSchema.safeParse(item);
  if (!parsed.success) throw new CommittedEventError(`event item ${String(item['sk'])}: ${parsed.error.message}`, { cause: parsed.error });
  try {
    return {
      event: CanonicalEventSchema.parse(JSON.parse(parsed.data.event)),
      profile: JSON.parse(parsed.data.profile) as ProfileView,
      profileKind: parsed.data.profileKind,
      ...(parsed.data.receivedAt ? { receivedAt: parsed.data.receivedAt } : {}),
    };
  } catch (error) {
    throw new CommittedEventError(`event item ${String(item['sk'])}: event or profile is not what ingest writes`, { cause: error });
  }
};
