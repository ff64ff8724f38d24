import { describe, expect, it } from 'vitest';
import { WebhookChannel } from '../../../lib/delivery/webhook-channel.js';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../../lib/delivery/webhook-signature.js';
import { DeliveryError } from '../../../lib/sends/channel-adapter.js';
import type { SendMessage } from '../../../lib/sends/send-message.js';
import { ManualClock } from '../../../lib/time/clock.js';

const SECRET = 'a-delivery-secret-of-some-length';
const NOW = new Date('2026-03-02T01:00:00.000Z');
const message = { sendId: 's-1', dedupeKey: 'dk-1', content: { text: '(광고) …' } } as SendMessage;

/** A fetch that answers with `status` and keeps the request. */
const answering = (status: number | Error) => {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    if (status instanceof Error) throw status;
    return new Response('{}', { status });
  }) as unknown as typeof fetch;
  return { requests, channel: new WebhookChannel({ url: 'https://bridge.example.com/retain?token=t', secret: SECRET, clock: new ManualClock(NOW), fetch: fetcher }) };
};

describe('the webhook channel', () => {
  it('posts the message signed with HMAC-SHA256 over timestamp and body', async () => {
    // Arrange
    const { channel, requests } = answering(200);
    // Act
    await channel.deliver(message);
    // Assert
    const headers = requests[0]!.init.headers as Record<string, string>;
    expect(verifyWebhookSignature(headers[SIGNATURE_HEADER], String(requests[0]!.init.body), SECRET, NOW)).toBe(true);
  });

  it('sends the dedupe key as the idempotency key', async () => {
    // Arrange
    const { channel, requests } = answering(202);
    // Act
    await channel.deliver(message);
    // Assert
    expect((requests[0]!.init.headers as Record<string, string>)['idempotency-key']).toBe('dk-1');
  });

  it.each([429, 500, 503])('calls %s worth a retry', async (status) => {
    // Arrange
    const { channel } = answering(status);
    // Act + Assert
    await expect(channel.deliver(message)).rejects.toMatchObject({ name: 'DeliveryError', retryable: true });
  });

  it.each([400, 401, 404, 410])('calls %s final', async (status) => {
    // Arrange
    const { channel } = answering(status);
    // Act + Assert
    await expect(channel.deliver(message)).rejects.toMatchObject({ retryable: false, message: `webhook bridge.example.com answered ${status}` });
  });

  it('retries a network error, naming the host but not the token in the URL', async () => {
    // Arrange
    const { channel } = answering(new TypeError('fetch failed'));
    // Act
    const failure = await channel.deliver(message).catch((error: unknown) => error);
    // Assert
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ retryable: true, message: 'webhook bridge.example.com: TypeError: fetch failed' });
  });
});

describe('webhook signatures', () => {
  it('refuse a body that was changed', async () => {
    // Arrange
    const { channel, requests } = answering(200);
    await channel.deliver(message);
    const headers = requests[0]!.init.headers as Record<string, string>;
    // Act + Assert
    expect(verifyWebhookSignature(headers[SIGNATURE_HEADER], `${String(requests[0]!.init.body)} `, SECRET, NOW)).toBe(false);
  });

  it('refuse a signature older than the tolerance', async () => {
    // Arrange
    const { channel, requests } = answering(200);
    await channel.deliver(message);
    const headers = requests[0]!.init.headers as Record<string, string>;
    // Act + Assert
    expect(verifyWebhookSignature(headers[SIGNATURE_HEADER], String(requests[0]!.init.body), SECRET, new Date(NOW.getTime() + 10 * 60_000))).toBe(false);
  });
});
