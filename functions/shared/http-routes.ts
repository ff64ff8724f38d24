import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler, { type Method, type Route } from '@middy/http-router';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { bearerAuth, type WorkspaceContext } from '../../lib/http/bearer-auth.js';
import { bodyLimit } from '../../lib/http/body-limit.js';
import { pathParameterLimit } from '../../lib/http/path-parameter-limit.js';
import { problemResponses } from '../../lib/http/problem-responses.js';
import type { WorkspaceSecrets } from '../../lib/workspaces/workspace-secrets.js';
import type { Runtime } from './runtime.js';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export type RouteHandler = (event: Event, context: WorkspaceContext) => Promise<Result>;

/** A route behind the workspace API key: the key's workspace is on `context.workspace`. */
export const requireApiKey =
  (secrets: WorkspaceSecrets) =>
  (handler: RouteHandler): RouteHandler =>
    middy<Event, Result, Error, WorkspaceContext>().use(bearerAuth(secrets)).handler(handler);

/**
 * An HTTP function: its routes by API Gateway route key (its FUNCTIONS entry lists the same
 * keys) behind what every HTTP function has — the Lambda context in its logs, normalized
 * headers, errors as JSON problems, and limits on the body and the path parameters.
 */
export const routedHandler = (runtime: Runtime, serviceName: string, routes: Record<string, RouteHandler>, options: { maxBodyBytes?: number } = {}) => {
  const logger = runtime.logger(serviceName);
  const table = Object.entries(routes).map(([routeKey, handler]): Route<Event, Result> => {
    const [method, path] = routeKey.split(' ') as [Method, string];
    return { method, path, handler: handler as Route<Event, Result>['handler'] };
  });
  return middy<Event, Result>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(problemResponses(logger))
    .use(bodyLimit(options.maxBodyBytes === undefined ? {} : { maxBytes: options.maxBodyBytes }))
    .use(pathParameterLimit())
    .handler(httpRouterHandler<Event, Result>(table));
};
