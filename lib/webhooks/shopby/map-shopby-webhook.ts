import { z } from 'zod';
import { CanonicalEventSchema } from '../../events/canonical-event.js';
import { eventIdFor } from '../../events/event-id.js';
import { fitTraits } from '../../events/event-values.js';
import { MAX_TEXT_BYTES } from '../../validation/bounds.js';
import { clippedText, externalId } from '../../validation/common-schemas.js';
import { parseOrThrow } from '../../validation/field-issues.js';
import { payloadKey } from '../payload-key.js';
import type { WebhookResult } from '../webhook-result.js';

/** shopby (NHN Commerce) member webhooks: `{ mallNo, memberNo, memberId, memberName, email, providerType, eventType }`. */
const ShopbyMemberSchema = z.looseObject({
  eventType: z.string({ error: 'required: the event type (eventType)' }),
  memberNo: externalId('the member number (memberNo)'),
  memberId: clippedText(MAX_TEXT_BYTES),
  memberName: clippedText(MAX_TEXT_BYTES),
  email: clippedText(MAX_TEXT_BYTES),
  providerType: clippedText(MAX_TEXT_BYTES),
});

/** MEMBER_WITHDRAW → erasure; MEMBER_INFO_CHANGED → profile_updated. The customer id is `memberNo`. */
export const mapShopbyWebhook = (body: unknown, workspace: string, receivedAt: string): WebhookResult => {
  const member = parseOrThrow(ShopbyMemberSchema, body);
  switch (member.eventType) {
    case 'MEMBER_WITHDRAW':
      return { events: [], erasures: [{ workspace, customerId: member.memberNo, requestedAt: receivedAt, source: 'shopby MEMBER_WITHDRAW' }] };
    case 'MEMBER_INFO_CHANGED': {
      const dedupeKey = `MEMBER_INFO_CHANGED:${payloadKey(body, receivedAt)}`;
      const traits = { memberId: member.memberId, name: member.memberName, email: member.email, providerType: member.providerType };
      return {
        events: [
          CanonicalEventSchema.parse({
            type: 'profile_updated',
            eventId: eventIdFor('shopby', dedupeKey),
            dedupeKey,
            workspace,
            source: 'shopby',
            customerId: member.memberNo,
            occurredAt: receivedAt,
            receivedAt,
            traits: fitTraits(Object.fromEntries(Object.entries(traits).filter(([, value]) => value !== undefined))),
          }),
        ],
        erasures: [],
      };
    }
    default:
      return { events: [], erasures: [], ignored: `eventType ${member.eventType} is not used by Retain` };
  }
};
