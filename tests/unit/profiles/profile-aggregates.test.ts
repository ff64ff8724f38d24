import { describe, expect, it } from 'vitest';
import { applyEvent, emptyProfileState } from '../../../lib/profiles/profile-state.js';
import { toProfileView } from '../../../lib/profiles/profile-view.js';
import type { CanonicalEvent } from '../../../lib/events/canonical-event.js';
import { canonical } from '../../support/canonical-events.js';

const view = (...events: CanonicalEvent[]) =>
  toProfileView({ workspace: 'ws-test', customerId: 'c-1', anonymous: false }, events.reduce(applyEvent, emptyProfileState()));

const page = (at: string) => canonical(at, { type: 'page_viewed' });
const toner = { productId: 'p1', name: '토너', category: 'cosmetics', price: 15000, quantity: 1 };
const order = (at: string, orderId: string, value: number) =>
  canonical(at, { type: 'order_placed', order: { orderId, value, currency: 'KRW', items: [toner] } });

describe('visits', () => {
  it('starts a new visit only after more than 30 minutes without activity', () => {
    // Arrange
    const events = [page('2026-03-01T10:00:00Z'), page('2026-03-01T10:30:00Z'), page('2026-03-01T11:00:01Z')];
    // Act
    const profile = view(...events);
    // Assert
    expect(profile.visitCount).toBe(2);
    expect(profile.firstVisitAt).toBe('2026-03-01T10:00:00.000Z');
    expect(profile.lastVisitAt).toBe('2026-03-01T11:00:01.000Z');
    expect(profile.lastSeenAt).toBe('2026-03-01T11:00:01.000Z');
  });

  it('joins two visits when a late event fills the gap between them', () => {
    // Arrange
    const events = [page('2026-03-01T10:00:00Z'), page('2026-03-01T10:50:00Z'), page('2026-03-01T10:25:00Z')];
    // Act
    const profile = view(...events);
    // Assert
    expect(profile.visitCount).toBe(1);
  });

  it('does not count a profile update as a visit', () => {
    // Arrange
    const update = canonical('2026-03-01T10:00:00Z', { type: 'profile_updated', traits: { name: '김민지' } });
    // Act
    const profile = view(update);
    // Assert
    expect(profile.visitCount).toBe(0);
    expect(profile.traits).toEqual({ name: '김민지' });
  });
});

