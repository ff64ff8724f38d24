import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { evaluateEventItem, evaluationRecordOf, type EvaluateDeps, type EvaluationRecord } from '../../lib/evaluation/evaluate-event-item.js';
import { handleWithPoisonPolicy, type PoisonPolicyDeps } from '../../lib/poison/poison-policy.js';
import { isTransientAwsError } from '../../lib/store/transient-errors.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';

/**
 * Every committed event item from the table's stream (the CDK filter passes inserted event
 * items, and event items marked for a replay). Records are handled in order. A record that
 * fails in a way retrying may fix (throttling, a timeout) is reported, so the stream retries
 * from it; any other failure sets it aside at once (GET /v1/set-aside) and the next record goes on.
 */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('evaluate');
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const deps: EvaluateDeps = {
    ...runtime.triggerDeps(),
    stats: runtime.eventStats,
    sends: runtime.sends,
    sendStats: runtime.sendStats,
  };
  const poison: PoisonPolicyDeps<EvaluationRecord> = {
    isTransient: isTransientAwsError,
    setAside: (record, failures) => runtime.setAside.setAside(record, failures),
    onSetAside: ({ workspace, customerId, recordId, recordType, itemKey }, failures, error) =>
      logger.error('evaluation set aside', { workspace, customerId, eventId: recordId, type: recordType, sk: itemKey.sk, failures, ...(error ? { error: error as Error } : {}) }),
    onHandled: async (record) => {
      if (record.replay) await runtime.setAside.resolve(record);
    },
  };

  const handleRecord = async (record: DynamoDBRecord): Promise<void> => {
    const image = record.dynamodb?.NewImage;
    if (!image) return;
    const item = unmarshall(image as Record<string, AttributeValue>);
    await handleWithPoisonPolicy(evaluationRecordOf(item), (contain) => evaluateEventItem(item, contain, deps), poison);
  };

  return middy<DynamoDBStreamEvent, unknown>()
    .use(injectLambdaContext(logger))
    .handler((event: DynamoDBStreamEvent, context: Context) =>
      processPartialResponse(event, handleRecord, processor, { context, processInParallel: false }),
    );
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));
