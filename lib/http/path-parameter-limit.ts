import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MAX_ID_BYTES, utf8Bytes } from '../validation/bounds.js';
import { ValidationError } from '../validation/field-issues.js';

/**
 * Every path parameter is an id (a customer, a rule, a segment, a workspace): one longer
 * than an id can be is a 400 naming it, before any key is built from it.
 */
export const pathParameterLimit = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => {
  const pathParameterLimitBefore = async (request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>): Promise<void> => {
    const issues = Object.entries(request.event.pathParameters ?? {}).flatMap(([name, value]) => {
      const bytes = utf8Bytes(value ?? '');
      return bytes > MAX_ID_BYTES ? [{ path: name, message: `is ${bytes} bytes long; ids are at most ${MAX_ID_BYTES} bytes (UTF-8)` }] : [];
    });
    if (issues.length > 0) throw new ValidationError(issues);
  };
  return { before: pathParameterLimitBefore };
};
