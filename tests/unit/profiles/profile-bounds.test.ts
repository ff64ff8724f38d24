import { describe, expect, it } from 'vitest';
import type { CanonicalEvent, LineItem } from '../../../lib/events/canonical-event.js';
import { applyEvent, emptyProfileState, type ProfileState } from '../../../lib/profiles/profile-state.js';
import { toProfileView } from '../../../lib/profiles/profile-view.js';
import { MAX_TRAITS, PROFILE_BOUNDS } from '../../../lib/validation/bounds.js';
import { canonical } from '../../support/canonical-events.js';

const BASE = Date.parse('2026-01-01T00:00:00Z');
const at = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();
const stateOf = (events: CanonicalEvent[]): ProfileState => events.reduce(applyEvent, emptyProfileState());
const viewOf = (state: ProfileState) => toProfileView({ workspace: 'ws-test', customerId: 'c-1', anonymous: false }, state);
const line = (productId: string): LineItem => ({ productId, name: productId, price: 1000, quantity: 1 });
const order = (index: number, orderId = `o-${index}`) =>
  canonical(at(index * 60 * 24), { type: 'order_placed', order: { orderId, value: 1000 * (index + 1), currency: 'KRW', items: [{ ...line('p'), category: `c-${index}` }] } });

describe('what a profile keeps of its orders', () => {
  it(`keeps the latest ${PROFILE_BOUNDS.orders} orders one by one and the older ones as totals`, () => {
    // Arrange
    const orders = Array.from({ length: 45 }, (_, index) => order(index));
    // Act
    const state = stateOf(orders);
    const view = viewOf(state);
    // Assert
    expect(Object.keys(state.orders)).toHaveLength(PROFILE_BOUNDS.orders);
    expect(view).toMatchObject({ orderCount: 45, totalSpent: (1000 * 45 * 46) / 2, firstOrderAt: at(0), lastOrderAt: at(44 * 60 * 24), avgOrderIntervalDays: 1, lastOrderCategories: ['c-44'] });
  });

  it('counts a folded order once when it is reported again (orders/paid after orders/create)', () => {
    // Arrange
    const orders = Array.from({ length: 30 }, (_, index) => order(index));
    const repeat = order(0);
    // Act
    const view = viewOf(stateOf([...orders, repeat]));
    // Assert
    expect(view.orderCount).toBe(30);
  });

  it('still takes a kept order out of the totals when it is cancelled', () => {
    // Arrange
    const orders = Array.from({ length: 30 }, (_, index) => order(index));
    const cancelled = canonical(at(31 * 60 * 24), { type: 'order_cancelled', order: { orderId: 'o-29' } });
    // Act
    const view = viewOf(stateOf([...orders, cancelled]));
    // Assert
    expect(view.orderCount).toBe(29);
    expect(view.lastOrderCategories).toEqual(['c-28']);
  });

  it(`keeps at most ${PROFILE_BOUNDS.orderCategories} categories of an order`, () => {
    // Arrange
    const items = Array.from({ length: 30 }, (_, index) => ({ ...line(`p-${index}`), category: `c-${String(index).padStart(2, '0')}` }));
    // Act
    const view = viewOf(stateOf([canonical(at(0), { type: 'order_placed', order: { orderId: 'o-big', value: 1, items } })]));
    // Assert
    expect(view.lastOrderCategories).toHaveLength(PROFILE_BOUNDS.orderCategories);
  });
});

describe('what a profile keeps of its visits', () => {
  it(`keeps the latest ${PROFILE_BOUNDS.visits} visits with their times and counts the others`, () => {
    // Arrange
    const pages = Array.from({ length: 500 }, (_, index) => canonical(at(index * 31), { type: 'page_viewed' }));
    // Act
    const state = stateOf(pages);
    const view = viewOf(state);
    // Assert
    expect(view.visitCount).toBe(500);
    expect(view.recentVisits).toHaveLength(PROFILE_BOUNDS.visits);
    expect(view.recentVisits.at(-1)).toBe(at(499 * 31));
    expect(state.visits.spans).toHaveLength(2 * PROFILE_BOUNDS.visits);
  });
});

describe('what a profile keeps of its cart', () => {
  it(`keeps ${PROFILE_BOUNDS.cartLines} lines and ${PROFILE_BOUNDS.cartChanges} changes however many products are added`, () => {
    // Arrange
    const adds = Array.from({ length: 300 }, (_, index) => canonical(at(index), { type: 'cart_updated', cart: { mode: 'add', items: [line(`p-${index}`)] } }));
    // Act
    const state = stateOf(adds);
    const view = viewOf(state);
    // Assert
    expect(Object.keys(state.cart.changes)).toHaveLength(PROFILE_BOUNDS.cartChanges);
    expect(state.cart.snapshot?.items.length).toBeLessThanOrEqual(PROFILE_BOUNDS.cartLines);
    expect(view.cart?.items).toHaveLength(PROFILE_BOUNDS.cartLines);
    expect(view.cart?.items[0]?.productId).toBe('p-0');
    expect(view.cart?.value).toBe(1000 * PROFILE_BOUNDS.cartLines);
  });

  it('gives the same cart when changes are folded into the snapshot as when they are not', () => {
    // Arrange
    const adds = Array.from({ length: 30 }, (_, index) => canonical(at(index), { type: 'cart_updated', cart: { mode: 'add', items: [line(`p-${index % 5}`)] } }));
    const removes = Array.from({ length: 3 }, (_, index) => canonical(at(100 + index), { type: 'cart_updated', cart: { mode: 'remove', items: [line(`p-${index}`)] } }));
    // Act
    const view = viewOf(stateOf([...adds, ...removes]));
    // Assert
    expect(view.cart?.items.map((item) => [item.productId, item.quantity])).toEqual([
      ['p-0', 5],
      ['p-1', 5],
      ['p-2', 5],
      ['p-3', 6],
      ['p-4', 6],
    ]);
  });
});

describe('what a profile keeps of its traits', () => {
  it(`keeps the ${MAX_TRAITS} most recently set traits when more arrive`, () => {
    // Arrange
    const updates = Array.from({ length: 3 }, (_, round) =>
      canonical(at(round), { type: 'profile_updated', traits: Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`t-${round}-${index}`, round])), consent: [] }),
    );
    // Act
    const view = viewOf(stateOf(updates));
    // Assert
    expect(Object.keys(view.traits)).toHaveLength(MAX_TRAITS);
    expect(Object.keys(view.traits).filter((name) => name.startsWith('t-2-'))).toHaveLength(30);
    expect(Object.keys(view.traits).filter((name) => name.startsWith('t-0-'))).toHaveLength(0);
  });
});