describe('orders', () => {
  it('counts an order once when it is reported twice, with the latest amount', () => {
    // Arrange
    const created = order('2026-03-01T10:00:00Z', 'o-1', 30000);
    const paid = order('2026-03-01T10:05:00Z', 'o-1', 32000);
    // Act
    const profile = view(paid, created);
    // Assert
    expect(profile.orderCount).toBe(1);
    expect(profile.totalSpent).toBe(32000);
    expect(profile.firstOrderAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('takes a cancelled order out of the totals, whichever arrives first', () => {
    // Arrange
    const cancel = canonical('2026-03-02T09:00:00Z', { type: 'order_cancelled', order: { orderId: 'o-2' } });
    // Act
    const profile = view(cancel, order('2026-03-01T10:00:00Z', 'o-1', 30000), order('2026-03-01T12:00:00Z', 'o-2', 50000));
    // Assert
    expect(profile.orderCount).toBe(1);
    expect(profile.totalSpent).toBe(30000);
    expect(profile.lastOrderAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('averages the interval between orders over the whole span', () => {
    // Arrange
    const orders = [order('2026-01-01T00:00:00Z', 'a', 1), order('2026-01-31T00:00:00Z', 'b', 1), order('2026-03-02T00:00:00Z', 'c', 1)];
    // Act
    const profile = view(...orders);
    // Assert
    expect(profile.avgOrderIntervalDays).toBe(30);
    expect(profile.lastOrderCategories).toEqual(['cosmetics']);
  });

  it('has no average interval before the second order', () => {
    // Arrange + Act
    const profile = view(order('2026-01-01T00:00:00Z', 'a', 1));
    // Assert
    expect(profile.avgOrderIntervalDays).toBeNull();
  });
});

describe('cart', () => {
  it('applies added and removed lines over the latest full cart', () => {
    // Arrange
    const cream = { productId: 'p2', name: '크림', price: 32000, quantity: 2 };
    const events = [
      canonical('2026-03-01T10:00:00Z', { type: 'cart_updated', cart: { mode: 'snapshot', token: 't1', items: [toner] } }),
      canonical('2026-03-01T10:01:00Z', { type: 'cart_updated', cart: { mode: 'add', items: [cream] } }),
      canonical('2026-03-01T10:02:00Z', { type: 'cart_updated', cart: { mode: 'remove', items: [{ ...cream, quantity: 1 }] } }),
    ];
    // Act
    const profile = view(...events.reverse());
    // Assert
    expect(profile.cart?.items.map((item) => [item.productId, item.quantity])).toEqual([['p1', 1], ['p2', 1]]);
    expect(profile.cart?.value).toBe(47000);
    expect(profile.cart?.updatedAt).toBe('2026-03-01T10:02:00.000Z');
  });

  it('is emptied by a later order but not by an earlier one', () => {
    // Arrange
    const earlierOrder = order('2026-03-01T09:00:00Z', 'o-1', 15000);
    const cart = canonical('2026-03-01T10:00:00Z', { type: 'cart_updated', cart: { mode: 'add', items: [toner] } });
    const laterOrder = order('2026-03-01T11:00:00Z', 'o-2', 15000);
    // Act
    const open = view(cart, earlierOrder);
    const converted = view(cart, earlierOrder, laterOrder);
    // Assert
    expect(open.cart?.items).toHaveLength(1);
    expect(converted.cart?.items).toEqual([]);
  });

  it('names the cart the latest line came from, and after an order a new cart, never the converted one', () => {
    // Arrange: cart c1 bought, then lines into c2; a source that names no cart after another order
    const add = (at: string, token?: string) => canonical(at, { type: 'cart_updated', cart: { mode: 'add', ...(token ? { token } : {}), items: [toner] } });
    const c1 = add('2026-03-01T10:00:00Z', 'c1');
    const bought = canonical('2026-03-01T10:05:00Z', { type: 'order_placed', order: { orderId: 'o-1', value: 15000, currency: 'KRW', cartToken: 'c1', items: [toner] } });
    const c2 = [add('2026-03-02T10:00:00Z', 'c2'), add('2026-03-02T10:01:00Z')];
    const boughtAgain = canonical('2026-03-02T11:00:00Z', { type: 'order_placed', order: { orderId: 'o-2', value: 15000, currency: 'KRW', cartToken: 'c2', items: [toner] } });
    const unnamed = add('2026-03-03T10:00:00Z');
    // Act
    const leftC1 = view(c1);
    const leftC2 = view(...c2, bought, c1);
    const leftUnnamed = view(unnamed, boughtAgain, ...c2, bought, c1);
    // Assert
    expect(leftC1.cart?.token).toBe('c1');
    expect(leftC2.cart?.token).toBe('c2');
    expect(leftC2.cart?.items).toHaveLength(1);
    expect(leftUnnamed.cart?.token).toBeNull();
  });
});

describe('consent and traits', () => {
  it('keeps the most recent decision per channel and purpose', () => {
    // Arrange
    const grant = canonical('2026-03-01T10:00:00Z', { type: 'consent_changed', consent: [{ channel: 'sms', purpose: 'ad', state: 'granted' }] });
    const withdraw = canonical('2026-03-05T10:00:00Z', { type: 'consent_changed', consent: [{ channel: 'sms', purpose: 'ad', state: 'denied' }] });
    // Act
    const profile = view(withdraw, grant);
    // Assert
    expect(profile.consent).toEqual({ sms: { ad: { state: 'denied', at: '2026-03-05T10:00:00.000Z', source: 'test' } } });
  });

  it('unsets a trait sent as null later', () => {
    // Arrange
    const set = canonical('2026-03-01T10:00:00Z', { type: 'profile_updated', traits: { grade: 'gold', name: '이서준' } });
    const unset = canonical('2026-03-02T10:00:00Z', { type: 'profile_updated', traits: { grade: null } });
    // Act
    const profile = view(unset, set);
    // Assert
    expect(profile.traits).toEqual({ name: '이서준' });
  });
});
