import type { ConsentChange } from '../../events/canonical-event.js';

const STATES: Record<string, 'granted' | 'denied'> = {
  subscribed: 'granted',
  not_subscribed: 'denied',
  unsubscribed: 'denied',
  redacted: 'denied',
  invalid: 'denied',
};

/**
 * Shopify's marketing consent object (`email_marketing_consent`, `sms_marketing_consent`,
 * or RudderStack's camelCase copies) as Retain's ad consent for that channel.
 * "pending" (double opt-in not confirmed) decides nothing yet.
 */
export const shopifyMarketingConsent = (channel: 'sms' | 'email', value: unknown): ConsentChange[] => {
  if (!value || typeof value !== 'object') return [];
  const { state, consent_updated_at: updatedAt } = value as { state?: unknown; consent_updated_at?: unknown };
  const decision = typeof state === 'string' ? STATES[state] : undefined;
  if (!decision) return [];
  const at = typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt)) ? new Date(updatedAt).toISOString() : undefined;
  return [{ channel, purpose: 'ad', state: decision, ...(at ? { at } : {}) }];
};

/** `accepts_marketing` (Shopify's older e-mail flag), used only when the consent object is absent. */
export const acceptsMarketingConsent = (value: unknown): ConsentChange[] =>
  typeof value === 'boolean' ? [{ channel: 'email', purpose: 'ad', state: value ? 'granted' : 'denied' }] : [];
