import type { ConsentChange } from '../canonical-event.js';
import { ChannelSchema, ConsentPurposeSchema } from '../canonical-event.js';
import type { ReceiptWindow } from '../../time/event-time-window.js';
import { acceptsMarketingConsent, shopifyMarketingConsent } from '../../webhooks/shopify/shopify-consent.js';

/**
 * Consent carried in identify traits (at `path`). Two shapes are understood:
 * - Retain's own: `consent: { sms: { ad: true, night: false }, email: { ad: "granted" } }`;
 * - Shopify's, as RudderStack forwards it: `smsMarketingConsent` / `emailMarketingConsent`
 *   `{ state: "subscribed" | "not_subscribed" | "unsubscribed" | "pending", consent_updated_at }`
 *   and the older `acceptsMarketing` boolean for email.
 */
export const consentFromTraits = (traits: Record<string, unknown>, path: string, window: ReceiptWindow): ConsentChange[] => [
  ...retainConsent(traits['consent']),
  ...shopifyMarketingConsent('sms', traits['smsMarketingConsent'], `${path}.smsMarketingConsent`, window),
  ...(traits['emailMarketingConsent'] !== undefined
    ? shopifyMarketingConsent('email', traits['emailMarketingConsent'], `${path}.emailMarketingConsent`, window)
    : acceptsMarketingConsent(traits['acceptsMarketing'])),
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
