import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { ApiError } from '../../lib/http/api-error.js';
import type { WorkspaceContext } from '../../lib/http/bearer-auth.js';
import { jsonBody } from '../../lib/http/json-body.js';
import { json } from '../../lib/http/responses.js';
import { countSegment } from '../../lib/segments/count-segment.js';
import { explainMembership } from '../../lib/segments/explain-membership.js';
import { EXPORT_CURSOR_HEADER, exportSegment } from '../../lib/segments/export-segment.js';
import { LIST_LIMIT_MAX, listSegment } from '../../lib/segments/list-segment.js';
import { InvalidSegmentError, loadSegment, SegmentNotFoundError, type Segment } from '../../lib/segments/load-segment.js';
import { SegmentChangedError } from '../../lib/segments/segment-cursor.js';
import { SegmentTaggingSchema, tagSegment } from '../../lib/segments/tag-segment.js';
import type { WalkDeps } from '../../lib/segments/walk-segment.js';
import { parseOrThrow } from '../../lib/validation/field-issues.js';
import { requireApiKey, type RouteHandler } from '../shared/http-routes.js';
import type { Runtime } from '../shared/runtime.js';

/** Stop reading with this much of the invocation left: the batches in flight and the answer fit in it. */
const RESERVE_MS = 6_000;

const CursorQuerySchema = z.object({ cursor: z.string().min(1, 'must not be empty: leave it out to start from the beginning').optional() });
const ListQuerySchema = CursorQuerySchema.extend({
  limit: z.coerce
    .number({ error: `must be a whole number from 1 to ${LIST_LIMIT_MAX}` })
    .int(`must be a whole number from 1 to ${LIST_LIMIT_MAX}`)
    .min(1, `must be a whole number from 1 to ${LIST_LIMIT_MAX}`)
    .max(LIST_LIMIT_MAX, `must be at most ${LIST_LIMIT_MAX}: follow the cursor for more`)
    .default(100),
});

/** Segment errors as answers: an unknown segment is a 404; a stale cursor, or a segment that no longer compiles, a 409. */
const answeringSegmentErrors =
  (handler: RouteHandler): RouteHandler =>
  async (event, context) => {
    try {
      return await handler(event, context);
    } catch (error) {
      if (error instanceof SegmentNotFoundError) throw new ApiError(404, 'segment_not_found', error.message, undefined, { cause: error });
      if (error instanceof SegmentChangedError) throw new ApiError(409, 'segment_changed', error.message, undefined, { cause: error });
      if (error instanceof InvalidSegmentError) throw new ApiError(409, 'segment_invalid', error.message, undefined, { cause: error });
      throw error;
    }
  };

/** The segment operations' routes by API Gateway route key (`FUNCTIONS.segments.routes` lists the same keys). */
export const segmentRoutes = (runtime: Runtime): Record<string, RouteHandler> => {
  const logger = runtime.logger('segments');
  const route = (handler: (event: APIGatewayProxyEventV2, context: WorkspaceContext, segment: Segment) => Promise<APIGatewayProxyStructuredResultV2>): RouteHandler =>
    requireApiKey(runtime.secrets)(
      answeringSegmentErrors(async (event, context) => {
        const segmentId = event.pathParameters?.['segmentId'] ?? '';
        const segment = await loadSegment(context.workspace, segmentId, {
          rules: runtime.rules,
          settings: runtime.settings,
          now: runtime.clock.now(),
          onUnevaluable: (customerId, error) => logger.warn('segment condition cannot be evaluated on a customer: left out', { workspace: context.workspace, segmentId, customerId, error }),
        });
        return handler(event, context, segment);
      }),
    );
  const walk = (context: WorkspaceContext): WalkDeps => {
    const scanLimit = runtime.config.segmentScanLimit ?? Number.POSITIVE_INFINITY;
    return { customers: runtime.customers, profiles: runtime.profileReader, budget: (scanned) => scanned < scanLimit && context.getRemainingTimeInMillis() > RESERVE_MS };
  };

  return {
    'GET /v1/segments/{segmentId}/count': route(async (event, context, segment) => {
      const query = parseOrThrow(CursorQuerySchema, event.queryStringParameters ?? {});
      return json(200, await countSegment(context.workspace, segment, query.cursor, walk(context)));
    }),

    'GET /v1/segments/{segmentId}/customers': route(async (event, context, segment) => {
      const query = parseOrThrow(ListQuerySchema, event.queryStringParameters ?? {});
      return json(200, await listSegment(context.workspace, segment, query, walk(context)));
    }),

    'GET /v1/segments/{segmentId}/customers/{customerId}': route(async (event, context, segment) => {
      const customerId = event.pathParameters?.['customerId'] ?? '';
      const explained = await explainMembership(context.workspace, segment, customerId, { profiles: runtime.profileReader });
      if (!explained) throw new ApiError(404, 'not_found', `No customer "${customerId}" in workspace "${context.workspace}".`);
      return json(200, explained);
    }),

    'GET /v1/segments/{segmentId}/export': route(async (event, context, segment) => {
      const query = parseOrThrow(CursorQuerySchema, { cursor: event.headers?.[EXPORT_CURSOR_HEADER], ...event.queryStringParameters });
      const page = await exportSegment(context.workspace, segment, query.cursor, walk(context));
      return {
        statusCode: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${segment.id}.csv"`,
          ...(page.cursor ? { [EXPORT_CURSOR_HEADER]: page.cursor } : {}),
        },
        body: page.csv,
      };
    }),

    'POST /v1/segments/{segmentId}/tag': route(async (event, context, segment) => {
      const tagging = parseOrThrow(SegmentTaggingSchema, jsonBody(event));
      return json(200, await tagSegment(context.workspace, segment, tagging, { ...walk(context), tags: runtime.tags }));
    }),
  };
};
