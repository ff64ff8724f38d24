import type { ConsentChange } from '../../events/canonical-event.js';
import type { ReceiptWindow } from '../../time/event-time-window.js';
import { ZonedTimeSchema } from '../../validation/common-schemas.js';
import { parseOrThrow } from '../../validation/field-issues.js';

const STATES: Record<string, 'granted' | 'denied'> = {
  subscribed: 'granted',
  not_subscribed: 'denied',
  unsubscribed: 'denied',
  redacted: 'denied',
  invalid: 'denied',
};

/**
 * Shopify's marketing consent object (`email_marketing_consent`, `sms_marketing_consent`,
 * or RudderStack's camelCase copies, at `path`) as Retain's ad consent for that channel.
 * "pending" (double opt-in not confirmed) decides nothing yet. `consent_updated_at` must be
 * a time inside the request's window (a 400 naming it otherwise).
 */
export const shopifyMarketingConsent = (channel: 'sms' | 'email', value: unknown, path: string, window: ReceiptWindow): ConsentChange[] => {
  if (!value || typeof value !== 'object') return [];
  const { state, consent_updated_at: updatedAt } = value as { state?: unknown; consent_updated_at?: unknown };
  const decision = typeof state === 'string' ? STATES[state] : undefined;
  if (!decision) return [];
  const field = `${path}.consent_updated_at`;
  const updated = parseOrThrow(ZonedTimeSchema.nullish(), updatedAt, field);
  const at = updated ? window.time(field, updated) : undefined;
  return [{ channel, purpose: 'ad', state: decision, ...(at ? { at } : {}) }];
};

/** `accepts_marketing` (Shopify's older e-mail flag), used only when the consent object is absent. */
export const acceptsMarketingConsent = (value: unknown): ConsentChange[] =>
  typeof value === 'boolean' ? [{ channel: 'email', purpose: 'ad', state: value ? 'granted' : 'denied' }] : [];
