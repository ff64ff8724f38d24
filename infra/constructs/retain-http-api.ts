import { Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination, PayloadFormatVersion, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge.js';

export interface Throttle {
  /** Steady requests per second across the stage. */
  rateLimit: number;
  burstLimit: number;
}

/**
 * Room for a sale-day burst of shop webhooks and tracking calls, far below the account's
 * 10,000 rps, so one runaway client cannot take all Lambda concurrency or run up the bill.
 * A stack prop (`throttle`) for deployments that need more.
 */
export const DEFAULT_THROTTLE: Throttle = { rateLimit: 500, burstLimit: 1000 };

/**
 * HTTP API access-log fields (the HTTP API's own $context variables; the REST API's
 * standard JSON format names some that HTTP APIs do not have). No headers, no query
 * strings: they can carry API keys and customer ids.
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationStatus: '$context.integrationStatus',
    integrationError: '$context.integrationErrorMessage',
    error: '$context.error.message',
  }),
);

export interface RetainHttpApiProps {
  logRetention: logs.RetentionDays;
  throttle: Throttle;
}

/**
 * The public HTTP API: one `$default` stage with access logs and throttling, and one
 * route per route key in `resources.ts`, each a payload 2.0 Lambda proxy.
 */
export class RetainHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: logs.LogGroup;
  private readonly integrations = new Map<lambda.IFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: RetainHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Retain: events in (POST /v1/events), profiles and stats out',
      // The default stage the construct would create cannot take access-log settings.
      createDefaultStage: false,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: ACCESS_LOG_FORMAT },
    });
  }

  /** Routes a route key such as `GET /v1/customers/{customerId}` to the function. */
  addRoute(routeKey: string, fn: lambda.IFunction, integrationId: string): void {
    const [method, path] = routeKey.split(' ') as [keyof typeof HttpMethod, string];
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new HttpLambdaIntegration(integrationId, fn, { payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 });
      this.integrations.set(fn, integration);
    }
    for (const route of this.api.addRoutes({ path, methods: [HttpMethod[method]], integration })) {
      acknowledge(
        route,
        'AwsSolutions-APIG4',
        'No API Gateway authorizer on purpose: the functions authenticate every request themselves — a Bearer API key per workspace, compared in constant time against the workspace secret, or a shop platform webhook signature over the raw body, which an authorizer never sees — and GET /health is public.',
      );
    }
  }

  get url(): string {
    return this.stage.url;
  }
}
