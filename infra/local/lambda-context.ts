import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '../resources.js';

/** A Lambda context object for a local invocation, with the function's timeout. */
export const lambdaContext = (name: string, definition: FunctionDefinition): Context => {
  const deadline = Date.now() + definition.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: `retain-local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:retain-local-${name}`,
    memoryLimitInMB: String(definition.memorySize),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/retain-local-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

export type LocalHandler = (event: unknown, context: Context) => Promise<unknown>;

export class LambdaTimeoutError extends Error {
  override readonly name = 'LambdaTimeoutError';
}

/** Invokes a handler as Lambda would: with a context, and no longer than its timeout. */
export const invoke = async (name: string, definition: FunctionDefinition, handler: LocalHandler, event: unknown): Promise<unknown> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(`${name} timed out after ${definition.timeoutSeconds} s`)), definition.timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([handler(event, lambdaContext(name, definition)), timeout]);
  } finally {
    clearTimeout(timer);
  }
};
