import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ErasureRequestMessage } from '../../lib/erasure/erasure-request.js';
import { storeEvents } from '../../lib/ingest/ingest-all.js';
import { IngestRetryMessageSchema, retryEventsOf } from '../../lib/ingest/ingest-retry-message.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';

/**
 * Valid events not stored when they arrived (a write failed, or the request's time ran out).
 * A failure is reported per message: SQS redelivers it, and after the queue's
 * maxReceiveCount it rests in the dead-letter queue.
 */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('ingest-retry');
  const processor = new BatchProcessor(EventType.SQS);

  const deps = { store: runtime.profiles, erasure: { store: runtime.erasures, queue: runtime.queue<ErasureRequestMessage>('erasures') } };

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const events = retryEventsOf(IngestRetryMessageSchema.parse(JSON.parse(record.body)));
    const { outcomes, unstored } = await storeEvents(events, deps);
    // Any event not stored fails the message: SQS delivers it again (the stored ones are then duplicates).
    if (unstored.length > 0) throw unstored[0]!.error ?? new Error(`${unstored.length} of ${events.length} events were not stored`);
    logger.info('retried events', { eventIds: events.map((event) => event.eventId), outcomes, attempt: record.attributes.ApproximateReceiveCount });
  };

  return middy<SQSEvent, unknown>()
    .use(injectLambdaContext(logger))
    .handler((event: SQSEvent, context: Context) => processPartialResponse(event, handleRecord, processor, { context }));
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));
