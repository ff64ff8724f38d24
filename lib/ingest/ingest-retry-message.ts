import { z } from 'zod';
import { CanonicalEventSchema, type CanonicalEvent } from '../events/canonical-event.js';

/**
 * Valid events not stored when they arrived (a write failed, or the request's time ran out),
 * on their way to be stored again. Version 1 (one event) may still be in the queue.
 */
export const IngestRetryMessageSchema = z.discriminatedUnion('version', [
  z.object({ version: z.literal(1), event: CanonicalEventSchema, firstError: z.string().optional() }),
  z.object({ version: z.literal(2), events: z.array(CanonicalEventSchema).min(1), firstError: z.string().optional() }),
]);
export type IngestRetryMessage = Extract<z.infer<typeof IngestRetryMessageSchema>, { version: 2 }>;

/** The events of a retry message of either version. */
export const retryEventsOf = (message: z.infer<typeof IngestRetryMessageSchema>): CanonicalEvent[] => (message.version === 1 ? [message.event] : message.events);

/** Few enough that the retry function stores a message well within its time, and far below SQS's 256 KB. */
const EVENTS_PER_MESSAGE = 100;
const MESSAGE_BYTES = 200 * 1024;

/**
 * Retry messages for events in the order given (one profile's stay in order): up to
 * EVENTS_PER_MESSAGE events and MESSAGE_BYTES each, with the first failure among them.
 */
export const retryMessagesFor = (entries: ReadonlyArray<{ event: CanonicalEvent; error?: unknown }>): Array<{ message: IngestRetryMessage; error: unknown }> => {
  const messages: Array<{ message: IngestRetryMessage; error: unknown; bytes: number }> = [];
  for (const { event, error } of entries) {
    const bytes = Buffer.byteLength(JSON.stringify(event));
    const last = messages[messages.length - 1];
    if (last && last.message.events.length < EVENTS_PER_MESSAGE && last.bytes + bytes <= MESSAGE_BYTES) {
      last.message.events.push(event);
      last.bytes += bytes;
      if (last.error === undefined && error !== undefined) last.error = error;
    } else messages.push({ message: { version: 2, events: [event] }, error, bytes });
  }
  return messages.map(({ message, error }) => ({ message: error === undefined ? message : { ...message, firstError: describe(error) }, error }));
};

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
