import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResolveName } from '../../../lib/delivery/checked-lookup.js';
import { PUBLIC_HTTPS_ONLY } from '../../../lib/delivery/delivery-target.js';
import { deliveryTargets, WebhookChannel, type WebhookChannelOptions } from '../../../lib/delivery/webhook-channel.js';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../../lib/delivery/webhook-signature.js';
import { DeliveryError } from '../../../lib/sends/channel-adapter.js';
import type { SendMessage } from '../../../lib/sends/send-message.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { startWebhookEndpoint } from '../../support/webhook-endpoint.js';

const SECRET = 'a-delivery-secret-of-some-length';
const NOW = new Date('2026-03-02T01:00:00.000Z');
const message = { sendId: 's-1', dedupeKey: 'dk-1', content: { text: '(광고) …' } } as SendMessage;

const publicTargets = deliveryTargets(PUBLIC_HTTPS_ONLY);
afterAll(() => publicTargets.dispatcher.close());

/** A fetch that answers with `status` and keeps the request. */
const answering = (status: number | Error, url = 'https://bridge.example.com/retain?token=t') => {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    if (status instanceof Error) throw status;
    return new Response('{}', { status });
  }) as unknown as WebhookChannelOptions['fetch'];
  return { requests, channel: new WebhookChannel({ url, secret: SECRET, clock: new ManualClock(NOW), targets: publicTargets, fetch: fetcher }) };
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

describe('delivery targets', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'must be an https URL'],
    ['https://169.254.169.254/latest/meta-data/', 'must not point at 169.254.169.254, a link-local address'],
    ['https://[::ffff:169.254.169.254]/', 'must not point at 169.254.169.254, a link-local address'],
    ['https://10.0.0.8/retain', 'must not point at 10.0.0.8, a private address'],
    ['https://localhost:8443/retain', 'must not point at "localhost"'],
  ])('refuse a stored URL that is not a public https endpoint (%s) without a request, for good', async (url, problem) => {
    // Arrange: settings stored before the URL was checked
    const { channel, requests } = answering(200, url);
    // Act
    const failure = await channel.deliver(message).catch((error: unknown) => error);
    // Assert
    expect(failure).toMatchObject({ name: 'DeliveryError', retryable: false, message: expect.stringContaining(`delivery.url ${problem}`) });
    expect(requests).toEqual([]);
  });

  /** A TCP server on 127.0.0.1 that counts the connections made to it. */
  const listening = async () => {
    let connections = 0;
    const server = createTcpServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as AddressInfo).port, connections: () => connections, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  };
  const resolvingTo =
    (...addresses: string[]): ResolveName =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it.each([
    [['127.0.0.1'], '127.0.0.1, a loopback address'],
    [['10.1.2.3'], '10.1.2.3, a private address (10/8, 172.16/12, 192.168/16)'],
    [['93.184.215.14', '169.254.169.254'], '169.254.169.254, a link-local address (the cloud metadata service among them)'],
  ])('refuse a name that resolves to %j before connecting, for good', async (addresses, problem) => {
    // Arrange: a public-looking name whose DNS answer points inside
    const server = await listening();
    const targets = deliveryTargets(PUBLIC_HTTPS_ONLY, resolvingTo(...addresses));
    const channel = new WebhookChannel({ url: `https://bridge.retain.test:${server.port}/retain`, secret: SECRET, clock: new ManualClock(NOW), targets });
    // Act
    const failure = await channel.deliver(message).catch((error: unknown) => error);
    await targets.dispatcher.close();
    await server.close();
    // Assert
    expect(failure).toMatchObject({ name: 'DeliveryError', retryable: false, message: `webhook bridge.retain.test:${server.port}: delivery.url bridge.retain.test resolves to ${problem}, which Retain does not deliver to` });
    expect(server.connections()).toBe(0);
  });

  it('connect to the very address that was checked', async () => {
    // Arrange: a name only the checked lookup knows, on a policy that allows loopback (the local harness)
    const clock = new ManualClock(NOW);
    const endpoint = await startWebhookEndpoint({ secret: SECRET, clock });
    const targets = deliveryTargets({ allowLoopback: true }, resolvingTo('127.0.0.1'));
    const channel = new WebhookChannel({ url: endpoint.url.replace('127.0.0.1', 'bridge.retain.test'), secret: SECRET, clock, targets });
    // Act
    await channel.deliver(message);
    await targets.dispatcher.close();
    await endpoint.close();
    // Assert
    expect(endpoint.received.map((hook) => hook.json.sendId)).toEqual(['s-1']);
  });
});
