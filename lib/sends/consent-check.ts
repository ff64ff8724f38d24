import type { Channel } from '../events/canonical-event.js';
import type { ProfileView } from '../profiles/profile-view.js';

const DAY_MS = 86_400_000;

/** The tag a customer gets when their ad consent is too old: a rule can send them the re-confirmation notice. */
export const RECONFIRM_CONSENT_TAG = 'consent-reconfirmation-due';

export type ConsentVerdict = { allowed: true } | { allowed: false; reason: string; reconfirm: boolean };

type ConsentRecord = ProfileView['consent'][string][string];

const isStale = (record: ConsentRecord, now: Date, maxAgeDays: number): boolean => now.getTime() - Date.parse(record.at) > maxAgeDays * DAY_MS;

/**
 * May this customer get a message of this purpose on this channel?
 * - `info` (transactional) goes out unless the customer refused it on that channel;
 * - `ad` needs ad consent for that channel, given or re-confirmed within `maxAgeDays`
 *   (Korean law: every 2 years). Stale consent blocks and asks for re-confirmation.
 */
export const checkConsent = (profile: ProfileView, channel: Channel, purpose: 'info' | 'ad', now: Date, maxAgeDays: number): ConsentVerdict => {
  const record = profile.consent[channel]?.[purpose];
  if (purpose === 'info') {
    return record?.state === 'denied' ? { allowed: false, reason: `the customer refused information messages on ${channel}`, reconfirm: false } : { allowed: true };
  }
  if (!record || record.state !== 'granted') {
    return { allowed: false, reason: `no ad consent for ${channel}${record ? ` (refused ${record.at.slice(0, 10)})` : ''}`, reconfirm: false };
  }
  if (isStale(record, now, maxAgeDays)) {
    return {
      allowed: false,
      reason: `ad consent for ${channel} dates from ${record.at.slice(0, 10)}, more than ${maxAgeDays} days ago: it needs re-confirmation`,
      reconfirm: true,
    };
  }
  return { allowed: true };
};

/** Separate consent to ads between 21:00 and 08:00, subject to the same re-confirmation age. */
export const hasNightConsent = (profile: ProfileView, channel: Channel, now: Date, maxAgeDays: number): boolean => {
  const record = profile.consent[channel]?.['night'];
  return record?.state === 'granted' && !isStale(record, now, maxAgeDays);
};
