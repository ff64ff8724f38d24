import type { MiddlewareObj, Request } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ValidationError } from '../validation/field-issues.js';
import { ApiError } from './api-error.js';
import { json } from './responses.js';

type HttpRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

const defaults = { fallbackMessage: 'Something went wrong on our side; the request can be retried.' };

/**
 * Turns every error into a JSON answer `{ error, message, issues? }`: our ApiError and
 * ValidationError as they say, middy's http errors with their status (malformed JSON is a
 * 400 here, not middy's 415), a timeout as a 503 to retry, anything else as a logged 500
 * that reveals nothing.
 */
export const problemResponses = (logger: Logger, options: Partial<typeof defaults> = {}): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => {
  const { fallbackMessage } = { ...defaults, ...options };

  const problemResponsesOnError = async (request: HttpRequest): Promise<void> => {
    if (request.response !== undefined && request.error === undefined) return;
    const error = request.error as (Error & { statusCode?: number; expose?: boolean; cause?: { package?: string } }) | null;
    if (error instanceof ApiError) {
      request.response = json(error.statusCode, { error: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) });
    } else if (error instanceof ValidationError) {
      request.response = json(400, { error: 'invalid_request', message: 'The request is not valid.', issues: error.issues });
    } else if (error?.cause?.package === '@middy/http-json-body-parser' && error.statusCode === 415 && /malformed JSON/.test(error.message)) {
      request.response = json(400, { error: 'malformed_json', message: 'The body is not valid JSON.' });
    } else if (error?.name === 'TimeoutError' && error.cause?.package === '@middy/core') {
      // The function ran out of time (middy answers just before Lambda would): what was stored is deduped on a retry.
      logger.warn('request timed out; answered 503 for a retry', { error });
      request.response = json(503, { error: 'timeout', message: 'The request took too long; retry it (events already stored are not stored twice).' }, { 'retry-after': '1' });
    } else if (error && typeof error.statusCode === 'number' && error.statusCode < 500 && error.expose !== false) {
      request.response = json(error.statusCode, { error: 'http_error', message: error.message });
    } else {
      logger.error('request failed', { error: error ?? undefined });
      request.response = json(500, { error: 'internal_error', message: fallbackMessage });
    }
  };

  return { onError: problemResponsesOnError };
};
