import { z } from 'zod';
import { externalId, IdStringSchema, requiredString, ZonedTimeSchema } from '../../validation/common-schemas.js';
import { PropertiesSchema, TraitsSchema } from '../event-values.js';

/**
 * A Segment-spec message as sent to `POST /v1/events` (Segment, RudderStack, Jitsu…).
 * Lenient about what Retain does not use, strict about what it does.
 */

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON object whose keys cannot reach an object's prototype (checked before zod copies it). */
const SafeRecordSchema = z.preprocess((value, context) => {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      if (UNSAFE_KEYS.has(key)) context.addIssue({ code: 'custom', path: [key], message: `"${key}" is not allowed as a key`, input: value });
    }
  }
  return value;
}, z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }));

const SafeTraitsSchema = SafeRecordSchema.pipe(TraitsSchema);
const SafePropertiesSchema = SafeRecordSchema.pipe(PropertiesSchema);

const IdSchema = externalId();

const ContextSchema = z
  .looseObject({
    page: z.looseObject({ path: z.string().optional(), url: z.string().optional(), title: z.string().optional(), referrer: z.string().optional(), search: z.string().optional() }).optional(),
    campaign: z.looseObject({ source: z.string().optional(), medium: z.string().optional(), name: z.string().optional(), term: z.string().optional(), content: z.string().optional() }).optional(),
    traits: SafeTraitsSchema.optional(),
  })
  .optional();

const CommonSchema = z.looseObject({
  messageId: requiredString('the idempotency key of the message').pipe(IdStringSchema),
  userId: IdSchema.nullish(),
  anonymousId: IdSchema.nullish(),
  timestamp: ZonedTimeSchema.optional(),
  originalTimestamp: ZonedTimeSchema.optional(),
  sentAt: ZonedTimeSchema.optional(),
  receivedAt: ZonedTimeSchema.optional(),
  context: ContextSchema,
});

export const SegmentMessageSchema = z
  .discriminatedUnion('type', [
    CommonSchema.extend({ type: z.literal('identify'), traits: SafeTraitsSchema.default({}) }),
    CommonSchema.extend({ type: z.literal('track'), event: requiredString('the name of the tracked event'), properties: SafePropertiesSchema.default({}) }),
    CommonSchema.extend({ type: z.literal('page'), name: z.string().optional(), properties: SafePropertiesSchema.default({}) }),
    CommonSchema.extend({ type: z.literal('screen'), name: z.string().optional(), properties: SafePropertiesSchema.default({}) }),
    CommonSchema.extend({ type: z.literal('alias'), previousId: IdSchema }),
    CommonSchema.extend({ type: z.literal('group'), groupId: IdSchema.optional() }),
  ], { error: (issue) => (issue.code === 'invalid_union' ? 'must be one of identify, track, page, screen, alias, group' : undefined) })
  .superRefine((message, context) => {
    if (!message.userId && !message.anonymousId && message.type !== 'alias') {
      context.addIssue({ code: 'custom', path: ['userId'], message: 'required: a userId or an anonymousId identifies the customer' });
    }
  });

export type SegmentMessage = z.infer<typeof SegmentMessageSchema>;

/** `{ "batch": [...] }`, with context and integrations that apply to every message. */
export const SegmentBatchEnvelopeSchema = z.looseObject({
  batch: z.array(z.unknown()).min(1, 'must hold at least one message').max(1000, 'at most 1000 messages per request'),
  context: z.record(z.string(), z.unknown()).optional(),
});
