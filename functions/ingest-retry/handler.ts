import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { ingestEvent } from '../../lib/ingest/ingest-event.js';
import { IngestRetryMessageSchema } from '../../lib/ingest/ingest-retry-message.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';

/**
 * Valid events whose first write failed. A failure is reported per message: SQS redelivers
 * it, and after the queue's maxReceiveCount it rests in the dead-letter queue.
 */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('ingest-retry');
  const processor = new BatchProcessor(EventType.SQS);

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const { event } = IngestRetryMessageSchema.parse(JSON.parse(record.body));
    const outcome = await ingestEvent(event, runtime.profiles);
    logger.info('retried event', { eventId: event.eventId, outcome, attempt: record.attributes.ApproximateReceiveCount });
  };

  return middy<SQSEvent, unknown>()
    .use(injectLambdaContext(logger))
    .handler((event: SQSEvent, context: Context) => processPartialResponse(event, handleRecord, processor, { context }));
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));
