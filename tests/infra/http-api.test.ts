import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE } from '../../infra/constructs/retain-http-api.js';
import { FUNCTIONS, type FunctionDefinition } from '../../infra/resources.js';
import { arnOf, logicalIdOf, synthRetain, SYNTH_TIMEOUT_MS, type Synthesized } from './support/synth-retain.js';

const routes = (Object.entries(FUNCTIONS) as Array<[string, FunctionDefinition]>).flatMap(([key, definition]) =>
  (definition.routes ?? []).map((routeKey) => [routeKey, key] as const),
);

describe('the HTTP API', () => {
  let real: Synthesized;

  // Arrange + Act once per file; each test asserts one behaviour.
  beforeAll(() => {
    real = synthRetain({ bundle: false });
  }, SYNTH_TIMEOUT_MS);

  const resources = () => real.template.toJSON()['Resources'] as Record<string, { Type: string; Properties: any }>;
  const routeNamed = (routeKey: string) => Object.values(resources()).find((resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.RouteKey === routeKey);
  /** The integration a route targets: `Target` is `integrations/<integration id>`. */
  const integrationOf = (routeKey: string) => {
    const target = routeNamed(routeKey)!.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
    return resources()[target['Fn::Join'][1][1].Ref]!;
  };

  it('has exactly the routes of resources.ts', () => {
    const routeKeys = Object.values(resources())
      .filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Route')
      .map((resource) => resource.Properties.RouteKey);

    expect(routeKeys.sort()).toEqual(routes.map(([routeKey]) => routeKey).sort());
  });

  it.each(routes)('routes %s to the %s function', (routeKey, key) => {
    const integration = integrationOf(routeKey);

    expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', IntegrationUri: arnOf(real.stack.functions[key]!.function) });
  });

  it.each(routes)('sends %s as payload format 2.0', (routeKey) => {
    expect(integrationOf(routeKey).Properties.PayloadFormatVersion).toBe('2.0');
  });

  it.each(routes)('lets API Gateway invoke the function behind %s', (routeKey, key) => {
    real.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: arnOf(real.stack.functions[key]!.function),
    });
  });

  it('lets the segments function answer (with a cursor) before API Gateway gives up at 30 s', () => {
    expect(FUNCTIONS.segments.timeoutSeconds).toBeLessThan(30);
  });

  it('uses no API Gateway authorizer: the functions authenticate', () => {
    real.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    for (const [routeKey] of routes) expect(routeNamed(routeKey)!.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
  });

  it('serves one auto-deployed $default stage', () => {
    real.template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    real.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: true });
  });

  it('throttles the stage by default', () => {
    real.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: DEFAULT_THROTTLE.rateLimit, ThrottlingBurstLimit: DEFAULT_THROTTLE.burstLimit },
    });
  });

  it('writes access logs with the request id to a log group that expires', () => {
    const accessLogs = real.stack.httpApi.accessLogs;

    real.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: arnOf(accessLogs), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
    expect(resources()[logicalIdOf(accessLogs)]!.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('keeps credentials out of the access logs', () => {
    const stage = Object.values(resources()).find((resource) => resource.Type === 'AWS::ApiGatewayV2::Stage')!;

    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/header|authorizer|querystring|path\b/i);
  });
});
