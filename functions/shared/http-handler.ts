import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler, { type Method, type Route } from '@middy/http-router';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { bodyLimit } from '../../lib/http/body-limit.js';
import { problemResponses } from '../../lib/http/problem-responses.js';
import type { Runtime } from './runtime.js';

type HttpRoute = Route<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * An HTTP API function: its routes (by API Gateway route key, as FUNCTIONS lists them) behind
 * the Lambda context logger, normalised headers, JSON problem answers and, for functions
 * that take bodies, a body size limit.
 */
export const httpHandler = (runtime: Runtime, service: string, routes: Record<string, unknown>, options: { maxBodyBytes?: number } = {}) => {
  const logger = runtime.logger(service);
  const table = Object.entries(routes).map(([routeKey, handler]): HttpRoute => {
    const [method, path] = routeKey.split(' ') as [Method, string];
    // Authenticated routes read the workspace the bearer-auth middleware put on the context.
    return { method, path, handler: handler as HttpRoute['handler'] };
  });
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(problemResponses(logger));
  if (options.maxBodyBytes !== undefined) handler.use(bodyLimit({ maxBytes: options.maxBodyBytes }));
  return handler.handler(httpRouterHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(table));
};
