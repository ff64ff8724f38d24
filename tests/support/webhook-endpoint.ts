import { createServer, type IncomingHttpHeaders } from 'node:http';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../lib/delivery/webhook-signature.js';
import type { Clock } from '../../lib/time/clock.js';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
}

interface WebhookEndpointOptions {
  /** The workspace's `deliveryWebhookSecret`: requests whose signature does not verify are answered 401. */
  secret: string;
  /** The app's clock, which signs the requests: the signature must be recent by it. */
  clock: Clock;
  /** Statuses for the first requests, one each… */
  script?: number[];
  /** …then this one for every later request. */
  fallback?: number;
}

/**
 * A shop's delivery bridge for tests: checks each POST's HMAC signature as a real bridge
 * must (401 if it does not verify), answers the verified ones with the next status of
 * `script` (then `fallback`), and keeps every verified request.
 */
export const startWebhookEndpoint = async ({ secret, clock, script = [], fallback = 200 }: WebhookEndpointOptions) => {
  const received: ReceivedWebhook[] = [];
  const statuses = [...script];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhookSignature(request.headers[SIGNATURE_HEADER] as string | undefined, body, secret, clock.now());
      if (verified) received.push({ headers: request.headers, body, json: JSON.parse(body) });
      response.writeHead(verified ? (statuses.shift() ?? endpoint.fallback) : 401, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const endpoint = {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/retain`,
    /** Verified requests, in order. */
    received,
    /** What every later request is answered with. */
    fallback,
    /** The verified requests about one customer. */
    to: (customerId: string) => received.filter((hook) => hook.json.customerId === customerId),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return endpoint;
};

export type WebhookEndpoint = Awaited<ReturnType<typeof startWebhookEndpoint>>;
