import { z } from 'zod';
import { EVENT_TYPES } from '../events/canonical-event.js';
import { SendActionSchema, TagActionSchema } from '../sends/send-action.js';
import { durationMs, DurationSchema, type Duration } from '../time/duration.js';

/**
 * A rule file (`rules/<id>.json`), as marketers write it. Conditions are JSON Logic over
 * `{ profile, event, now }` with Retain's CRM operators; `compileLogic` checks and compiles
 * them (this schema only says where logic goes). Exported as `rules/rule.schema.json`.
 */

/** A JSON Logic expression: an operator object, or a literal. */
export const LogicSchema = z.unknown().meta({
  id: 'logic',
  description: 'A JSON Logic expression over { profile, event, now } (see jsonlogic.com and Retain\'s CRM operators)',
});

export const RuleIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes — the file name without .json')
  .meta({ description: 'The rule id: its file name without .json' });

/**
 * How old an event may be when it arrives and still start a trigger. A day: SDKs that were
 * offline flush their queue when they are back, and platforms retry failed webhooks for
 * hours; past a day a "welcome" or "you left your cart" reads as out of place, and an
 * import of history (a 2021 signup) must never greet anyone.
 */
export const DEFAULT_MAX_EVENT_AGE_HOURS = 24;
const MAX_EVENT_AGE_DAYS = 30;
const MAX_EVENT_AGE_MS = MAX_EVENT_AGE_DAYS * 86_400_000;

export const EventTypeSchema = z.enum(EVENT_TYPES as [string, ...string[]]);

export const ActionSchema = z.discriminatedUnion('type', [SendActionSchema, TagActionSchema]);
export type Action = z.infer<typeof ActionSchema>;

const RuleBaseSchema = z.strictObject({
  $schema: z.string().optional(),
  id: RuleIdSchema,
  version: z.number().int().positive().meta({ description: 'Raised on every change; pushed versions are kept' }),
  description: z.string().min(1),
  enabled: z.boolean().default(true),
  priority: z.number().int().min(0).max(100).default(50).meta({ description: 'Higher goes first when a customer\'s fatigue budget is short' }),
});

export const SegmentRuleSchema = RuleBaseSchema.extend({
  kind: z.literal('segment'),
  condition: LogicSchema,
}).meta({ description: 'A named condition over the profile: count, list, export, bulk tag' });

export const TriggerRuleSchema = RuleBaseSchema.extend({
  kind: z.literal('trigger'),
  on: z.array(EventTypeSchema).min(1).meta({ description: 'The event types that start the rule' }),
  audience: LogicSchema.default(true).meta({ description: 'Who qualifies, checked when the event arrives and again when a wait ends' }),
  occurrence: LogicSchema.optional().meta({
    description: 'What one occurrence is (e.g. the cart: { "var": "event.cart.token" }): at most one send per rule, customer and occurrence; a new event of the same occurrence moves its wait. Default: each event.',
  }),
  once: z.literal('customer').optional().meta({
    description: '"customer": the rule acts at most once per customer, ever — its sends are one occurrence in the send ledger, so two racing events (two signups) get one decision. Instead of "occurrence".',
  }),
  maxEventAge: DurationSchema.refine((age) => durationMs(age) <= MAX_EVENT_AGE_MS, `may be at most ${MAX_EVENT_AGE_DAYS} days`)
    .optional()
    .meta({
      description: `Events older than this when they arrive (their time against the time Retain received them) update the profile but do not start the rule. Default: ${DEFAULT_MAX_EVENT_AGE_HOURS} hours.`,
    }),
  wait: DurationSchema.optional().meta({ description: 'How long to wait before acting (e.g. { "hours": 24 } after a cart is left)' }),
  cancelOn: z.array(EventTypeSchema).default([]).meta({ description: 'Events that cancel a pending wait (e.g. order_placed)' }),
  actions: z.array(ActionSchema).min(1),
})
  .refine((rule) => rule.once === undefined || rule.occurrence === undefined, {
    message: 'give either "once" or "occurrence", not both: "once": "customer" makes the whole customer one occurrence',
    path: ['once'],
  })
  .meta({ description: 'Fires on events, optionally waits (cancelled by named events), re-checks its audience, then acts' });

export const ANCHORS = ['signupAt', 'firstOrderAt', 'lastOrderAt', 'lastVisitAt'] as const;

export const ScheduledRuleSchema = RuleBaseSchema.extend({
  kind: z.literal('scheduled'),
  anchor: z.enum(ANCHORS).meta({ description: 'The profile date the days count from' }),
  days: z
    .union([
      z.array(z.number().int().positive()).min(1),
      z.strictObject({
        fromProfile: z.literal('avgOrderIntervalDays'),
        minOrders: z.number().int().min(2).default(2),
        default: z.number().int().positive().meta({ description: 'Days to use for customers with fewer orders' }),
      }),
    ])
    .meta({ description: 'N days after the anchor: a list ([30, 60, 90]) or the customer\'s own purchase cycle' }),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time as HH:MM, e.g. "10:00"').meta({ description: 'Local time of day (workspace time zone)' }),
  audience: LogicSchema.default(true),
  actions: z.array(ActionSchema).min(1),
}).meta({ description: 'Fires at a local time for customers whose anchor date was N days ago' });

export const RuleSchema = z.discriminatedUnion('kind', [SegmentRuleSchema, TriggerRuleSchema, ScheduledRuleSchema]);
export type Rule = z.infer<typeof RuleSchema>;
export type SegmentRule = z.infer<typeof SegmentRuleSchema>;
export type TriggerRule = z.infer<typeof TriggerRuleSchema>;

/** How old an event may be when it arrives and still start this trigger. */
export const maxEventAgeOf = (rule: Pick<TriggerRule, 'maxEventAge'>): Duration => rule.maxEventAge ?? { hours: DEFAULT_MAX_EVENT_AGE_HOURS };
export type ScheduledRule = z.infer<typeof ScheduledRuleSchema>;
