import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shopifySignatureValid } from '../../../lib/webhooks/authenticate-webhook.js';
import { payloadKey } from '../../../lib/webhooks/payload-key.js';

describe('Shopify signatures', () => {
  const body = Buffer.from('{"id":820982911946154508,"name":"토너"}', 'utf8');
  const sign = (bytes: Buffer, secret: string) => createHmac('sha256', secret).update(bytes).digest('base64');

  it('accept the HMAC of the exact bytes', () => {
    // Arrange + Act + Assert
    expect(shopifySignatureValid(body, sign(body, 's3cret'), 's3cret')).toBe(true);
  });

  it('refuse another secret, another body, a truncated or missing signature', () => {
    // Arrange
    const reformatted = Buffer.from('{"id": 820982911946154508, "name": "토너"}', 'utf8');
    // Act + Assert
    expect(shopifySignatureValid(body, sign(body, 'other'), 's3cret')).toBe(false);
    expect(shopifySignatureValid(reformatted, sign(body, 's3cret'), 's3cret')).toBe(false);
    expect(shopifySignatureValid(body, sign(body, 's3cret').slice(0, 20), 's3cret')).toBe(false);
    expect(shopifySignatureValid(body, undefined, 's3cret')).toBe(false);
  });
});

describe('payload keys for platforms without delivery ids', () => {
  it('are equal for equal payloads whatever the key order', () => {
    // Arrange + Act + Assert
    expect(payloadKey({ a: 1, b: { c: [1, 2] } })).toBe(payloadKey({ b: { c: [1, 2] }, a: 1 }));
    expect(payloadKey({ a: 1 })).not.toBe(payloadKey({ a: 2 }));
  });

  it('tell apart the same timeless payload in different 15-minute windows', () => {
    // Arrange
    const login = { event_no: 90143, resource: { member_id: 'm' } };
    // Act + Assert
    expect(payloadKey(login, '2026-03-01T10:01:00Z')).toBe(payloadKey(login, '2026-03-01T10:14:00Z'));
    expect(payloadKey(login, '2026-03-01T10:01:00Z')).not.toBe(payloadKey(login, '2026-03-01T10:16:00Z'));
  });
});
