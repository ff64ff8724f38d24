import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { bearerAuth, type WorkspaceContext } from '../../lib/http/bearer-auth.js';
import { bodyLimit } from '../../lib/http/body-limit.js';
import { jsonDepthLimit } from '../../lib/http/json-depth.js';
import { problemResponses } from '../../lib/http/problem-responses.js';
import { json } from '../../lib/http/responses.js';
import { ingestSegmentPayload } from '../../lib/ingest/ingest-segment-payload.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';

/**
 * Stop starting writes with this much of the invocation left: the transactions in flight, the
 * retry messages for the rest and the answer fit in it, however loaded the table is.
 */
const RESERVE_MS = 5_000;

/** `POST /v1/events`: Segment-spec messages in, stored events and profiles out. */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('ingest');
  const deps = runtime.ingestDeps(logger);
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, WorkspaceContext>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(problemResponses(logger))
    .use(bearerAuth(runtime.secrets))
    .use(bodyLimit())
    .use(jsonDepthLimit())
    .use(httpJsonBodyParser())
    .handler(async (event, context) => {
      const { statusCode, report } = await ingestSegmentPayload(
        event.body,
        { workspace: context.workspace, receivedAt: runtime.clock.now().toISOString() },
        { ...deps, budget: () => context.getRemainingTimeInMillis() > RESERVE_MS },
      );
      return json(statusCode, report);
    });
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));
