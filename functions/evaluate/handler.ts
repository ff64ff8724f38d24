import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { countEvent } from '../../lib/stats/count-event.js';
import { attributeConversion } from '../../lib/sends/attribute-conversion.js';
import { committedEventOf } from '../../lib/triggers/committed-event.js';
import { evaluateTriggers } from '../../lib/triggers/evaluate-triggers.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';

/**
 * Every event committed to the table, from its stream (the CDK filter passes only
 * inserted event items). Records are handled in order; failed ones are reported so the
 * stream retries from the first of them, then hands the batch to the failure queue.
 */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('evaluate');
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const deps = { stats: runtime.eventStats, settings: runtime.settings };
  const conversionDeps = { sends: runtime.sends, stats: runtime.sendStats };
  const triggerDeps = runtime.triggerDeps();

  const handleRecord = async (record: DynamoDBRecord): Promise<void> => {
    const image = record.dynamodb?.NewImage;
    if (!image) return;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item['entity'] !== 'event') return;
    await countEvent({ workspace: item['workspace'], eventId: item['eventId'], type: item['type'], occurredAt: item['occurredAt'] }, deps);
    const committed = committedEventOf(item);
    if (!committed) return;
    await attributeConversion({ ...committed, profileId: String(item['customerId']) }, conversionDeps);
    await evaluateTriggers(committed, triggerDeps);
  };

  return middy<DynamoDBStreamEvent, unknown>()
    .use(injectLambdaContext(logger))
    .handler((event: DynamoDBStreamEvent, context: Context) =>
      processPartialResponse(event, handleRecord, processor, { context, processInParallel: false }),
    );
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));
