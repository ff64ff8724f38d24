import { z } from 'zod';
import { ChannelSchema } from '../events/canonical-event.js';
import { RecipientSchema } from './recipient.js';

const InstantSchema = z.iso.datetime({ offset: true });

export const MessageContentSchema = z.object({
  text: z.string().min(1),
  title: z.string().optional(),
  link: z.string().optional(),
  templateCode: z.string().optional(),
});

/**
 * One message on the sends queue, ready to deliver: rendered, labelled as the law wants,
 * addressed. Versioned: a consumer refuses versions it does not know rather than guess.
 * `dedupeKey` is the same for every copy of one send (rule, customer, occurrence, action);
 * providers get it as the idempotency key.
 */
export const SendMessageSchema = z.object({
  version: z.literal(1),
  sendId: z.string().min(1),
  dedupeKey: z.string().min(1),
  workspace: z.string().min(1),
  customerId: z.string().min(1),
  rule: z.object({ id: z.string().min(1), version: z.number().int().positive(), priority: z.number().int() }),
  actionIndex: z.number().int().min(0),
  occurrence: z.string().min(1),
  /** The variant id, or `default` for an action with a single message. */
  variant: z.string().min(1),
  channel: ChannelSchema,
  purpose: z.enum(['info', 'ad']),
  content: MessageContentSchema,
  recipient: RecipientSchema,
  /** Not to be delivered before (quiet hours that end within the SQS delay). */
  notBefore: InstantSchema,
  /** Dropped, with a recorded reason, if not delivered by then. */
  expiresAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
});
export type SendMessage = z.infer<typeof SendMessageSchema>;

export class InvalidSendMessageError extends Error {
  override readonly name = 'InvalidSendMessageError';
}

/** Parses a queue message body; a body that is not a send message of a known version is an error worth a dead letter. */
export const parseSendMessage = (body: string): SendMessage => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new InvalidSendMessageError('the message body is not JSON', { cause: error });
  }
  const parsed = SendMessageSchema.safeParse(json);
  if (!parsed.success) throw new InvalidSendMessageError(`not a send message of version 1: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`, { cause: parsed.error });
  return parsed.data;
};
