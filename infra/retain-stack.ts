import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { ENV, type FunctionDefinition } from './resources.js';
import { RETAIN_DEFINITIONS, checkDefinitions, type RetainDefinitions } from './retain-definitions.js';
import { acknowledge, defaultPolicyOf } from './constructs/acknowledge.js';
import { kebabCase, pascalCase } from './constructs/names.js';
import { RetainFunction } from './constructs/retain-function.js';
import { DEFAULT_THROTTLE, RetainHttpApi, type Throttle } from './constructs/retain-http-api.js';
import { RetainSchedules } from './constructs/retain-schedules.js';
import { createTable } from './constructs/retain-table.js';
import { grantTableAccess } from './constructs/table-access.js';
import { WorkQueue } from './constructs/work-queue.js';
import { WorkspaceSecrets } from './constructs/workspace-secrets.js';

/** The repository root: function entries in `resources.ts` are relative to it. */
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface RetainStackProps extends StackProps {
  /** What to deploy; defaults to `infra/resources.ts`. */
  definitions?: RetainDefinitions;
  /** Use this existing workspace secret instead of creating one. */
  secretName?: string;
  /** Retention of function and access logs. */
  logRetention?: logs.RetentionDays;
  throttle?: Throttle;
}

/**
 * Retain on AWS, generic over `resources.ts`: the table and its indexes, every queue
 * with its DLQ, every function with exactly the access its definition declares and its
 * triggers (routes, stream, queue, schedules), and the workspace secret.
 */
export class RetainStack extends Stack {
  readonly table: dynamodb.Table;
  readonly queues: Record<string, WorkQueue> = {};
  readonly functions: Record<string, RetainFunction> = {};
  readonly httpApi: RetainHttpApi;
  readonly workspaceSecrets: WorkspaceSecrets;
  readonly schedules?: RetainSchedules;
  private readonly hasIndexes: boolean;

  constructor(scope: Construct, id: string, props: RetainStackProps = {}) {
    super(scope, id, props);
    const definitions = props.definitions ?? RETAIN_DEFINITIONS;
    checkDefinitions(definitions);
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;

    this.table = createTable(this, definitions.table);
    this.hasIndexes = definitions.table.indexes.length > 0;
    this.workspaceSecrets = new WorkspaceSecrets(this, 'WorkspaceSecrets', { secretName: props.secretName });

    const consumers = Object.values(definitions.functions).filter((fn) => fn.queue);
    for (const [key, definition] of Object.entries(definitions.queues)) {
      const consumer = consumers.find((fn) => fn.queue?.queue === key);
      this.queues[key] = new WorkQueue(this, `${pascalCase(key)}Queue`, { definition, consumerTimeoutSeconds: consumer?.timeoutSeconds });
    }

    this.httpApi = new RetainHttpApi(this, 'HttpApi', { logRetention, throttle: props.throttle ?? DEFAULT_THROTTLE });

    for (const [key, definition] of Object.entries(definitions.functions)) {
      const retainFunction = new RetainFunction(this, `${pascalCase(key)}Function`, {
        definition,
        repoRoot: REPO_ROOT,
        environment: this.environmentFor(key, definition, definitions),
        logRetention,
      });
      this.functions[key] = retainFunction;
      this.wire(key, definition, retainFunction);
    }

    if (Object.keys(definitions.schedules).length > 0) {
      this.schedules = new RetainSchedules(this, 'Schedules', {
        schedules: definitions.schedules,
        functions: Object.fromEntries(Object.entries(this.functions).map(([key, fn]) => [key, fn.function])),
      });
    }

    new CfnOutput(this, 'HttpApiUrl', { value: this.httpApi.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'WorkspaceSecretsName', { value: this.workspaceSecrets.secret.secretName, description: 'Secret holding { "workspaces": { … } }' });
    new CfnOutput(this, 'WorkspaceSecretsArn', { value: this.workspaceSecrets.secret.secretArn });
  }

  /** The variables functions/shared/runtime-from-env.ts reads, and only the queue URLs this function uses. */
  private environmentFor(key: string, definition: FunctionDefinition, definitions: RetainDefinitions): Record<string, string> {
    const queueKeys = new Set<string>([...(definition.sendsTo ?? []), ...(definition.queue ? [definition.queue.queue] : []), ...(definition.redrives ?? [])]);
    const deadLetterKeys = new Set<string>([...(definition.deadLettersTo ?? []), ...(definition.redrives ?? [])]);
    return {
      [ENV.tableName]: this.table.tableName,
      // Every handler builds the same runtime, which requires it; only readsSecrets functions may read the secret.
      [ENV.secretsName]: this.workspaceSecrets.secretId,
      ...Object.fromEntries([...queueKeys].map((queueKey) => [definitions.queues[queueKey]!.urlEnv, this.queues[queueKey]!.queue.queueUrl])),
      ...Object.fromEntries([...deadLetterKeys].map((queueKey) => [definitions.queues[queueKey]!.deadLetterUrlEnv!, this.queues[queueKey]!.deadLetterQueue.queueUrl])),
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: kebabCase(key),
    };
  }

  /** Grants and triggers, each exactly as the definition declares. */
  private wire(key: string, definition: FunctionDefinition, retainFunction: RetainFunction): void {
    const fn = retainFunction.function;
    grantTableAccess(this.table, retainFunction.role, definition.table, this.hasIndexes);
    for (const queueKey of definition.sendsTo ?? []) this.queues[queueKey]!.queue.grantSendMessages(fn);
    for (const queueKey of definition.deadLettersTo ?? []) this.queues[queueKey]!.deadLetterQueue.grantSendMessages(fn);
    for (const queueKey of definition.redrives ?? []) {
      this.queues[queueKey]!.deadLetterQueue.grantConsumeMessages(fn);
      this.queues[queueKey]!.queue.grantSendMessages(fn);
    }
    if (definition.readsSecrets) this.workspaceSecrets.grantRead(retainFunction.role);

    for (const route of definition.routes ?? []) this.httpApi.addRoute(route, fn, `${pascalCase(key)}Integration`);

    if (definition.stream) {
      // Adds grantStreamRead for this function only, and sqs:SendMessage on the failure queue.
      fn.addEventSource(
        new DynamoEventSource(this.table, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: definition.stream.batchSize,
          maxBatchingWindow: Duration.seconds(definition.stream.maxBatchingWindowSeconds),
          retryAttempts: definition.stream.retryAttempts,
          reportBatchItemFailures: true,
          // Handlers report the first failed record; the stream retries from there, in order.
          bisectBatchOnError: false,
          onFailure: new SqsDlq(this.queues[definition.stream.onFailure]!.queue),
          filters: definition.stream.filters.map((pattern) => lambda.FilterCriteria.filter(pattern)),
        }),
      );
      acknowledge(
        defaultPolicyOf(retainFunction.role),
        'AwsSolutions-IAM5[Resource::*]',
        'The only statement on "*" is dynamodb:ListStreams, which IAM cannot scope to a resource; the event source mapping needs it to find the table\'s stream. Reading records (DescribeStream, GetRecords, GetShardIterator) is limited to this table\'s stream ARN.',
      );
    }

    if (definition.queue) {
      fn.addEventSource(
        new SqsEventSource(this.queues[definition.queue.queue]!.queue, {
          batchSize: definition.queue.batchSize,
          reportBatchItemFailures: true,
        }),
      );
    }
  }
}
