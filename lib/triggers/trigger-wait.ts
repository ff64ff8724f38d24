import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseTimerPayload } from '../timers/timer-payload.js';
import { CanonicalEventSchema } from '../events/canonical-event.js';

/** What a trigger's wait remembers until it ends: the rule, the occurrence, and the event that started (or last moved) it. */
export const TriggerWaitPayloadSchema = z.object({
  ruleId: z.string().min(1),
  ruleVersion: z.number().int().positive(),
  occurrence: z.string().min(1),
  event: CanonicalEventSchema,
});
export type TriggerWaitPayload = z.infer<typeof TriggerWaitPayloadSchema>;

export const parseTriggerWaitPayload = (payload: unknown): TriggerWaitPayload => parseTimerPayload(TriggerWaitPayloadSchema, 'trigger-wait', payload);

// Keys are sort keys (at most 1 KB); an occurrence longer than this is stood in for by its digest.
const MAX_OCCURRENCE_IN_KEY = 200;

/**
 * The timer key of a rule's wait for one occurrence: a newer event of the same occurrence
 * (the same cart) moves that timer rather than adding one. Rule ids hold no `#`, so every
 * wait of a rule, and nothing else, starts with `waitKeyPrefix(ruleId)`.
 */
export const waitKey = (ruleId: string, occurrence: string): string =>
  `${waitKeyPrefix(ruleId)}${occurrence.length > MAX_OCCURRENCE_IN_KEY ? `sha256:${createHash('sha256').update(occurrence).digest('base64url')}` : occurrence}`;

export const waitKeyPrefix = (ruleId: string): string => `${ruleId}#`;
