import type { Prng } from './prng.js';

/**
 * Who shops: each simulated customer's traits, drawn once from the seed. Days are counted
 * from the simulation's first day (negative: before it, imported as history).
 */
export interface SimulatedCustomer {
  id: string;
  /** A customer from before the simulation (their history is imported first). */
  existing: boolean;
  signupDay: number;
  /** Mean visits per day. */
  visitRate: number;
  buyer: boolean;
  /** The customer's own days between orders. */
  cycleDays: number;
  /** No activity after this day (churned); for lapsed existing customers who stay away, before day 0. */
  lastActiveDay: number | undefined;
  /** Lapsed existing customers: their last visit, long before the simulation. */
  lapsedSinceDay: number | undefined;
  /** Lapsed customers who come back: no activity before this day. */
  returnsOnDay: number | undefined;
  adConsent: boolean;
  nightConsent: boolean;
  name: string;
  /** A mobile number, as the signup form sends it: AlimTalk, Brand Messages and SMS go to it. */
  phone: string;
}

const FAMILY = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const GIVEN = ['민준', '서연', '도윤', '하은', '지호', '지우', '예준', '수아', '주원', '지민'];

export const drawCustomers = (rng: Prng, count: number, days: number): SimulatedCustomer[] =>
  Array.from({ length: count }, (_, index) => {
    const existing = rng.chance(0.55);
    const lapsed = existing && rng.chance(0.12);
    const returns = lapsed && rng.chance(0.4);
    const powerUser = rng.chance(0.01);
    const visitRate = powerUser ? 1.1 + rng.next() * 0.4 : 0.008 + rng.next() ** 3 * 0.18;
    const lapsedSinceDay = lapsed ? -rng.int(245, 400) : undefined;
    const adConsent = rng.chance(0.6);
    return {
      id: `c${String(index + 1).padStart(5, '0')}`,
      existing,
      signupDay: existing ? Math.min(-rng.int(30, 700), (lapsedSinceDay ?? 0) - rng.int(30, 200)) : rng.int(0, days - 1),
      visitRate,
      buyer: powerUser || rng.chance(0.65),
      cycleDays: rng.int(12, 60),
      lastActiveDay: lapsed && !returns ? -1 : rng.chance(0.2) ? rng.int(0, days - 1) : undefined,
      lapsedSinceDay,
      returnsOnDay: returns ? rng.int(0, days - 1) : undefined,
      adConsent,
      nightConsent: adConsent && rng.chance(0.2),
      name: `${rng.pick(FAMILY)}${rng.pick(GIVEN)}`,
      phone: `010-${String(1000 + Math.floor(index / 10_000)).padStart(4, '0')}-${String(index % 10_000).padStart(4, '0')}`,
    };
  });

/** Consent as the shop's signup form sends it (Retain reads `traits.consent`). */
export const consentTraits = (customer: SimulatedCustomer) => ({
  consent: {
    alimtalk: { info: true },
    brand_message: { ad: customer.adConsent, night: customer.nightConsent },
    sms: { ad: customer.adConsent, night: customer.nightConsent },
  },
});
