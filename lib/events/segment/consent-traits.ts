import type { ConsentChange } from '../canonical-event.js';
import { ChannelSchema, ConsentPurposeSchema } from '../canonical-event.js';

/**
 * Consent carried in identify traits. Two shapes are understood:
 * - Retain's own: `consent: { sms: { ad: true, night: false }, email: { ad: "granted" } }`;
 * - Shopify's, as RudderStack forwards it: `smsMarketingConsent` / `emailMarketingConsent`
 *   `{ state: "subscribed" | "not_subscribed" | "unsubscribed" | "pending", consent_updated_at }`
 *   and the older `acceptsMarketing` boolean for email.
 */
export const consentFromTraits = (traits: Record<string, unknown>): ConsentChange[] => [
  ...retainConsent(traits['consent']),
  ...shopifyConsent('sms', traits['smsMarketingConsent']),
  ...(traits['emailMarketingConsent'] !== undefined
    ? shopifyConsent('email', traits['emailMarketingConsent'])
    : typeof traits['acceptsMarketing'] === 'boolean'
      ? [{ channel: 'email' as const, purpose: 'ad' as const, state: traits['acceptsMarketing'] ? ('granted' as const) : ('denied' as const) }]
      : []),
];

const retainConsent = (value: unknown): ConsentChange[] => {
  if (!value || typeof value !== 'object') return [];
  const changes: ConsentChange[] = [];
  for (const [channelName, purposes] of Object.entries(value)) {
    const channel = ChannelSchema.safeParse(channelName);
    if (!channel.success || !purposes || typeof purposes !== 'object') continue;
    for (const [purposeName, decision] of Object.entries(purposes)) {
      const purpose = ConsentPurposeSchema.safeParse(purposeName);
      const state = decision === true || decision === 'granted' ? 'granted' : decision === false || decision === 'denied' ? 'denied' : undefined;
      if (purpose.success && state) changes.push({ channel: channel.data, purpose: purpose.data, state });
    }
  }
  return changes;
};

const SHOPIFY_STATES: Record<string, 'granted' | 'denied'> = {
  subscribed: 'granted',
  not_subscribed: 'denied',
  unsubscribed: 'denied',
  redacted: 'denied',
  invalid: 'denied',
};

const shopifyConsent = (channel: 'sms' | 'email', value: unknown): ConsentChange[] => {
  if (!value || typeof value !== 'object') return [];
  const { state, consent_updated_at: updatedAt } = value as { state?: unknown; consent_updated_at?: unknown };
  const decision = typeof state === 'string' ? SHOPIFY_STATES[state] : undefined;
  if (!decision) return []; // "pending": double opt-in not confirmed yet
  const at = typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt)) ? new Date(updatedAt).toISOString() : undefined;
  return [{ channel, purpose: 'ad', state: decision, ...(at ? { at } : {}) }];
};
