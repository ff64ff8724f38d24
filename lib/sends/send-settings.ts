import { z } from 'zod';
import { minutesOf } from '../time/zoned-time.js';

/**
 * What a workspace configures about sending (part of its settings, `GET/PUT /v1/settings`):
 * the sender every ad must name under Korean ad law, quiet hours, fatigue budgets, consent
 * age, and where messages are delivered.
 */

const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time as HH:MM, e.g. "21:00"');

/** A daily window of local time; `start` after `end` means it spans midnight. */
export const QuietWindowSchema = z.strictObject({ start: LocalTimeSchema, end: LocalTimeSchema });
export type QuietWindow = z.infer<typeof QuietWindowSchema>;

/** Whether a local minute of the day falls in a window. */
export const inWindow = (window: QuietWindow, minute: number): boolean => {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
};

/** A shop may be stricter than the law, never laxer: its window must cover the legal one. */
const covers = (legal: QuietWindow) => (window: QuietWindow) => {
  for (let minute = minutesOf(legal.start); minute !== minutesOf(legal.end); minute = (minute + 1) % 1440) {
    if (!inWindow(window, minute)) return false;
  }
  return true;
};

/** 정보통신망법 제50조: no ads 21:00–08:00 without separate consent. */
export const LEGAL_AD_QUIET_HOURS: QuietWindow = { start: '21:00', end: '08:00' };
/** Kakao's own rule for Brand Messages, consent or not. */
export const LEGAL_BRAND_MESSAGE_QUIET_HOURS: QuietWindow = { start: '20:50', end: '08:00' };

export const QuietHoursSchema = z.strictObject({
  ad: QuietWindowSchema.default(LEGAL_AD_QUIET_HOURS)
    .refine(covers(LEGAL_AD_QUIET_HOURS), 'must cover 21:00–08:00, when Korean law forbids ads without night consent')
    .meta({ description: 'No ad messages in this window without night consent; they wait for its end' }),
  brandMessage: QuietWindowSchema.default(LEGAL_BRAND_MESSAGE_QUIET_HOURS)
    .refine(covers(LEGAL_BRAND_MESSAGE_QUIET_HOURS), 'must cover 20:50–08:00, when Kakao accepts no Brand Messages')
    .meta({ description: 'No Kakao Brand Messages in this window, whatever the consent' }),
});

export const FatigueLimitSchema = z
  .strictObject({
    perDay: z.number().int().min(0),
    perWeek: z.number().int().min(0).meta({ description: 'Over any 7 consecutive local days' }),
  })
  .refine((limit) => limit.perDay <= limit.perWeek, { message: 'perDay must not exceed perWeek', path: ['perDay'] });
export type FatigueLimit = z.infer<typeof FatigueLimitSchema>;

export const FatigueSchema = z.strictObject({
  alimtalk: FatigueLimitSchema.default({ perDay: 1, perWeek: 3 }),
  brand_message: FatigueLimitSchema.default({ perDay: 1, perWeek: 3 }),
  sms: FatigueLimitSchema.default({ perDay: 1, perWeek: 3 }),
  email: FatigueLimitSchema.default({ perDay: 1, perWeek: 5 }),
  webhook: FatigueLimitSchema.default({ perDay: 2, perWeek: 7 }),
});

/** Who the ad law says must be named in every ad: the sender, their contact, and a free opt-out. */
export const SenderSchema = z.strictObject(
  {
    name: z.string().trim().min(1).meta({ description: 'The advertiser name shown after (광고), e.g. "데모샵"' }),
    contact: z.string().trim().min(1).meta({ description: 'A contact (phone or address), e.g. "02-123-4567"' }),
    optOut: z.string().trim().min(1).meta({ description: 'The free opt-out line, e.g. "무료수신거부 080-123-4567"' }),
  },
  {
    error: (issue) =>
      issue.input === undefined
        ? 'required: every ad names the sender, a contact and the free opt-out line (Korean ad law), and without them no ad goes out — e.g. { "name": "데모샵", "contact": "02-123-4567", "optOut": "무료수신거부 080-123-4567" }'
        : undefined,
  },
);
export type Sender = z.infer<typeof SenderSchema>;

export const DeliverySchema = z.discriminatedUnion('adapter', [
  z.strictObject({ adapter: z.literal('log') }).meta({ description: 'Write messages to the log (local default)' }),
  z
    .strictObject({ adapter: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }) })
    .meta({ description: 'POST each message, HMAC-signed with the workspace secret deliveryWebhookSecret, to the shop\'s SMS/Kakao bridge' }),
]);
export type Delivery = z.infer<typeof DeliverySchema>;

/** The sending part of the workspace settings; every field has a default except the sender. */
export const SendSettingsShape = {
  sender: SenderSchema.optional().meta({ description: 'Required before any ad can go out' }),
  quietHours: QuietHoursSchema.prefault({}),
  fatigue: FatigueSchema.prefault({}).meta({ description: 'Ad messages per customer and channel, across all rules' }),
  consentMaxAgeDays: z.number().int().min(1).max(730).default(730).meta({ description: 'Ad consent older than this needs re-confirmation (Korean law: 2 years)' }),
  delivery: DeliverySchema.default({ adapter: 'log' }),
};
