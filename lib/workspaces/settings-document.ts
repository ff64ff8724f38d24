import { deliveryUrlProblem, type DeliveryTargetPolicy } from '../delivery/delivery-target.js';
import { DeliverySchema, SenderSchema, type Delivery } from '../sends/send-settings.js';
import { parseOrThrow } from '../validation/field-issues.js';
import type { WorkspaceCredentials } from './workspace-secrets.js';
import { WorkspaceSettingsSchema, type WorkspaceSettings } from './workspace-settings.js';

/** What a settings document is checked against besides its own shape. */
export interface SettingsContext {
  /** The workspace's secrets: webhook delivery signs with its `deliveryWebhookSecret`. */
  credentials: WorkspaceCredentials | undefined;
  /** Where this deployment delivers to (public https only on AWS). */
  delivery: DeliveryTargetPolicy;
}

/** What the chosen delivery adapter needs and does not have, by field of `delivery`. */
const deliveryProblems = (delivery: Delivery, context: SettingsContext): Array<{ field: string; message: string }> => {
  if (delivery.adapter !== 'webhook') return [];
  const problems: Array<{ field: string; message: string }> = [];
  if (!context.credentials?.deliveryWebhookSecret) {
    problems.push({
      field: 'adapter',
      message: '"webhook" signs every message with the workspace secret "deliveryWebhookSecret", which this workspace does not have: add it (16+ characters; locally RETAIN_DELIVERY_WEBHOOK_SECRET) first, or keep "adapter": "log"',
    });
  }
  const urlProblem = deliveryUrlProblem(delivery.url, context.delivery);
  if (urlProblem) problems.push({ field: 'url', message: urlProblem });
  return problems;
};

/** The document `PUT /v1/settings` takes in this workspace: the whole settings, always with a sender, and a delivery that can deliver. */
export const settingsDocumentSchema = (context: SettingsContext) =>
  WorkspaceSettingsSchema.extend({
    sender: SenderSchema,
    delivery: DeliverySchema.default({ adapter: 'log' }).superRefine((delivery, refinement) => {
      for (const problem of deliveryProblems(delivery, context)) refinement.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }),
  });

/**
 * A `PUT /v1/settings` document, accepted only when it cannot silently stop sending: it
 * replaces the whole settings (what it leaves out takes its default), so it must name the
 * sender every ad needs, and a webhook delivery needs the signing secret and a URL Retain
 * delivers to. Every field problem is reported, by path (a ValidationError).
 */
export const acceptSettingsDocument = (document: unknown, context: SettingsContext): WorkspaceSettings => parseOrThrow(settingsDocumentSchema(context), document);
