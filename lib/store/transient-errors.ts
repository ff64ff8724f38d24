import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { cancellationCodes } from './dynamo-errors.js';

/** Server-side failures by name, for errors that carry no HTTP status (rethrown or built by hand). */
const TRANSIENT_NAMES = new Set(['TransactionConflictException', 'ServiceUnavailable', 'ServiceUnavailableException', 'InternalServerError', 'InternalFailure', 'InternalError']);
/** Cancelled transactions whose items lost a race or were throttled: trying again can succeed. */
const TRANSIENT_CANCELLATIONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);
/** How deep a chain of causes is followed (our errors wrap the SDK's: EnqueueError → ServiceUnavailable). */
const MAX_CAUSES = 10;

const transientItself = (error: object): boolean => {
  const candidate = error as Parameters<typeof isTransientError>[0];
  if (isThrottlingError(candidate) || isTransientError(candidate) || isServerError(candidate)) return true;
  if (TRANSIENT_NAMES.has(String((error as { name?: unknown }).name))) return true;
  return cancellationCodes(error)?.some((code) => TRANSIENT_CANCELLATIONS.has(code)) ?? false;
};

/**
 * Whether an error from AWS (or the network to it) may go away on its own, itself or any of
 * its causes: the AWS SDK's own classification of throttling, transient and server errors
 * (what its retry strategy retries, `$retryable` included), server failures known by name,
 * and transactions cancelled by a conflict or throttling. Anything else — our code failing on
 * the data, a ValidationException, a failed condition — fails the same way every time.
 */
export const isTransientAwsError = (error: unknown): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && typeof current === 'object' && current !== null; depth += 1) {
    if (transientItself(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
};
