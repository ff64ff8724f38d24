import { describe, expect, it } from 'vitest';
import { isTransientAwsError } from '../../../lib/store/transient-errors.js';

const awsError = (name: string, status: number, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, ...extra });

describe('isTransientAwsError', () => {
  it.each([
    ['DynamoDB throttling', awsError('ProvisionedThroughputExceededException', 400)],
    ['a throttled request', awsError('ThrottlingException', 400)],
    ['a server error', awsError('InternalServerError', 500)],
    ['an unavailable service without a status', Object.assign(new Error('SQS unavailable'), { name: 'ServiceUnavailable' })],
    ['our error caused by one', new Error('the sends queue refused the message', { cause: Object.assign(new Error('SQS unavailable'), { name: 'ServiceUnavailable' }) })],
    ['an error marked retryable', Object.assign(new Error('lost a race'), { $retryable: {} })],
    ['a timeout', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a transaction that lost a race', awsError('TransactionCanceledException', 400, { CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] })],
  ])('calls %s transient', (_, error) => {
    expect(isTransientAwsError(error)).toBe(true);
  });

  it.each([
    ['a type error of our code', new TypeError('Cannot convert object to primitive value')],
    ['an invalid request', awsError('ValidationException', 400)],
    ['a failed condition', awsError('ConditionalCheckFailedException', 400)],
    ['a transaction cancelled by a condition', awsError('TransactionCanceledException', 400, { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] })],
    ['our error caused by a type error', new Error('evaluation failed', { cause: new TypeError('x is not a function') })],
    ['a thrown string', 'boom'],
  ])('calls %s permanent', (_, error) => {
    expect(isTransientAwsError(error)).toBe(false);
  });
});
