import { z } from 'zod';
import { ChannelSchema } from '../events/canonical-event.js';
import { DurationSchema } from '../time/duration.js';

/**
 * What a rule sends. Texts are Liquid templates over `{ profile, event, now, … }`, e.g.
 * `{{ profile.traits.name | default: "고객" }}님, 장바구니에 담아두신 {{ event.cart.items[0].name }}…`.
 */
export const MessageSchema = z
  .strictObject({
    text: z.string().min(1, 'must not be empty').meta({ description: 'Liquid template of the message body' }),
    title: z.string().min(1).optional().meta({ description: 'Liquid template of the title (e-mail subject, Brand Message header)' }),
    templateCode: z.string().min(1).optional().meta({ description: 'The provider-approved template code (KakaoTalk AlimTalk / Brand Message)' }),
    link: z.string().min(1).optional().meta({ description: 'Liquid template of the link the message points to' }),
  })
  .meta({ description: 'A message: Liquid templates for its text, title and link' });
export type Message = z.infer<typeof MessageSchema>;

export const VariantSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, "_" and "-", up to 32')
    .refine((id) => id !== 'holdout' && id !== 'default', 'is reserved ("holdout" and "default" name the control group and a single message in stats)'),
  weight: z.number().positive().default(1).meta({ description: 'Relative share of customers who get this variant' }),
  message: MessageSchema,
});

export const SendActionSchema = z
  .strictObject({
    type: z.literal('send'),
    channel: ChannelSchema,
    purpose: z.enum(['info', 'ad']).meta({ description: '"info": transactional (AlimTalk templates, no ad content); "ad": advertising — needs ad consent and follows Korean ad law' }),
    message: MessageSchema.optional(),
    variants: z
      .array(VariantSchema)
      .min(2, 'needs at least two variants (or use "message")')
      .refine((variants) => new Set(variants.map((variant) => variant.id)).size === variants.length, 'variant ids must differ')
      .optional(),
    holdout: z.number().min(0).max(0.5).default(0).meta({ description: 'Share of matching customers kept as a control group: recorded, never sent' }),
    goal: z
      .strictObject({
        event: z.literal('order_placed'),
        withinDays: z.number().int().min(1).max(90),
      })
      .optional()
      .meta({ description: 'A conversion: an order within N days after the send (or holdout assignment)' }),
    expiresAfter: DurationSchema.optional().meta({ description: 'Drop the message (with a recorded reason) if it cannot go out within this time of the match' }),
  })
  .refine((action) => (action.message === undefined) !== (action.variants === undefined), {
    message: 'needs either "message" or "variants", not both',
    path: ['message'],
  })
  // Kakao's own rules: AlimTalk carries approved information templates only, Brand Message is the ad channel.
  .refine((action) => action.channel !== 'alimtalk' || action.purpose === 'info', {
    message: 'AlimTalk carries information only — use "purpose": "info", or send ads as "brand_message" or "sms"',
    path: ['purpose'],
  })
  .refine((action) => action.channel !== 'brand_message' || action.purpose === 'ad', {
    message: 'a Brand Message is an ad — use "purpose": "ad", or "alimtalk" for information',
    path: ['purpose'],
  });
export type SendAction = z.infer<typeof SendActionSchema>;

/** One message a send action can send: the only one, or one variant, with where it sits in the action. */
export interface ActionMessage {
  /** `message` or `variants[i].message`. */
  path: string;
  /** The variant id; `default` for an action with a single message. */
  arm: string;
  weight: number;
  message: Message;
}

export const DEFAULT_ARM = 'default';

export const actionMessages = (action: { message?: Message | undefined; variants?: Array<{ id: string; weight: number; message: Message }> | undefined }): ActionMessage[] =>
  action.variants
    ? action.variants.map((variant, index) => ({ path: `variants[${index}].message`, arm: variant.id, weight: variant.weight, message: variant.message }))
    : action.message
      ? [{ path: 'message', arm: DEFAULT_ARM, weight: 1, message: action.message }]
      : [];

export const TagActionSchema = z
  .strictObject({
    type: z.literal('tag'),
    add: z.array(z.string().min(1)).default([]),
    remove: z.array(z.string().min(1)).default([]),
  })
  .refine((action) => action.add.length + action.remove.length > 0, { message: 'needs a tag to add or remove', path: ['add'] });
export type TagAction = z.infer<typeof TagActionSchema>;
