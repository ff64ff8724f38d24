import { randomUUID } from 'node:crypto';
import pMap from 'p-map';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
  /** A document client of the stack's DynamoDB Local, for seeding and baselines. */
  documents: DynamoDBDocumentClient;
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
    logLevel: (process.env['LOG_LEVEL'] as 'ERROR' | undefined) ?? 'SILENT',
    schedules: 'manual',
    log: () => undefined,
  });
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  return {
    app,
    apiKey,
    workspace: 'bench',
    documents,
    stop: async () => {
      documents.destroy();
      await app.stop();
      await sqs.stop();
      await dynamodb.stop();
    },
  };
};

/** Runs `tasks` with at most `concurrency` in flight; returns the seconds taken. */
export const timed = (tasks: Array<() => Promise<unknown>>, concurrency: number): Promise<number> => seconds(() => pMap(tasks, (task) => task(), { concurrency }));

/** Runs a benchmark on its own stack, which it stops afterwards; a failure is printed and exits 1. */
export const runBench = (bench: (stack: BenchStack) => Promise<void>): void => {
  void (async () => {
    const stack = await startBenchStack();
    try {
      await bench(stack);
    } finally {
      await stack.stop();
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
};

/** The seconds `work` takes. */
export const seconds = async (work: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
};

/** The fastest of `rounds` runs of `work`, in seconds. */
export const fastest = async (rounds: number, work: () => Promise<unknown>): Promise<number> => {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round += 1) best = Math.min(best, await seconds(work));
  return best;
};
