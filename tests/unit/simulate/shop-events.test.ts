import { describe, expect, it } from 'vitest';
import type { SegmentMessageBody } from '../../../infra/local/simulate/segment-messages.js';
import { generateShop, type ShopOptions } from '../../../infra/local/simulate/shop-events.js';

const OPTIONS: ShopOptions = { customers: 500, days: 120, seed: 7, startDay: '2026-03-02', timeZone: 'Asia/Seoul' };
const FIRST_DAY = Date.parse('2026-03-02T00:00:00+09:00');
const DAY_MS = 86_400_000;

const dayOf = (message: SegmentMessageBody) => Math.floor((Date.parse(message.timestamp) - FIRST_DAY) / DAY_MS);
const isOrder = (message: SegmentMessageBody) => message['event'] === 'Order Completed';

/** Days of each customer's orders during the simulation, oldest first. */
const orderDays = (messages: SegmentMessageBody[]) => {
  const days = new Map<string, number[]>();
  for (const message of messages.filter(isOrder)) days.set(message.userId, [...(days.get(message.userId) ?? []), dayOf(message)]);
  return days;
};

describe('generateShop', () => {
  it('makes the same shop from the same seed', () => {
    expect(generateShop(OPTIONS)).toEqual(generateShop(OPTIONS));
  });

  it('makes another shop from another seed', () => {
    expect(generateShop({ ...OPTIONS, seed: 8 }).events).not.toEqual(generateShop(OPTIONS).events);
  });

  it('puts the history before the first day and the events in the simulated days, oldest first', () => {
    // Act
    const shop = generateShop(OPTIONS);
    // Assert
    const times = (messages: SegmentMessageBody[]) => messages.map((message) => Date.parse(message.timestamp));
    expect(Math.max(...times(shop.history))).toBeLessThan(FIRST_DAY);
    expect(Math.min(...times(shop.events))).toBeGreaterThanOrEqual(FIRST_DAY);
    expect(Math.max(...times(shop.events))).toBeLessThan(FIRST_DAY + OPTIONS.days * DAY_MS);
    expect(times(shop.events)).toEqual([...times(shop.events)].sort((a, b) => a - b));
  });

  it('gives every message its own id', () => {
    // Act
    const shop = generateShop(OPTIONS);
    // Assert
    const ids = [...shop.history, ...shop.events].map((message) => message.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has customers of all the kinds the automations look for', () => {
    // Act
    const { customers, events } = generateShop(OPTIONS);
    // Assert
    expect(customers.filter((customer) => customer.existing).length).toBeGreaterThan(0);
    expect(customers.filter((customer) => !customer.existing).length).toBeGreaterThan(0);
    expect(customers.filter((customer) => customer.returnsOnDay !== undefined).length).toBeGreaterThan(0);
    const kinds = new Set(events.map((message) => (message.type === 'track' ? message['event'] : message.type)));
    expect([...kinds].sort()).toEqual(['Order Completed', 'Product Added', 'Signed In', 'Signed Up', 'page']);
  });
});

describe('purchase cycles', () => {
  it('orders only for buyers', () => {
    // Act
    const shop = generateShop(OPTIONS);
    // Assert
    const ordering = new Set(shop.events.filter(isOrder).map((message) => message.userId));
    expect(shop.customers.filter((customer) => !customer.buyer && ordering.has(customer.id))).toEqual([]);
  });

  it('spaces each buyer’s orders by their own cycle: never much sooner, mostly about on time', () => {
    // Arrange
    const shop = generateShop(OPTIONS);
    const days = orderDays(shop.events);
    // Act: each gap between two orders, as days beyond the customer's cycle and as a ratio of it.
    const gaps = shop.customers.flatMap((customer) => {
      const orders = days.get(customer.id) ?? [];
      return orders.slice(1).map((day, index) => ({ late: day - orders[index]! - customer.cycleDays, ratio: (day - orders[index]!) / customer.cycleDays }));
    });
    // Assert: ±3 days of jitter, and an order may come up to 2 days after its cart.
    expect(gaps.length).toBeGreaterThan(200);
    expect(Math.min(...gaps.map((gap) => gap.late))).toBeGreaterThanOrEqual(-5);
    const ratios = gaps.map((gap) => gap.ratio).sort((a, b) => a - b);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeGreaterThan(0.9);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeLessThan(1.3);
  });

  it('gives customers different cycles, so short-cycle buyers order more often', () => {
    // Arrange
    const shop = generateShop(OPTIONS);
    const days = orderDays(shop.events);
    const ordersPerBuyer = (inCycle: (cycleDays: number) => boolean) => {
      const buyers = shop.customers.filter((customer) => customer.buyer && customer.existing && customer.lastActiveDay === undefined && inCycle(customer.cycleDays));
      return buyers.reduce((sum, customer) => sum + (days.get(customer.id)?.length ?? 0), 0) / buyers.length;
    };
    // Act
    const short = ordersPerBuyer((cycle) => cycle <= 20);
    const long = ordersPerBuyer((cycle) => cycle >= 50);
    // Assert
    expect(short).toBeGreaterThan(2 * long);
  });
});
