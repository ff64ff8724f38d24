import { addDays } from '../../../lib/time/local-date.js';
import { zonedInstant } from '../../../lib/time/zoned-time.js';
import { Prng } from './prng.js';
import { consentTraits, drawCustomers, type SimulatedCustomer } from './shop-customers.js';
import { orderCompleted, pageView, productAdded, signedIn, signedUp, type Product, type SegmentMessageBody } from './segment-messages.js';

export interface ShopOptions {
  customers: number;
  days: number;
  seed: number;
  /** The simulation's first local day, YYYY-MM-DD. */
  startDay: string;
  timeZone: string;
}

export interface Shop {
  customers: SimulatedCustomer[];
  /** What happened before the first day: imported before any rule is on. */
  history: SegmentMessageBody[];
  /** What happens during the simulation, oldest first. */
  events: SegmentMessageBody[];
}

const CATALOGUE: Product[] = [
  { id: 'p-toner', name: '토너', category: 'skincare', price: 15000 },
  { id: 'p-serum', name: '세럼', category: 'skincare', price: 38000 },
  { id: 'p-cream', name: '수분크림', category: 'skincare', price: 29000 },
  { id: 'p-cushion', name: '쿠션', category: 'makeup', price: 32000 },
  { id: 'p-tint', name: '틴트', category: 'makeup', price: 12000 },
  { id: 'p-shampoo', name: '샴푸', category: 'haircare', price: 18000 },
  { id: 'p-mask', name: '마스크팩 10매', category: 'skincare', price: 22000 },
  { id: 'p-sun', name: '선크림', category: 'skincare', price: 19000 },
];
/** Days of the spring promotion page, counted from the first day. */
const PROMO = { from: 7, to: 37 };

/**
 * A shop's traffic from a seed: visits (page views, logins), signups with consent, carts
 * and orders at each buyer's own rhythm — some carts bought at once, some later (within
 * or after a day), some left; customers who churn, and lapsed ones of whom some come back.
 * Everything in the shop's local hours.
 */
export const generateShop = (options: ShopOptions): Shop => {
  const rng = new Prng(options.seed);
  const customers = drawCustomers(rng, options.customers, options.days);
  const dayStarts = new Map<number, number>();
  const dayStart = (day: number) => {
    let start = dayStarts.get(day);
    if (start === undefined) dayStarts.set(day, (start = zonedInstant(addDays(options.startDay, day), '00:00', options.timeZone).getTime()));
    return start;
  };
  const end = dayStart(options.days);
  const history: Array<[number, SegmentMessageBody]> = [];
  const events: Array<[number, SegmentMessageBody]> = [];

  for (const customer of customers) {
    let carts = 0;
    let orders = 0;
    let messages = 0;
    // Message ids numbered per customer, so a seed makes the same messages however often it runs.
    const emit = (at: number, make: (iso: string) => SegmentMessageBody) => {
      if (at < end) (at < dayStart(0) ? history : events).push([at, { ...make(new Date(at).toISOString()), messageId: `${customer.id}-m${(messages += 1)}` }]);
    };
    const localTime = (day: number) => dayStart(day) + rng.int(8 * 60, 23 * 60 + 30) * 60_000;
    const order = (at: number, cartId?: string) => {
      const products = Array.from({ length: rng.int(1, 3) }, () => rng.pick(CATALOGUE));
      emit(at, (iso) => orderCompleted(customer.id, iso, `${customer.id}-o${(orders += 1)}`, products, cartId));
    };

    // Signup (the first visit of a new customer, often from an ad).
    const signupAt = localTime(customer.signupDay);
    const fromAd = !customer.existing && rng.chance(0.25);
    emit(signupAt, (iso) => pageView(customer.id, iso, '/', fromAd ? { utmSource: 'naver' } : {}));
    emit(signupAt + 60_000, (iso) => signedUp(customer.id, iso, { name: customer.name, phone: customer.phone, ...consentTraits(customer) }));

    // History of existing customers: their orders at their rhythm, and their last visit.
    let nextOrderDay = customer.signupDay + rng.int(0, 10);
    if (customer.existing) {
      const lastVisitDay = customer.lapsedSinceDay ?? -rng.int(1, 14);
      const past = customer.buyer ? rng.int(1, 5) : 0;
      const lastOrderDay = Math.min(lastVisitDay, -rng.int(1, customer.cycleDays));
      for (let index = past - 1; index >= 0; index -= 1) {
        const day = lastOrderDay - index * customer.cycleDays + (index > 0 ? rng.int(-3, 3) : 0);
        if (day <= customer.signupDay) continue;
        const at = localTime(day);
        emit(at, (iso) => pageView(customer.id, iso, `/products/${rng.pick(CATALOGUE).id}`));
        order(at + rng.int(2, 15) * 60_000);
      }
      emit(localTime(lastVisitDay), (iso) => pageView(customer.id, iso, '/'));
      nextOrderDay = lastOrderDay + customer.cycleDays + rng.int(-3, 3);
    }

    const lastDay = Math.min(options.days - 1, customer.lastActiveDay ?? options.days - 1);
    for (let day = Math.max(0, customer.signupDay + 1, customer.returnsOnDay ?? 0); day <= lastDay; day += 1) {
      const orderDue = customer.buyer && day >= nextOrderDay;
      const visits = rng.poisson(customer.visitRate) + (orderDue && rng.chance(0.5) ? 1 : 0);
      for (let visit = 0; visit < visits; visit += 1) {
        let at = localTime(day);
        const inPromo = day >= PROMO.from && day <= PROMO.to;
        if (rng.chance(0.2)) emit(at, (iso) => signedIn(customer.id, iso));
        const landing = inPromo && rng.chance(0.05) ? '/promo/spring' : '/';
        const utm = rng.chance(0.04) ? { utmSource: 'naver' } : {};
        emit((at += 20_000), (iso) => pageView(customer.id, iso, landing, utm));
        for (let page = rng.chance(0.5) ? 1 : 0; page > 0; page -= 1) emit((at += rng.int(1, 5) * 60_000), (iso) => pageView(customer.id, iso, `/products/${rng.pick(CATALOGUE).id}`));
        const buying = orderDue && visit === visits - 1;
        if (!buying && !rng.chance(0.06)) continue;
        const cartId = `${customer.id}-cart${(carts += 1)}`;
        emit((at += 60_000), (iso) => productAdded(customer.id, iso, cartId, rng.pick(CATALOGUE)));
        if (!buying) continue;
        const outcome = rng.next();
        if (outcome < 0.6) order(at + rng.int(2, 15) * 60_000, cartId);
        else if (outcome < 0.85) {
          // Comes back for the cart later: within the day (recovered) or after a reminder.
          const back = at + rng.int(2, 40) * 3_600_000;
          emit(back, (iso) => pageView(customer.id, iso, '/cart'));
          order(back + 120_000, cartId);
        }
        nextOrderDay = day + customer.cycleDays + rng.int(-3, 3);
      }
    }
  }

  const sorted = (list: Array<[number, SegmentMessageBody]>) => list.sort((a, b) => a[0] - b[0]).map(([, message]) => message);
  return { customers, history: sorted(history), events: sorted(events) };
};
