import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
}

/**
 * A shop's delivery bridge for tests: answers each POST with the next status of `script`
 * (then `fallback`), and keeps every request.
 */
export const startWebhookEndpoint = async (script: number[] = [], fallback = 200) => {
  const received: ReceivedWebhook[] = [];
  const statuses = [...script];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, body, json: JSON.parse(body) });
      response.writeHead(statuses.shift() ?? endpoint.fallback, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const endpoint = {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/retain`,
    received,
    /** What every later request is answered with. */
    fallback,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return endpoint;
};
