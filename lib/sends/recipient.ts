import { z } from 'zod';
import type { Channel } from '../events/canonical-event.js';
import type { ProfileView } from '../profiles/profile-view.js';

/** Who a message goes to, in the form the channel's providers expect. */
export const RecipientSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('phone'),
    /** E.164, e.g. +821012345678. */
    e164: z.string().regex(/^\+\d{8,15}$/),
    /** The Korean national form Korean SMS/Kakao gateways take, e.g. 01012345678. */
    national: z.string().regex(/^0\d{8,10}$/).optional(),
  }),
  z.object({ kind: z.literal('email'), email: z.string().min(3) }),
  /** Webhook sends: the shop's own system knows how to reach its customer. */
  z.object({ kind: z.literal('customer'), customerId: z.string().min(1), traits: z.record(z.string(), z.unknown()) }),
]);
export type Recipient = z.infer<typeof RecipientSchema>;

const KOREAN_MOBILE = /^01[016789]\d{7,8}$/;

/**
 * A phone number as a mobile gateway takes it. Korean numbers are written many ways
 * (010-1234-5678, +82 10 1234 5678, 82-10-…); only Korean mobiles (01x) can get an SMS or a
 * Kakao message, so a Korean landline is no recipient. Other countries need a leading "+".
 */
export const normalisePhone = (raw: unknown): { e164: string; national?: string } | undefined => {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  const digits = text.replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(digits)) return undefined;
  const bare = digits.replace(/^\+/, '');
  const national = bare.startsWith('82') ? `0${bare.slice(2).replace(/^0/, '')}` : !digits.startsWith('+') && bare.startsWith('0') ? bare : undefined;
  if (national !== undefined) return KOREAN_MOBILE.test(national) ? { e164: `+82${national.slice(1)}`, national } : undefined;
  return digits.startsWith('+') && bare.length >= 8 && bare.length <= 15 ? { e164: `+${bare}` } : undefined;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const firstTrait = (profile: ProfileView, names: string[]): unknown => names.map((name) => profile.traits[name]).find((value) => value !== undefined && value !== null && value !== '');

export type RecipientResult = { recipient: Recipient } | { missing: string };

/** The recipient of a channel from the profile's traits, or why there is none. */
export const recipientFor = (channel: Channel, profile: ProfileView): RecipientResult => {
  switch (channel) {
    case 'alimtalk':
    case 'brand_message':
    case 'sms': {
      const raw = firstTrait(profile, ['phone', 'mobile', 'phoneNumber', 'phone_number']);
      if (raw === undefined) return { missing: `no phone number in traits.phone for ${channel}` };
      const phone = normalisePhone(raw);
      return phone ? { recipient: { kind: 'phone', ...phone } } : { missing: `traits.phone is not a mobile number ${channel} can reach` };
    }
    case 'email': {
      const raw = firstTrait(profile, ['email']);
      return typeof raw === 'string' && EMAIL.test(raw.trim()) ? { recipient: { kind: 'email', email: raw.trim() } } : { missing: 'no valid e-mail address in traits.email' };
    }
    case 'webhook':
      return { recipient: { kind: 'customer', customerId: profile.customerId, traits: profile.traits } };
  }
};
