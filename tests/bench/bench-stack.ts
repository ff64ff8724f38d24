import { randomUUID } from 'node:crypto';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { startLocalApp, type LocalApp } from '../../infra/local/local-app.js';
import { freePort } from '../../infra/local/ports.js';
import { startSqsLocal } from '../../infra/local/sqs-local.js';
import { systemClock, type Clock } from '../../lib/time/clock.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

export interface BenchStack {
  app: LocalApp;
  apiKey: string;
  workspace: string;
  dynamodbEndpoint: string;
  stop(): Promise<void>;
}

/** A private local stack for a benchmark run: in-memory DynamoDB Local, SQS server, Retain. */
export const startBenchStack = async (clock: Clock = systemClock): Promise<BenchStack> => {
  const dynamodb = await startDynamoDbLocal({ port: await freePort() });
  const sqs = await startSqsLocal({ port: 0 });
  const apiKey = `bench-${randomUUID()}`;
  const app = await startLocalApp({
    dynamodbEndpoint: dynamodb.endpoint,
    sqsEndpoint: sqs.endpoint,
    tableName: 'retain-bench',
    queuePrefix: 'retain-bench',
    port: 0,
    secrets: { workspaces: { bench: { apiKey, cafe24Header: 'x-retain-key' } } },
    clock,
    logLevel: 'SILENT',
    schedules: 'manual',
    log: () => undefined,
  });
  return {
    app,
    apiKey,
    workspace: 'bench',
    dynamodbEndpoint: dynamodb.endpoint,
    stop: async () => {
      await app.stop();
      await sqs.stop();
      await dynamodb.stop();
    },
  };
};

/** Runs `tasks` with at most `concurrency` in flight; returns the seconds taken. */
export const timed = async (tasks: Array<() => Promise<unknown>>, concurrency: number): Promise<number> => {
  const queue = [...tasks];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await task();
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
};
