import { CanonicalEventSchema, type CanonicalEventInput, type ConsentChange } from '../../events/canonical-event.js';
import { eventIdFor } from '../../events/event-id.js';
import { ReceiptWindow } from '../../time/event-time-window.js';
import { fitTraits } from '../../events/event-values.js';
import { clipText, MAX_LINE_ITEMS, MAX_TEXT_BYTES } from '../../validation/bounds.js';
import { parseOrThrow, ValidationError } from '../../validation/field-issues.js';
import { payloadKey } from '../payload-key.js';
import type { WebhookResult } from '../webhook-result.js';
import { Cafe24CartSchema, Cafe24EnvelopeSchema, Cafe24MemberListSchema, Cafe24MemberSchema, Cafe24OrderSchema, type Cafe24Order } from './cafe24-payloads.js';

type Body = Omit<CanonicalEventInput, 'eventId' | 'dedupeKey' | 'workspace' | 'source'> & Record<string, unknown>;

const flagConsent = (channel: 'sms' | 'email', flag: 'T' | 'F' | null | undefined): ConsentChange[] =>
  flag ? [{ channel, purpose: 'ad', state: flag === 'T' ? 'granted' : 'denied' }] : [];

/**
 * Maps one Cafe24 webhook (by `event_no`) to what Retain does with it:
 * 90032 signup (SMS/e-mail ad consent from `sms`/`news_mail`), 90143 login (a visit; wakes a
 * dormant member), 90080 member info changed, 90145 dormant, 90147 withdrawal (erasure of each
 * listed member), 90023/90025 order received/paid (one order), 90026 cancellation, 90084 cart add.
 * Cafe24 sends no delivery id: the idempotency key is a digest of the payload. Its dates must
 * lie in the window of `receivedAt` (a 400 naming the field).
 */
export const mapCafe24Webhook = (body: unknown, workspace: string, receivedAt: string): WebhookResult => {
  const { event_no: eventNo, resource } = parseOrThrow(Cafe24EnvelopeSchema, body);
  const window = new ReceiptWindow(receivedAt);
  const events = (bodies: Array<{ body: Body; key: string }>): WebhookResult => ({
    events: bodies.map(({ body: event, key }) => {
      const dedupeKey = `${eventNo}:${key}`;
      return CanonicalEventSchema.parse({ ...event, eventId: eventIdFor('cafe24', dedupeKey), dedupeKey, workspace, source: 'cafe24', receivedAt });
    }),
    erasures: [],
  });
  const timeless = payloadKey(body, receivedAt);
  const timed = payloadKey(body);

  switch (eventNo) {
    case 90032: {
      const member = parseOrThrow(Cafe24MemberSchema, resource, 'resource');
      const traits = {
        name: member.name || undefined,
        nickName: member.nick_name || undefined,
        email: member.email || undefined,
        phone: member.cellphone || member.phone || undefined,
        birthday: member.birthday || undefined,
        gender: member.gender || undefined,
        group: member.group_no === null || member.group_no === undefined ? undefined : String(member.group_no),
        memberType: member.member_type || undefined,
        dormant: false,
      };
      return events([
        {
          key: timed,
          body: {
            type: 'signed_up',
            customerId: member.member_id,
            occurredAt: window.times({ created_date: member.created_date }, 'resource').created_date ?? receivedAt,
            traits: fitTraits(Object.fromEntries(Object.entries(traits).filter(([, value]) => value !== undefined))),
            consent: [...flagConsent('sms', member.sms), ...flagConsent('email', member.news_mail)],
          },
        },
      ]);
    }
    case 90143: {
      const member = parseOrThrow(Cafe24MemberSchema.pick({ member_id: true }), resource, 'resource');
      return events([{ key: timeless, body: { type: 'logged_in', customerId: member.member_id, occurredAt: receivedAt, traits: { dormant: false } } }]);
    }
    case 90080: {
      // Cafe24 names the changed fields (diff_key) but not their values; those need its Admin API.
      const member = parseOrThrow(Cafe24MemberSchema.pick({ member_id: true }), resource, 'resource');
      return events([{ key: timeless, body: { type: 'profile_updated', customerId: member.member_id, occurredAt: receivedAt, traits: {} } }]);
    }
    case 90145: {
      const { member_id: members } = parseOrThrow(Cafe24MemberListSchema, resource, 'resource');
      return events(members.map((customerId) => ({ key: `${timeless}:${customerId}`, body: { type: 'profile_updated', customerId, occurredAt: receivedAt, traits: { dormant: true } } })));
    }
    case 90147: {
      const { member_id: members } = parseOrThrow(Cafe24MemberListSchema, resource, 'resource');
      return { events: [], erasures: members.map((customerId) => ({ workspace, customerId, requestedAt: receivedAt, source: 'cafe24 90147 member withdrawal' })) };
    }
    case 90023:
    case 90025: {
      const order = parseOrThrow(Cafe24OrderSchema, resource, 'resource');
      if (eventNo === 90025 && order.paid !== 'T') return { events: [], erasures: [], ignored: 'payment not completed' };
      const placedAt = window.time('resource.order_date', order.order_date);
      return events([{ key: timed, body: { type: 'order_placed', customerId: memberOf(order), occurredAt: placedAt, order: orderOf(order, placedAt) } }]);
    }
    case 90026: {
      const order = parseOrThrow(Cafe24OrderSchema, resource, 'resource');
      const times = window.times({ order_date: order.order_date, cancel_date: order.cancel_date }, 'resource');
      return events([{ key: timed, body: { type: 'order_cancelled', customerId: memberOf(order), occurredAt: times.cancel_date ?? receivedAt, order: { orderId: order.order_id } } }]);
    }
    case 90084: {
      const cart = parseOrThrow(Cafe24CartSchema, resource, 'resource');
      return events([
        {
          key: timeless,
          body: {
            type: 'cart_updated',
            customerId: cart.member_id,
            occurredAt: receivedAt,
            // The webhook carries no price; the cart's value counts from the items Retain was told about.
            cart: { mode: 'add', items: [{ productId: cart.product_no, ...(cart.variant_code ? { variantId: cart.variant_code } : {}), price: 0, quantity: cart.quantity }] },
          },
        },
      ]);
    }
    default:
      return { events: [], erasures: [], ignored: `event_no ${eventNo} is not used by Retain` };
  }
};

/** Guest orders (비회원 주문) have no member: they cannot be kept on a profile. */
const memberOf = (order: Cafe24Order): string => {
  if (!order.member_id) throw new ValidationError([{ path: 'resource.member_id', message: 'required: a member id — guest orders cannot be attributed to a customer' }]);
  return order.member_id;
};

const orderOf = (order: Cafe24Order, placedAt: string): Record<string, unknown> => {
  // An order of more lines than an event holds keeps its first ones; its value is the order's own amount.
  const codes = (order.ordering_product_code ?? '').split(',').map((code) => code.trim()).filter(Boolean).slice(0, MAX_LINE_ITEMS);
  const names = (order.ordering_product_name ?? '').split(',').map((name) => clipText(name.trim(), MAX_TEXT_BYTES));
  return {
    orderId: order.order_id,
    placedAt,
    value: order.order_price_amount ?? order.actual_payment_amount ?? 0,
    ...(order.currency ? { currency: order.currency } : {}),
    items: codes.map((productId, index) => ({ productId, ...(names[index] ? { name: names[index] } : {}), price: 0, quantity: 1 })),
  };
};
