import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { FUNCTIONS, type FunctionKey } from '../resources.js';
import { invoke, LambdaTimeoutError, type LocalHandler } from './lambda-context.js';

/** API Gateway HTTP API's own payload limit; handlers enforce smaller ones themselves. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+json|[^;]*\+xml)/i;

interface Route {
  routeKey: string;
  method: string;
  pattern: RegExp;
  names: string[];
  functionKey: FunctionKey;
}

const routeTable = (): Route[] =>
  (Object.entries(FUNCTIONS) as Array<[FunctionKey, (typeof FUNCTIONS)[FunctionKey]]>).flatMap(([functionKey, definition]) =>
    ('routes' in definition ? definition.routes : []).map((routeKey) => {
      const [method, path] = routeKey.split(' ') as [string, string];
      const names: string[] = [];
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+?)(\\\+)?\}/g, (_, name: string, greedy?: string) => {
        names.push(name.replace(/\+$/, ''));
        return greedy ? '(.+)' : '([^/]+)';
      });
      return { routeKey, method, pattern: new RegExp(`^${source}$`), names, functionKey };
    }),
  );

export interface HttpApiOptions {
  port: number;
  handlers: Record<FunctionKey, LocalHandler>;
  /** Answers `GET /health` for the whole local stack. */
  health: () => Promise<{ statusCode: number; body: unknown }>;
}

export interface HttpApi {
  server: Server;
  url: string;
  /** From now on new requests get 503; resolves once every request in flight has been answered. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The HTTP API on one port: each request becomes an API Gateway v2 (payload 2.0) event
 * for the real handler of its route, and the handler's result becomes the response.
 */
export const startHttpApi = async (options: HttpApiOptions): Promise<HttpApi> => {
  const routes = routeTable();
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const server = createServer((request, response) => {
    // While stopping, health still answers (503, with what it found); every other request is refused.
    if (draining && !(request.method === 'GET' && request.url === '/health')) {
      response.setHeader('connection', 'close');
      response.setHeader('retry-after', '5');
      return writeJson(response, 503, { message: 'Service Unavailable: Retain is stopping; retry once it is back' });
    }
    inFlight += 1;
    void serve(request, response, routes, options)
      .catch((error: unknown) => {
        if (!response.headersSent) writeJson(response, 500, { message: 'Internal Server Error' });
        else response.end();
        console.error('[http] request failed:', error instanceof Error ? error.message : error);
      })
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    drain: async () => {
      draining = true;
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

const serve = async (request: IncomingMessage, response: ServerResponse, routes: Route[], options: HttpApiOptions): Promise<void> => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/health') {
    const health = await options.health();
    return writeJson(response, health.statusCode, health.body);
  }
  const body = await readBody(request);
  if (body === 'too-large') return writeJson(response, 413, { message: 'Request Entity Too Large' });
  const matched = routes.flatMap((route) => {
    const match = route.method === method ? route.pattern.exec(url.pathname) : null;
    return match ? [{ route, match }] : [];
  })[0];
  if (!matched) return writeJson(response, 404, { message: 'Not Found' });
  const { route, match } = matched;
  const pathParameters = decodedParameters(route.names, match);
  // API Gateway refuses a path whose %-escapes are not UTF-8 itself; the function never sees it.
  if (!pathParameters) return writeJson(response, 400, { message: 'Bad Request' });
  const event = toEvent(request, url, body, route.routeKey, pathParameters);
  let result: unknown;
  try {
    result = await invoke(route.functionKey, FUNCTIONS[route.functionKey], options.handlers[route.functionKey], event);
  } catch (error) {
    // What API Gateway answers when the function fails or times out.
    console.error(`[${route.functionKey}] invocation failed:`, error instanceof Error ? error.message : error);
    return writeJson(response, error instanceof LambdaTimeoutError ? 503 : 500, { message: error instanceof LambdaTimeoutError ? 'Service Unavailable' : 'Internal Server Error' });
  }
  writeResult(response, result);
};

const decodedParameters = (names: string[], match: RegExpExecArray): Record<string, string> | undefined => {
  try {
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
};

const readBody = (request: IncomingMessage): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > GATEWAY_MAX_BYTES ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });

const toEvent = (request: IncomingMessage, url: URL, body: Buffer, routeKey: string, pathParameters: Record<string, string>): APIGatewayProxyEventV2 => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = new Date();
  const cookies = request.headers.cookie?.split(/;\s*/).filter(Boolean);
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers['host'] ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
};

/** Payload 2.0 results: a structured result, or anything else as a 200 JSON body. */
const writeResult = (response: ServerResponse, result: unknown): void => {
  const structured = result && typeof result === 'object' && 'statusCode' in result ? (result as APIGatewayProxyStructuredResultV2) : undefined;
  if (!structured) return writeJson(response, 200, result);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body === undefined ? undefined : structured.isBase64Encoded ? Buffer.from(structured.body, 'base64') : structured.body;
  response.writeHead(structured.statusCode ?? 200, headers);
  response.end(body);
};

const writeJson = (response: ServerResponse, statusCode: number, body: unknown): void => {
  response.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
};
