import { describe, expect, it } from 'vitest';
import { mapSegmentMessage } from '../../../lib/events/segment/map-segment-message.js';
import { SegmentMessageSchema } from '../../../lib/events/segment/segment-message.js';
import { ValidationError } from '../../../lib/validation/field-issues.js';
import { fixture } from '../../support/fixtures.js';

const RECEIVED = '2026-03-02T00:00:00.000Z';
const map = (message: unknown) => mapSegmentMessage(SegmentMessageSchema.parse(message), 'demo', RECEIVED);
const eventOf = (message: unknown) => {
  const mapped = map(message);
  if (mapped.kind !== 'event') throw new Error(`expected an event, got ${mapped.reason}`);
  return mapped.event;
};

describe('mapSegmentMessage', () => {
  it('maps an identify to a profile update that links the anonymous id', () => {
    // Arrange
    const message = fixture('segment/identify.complete_example.json');
    // Act
    const event = eventOf(message);
    // Assert
    expect(event).toMatchObject({ type: 'profile_updated', customerId: '97980cfea0067', anonymousId: '507f191e810c19729de860ea', occurredAt: '2015-02-23T22:28:55.111Z' });
    expect(event.type === 'profile_updated' && event.traits).toMatchObject({ name: 'Peter Gibbons', email: 'peter@example.com', plan: 'premium' });
  });

  it('gives messages that share a messageId but differ in type different ids', () => {
    // Arrange
    const identify = fixture('segment/identify.complete_example.json');
    const page = fixture('segment/page.complete_example.json');
    // Act
    const [a, b] = [eventOf(identify), eventOf(page)];
    // Assert
    expect(identify['messageId']).toBe(page['messageId']);
    expect(a.eventId).not.toBe(b.eventId);
    expect(eventOf(structuredClone(identify)).eventId).toBe(a.eventId);
  });

  it('maps a page call with its address', () => {
    // Arrange + Act
    const event = eventOf(fixture('segment/page.complete_example.json'));
    // Assert
    expect(event).toMatchObject({ type: 'page_viewed', page: { url: 'http://www.example.com', path: '/', title: 'Welcome | Initech', name: 'Home' } });
  });

  it('keeps an unknown track as a custom event with its campaign', () => {
    // Arrange + Act
    const event = eventOf(fixture('segment/track.common_fields_example.json'));
    // Assert
    expect(event).toMatchObject({ type: 'custom', name: 'Report Submitted', page: { path: '/academy/' }, campaign: { source: 'Newsletter', medium: 'email' } });
  });

  it('reads Shopify marketing consent from RudderStack identify traits', () => {
    // Arrange
    const message = fixture('segment/rudderstack_identify_from_shopify_customers_create.json');
    // Act
    const event = eventOf(message);
    // Assert
    expect(event.customerId).toBe('5747017285820');
    expect(event.type === 'profile_updated' && event.consent).toEqual([
      { channel: 'sms', purpose: 'ad', state: 'denied' },
      { channel: 'email', purpose: 'ad', state: 'denied' },
    ]);
  });

  it('maps e-commerce spec names to canonical types', () => {
    // Arrange
    const track = (event: string, properties: Record<string, unknown>) => ({ type: 'track', messageId: `m-${event}`, userId: 'u1', timestamp: '2026-03-01T10:00:00+09:00', event, properties });
    const product = { product_id: 'p1', name: '토너', category: 'cosmetics', price: '15000', quantity: 2 };
    // Act
    const types = [
      eventOf(track('Order Completed', { order_id: 'o1', total: 30000, currency: 'krw', products: [product] })),
      eventOf(track('Order Cancelled', { order_id: 'o1' })),
      eventOf(track('Product Added', { ...product, cart_id: 'cart-1' })),
      eventOf(track('Cart Viewed', { products: [product] })),
      eventOf(track('Checkout Started', { checkout_id: 'ch-1', value: 30000, products: [product] })),
      eventOf(track('Signed Up', {})),
      eventOf(track('signed_in', {})),
    ];
    // Assert
    expect(types.map((event) => event.type)).toEqual(['order_placed', 'order_cancelled', 'cart_updated', 'cart_updated', 'checkout_started', 'signed_up', 'logged_in']);
    expect(types[0]).toMatchObject({ occurredAt: '2026-03-01T01:00:00.000Z', order: { orderId: 'o1', value: 30000, currency: 'KRW', items: [{ productId: 'p1', price: 15000, quantity: 2 }] } });
    expect(types[2]).toMatchObject({ cart: { mode: 'add', token: 'cart-1' } });
  });

  it('names the missing field of a known event', () => {
    // Arrange
    const message = { type: 'track', messageId: 'm1', userId: 'u1', event: 'Order Completed', properties: { total: 1000, products: [{ name: 'no id' }] } };
    // Act
    const failure = (() => {
      try {
        map(message);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    // Assert
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).issues).toEqual([
      { path: 'properties.order_id', message: "required: the order's id" },
      { path: 'properties.products[0].product_id', message: 'required: product_id (or sku) of the product' },
    ]);
  });

  it('reads utm parameters from the page address when there is no campaign', () => {
    // Arrange
    const message = { type: 'page', messageId: 'm2', anonymousId: 'a1', properties: { url: 'https://shop.example.kr/event/spring?utm_source=instagram&utm_campaign=spring' } };
    // Act
    const event = eventOf(message);
    // Assert
    expect(event).toMatchObject({ anonymousId: 'a1', page: { path: '/event/spring' }, campaign: { source: 'instagram', name: 'spring' } });
  });
});
