import { CanonicalEventSchema, type CanonicalEvent, type CanonicalEventInput } from '../../lib/events/canonical-event.js';

type Body = Omit<CanonicalEventInput, 'eventId' | 'dedupeKey' | 'workspace' | 'source' | 'occurredAt'>;

let sequence = 0;

/** A valid canonical event for tests: `at` is an ISO time, the rest defaults sensibly. */
export const canonical = (at: string, body: Body & Record<string, unknown>, overrides: Partial<CanonicalEventInput> = {}): CanonicalEvent => {
  sequence += 1;
  return CanonicalEventSchema.parse({
    eventId: `ev-${sequence}`,
    dedupeKey: `key-${sequence}`,
    workspace: 'ws-test',
    customerId: 'c-1',
    source: 'test',
    occurredAt: at,
    ...body,
    ...overrides,
  });
};
