import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApiError } from '../../lib/http/api-error.js';
import { jsonBody } from '../../lib/http/json-body.js';
import { json } from '../../lib/http/responses.js';
import type { PushOutcome } from '../../lib/rules/push-rule.js';
import { formatRuleIssue } from '../../lib/rules/rule-issue.js';
import type { StoredRule } from '../../lib/rules/rule-store.js';
import { segmentResolverOf } from '../../lib/rules/segment-resolver.js';
import { RuleTestRequestSchema, testRule } from '../../lib/rules/test-rule.js';
import { parseOrThrow } from '../../lib/validation/field-issues.js';
import { requireApiKey, type RouteHandler } from '../shared/http-routes.js';
import type { Runtime } from '../shared/runtime.js';

/** A push as HTTP: 201 a new version, 200 the same rule again, 400 invalid, 409 a version that is not above the active one. */
const pushResponse = (outcome: PushOutcome): APIGatewayProxyStructuredResultV2 => {
  const message = () => outcome.issues.filter((issue) => issue.severity === 'error').map(formatRuleIssue).join('\n');
  switch (outcome.status) {
    case 'created':
      return json(201, outcome);
    case 'unchanged':
      return json(200, outcome);
    case 'invalid':
      return json(400, { error: 'invalid_rule', message: message(), issues: outcome.issues });
    case 'conflict':
      return json(409, { error: 'version_conflict', message: message(), activeVersion: outcome.activeVersion, issues: outcome.issues });
  }
};

/** The rules function's routes by API Gateway route key (`FUNCTIONS.rules.routes` lists the same keys). */
export const rulesRoutes = (runtime: Runtime): Record<string, RouteHandler> => {
  const authenticated = requireApiKey(runtime.secrets);
  const store = runtime.ruleStore;
  const ruleIdOf = (event: APIGatewayProxyEventV2): string => event.pathParameters?.['ruleId'] ?? '';
  const activeRule = async (workspace: string, ruleId: string): Promise<StoredRule> => {
    const stored = await store.activeRule(workspace, ruleId);
    if (!stored) throw new ApiError(404, 'not_found', `No rule "${ruleId}" in workspace "${workspace}": push it first (PUT /v1/rules/${ruleId}).`);
    return stored;
  };

  return {
    'GET /v1/rules': authenticated(async (_event, context) => json(200, { rules: await store.activeRules(context.workspace) })),

    'GET /v1/rules/{ruleId}': authenticated(async (event, context) => json(200, await activeRule(context.workspace, ruleIdOf(event)))),

    'GET /v1/rules/{ruleId}/versions': authenticated(async (event, context) => {
      const { rule } = await activeRule(context.workspace, ruleIdOf(event));
      return json(200, { ruleId: rule.id, versions: await store.versions(context.workspace, rule.id) });
    }),

    'PUT /v1/rules/{ruleId}': authenticated(async (event, context) =>
      pushResponse(await runtime.pushRule({ workspace: context.workspace, ruleId: ruleIdOf(event), body: jsonBody(event), pushedAt: runtime.clock.now().toISOString() })),
    ),

    'POST /v1/rules/{ruleId}/test': authenticated(async (event, context) => {
      const request = parseOrThrow(RuleTestRequestSchema, jsonBody(event));
      const { rule } = await activeRule(context.workspace, ruleIdOf(event));
      const [rules, settings] = await Promise.all([store.activeRules(context.workspace), runtime.settings.get(context.workspace)]);
      const input = { ...request, now: request.now ?? runtime.clock.now().toISOString(), timeZone: settings.timeZone };
      return json(200, testRule(rule, input, segmentResolverOf(rules.map((stored) => stored.rule))));
    }),
  };
};
