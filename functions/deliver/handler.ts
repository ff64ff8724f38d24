import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { QUEUES } from '../../infra/resources.js';
import { channelForWorkspace } from '../../lib/delivery/channel-for-workspace.js';
import { SqsDeliveryRetries } from '../../lib/queue/sqs-delivery-retries.js';
import { deliverSend, type DeliverDeps } from '../../lib/sends/deliver-send.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';

/**
 * The sends queue: each message delivered once through the workspace's channel adapter.
 * A failure is reported per message (with its own backoff); the last attempt, or a failure
 * no retry can fix, goes to the dead-letter queue with its reason.
 */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('deliver');
  const processor = new BatchProcessor(EventType.SQS);
  const deps: DeliverDeps = {
    store: runtime.sends,
    channelFor: channelForWorkspace({ settings: runtime.settings, secrets: runtime.secrets, clock: runtime.clock, log: logger, policy: runtime.deliveryPolicy }),
    retries: new SqsDeliveryRetries(runtime.sqs, runtime.config.queueUrls.sends),
    deadLetters: runtime.deadLetters('sends'),
    clock: runtime.clock,
    maxAttempts: QUEUES.sends.maxReceiveCount,
    onError: (what, error) => logger.error(`delivery bookkeeping failed: ${what}`, { error: error as Error }),
  };

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const result = await deliverSend({ body: record.body, attempt: Number(record.attributes.ApproximateReceiveCount), handle: record.receiptHandle }, deps);
    logger.info('send handled', { messageId: record.messageId, result });
  };

  return middy<SQSEvent, unknown>()
    .use(injectLambdaContext(logger))
    .handler((event: SQSEvent, context: Context) => processPartialResponse(event, handleRecord, processor, { context }));
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));
