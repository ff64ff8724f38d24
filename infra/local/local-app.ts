import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Runtime } from '../../functions/shared/runtime.js';
import type { LogLevel } from '../../lib/log/create-logger.js';
import type { RuleActivity } from '../../lib/automations/rule-activity.js';
import type { RuleRepository } from '../../lib/rules/rule-repository.js';
import type { SendGate } from '../../lib/sends/send-gate.js';
import type { Timer, TimerHandler } from '../../lib/timers/timer-store.js';
import type { Clock } from '../../lib/time/clock.js';
import { StaticWorkspaceSecrets, type WorkspaceSecretsDocument } from '../../lib/workspaces/workspace-secrets.js';
import { FUNCTIONS, SCHEDULES, type FunctionKey, type QueueKey } from '../resources.js';
import { healthRequest } from './health-request.js';
import { startHttpApi } from './http-api.js';
import { invoke, type LocalHandler } from './lambda-context.js';
import { provisionQueues, provisionTable, type ProvisionedQueue } from './provision.js';
import { QueuePoller } from './queue-poller.js';
import { Readiness } from './readiness.js';
import { LocalScheduler } from './scheduler.js';
import { StreamPoller } from './stream-poller.js';

export interface LocalAppOptions {
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  tableName: string;
  queuePrefix: string;
  /** HTTP port; 0 picks a free one. */
  port: number;
  secrets: WorkspaceSecretsDocument;
  clock: Clock;
  region?: string;
  eventRetentionDays?: number;
  logLevel?: LogLevel;
  pollIntervalMs?: number;
  /** Delay before a failed batch or message is retried. */
  retryDelayMs?: number;
  checkpointFile?: string;
  /** `realtime` checks the schedules every second; `manual` waits for `runSchedules()`. */
  schedules?: 'realtime' | 'manual';
  log?: (line: string) => void;
  /** Rules in force; by default the table's pushed rules. */
  rules?: RuleRepository;
  /** With `schedules: 'manual'`: each `runSchedules()` invokes only the latest due run of each schedule (see LocalScheduler). */
  coalesceScheduleRuns?: boolean;
  /** The send gate, timer handlers and rule activity sink, instead of the runtime's defaults. */
  sendGate?: SendGate;
  timerHandlers?: Partial<Record<Timer['kind'], TimerHandler>>;
  ruleActivity?: RuleActivity;
  /** The settle window of triggers without a wait (see RuntimeConfig). */
  triggerSettleMs?: number;
  /** Profiles one segment request reads at most before it answers with a cursor (see RuntimeConfig). */
  segmentScanLimit?: number;
  /** Lets delivery webhooks go to loopback addresses (and over plain http): a bridge on this machine. Off by default, as on AWS. */
  allowLoopbackDelivery?: boolean;
  /** Hears every invocation, with its event, before the handler runs (tests count what a consumer was given). */
  onInvoke?: (functionName: FunctionKey, event: unknown) => void;
  /** What `GET /health` waits for besides the app's own checks (`npm start` adds its rules). */
  readiness?: Readiness;
}

export interface LocalApp {
  url: string;
  runtime: Runtime;
  queues: Record<QueueKey, ProvisionedQueue>;
  streamArn: string;
  handlers: Record<FunctionKey, LocalHandler>;
  /** The checks behind `GET /health`: the table (the api function's own `/health`), the queues and every consumer. */
  readiness: Readiness;
  /** Resolves once the stream and every queue have nothing left to deliver. */
  drain(): Promise<void>;
  /** Resolves once the stream consumers have read everything committed so far (queues are not waited for). */
  streamCaughtUp(): Promise<void>;
  /** Invokes every scheduled run due by the clock's now. */
  runSchedules(): Promise<void>;
  /**
   * Stops in the order that loses nothing: new requests get 503 while those in flight are
   * answered; then the schedules, stream and queue consumers finish what they hold (a stream
   * batch is checkpointed once handled, a message deleted or put back) and stop.
   */
  stop(): Promise<void>;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Retain on one machine: provisions the table and queues of `resources.ts` on the given
 * DynamoDB Local and SQS servers, then runs the real handler modules behind an HTTP API,
 * a stream poller, queue pollers and the schedules.
 */
export const startLocalApp = async (options: LocalAppOptions): Promise<LocalApp> => {
  const region = options.region ?? 'us-east-1';
  const log = options.log ?? ((line: string) => console.error(line));
  const dynamo = new DynamoDBClient({ endpoint: options.dynamodbEndpoint, region, credentials });
  const sqs = new SQSClient({ endpoint: options.sqsEndpoint, region, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: options.dynamodbEndpoint, region, credentials });

  const streamArn = await provisionTable(dynamo, options.tableName);
  const queues = await provisionQueues(sqs, options.queuePrefix);
  const runtime = new Runtime({
    tableName: options.tableName,
    queueUrls: Object.fromEntries(Object.entries(queues).map(([key, queue]) => [key, queue.url])) as Record<QueueKey, string>,
    deadLetterQueueUrls: Object.fromEntries(Object.entries(queues).map(([key, queue]) => [key, queue.dlqUrl])) as Record<QueueKey, string>,
    eventRetentionDays: options.eventRetentionDays ?? 400,
    secrets: new StaticWorkspaceSecrets(options.secrets),
    clock: options.clock,
    logLevel: options.logLevel ?? 'WARN',
    aws: { region, dynamodbEndpoint: options.dynamodbEndpoint, sqsEndpoint: options.sqsEndpoint },
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.sendGate ? { sendGate: options.sendGate } : {}),
    ...(options.timerHandlers ? { timerHandlers: options.timerHandlers } : {}),
    ...(options.ruleActivity ? { ruleActivity: options.ruleActivity } : {}),
    ...(options.triggerSettleMs !== undefined ? { triggerSettleMs: options.triggerSettleMs } : {}),
    ...(options.segmentScanLimit ? { segmentScanLimit: options.segmentScanLimit } : {}),
    deliveryPolicy: { allowLoopback: options.allowLoopbackDelivery ?? false },
  });
  const handlers = await loadHandlers(runtime);
  let invocations = 0;
  const counted = Object.fromEntries(
    Object.entries(handlers).map(([key, handler]) => [key, (async (event, context) => {
      invocations += 1;
      options.onInvoke?.(key as FunctionKey, event);
      return handler(event, context);
    }) as LocalHandler]),
  ) as Record<FunctionKey, LocalHandler>;

