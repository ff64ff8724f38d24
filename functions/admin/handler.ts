import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler, { type Method, type Route } from '@middy/http-router';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { bodyLimit } from '../../lib/http/body-limit.js';
import { problemResponses } from '../../lib/http/problem-responses.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';
import { adminRoutes } from './routes.js';

/** The write API: workspace settings and redrive — apart from the read API, which may write nothing. */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('admin');
  const routes = Object.entries(adminRoutes(runtime)).map(([routeKey, handler]): Route<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => {
    const [method, path] = routeKey.split(' ') as [Method, string];
    return { method, path, handler: handler as Route<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>['handler'] };
  });
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(problemResponses(logger))
    .use(bodyLimit({ maxBytes: 64 * 1024 }))
    .handler(httpRouterHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(routes));
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));
