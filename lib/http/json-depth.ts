import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { jsonTextDepthExceeds, MAX_BODY_DEPTH } from '../validation/bounds.js';
import { ApiError } from './api-error.js';

/**
 * Refuses a JSON text nested deeper than MAX_BODY_DEPTH before anything parses it: JSON
 * parsers, zod, merges and JSON.stringify all recurse, and 5,000 levels would exhaust the stack.
 */
export const refuseDeepJson = (text: string): void => {
  if (jsonTextDepthExceeds(text, MAX_BODY_DEPTH)) {
    throw new ApiError(400, 'too_deep', `The body nests deeper than ${MAX_BODY_DEPTH} levels of objects and arrays; send at most ${MAX_BODY_DEPTH}.`);
  }
};

/** The same check as a middleware, for handlers whose body middy's JSON parser reads. */
export const jsonDepthLimit = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => {
  const jsonDepthLimitBefore = async (request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>): Promise<void> => {
    const { body, isBase64Encoded } = request.event;
    if (body !== undefined) refuseDeepJson(isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body);
  };
  return { before: jsonDepthLimitBefore };
};
