import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { eraseCustomer } from '../../lib/erasure/erase-customer.js';
import { ErasureRequestSchema } from '../../lib/erasure/erasure-request.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';

/** Erases customers from the erasures queue; a failure is retried, then kept in the DLQ. */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('erase');
  const processor = new BatchProcessor(EventType.SQS);

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const receipt = await eraseCustomer(ErasureRequestSchema.parse(JSON.parse(record.body)), { store: runtime.erasures, clock: runtime.clock });
    logger.info('customer erased', { receipt: { ...receipt } });
  };

  return middy<SQSEvent, unknown>()
    .use(injectLambdaContext(logger))
    .handler((event: SQSEvent, context: Context) => processPartialResponse(event, handleRecord, processor, { context }));
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));
