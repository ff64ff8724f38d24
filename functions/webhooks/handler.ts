import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApiError } from '../../lib/http/api-error.js';
import { bodyLimit } from '../../lib/http/body-limit.js';
import { pathParameterLimit } from '../../lib/http/path-parameter-limit.js';
import { problemResponses } from '../../lib/http/problem-responses.js';
import { json } from '../../lib/http/responses.js';
import { PLATFORMS, receiveWebhook, type Platform } from '../../lib/webhooks/receive-webhook.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';

/** `POST /webhooks/{platform}/{workspace}`: the raw body is kept for signature checks, so no JSON parser middleware. */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('webhooks');
  const deps = { ...runtime.ingestDeps(logger), secrets: runtime.secrets, unhandled: runtime.unhandledWebhooks };
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(problemResponses(logger))
    .use(bodyLimit({ maxBytes: 1024 * 1024 }))
    .use(pathParameterLimit())
    .handler(async (event) => {
      const platform = event.rawPath.split('/')[2] as Platform;
      if (!PLATFORMS.includes(platform)) throw new ApiError(404, 'not_found', `No webhooks for "${platform}".`);
      const report = await receiveWebhook(
        {
          platform,
          workspace: event.pathParameters?.['workspace'] ?? '',
          headers: event.headers ?? {},
          query: event.queryStringParameters ?? {},
          rawBody: event.body === undefined ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8'),
          receivedAt: runtime.clock.now().toISOString(),
        },
        deps,
      );
      logger.info('webhook received', { platform, ...report });
      return json(200, report);
    });
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));
