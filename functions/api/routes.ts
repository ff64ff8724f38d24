import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ApiError } from '../../lib/http/api-error.js';
import { json } from '../../lib/http/responses.js';
import { getCustomerProfile } from '../../lib/profiles/get-customer-profile.js';
import { dailyEventStats, StatsQuerySchema } from '../../lib/stats/daily-event-stats.js';
import { customerSends } from '../../lib/sends/customer-sends.js';
import { ruleSendStats } from '../../lib/sends/rule-send-stats.js';
import { SetAsideListQuerySchema } from '../../lib/poison/set-aside-requests.js';
import { fieldIssues, parseOrThrow, ValidationError } from '../../lib/validation/field-issues.js';
import { requireApiKey, type RouteHandler } from '../shared/http-routes.js';
import type { Runtime } from '../shared/runtime.js';

/** The read API's routes by API Gateway route key (`FUNCTIONS.api.routes` lists the same keys). */
export const apiRoutes = (runtime: Runtime): Record<string, RouteHandler> => {
  const authenticated = requireApiKey(runtime.secrets);

  return {
    'GET /health': async () => {
      // One cheap read proves the function reaches its table; a load balancer or monitor wants a 503, not a 500, when it does not.
      const table = await runtime.dynamo.send(new GetCommand({ TableName: runtime.config.tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' } })).then(
        () => ({ ok: true, detail: 'answers' }),
        (error: unknown) => ({ ok: false, detail: `does not answer (${error instanceof Error ? error.name : 'error'})` }),
      );
      return json(table.ok ? 200 : 503, { status: table.ok ? 'ok' : 'unavailable', checks: { table } });
    },

    'GET /v1/customers/{customerId}': authenticated(async (event, context) => {
      const customerId = event.pathParameters?.['customerId'] ?? '';
      const profile = await getCustomerProfile(context.workspace, customerId, runtime.profiles);
      if (!profile) throw new ApiError(404, 'not_found', `No customer "${customerId}" in workspace "${context.workspace}".`);
      return json(200, profile);
    }),

    'GET /v1/stats/events': authenticated(async (event, context) => {
      const query = StatsQuerySchema.safeParse(event.queryStringParameters ?? {});
      if (!query.success) throw new ValidationError(fieldIssues(query.error));
      const stats = await dailyEventStats(context.workspace, query.data, { stats: runtime.eventStats, settings: runtime.settings, now: runtime.clock.now() });
      return json(200, stats);
    }),

    'GET /v1/erasures': authenticated(async (_event, context) => json(200, { receipts: await runtime.erasures.receipts(context.workspace, 100) })),

    'GET /v1/settings': authenticated(async (_event, context) => json(200, await runtime.settings.get(context.workspace))),

    'GET /v1/rules/{ruleId}/stats': authenticated(async (event, context) =>
      json(200, await ruleSendStats(context.workspace, event.pathParameters?.['ruleId'] ?? '', { stats: runtime.sendStats })),
    ),

    'GET /v1/customers/{customerId}/sends': authenticated(async (event, context) =>
      json(200, { sends: await customerSends(context.workspace, event.pathParameters?.['customerId'] ?? '', { sends: runtime.sends }) }),
    ),

    // Records a consumer could not handle, newest first, with their reasons (replay: POST /v1/set-aside/replay).
    'GET /v1/set-aside': authenticated(async (event, context) =>
      json(200, await runtime.setAside.list(context.workspace, parseOrThrow(SetAsideListQuerySchema, event.queryStringParameters ?? {}))),
    ),
  };
};