  const streamPollers: StreamPoller[] = [];
  const queuePollers: QueuePoller[] = [];
  for (const [key, definition] of Object.entries(FUNCTIONS) as Array<[FunctionKey, (typeof FUNCTIONS)[FunctionKey]]>) {
    if ('stream' in definition) {
      const failureQueue = queues[definition.stream.onFailure].url;
      streamPollers.push(
        new StreamPoller({
          client: streams,
          streamArn,
          region,
          functionName: key,
          definition,
          handler: counted[key],
          onFailure: async (message) => void (await sqs.send(new SendMessageCommand({ QueueUrl: failureQueue, MessageBody: JSON.stringify(message) }))),
          pollIntervalMs: options.pollIntervalMs ?? 200,
          retryDelayMs: options.retryDelayMs ?? 500,
          ...(options.checkpointFile ? { checkpointFile: options.checkpointFile } : {}),
          log: (line) => log(`[${key}] ${line}`),
        }),
      );
    }
    if ('queue' in definition) {
      const queue = queues[definition.queue.queue];
      queuePollers.push(
        new QueuePoller({
          client: sqs,
          queueUrl: queue.url,
          queueArn: queue.arn,
          region,
          functionName: key,
          definition,
          handler: counted[key],
          retryDelaySeconds: Math.max(1, Math.round((options.retryDelayMs ?? 500) / 1000)),
          log: (line) => log(`[${key}] ${line}`),
        }),
      );
    }
  }
  const scheduler = new LocalScheduler({
    schedules: SCHEDULES,
    handlers: counted,
    clock: options.clock,
    log: (line) => log(`[schedules] ${line}`),
    coalesce: options.coalesceScheduleRuns ?? false,
  });

  const readiness = (options.readiness ?? new Readiness())
    .add({ name: 'table', check: async () => tableHealth(await invoke('api', FUNCTIONS.api, counted.api, healthRequest())) })
    .add({
      name: 'queues',
      check: async () => {
        await Promise.all(Object.values(queues).flatMap(({ url, dlqUrl }) => [url, dlqUrl]).map((QueueUrl) => sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))));
        return { ok: true, detail: `${Object.keys(queues).length} queues and their dead-letter queues answer` };
      },
    })
    .add({ name: 'streamConsumers', check: () => running(streamPollers) })
    .add({ name: 'queueConsumers', check: () => running(queuePollers) });

  const http = await startHttpApi({ port: options.port, handlers: counted, health: () => readiness.report() });
  for (const poller of [...streamPollers, ...queuePollers]) poller.start();
  if ((options.schedules ?? 'realtime') === 'realtime') scheduler.start();

  return {
    url: http.url,
    runtime,
    queues,
    streamArn,
    handlers: counted,
    readiness,
    drain: async () => {
      // Consumers can feed each other (stream → queue → table → stream): stop when a whole round invoked nothing.
      for (let before = -1; before !== invocations; ) {
        before = invocations;
        for (const poller of streamPollers) await poller.caughtUp();
        for (const poller of queuePollers) await poller.drained();
      }
    },
    streamCaughtUp: async () => {
      for (const poller of streamPollers) await poller.caughtUp();
    },
    runSchedules: () => scheduler.runDue(),
    stop: async () => {
      readiness.markStopping();
      await http.drain();
      await scheduler.stop();
      await Promise.all([...streamPollers, ...queuePollers].map((poller) => poller.stop()));
      await http.close();
      dynamo.destroy();
      sqs.destroy();
      streams.destroy();
      runtime.dynamo.destroy();
      runtime.sqs.destroy();
    },
  };
};

/** Each function's real handler module, built with this app's runtime. */
const loadHandlers = async (runtime: Runtime): Promise<Record<FunctionKey, LocalHandler>> => {
  const entries = await Promise.all(
    (Object.entries(FUNCTIONS) as Array<[FunctionKey, (typeof FUNCTIONS)[FunctionKey]]>).map(async ([key, definition]) => {
      const module = (await import(new URL(`../../${definition.entry}`, import.meta.url).href)) as { createHandler: (runtime: Runtime) => LocalHandler };
      return [key, module.createHandler(runtime)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<FunctionKey, LocalHandler>;
};

const running = (pollers: Array<{ isRunning: boolean }>) => {
  const up = pollers.filter((poller) => poller.isRunning).length;
  return { ok: up === pollers.length, detail: `${up} of ${pollers.length} running` };
};

/** What the deployed api function's `GET /health` says about the table. */
const tableHealth = (result: unknown) => {
  const { statusCode, body } = (result ?? {}) as { statusCode?: number; body?: string };
  return { ok: statusCode === 200, detail: statusCode === 200 ? 'the api function reads it' : `the api function's /health answered ${statusCode}: ${body ?? ''}` };
};
