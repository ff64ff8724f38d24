import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseTimerPayload } from '../timers/timer-payload.js';
import { CanonicalEventSchema, type CanonicalEvent } from '../events/canonical-event.js';
import type { ProfileReader } from '../profiles/profile-reader.js';

/**
 * How long after an event arrives a trigger without a wait waits before it acts. SDKs send
 * `identify` and `Signed Up` together (in one batch, or two requests a few milliseconds
 * apart, with one timestamp): whichever is stored first, the rule decides on the profile
 * both made. Half a minute covers a batch, a retry and the stream's lag; the minute sweep
 * fires the timer, so the rule acts 30–90 s after its event.
 */
export const TRIGGER_SETTLE_MS = 30_000;

/** What a settling trigger remembers: the rule and the event it acts for. */
export const TriggerSettlePayloadSchema = z.object({
  ruleId: z.string().min(1),
  ruleVersion: z.number().int().positive(),
  event: CanonicalEventSchema,
});
export type TriggerSettlePayload = z.infer<typeof TriggerSettlePayloadSchema>;

export const parseTriggerSettlePayload = (payload: unknown): TriggerSettlePayload => parseTimerPayload(TriggerSettlePayloadSchema, 'trigger-settle', payload);

/**
 * One timer per rule and event: the event's own evaluation and a sibling's re-evaluation set
 * the same one. `settle:` never begins a wait key (`<ruleId>#`: rule ids hold no ":").
 */
export const settleKey = (ruleId: string, eventId: string): string => `settle:${ruleId}:${createHash('sha256').update(eventId).digest('base64url')}`;

/** An event of the customer as stored, without its profile snapshot. */
export interface StoredEvent {
  event: CanonicalEvent;
  receivedAt?: string;
}

/** The events stored in a customer's history at exactly one instant (the table: one query in the customer's partition). */
export interface SameTimeEvents {
  /** At most `limit` of them; an import that stamps thousands of events with one time is not read whole. */
  at(workspace: string, customerId: string, occurredAt: string, limit: number): Promise<StoredEvent[]>;
}

/** What a settle window needs besides the trigger ports: its length, the profile as it is now, the events stored at the same instant. */
export interface SettleDeps {
  ms: number;
  profiles: ProfileReader;
  sameTime: SameTimeEvents;
}
