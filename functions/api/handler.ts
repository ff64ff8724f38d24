import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler, { type Method, type Route } from '@middy/http-router';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResponses } from '../../lib/http/problem-responses.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';
import { apiRoutes } from './routes.js';

/** The read API: customers, event stats, health. */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('api');
  const routes = Object.entries(apiRoutes(runtime)).map(([routeKey, handler]): Route<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => {
    const [method, path] = routeKey.split(' ') as [Method, string];
    // Authenticated routes read the workspace the bearer-auth middleware put on the context.
    return { method, path, handler: handler as Route<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>['handler'] };
  });
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(problemResponses(logger))
    .handler(httpRouterHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(routes));
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));
